"""Read-only SPARQL over the built graph (pyoxigraph): what `kg query` runs.

A query is a canned query's name (``ontology/queries/NAME.rq``), a path to a
``.rq`` file, or SPARQL text. The project's prefixes (``wic:``, ``schema:``,
``skos:``, ``prov:``, ``dcterms:``, ``org:``, ``rdfs:``, ``rdf:``, ``xsd:`` …,
`kg.namespaces.QUERY_PREFIXES`) are declared for every query.

Whatever the format of the data, the default graph a query sees is the union
of the file's graphs with each triple once: a triple that three documents'
graphs state is one row, not three. The named graphs stay as they are for
``GRAPH ?g { … }``.

A graph file of a build is answered from the build's persistent store
(`kg.graphstore`), opened read-only, while the file still has the content
it was built with; any other file is loaded into memory, and the result's
`notice` says why.

A query declares its parameters in its header comment, one line each::

    # param: year xsd:integer optional -- only this summit year
    # param: name xsd:string -- any label or alias of the organisation

``params={"year": "2024"}`` binds ``?year`` to ``2024`` as an xsd:integer
through the engine's substitution mechanism: the value is never spliced into
the query text. The engine substitutes the value for the variable, so
declare a parameter only for a variable that every row binds outside
OPTIONAL (under OPTIONAL, a row without that value would show it anyway).

``limit`` keeps only the first rows of a SELECT and stops there: whether
more rows follow is known (``more``), how many is not counted, since
counting them would make the engine evaluate every row (at 10,000 articles,
tens of seconds for a listing whose first page takes a tenth of one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from .errors import SparqlError
from .namespaces import QUERY_PREFIXES
from .paths import ontology_dir

__all__ = ["CannedQuery", "Param", "QueryResult", "canned_queries", "declared_params", "query", "load_store",
           "select_rows", "DEFAULT_DATA", "UNION_INTO_DEFAULT"]

DEFAULT_DATA = Path("out/kg.nt")
_FORMATS = {".nt": "N_TRIPLES", ".ttl": "TURTLE", ".trig": "TRIG", ".nq": "N_QUADS", ".jsonld": "JSON_LD",
            ".rdf": "RDF_XML", ".xml": "RDF_XML", ".n3": "N3"}
# Every named graph's triples, also in the default graph: a store is a set, so each is there once.
UNION_INTO_DEFAULT = "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
_UPDATE = re.compile(r"^\s*(?:INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.I | re.M)
_STRINGS_AND_COMMENTS = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^>\s]*>|#[^\n]*')
_QUERY_START = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "PREFIX", "BASE")
_KEYWORDS = _QUERY_START + ("WHERE", "FROM", "NAMED", "OPTIONAL", "FILTER", "UNION", "GRAPH", "MINUS", "BIND",
                            "VALUES", "SERVICE", "DISTINCT", "REDUCED", "ORDER", "GROUP", "BY", "HAVING", "LIMIT",
                            "OFFSET", "AS", "A", "EXISTS", "NOT", "IN")
# In Oxigraph's 'expected' lists: a quoted token or a keyword (character classes are dropped first).
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[A-Za-z]\w*')
# Tokens of SPARQL 1.2 drafts that Oxigraph also expects: no help for a SPARQL 1.1 query.
_OXIGRAPH_ONLY = {"VERSION", "LATERAL", '"{|"', '"~"'}
# A bare word: no ?variable, $variable, prefix: or :local name.
_WORD = re.compile(r"(?<![?$:\w])([A-Za-z]+)(?![:\w])")


def _integer(value: str) -> str:
    if not re.fullmatch(r"[+-]?\d+", value):
        raise ValueError
    return str(int(value))


# decimal, datetime, difflib and unicodedata are imported where used: `kg query` starts without them.
def _decimal(value: str) -> str:
    from decimal import Decimal

    if not re.fullmatch(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)", value):
        raise ValueError
    return str(Decimal(value))


def _date(value: str) -> str:
    from datetime import date

    if not re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        raise ValueError
    return date.fromisoformat(value).isoformat()


def _search_key(value: str) -> str:
    return value.strip().lower()


# A parameter's type: how its value is checked and written, and what to give. A wic:searchKey is
# an xsd:string written as the build writes search keys (lower-cased), so that a name is found
# in any case by an index lookup: LCASE() in the query would make Oxigraph scan every key.
_TYPES = {
    "xsd:string": (str, "any text"),
    "xsd:integer": (_integer, "a whole number such as 2024"),
    "xsd:decimal": (_decimal, "a decimal number such as 0.7"),
    "xsd:date": (_date, "a date such as 2024-11-20"),
    "wic:searchKey": (_search_key, "any name"),
}
_PARAM = re.compile(r"#\s*param:\s*(?P<name>[A-Za-z_]\w*)\s+(?P<type>\S+)(?P<optional>\s+optional)?"
                    r"\s*(?:--\s*(?P<doc>.*?))?\s*")


@dataclass(frozen=True)
class Param:
    """A parameter a query declares in its header: ``# param: NAME TYPE [optional] [-- what it selects]``."""

    name: str
    type: str
    optional: bool = False
    description: str = ""

    def __str__(self) -> str:
        return f"{self.name} ({self.type}, {'optional' if self.optional else 'required'})"

    def term(self, value: str):
        """`value` as a literal of the declared type; SparqlError if it is not one."""
        import pyoxigraph

        check, expected = _TYPES[self.type]
        try:
            lexical = check(str(value))
        except ValueError:
            raise SparqlError(f"--param {self.name}={value}: {self.name} is an {self.type}: give {expected}") from None
        datatype = "string" if self.type == "wic:searchKey" else self.type[4:]
        return pyoxigraph.Literal(lexical, datatype=pyoxigraph.NamedNode(QUERY_PREFIXES["xsd"] + datatype))


