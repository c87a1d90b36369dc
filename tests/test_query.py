"""`kg query`: canned queries, parameters, read-only, errors."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import SparqlError
from kg.query import canned_queries, query


def test_every_canned_query_runs_and_is_described(built):
    canned = canned_queries()
    assert {"conflicts", "speakers", "people", "organisation", "themes", "summits", "awards", "publications",
            "evidence", "connected"} <= set(canned)
    for name, item in canned.items():
        assert item.description
        params = {"name": "腾讯"} if name in ("organisation", "evidence") else {}
        result = query(name, data=built / "kg.nt", params=params)
        assert result.rows, name


def test_a_graph_without_search_keys_is_named_not_silently_empty(built, tmp_path):
    old = tmp_path / "old.nt"
    old.write_text("".join(line for line in (built / "kg.nt").read_text(encoding="utf-8").splitlines(keepends=True)
                           if "#searchKey>" not in line), encoding="utf-8")
    with pytest.raises(SparqlError, match=r"old\.nt: has no wic:searchKey triples, which name lookups need"):
        query("organisation", data=old, params={"name": "腾讯"})
    assert query("themes", data=old).rows  # queries that do not look names up still run


def test_parameter_is_bound_as_a_literal_not_spliced(built):
    assert query("organisation", data=built / "kg.nt", params={"name": "腾讯"}).rows
    attack = query("organisation", data=built / "kg.nt", params={"name": 'x" } ; DROP ALL #'})
    assert attack.rows == []


@pytest.mark.parametrize("text", ["DROP ALL", "INSERT DATA { <a:b> <a:c> <a:d> }",
                                  "PREFIX x: <http://x/>\nDELETE WHERE { ?s ?p ?o }"])
def test_updates_are_refused(built, text):
    with pytest.raises(SparqlError, match="read-only"):
        query(text, data=built / "kg.nt")


def test_syntax_error_gives_line_and_column(built):
    with pytest.raises(SparqlError, match=r"line:column 2:\d+"):
        query("SELECT * WHERE {\n ?s ?p }", data=built / "kg.nt")


def test_cli_json_csv_and_bounded_output(built):
    runner = CliRunner()
    result = runner.invoke(app, ["query", "themes", "--data", str(built / "kg.nt"), "--format", "json"])
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert {"year": "2025", "lang": "zh", "theme": "共筑开放合作、安全普惠的数智未来——携手构建网络空间命运共同体"} in rows
    many = runner.invoke(app, ["query", "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", "--data", str(built / "kg.nt"),
                               "--format", "csv", "--limit", "5"])
    assert many.exit_code == 0
    assert len(many.stdout.strip().splitlines()) == 6
    assert "showing 5 of" in many.stderr


def test_cli_lists_and_refuses_unknown_names(built):
    runner = CliRunner()
    listed = runner.invoke(app, ["query", "--list"])
    assert "conflicts" in listed.output
    unknown = runner.invoke(app, ["query", "nosuchquery", "--data", str(built / "kg.nt")])
    assert unknown.exit_code == 2 and "no canned query named 'nosuchquery'" in unknown.output


def test_kg_query_start_up_imports_only_what_it_needs(built):
    # Start-up is budgeted against `import rdflib` (bench/bench_query.py); these
    # three are what pushed it over: rdflib itself, pydantic (typer 0.29 coerces
    # options with it) and rich (only the table format needs it).
    import subprocess
    import sys

    code = ("import sys; from kg.cli import app; sys.argv = ['kg', 'query', 'themes', '--data', sys.argv[1], "
            "'--format', 'csv']\ntry:\n    app()\nexcept SystemExit as done:\n    assert not done.code, done.code\n"
            "loaded = [m for m in ('rdflib', 'pydantic', 'rich') if m in sys.modules]\nassert not loaded, loaded")
    run = subprocess.run([sys.executable, "-c", code, str(built / "kg.nt")], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("year,lang,theme\n")
