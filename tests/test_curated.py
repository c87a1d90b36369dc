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
