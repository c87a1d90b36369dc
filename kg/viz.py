"""An offline, self-contained interactive drawing of the graph (vis-network,
the library pyvis ships and drives).

Everything the page needs is inlined, so it opens from ``file://`` with no
network request. Text from articles only ever reaches the page as JSON data
rendered with ``textContent`` or vis-network's plain-text tooltips; the JSON
is escaped so it cannot close the script element.

The layout is computed here, once, with a seeded random number generator:
summits on a horizontal spine in year order, everything else placed around
them by Fruchterman-Reingold (igraph), so the page opens the same way every
time and the browser runs no physics. What a click shows about a node (a
person's roles and speeches with the quotes behind them, a summit's theme,
dates, place and forums …) is read from the graph here and written into the
page as data.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from .errors import KGError
from .namespaces import local_name
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
# Class and edge names as the ontology labels them (ontology/wic.ttl), and the page's own words.
TEXT = {
    "zh": {
        "classes": {"Person": "人物", "Organization": "组织机构", "Summit": "峰会", "Forum": "论坛", "Ceremony": "仪式",
                    "Award": "奖项", "Project": "项目", "Work": "成果文件", "Place": "地点", "SummitSeries": "峰会系列"},
        "edges": {"memberOf": "任职于", "spokeAt": "发言于", "partOf": "隶属于", "wonAward": "获得奖项",
                  "developedBy": "研发单位", "publisher": "发布者", "inSeries": "所属系列", "place": "地点",
                  "openingCeremony": "开幕式"},
        "controls": {"search": "搜索名称、别名或拼音", "allClasses": "全部类别", "allYears": "全部年份", "fit": "适应窗口",
                     "reset": "重置", "export": "导出 PNG", "noMatch": "没有匹配“{}”的名称", "matches": "{} 个匹配",
                     "close": "关闭", "hint": "单击节点查看详情，双击展开其相邻节点"},
        "sections": {"roles": "职务", "speeches": "发言", "people": "人员", "projects": "项目", "works": "成果文件",
                     "theme": "主题", "dates": "日期", "opening": "开幕式", "place": "地点", "forums": "论坛与仪式",
                     "speakers": "发言人", "summit": "所属峰会", "winners": "获奖项目", "awards": "所获奖项",
                     "publisher": "发布者", "summits": "峰会", "aliases": "别名", "sources": "来源"},
        "notice": "只显示连接最多的 {kept} 个实体（共 {total} 个，略去 {left} 个）；用 kg viz --focus 名称 查看其余",
        "list": "、", "of": "，",
    },
    "en": {
        "classes": {"Person": "Person", "Organization": "Organization", "Summit": "Summit", "Forum": "Forum",
                    "Ceremony": "Ceremony", "Award": "Award", "Project": "Project", "Work": "Work", "Place": "Place",
                    "SummitSeries": "Summit series"},
        "edges": {"memberOf": "member of", "spokeAt": "spoke at", "partOf": "part of", "wonAward": "won award",
                  "developedBy": "developed by", "publisher": "publisher", "inSeries": "in series", "place": "place",
                  "openingCeremony": "opening ceremony"},
        "controls": {"search": "search a name, alias or pinyin", "allClasses": "all classes", "allYears": "all years",
                     "fit": "Fit", "reset": "Reset", "export": "Export PNG", "noMatch": "no name matches “{}”",
                     "matches": "{} matches", "close": "Close",
                     "hint": "click a node for its details, double-click to expand its neighbours"},
        "sections": {"roles": "Roles", "speeches": "Speeches", "people": "People", "projects": "Projects",
                     "works": "Works", "theme": "Theme", "dates": "Dates", "opening": "Opening ceremony",
                     "place": "Place", "forums": "Forums and ceremonies", "speakers": "Speakers", "summit": "Summit",
                     "winners": "Winning projects", "awards": "Awards", "publisher": "Publisher",
                     "summits": "Summits", "aliases": "Also known as", "sources": "Sources"},
        "notice": "showing the {kept} most connected of {total} entities ({left} left out); "
                  "use kg viz --focus NAME to explore the rest",
        "list": ", ", "of": ", ",
    },
}
_EDGES = (WIC.memberOf, WIC.spokeAt, WIC.partOf, WIC.wonAward, WIC.developedBy, SDO.publisher, WIC.inSeries,
          WIC.place, WIC.openingCeremony)
# The edges' predicates as the rows give them (a Namespace attribute costs a lookup each time).
(_MEMBER_OF, _SPOKE_AT, _PART_OF, _WON_AWARD, _DEVELOPED_BY, _PUBLISHER, _IN_SERIES, _PLACE, _OPENING) = map(str, _EDGES)


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


def _sorted_rows(store, sparql: str):
    return sorted(_rows(store, sparql), key=lambda row: tuple(value or "" for value in row))


class _Facts:
    """What the page says about the graph, read once from the store."""

    def __init__(self, store, lang: str):
        self.lang = lang
        self.labels: dict[str, dict[str, str]] = defaultdict(dict)
        for node, text, language in _rows(store, "SELECT ?n ?l (LANG(?l) AS ?lang) WHERE { ?n skos:prefLabel ?l }"):
            self.labels[node][language] = text
        self.keys: dict[str, set[str]] = defaultdict(set)
        for node, key in _rows(store, "SELECT ?n ?k WHERE { ?n wic:searchKey ?k }"):
            self.keys[node].add(key.lower())
        self.aliases: dict[str, set[str]] = defaultdict(set)
        for node, text in _rows(store, "SELECT ?n ?l WHERE { ?n skos:altLabel ?l }"):
            self.aliases[node].add(text)
        self.quotes: dict[str, set[str]] = defaultdict(set)
        for claim, doc, quote, note in _rows(store, """
                SELECT ?c ?doc ?quote ?note WHERE { ?c prov:wasDerivedFrom ?e .
                  OPTIONAL { ?e wic:quote ?quote } OPTIONAL { ?e wic:note ?note }
                  OPTIONAL { ?e wic:document/dcterms:identifier ?doc } }"""):
            self.quotes[claim].add(f"{doc or ''}: {quote or note or ''}")
        self.literals: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        for node, prop, value, language in _rows(store, """
                SELECT ?n ?p ?v (LANG(?v) AS ?lang) WHERE {
                  VALUES ?p { wic:year wic:theme wic:startDate wic:endDate wic:roleTitle wic:attestedYear }
                  ?n ?p ?v }"""):
            self.literals[(node, local_name(prop))].append((value, language))
        # Sorted: the store's row order depends on the file the graph was loaded from.
        self.positions = _sorted_rows(store, "SELECT ?c ?p ?r ?o WHERE { ?c a wic:Position ; wic:person ?p ; "
                                             "wic:role ?r ; wic:organization ?o }")
        self.appearances = _sorted_rows(store, "SELECT ?c ?p ?e WHERE { ?c a wic:Appearance ; wic:person ?p ; "
                                               "wic:event ?e }")
        self.grants = _sorted_rows(store, "SELECT ?c ?j ?a ?o WHERE { ?c a wic:AwardGrant ; wic:project ?j ; "
                                          "wic:award ?a OPTIONAL { ?c wic:organization ?o } }")
        self.publications = _sorted_rows(store, "SELECT ?c ?w ?o WHERE { ?c a wic:Publication ; wic:work ?w "
                                                "OPTIONAL { ?c wic:publisher ?o } }")
        # The claims whose evidence backs each direct edge.
        self.behind: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        for claim, person, _role, org in self.positions:
            self.behind[(person, _MEMBER_OF, org)].append(claim)
        for claim, person, event in self.appearances:
            self.behind[(person, _SPOKE_AT, event)].append(claim)
        for claim, project, award, org in self.grants:
            self.behind[(project, _WON_AWARD, award)].append(claim)
            self.behind[(project, _DEVELOPED_BY, org)].append(claim)
        for claim, work, org in self.publications:
            self.behind[(work, _PUBLISHER, org)].append(claim)
        values = " ".join(f"<{p}>" for p in _EDGES)
        # DISTINCT: a store loaded from TriG may hold an edge in more than one named graph.
        self.edges = _sorted_rows(store, f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?o }}")

    def label(self, node: str | None) -> str:
        """The node's label in the page's language, else the other, else its IRI's last part."""
        if node is None:
            return ""
        by_lang = self.labels.get(node, {})
        return by_lang.get(self.lang) or by_lang.get("en" if self.lang == "zh" else "zh") or local_name(node)

    def literal(self, node: str, prop: str) -> list[str]:
        """The values of a literal property, those in the page's language first."""
        found = self.literals.get((node, prop), [])
        return [v for v, lang in sorted(found, key=lambda vl: (vl[1] not in ("", self.lang), vl[0]))]

    def years(self, node: str | None, prop: str = "year") -> list[int]:
        return sorted({int(v) for v in self.literal(node, prop)}) if node else []

    def role(self, claim: str, role: str) -> str:
        """A position's post in the page's language: as its sources write it, else the vocabulary's word."""
        titles = {lang: v for v, lang in self.literals.get((claim, "roleTitle"), [])}
        return titles.get(self.lang) or self.labels.get(role, {}).get(self.lang) or titles.get(
            "en" if self.lang == "zh" else "zh") or self.label(role)


