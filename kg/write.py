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
_TYPE_NT = f"<{RDF.type}>"


def _quote(text: str) -> str:
    """A string literal valid in N-Triples and Turtle: control characters
    become \\uXXXX so no parser or line-based tool trips over them."""
    return '"' + _NEEDS_ESCAPE.sub(lambda m: _ESCAPES.get(m.group(), f"\\u{ord(m.group()):04X}"), text) + '"'


class _Terms:
    """N-Triples text of each rdflib term, and Turtle text of each N-Triples
    term, each computed once.

    The writers work on triples of N-Triples strings: rdflib terms hash and
    compare in Python, strings in C, and sorting and grouping millions of
    triples is most of the writing. Turtle names an IRI `prefix:local` when
    the part after its last `#` or `/` is a plain local name in a bound
    namespace; the prefixes used are collected so the header declares
    exactly those."""

    def __init__(self, namespaces) -> None:
        self.prefix_of = {str(namespace): prefix for prefix, namespace in namespaces}
        self.used: dict[str, str] = {}
        self._nt: dict = {}
        self._ttl: dict = {}

    def nt(self, term) -> str:
        text = self._nt.get(term)
        if text is None:
            text = self._nt[term] = _encode(term)
        return text

    def text_triples(self, triples) -> set[tuple[str, str, str]]:
        nt = self.nt
        return {(nt(s), nt(p), nt(o)) for s, p, o in triples}

    def ttl(self, text: str) -> str:
        """Turtle for an N-Triples term: IRIs and datatypes compacted."""
        out = self._ttl.get(text)
        if out is None:
            if text.startswith("<"):
                out = self._compact(text[1:-1])
            elif text.endswith(">"):  # typed literal: the datatype IRI cannot hold a quote, so the last "^^< is it
                cut = text.rfind('"^^<')
                out = text[:cut + 1] + "^^" + self._compact(text[cut + 4:-1])
            else:
                out = text
            self._ttl[text] = out
        return out

    def _compact(self, iri: str) -> str:
        parts = split_iri(iri, self.prefix_of)
        if parts is None:
            return f"<{iri}>"
        prefix, namespace, local = parts
        self.used[prefix] = namespace
        return f"{prefix}:{local}"


def split_iri(iri: str, prefix_of: dict[str, str]) -> tuple[str, str, str] | None:
    """(prefix, namespace, local name) when the IRI is a bound namespace (up
    to its last `#` or `/`) followed by a plain local name; else None. One rule
    for Turtle, JSON-LD and the report's property names."""
    cut = max(iri.rfind("#"), iri.rfind("/")) + 1
    prefix = prefix_of.get(iri[:cut])
    if prefix is None or not _SAFE_LOCAL.fullmatch(iri[cut:]):
        return None
    return prefix, iri[:cut], iri[cut:]


def _encode(term) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        if term.language:
            return f"{_quote(str(term))}@{term.language}"
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return f"{_quote(str(term))}^^<{term.datatype}>"
        return _quote(str(term))
    raise ValueError(f"cannot write {term!r}: the graph has no blank nodes by design")


def _decode_literal(text: str) -> tuple[str, str | None, str | None]:
    """(lexical form, language, datatype IRI) of an N-Triples literal. The
    quoted part uses only escapes JSON shares (see `_quote`), so JSON reads it."""
    if text.endswith('"'):
        return json.loads(text), None, None
    if text.endswith(">"):
        cut = text.rfind('"^^<')
        return json.loads(text[:cut + 1]), None, text[cut + 4:-1]
    cut = text.rfind('"@')
    return json.loads(text[:cut + 1]), text[cut + 2:], None


def _ntriples(triples) -> str:
    return "".join(sorted(f"{s} {p} {o} .\n" for s, p, o in triples))


def _turtle_body(triples, terms: _Terms) -> str:
    """Subjects, predicates (rdf:type first, as `a`) and objects in N-Triples
    order, so the text depends only on the triples. One sort of plain tuples:
    nested sorts with key functions cost more than everything else here."""
    ttl = terms.ttl
    rows = sorted((s, p != _TYPE_NT, p, o) for s, p, o in triples)
    out, subject, predicate = [], None, None
    for s, _, p, o in rows:
        verb = "a" if p == _TYPE_NT else ttl(p)
        if s != subject:
            if subject:
                out.append(" .\n\n")
            out.append(f"{ttl(s)} {verb} {ttl(o)}")
        elif p != predicate:
            out.append(f" ;\n    {verb} {ttl(o)}")
        else:
            out.append(f",\n        {ttl(o)}")
        subject, predicate = s, p
    return "".join(out) + (" .\n" if rows else "")


