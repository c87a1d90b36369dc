"""Assemble resolved entities and claims into named graphs of triples.

Named graphs:
  graph/doc/<doc>     one per source document: the document, its evidence
                      spans, the claims they support, the aliases it used;
  graph/curated       the curated facts and their sources;
  graph/entities      the resolved layer: entities with preferred labels,
                      summits with their chosen theme and dates, the plain
                      direct edges and each entity's count of them, and
                      conflicts between sources with the documents behind
                      each disagreeing claim;
  graph/vocabulary    the role vocabulary (ontology/roles.ttl).
The union of all graphs is the knowledge graph.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from pydantic import BaseModel
from rdflib import RDF as _RDF
from rdflib import XSD
from rdflib.namespace import DC as _DC
from rdflib.namespace import DCTERMS as _DCTERMS
from rdflib.namespace import PROV as _PROV
from rdflib.namespace import SKOS as _SKOS

from .curated import Curated
from .evaluate import normalise_value
from .iri import check_iri, digest, slug
from .models import CURATED_DOC, DocumentInfo, Evidence
from .quads import Namespace, NamedGraphs, iri, literal, term
from .resolve import Claim, Entity, Resolution, chinese_name, pinyin_name
from .vocab import PREFIXES
from .vocab import SDO as _SDO
from .vocab import WIC as _WIC

__all__ = ["assemble", "assemble_changes", "Changes", "Conflict", "Assembled"]
# Every term is written in its N-Triples form (see kg.quads).
RDF, DC, DCTERMS, PROV, SKOS, SDO, WIC = map(Namespace, (_RDF, _DC, _DCTERMS, _PROV, _SKOS, _SDO, _WIC))
_DATE, _DECIMAL = str(XSD.date), str(XSD.decimal)
_HAN = re.compile(r"[\u3400-\u9fff]")
_CLASS = {
    "person": WIC.Person, "organization": WIC.Organization, "place": WIC.Place, "summit": WIC.Summit,
    "forum": WIC.Forum, "ceremony": WIC.Ceremony, "award": WIC.Award, "project": WIC.Project, "work": WIC.Work,
    "role": WIC.Role,
}
_CLAIM_CLASS = {
    "position": WIC.Position, "appearance": WIC.Appearance, "grant": WIC.AwardGrant, "publication": WIC.Publication,
    "theme": WIC.ThemeStatement, "schedule": WIC.Schedule,
}
_FIELD_PROPERTY = {
    "person": WIC.person, "role": WIC.role, "organization": WIC.organization, "event": WIC.event,
    "summit": WIC.summit, "award": WIC.award, "project": WIC.project, "work": WIC.work,
    "publisher": WIC.publisher, "place": WIC.place,
}
# The edges `kg query connected` ranks entities by (wic:edgeCount): the direct edges, and wic:place,
# which a summit and a Schedule claim both state.
_EDGES = frozenset((WIC.memberOf, WIC.spokeAt, WIC.partOf, WIC.wonAward, WIC.developedBy, SDO.publisher, WIC.place))
_WIC_TERM = "<" + str(_WIC)


class Conflict(BaseModel):
    summit: int
    prop: str
    values: list[str]
    chosen: str
    resolution: str


class Assembled(BaseModel):
    model_config = {"arbitrary_types_allowed": True}

    graphs: NamedGraphs
    conflicts: list[Conflict]
    notes: list[str]


class _Builder:
    def __init__(self, base: str, resolution: Resolution, documents: dict[str, DocumentInfo]):
        self.base = base
        self.res = resolution
        self.documents = documents
        self.named = NamedGraphs()
        self._iris: dict[str, str] = {}
        self.entities_graph = self.graph("graph/entities")

    def mint(self, path: str) -> str:
        """The graph's own IRI for `path` under the base, checked, and one
        string object per IRI however often the graph uses it."""
        text = self._iris.get(path)
        if text is None:
            text = self._iris[path] = iri(check_iri(self.base + path))
        return text

    def graph(self, path: str) -> set[tuple]:
        return self.named.graph(self.mint(path))

    def doc_graph(self, doc_id: str) -> set[tuple]:
        return self.graph(_doc_graph_path(doc_id))

    def doc_iri(self, doc_id: str) -> str:
        return self.mint(f"doc/{_doc_slug(doc_id)}")

    def entity_iri(self, key: str) -> str:
        entity = self.res.entities[key]
        if entity.vocabulary_iri:
            return iri(entity.vocabulary_iri)
        folder = "event" if entity.kind in ("forum", "ceremony") else entity.kind
        return self.mint(f"{folder}/{entity.slug}")

    def add_entity(self, entity: Entity) -> None:
        node = self.entity_iri(entity.key)
        g = self.entities_graph
        if entity.vocabulary_iri:
            return
        g.add((node, RDF.type, _CLASS[entity.kind]))
        for lang, label in sorted(entity.labels.items()):
            _label(g, node, label, lang)
        if entity.kind == "summit":
            g.add((node, WIC.year, literal(entity.year)))
            g.add((node, WIC.ordinal, literal(entity.year - 2013)))
            g.add((node, WIC.inSeries, self.mint("series/wic-wuzhen-summit")))
        if entity.kind in ("forum", "ceremony"):
            g.add((node, WIC.partOf, self.mint(f"summit/{entity.year}")))
        if entity.kind == "role" and entity.broader_iri:
            g.add((node, SKOS.broader, iri(entity.broader_iri)))
        for label, lang, doc_id in entity.aliases:
            _label(self.doc_graph(doc_id), node, label, lang, SKOS.altLabel)
        for name in entity.known_names:
            if name not in entity.labels.values():
                _label(g, node, name, "zh" if _HAN.search(name) else "en", SKOS.altLabel)
        zh_name = entity.labels.get("zh", "")
        if entity.kind == "person" and chinese_name(zh_name):
            spelt = pinyin_name(zh_name)
            for key in (spelt, spelt.replace(" ", "").lower()):
                _search_keys(g, node, key)

    def add_evidence(self, evidence: Evidence) -> str:
        node = self.mint(f"evidence/{_doc_slug(evidence.doc_id)}-{evidence.start or 0}-{evidence.end or 0}-{digest(evidence.model_dump_json(), 8)}")
        g = self.doc_graph(_stated_in(evidence))
        g.add((node, RDF.type, WIC.Evidence))
        g.add((node, WIC.document, self.doc_iri(evidence.doc_id)))
        g.add((node, WIC.extractor, literal(evidence.extractor)))
        g.add((node, WIC.confidence, literal(Decimal(str(evidence.confidence)), datatype=_DECIMAL)))
        if evidence.quote is not None:
            g.add((node, WIC.start, literal(evidence.start)))
            g.add((node, WIC.end, literal(evidence.end)))
            g.add((node, WIC.quote, literal(evidence.quote)))
        if evidence.note:
            g.add((node, WIC.note, literal(evidence.note)))
        return node

    def claim_iri(self, claim: Claim) -> str:
        e = lambda name: self.res.entities[claim.entities[name]].slug  # noqa: E731
        v = claim.values
        path = {
            "position": lambda: f"position/{e('person')}--{e('role')}--{e('organization')}",
            "appearance": lambda: f"appearance/{e('person')}--{e('event')}",
            "theme": lambda: f"theme/{e('summit')}-{v['lang']}-{digest(normalise_value(v['theme']), 8)}",
            "schedule": lambda: f"schedule/{e('summit')}-{v['start']}-{v['end']}",
            "opening": lambda: f"event/{e('summit')}-opening-{v['date']}",
            "grant": lambda: f"grant/{e('project')}--{e('award')}-{v['year'] or 'undated'}",
            "publication": lambda: f"publication/{e('work')}-{v['year'] or 'undated'}",
        }[claim.kind]()
        return self.mint(path)

    def add_claim(self, claim: Claim) -> str:
        node = self.claim_iri(claim)
        if claim.kind == "opening":
            return node
        by_doc: dict[str, list[Evidence]] = defaultdict(list)
        for evidence in claim.evidence:
            by_doc[_stated_in(evidence)].append(evidence)
        for doc_id, evidences in sorted(by_doc.items()):
            g = self.doc_graph(doc_id)
            g.add((node, RDF.type, _CLAIM_CLASS[claim.kind]))
            for name, key in sorted(claim.entities.items()):
                g.add((node, _FIELD_PROPERTY[name], self.entity_iri(key)))
            if claim.kind == "position":
                self.add_attested(g, node, claim, doc_id)
            for name, value in sorted(claim.values.items()):
                if value is None or name in ("lang", "attested"):
                    continue
                if name == "theme":
                    g.add((node, WIC.theme, literal(value, lang=claim.values["lang"])))
                elif name in ("start", "end"):
                    g.add((node, WIC.startDate if name == "start" else WIC.endDate, literal(value, datatype=_DATE)))
                elif name == "year":
                    g.add((node, WIC.year, literal(value)))
                elif name == "titles":
                    for lang, title in value.items():
                        g.add((node, WIC.roleTitle, literal(title, lang=lang)))
            for evidence in evidences:
                g.add((node, PROV.wasDerivedFrom, self.add_evidence(evidence)))
        self.add_direct_edges(claim)
        return node

    def add_attested(self, g: set[tuple], node: str, claim: Claim, doc_id: str) -> None:
        """When a document attests a position: its date where it has one (a
        web page's), and that date's year, else the year of its summit."""
        page = self.documents[doc_id].page if doc_id in self.documents else None
        if page is not None and page.published:
            g.add((node, WIC.attestedDate, literal(page.published, datatype=_DATE)))
            g.add((node, WIC.attestedYear, literal(page.published.year)))
        elif doc_id in claim.values["attested"]:
            g.add((node, WIC.attestedYear, literal(claim.values["attested"][doc_id])))

    def add_direct_edges(self, claim: Claim) -> None:
        g, ent = self.entities_graph, self.entity_iri
        f = claim.entities
        if claim.kind == "position":
            g.add((ent(f["person"]), WIC.memberOf, ent(f["organization"])))
        elif claim.kind == "appearance":
            g.add((ent(f["person"]), WIC.spokeAt, ent(f["event"])))
        elif claim.kind == "grant":
            g.add((ent(f["project"]), WIC.wonAward, ent(f["award"])))
            if "organization" in f:
                g.add((ent(f["project"]), WIC.developedBy, ent(f["organization"])))
        elif claim.kind == "publication" and "publisher" in f:
            g.add((ent(f["work"]), SDO.publisher, ent(f["publisher"])))

    def add_document(self, doc: DocumentInfo) -> None:
        g, node = self.doc_graph(doc.id), self.doc_iri(doc.id)
        g.add((node, RDF.type, WIC.Document))
        g.add((node, DCTERMS.identifier, literal(doc.id)))
        g.add((node, DCTERMS.language, literal(doc.language)))
        g.add((node, WIC.encoding, literal(doc.encoding)))
        g.add((node, WIC.sha256, literal(doc.sha256)))
        if doc.page is not None:  # what a web page says about itself; the site's name is a plain literal
            if doc.page.title:
                g.add((node, DCTERMS.title, literal(doc.page.title)))
            if doc.page.published:
                g.add((node, DCTERMS.issued, literal(doc.page.published, datatype=_DATE)))
            if doc.page.site:
                g.add((node, DC.publisher, literal(doc.page.site)))


@lru_cache(maxsize=65536)  # once per document, not once per evidence span
def _doc_slug(doc_id: str) -> str:
    """A document's part of its IRIs: the slug of its file name and a digest of the name, since
    names a slug cannot tell apart (`a_b.txt`, `A-B.txt`; two long titles in Chinese, whose pinyin
    is cut at 60 characters) would otherwise share one document node and one graph."""
    return "curated" if doc_id == CURATED_DOC else f"{slug(doc_id, 60)}-{digest(doc_id, 8)}"


def _doc_graph_path(doc_id: str) -> str:
    return "graph/curated" if doc_id == CURATED_DOC else f"graph/doc/{_doc_slug(doc_id)}"


def _stated_in(evidence: Evidence) -> str:
    """The document whose graph holds a piece of evidence (a curator's: the curated data's)."""
    return CURATED_DOC if evidence.extractor == "curated" else evidence.doc_id


def _support(claim: Claim) -> tuple:
    curated = any(e.extractor == "curated" for e in claim.evidence)
    return (not curated, -len({e.doc_id for e in claim.evidence}), claim.key)


def _choose(b: _Builder, claims: list[Claim], prop: str, summit: Entity) -> tuple[Claim, list[Conflict]]:
    ranked = sorted(claims, key=_support)
    chosen = ranked[0]
    if len(ranked) == 1:
        return chosen, []
    curated = not _support(chosen)[0]
    resolution = "curated value preferred" if curated else "value stated by most documents preferred"
    show = lambda c: c.values["theme"] if prop.startswith("theme") else f"{c.values['start']}..{c.values['end']}"  # noqa: E731
    conflict = Conflict(summit=summit.year, prop=prop, values=[show(c) for c in ranked], chosen=show(chosen),
                        resolution=resolution)
    node = b.mint(f"conflict/{summit.year}-{slug(prop)}")
    g = b.entities_graph
    g.add((node, RDF.type, WIC.Conflict))
    g.add((node, WIC.conflictSubject, b.entity_iri(summit.key)))
    g.add((node, WIC.conflictProperty, literal(prop)))
    g.add((node, WIC.resolution, literal(resolution)))
    for claim in ranked:
        claim_node = b.claim_iri(claim)
        g.add((node, WIC.claim, claim_node))
        # The documents behind each value, beside the conflict: `conflicts` lists them without going
        # through every evidence span of the claim (thousands for a summit's dates).
        for evidence in claim.evidence:
            g.add((claim_node, WIC.statedIn, b.doc_iri(evidence.doc_id)))
    return chosen, [conflict]


def _summit_facts(b: _Builder) -> tuple[list[Conflict], list[str]]:
    """Each summit's chosen theme per language and dates; disagreements become conflicts."""
    conflicts, notes = [], []
    by_summit: dict[str, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for claim in b.res.claims.values():
        if claim.kind == "theme":
            by_summit[claim.entities["summit"]][f"theme@{claim.values['lang']}"].append(claim)
        elif claim.kind in ("schedule", "opening"):
            by_summit[claim.entities["summit"]][claim.kind].append(claim)
    g = b.entities_graph
    for key in sorted(by_summit):
        summit, node = b.res.entities[key], b.entity_iri(key)
        groups = by_summit[key]
        for prop in sorted(p for p in groups if p.startswith("theme@")):
            chosen, found = _choose(b, groups[prop], prop, summit)
            conflicts += found
            g.add((node, WIC.theme, literal(chosen.values["theme"], lang=chosen.values["lang"])))
        start = None
        if groups.get("schedule"):
            chosen, found = _choose(b, groups["schedule"], "dates", summit)
            conflicts += found
            start = chosen.values["start"]
            g.add((node, WIC.startDate, literal(start, datatype=_DATE)))
            g.add((node, WIC.endDate, literal(chosen.values["end"], datatype=_DATE)))
            if "place" in chosen.entities:
                g.add((node, WIC.place, b.entity_iri(chosen.entities["place"])))
        if groups.get("opening"):
            notes += _opening(b, summit, groups["opening"], start)
    return conflicts, notes


def _opening(b: _Builder, summit: Entity, openings: list[Claim], start: dt.date | None) -> list[str]:
    """The opening ceremony is its own event with its own date, next to the
    span: the event the speakers at the opening spoke at."""
    g = b.entities_graph
    ceremony = b.entity_iri(openings[0].entities["event"])
    g.add((b.entity_iri(summit.key), WIC.openingCeremony, ceremony))
    notes = []
    dates = sorted({c.values["date"] for c in openings})
    for claim in openings:
        for evidence in claim.evidence:
            b.doc_graph(evidence.doc_id).add((ceremony, PROV.wasDerivedFrom, b.add_evidence(evidence)))
    if len(dates) == 1:
        g.add((ceremony, WIC.startDate, literal(dates[0], datatype=_DATE)))
    if start and any(d != start for d in dates):
        docs = sorted({e.doc_id for c in openings for e in c.evidence})
        notes.append(f"{summit.year}: the opening is dated {', '.join(map(str, dates))} ({', '.join(docs)}) "
                     f"while the summit's span starts {start}; both are kept (opening ceremony and span are separate facts)")
    return notes


def _curated_structure(b: _Builder, curated: Curated, documents: dict[str, DocumentInfo]) -> None:
    g = b.graph("graph/curated")
    series = b.mint("series/wic-wuzhen-summit")
    g.add((series, RDF.type, WIC.SummitSeries))
    for lang in ("zh", "en"):
        label = getattr(curated.series.label, lang)
        if label:
            _label(g, series, label, lang)
    for summit in curated.summits:
        node = b.mint(f"summit/{summit.year}")
        g.add((node, RDF.type, WIC.Summit))
        g.add((node, WIC.year, literal(summit.year)))
        g.add((node, WIC.ordinal, literal(summit.ordinal)))
        g.add((node, WIC.inSeries, series))
        _label(g, node, f"{summit.year}年世界互联网大会乌镇峰会", "zh")
        _label(g, node, f"{summit.year} World Internet Conference Wuzhen Summit", "en")


def _edge_counts(b: _Builder) -> None:
    """Each entity's number of edges of `_EDGES`, in and out, over the union of
    the graphs (each triple once, a loop counted twice), as wic:edgeCount in
    graph/entities: `connected` reads the top 20 off one predicate instead of
    grouping every edge of the graph. An entity is a node with a skos:prefLabel
    and a wic: class, which graph/entities and graph/curated state; nodes with
    no edge get no count."""
    edges: set[tuple] = set()
    for triples in b.named.graphs.values():
        edges.update(t for t in triples if t[1] in _EDGES)
    counts = Counter(s for s, _, _ in edges)
    counts.update(o for _, _, o in edges)
    typed, labelled = set(), set()
    for triples in (b.entities_graph, b.named.graphs.get(b.mint("graph/curated"), ())):
        for s, p, o in triples:
            if p == RDF.type and o.startswith(_WIC_TERM):
                typed.add(s)
            elif p == SKOS.prefLabel:
                labelled.add(s)
    for node in typed & labelled & counts.keys():
        b.entities_graph.add((node, WIC.edgeCount, literal(counts[node])))


def _label(graph: set[tuple], node: str, text: str, lang: str | None, prop: str = SKOS.prefLabel) -> None:
    """A label and, beside it, its text as a plain string (wic:searchKey): a user
    types a name without a language tag, and matching it against tagged labels
    would need a computed term, which stores cannot look up by index."""
    graph.add((node, prop, literal(text, lang=lang)))
    _search_keys(graph, node, text)


def _search_keys(graph: set[tuple], node: str, text: str) -> None:
    """`text` and its lower-cased form as search keys: the canned lookups
    lower-case what a user types (alibaba group, xi jinping)."""
    graph.add((node, WIC.searchKey, literal(text)))
    graph.add((node, WIC.searchKey, literal(text.lower())))


def _build(b: _Builder, documents: list[DocumentInfo], entities, claims, roles_ttl: Path,
           curated: Curated | None, edges=()) -> tuple[list[Conflict], list[str]]:
    """Assemble `documents`, the entities and the claims keyed `entities` and `claims` (all of the
    resolution, or a part), the edges alone of the claims keyed `edges`, and what is always
    assembled whole: the curated structure, the summits' facts, the role vocabulary, and the edge
    counts of what is assembled."""
    for doc in documents:
        b.add_document(doc)
    if curated is not None:
        g = b.doc_graph(CURATED_DOC)
        node = b.doc_iri(CURATED_DOC)
        g.add((node, RDF.type, WIC.Document))
        g.add((node, DCTERMS.identifier, literal("ontology/curated")))
        g.add((node, DCTERMS.language, literal("mul")))
        _curated_structure(b, curated, b.documents)
    series = b.mint("series/wic-wuzhen-summit")
    if (series, RDF.type, WIC.SummitSeries) not in b.graph("graph/curated"):
        b.entities_graph.add((series, RDF.type, WIC.SummitSeries))
        _label(b.entities_graph, series, "世界互联网大会乌镇峰会", "zh")
        _label(b.entities_graph, series, "World Internet Conference Wuzhen Summit", "en")
    for key in sorted(entities):
        b.add_entity(b.res.entities[key])
    for key in sorted(claims):
        b.add_claim(b.res.claims[key])
    for key in sorted(edges):
        claim = b.res.claims[key]
        (b.add_claim if claim.kind == "schedule" else b.add_direct_edges)(claim)  # a schedule's is in its statements
    conflicts, notes = _summit_facts(b)
    from rdflib import Graph

    vocabulary = Graph().parse(roles_ttl, format="turtle")
    b.graph("graph/vocabulary").update((term(s), term(p), term(o)) for s, p, o in vocabulary)
    for prop in (_SKOS.prefLabel, _SKOS.altLabel):
        for node, label in vocabulary.subject_objects(prop):
            _label(b.graph("graph/vocabulary"), term(node), str(label), label.language, term(prop))
    _edge_counts(b)
    return conflicts, notes


def assemble(resolution: Resolution, documents: list[DocumentInfo], base: str, roles_ttl: Path,
             curated: Curated | None) -> Assembled:
    b = _Builder(base, resolution, {d.id: d for d in documents})
    conflicts, notes = _build(b, documents, resolution.entities, resolution.claims, roles_ttl, curated)
    b.named.prefixes = {**PREFIXES, "kg": base}
    return Assembled(graphs=b.named, conflicts=conflicts, notes=notes)


class Changes(NamedTuple):
    """What assembling a resolution changes in the graph assembled from the resolution before it
    (`assemble_changes`): all the triples now of each named graph that may have changed (none: the
    graph is gone), and all the triples now in graph/entities of each subject whose triples there
    may have changed (none: it has none left). Every conflict and every claim a conflict names
    (wic:statedIn) is among the subjects, so those of the graph before that are not are gone."""

    graphs: dict[str, set[tuple]]
    entities: str  # graph/entities
    subjects: dict[str, set[tuple]]


_SUMMIT_FACTS = ("theme", "schedule", "opening")
# The fields of a claim naming an entity it gives an edge of `_EDGES` (add_direct_edges; a schedule's
# wic:place); the summit facts' edges are their summit's.
_EDGE_FIELDS = {"position": ("person", "organization"), "appearance": ("person", "event"),
                "grant": ("project", "award", "organization"), "publication": ("work", "publisher"),
                "schedule": ("place",)}


def _different(before: dict, after: dict) -> set[str]:
    """The keys whose values differ in `before` and `after` (an object both hold is not compared)."""
    return {key for key in before.keys() | after.keys()
            if before.get(key) is not after.get(key) and before.get(key) != after.get(key)}


def _statements(claim: Claim | None) -> dict[str, tuple]:
    """What a claim states in each document graph: its evidence there, and the year a position is
    attested there."""
    found: dict[str, list] = defaultdict(list)
    for evidence in claim.evidence if claim is not None else ():
        found[_stated_in(evidence)].append(evidence)
    attested = claim.values.get("attested") or {} if claim is not None else {}
    return {doc: (tuple(evidences), attested.get(doc)) for doc, evidences in found.items()}


def _facts(claim: Claim) -> tuple:
    """What a claim states in every document graph it is in: all but its evidence and attested years."""
    return claim.kind, claim.entities, {k: v for k, v in claim.values.items() if k != "attested"}


def assemble_changes(before: Resolution, after: Resolution, documents_before: list[DocumentInfo],
                     documents: list[DocumentInfo], base: str, roles_ttl: Path, curated: Curated | None) -> Changes:
    """What `assemble(after, documents, ...)` changes in `assemble(before, documents_before, ...)`
    (the same base, vocabulary and curated data), from assembling only the parts of `after` that
    reach a changed graph or subject:
      - a changed document's graph, and the graphs a changed claim's evidence is added to or taken
        from, or all of them where the claim's IRI or fields changed;
      - a changed entity's node and the graphs of the aliases it gained or lost (all of its
        aliases' and claims' where its IRI changed);
      - the nodes a changed claim names, and for a summit whose facts may change, the nodes its
        theme, schedule and opening claims name;
      - for each node whose triples may change, everything that gives it an edge, so that its
        wic:edgeCount counts what `assemble` counts."""
    old = _Builder(base, before, {d.id: d for d in documents_before})
    b = _Builder(base, after, {d.id: d for d in documents})
    entities = _different(before.entities, after.entities)
    renamed = {key for key in entities if key not in before.entities or key not in after.entities
               or old.entity_iri(key) != b.entity_iri(key)}
    claims = _different(before.claims, after.claims)
    moved = renamed & before.entities.keys() & after.entities.keys()  # a new or gone entity's claims are new or gone
    if moved:
        claims.update(key for key, claim in after.claims.items() if not moved.isdisjoint(claim.entities.values()))
    docs = _different(*({d.id: (d.language, d.encoding, d.sha256, d.page) for d in found}  # what add_document states
                        for found in (documents_before, documents)))
    nodes: set[str] = {b.mint("series/wic-wuzhen-summit")}
    keys: set[str] = set()  # the entities of `after` among the nodes
    years: set[int] = set()  # the summits among the nodes, whose edges include their events' wic:partOf
    summit_keys = {entity.year: key for r in (before, after) for key, entity in r.entities.items()
                   if entity.kind == "summit"}

    def mark(key: str) -> None:
        """The entity's node, before and now (the same node, or both changed)."""
        for side in (old, b):
            entity = side.res.entities.get(key)
            if entity is None:
                continue
            nodes.add(side.entity_iri(key))
            if side is b:
                keys.add(key)
            if entity.kind == "summit":
                years.add(entity.year)
            elif entity.kind in ("forum", "ceremony"):  # its wic:partOf edge
                nodes.add(side.mint(f"summit/{entity.year}"))
                years.add(entity.year)
                if summit_keys.get(entity.year) not in (None, key) and summit_keys[entity.year] not in keys:
                    mark(summit_keys[entity.year])

    for key in entities:
        aliases = [set(r.entities[key].aliases) if key in r.entities else set() for r in (before, after)]
        docs.update(doc for _, _, doc in (aliases[0] | aliases[1] if key in renamed else aliases[0] ^ aliases[1]))
        mark(key)
    summits: set[str] = set()
    for key in claims:
        was, now = before.claims.get(key), after.claims.get(key)
        stated_before, stated_now = _statements(was), _statements(now)
        whole = was is None or now is None or _facts(was) != _facts(now) or not renamed.isdisjoint(was.entities.values())
        docs.update(doc for doc in stated_before.keys() | stated_now.keys()
                    if whole or stated_before.get(doc) != stated_now.get(doc))
        for claim in (was, now):
            if claim is not None:
                for field in _EDGE_FIELDS.get(claim.kind, ()):
                    mark(claim.entities.get(field))
                if claim.kind in _SUMMIT_FACTS:
                    summits.add(claim.entities["summit"])
    for resolution in (before, after) if summits else ():
        # A summit's facts may change (the theme, dates and place chosen among its claims): the nodes
        # all its theme, schedule and opening claims name. (Its opening ceremony is one event whichever
        # source names it: its node changes only with that entity, and every claim naming it then too.)
        for claim in resolution.claims.values():
            if claim.kind in _SUMMIT_FACTS and claim.entities["summit"] in summits:
                for entity in claim.entities.values():
                    mark(entity)
    paths = {_doc_graph_path(doc) for doc in docs}
    aliased = {key for key, entity in after.entities.items() if any(doc in docs for _, _, doc in entity.aliases)}
    events = {key for key, entity in after.entities.items()
              if entity.kind in ("forum", "ceremony") and entity.year in years}
    stated, edges = set(), set()  # the claims stated in the graphs to assemble, those giving the nodes edges
    curated_stated = CURATED_DOC in docs
    for key, claim in after.claims.items():
        # (A curator's evidence citing an article of `docs` makes its claim one too many: assembled, not used.)
        if not docs.isdisjoint([evidence.doc_id for evidence in claim.evidence]) or curated_stated and any(
                evidence.extractor == "curated" for evidence in claim.evidence):
            stated.add(key)
        elif not keys.isdisjoint(claim.entities.values()) and any(
                claim.entities.get(field) in keys for field in _EDGE_FIELDS.get(claim.kind, ())):
            edges.add(key)
    _build(b, [d for d in documents if d.id in docs], keys | aliased | events, stated, roles_ttl, curated, edges)
    graphs = {b.mint(path): set(b.named.graphs.get(b.mint(path), ())) for path in paths}
    entities_graph = b.entities_graph
    wanted = nodes | {s for s, p, o in entities_graph if p == WIC.statedIn or (p == RDF.type and o == WIC.Conflict)}
    subjects: dict[str, set[tuple]] = {node: set() for node in wanted}
    for triple in entities_graph:
        if triple[0] in wanted:
            subjects[triple[0]].add(triple)
    return Changes(graphs, b.mint("graph/entities"), subjects)
