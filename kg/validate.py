"""SHACL validation of the built graph against ``ontology/shapes.ttl``.

Each constraint of each shape is compiled to one SPARQL query returning the
nodes that break it (a count of one, to one query for all of a shape's
paths), and the queries run on Oxigraph. pySHACL walks every
focus node in Python and needed 43 s for a 500,000-triple graph. The
compiler covers the SHACL Core subset listed in `_KEYS` and refuses any
other feature by name rather than skip it, so a shape can never pass because
it was not understood; the tests compare its results with pySHACL's on
deliberately broken graphs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from .errors import ShapesError
from .paths import ontology_dir

__all__ = ["ShaclReport", "ShaclResult", "Check", "validate", "revalidate", "compile_shapes", "checks_digest"]

SH = "http://www.w3.org/ns/shacl#"
_INSTANCE_OF = ("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>/"
                "<http://www.w3.org/2000/01/rdf-schema#subClassOf>*")
_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_XSD = "http://www.w3.org/2001/XMLSchema#"
# SHACL counts an ill-typed literal ("2019-02-30"^^xsd:date) as breaking
# sh:datatype. A literal is well typed when SPARQL's cast of its text to the
# datatype succeeds and gives the literal back, so only datatypes with a cast
# function are accepted in shapes.
_CASTABLE = {_XSD + name for name in ("string", "boolean", "integer", "decimal", "float", "double", "date",
                                      "dateTime", "time", "duration", "dayTimeDuration", "yearMonthDuration")}
# Constraints that judge each value on its own, and their component names.
_VALUE_KEYS = {"class": "Class", "datatype": "Datatype", "minInclusive": "MinInclusive",
               "maxInclusive": "MaxInclusive", "pattern": "Pattern", "in": "In", "or": "Or"}
_KEYS = set(_VALUE_KEYS) | {"path", "property", "message", "minCount", "maxCount", "uniqueLang", "lessThan",
                            "flags", "targetClass", "targetSubjectsOf", "declare", "prefix", "namespace"}


class ShaclResult(BaseModel):
    focus: str
    path: str | None
    value: str | None
    component: str  # e.g. "MinCountConstraintComponent"
    shape: str
    message: str

    def line(self) -> str:
        path = f" {self.path}" if self.path else ""
        value = f" = {self.value}" if self.value is not None else ""
        return f"<{self.focus}>{path}{value}: {self.message} [{self.component}, {self.shape}]"


class ShaclReport(BaseModel):
    conforms: bool
    violations: int
    text: str
    results: list[ShaclResult] = []


@dataclass(frozen=True)
class Check:
    """One constraint of one shape as a query binding ?focus (and ?value when the constraint judges values,
    ?path when the query checks several paths: see `path_iri`)."""

    shape: str
    path: str | None
    component: str
    message: str
    sparql: str
    source: str  # the shapes file
    # Set when `sparql` checks several paths of one shape at once and returns ?focus ?path:
    # this check's results are the rows whose ?path is this IRI.
    path_iri: str | None = None


class _Shapes:
    """Reads shapes from the shapes graph and writes SPARQL for them."""

    def __init__(self, path: Path, focus: list[str] | None = None):
        from rdflib import Graph

        self.path = path
        # Only these focus nodes (IRIs) are checked: bound first, so every query starts from them.
        self.focus_nodes = focus
        self.focus = "" if focus is None else "VALUES ?focus { " + " ".join(f"<{n}>" for n in focus) + " } "
        self.graph = Graph().parse(path, format="turtle")
        self.context: dict = {}  # blank-node shape → how to name it in a message

    def sh(self, name: str):
        from rdflib import URIRef

        return URIRef(SH + name)

    def one(self, shape, key: str):
        values = list(self.graph.objects(shape, self.sh(key)))
        if len(values) > 1:
            self.refuse(shape, f"has {len(values)} values of sh:{key}; kg.validate takes one per shape")
        return values[0] if values else None

    def items(self, node) -> list:
        from rdflib.collection import Collection

        return list(Collection(self.graph, node))

    def name(self, shape, fallback=None) -> str:
        from rdflib import URIRef

        if isinstance(shape, URIRef):
            return self.graph.namespace_manager.normalizeUri(shape)
        if fallback is not None:
            return self.name(fallback)
        return self.context.get(shape, "a blank-node shape")

    def keys(self, shape) -> set[str]:
        keys = {str(p)[len(SH):] for p in self.graph.predicates(shape) if str(p).startswith(SH)}
        if keys - _KEYS:
            self.refuse(shape, f"uses {', '.join('sh:' + k for k in sorted(keys - _KEYS))}, "
                               "which kg.validate does not implement")
        return keys

    def refuse(self, shape, reason: str):
        raise ShapesError(str(self.path), self.name(shape), reason)

    def message(self, shape, default: str) -> str:
        messages = sorted(self.graph.objects(shape, self.sh("message")), key=lambda m: (m.language != "en", str(m)))
        return str(messages[0]) if messages else default

    def target(self, shape) -> str:
        """A pattern binding ?focus to the shape's focus nodes."""
        return self.focus + self.targets(shape)

    def targets(self, shape) -> str:
        """A pattern for the shape's targets, whichever nodes are checked."""
        branches = [f"{{ ?focus {_INSTANCE_OF} {c.n3()} }}" for c in sorted(self.graph.objects(shape, self.sh("targetClass")))]
        branches += [f"{{ ?focus {p.n3()} [] }}" for p in sorted(self.graph.objects(shape, self.sh("targetSubjectsOf")))]
        return " UNION ".join(branches)

    def per_path_head(self, shape, paths: list[str]) -> str:
        """The shape's targets with ?path bound to each of `paths` (N-Triples IRIs). With focus nodes,
        each (node, path) pair is bound in one table: two tables of their own made Oxigraph join the
        paths with every target before the nodes (0.55 s for five nodes among 145,000 targets)."""
        if self.focus_nodes is None:
            return f"{self.targets(shape)} VALUES ?path {{ {' '.join(paths)} }}"
        pairs = " ".join(f"(<{node}> {path})" for node in self.focus_nodes for path in paths)
        return f"VALUES (?focus ?path) {{ {pairs} }} {self.targets(shape)}"

    def breaks(self, shape, key: str, var: str) -> str:
        """An expression true when the term in `var` breaks value constraint `key` of `shape`."""
        arg = self.one(shape, key)
        if key == "class":
            return f"NOT EXISTS {{ {var} {_INSTANCE_OF} {arg.n3()} }}"
        if key == "datatype":
            if str(arg) == _LANGSTRING:
                return f'!(isLiteral({var}) && LANG({var}) != "")'
            if str(arg) not in _CASTABLE:
                self.refuse(shape, f"uses sh:datatype {self.name(arg)}, which kg.validate cannot check for well-formed values")
            return f"!COALESCE(isLiteral({var}) && DATATYPE({var}) = {arg.n3()} && {arg.n3()}(STR({var})) = {var}, false)"
        if key in ("minInclusive", "maxInclusive"):
            return f"!COALESCE({var} {'>=' if key == 'minInclusive' else '<='} {arg.n3()}, false)"
        if key == "pattern":
            flags = self.one(shape, "flags")
            flags_text = f", {flags.n3()}" if flags is not None else ""
            return f"!COALESCE(!isBlank({var}) && REGEX(STR({var}), {arg.n3()}{flags_text}), false)"
        if key == "in":
            return _none_of([f"sameTerm({var}, {m.n3()})" for m in self.items(arg)])
        members = self.items(arg)  # sh:or
        for member in members:
            self.context[member] = f"a member of sh:or in {self.name(shape)}"
        return _none_of([self.conforms(member, var) for member in members])

    def conforms(self, shape, var: str) -> str:
        """An expression true when `var` conforms to a member shape of sh:or:
        value constraints on the node itself, or [ sh:path P ; sh:minCount 1 ]."""
        keys = self.keys(shape) - {"message"}
        if "path" in keys:
            if keys != {"path", "minCount"} or int(self.one(shape, "minCount")) != 1:
                self.refuse(shape, "is a property shape other than [ sh:path P ; sh:minCount 1 ], "
                                   "the only kind kg.validate takes inside sh:or")
            return f"EXISTS {{ {var} {self.one(shape, 'path').n3()} [] }}"
        if keys - set(_VALUE_KEYS):
            self.refuse(shape, f"uses more than {', '.join(sorted(_VALUE_KEYS))}, which is all kg.validate "
                               "takes in a node shape inside sh:or")
        return "(" + " && ".join(["true"] + [f"!({self.breaks(shape, key, var)})" for key in sorted(keys)]) + ")"


