"""Serialise the graph deterministically and replace ``out/`` atomically."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from itertools import chain
from operator import itemgetter
from typing import Callable, Iterable, Iterator


from .errors import KGError
from .quads import Block, NamedGraphs, blocks_of

__all__ = ["serialise", "atomic_output", "write_text", "split_iri", "GraphDigests", "JSONLD_CONTEXT", "replace_folder"]

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


# A conservative PN_LOCAL: anything else is written as a full <IRI>.
_SAFE_LOCAL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")
_TYPE_NT = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


class _Turtle:
    """Turtle text of N-Triples terms, each computed once. An IRI is written
    `prefix:local` when the part after its last `#` or `/` is a plain local
    name in a bound namespace; the prefixes used are collected so a header
    declares exactly those."""

    def __init__(self, prefixes: dict[str, str]) -> None:
        self.prefix_of = {namespace: prefix for prefix, namespace in prefixes.items()}
        self.used: dict[str, str] = {}
        self._ttl: dict[str, str] = {}

    def __call__(self, text: str) -> str:
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

    def table(self, terms) -> dict[str, str]:
        """The Turtle text of each of `terms`: the writers look terms up in it."""
        return {text: self(text) for text in terms}

    def header(self) -> str:
        """Prefix declarations for every prefix the terms seen so far use."""
        return "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in sorted(self.used.items()))


def split_iri(iri: str, prefix_of: dict[str, str]) -> tuple[str, str, str] | None:
    """(prefix, namespace, local name) when the IRI is a bound namespace (up
    to its last `#` or `/`) followed by a plain local name; else None. One rule
    for Turtle, JSON-LD and the report's property names."""
    cut = max(iri.rfind("#"), iri.rfind("/")) + 1
    prefix = prefix_of.get(iri[:cut])
    if prefix is None or not _SAFE_LOCAL.fullmatch(iri[cut:]):
        return None
    return prefix, iri[:cut], iri[cut:]


def _decode_literal(text: str) -> tuple[str, str | None, str | None]:
    """(lexical form, language, datatype IRI) of an N-Triples literal. The
    quoted part uses only escapes JSON shares (see `kg.quads.quote`), so JSON
    reads it; most literals have no escape at all and are cut out as they are."""
    if text.endswith('"'):
        cut, language, datatype = len(text) - 1, None, None
    elif text.endswith(">"):
        cut = text.rfind('"^^<')
        language, datatype = None, text[cut + 4:-1]
    else:
        cut = text.rfind('"@')
        language, datatype = text[cut + 2:], None
    lexical = text[1:cut]
    return (json.loads(text[:cut + 1]) if "\\" in lexical else lexical), language, datatype


_BATCH = 2_000  # subjects per chunk handed to the file


def _ntriples(blocks: list[Block]) -> Iterator[str]:
    for start in range(0, len(blocks), _BATCH):
        yield "".join(f"{s} {p} {o} .\n" for _, triples in blocks[start:start + _BATCH] for s, p, o in triples)


def _turtle_body(blocks: list[Block], short: dict[str, str]) -> Iterator[str]:
    """One chunk per subject, subjects and objects in N-Triples order,
    rdf:type first (as `a`), so the text depends only on the triples."""
    first = True
    for subject, triples in blocks:
        if any(p == _TYPE_NT for _, p, _ in triples):
            triples = [t for t in triples if t[1] == _TYPE_NT] + [t for t in triples if t[1] != _TYPE_NT]
        out, predicate = ["" if first else "\n", short[subject]], None
        for _, p, o in triples:
            if p == predicate:
                out.append(",\n        " + short[o])
            else:
                verb = "a" if p == _TYPE_NT else short[p]
                out.append(f" {verb} {short[o]}" if predicate is None else f" ;\n    {verb} {short[o]}")
            predicate = p
        out.append(" .\n")
        first = False
        yield "".join(out)


