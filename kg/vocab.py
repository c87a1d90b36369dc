"""The ontology's terms as a closed namespace: a misspelt term raises at once.

`tests/test_vocab.py` checks that this list and ``ontology/wic.ttl`` agree.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDFS, SKOS, XSD, DefinedNamespace

SDO = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
WICROLE = Namespace("https://w3id.org/wuzhen-kg/role/")


class WIC(DefinedNamespace):
    _NS = Namespace("https://w3id.org/wuzhen-kg/ontology#")
    _fail = True

    # classes
    SummitSeries: URIRef
    Summit: URIRef
    Forum: URIRef
    Ceremony: URIRef
    Person: URIRef
    Organization: URIRef
    Place: URIRef
    Role: URIRef
    Claim: URIRef
    Position: URIRef
    Appearance: URIRef
    AwardGrant: URIRef
    Publication: URIRef
    ThemeStatement: URIRef
    Schedule: URIRef
    Award: URIRef
    Project: URIRef
    Work: URIRef
    Evidence: URIRef
    Document: URIRef
    Conflict: URIRef
    # object properties
    person: URIRef
    organization: URIRef
    role: URIRef
    event: URIRef
    summit: URIRef
    award: URIRef
    project: URIRef
    work: URIRef
    publisher: URIRef
    place: URIRef
    memberOf: URIRef
    spokeAt: URIRef
    wonAward: URIRef
    developedBy: URIRef
    inSeries: URIRef
    partOf: URIRef
    openingCeremony: URIRef
    document: URIRef
    claim: URIRef
    conflictSubject: URIRef
    # datatype properties
    year: URIRef
    ordinal: URIRef
    theme: URIRef
    searchKey: URIRef
    startDate: URIRef
    endDate: URIRef
    start: URIRef
    end: URIRef
    quote: URIRef
    note: URIRef
    extractor: URIRef
    confidence: URIRef
    encoding: URIRef
    sha256: URIRef
    conflictProperty: URIRef
    resolution: URIRef
    roleTitle: URIRef


# Prefixes of the written Turtle, TriG and report, and of the SPARQL the
# library writes (owl and rdfs for the role vocabulary).
PREFIXES = {
    "wic": str(WIC._NS), "wicrole": str(WICROLE), "schema": str(SDO), "org": str(ORG),
    "prov": str(PROV), "skos": str(SKOS), "dcterms": str(DCTERMS), "xsd": str(XSD),
    "owl": str(OWL), "rdfs": str(RDFS),
}
SPARQL_PROLOGUE = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())
