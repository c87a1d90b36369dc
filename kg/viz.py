"""An offline, self-contained interactive drawing of the graph (vis-network,
the library pyvis ships and drives).

Everything the page needs is inlined, so it opens from ``file://`` with no
network request. Text from articles only ever reaches the page as JSON data
rendered with ``textContent`` or vis-network's plain-text tooltips; the JSON
is escaped so it cannot close the script element.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from rdflib import URIRef

from .errors import KGError
from .sparql import select_rows
from .vocab import SDO, SPARQL_PROLOGUE, WIC

__all__ = ["render_graph", "render_page", "graph_data", "CLASS_STYLE"]

CLASS_STYLE = {
    "Person": {"color": "#4e79a7", "shape": "dot"},
    "Organization": {"color": "#f28e2b", "shape": "box"},
    "Summit": {"color": "#e15759", "shape": "star"},
    "Forum": {"color": "#76b7b2", "shape": "diamond"},
    "Ceremony": {"color": "#59a14f", "shape": "diamond"},
    "Award": {"color": "#edc948", "shape": "triangle"},
    "Project": {"color": "#b07aa1", "shape": "square"},
    "Work": {"color": "#ff9da7", "shape": "square"},
    "Place": {"color": "#9c755f", "shape": "triangleDown"},
    "SummitSeries": {"color": "#bab0ac", "shape": "star"},
}
EDGE_LABELS = {
    WIC.memberOf: "member of", WIC.spokeAt: "spoke at", WIC.partOf: "part of", WIC.wonAward: "won",
    WIC.developedBy: "developed by", SDO.publisher: "publisher", WIC.inSeries: "in series", WIC.place: "held in",
    WIC.openingCeremony: "opening",
}


@lru_cache(maxsize=1)
def _assets() -> tuple[str, str]:
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    return ((lib / "vis-network.min.js").read_text(encoding="utf-8"),
            (lib / "vis-network.css").read_text(encoding="utf-8"))


def _safe_json(data) -> str:
    """JSON that cannot end a <script> element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _rows(store, sparql: str):
    return select_rows(store, SPARQL_PROLOGUE + sparql)


def _literals(store, sparql: str) -> dict[str, list]:
    """node → the literals a (node, literal) query pairs with it, as rdflib-free (text, language) pairs."""
    found: dict[str, list] = defaultdict(list)
    for row in store.query(SPARQL_PROLOGUE + sparql):
        found[row[0].value].append((row[1].value, getattr(row[1], "language", None)))
    return found


# A direct edge and the claim that carries its evidence: (edge, claim class, subject field, object field).
_EDGE_CLAIMS = (
    (WIC.memberOf, WIC.Position, WIC.person, WIC.organization),
    (WIC.spokeAt, WIC.Appearance, WIC.person, WIC.event),
    (WIC.wonAward, WIC.AwardGrant, WIC.project, WIC.award),
    (WIC.developedBy, WIC.AwardGrant, WIC.project, WIC.organization),
    (SDO.publisher, WIC.Publication, WIC.work, WIC.publisher),
)


def edge_evidence(store) -> dict[tuple[str, str, str], list[str]]:
    """(subject, edge, object) → "document: quote" lines behind the edge."""
    found: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for edge, claim_class, subject_field, object_field in _EDGE_CLAIMS:
        for s, o, quote, note, doc in _rows(store, f"""
                SELECT ?s ?o ?quote ?note ?doc WHERE {{
                  ?claim a {claim_class.n3()} ; {subject_field.n3()} ?s ; {object_field.n3()} ?o ;
                         prov:wasDerivedFrom ?e .
                  OPTIONAL {{ ?e wic:quote ?quote }} OPTIONAL {{ ?e wic:note ?note }}
                  OPTIONAL {{ ?e wic:document/dcterms:identifier ?doc }} }}"""):
            found[(s, str(edge), o)].add(f"{doc or ''}: {quote or note or ''}")
    return {key: sorted(lines) for key, lines in found.items()}