def _terms(graphs) -> set[str]:
    """Every term of the triples in `graphs` (sets of triples)."""
    terms: set[str] = set()
    for index in (0, 1, 2):
        terms.update(map(itemgetter(index), chain.from_iterable(graphs)))
    return terms


def _turtle(blocks: list[Block], terms: set[str], prefixes: dict[str, str]) -> Iterator[str]:
    ttl = _Turtle(prefixes)
    short = ttl.table(terms)
    yield ttl.header() + "\n"
    yield from _turtle_body(blocks, short)


@dataclass
class GraphDigests:
    """What an incremental build needs to know of the named graphs it writes.

    `current` gets the SHA-256 of each graph's text in TriG with the file's
    prefix declarations (a function of its triples and the prefixes used);
    when `previous` holds the digests of the build before, `changed` gets
    the triples of every graph whose digest differs (an empty set for a
    graph that is gone), and `changed_triples` and `triples` count them, so
    a store can be brought up to date graph by graph instead of loaded
    again."""

    previous: dict[str, str] | None = None
    current: dict[str, str] = field(default_factory=dict)
    changed: dict[str, set] = field(default_factory=dict)
    triples: int = 0
    changed_triples: int = 0

    def record(self, name: str, digest: str, graph: set) -> None:
        self.current[name] = digest
        self.triples += len(graph)
        if self.previous is not None and self.previous.get(name) != digest:
            self.changed[name] = graph
            self.changed_triples += len(graph)

    def close(self) -> None:
        """After the last graph: the previous build's graphs that are no more."""
        for name in sorted(set(self.previous or ()) - set(self.current)):
            self.changed[name] = set()


def _trig(graphs: dict[str, set], prefixes: dict[str, str], terms: set[str],
          digests: GraphDigests) -> Iterator[str]:
    """TriG with graphs in IRI order and one header for every graph."""
    ttl = _Turtle(prefixes)
    names = [name for name in sorted(graphs, key=lambda name: name[1:-1]) if graphs[name]]
    short = ttl.table(terms | set(names))
    header = ttl.header() + "\n"
    yield header
    for number, name in enumerate(names):
        head = f"{short[name]} {{\n"
        digest = hashlib.sha256((header + head).encode("utf-8"))  # the prefixes say what the short names are
        yield ("\n" if number else "") + head
        for chunk in _turtle_body(blocks_of(sorted(graphs[name])), short):
            digest.update(chunk.encode("utf-8"))
            yield chunk
        yield "}\n"
        digests.record(name, digest.hexdigest(), graphs[name])
    digests.close()


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
    if len(values) < 2:
        return values
    return sorted(values, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))


def _one_or_list(values: list):
    return values[0] if len(values) == 1 else values


def _jsonld(blocks: list[Block]) -> Iterator[str]:
    """One node object per line, nodes in IRI order, values sorted: stable bytes."""
    writer = _JsonLd()
    context = json.dumps(JSONLD_CONTEXT, ensure_ascii=False, indent=1, sort_keys=True)
    yield '{\n "@context": ' + context.replace("\n", "\n ") + ',\n "@graph": [\n'
    # IRI order differs from N-Triples order where one IRI continues another with a character before ">".
    for number, (_, index) in enumerate(sorted((subject[1:-1], i) for i, (subject, _) in enumerate(blocks))):
        subject, triples = blocks[index]
        predicates: dict = {}
        for _, p, o in triples:
            predicates.setdefault(p, []).append(o)
        node = json.dumps(writer.node(subject, predicates), ensure_ascii=False, sort_keys=True)
        yield (",\n" if number else "") + node
    yield "\n ]\n}\n"