def _none_of(alternatives: list[str]) -> str:
    """True when none of the alternatives holds (always, for an empty list)."""
    return "!(" + " || ".join(["false"] + alternatives) + ")"


# A count of one, checked for all of a node shape's paths in one query: ?path is bound by VALUES. Each
# query scans the shape's targets, so one per shape instead of one per path saves a third of the time.
_PER_PATH = {"MinCount": "FILTER NOT EXISTS { ?focus ?path [] }",
             # a second, different value breaks it: a join over pairs is faster than grouping every focus node
             "MaxCount": "?focus ?path ?v, ?w FILTER(!sameTerm(?v, ?w))"}


def _property_queries(s: _Shapes, prop, target: str) -> dict[str, str | None]:
    """Component name → query, for each constraint of a property shape; None
    for a minimum or maximum count of one, which `compile_shapes` checks for
    all the paths of a node shape in one query (`_PER_PATH`)."""
    from rdflib import URIRef

    keys = s.keys(prop)
    path = s.one(prop, "path")
    if not isinstance(path, URIRef):
        s.refuse(prop, "has a sh:path that is not a single predicate, the only kind kg.validate implements")
    p, queries = path.n3(), {}
    if "minCount" in keys:
        n = int(s.one(prop, "minCount"))
        queries["MinCount"] = None if n == 1 else (
            f"SELECT ?focus WHERE {{ {target} OPTIONAL {{ ?focus {p} ?v }} }} GROUP BY ?focus HAVING(COUNT(DISTINCT ?v) < {n})")
    if "maxCount" in keys:
        n = int(s.one(prop, "maxCount"))
        queries["MaxCount"] = None if n == 1 else (
            f"SELECT ?focus WHERE {{ {{ SELECT DISTINCT ?focus WHERE {{ {target} }} }} ?focus {p} ?v }} "
            f"GROUP BY ?focus HAVING(COUNT(DISTINCT ?v) > {n})")
    for key in sorted(keys & set(_VALUE_KEYS)):
        queries[_VALUE_KEYS[key]] = (f"SELECT DISTINCT ?focus ?value WHERE {{ {target} ?focus {p} ?value "
                                     f"FILTER({s.breaks(prop, key, '?value')}) }}")
    if "lessThan" in keys:
        queries["LessThan"] = (f"SELECT DISTINCT ?focus ?value WHERE {{ {target} ?focus {p} ?value . "
                               f"?focus {s.one(prop, 'lessThan').n3()} ?other FILTER(!COALESCE(?value < ?other, false)) }}")
    if "uniqueLang" in keys and s.one(prop, "uniqueLang").toPython() is True:
        queries["UniqueLang"] = (f"SELECT DISTINCT ?focus WHERE {{ {target} ?focus {p} ?value, ?other "
                                 f'FILTER(!sameTerm(?value, ?other) && LANG(?value) != "" '
                                 f"&& LCASE(LANG(?value)) = LCASE(LANG(?other))) }}")
    return queries