def _class_names(store) -> dict[str, str]:
    """IRI node → the first of its classes (in IRI order) that the page draws."""
    types: dict[str, list[str]] = defaultdict(list)
    for node, cls in _rows(store, "SELECT ?node ?cls WHERE { ?node a ?cls FILTER(isIRI(?node)) }"):
        types[node].append(cls)
    names = {}
    for node, classes in types.items():
        drawn = [c.rsplit("#", 1)[-1] for c in sorted(classes) if c.rsplit("#", 1)[-1] in CLASS_STYLE]
        if drawn:
            names[node] = drawn[0]
    return names


def graph_data(store, lang: str = "zh") -> dict:
    """Nodes and edges for the page, read from an Oxigraph store."""
    nodes, edges = {}, []
    evidence = edge_evidence(store)
    labels = _literals(store, "SELECT ?node ?label WHERE { ?node skos:prefLabel ?label }")
    aliases = _literals(store, "SELECT ?node ?label WHERE { ?node skos:altLabel ?label }")
    years: dict[str, set[int]] = defaultdict(set)
    for node, year in _rows(store, "SELECT ?node ?year WHERE { { ?node wic:year ?year } UNION "
                                   "{ ?node wic:partOf/wic:year ?year } }"):
        years[node].add(int(year))
    for node, cls in sorted(_class_names(store).items()):
        by_lang = {language: text for text, language in labels.get(node, [])}
        label = by_lang.get(lang) or by_lang.get("en" if lang == "zh" else "zh") or node.rsplit("/", 1)[-1]
        names = sorted({text for text, _ in aliases.get(node, []) + labels.get(node, [])})
        nodes[node] = {
            "id": node, "label": label, "group": cls, "years": sorted(years.get(node, ())),
            "title": f"{cls}: {label}\n" + ("aliases: " + ", ".join(names) if names else ""),
            "search": " ".join(a.lower() for a in names + [label]),
            "names": sorted({a.lower() for a in names + [label]}),
            **CLASS_STYLE[cls],
        }
    values = " ".join(f"<{p}>" for p in EDGE_LABELS)
    # DISTINCT: a store loaded from TriG may hold an edge in more than one named graph.
    pairs = _rows(store, f"SELECT DISTINCT ?p ?s ?o WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?o }}")
    for p, s, o in sorted(pairs):
        if s in nodes and o in nodes:
            quotes = evidence.get((s, p, o), [])
            title = EDGE_LABELS[URIRef(p)] + ("\n" + "\n".join(quotes[:5]) if quotes else "")
            edges.append({"from": s, "to": o, "label": EDGE_LABELS[URIRef(p)], "title": title, "arrows": "to",
                          "font": {"size": 12}})
    return {"nodes": list(nodes.values()), "edges": edges}


def _neighbourhood(data: dict, focus: str, hops: int) -> dict:
    """The entities within `hops` edges of the one labelled `focus` (any label or alias)."""
    wanted = focus.strip().lower()
    start = [n["id"] for n in data["nodes"] if wanted in n["names"]]
    if not start:
        raise KGError(f"--focus: no entity is labelled {focus!r}")
    neighbours = defaultdict(set)
    for edge in data["edges"]:
        neighbours[edge["from"]].add(edge["to"])
        neighbours[edge["to"]].add(edge["from"])
    keep, frontier = set(start), set(start)
    for _ in range(hops):
        frontier = {m for n in frontier for m in neighbours[n]} - keep
        keep |= frontier
    return {"nodes": [n for n in data["nodes"] if n["id"] in keep],
            "edges": [e for e in data["edges"] if e["from"] in keep and e["to"] in keep]}


def _capped(data: dict, max_nodes: int) -> tuple[dict, str]:
    """The `max_nodes` most connected entities, and a notice saying what was left out."""
    total = len(data["nodes"])
    if total <= max_nodes:
        return data, ""
    degree = defaultdict(int)
    for edge in data["edges"]:
        degree[edge["from"]] += 1
        degree[edge["to"]] += 1
    keep = {n["id"] for n in sorted(data["nodes"], key=lambda n: (-degree[n["id"]], n["id"]))[:max_nodes]}
    kept = {"nodes": [n for n in data["nodes"] if n["id"] in keep],
            "edges": [e for e in data["edges"] if e["from"] in keep and e["to"] in keep]}
    notice = (f"showing the {max_nodes} most connected of {total} entities ({total - max_nodes} left out); "
              "use kg viz --focus NAME to explore the rest")
    return kept, notice