def _class_names(store) -> dict[str, str]:
    """IRI node → the first of its classes (in IRI order) that the page draws."""
    types: dict[str, list[str]] = defaultdict(list)
    for node, cls in _rows(store, "SELECT ?node ?cls WHERE { ?node a ?cls FILTER(isIRI(?node)) }"):
        types[node].append(cls)
    local = {cls: local_name(cls) for classes in types.values() for cls in classes}
    names = {}
    for node, classes in types.items():
        drawn = [local[c] for c in sorted(classes) if local[c] in CLASS_STYLE]
        if drawn:
            names[node] = drawn[0]
    return names


def _row(text: str, quotes=()) -> dict:
    return {"text": text, "quotes": sorted(quotes)[:5]}


def _joined(parts, words: dict) -> str:
    return words["of"].join(str(p) for p in parts if p not in (None, "", []))


def _details(facts: _Facts, classes: dict[str, str], words: dict) -> tuple[dict, dict, dict]:
    """node → its panel sections; node → the years it belongs to; (person, org) → their posts."""
    sections: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    years: dict[str, set[int]] = defaultdict(set)
    posts: dict[tuple[str, str], list[str]] = defaultdict(list)
    event_year = {}
    for node, cls in classes.items():
        if cls == "Summit":
            years[node].update(facts.years(node))
    for s, p, o in facts.edges:
        if p == _PART_OF:
            event_year[s] = next(iter(facts.years(o)), None)
            if event_year[s]:
                years[s].add(event_year[s])
            sections[o]["forums"].append(_row(facts.label(s)))
            sections[s]["summit"].append(_row(facts.label(o)))
        elif p in (_PLACE, _IN_SERIES):
            sections[o]["summits"].append(_row(facts.label(s)))
            if p == _PLACE:  # a place belongs to the years of the summits held there; the series to none
                years[o].update(facts.years(s))
                sections[s]["place"].append(_row(facts.label(o)))
    held: dict[tuple[str, str], tuple[set, set]] = defaultdict(lambda: (set(), set()))  # (person, org) → years, quotes
    for claim, person, role, org in facts.positions:
        posts[(person, org)].append(facts.role(claim, role))
        attested = facts.years(claim, "attestedYear")
        years[person].update(attested)
        years[org].update(attested)
        held[(person, org)][0].update(attested)
        held[(person, org)][1].update(facts.quotes[claim])
    for (person, org), (attested, quotes) in sorted(held.items()):
        post, when = words["list"].join(sorted(set(posts[(person, org)]))), _joined(sorted(attested), words)
        sections[person]["roles"].append(_row(_joined([post, facts.label(org), when], words), quotes))
        sections[org]["people"].append(_row(_joined([facts.label(person), post, when], words), quotes))
    for claim, person, event in facts.appearances:
        year = event_year.get(event)
        if year:
            years[person].add(year)
        sections[person]["speeches"].append(_row(_joined([facts.label(event), year], words), facts.quotes[claim]))
        sections[event]["speakers"].append(_row(facts.label(person), facts.quotes[claim]))
    for claim, project, award, org in facts.grants:
        granted = facts.years(claim)
        for node in (project, award, org):
            if node:
                years[node].update(granted)
        when = _joined(granted, words)
        sections[award]["winners"].append(_row(_joined([facts.label(project), facts.label(org), when], words),
                                               facts.quotes[claim]))
        sections[project]["awards"].append(_row(_joined([facts.label(award), when], words), facts.quotes[claim]))
        if org:
            sections[org]["projects"].append(_row(_joined([facts.label(project), facts.label(award), when], words)))
    for claim, work, org in facts.publications:
        published = facts.years(claim)
        years[work].update(published)
        if org:
            years[org].update(published)
            sections[org]["works"].append(_row(_joined([facts.label(work), *published], words), facts.quotes[claim]))
            sections[work]["publisher"].append(_row(_joined([facts.label(org), *published], words),
                                                    facts.quotes[claim]))
    for node, cls in classes.items():
        if cls in ("Summit", "Ceremony", "Forum"):
            start, end = facts.literal(node, "startDate")[:1], facts.literal(node, "endDate")[:1]
            if start:
                sections[node]["dates"].insert(0, _row(" – ".join(start + end)))
            for theme in facts.literal(node, "theme")[:1]:
                sections[node]["theme"].append(_row(theme))
    for s, p, o in facts.edges:
        if p == _OPENING:
            sections[s]["opening"].append(_row(_joined([facts.label(o), *facts.literal(o, "startDate")], words)))
    return sections, years, posts


