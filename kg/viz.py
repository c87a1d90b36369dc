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

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from .errors import KGError
from .vocab import SDO, WIC

__all__ = ["render_graph", "CLASS_STYLE"]

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


def _label(graph: Graph, node: URIRef, lang: str) -> str:
    labels = {o.language: str(o) for o in graph.objects(node, SKOS.prefLabel)}
    return labels.get(lang) or labels.get("en" if lang == "zh" else "zh") or str(node).rsplit("/", 1)[-1]


def _class_name(graph: Graph, node: URIRef) -> str | None:
    for cls in sorted(graph.objects(node, RDF.type)):
        name = str(cls).rsplit("#", 1)[-1]
        if name in CLASS_STYLE:
            return name
    return None


# A direct edge and the claim that carries its evidence: (edge, claim class, subject field, object field).
_EDGE_CLAIMS = (
    (WIC.memberOf, WIC.Position, WIC.person, WIC.organization),
    (WIC.spokeAt, WIC.Appearance, WIC.person, WIC.event),
    (WIC.wonAward, WIC.AwardGrant, WIC.project, WIC.award),
    (WIC.developedBy, WIC.AwardGrant, WIC.project, WIC.organization),
    (SDO.publisher, WIC.Publication, WIC.work, WIC.publisher),
)


def edge_evidence(graph: Graph) -> dict[tuple[str, str, str], list[str]]:
    """(subject, edge, object) → "document: quote" lines behind the edge."""
    found: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for edge, claim_class, subject_field, object_field in _EDGE_CLAIMS:
        for claim in graph.subjects(RDF.type, claim_class):
            for s in graph.objects(claim, subject_field):
                for o in graph.objects(claim, object_field):
                    for evidence in graph.objects(claim, PROV.wasDerivedFrom):
                        quote = graph.value(evidence, WIC.quote) or graph.value(evidence, WIC.note) or ""
                        doc = graph.value(graph.value(evidence, WIC.document), DCTERMS.identifier) or ""
                        found[(str(s), str(edge), str(o))].add(f"{doc}: {quote}")
    return {key: sorted(lines) for key, lines in found.items()}


def graph_data(graph: Graph, lang: str = "zh") -> dict:
    nodes, edges = {}, []
    evidence = edge_evidence(graph)
    for node in sorted(set(graph.subjects(RDF.type, None))):
        cls = _class_name(graph, node)
        if cls is None or not isinstance(node, URIRef):
            continue
        label = _label(graph, node, lang)
        aliases = sorted({str(o) for o in graph.objects(node, SKOS.altLabel)} |
                         {str(o) for o in graph.objects(node, SKOS.prefLabel)})
        years = sorted({int(y) for y in graph.objects(node, WIC.year)} |
                       {int(y) for s in graph.objects(node, WIC.partOf) for y in graph.objects(s, WIC.year)})
        nodes[str(node)] = {
            "id": str(node), "label": label, "group": cls, "years": years,
            "title": f"{cls}: {label}\n" + ("aliases: " + ", ".join(aliases) if aliases else ""),
            "search": " ".join(a.lower() for a in aliases + [label]),
            "names": sorted({a.lower() for a in aliases + [label]}),
            **CLASS_STYLE[cls],
        }
    for prop, name in sorted(EDGE_LABELS.items()):
        for s, o in sorted(graph.subject_objects(prop)):
            if str(s) in nodes and str(o) in nodes:
                quotes = evidence.get((str(s), str(prop), str(o)), [])
                title = name + ("\n" + "\n".join(quotes[:5]) if quotes else "")
                edges.append({"from": str(s), "to": str(o), "label": name, "title": title, "arrows": "to",
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


def render_graph(graph: Graph, lang: str = "zh", title: str = "Wuzhen KG", focus: str | None = None, hops: int = 1,
                 max_nodes: int = 1500) -> str:
    """The whole HTML page as a string (the caller writes it as UTF-8)."""
    data = graph_data(graph, lang)
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
