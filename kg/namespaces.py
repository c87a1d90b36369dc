"""The project's namespaces as plain strings, without importing rdflib.

`PREFIXES` are those of the written Turtle, TriG and report (in that order);
`QUERY_PREFIXES` add ``rdf`` and are declared for every query `kg query`
runs, so a query may use ``wic:``, ``schema:``, ``skos:`` … without PREFIX
lines. `kg query` imports this module and not `kg.vocab`, which needs rdflib
and would slow its start-up.
"""

from __future__ import annotations

__all__ = ["PREFIXES", "QUERY_PREFIXES", "SPARQL_PROLOGUE", "local_name"]

PREFIXES = {
    "wic": "https://w3id.org/wuzhen-kg/ontology#",
    "wicrole": "https://w3id.org/wuzhen-kg/role/",
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
}
QUERY_PREFIXES = {**PREFIXES, "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}
SPARQL_PROLOGUE = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())


def local_name(iri: str) -> str:
    """The part of an IRI after its last `#` or `/` (a class's or a property's name)."""
    return iri[max(iri.rfind("#"), iri.rfind("/")) + 1:]
