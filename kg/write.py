"""Serialise the graph deterministically and replace ``out/`` atomically."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterator

from rdflib import Dataset, Graph

from .errors import KGError

__all__ = ["union_graph", "serialise", "atomic_output", "JSONLD_CONTEXT"]

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


def union_graph(ds: Dataset) -> Graph:
    union = Graph()
    for prefix, namespace in ds.namespaces():
        union.bind(prefix, namespace, override=True)
    for s, p, o, _g in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def _sorted_lines(text: str) -> str:
    lines = sorted({line for line in text.split("\n") if line.strip()})
    return "\n".join(lines) + "\n"


def _jsonld(graph: Graph) -> str:
    data = json.loads(graph.serialize(format="json-ld", context=JSONLD_CONTEXT, auto_compact=True))
    nodes = data.get("@graph", [data] if "@id" in data else [])

    def canonical(value):
        if isinstance(value, list):
            return sorted((canonical(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
        if isinstance(value, dict):
            return {k: canonical(v) for k, v in value.items()}
        return value

    document = {"@context": JSONLD_CONTEXT,
                "@graph": sorted((canonical({k: v for k, v in n.items() if k != "@context"}) for n in nodes),
                                 key=lambda n: n.get("@id", ""))}
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _trig(ds: Dataset, union: Graph) -> str:
    """TriG with graphs in IRI order (rdflib's own writer orders them by hash).

    `union` has been serialised already, so its namespace manager also holds
    the prefixes rdflib generated (ns1 …); every graph uses those same ones
    and one header declares them all."""
    prefixes = sorted(union.namespaces())
    header = "".join(f"@prefix {p}: <{n}> .\n" for p, n in prefixes)
    blocks = []
    for context in sorted(ds.graphs(), key=lambda g: str(g.identifier)):
        if not len(context):
            continue
        graph = Graph()
        for prefix, namespace in prefixes:
            graph.bind(prefix, namespace, override=True)
        for triple in context:
            graph.add(triple)
        lines = graph.serialize(format="turtle").split("\n")
        undeclared = [line for line in lines if line.startswith("@prefix") and line + "\n" not in header]
        if undeclared:
            raise ValueError(f"TriG writer: prefixes missing from the header: {undeclared}")
        body = "\n".join(line for line in lines if not line.startswith("@prefix")).strip()
        blocks.append(f"<{context.identifier}> {{\n{body}\n}}\n")
    return header + "\n" + "\n".join(blocks)


def serialise(ds: Dataset) -> dict[str, str]:
    """File name → text for every RDF file of ``out/``."""
    union = union_graph(ds)
    turtle = union.serialize(format="turtle")
    return {
        "kg.ttl": turtle,
        "kg.trig": _trig(ds, union),
        "kg.nt": _sorted_lines(union.serialize(format="nt")),
        "kg.jsonld": _jsonld(union),
    }


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