def serialise(named: NamedGraphs, digests: GraphDigests | None = None) -> Iterator[tuple[str, Iterator[str]]]:
    """(file name, its text in chunks) for every RDF file of ``out/``, one
    file at a time: the caller writes each chunk as it comes, so no file's
    whole text is ever in memory. Consumes `named`: once TriG is written,
    its graphs become one set of triples grouped by subject. `digests`, when
    given, gets each graph's digest (and the changed graphs' triples) as
    TriG is written."""
    named.check_unconsumed()  # before TriG: a second pass would write empty files
    terms = _terms(named.graphs.values())
    # its own dict: pop_blocks empties named's
    yield "kg.trig", _trig(dict(named.graphs), named.prefixes, terms, digests or GraphDigests())
    blocks = named.pop_blocks()
    yield "kg.ttl", _turtle(blocks, terms, named.prefixes)
    yield "kg.nt", _ntriples(blocks)
    yield "kg.jsonld", _jsonld(blocks)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where the system cannot."""
    import ctypes

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    if ctypes.get_errno() in (errno.EINVAL, errno.ENOSYS):  # a file system or kernel without it
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(b))


@contextlib.contextmanager
def atomic_output(out: Path, beside: str | None = None, placed: Callable[[], None] | None = None) -> Iterator[Path]:
    """Yield a fresh directory; on success it takes the place of `out` in one step.

    `beside` names a subfolder of the staging folder that is kept next to
    `out` instead of inside it (``.out.store`` for ``.store``), so that `out`
    holds exactly the files a build writes; it takes its place right after
    `out` does, under the same lock.

    The staging folder and `out` are exchanged atomically, so a reader opening
    `out` (its files, its store) finds the old folder or the new one, never
    none and never a mix. A lock beside `out` makes a second concurrent build
    wait; a failure or an interruption, even SIGKILL, leaves the previous `out`
    exactly as it was. What a killed build left beside it is cleared by the
    next build, which holds the lock, so no running build is using it.
    `placed`, if given, is called once all that is in place, still under the lock.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    lock_path = out.parent / f".{out.name}.lock"
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        retired = sorted(out.parent.glob(f".{out.name}.old-*"))
        if retired and not out.exists():  # killed between the two renames of the fallback below
            os.rename(retired.pop(), out)
        for debris in [*out.parent.glob(f".{out.name}.building-*"), *retired,
                       *(out.parent.glob(f".{out.name}{beside}.old-*") if beside else ())]:
            shutil.rmtree(debris, ignore_errors=True)
        if beside and (out / beside).is_dir():  # killed after `out` was replaced, before this was placed
            replace_folder(out / beside, out.parent / f".{out.name}{beside}")
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
        staging.chmod(0o755)
        try:
            yield staging
            if out.exists() and not out.is_dir():
                raise KGError(f"{out}: exists and is not a directory")
            replace_folder(staging, out)
            if beside and (out / beside).is_dir():
                replace_folder(out / beside, out.parent / f".{out.name}{beside}")
            if placed is not None:
                placed()
        finally:
            if staging.exists():  # the previous out after an exchange, or a failed build's files
                shutil.rmtree(staging, ignore_errors=True)


def replace_folder(source: Path, target: Path) -> None:
    """`source` takes the place of the folder `target` (exchanged in one step where the system can);
    what was `target` is removed."""
    if not target.exists():
        os.rename(source, target)
    elif _exchange(source, target):
        shutil.rmtree(source, ignore_errors=True)
    else:
        retired_now = target.parent / f".{target.name.lstrip('.')}.old-{os.getpid()}"
        os.rename(target, retired_now)
        os.rename(source, target)
        shutil.rmtree(retired_now, ignore_errors=True)


def write_text(path: Path, text: str | Iterable[str]) -> str:
    """Write a text, or a text in chunks as they are produced, as UTF-8; return its SHA-256."""
    digest = hashlib.sha256()
    with open(path, "wb") as handle:
        for chunk in [text] if isinstance(text, str) else text:
            data = chunk.encode("utf-8")
            digest.update(data)
            handle.write(data)
    return digest.hexdigest()
