"""The ontology's terms as a closed namespace: a misspelt term raises at once.

`tests/test_vocab.py` checks that this list and ``ontology/wic.ttl`` agree.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from .namespaces import PREFIXES, SPARQL_PROLOGUE

__all__ = ["WIC", "SDO", "ORG", "WICROLE", "PREFIXES", "SPARQL_PROLOGUE"]

SDO = Namespace(PREFIXES["schema"])
ORG = Namespace(PREFIXES["org"])
WICROLE = Namespace(PREFIXES["wicrole"])


class WIC(DefinedNamespace):
    _NS = Namespace(PREFIXES["wic"])
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
    statedIn: URIRef
    # datatype properties
    year: URIRef
    ordinal: URIRef
    theme: URIRef
    searchKey: URIRef
    edgeCount: URIRef
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
    attestedYear: URIRef
    attestedDate: URIRef