def declared_params(text: str, source: str) -> tuple[Param, ...]:
    """The ``# param:`` lines of a query's header (its leading comment lines)."""
    params: dict[str, Param] = {}
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if line and not line.startswith("#"):
            break
        if not re.match(r"#\s*param\b", line):
            continue
        match = _PARAM.fullmatch(line)
        if match is None:
            raise SparqlError(f"{source}:{number}: write a parameter as '# param: NAME TYPE [optional] [-- what it selects]'")
        name, kind = match["name"], match["type"]
        if kind not in _TYPES:
            raise SparqlError(f"{source}:{number}: parameter {name} has unknown type {kind!r}; use {', '.join(_TYPES)}")
        if name in params:
            raise SparqlError(f"{source}:{number}: parameter {name} is declared twice")
        params[name] = Param(name, kind, bool(match["optional"]), match["doc"] or "")
    return tuple(params.values())


@dataclass(frozen=True)
class CannedQuery:
    name: str
    path: Path
    description: str
    params: tuple[Param, ...] = ()


@dataclass
class QueryResult:
    """What a query gave: rows of RDF terms (pyoxigraph; None where unbound), a boolean, or triples."""

    kind: str  # "select" | "ask" | "graph"
    variables: list[str] = field(default_factory=list)
    terms: list[list] = field(default_factory=list)
    boolean: bool | None = None
    triples: list = field(default_factory=list)  # sorted
    total: int | None = None  # rows or triples the query gave; None when `limit` cut rows off uncounted
    more: bool = False  # a SELECT's `limit` cut rows off: more rows follow than were kept
    notice: str | None = None  # one line for the user, e.g. what a lookup by name did not find

    def __post_init__(self) -> None:
        if self.total is None and not self.more:
            self.total = len(self.terms) if self.kind == "select" else len(self.triples)

    @property
    def rows(self) -> list[list[str | None]]:
        """The rows as plain strings: an IRI, a literal's text (no datatype or language), None where unbound."""
        return [[_value(term) for term in row] for row in self.terms]

    def to_dataframe(self):
        """The rows as a pandas DataFrame with typed columns (`kg.frames`; needs the pandas extra)."""
        from .frames import to_dataframe

        return to_dataframe(self.variables, self.terms)


def canned_queries() -> dict[str, CannedQuery]:
    folder = ontology_dir() / "queries"
    found = {}
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        found[path.stem] = CannedQuery(path.stem, path, text.splitlines()[0].lstrip("# ").strip(),
                                       declared_params(text, str(path)))
    return found


def _source(query_or_name: str) -> tuple[str, str, bool]:
    """The query's text, how to name it in a message, and whether it is a canned query."""
    canned = canned_queries()
    if query_or_name in canned:
        return canned[query_or_name].path.read_text(encoding="utf-8"), f"query '{query_or_name}'", True
    if query_or_name.endswith(".rq"):
        path = Path(query_or_name)
        try:
            return path.read_text(encoding="utf-8-sig"), str(path), False  # a BOM is not part of the query
        except FileNotFoundError:
            raise SparqlError(f"{path}: no such query file") from None
        except UnicodeDecodeError as exc:
            raise SparqlError(f"{path}: not UTF-8 text (byte {exc.start}); save the query as UTF-8") from None
        except OSError as exc:
            raise SparqlError(f"{path}: cannot be read: {exc.strerror}") from None
    if re.fullmatch(r"[\w-]+", query_or_name):
        from .lookup import suggestion

        raise SparqlError(f"no canned query named {query_or_name!r}{suggestion(query_or_name, canned) or ';'} "
                          "`kg query --list` shows them")
    return query_or_name, "the query", False


