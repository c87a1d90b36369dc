"""Read-only SPARQL over the built graph (pyoxigraph).

A query is a canned query's name (``ontology/queries/NAME.rq``), a path to a
``.rq`` file, or SPARQL text. ``--param NAME=VALUE`` binds ``?NAME`` to a
literal through the engine's substitution mechanism: the value is never
spliced into the query text.

``limit`` keeps only the first rows and counts the others without turning
them into Python values, so a query that matches millions of rows costs
time in the engine but no memory here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from .errors import SparqlError
from .paths import ontology_dir

__all__ = ["CannedQuery", "QueryResult", "canned_queries", "query", "load_store", "select_rows", "DEFAULT_DATA"]

DEFAULT_DATA = Path("out/kg.nt")
_FORMATS = {".nt": "N_TRIPLES", ".ttl": "TURTLE", ".trig": "TRIG", ".nq": "N_QUADS", ".jsonld": "JSON_LD",
            ".rdf": "RDF_XML", ".xml": "RDF_XML"}
_UPDATE = re.compile(r"^\s*(?:INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.I | re.M)
_STRINGS_AND_COMMENTS = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^>\s]*>|#[^\n]*')


@dataclass(frozen=True)
class CannedQuery:
    name: str
    path: Path
    description: str


@dataclass
class QueryResult:
    kind: str  # "select" | "ask" | "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[list[str | None]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple[str, str, str]] = field(default_factory=list)
    total: int | None = None  # rows the query matched; more than len(rows) when `limit` cut them

    def __post_init__(self) -> None:
        if self.total is None:
            self.total = len(self.rows)


def canned_queries() -> dict[str, CannedQuery]:
    folder = ontology_dir() / "queries"
    found = {}
    for path in sorted(folder.glob("*.rq")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        found[path.stem] = CannedQuery(path.stem, path, first.lstrip("# ").strip())
    return found


def _text_of(query_or_name: str) -> str:
    canned = canned_queries()
    if query_or_name in canned:
        return canned[query_or_name].path.read_text(encoding="utf-8")
    if query_or_name.endswith(".rq"):
        path = Path(query_or_name)
        if not path.exists():
            raise SparqlError(f"{path}: no such query file")
        return path.read_text(encoding="utf-8")
    if re.fullmatch(r"[\w-]+", query_or_name):
        raise SparqlError(f"no canned query named {query_or_name!r}; `kg query --list` shows them")
    return query_or_name


def load_store(data: Path):
    """An in-memory Oxigraph store holding an RDF file (format from its extension)."""
    import pyoxigraph

    if not data.exists():
        raise SparqlError(f"{data}: not found; run `kg build` first or pass --data")
    name = _FORMATS.get(data.suffix.lower())
    if name is None:
        raise SparqlError(f"{data}: unknown RDF format (use one of {', '.join(sorted(_FORMATS))})")
    store = pyoxigraph.Store()
    try:
        store.bulk_load(path=str(data), format=getattr(pyoxigraph.RdfFormat, name))
    except (SyntaxError, ValueError, OSError) as exc:
        raise SparqlError(f"{data}: cannot be loaded: {exc}")
    return store


def _term(term) -> str | None:
    return None if term is None else term.value


def select_rows(store, sparql: str) -> list[tuple[str | None, ...]]:
    """The rows of a SELECT over the union of the store's graphs, as plain
    strings (None where unbound): for the library's own queries."""
    solutions = store.query(sparql, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [tuple(_term(row[n]) for n in names) for row in solutions]


def _select(solutions, limit: int | None) -> QueryResult:
    """The first `limit` rows (all when None) and how many there are in all."""
    variables = [v.value for v in solutions.variables]
    rows = [[_term(s[v]) for v in variables] for s in islice(solutions, limit)]
    rest = sum(1 for _ in solutions)
    return QueryResult("select", variables, rows, total=len(rows) + rest)


def _check_search_keys(store, text: str, data: Path) -> None:
    """Name lookups match wic:searchKey, which graphs built before it existed
    lack: say so rather than print no rows."""
    if "wic:searchKey" in text and not store.query(
            "ASK { ?s <https://w3id.org/wuzhen-kg/ontology#searchKey> ?k }", use_default_graph_as_union=True):
        raise SparqlError(f"{data}: has no wic:searchKey triples, which name lookups need; rebuild it with `kg build`")


def query(query_or_name: str, data: Path = DEFAULT_DATA, params: dict[str, str] | None = None,
          limit: int | None = None) -> QueryResult:
    """Run a read-only query; raise SparqlError on updates or syntax errors.

    With `limit`, a SELECT keeps only its first `limit` rows; `total` still
    counts them all."""
    import pyoxigraph

    if limit is not None and limit < 0:
        raise SparqlError(f"limit {limit}: give 0 or more rows")
    text = _text_of(query_or_name)
    if _UPDATE.search(_STRINGS_AND_COMMENTS.sub(" ", text)):
        raise SparqlError("SPARQL UPDATE is not allowed: kg query is read-only (rebuild with `kg build` instead)")
    substitutions = {pyoxigraph.Variable(name): pyoxigraph.Literal(value) for name, value in (params or {}).items()}
    store = load_store(data)
    if query_or_name in canned_queries():
        _check_search_keys(store, text, data)
    try:
        result = store.query(text, substitutions=substitutions, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise SparqlError(f"syntax {exc}".replace("syntax error at", "syntax error at line:column"))
    if isinstance(result, pyoxigraph.QuerySolutions):
        return _select(result, limit)
    if isinstance(result, pyoxigraph.QueryBoolean):
        return QueryResult("ask", boolean=bool(result))
    return QueryResult("graph", triples=sorted((str(t.subject), str(t.predicate), str(t.object)) for t in result))
