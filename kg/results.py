"""A query's result as text, in the standard formats, written by the engine.

Rows: ``json`` (SPARQL 1.1 Query Results JSON: term types, datatypes and
language tags), ``xml`` (SPARQL Query Results XML), ``csv`` and ``tsv`` (one
plain value per cell, for spreadsheets and shell tools; ``bom`` starts them
with a byte-order mark so that Excel reads UTF-8). Triples of CONSTRUCT and
DESCRIBE: ``turtle`` (with the project's prefixes), ``nt``, ``jsonld``. The
``table`` format is drawn by the CLI.
"""

from __future__ import annotations

import csv
import io
import json

from .errors import SparqlError
from .namespaces import QUERY_PREFIXES
from .sparql import QueryResult

__all__ = ["ROW_FORMATS", "TRIPLE_FORMATS", "render"]

ROW_FORMATS = ("table", "csv", "tsv", "json", "xml")
TRIPLE_FORMATS = ("turtle", "nt", "jsonld")
_RDF_FORMATS = {"turtle": "TURTLE", "nt": "N_TRIPLES", "jsonld": "JSON_LD"}


def _engine_results(result: QueryResult, fmt: str) -> str:
    """Rows or a boolean in the engine's JSON or XML writer. The kept rows
    reach it as SPARQL TSV (terms in N-Triples syntax), which it reads back
    exactly, so the `limit` that cut them is honoured."""
    import pyoxigraph

    if result.kind == "ask":
        kept = json.dumps({"head": {}, "boolean": result.boolean})
        solutions = pyoxigraph.parse_query_results(kept, format=pyoxigraph.QueryResultsFormat.JSON)
    else:
        lines = ["\t".join(f"?{name}" for name in result.variables)]
        lines += ["\t".join("" if term is None else str(term) for term in row) for row in result.terms]
        solutions = pyoxigraph.parse_query_results("\n".join(lines) + "\n", format=pyoxigraph.QueryResultsFormat.TSV)
    return solutions.serialize(format=getattr(pyoxigraph.QueryResultsFormat, fmt.upper())).decode("utf-8") + "\n"


def _plain(result: QueryResult, delimiter: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(result.variables)
    writer.writerows([["" if value is None else value for value in row] for row in result.rows])
    return buffer.getvalue()


def render(result: QueryResult, fmt: str, bom: bool = False) -> str:
    """`result` as text in `fmt`; SparqlError if the format does not fit the
    kind of result (rows, a boolean or triples)."""
    import pyoxigraph

    if bom and fmt not in ("csv", "tsv"):
        raise SparqlError(f"--bom: only with --format csv or tsv (not {fmt})")
    if result.kind == "graph":
        if fmt not in TRIPLE_FORMATS:
            raise SparqlError(f"--format {fmt}: a CONSTRUCT or DESCRIBE query gives triples: "
                              f"choose {', '.join(TRIPLE_FORMATS)}")
        prefixes = QUERY_PREFIXES if fmt == "turtle" else None
        return pyoxigraph.serialize(result.triples, format=getattr(pyoxigraph.RdfFormat, _RDF_FORMATS[fmt]),
                                    prefixes=prefixes).decode("utf-8")
    if fmt not in ROW_FORMATS:
        kind = "a SELECT query gives rows" if result.kind == "select" else "an ASK query gives true or false"
        raise SparqlError(f"--format {fmt}: {kind}: choose {', '.join(ROW_FORMATS)}")
    if fmt in ("json", "xml"):
        return _engine_results(result, fmt)
    if result.kind == "ask":
        return "true\n" if result.boolean else "false\n"
    if fmt == "table":
        raise ValueError("rows as a table are drawn by kg.cli")
    text = _plain(result, "," if fmt == "csv" else "\t")
    return ("\ufeff" if bom else "") + text