def _refuse_what_is_not_compiled(s: _Shapes) -> None:
    """Check every node of the shapes graph that uses sh: terms, not only the
    targeted shapes, so an unsupported target or feature cannot go unseen."""
    from rdflib import OWL, RDF, RDFS

    paths = set(s.graph.objects(None, s.sh("path")))
    for node in sorted({subject for subject, p in s.graph.subject_predicates() if str(p).startswith(SH)}):
        if node in paths:
            continue  # a path expression: the property shape using it refuses it by name
        s.keys(node)
        if {RDFS.Class, OWL.Class} & set(s.graph.objects(node, RDF.type)):
            s.refuse(node, "is also a class (an implicit class target), which kg.validate does not implement")


def compile_shapes(path: Path | None = None, focus: list[str] | None = None) -> list[Check]:
    """Every constraint of every targeted shape in the shapes file, as a
    query; with `focus`, a query that checks only those focus nodes."""
    from rdflib import URIRef

    s = _Shapes(path or ontology_dir() / "shapes.ttl", focus)
    _refuse_what_is_not_compiled(s)
    checks: list[Check] = []

    def add(shape: str, path: str | None, component: str, message: str, sparql: str, path_iri: str | None = None
            ) -> None:
        checks.append(Check(shape=shape, path=path, component=component + "ConstraintComponent", message=message,
                            sparql=sparql, source=str(s.path), path_iri=path_iri))

    for shape in sorted(set(s.graph.subjects(s.sh("targetClass"))) | set(s.graph.subjects(s.sh("targetSubjectsOf")))):
        if "path" in s.keys(shape):
            s.refuse(shape, "is a property shape with a target; kg.validate takes targets on node shapes only")
        target = s.target(shape)
        for key in sorted(s.keys(shape) & set(_VALUE_KEYS)):
            add(s.name(shape), None, _VALUE_KEYS[key], s.message(shape, f"{_VALUE_KEYS[key]} constraint not met"),
                f"SELECT DISTINCT ?focus WHERE {{ {target} FILTER({s.breaks(shape, key, '?focus')}) }}")
        per_path: dict[str, list[tuple]] = {}  # component → the shape's constraints in `_PER_PATH`
        for prop in sorted(s.graph.objects(shape, s.sh("property"))):
            path = s.one(prop, "path")
            path_name = s.graph.namespace_manager.normalizeUri(path) if isinstance(path, URIRef) else "(complex path)"
            s.context[prop] = f"the {path_name} property shape of {s.name(shape)}"
            if "property" in s.keys(prop):
                s.refuse(prop, "nests sh:property, which kg.validate does not implement")
            for component, sparql in _property_queries(s, prop, target).items():
                found = (s.name(prop, fallback=shape), path_name, component,
                         s.message(prop, f"{path_name}: {component} constraint not met"))
                if sparql is None:
                    per_path.setdefault(component, []).append((*found, path))
                else:
                    add(*found, sparql)
        for component, found in sorted(per_path.items()):
            head = s.per_path_head(shape, sorted({path.n3() for *_, path in found}))
            sparql = f"SELECT DISTINCT ?focus ?path WHERE {{ {head} {_PER_PATH[component]} }}"
            for *fields, path in found:
                add(*fields, sparql, str(path))
    return checks