def _header(terms: _Terms) -> str:
    return "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in sorted(terms.used.items()))


def _trig(graphs: dict, terms: _Terms) -> str:
    """TriG with graphs in IRI order and one header for every graph."""
    blocks = [f"{terms.ttl(terms.nt(g))} {{\n{_turtle_body(graphs[g], terms)}}}\n" for g in sorted(graphs, key=str)]
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
        self.prefix_of = {namespace: prefix for prefix, namespace in prefixes.items()}
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
            parts = split_iri(iri, self.prefix_of)
            text = self._compact[iri] = iri if parts is None else f"{parts[0]}:{parts[2]}"
        return text

    def iri(self, term: str) -> str:
        """An N-Triples IRI as a JSON-LD string; one whose scheme is a context
        prefix (`wic:x`) would be read back as a compact IRI, so it is refused."""
        text = term[1:-1]
        if text.split(":", 1)[0] in self.prefix_names:
            raise KGError(f"cannot write <{text}> as JSON-LD: its scheme is the context prefix "
                          f"{text.split(':', 1)[0]!r}; use an absolute http(s) IRI")
        return text

    def node(self, subject: str, predicates: dict) -> dict:
        """The node object of a subject, from N-Triples terms."""
        node: dict = {"@id": self.iri(subject)}
        for p, objects in predicates.items():
            if p == _TYPE_NT:
                node["@type"] = _one_or_list(sorted(self.compact(self.iri(o)) for o in objects))
                continue
            term, coercion = self.terms.get(p[1:-1], (None, None))
            for o in objects:
                key, value = self.entry(p, o, term, coercion)
                if isinstance(value, tuple):  # (language, text) for a language map
                    node.setdefault(key, {}).setdefault(value[0], []).append(value[1])
                else:
                    node.setdefault(key, []).append(value)
        return {key: _one_or_list(_sorted_values(v)) if isinstance(v, list) else
                {lang: _one_or_list(sorted(texts)) for lang, texts in v.items()} if isinstance(v, dict) else v
                for key, v in node.items()}

    def entry(self, p: str, o: str, term: str | None, coercion: str | None) -> tuple[str, object]:
        """The key and value one object takes: under the term when the value
        fits its coercion, else in full form under the predicate's compact IRI."""
        if o.startswith("<"):
            if coercion == "@id":
                return term, self.iri(o)
            return self.compact(p[1:-1]), {"@id": self.iri(o)}
        text, language, datatype = _decode_literal(o)
        if language and coercion == "@language":
            return term, (language, text)
        if datatype and datatype == coercion:
            return term, text
        if language:
            return self.compact(p[1:-1]), {"@language": language, "@value": text}
        if datatype:
            return self.compact(p[1:-1]), {"@type": self.compact(datatype), "@value": text}
        return self.compact(p[1:-1]), text


def _sorted_values(values: list) -> list:
    return sorted(values, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))


def _one_or_list(values: list):
    return values[0] if len(values) == 1 else values


def _jsonld(triples) -> str:
    """One node object per line, nodes in IRI order, values sorted: stable bytes."""
    writer, by_subject = _JsonLd(), {}
    for s, p, o in triples:
        by_subject.setdefault(s, {}).setdefault(p, []).append(o)
    lines = [json.dumps(writer.node(s, by_subject[s]), ensure_ascii=False, sort_keys=True)
             for s in sorted(by_subject, key=lambda s: s[1:-1])]
    context = json.dumps(JSONLD_CONTEXT, ensure_ascii=False, indent=1, sort_keys=True)
    return '{\n "@context": ' + context.replace("\n", "\n ") + ',\n "@graph": [\n' + ",\n".join(lines) + "\n ]\n}\n"


def serialise(named: NamedGraphs) -> Iterator[tuple[str, str]]:
    """(file name, text) for every RDF file of ``out/``, one at a time so a
    caller can write each and let it go before the next is made."""
    terms = _Terms(named.prefixes.items())
    graphs = {g: terms.text_triples(triples) for g, triples in named.graphs.items() if triples}
    union = set().union(*graphs.values())
    body = _turtle_body(union, terms)  # first: the header lists the prefixes the body used
    yield "kg.ttl", _header(terms) + "\n" + body
    del body
    yield "kg.trig", _trig(graphs, terms)
    yield "kg.nt", _ntriples(union)
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
