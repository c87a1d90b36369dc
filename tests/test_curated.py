"""Curated data errors stop the build with path:line and write nothing."""

from __future__ import annotations

import shutil

import pytest

from kg import build
from kg.errors import CuratedDataError

from .conftest import CURATED, SEEDS

GOOD = (CURATED / "summits.yaml").read_text(encoding="utf-8")


def _broken(tmp_path, text: str):
    folder = tmp_path / "curated"
    folder.mkdir()
    (folder / "summits.yaml").write_text(text, encoding="utf-8")
    return folder


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.parametrize("name,edit,needle,message", [
    ("syntax", lambda t: t.replace("ordinal: 3\n", "ordinal: 3: three\n"), "ordinal: 3: three", "YAML syntax error"),
    ("unknown field", lambda t: t.replace("ordinal: 3\n", "ordinal: 3\n    colour: red\n"), "colour: red",
     "Extra inputs are not permitted"),
    ("wrong type", lambda t: t.replace("year: 2016", "year: twenty-sixteen"), "year: twenty-sixteen",
     "valid integer"),
    ("ordinal does not fit", lambda t: t.replace("ordinal: 3\n", "ordinal: 4\n"), "year: 2016",
     "does not fit year 2016"),
])
def test_errors_name_file_and_line(tmp_path, name, edit, needle, message):
    text = edit(GOOD)
    folder = _broken(tmp_path, text)
    out = tmp_path / "out"
    with pytest.raises(CuratedDataError) as caught:
        build(seeds=SEEDS, curated=folder, out=out)
    assert str(caught.value).startswith(f"{folder / 'summits.yaml'}:{_line_of(text, needle)}: ")
    assert message in str(caught.value)
    assert not out.exists()


def test_duplicate_summit_is_refused(tmp_path):
    text = GOOD + "  - year: 2016\n    ordinal: 3\n    source: {note: again}\n"
    with pytest.raises(CuratedDataError, match="duplicate summit year: 2016"):
        build(seeds=SEEDS, curated=_broken(tmp_path, text), out=tmp_path / "out")


def test_quote_not_in_document_is_refused(tmp_path):
    text = GOOD.replace("首届峰会以“互联互通,共享共治”为主题", "首届峰会以“别的主题”为主题")
    with pytest.raises(CuratedDataError, match="is not in 000_80be1b6e8778084f.txt"):
        build(seeds=SEEDS, curated=_broken(tmp_path, text), out=tmp_path / "out")


def test_cli_reports_curated_error_without_traceback(tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app

    folder = _broken(tmp_path, GOOD.replace("year: 2016", "year: [2016"))
    result = CliRunner().invoke(app, ["build", "--curated", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "summits.yaml:" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_curated_facts_build_with_any_seeds_folder(tmp_path):
    """The default curated file cites seed articles; without them its facts stand on the file itself."""
    from typer.testing import CliRunner

    from kg.cli import app

    from .conftest import ROOT, select, store_of

    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", "--seeds", str(ROOT / "tests" / "pages" / "txt"),
                                      "--curated", str(CURATED), "--out", str(out), "--no-cache"])
    assert result.exit_code == 0, result.output
    report = (out / "report.md").read_text(encoding="utf-8")
    notes = report.split("## Notes")[1].split("##")[0]
    assert "- curated facts cite 000_80be1b6e8778084f.txt, which is not among the documents read (summits.yaml lines 8, " in notes
    assert "- curated facts cite 003_3d05a6fa01f90e66.txt" in notes
    store = store_of((out / "kg.nt").read_text(encoding="utf-8"))
    rows = select(store, """SELECT DISTINCT ?theme ?note ?doc WHERE { ?s a wic:Summit ; wic:year 2025 ; wic:theme ?theme .
        FILTER(LANG(?theme) = "en") ?c a wic:ThemeStatement ; wic:summit ?s ; prov:wasDerivedFrom ?e .
        ?e wic:note ?note ; wic:document/dcterms:identifier ?doc }""")
    line = _line_of(GOOD, 'source: {doc: 000_80be1b6e8778084f.txt, quote: "本届峰会以')
    assert [r["doc"] for r in rows] == ["ontology/curated"]
    assert rows[0]["theme"].startswith("Forging an Open, Cooperative")
    assert rows[0]["note"].startswith(f"summits.yaml:{line}; quotes 000_80be1b6e8778084f.txt: “本届峰会以")


def test_curated_facts_cite_their_file_and_the_document_they_quote(store):
    from .conftest import select

    rows = select(store, """SELECT ?doc ?note ?quote WHERE { ?s a wic:Summit ; wic:year 2016 .
        ?c a wic:ThemeStatement ; wic:summit ?s ; prov:wasDerivedFrom ?e .
        ?e wic:extractor "curated" ; wic:document/dcterms:identifier ?doc .
        OPTIONAL { ?e wic:note ?note } OPTIONAL { ?e wic:quote ?quote } } ORDER BY ?doc""")
    line = _line_of(GOOD, '- theme: {zh: "创新驱动 造福人类"}') + 1
    assert rows == [
        {"doc": "000_80be1b6e8778084f.txt", "note": None, "quote": "2016年,“创新驱动 造福人类”成为主题"},
        {"doc": "ontology/curated", "note": f"summits.yaml:{line}", "quote": None},
    ]