def _bind(declared: tuple[Param, ...], given: dict, label: str) -> dict:
    """The engine's substitutions for `given`, typed as `declared`; SparqlError on an unknown or missing one."""
    import pyoxigraph

    known = {p.name: p for p in declared}
    listing = f"its parameters: {', '.join(map(str, declared))}" if declared else (
        "it declares none (a header line '# param: NAME TYPE' declares one)")
    for name in given:
        if name not in known:
            raise SparqlError(f"--param {name}: {label} has no parameter {name!r}; {listing}")
    missing = [p.name for p in declared if not p.optional and p.name not in given]
    if missing:
        raise SparqlError(f"{label} needs --param {missing[0]}=VALUE; {listing}")
    return {pyoxigraph.Variable(name): known[name].term(value) for name, value in given.items()}


def rdf_format(data: Path) -> str:
    """The name of the pyoxigraph.RdfFormat of an RDF file, from its extension; SparqlError for another file."""
    name = _FORMATS.get(data.suffix.lower())
    if name is None:
        raise SparqlError(f"{data}: unknown RDF format (use one of {', '.join(sorted(_FORMATS))})")
    return name


def load_store(data: Path):
    """An in-memory Oxigraph store holding an RDF file (format from its extension).

    Its default graph is the union of the file's graphs, each triple once;
    the named graphs stay as they are (`len(store)` counts both)."""
    import pyoxigraph

    if not data.exists():
        raise SparqlError(f"{data}: not found; run `kg build` first or pass --data")
    name = rdf_format(data)
    store = pyoxigraph.Store()
    try:
        store.bulk_load(path=str(data), format=getattr(pyoxigraph.RdfFormat, name))
    except (SyntaxError, ValueError, OSError) as exc:
        raise SparqlError(f"{data}: cannot be loaded: {exc}")
    store.update(UNION_INTO_DEFAULT)
    return store


def _value(term) -> str | None:
    return None if term is None else term.value


def select_rows(store, sparql: str) -> list[tuple[str | None, ...]]:
    """The rows of a SELECT over a `load_store` store, as plain strings
    (None where unbound): for the library's own queries."""
    # A solution iterated gives its values in the order of the variables: 2-3x faster than by name.
    return [tuple(None if term is None else term.value for term in row) for row in store.query(sparql)]


def _select(solutions, limit: int | None) -> QueryResult:
    """The first `limit` rows (all when None), and whether more follow (not how many: see the module)."""
    variables = [v.value for v in solutions.variables]
    terms = [list(s) for s in islice(solutions, limit)]  # values in the order of the variables
    more = next(solutions, None) is not None
    return QueryResult("select", variables, terms, total=None if more else len(terms), more=more)


def _missed_name(store, params: dict) -> str:
    """What a lookup by name that found nothing says: the name, and the graph's nearest names."""
    from .lookup import suggestion

    keys = [row[0] for row in select_rows(store, "SELECT DISTINCT ?key WHERE { ?s <%ssearchKey> ?key }"
                                          % QUERY_PREFIXES["wic"])]
    return f"nothing in the graph is named {params['name']!r}{suggestion(params['name'], keys)}"


def _check_search_keys(store, text: str, data: Path) -> None:
    """Name lookups match wic:searchKey, which graphs built before it existed
    lack: say so rather than print no rows."""
    if "wic:searchKey" in text and not store.query("ASK { ?s wic:searchKey ?k }", prefixes=QUERY_PREFIXES):
        raise SparqlError(f"{data}: has no wic:searchKey triples, which name lookups need; rebuild it with `kg build`")


def _display_width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _expected(listing: str, line_text: str, column: int) -> str:
    """Oxigraph's 'expected …' list in words: tokens and keywords, without character classes."""
    if "Prefix not found" in listing:
        match = re.search(r"([A-Za-z][\w.-]*)?:[^\s:]*$", line_text[:column - 1])
        prefix = (match[1] or "") if match else ""
        return (f"unknown prefix '{prefix}:'; every query has {', '.join(QUERY_PREFIXES)} "
                f"(declare others with PREFIX {prefix or 'x'}: <…>)")
    if "IRI parsing failed" in listing:
        return "this IRI is not valid"
    listing = re.sub(r"^one of ", "", re.sub(r"\[[^\]]*\]", "", listing))
    words = [token for token in _TOKEN.findall(listing) if token not in _OXIGRAPH_ONLY]
    if '"\\""' in words:
        return "this string is not closed"
    if not words:
        return "the query cannot be read here"
    more = f" (or {len(words) - 8} more)" if len(words) > 8 else ""
    return f"expected {', '.join(words[:8])}{more}"