def checks_digest(checks: list[Check]) -> str:
    """What validation results depend on besides the graph: the checks as compiled (the shapes file,
    this compiler, rdflib's names for shapes) and the engine that runs them (its casts decide
    sh:datatype). Results kept from an earlier build hold only under the same digest."""
    import hashlib
    import json

    import pyoxigraph

    compiled = [[c.shape, c.path, c.component, c.message, c.sparql, c.path_iri] for c in checks]
    return hashlib.sha256(json.dumps([pyoxigraph.__version__, compiled], ensure_ascii=False).encode()).hexdigest()


def _solutions(store, check: Check):
    try:
        return store.query(check.sparql)
    except SyntaxError as exc:  # a shape the compiler turned into invalid SPARQL: name the shape
        raise ShapesError(check.source, check.shape, f"compiles to a query Oxigraph rejects: {exc}") from exc


def _results(store, checks: list[Check]) -> list[ShaclResult]:
    results = []
    by_path: dict[str, dict[str, list[str]]] = {}  # a query for several paths → path IRI → the focus nodes it gave
    for check in checks:
        if check.path_iri is not None:
            if check.sparql not in by_path:
                found = by_path[check.sparql] = {}
                for row in _solutions(store, check):
                    found.setdefault(row["path"].value, []).append(row["focus"].value)
            results += [ShaclResult(focus=focus, path=check.path, value=None, component=check.component,
                                    shape=check.shape, message=check.message)
                        for focus in by_path[check.sparql].get(check.path_iri, ())]
            continue
        solutions = _solutions(store, check)
        has_value = any(v.value == "value" for v in solutions.variables)
        for row in solutions:
            results.append(ShaclResult(focus=row["focus"].value, path=check.path,
                                       value=str(row["value"]) if has_value else None,
                                       component=check.component, shape=check.shape, message=check.message))
    return results


