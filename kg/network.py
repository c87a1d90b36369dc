"""The graph for notebooks and graph tools: a networkx ``MultiDiGraph``, and
from it GraphML and GEXF files for Gephi and Cytoscape.

Nodes are the entities the HTML page draws (people, organisations, the
series, summits, forums and ceremonies, awards, projects, works, places),
keyed by IRI, with

- ``class`` (``Person``, ``Summit`` …), ``label`` (Chinese, else English),
  ``label_zh`` and ``label_en`` (where the graph has them);
- ``first_year`` and ``last_year``: the summit years the entity is tied to,
  its own and its relations' (left out when there are none).

Edges are the direct relations, one per relation and, where the claims
behind it carry roles or years, per role and year, with ``predicate`` and
``label`` (the ontology property's local name: ``memberOf``, ``spokeAt``,
``wonAward``, ``developedBy``, ``publisher``, ``partOf``, ``inSeries``,
``place``, ``openingCeremony``), ``role`` and ``role_zh`` (``memberOf``),
``year`` (where known) and ``evidence``: how many evidence spans or
curator's notes support the claims that name both its ends (a position for
``memberOf``, an appearance for ``spokeAt`` and ``partOf``, a schedule for
``place``; 0 where no claim does, as for ``inSeries``). Every attribute is a
string or an integer, so ``networkx.write_graphml`` and ``write_gexf`` take
the graph as it is.
"""

from __future__ import annotations

import io
from collections import defaultdict
from pathlib import Path

from .namespaces import local_name

__all__ = ["to_networkx", "write_graph", "GRAPH_FORMATS"]

GRAPH_FORMATS = ("graphml", "gexf")
# The direct relations between entities (kg.assemble writes them beside the claims), each with the claim
# class whose two properties name its ends, where one does.
_EDGES = {
    "wic:memberOf": ("wic:Position", "wic:person", "wic:organization"),
    "wic:spokeAt": ("wic:Appearance", "wic:person", "wic:event"),
    "wic:wonAward": ("wic:AwardGrant", "wic:project", "wic:award"),
    "wic:developedBy": ("wic:AwardGrant", "wic:project", "wic:organization"),
    "schema:publisher": ("wic:Publication", "wic:work", "wic:publisher"),
    "wic:partOf": ("wic:Appearance", "wic:event", "wic:summit"),
    "wic:place": ("wic:Schedule", "wic:summit", "wic:place"),
    "wic:inSeries": None,
    "wic:openingCeremony": None,
}


def _labels(rows) -> dict[str, dict[str, str]]:
    """node → language → its first label in code-point order."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for node, text, lang in sorted(rows, key=lambda row: (row[0], row[2] or "", row[1])):
        found[node].setdefault(lang or "", text)
    return found


def _claims(store, select) -> dict[tuple, list[tuple]]:
    """(edge, subject, object) → (role, year, evidence count) of the claims behind each direct edge."""
    found: dict[tuple, list[tuple]] = defaultdict(list)
    for edge, (claim, subject, obj) in ((edge, claim) for edge, claim in _EDGES.items() if claim):
        for s, o, role, year, evidence in select(f"""
                SELECT ?s ?o ?role ?year (COUNT(DISTINCT ?e) AS ?evidence) WHERE {{
                  ?c a {claim} ; {subject} ?s ; {obj} ?o ; prov:wasDerivedFrom ?e .
                  OPTIONAL {{ ?c wic:role ?role }}
                  OPTIONAL {{ ?c wic:year ?own }} OPTIONAL {{ ?c wic:summit/wic:year ?summit }}
                  BIND(COALESCE(?own, ?summit) AS ?year)
                }} GROUP BY ?s ?o ?role ?year"""):
            found[(edge, s, o)].append((role, None if year is None else int(year), int(evidence)))
    return found


def _edge(predicate: str, role: str | None, year: int | None, evidence: int,
          labels: dict[str, dict[str, str]]) -> tuple[str, dict]:
    """An edge's key and attributes."""
    attributes: dict = {"predicate": predicate, "label": predicate, "evidence": evidence}
    if role:
        role_labels = labels.get(role, {})
        attributes["role"] = role_labels.get("en") or role_labels.get("zh") or local_name(role)
        if "zh" in role_labels:
            attributes["role_zh"] = role_labels["zh"]
    if year is not None:
        attributes["year"] = year
    return " ".join(str(part) for part in (predicate, role and local_name(role), year) if part), attributes