def graph_data(store, lang: str = "zh") -> dict:
    """Nodes (with what their panel shows) and edges for the page, read from an Oxigraph store."""
    words = TEXT[lang]
    facts = _Facts(store, lang)
    classes = _class_names(store)
    sections, years, posts = _details(facts, classes, words)
    order = list(words["sections"])
    nodes = {}
    for node, cls in sorted(classes.items()):
        label = facts.label(node)
        aliases = sorted(facts.aliases.get(node, set()) | set(facts.labels.get(node, {}).values()) - {label})
        also = words["list"].join(aliases)
        if aliases:
            sections[node]["aliases"].append(_row(also))
        title = f"{words['classes'][cls]}: {label}" + (f"\n{words['sections']['aliases']}: {also}" if aliases else "")
        nodes[node] = {
            "id": node, "label": label, "group": cls, "years": sorted(years.get(node, ())), "title": title,
            # A summit is drawn by its year (2025 峰会): the spine stays readable; its full name is the heading.
            **({"name": label, "label": f"{min(years[node])} {words['classes'][cls]}"}
               if cls == "Summit" and years.get(node) else {}),
            "keys": sorted(facts.keys.get(node, set()) | {label.lower()} | {a.lower() for a in aliases}),
            "details": [{"title": words["sections"][name], "rows": sections[node][name]}
                        for name in order if sections[node].get(name)],
        }
    edges = []
    for s, p, o in facts.edges:
        if s in nodes and o in nodes:
            name = words["edges"][local_name(p)]
            quotes = sorted({q for claim in facts.behind.get((s, p, o), ()) for q in facts.quotes[claim]})
            label = words["list"].join(sorted(set(posts[(s, o)]))) if p == _MEMBER_OF else name
            title = (f"{name}: {label}" if label != name else name) + "".join(f"\n{q}" for q in quotes[:5])
            edges.append({"from": s, "to": o, "label": label, "title": title, "arrows": "to", "kind": local_name(p)})
    return {"nodes": list(nodes.values()), "edges": edges}


