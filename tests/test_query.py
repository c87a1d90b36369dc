"""`kg query`: canned queries, typed parameters, prefixes, syntax errors,
result formats and the table, on the real engine (pyoxigraph) with rdflib and
Jena RIOT reading what it writes."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections import Counter

import pyoxigraph
import pytest
import rdflib
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import SparqlError
from kg.namespaces import QUERY_PREFIXES
from kg.sparql import canned_queries, load_store, query, select_rows

from .conftest import CANNED_PARAMS, ROOT

XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


def _kg(*args: str, env: dict | None = None):
    return CliRunner(env=env).invoke(app, list(args))


def test_every_canned_query_runs_and_is_described(built):
    canned = canned_queries()
    assert {"conflicts", "speakers", "people", "organisation", "themes", "summits", "awards", "publications",
            "evidence", "connected"} <= set(canned)
    for name, item in canned.items():
        assert item.description
        required = {p.name: CANNED_PARAMS[name][p.name] for p in item.params if not p.optional}
        assert query(name, data=built / "kg.nt", params=required).rows, name


def test_canned_parameters_are_declared_and_typed():
    declared = {name: {p.name: (p.type, p.optional) for p in item.params} for name, item in canned_queries().items()}
    assert declared["speakers"] == {"year": ("xsd:integer", True), "lang": ("xsd:string", True)}
    assert declared["organisation"] == declared["history"] == {"name": ("wic:searchKey", False),
                                                                "lang": ("xsd:string", True)}
    assert declared["people"] == {"lang": ("xsd:string", True)}
    assert declared["evidence"] == {"name": ("wic:searchKey", False)}
    # Every declared parameter has a sample value that the interop tests run on every engine.
    assert {name for name, params in declared.items() if params} == set(CANNED_PARAMS)


@pytest.mark.parametrize("name", sorted(n for n, q in canned_queries().items() if any(p.optional for p in q.params)))
def test_an_optional_parameter_keeps_exactly_the_rows_with_that_value(built, name):
    # The engine substitutes the value for the variable: under OPTIONAL a row without the value would
    # show it all the same. Binding each value the query gives must keep exactly the rows that have it.
    params = canned_queries()[name].params
    required = {p.name: CANNED_PARAMS[name][p.name] for p in params if not p.optional}
    everything = query(name, data=built / "kg.nt", params=required)
    for param in (p for p in params if p.optional):
        column = everything.variables.index(param.name)
        values = {row[column].value for row in everything.terms}
        assert values, (name, param.name)
        for value in values:
            bound = query(name, data=built / "kg.nt", params={**required, param.name: value})
            expected = Counter(tuple(map(str, row)) for row in everything.terms if row[column].value == value)
            assert Counter(tuple(map(str, row)) for row in bound.terms) == expected, (name, value)


def test_year_binds_as_an_integer(built):
    result = query("speakers", data=built / "kg.nt", params={"year": "2024"})
    assert result.rows and {row[0] for row in result.rows} == {"2024"}
    assert {row[0].datatype.value for row in result.terms} == {XSD_INTEGER}
    run = _kg("query", "speakers", "--param", "year=2024", "--data", str(built / "kg.nt"), "--format", "csv")
    assert run.exit_code == 0 and run.stdout.splitlines()[1:] == [",".join(row) for row in result.rows]


@pytest.mark.parametrize("args,message", [
    (["speakers", "--param", "org=腾讯"],
     "error: --param org: query 'speakers' has no parameter 'org'; its parameters: year (xsd:integer, optional), "
     "lang (xsd:string, optional)\n"),
    (["organisation"],
     "error: query 'organisation' needs --param name=VALUE; its parameters: name (wic:searchKey, required), "
     "lang (xsd:string, optional)\n"),
    (["speakers", "--param", "year=二〇二四"],
     "error: --param year=二〇二四: year is an xsd:integer: give a whole number such as 2024\n"),
    (["SELECT ?s WHERE { ?s ?p ?o }", "--param", "s=x"],
     "error: --param s: the query has no parameter 's'; it declares none (a header line '# param: NAME TYPE' "
     "declares one)\n"),
])
def test_parameter_mistakes_are_one_line_naming_the_parameters(built, args, message):
    run = _kg("query", *args, "--data", str(built / "kg.nt"))
    assert run.exit_code == 2 and run.output == message


def test_parameters_of_every_type_bind_in_an_adhoc_query(built):
    text = ("# param: day xsd:date -- a start date\n# param: n xsd:decimal optional\n# param: label xsd:string optional\n"
            "SELECT ?day ?summit WHERE { ?summit a wic:Summit ; wic:startDate ?day }")
    assert query(text, data=built / "kg.nt", params={"day": "2024-11-19"}).rows == [
        ["2024-11-19", "https://w3id.org/wuzhen-kg/id/summit/2024"]]
    with pytest.raises(SparqlError, match=r"--param day=2024-11-31: day is an xsd:date: give a date such as"):
        query(text, data=built / "kg.nt", params={"day": "2024-11-31"})
    with pytest.raises(SparqlError, match=r"--param n=1e3: n is an xsd:decimal"):
        query(text, data=built / "kg.nt", params={"day": "2024-11-19", "n": "1e3"})
    confidence = "# param: c xsd:decimal\nSELECT ?c ?e WHERE { ?e wic:confidence ?c }"
    assert query(confidence, data=built / "kg.nt", params={"c": "1.0"}).rows


@pytest.mark.parametrize("header,message", [
    ("# param: year integer", r"my\.rq:2: parameter year has unknown type 'integer'; use xsd:string, xsd:integer"),
    ("# param year", r"my\.rq:2: write a parameter as '# param: NAME TYPE \[optional\] \[-- what it selects\]'"),
    ("# param: y xsd:integer\n# param: y xsd:string", r"my\.rq:3: parameter y is declared twice"),
])
def test_malformed_parameter_declarations_name_file_and_line(built, tmp_path, header, message):
    path = tmp_path / "my.rq"
    path.write_text(f"# Mine.\n{header}\nSELECT ?y WHERE {{ ?s wic:year ?y }}\n", encoding="utf-8")
    with pytest.raises(SparqlError, match=message):
        query(str(path), data=built / "kg.nt")


def test_a_declared_parameter_the_query_does_not_select_is_named(built, tmp_path):
    path = tmp_path / "my.rq"
    path.write_text("# param: org xsd:string\nSELECT ?y WHERE { ?s wic:year ?y }\n", encoding="utf-8")
    with pytest.raises(SparqlError, match=r"my\.rq: .*does not contain variable \?org in its SELECT"):
        query(str(path), data=built / "kg.nt", params={"org": "x"})


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


def test_the_project_prefixes_are_declared_for_every_query(built):
    years = query("SELECT DISTINCT ?year WHERE { ?s a wic:Summit ; wic:year ?year } ORDER BY ?year",
                  data=built / "kg.nt")
    assert len(years.rows) == 12 and years.rows[0] == ["2014"]
    typed = query("SELECT (COUNT(*) AS ?n) WHERE { ?d rdf:type wic:Document ; dcterms:identifier ?id }",
                  data=built / "kg.nt")
    assert int(typed.rows[0][0]) > 0
    # A query's own PREFIX wins over the project's.
    assert query("PREFIX wic: <http://example.org/>\nSELECT ?s WHERE { ?s wic:year ?y }", data=built / "kg.nt").rows == []
    assert set(QUERY_PREFIXES) >= {"wic", "schema", "skos", "prov", "dcterms", "org", "rdfs", "rdf", "xsd"}


def test_syntax_error_shows_the_line_with_a_caret(built):
    run = _kg("query", "SELECT * WHERE {\n  ?s foo:bar ?o }", "--data", str(built / "kg.nt"))
    assert run.exit_code == 2 and "Traceback" not in run.output
    first, line, caret = run.output.rstrip("\n").split("\n")
    assert first.startswith("error: syntax error at line 2, column 13: unknown prefix 'foo:'; every query has wic,")
    assert line == "    ?s foo:bar ?o }" and caret == "  " + " " * 12 + "^"


def test_the_caret_counts_wide_characters_twice(built):
    with pytest.raises(SparqlError) as raised:
        query('SELECT ?x WHERE { ?x skos:prefLabel "乌镇" . ?x nope:y ?z }', data=built / "kg.nt")
    line, caret = str(raised.value).split("\n")[1:]
    # The engine stops after 'nope:y'; before it, 乌镇 is two characters but four columns on screen.
    assert caret.index("^") == len(line[:line.index("nope:y") + 6]) + 2


@pytest.mark.parametrize("text,message", [
    ("SELEC * WHERE { ?s ?p ?o }", r"syntax error at line 1, column 1: 'SELEC' is no SPARQL keyword: did you mean SELECT\?"),
    ("SELECT * WHERE { ?s ?p ?o } LIMT 3", r"column 29: 'LIMT' is no SPARQL keyword: did you mean LIMIT\?"),
    ("who spoke at the 2024 summit?", r"^the query is not SPARQL: a query starts with SELECT, ASK, CONSTRUCT or DESCRIBE"),
    ("speakers in 2024", r"not SPARQL.*speakers is a canned query: run it as `kg query speakers`"),
    ('SELECT ?x WHERE { ?x wic:quote "open }', r"this string is not closed"),
])
def test_syntax_errors_say_what_is_wrong(built, text, message):
    with pytest.raises(SparqlError, match=message):
        query(text, data=built / "kg.nt")


def test_json_is_the_engines_sparql_results_format_with_types_and_languages(built):
    run = _kg("query", "themes", "--data", str(built / "kg.nt"), "--format", "json")
    assert run.exit_code == 0
    store = pyoxigraph.Store()
    store.load(path=str(built / "kg.nt"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    direct = store.query(canned_queries()["themes"].path.read_text(encoding="utf-8"))
    assert json.loads(run.stdout) == json.loads(direct.serialize(format=pyoxigraph.QueryResultsFormat.JSON))
    parsed = rdflib.query.Result.parse(io.StringIO(run.stdout), format="json")
    rows = [(row["year"], row["theme"]) for row in parsed]
    assert all(year.datatype == rdflib.XSD.integer for year, _ in rows)
    assert {theme.language for _, theme in rows} == {"zh", "en"}


def test_xml_gives_the_same_bindings_as_json(built):
    def bindings(fmt):
        run = _kg("query", "summits", "--data", str(built / "kg.nt"), "--format", fmt)
        assert run.exit_code == 0, run.output
        return [tuple(row) for row in rdflib.query.Result.parse(io.BytesIO(run.stdout_bytes), format=fmt)]

    assert bindings("xml") == bindings("json") and len(bindings("xml")) == 12


def test_json_honours_the_limit(built):
    run = _kg("query", "speakers", "--data", str(built / "kg.nt"), "--format", "json", "--limit", "2")
    assert len(json.loads(run.stdout)["results"]["bindings"]) == 2
    assert run.stderr == "showing the first 2 rows; raise --limit to see more\n"


CONSTRUCT = "CONSTRUCT { ?s skos:prefLabel ?l } WHERE { ?s a wic:Summit ; skos:prefLabel ?l }"


def test_construct_prints_turtle_that_rdflib_and_jena_read(built, tmp_path):
    run = _kg("query", CONSTRUCT, "--data", str(built / "kg.nt"))
    assert run.exit_code == 0
    expected = query(CONSTRUCT, data=built / "kg.nt").total
    assert expected > 0 and "@prefix wic: <https://w3id.org/wuzhen-kg/ontology#> ." in run.stdout
    graph = rdflib.Graph().parse(data=run.stdout, format="turtle")
    assert len(graph) == expected
    assert {o.language for o in graph.objects()} == {"zh", "en"}
    turtle = tmp_path / "construct.ttl"
    turtle.write_text(run.stdout, encoding="utf-8")
    riot = subprocess.run(["bash", str(ROOT / "scripts" / "riot.sh"), "--count", str(turtle)],
                          capture_output=True, text=True)
    assert riot.returncode == 0 and f"= {expected:,}" in riot.stdout + riot.stderr, riot.stderr
    for fmt, syntax in (("nt", "nt"), ("jsonld", "json-ld")):
        other = _kg("query", CONSTRUCT, "--data", str(built / "kg.nt"), "--format", fmt)
        assert isomorphic(rdflib.Graph().parse(data=other.stdout, format=syntax), graph), fmt


def test_ask_and_formats_that_do_not_fit(built):
    assert _kg("query", "ASK { ?s wic:year 2024 }", "--data", str(built / "kg.nt")).stdout == "true\n"
    assert json.loads(_kg("query", "ASK { ?s wic:year 1999 }", "--data", str(built / "kg.nt"),
                          "--format", "json").stdout)["boolean"] is False
    wrong = _kg("query", CONSTRUCT, "--data", str(built / "kg.nt"), "--format", "csv")
    assert wrong.exit_code == 2
    assert wrong.output == "error: --format csv: a CONSTRUCT or DESCRIBE query gives triples: choose turtle, nt, jsonld\n"
    rows = _kg("query", "themes", "--data", str(built / "kg.nt"), "--format", "turtle")
    assert rows.exit_code == 2 and "a SELECT query gives rows: choose table, csv, tsv, json, xml" in rows.output


def test_csv_with_a_byte_order_mark_for_excel(built):
    plain = _kg("query", "themes", "--data", str(built / "kg.nt"), "--format", "csv")
    marked = _kg("query", "themes", "--data", str(built / "kg.nt"), "--format", "csv", "--bom")
    assert marked.stdout_bytes == b"\xef\xbb\xbf" + plain.stdout_bytes
    assert marked.stdout_bytes.decode("utf-8-sig").startswith("year,lang,theme\n2014,zh,")
    refused = _kg("query", "themes", "--data", str(built / "kg.nt"), "--format", "json", "--bom")
    assert refused.exit_code == 2 and refused.output == "error: --bom: only with --format csv or tsv (not json)\n"


def _table_cells(output: str) -> str:
    """What a one-column table shows, without its frame and line breaks."""
    inner = [line[1:-1].strip() for line in output.splitlines() if line.startswith("│")]
    return "".join(inner).replace(" ", "")


def test_the_table_wraps_long_values_instead_of_cutting_them(built):
    for text in ("SELECT ?quote WHERE { ?e wic:quote ?quote } ORDER BY ?quote",
                 "SELECT ?node WHERE { ?node a wic:Organization } ORDER BY ?node"):
        values = query(text, data=built / "kg.nt").rows
        run = _kg("query", text, "--data", str(built / "kg.nt"), env={"COLUMNS": "40"})
        assert run.exit_code == 0 and max(len(line) for line in run.stdout.splitlines()) <= 40
        assert _table_cells(run.stdout) == "".join(v for (v,) in values).replace(" ", "")
        assert run.stderr == ""


def test_a_table_too_wide_for_the_terminal_says_how_to_see_every_value(built):
    columns = " ".join(f"?v{i}" for i in range(12))
    text = f"SELECT {columns} WHERE {{ {' '.join(f'BIND(STR(wic:Summit) AS ?v{i})' for i in range(12))} }}"
    run = _kg("query", text, "--data", str(built / "kg.nt"), env={"COLUMNS": "60"})
    assert run.exit_code == 0
    assert run.stderr == ("12 columns do not fit in 60 characters, so some values are cut: "
                          "see every value whole with --format csv, tsv or json\n")


def test_cli_csv_and_bounded_output(built):
    many = _kg("query", "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", "--data", str(built / "kg.nt"),
               "--format", "csv", "--limit", "5")
    assert many.exit_code == 0
    assert len(many.stdout.strip().splitlines()) == 6
    assert "showing the first 5 rows" in many.stderr
    every = _kg("query", "speakers", "--data", str(built / "kg.nt"), "--format", "csv", "--limit", "12")
    assert every.exit_code == 0 and every.stderr == ""  # exactly as many rows as the limit: nothing more follows


def test_cli_lists_queries_with_parameters_and_refuses_unknown_names(built):
    listed = _kg("query", "--list")
    assert "conflicts" in listed.output
    assert [line for line in listed.output.splitlines() if line.startswith("speakers ")][0].endswith(
        "--param year (xsd:integer, optional)  --param lang (xsd:string, optional)")
    unknown = _kg("query", "nosuchquery", "--data", str(built / "kg.nt"))
    assert unknown.exit_code == 2 and "no canned query named 'nosuchquery'" in unknown.output


def test_kg_query_start_up_imports_only_what_it_needs(built):
    # Start-up is budgeted against `import rdflib` (bench/bench_query.py); these
    # three are what pushed it over: rdflib itself, pydantic (typer 0.29 coerces
    # options with it) and rich (only the table format needs it).
    code = ("import sys; from kg.cli import app; sys.argv = ['kg', 'query', 'themes', '--data', sys.argv[1], "
            "'--format', 'csv']\ntry:\n    app()\nexcept SystemExit as done:\n    assert not done.code, done.code\n"
            "loaded = [m for m in ('rdflib', 'pydantic', 'rich') if m in sys.modules]\nassert not loaded, loaded")
    run = subprocess.run([sys.executable, "-c", code, str(built / "kg.nt")], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("year,lang,theme\n")


# What the build lays out for the canned queries gives the rows the queries gave before it:
# `connected` reads each entity's wic:edgeCount instead of grouping every direct edge,
# `conflicts` each claim's wic:statedIn instead of going through its evidence spans.
EDGES = "wic:memberOf wic:spokeAt wic:partOf wic:wonAward wic:developedBy schema:publisher wic:place"
LAYOUT_PREFIXES = """PREFIX wic: <https://w3id.org/wuzhen-kg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
"""
GROUPED = LAYOUT_PREFIXES + f"""SELECT ?node (COUNT(*) AS ?edges) WHERE {{
  VALUES ?p {{ {EDGES} }}
  {{ ?node ?p ?other }} UNION {{ ?other ?p ?node }}
}} GROUP BY ?node"""
# connected.rq before the count was stored: every edge grouped at query time.
CONNECTED_GROUPED = LAYOUT_PREFIXES + f"""SELECT ?entity ?class ?edges ?node WHERE {{
  {{
    SELECT ?node (COUNT(*) AS ?edges) WHERE {{
      VALUES ?p {{ {EDGES} }}
      {{ ?node ?p ?other }} UNION {{ ?other ?p ?node }}
    }}
    GROUP BY ?node
    ORDER BY DESC(?edges) ?node
    LIMIT 20
  }}
  ?node skos:prefLabel ?entity ; a ?type .
  FILTER(LANG(?entity) = "zh" || NOT EXISTS {{ ?node skos:prefLabel ?zh FILTER(LANG(?zh) = "zh") }})
  FILTER(STRSTARTS(STR(?type), "https://w3id.org/wuzhen-kg/ontology#"))
  BIND(STRAFTER(STR(?type), "#") AS ?class)
}}
ORDER BY DESC(?edges) ?entity ?node"""
ENTITIES = LAYOUT_PREFIXES + """SELECT DISTINCT ?node WHERE {
  ?node skos:prefLabel [] ; a ?type FILTER(STRSTARTS(STR(?type), STR(wic:)))
}"""


def test_the_stored_edge_count_is_the_grouped_count(built):
    store = load_store(built / "kg.trig")
    grouped = {node: int(n) for node, n in select_rows(store, GROUPED)}
    stored = {node: n for node, n in select_rows(store, LAYOUT_PREFIXES + "SELECT ?node ?n WHERE { ?node wic:edgeCount ?n }")}
    entities = {node for (node,) in select_rows(store, ENTITIES)}
    assert {node: int(n) for node, n in stored.items()} == {n: c for n, c in grouped.items() if n in entities}
    # Summits count their forums' wic:partOf and their venue; a place also counts the Schedule claims naming it.
    assert grouped["https://w3id.org/wuzhen-kg/id/summit/2025"] > 1
    assert any(node.startswith("https://w3id.org/wuzhen-kg/id/place/") for node in stored)
    assert any("/id/schedule/" in node for node in grouped)  # counted towards the place, not stored on the claim


def test_connected_gives_the_rows_of_the_grouped_query(built):
    for data in (built / "kg.nt", built / "kg.trig"):
        store = load_store(data)
        expected = [list(row) for row in select_rows(store, CONNECTED_GROUPED)]
        assert len(expected) == 20
        assert query("connected", data=data).rows == expected


# conflicts.rq before wic:statedIn: each claim's documents through its evidence spans.
CONFLICTS_THROUGH_EVIDENCE = LAYOUT_PREFIXES + """PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?summit ?fact ?value (GROUP_CONCAT(?doc; separator=", ") AS ?docs) ?resolution WHERE {
  {
    SELECT DISTINCT ?conflict ?summit ?fact ?resolution ?claim ?value ?doc WHERE {
      ?conflict a wic:Conflict ; wic:conflictSubject ?subject ; wic:conflictProperty ?fact ;
                wic:resolution ?resolution ; wic:claim ?claim .
      ?subject wic:year ?summit .
      ?claim prov:wasDerivedFrom ?evidence .
      ?evidence wic:document ?document .
      ?document dcterms:identifier ?doc .
      OPTIONAL { ?claim wic:theme ?theme }
      OPTIONAL { ?claim wic:startDate ?start ; wic:endDate ?end }
      BIND(COALESCE(STR(?theme), CONCAT(STR(?start), "..", STR(?end))) AS ?value)
    }
    ORDER BY ?doc
  }
}
GROUP BY ?conflict ?summit ?fact ?resolution ?claim ?value
ORDER BY ?summit ?fact ?value"""


def test_a_conflict_claim_is_stated_in_the_documents_of_its_evidence(built):
    store = load_store(built / "kg.trig")
    claims = LAYOUT_PREFIXES + "PREFIX prov: <http://www.w3.org/ns/prov#>\nSELECT DISTINCT ?claim ?document WHERE { [] wic:claim ?claim . %s }"
    through_evidence = set(select_rows(store, claims % "?claim prov:wasDerivedFrom/wic:document ?document"))
    stated = set(select_rows(store, claims % "?claim wic:statedIn ?document"))
    assert through_evidence and stated == through_evidence
    # Only the claims a conflict groups carry it.
    assert {c for c, in select_rows(store, LAYOUT_PREFIXES + "SELECT DISTINCT ?c WHERE { ?c wic:statedIn [] }")} == {
        c for c, _ in stated}


def test_conflicts_gives_the_rows_it_gave_through_the_evidence(built):
    for data in (built / "kg.nt", built / "kg.trig"):
        expected = [list(row) for row in select_rows(load_store(data), CONFLICTS_THROUGH_EVIDENCE)]
        assert expected
        assert query("conflicts", data=data).rows == expected


# evidence.rq before the documents' identifiers were joined in memory.
EVIDENCE_BY_LOOKUP = LAYOUT_PREFIXES + """PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?name ?claimType ?doc ?start ?end ?extractor ?quote WHERE {
  ?entity wic:searchKey ?name .
  ?claim ?field ?entity ; a ?type ; prov:wasDerivedFrom ?evidence .
  ?evidence wic:document/dcterms:identifier ?doc ; wic:extractor ?extractor .
  OPTIONAL { ?evidence wic:start ?start } OPTIONAL { ?evidence wic:end ?end } OPTIONAL { ?evidence wic:quote ?quote }
  BIND(STRAFTER(STR(?type), "#") AS ?claimType)
}
ORDER BY ?doc ?start ?claimType"""


def _evidence_order(row: list) -> tuple:
    return row[2], -1 if row[3] is None else int(row[3]), row[1]  # document, start, claim type


def test_evidence_gives_the_rows_it_gave_by_lookup_in_the_same_order(built):
    """The canned query sorts in a subquery and looks the printed fields up after it: the same rows,
    still sorted by document, start and claim type (rows tied on those may come in another order)."""
    store = load_store(built / "kg.trig")
    sizes = []
    for name in (CANNED_PARAMS["evidence"]["name"], "2025年世界互联网大会乌镇峰会"):
        key = pyoxigraph.Literal(name.lower())
        expected = [[None if t is None else t.value for t in row]
                    for row in store.query(EVIDENCE_BY_LOOKUP, substitutions={pyoxigraph.Variable("name"): key})]
        sizes.append(len(expected))
        rows = query("evidence", data=built / "kg.trig", params={"name": name}).rows
        assert Counter(map(tuple, rows)) == Counter(map(tuple, expected))
        assert [_evidence_order(row) for row in rows] == [_evidence_order(row) for row in expected]
    assert min(sizes) > 0 and max(sizes) > 10  # the summit's rows span documents and starts
