"""Serialise the graph deterministically and replace ``out/`` atomically."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Iterator

from rdflib import RDF, Literal, URIRef

from .errors import KGError
from .quads import NamedGraphs

__all__ = ["serialise", "atomic_output", "JSONLD_CONTEXT"]

JSONLD_CONTEXT = {
    "@vocab": "https://schema.org/",
    "schema": "https://schema.org/",
    "wic": "https://w3id.org/wuzhen-kg/ontology#",
    "wicrole": "https://w3id.org/wuzhen-kg/role/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "name": {"@id": "skos:prefLabel", "@container": "@language"},
    "alternateName": {"@id": "skos:altLabel", "@container": "@language"},
    "memberOf": {"@id": "wic:memberOf", "@type": "@id"},
    "performerIn": {"@id": "wic:spokeAt", "@type": "@id"},
    "superEvent": {"@id": "wic:partOf", "@type": "@id"},
    "startDate": {"@id": "wic:startDate", "@type": "xsd:date"},
    "endDate": {"@id": "wic:endDate", "@type": "xsd:date"},
    "location": {"@id": "wic:place", "@type": "@id"},
    "award": {"@id": "wic:wonAward", "@type": "@id"},
    "creator": {"@id": "wic:developedBy", "@type": "@id"},
    "publisher": {"@id": "schema:publisher", "@type": "@id"},
    "isBasedOn": {"@id": "prov:wasDerivedFrom", "@type": "@id"},
}


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')
# A conservative PN_LOCAL: anything else is written as a full <IRI>.
_SAFE_LOCAL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_TYPE = str(RDF.type)
_TYPE_NT = f"<{_RDF_TYPE}>"


def _quote(text: str) -> str:
    """A string literal valid in N-Triples and Turtle: control characters
    become \\uXXXX so no parser or line-based tool trips over them."""
    return '"' + _NEEDS_ESCAPE.sub(lambda m: _ESCAPES.get(m.group(), f"\\u{ord(m.group()):04X}"), text) + '"'


class _Terms:
    """N-Triples and Turtle text of each term, computed once per term.

    Turtle names an IRI `prefix:local` when the part after its last `#` or
    `/` is a plain local name in a bound namespace; the prefixes used are
    collected so the header declares exactly those."""

    def __init__(self, namespaces) -> None:
        self.prefix_of = {str(namespace): prefix for prefix, namespace in namespaces}
        self.used: dict[str, str] = {}
        self._nt: dict = {}
        self._ttl: dict = {}

    def nt(self, term) -> str:
        text = self._nt.get(term)
        if text is None:
            text = self._nt[term] = self._encode(term, lambda iri: f"<{iri}>")
        return text

    def ttl(self, term) -> str:
        text = self._ttl.get(term)
        if text is None:
            text = self._ttl[term] = self._encode(term, self._compact)
        return text

    def _encode(self, term, iri) -> str:
        if isinstance(term, URIRef):
            return iri(str(term))
        if isinstance(term, Literal):
            if term.language:
                return f"{_quote(str(term))}@{term.language}"
            if term.datatype is not None and str(term.datatype) != _XSD_STRING:
                return f"{_quote(str(term))}^^{iri(str(term.datatype))}"
            return _quote(str(term))
        raise ValueError(f"cannot write {term!r}: the graph has no blank nodes by design")

    def _compact(self, iri: str) -> str:
        cut = max(iri.rfind("#"), iri.rfind("/")) + 1
        prefix = self.prefix_of.get(iri[:cut])
        if prefix is None or not _SAFE_LOCAL.fullmatch(iri[cut:]):
            return f"<{iri}>"
        self.used[prefix] = iri[:cut]
        return f"{prefix}:{iri[cut:]}"


def _ntriples(graph, terms: _Terms) -> str:
    return "".join(sorted({f"{terms.nt(s)} {terms.nt(p)} {terms.nt(o)} .\n" for s, p, o in graph}))


def _turtle_body(triples, terms: _Terms) -> str:
    """Subjects, predicates (rdf:type first, as `a`) and objects in N-Triples
    order, so the text depends only on the triples. One sort of plain tuples:
    nested sorts with key functions cost more than everything else here."""
    nt, ttl = terms.nt, terms.ttl
    rows = sorted((nt(s), nt(p) != _TYPE_NT, nt(p), nt(o), s, p, o) for s, p, o in triples)
    out, subject, predicate = [], None, None
    for s_text, _, p_text, _, s, p, o in rows:
        verb = "a" if p_text == _TYPE_NT else ttl(p)
        if s_text != subject:
            if subject:
                out.append(" .\n\n")
            out.append(f"{ttl(s)} {verb} {ttl(o)}")
        elif p_text != predicate:
            out.append(f" ;\n    {verb} {ttl(o)}")
        else:
            out.append(f",\n        {ttl(o)}")
        subject, predicate = s_text, p_text
    return "".join(out) + (" .\n" if rows else "")


def _header(terms: _Terms) -> str:
    return "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in sorted(terms.used.items()))


def _trig(named: NamedGraphs, terms: _Terms) -> str:
    """TriG with graphs in IRI order and one header for every graph."""
    blocks = [f"{terms.ttl(g)} {{\n{_turtle_body(named.graphs[g], terms)}}}\n"
              for g in sorted(named.graphs, key=str) if named.graphs[g]]
    return _header(terms) + "\n" + "\n".join(blocks)


class _JsonLd:
    """Compact JSON-LD under JSONLD_CONTEXT, written directly from the triples:
    rdflib's serialiser took most of the write stage on large graphs.

    A predicate with a term in the context uses it when the value fits the
    term's coercion (a language map for labels, a bare IRI for object links,
    a bare date for dates); any other value keeps the full form under the
    predicate's compact IRI, so nothing is lost or retyped."""

    def __init__(self) -> None:
        prefixes = {k: v for k, v in JSONLD_CONTEXT.items() if isinstance(v, str) and not k.startswith("@")}
        self.prefixes = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))
        self.prefix_names = set(prefixes)

        def expand(curie: str) -> str:
            prefix, local = curie.split(":", 1)
            return prefixes[prefix] + local

        # predicate IRI → (term, what the term coerces to: "@language", "@id" or a datatype IRI)
        self.terms = {expand(d["@id"]): (term, d["@container"] if "@container" in d else
                                         d["@type"] if d["@type"] == "@id" else expand(d["@type"]))
                      for term, d in JSONLD_CONTEXT.items() if isinstance(d, dict)}
        self._compact: dict[str, str] = {}

    def compact(self, iri: str) -> str:
        text = self._compact.get(iri)
        if text is None:
            text = iri
            for prefix, namespace in self.prefixes:
                if iri.startswith(namespace) and _SAFE_LOCAL.fullmatch(iri[len(namespace):]):
                    text = f"{prefix}:{iri[len(namespace):]}"
                    break
            self._compact[iri] = text
        return text

    def iri(self, term: URIRef) -> str:
        """An IRI as a JSON-LD string; one whose scheme is a context prefix
        (`wic:x`) would be read back as a compact IRI, so it is refused."""
        text = str(term)
        if text.split(":", 1)[0] in self.prefix_names:
            raise KGError(f"cannot write <{text}> as JSON-LD: its scheme is the context prefix "
                          f"{text.split(':', 1)[0]!r}; use an absolute http(s) IRI")
        return text

    def value(self, term) -> object:
        if isinstance(term, URIRef):
            return {"@id": self.iri(term)}
        if term.language:
            return {"@language": term.language, "@value": str(term)}
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return {"@type": self.compact(str(term.datatype)), "@value": str(term)}
        return str(term)

    def node(self, subject, predicates: dict) -> dict:
        node: dict = {"@id": self.iri(subject)}
        for p, objects in predicates.items():
            if str(p) == _RDF_TYPE:
                node["@type"] = _one_or_list(sorted(self.compact(self.iri(o)) for o in objects))
                continue
            term, coercion = self.terms.get(str(p), (None, None))
            for o in objects:
                if coercion == "@language" and isinstance(o, Literal) and o.language:
                    node.setdefault(term, {}).setdefault(o.language, []).append(str(o))
                elif coercion == "@id" and isinstance(o, URIRef):
                    node.setdefault(term, []).append(self.iri(o))
                elif coercion and isinstance(o, Literal) and str(o.datatype) == coercion and not o.language:
                    node.setdefault(term, []).append(str(o))
                else:
                    node.setdefault(self.compact(str(p)), []).append(self.value(o))
        return {key: _one_or_list(_sorted_values(v)) if isinstance(v, list) else
                {lang: _one_or_list(sorted(texts)) for lang, texts in v.items()} if isinstance(v, dict) else v
                for key, v in node.items()}