def _report(results: list[ShaclResult]) -> ShaclReport:
    # Every field in the key: the order depends on the results alone, not on the order of the checks.
    results.sort(key=lambda r: (r.focus, r.path or "", r.component, r.value or "", r.shape, r.message))
    return ShaclReport(conforms=not results, violations=len(results),
                       text="\n".join(r.line() for r in results), results=results)


def validate(store, checks: list[Check] | None = None) -> ShaclReport:
    """Run every check (by default those of ``ontology/shapes.ttl``) on an
    Oxigraph store from `kg.sparql.load_store`, whose default graph is the
    union of the named graphs."""
    return _report(_results(store, compile_shapes() if checks is None else checks))


def revalidate(store, previous: list[ShaclResult], changed: Mapping[str, Iterable[str]],
               shapes: Path | None = None) -> ShaclReport:
    """What `validate` gives after a change, checking only the nodes it can
    concern: `changed` maps each subject whose triples changed to the
    predicates of those triples, `previous` holds the results before (under
    the same shapes and class hierarchy).

    A node's results depend on its own triples (targets, paths, counts,
    values) and, through sh:class and sh:or, on some triples of the nodes
    its values are: their rdf:type, and the paths of sh:or's
    [ sh:path P ; sh:minCount 1 ] members. So the nodes to check again are
    the changed subjects, and every node with a triple pointing at a subject
    whose changed triples include one of those predicates (a count that
    every new article changes on a summit no longer brings in all that
    point at it). The others keep their previous results."""
    from .sparql import select_rows

    read_through = _read_through(shapes or ontology_dir() / "shapes.ttl")
    focus = set(changed)
    referred = sorted(subject for subject, predicates in changed.items() if read_through.intersection(predicates))
    for start in range(0, len(referred), 5000):
        values = " ".join(f"<{node}>" for node in referred[start:start + 5000])
        focus.update(row[0] for row in select_rows(
            store, f"SELECT DISTINCT ?node WHERE {{ VALUES ?value {{ {values} }} ?node ?p ?value FILTER(isIRI(?node)) }}"))
    kept = [result for result in previous if result.focus not in focus]
    return _report(kept + (_results(store, compile_shapes(shapes, sorted(focus))) if focus else []))


def _read_through(path: Path) -> set[str]:
    """The predicates of a value's own triples that can decide a result of the node pointing at it:
    rdf:type (sh:class, in a property shape or an sh:or member) and the path of every sh:or member
    that is a property shape."""
    from rdflib import RDF

    s = _Shapes(path)
    found = {str(RDF.type)}
    for members in s.graph.objects(None, s.sh("or")):
        for member in s.items(members):
            found.update(str(p) for p in s.graph.objects(member, s.sh("path")))
    return found