def _near_keyword(word: str) -> str | None:
    """The SPARQL keyword that `word` misspells, if any."""
    import difflib

    if word.upper() in _KEYWORDS:
        return None
    return next(iter(difflib.get_close_matches(word.upper(), _KEYWORDS, n=1, cutoff=0.75)), None)


def _syntax_error(text: str, message: str, label: str) -> SparqlError:
    """A one-line reason, then the offending line with a caret under the position.

    Text whose first word starts no query is not SPARQL; a word before the
    error that misspells a keyword gets a 'did you mean'."""
    match = re.match(r"error at (\d+):(\d+): expected (.*)", message, re.S)
    if match is None:
        return SparqlError(f"syntax error in {label}: {message}")
    line, column = int(match[1]), int(match[2])
    code = _STRINGS_AND_COMMENTS.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), text)  # positions kept
    words = [(m[1], number, m.start(1) + 1) for number, code_line in enumerate(code.splitlines(), 1)
             for m in _WORD.finditer(code_line)]
    if not words or words[0][0].upper() not in _QUERY_START:
        first = words[0][0] if words else ""
        near = _near_keyword(first) if first else None
        if near is None:
            hint = (f"; {first} is a canned query: run it as `kg query {first}` with --param NAME=VALUE"
                    if first in canned_queries() else "; `kg query --list` shows the canned queries")
            return SparqlError(f"{label} is not SPARQL: a query starts with SELECT, ASK, CONSTRUCT or DESCRIBE "
                               f"(after any PREFIX lines){hint}")
        misspelt = [(*words[0], near)]
    else:
        misspelt = [(word, number, start, near) for word, number, start in words
                    if (number, start) <= (line, column) and (near := _near_keyword(word))]
    lines = text.splitlines()
    if misspelt:
        word, line, column, near = misspelt[-1]
    line_text = lines[line - 1].replace("\t", " ") if line <= len(lines) else ""
    reason = (f"{word!r} is no SPARQL keyword: did you mean {near}?" if misspelt
              else _expected(match[3], line_text, column))
    caret = " " * _display_width(line_text[:column - 1]) + "^"
    return SparqlError(f"syntax error at line {line}, column {column}: {reason}\n  {line_text}\n  {caret}")


def query(query_or_name: str, data: Path = DEFAULT_DATA, params: dict[str, str] | None = None,
          limit: int | None = None) -> QueryResult:
    """Run a read-only query; raise SparqlError on updates, syntax errors and
    parameters the query does not declare or lacks.

    With `limit`, a SELECT keeps only its first `limit` rows (`more` says
    whether others follow, uncounted) and a CONSTRUCT its first `limit`
    triples (`total` counts them all)."""
    import pyoxigraph

    from .graphstore import open_graph

    if limit is not None and limit < 0:
        raise SparqlError(f"limit {limit}: give 0 or more rows")
    text, label, canned = _source(query_or_name)
    if _UPDATE.search(_STRINGS_AND_COMMENTS.sub(" ", text)):
        raise SparqlError("SPARQL UPDATE is not allowed: kg query is read-only (rebuild with `kg build` instead)")
    substitutions = _bind(declared_params(text, label), params or {}, label)
    store, loaded = open_graph(data)
    if canned:
        _check_search_keys(store, text, data)
    try:
        result = store.query(text, prefixes=QUERY_PREFIXES, substitutions=substitutions)
        if isinstance(result, pyoxigraph.QuerySolutions):
            answer = _select(result, limit)
            if canned and answer.total == 0 and "name" in (params or {}) and "wic:searchKey" in text:
                answer.notice = _missed_name(store, params)
        elif isinstance(result, pyoxigraph.QueryBoolean):
            answer = QueryResult("ask", boolean=bool(result))
        else:
            triples = sorted(result, key=str)
            answer = QueryResult("graph", triples=triples[:limit], total=len(triples))
    except SyntaxError as exc:
        raise _syntax_error(text, str(exc), label) from None
    except RuntimeError as exc:  # e.g. a declared parameter that the query does not SELECT
        raise SparqlError(f"{label}: {exc}".replace("does not contains", "does not contain")) from None
    answer.notice = "\n".join(filter(None, (loaded, answer.notice))) or None
    return answer