LARGE = 1000
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def _precomputed_layout(data: dict) -> None:
    """Fixed positions for large graphs, where running physics in the browser
    would take many seconds: well-connected entities on a sunflower spiral,
    each sized by the entities hanging off it, which sit around it."""
    neighbours = defaultdict(set)
    for edge in data["edges"]:
        neighbours[edge["from"]].add(edge["to"])
        neighbours[edge["to"]].add(edge["from"])
    order = sorted(data["nodes"], key=lambda n: (-len(neighbours[n["id"]]), n["id"]))
    hubs = [n["id"] for n in order if len(neighbours[n["id"]]) >= 3]
    hub_set = set(hubs)
    satellites = defaultdict(list)
    for node in order:
        if node["id"] not in hub_set:
            anchors = sorted(neighbours[node["id"]] & hub_set, key=lambda h: (-len(neighbours[h]), h))
            satellites[anchors[0] if anchors else None].append(node["id"])
    spacing, positions, area = 40.0, {}, 0.0
    for index, hub in enumerate(hubs):
        radius = spacing * (1 + math.sqrt(len(satellites[hub])))
        area += radius * radius
        distance = math.sqrt(area) * 2
        positions[hub] = (distance * math.cos(index * _GOLDEN_ANGLE), distance * math.sin(index * _GOLDEN_ANGLE))
    outer = math.sqrt(area) * 2 + spacing * 4
    loose = satellites.pop(None, [])
    for index, node in enumerate(loose):
        distance = outer + spacing * math.sqrt(index)
        positions[node] = (distance * math.cos(index * _GOLDEN_ANGLE), distance * math.sin(index * _GOLDEN_ANGLE))
    for hub, members in satellites.items():
        cx, cy = positions[hub]
        for k, node in enumerate(members, start=1):
            distance = spacing * (0.6 + math.sqrt(k))
            positions[node] = (cx + distance * math.cos(k * _GOLDEN_ANGLE), cy + distance * math.sin(k * _GOLDEN_ANGLE))
    for node in data["nodes"]:
        node["x"], node["y"] = (round(v, 1) for v in positions[node["id"]])


def render_graph(store, lang: str = "zh", title: str = "Wuzhen KG", focus: str | None = None, hops: int = 1,
                 max_nodes: int = 1500) -> str:
    """The whole HTML page for the graph in an Oxigraph store, as a string (the caller writes it as UTF-8)."""
    return render_page(graph_data(store, lang), lang, title, focus, hops, max_nodes)


def render_page(data: dict, lang: str = "zh", title: str = "Wuzhen KG", focus: str | None = None, hops: int = 1,
                max_nodes: int = 1500) -> str:
    """The page for `graph_data` output, which is left as it was."""
    data = {"nodes": [dict(node) for node in data["nodes"]], "edges": list(data["edges"])}
    if focus:
        data = _neighbourhood(data, focus, hops)
    data, notice = _capped(data, max_nodes)
    years = sorted({y for n in data["nodes"] for y in n["years"]})
    large = len(data["nodes"]) > LARGE
    if large:
        _precomputed_layout(data)
    data.update({
        "classes": {k: v for k, v in CLASS_STYLE.items() if any(n["group"] == k for n in data["nodes"])},
        "years": years,
        "notice": notice,
        "options": {
            "physics": {"enabled": not large, "stabilization": {"iterations": 300, "fit": True},
                        "barnesHut": {"gravitationalConstant": -2500, "springLength": 70, "avoidOverlap": 0.2}},
            "interaction": {"hover": True, "tooltipDelay": 100},
            "nodes": {"font": {"size": 20}, "scaling": {"label": {"drawThreshold": 3}}},
            "edges": {"smooth": False, "color": {"inherit": False, "color": "#999"}},
            "layout": {"improvedLayout": not large},
        },
    })
    js, css = _assets()
    template = (Path(__file__).parent / "templates" / "graph.html").read_text(encoding="utf-8")
    values = {"VIS_CSS": css, "VIS_JS": js, "LANG": lang, "TITLE": html.escape(title), "GRAPH_JSON": _safe_json(data)}
    # One pass, so text inside the data can never be taken for a placeholder.
    return re.sub(r"\{\{(\w+)\}\}", lambda m: values[m.group(1)], template)