def _neighbourhood(data: dict, focus: str, hops: int) -> dict:
    """The entities within `hops` edges of the one labelled `focus` (any label, alias or pinyin, any case)."""
    wanted = focus.strip().lower()
    start = [n["id"] for n in data["nodes"] if wanted in n["keys"]]
    if not start:
        from .lookup import suggestion

        raise KGError(f"--focus: no entity is labelled {focus!r}"
                      f"{suggestion(focus, [k for n in data['nodes'] for k in n['keys']])}")
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


def _degrees(data: dict) -> dict[str, int]:
    degree = defaultdict(int)
    for edge in data["edges"]:
        degree[edge["from"]] += 1
        degree[edge["to"]] += 1
    return degree


def _capped(data: dict, max_nodes: int, lang: str) -> tuple[dict, str]:
    """The `max_nodes` most connected entities, and a notice saying what was left out."""
    total = len(data["nodes"])
    if total <= max_nodes:
        return data, ""
    degree = _degrees(data)
    keep = {n["id"] for n in sorted(data["nodes"], key=lambda n: (-degree[n["id"]], n["id"]))[:max_nodes]}
    kept = {"nodes": [n for n in data["nodes"] if n["id"] in keep],
            "edges": [e for e in data["edges"] if e["from"] in keep and e["to"] in keep]}
    return kept, TEXT[lang]["notice"].format(kept=max_nodes, total=total, left=total - max_nodes)