def _sorted_values(values: list) -> list:
    return sorted(values, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))


def _one_or_list(values: list):
    return values[0] if len(values) == 1 else values


def _jsonld(graph) -> str:
    """One node object per line, nodes in IRI order, values sorted: stable bytes."""
    writer, by_subject = _JsonLd(), {}
    for s, p, o in graph:
        by_subject.setdefault(s, {}).setdefault(p, []).append(o)
    lines = [json.dumps(writer.node(s, by_subject[s]), ensure_ascii=False, sort_keys=True)
             for s in sorted(by_subject, key=str)]
    context = json.dumps(JSONLD_CONTEXT, ensure_ascii=False, indent=1, sort_keys=True)
    return '{\n "@context": ' + context.replace("\n", "\n ") + ',\n "@graph": [\n' + ",\n".join(lines) + "\n ]\n}\n"


def serialise(named: NamedGraphs, union: set[tuple] | None = None) -> Iterator[tuple[str, str]]:
    """(file name, text) for every RDF file of ``out/``, one at a time so a
    caller can write each and let it go before the next is made (`union`: the
    union of the named graphs, when the caller has it already)."""
    union = named.union() if union is None else union
    terms = _Terms(named.prefixes.items())
    body = _turtle_body(union, terms)  # first: the header lists the prefixes the body used
    yield "kg.ttl", _header(terms) + "\n" + body
    del body
    yield "kg.trig", _trig(named, terms)
    yield "kg.nt", _ntriples(union, terms)
    yield "kg.jsonld", _jsonld(union)


@contextlib.contextmanager
def atomic_output(out: Path) -> Iterator[Path]:
    """Yield a fresh directory; on success it replaces `out` in one rename.

    A lock beside `out` makes a second concurrent build wait; a failure or an
    interruption leaves the previous `out` exactly as it was.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    lock_path = out.parent / f".{out.name}.lock"
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
        staging.chmod(0o755)
        try:
            yield staging
            if out.exists() and not out.is_dir():
                raise KGError(f"{out}: exists and is not a directory")
            retired = out.parent / f".{out.name}.old-{os.getpid()}"
            if out.exists():
                os.rename(out, retired)
            os.rename(staging, out)
            shutil.rmtree(retired, ignore_errors=True)
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)


def write_text(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