def to_networkx(data=Path("out/kg.nt"), lang: str = "zh"):
    """The built graph as a ``networkx.MultiDiGraph`` (see the module's doc).

    `data` is an RDF file (default ``out/kg.nt``; any format `kg query`
    reads) or an Oxigraph store already holding the graph; `lang` picks the
    language of ``label``. Nodes and edges are added in IRI order, so the same
    graph gives the same networkx graph and the same files."""
    import networkx as nx

    from .graphstore import open_graph
    from .sparql import select_rows
    from .viz import CLASS_STYLE
    from .vocab import SPARQL_PROLOGUE

    store = open_graph(Path(data))[0] if isinstance(data, (str, Path)) else data  # the built store when current

    def select(sparql: str):
        return select_rows(store, SPARQL_PROLOGUE + sparql)

    drawn = " ".join(f"wic:{name}" for name in sorted(CLASS_STYLE))
    classes = dict(select(f"SELECT ?node (MIN(STR(?class)) AS ?first) WHERE {{ VALUES ?class {{ {drawn} }} "
                          "?node a ?class } GROUP BY ?node"))
    labels = _labels(select("SELECT ?node ?label (LANG(?label) AS ?lang) WHERE { ?node skos:prefLabel ?label }"))
    years: dict[str, set[int]] = defaultdict(set)
    for node, year in select("SELECT ?node ?year WHERE { { ?node wic:year ?year } "
                             "UNION { ?node wic:partOf/wic:year ?year } }"):
        years[node].add(int(year))
    claims = _claims(store, select)
    edges = []
    for edge in _EDGES:
        for s, o in select(f"SELECT DISTINCT ?s ?o WHERE {{ ?s {edge} ?o }}"):
            if s in classes and o in classes:
                # No claim behind it (the series, an opening): the subject's own year, if it has one.
                unclaimed = [(None, min(years[s]) if len(years.get(s, ())) == 1 else None, 0)]
                for role, year, evidence in claims.get((edge, s, o)) or unclaimed:
                    edges.append((s, o, *_edge(edge.split(":")[1], role, year, evidence, labels)))
                    if year is not None:
                        years[s].add(year)
                        years[o].add(year)
    graph = nx.MultiDiGraph()
    for node, cls in sorted(classes.items()):
        by_lang = labels.get(node, {})
        attributes = {"class": local_name(cls),
                      "label": by_lang.get(lang) or by_lang.get("en" if lang == "zh" else "zh") or local_name(node)}
        attributes.update({f"label_{code}": by_lang[code] for code in ("zh", "en") if code in by_lang})
        if years.get(node):
            attributes.update(first_year=min(years[node]), last_year=max(years[node]))
        graph.add_node(node, **attributes)
    for s, o, key, attributes in sorted(edges, key=lambda edge: edge[:3]):
        graph.add_edge(s, o, key=key, **attributes)
    return graph


def write_graph(graph, fmt: str) -> bytes:
    """A networkx graph as GraphML or GEXF (UTF-8). The same graph gives the
    same bytes: GEXF's last-modified date, which networkx sets to the day
    it runs, is left out (it is optional in GEXF)."""
    import networkx as nx
    from networkx.readwrite.gexf import GEXFWriter

    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(graph, buffer, encoding="utf-8")
    elif fmt == "gexf":
        writer = GEXFWriter(encoding="utf-8")
        del writer.xml.find("meta").attrib["lastmodifieddate"]
        writer.add_graph(graph)
        writer.write(buffer)
    else:
        raise ValueError(f"{fmt}: choose one of {', '.join(GRAPH_FORMATS)}")
    return buffer.getvalue()