LARGE = 1000
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
_SEED = 20141119  # the first summit's opening day: any fixed number gives the same page every time


def _spine_layout(data: dict) -> None:
    """Summits on a horizontal spine in year order, the rest placed around
    them by Fruchterman-Reingold with a seeded generator (same input, same
    positions), scaled so that an edge is about 150 px long."""
    import random

    import igraph

    if not data["nodes"]:  # an empty graph: nothing to place (igraph refuses an empty start matrix)
        return
    index = {n["id"]: i for i, n in enumerate(data["nodes"])}
    graph = igraph.Graph(n=len(index), edges=sorted({tuple(sorted((index[e["from"]], index[e["to"]])))
                                                      for e in data["edges"]}))
    summits = sorted((n["years"][0], n["id"]) for n in data["nodes"] if n["group"] == "Summit" and n["years"])
    gap = 1.2 * math.sqrt(len(index) / max(len(summits), 1))
    pinned = {index[node]: ((year - summits[0][0]) * gap, 0.0) for year, node in summits}
    for node in data["nodes"]:  # the series heads the spine
        if node["group"] == "SummitSeries" and summits:
            pinned[index[node["id"]]] = (-2.5 * gap, 0.0)
    ring = len(index) ** 0.5
    seed = [list(pinned.get(i, (ring * math.cos(i * _GOLDEN_ANGLE), ring * math.sin(i * _GOLDEN_ANGLE))))
            for i in range(len(index))]
    low = [pinned[i] if i in pinned else (-math.inf, -math.inf) for i in range(len(index))]
    high = [pinned[i] if i in pinned else (math.inf, math.inf) for i in range(len(index))]
    igraph.set_random_number_generator(random.Random(_SEED))
    try:
        layout = graph.layout_fruchterman_reingold(seed=seed, niter=500,
                                                   minx=[p[0] for p in low], maxx=[p[0] for p in high],
                                                   miny=[p[1] for p in low], maxy=[p[1] for p in high])
    finally:
        igraph.set_random_number_generator(random)
    lengths = sorted(math.dist(layout[a], layout[b]) for a, b in graph.get_edgelist()) or [1.0]
    scale = 150 / max(lengths[len(lengths) // 2], 1e-6)
    coords = [[x * scale, y * scale] for x, y in layout.coords]
    _separate(coords, set(pinned), 80.0)
    for node, (x, y) in zip(data["nodes"], coords):
        node["x"], node["y"] = round(x, 1), round(y, 1)


def _separate(coords: list[list[float]], fixed: set[int], gap: float, rounds: int = 60) -> None:
    """Push apart nodes closer than `gap` (a force layout ignores how large a
    node is drawn), leaving `fixed` ones where they are. Neighbours are found
    in a grid of `gap`-sized cells, so a round costs linear time."""
    for _ in range(rounds):
        cells: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i, (x, y) in enumerate(coords):
            cells[(math.floor(x / gap), math.floor(y / gap))].append(i)
        moved = False
        for (cx, cy), members in cells.items():
            for i in members:
                for j in (j for dx in (-1, 0, 1) for dy in (-1, 0, 1) for j in cells.get((cx + dx, cy + dy), ())):
                    if j <= i or (i in fixed and j in fixed):
                        continue
                    dx, dy = coords[j][0] - coords[i][0], coords[j][1] - coords[i][1]
                    distance = math.hypot(dx, dy)
                    if distance >= gap:
                        continue
                    if distance < 1e-9:  # on top of each other: apart along a direction fixed by the pair
                        dx, dy, distance = math.cos(i + j), math.sin(i + j), 1.0
                    push = (gap - distance) / distance
                    share_i = 0.0 if i in fixed else (1.0 if j in fixed else 0.5)
                    share_j = 0.0 if j in fixed else 1.0 - share_i
                    coords[i][0] -= dx * push * share_i
                    coords[i][1] -= dy * push * share_i
                    coords[j][0] += dx * push * share_j
                    coords[j][1] += dy * push * share_j
                    moved = True
        if not moved:
            return


def _precomputed_layout(data: dict) -> None:
    """Fixed positions for large graphs, where a force layout would take many
    seconds: well-connected entities on a sunflower spiral, each sized by the
    entities hanging off it, which sit around it."""
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
    """The page for `graph_data` output (in the same `lang`), which is left as it was."""
    data = {"nodes": [dict(node) for node in data["nodes"]], "edges": list(data["edges"])}
    if focus:
        data = _neighbourhood(data, focus, hops)
    data, notice = _capped(data, max_nodes, lang)
    degree = _degrees(data)
    for node in data["nodes"]:
        # Summits are the spine the reader follows: drawn as large as the best-connected entities.
        node["value"] = max(degree[node["id"]], 12) if node["group"] == "Summit" else degree[node["id"]]
    (_precomputed_layout if len(data["nodes"]) > LARGE else _spine_layout)(data)
    words = TEXT[lang]
    present = [cls for cls in CLASS_STYLE if any(n["group"] == cls for n in data["nodes"])]
    data.update({
        "classes": {cls: {"name": words["classes"][cls], "color": CLASS_STYLE[cls]["color"]} for cls in present},
        "text": words["controls"],
        "years": sorted({y for n in data["nodes"] for y in n["years"]}),
        "notice": notice,
        "options": {
            # Positions come from the layout above: no physics, so two loads draw the same picture.
            "physics": {"enabled": False},
            "layout": {"improvedLayout": False},
            "interaction": {"hover": True, "tooltipDelay": 100, "hideEdgesOnDrag": len(data["nodes"]) > LARGE},
            # Colours and shapes per class as groups: vis-network keeps a node's group style through updates.
            "groups": {cls: dict(CLASS_STYLE[cls]) for cls in present},
            "nodes": {"scaling": {"min": 8, "max": 40, "label": {"enabled": True, "min": 12, "max": 42,
                                                                  "drawThreshold": 9, "maxVisible": 40}},
                      "font": {"size": 14}},
            "edges": {"smooth": False, "color": {"inherit": False, "color": "#999"}, "font": {"size": 11},
                      "width": 1, "scaling": {"label": {"drawThreshold": 8}}},
        },
    })
    js, css = _assets()
    template = (Path(__file__).parent / "templates" / "graph.html").read_text(encoding="utf-8")
    values = {"VIS_CSS": css, "VIS_JS": js, "LANG": lang, "TITLE": html.escape(title), "GRAPH_JSON": _safe_json(data)}
    # One pass, so text inside the data can never be taken for a placeholder.
    return re.sub(r"\{\{(\w+)\}\}", lambda m: values[m.group(1)], template)
