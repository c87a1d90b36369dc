"""``out/report.md``: what the build found, for a curator to read."""

from __future__ import annotations

from collections import Counter

from .assemble import Conflict
from .models import SkippedFile, Statement
from .namespaces import QUERY_PREFIXES
from .sparql import select_rows
from .validate import ShaclReport
from .write import split_iri

LOW_CONFIDENCE = 0.7
# Betweenness costs one pass over the graph per source node: exact while all
# sources fit this budget (nodes × (nodes + edges)), else a fixed-seed sample
# of as many sources as fit, and never fewer than the floor.
BETWEENNESS_WORK = 50_000_000
BETWEENNESS_MIN_SOURCES = 100


def _table(header: tuple[str, ...], rows) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c).replace("|", "\\|").replace("\n", " ") for c in row) + " |" for row in rows]
    return lines + [""]


_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


_PREFIX_OF = {namespace: prefix for prefix, namespace in QUERY_PREFIXES.items()}


def _qname(iri: str) -> str:
    parts = split_iri(iri, _PREFIX_OF)
    return f"<{iri}>" if parts is None else f"{parts[0]}:{parts[2]}"


def _counts(store, sparql: str) -> list[tuple[str, int]]:
    return [(key, int(n)) for key, n in select_rows(store, sparql)]


def low_confidence_statements(statements: list[Statement]) -> list[Statement]:
    """Statements below LOW_CONFIDENCE, in document order: the report lists them."""
    return sorted((s for s in statements if s.evidence.confidence < LOW_CONFIDENCE),
                  key=lambda s: (s.evidence.doc_id, s.evidence.start or 0, s.rel))


def render_report(store, statement_count: int, low_confidence: list[Statement], per_doc: dict[str, int],
                  skipped: list[SkippedFile], warnings: list[str], shacl: ShaclReport, conflicts: list[Conflict],
                  notes: list[str], relations: list[dict], analytics: list[str]) -> str:
    """The report for the graph in an Oxigraph store and what the stages found.
    The store holds the graph as one set of triples (the build loads kg.nt):
    a triple kept in several named graphs would be counted once per graph."""
    classes, predicates = Counter(), Counter()
    for cls, n in _counts(store, f"SELECT ?c (COUNT(*) AS ?n) WHERE {{ ?s <{_RDF}type> ?c }} GROUP BY ?c"):
        classes[cls.rsplit("#", 1)[-1]] += n
    for predicate, n in _counts(store, "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p"):
        predicates[_qname(predicate)] += n
    rel_counts = Counter(r["rel"] for r in relations)
    out = ["# Wuzhen KG build report", "", f"{sum(predicates.values())} triples, {len(per_doc)} documents, "
           f"{statement_count} statements, {len(relations)} relation tuples.", ""]
    out += ["## Classes", ""] + _table(("class", "instances"), sorted(classes.items()))
    out += ["## Relations (out/relations.jsonl)", ""] + _table(("relation", "tuples"), sorted(rel_counts.items()))
    out += ["## Properties", ""] + _table(("property", "triples"), sorted(predicates.items()))
    out += ["## Statements per document", ""] + _table(("document", "statements"), sorted(per_doc.items()))
    out += ["## SHACL validation", "", f"Conforms: **{shacl.conforms}** ({shacl.violations} results).", ""]
    if not shacl.conforms:
        out += ["```", shacl.text.strip(), "```", ""]
    out += ["## Conflicts between sources", ""]
    if conflicts:
        out += _table(("summit", "fact", "values", "kept", "why"),
                      [(c.summit, c.prop, " / ".join(c.values), c.chosen, c.resolution) for c in conflicts])
        out += ["Canned query: `kg query conflicts`.", ""]
    else:
        out += ["None.", ""]
    out += ["## Notes", ""] + ([f"- {n}" for n in notes] or ["None."]) + [""]
    out += ["## Warnings", ""]
    lines = [f"- skipped {s.path}: {s.reason}" for s in skipped] + [f"- {w}" for w in warnings]
    lines += [f"- low confidence ({s.evidence.confidence}) {s.rel} in {s.evidence.doc_id}: "
              f"{(s.evidence.quote or '')[:80]}" for s in low_confidence]
    out += (lines or ["None."]) + [""]
    out += ["## Network analytics", ""] + analytics + [""]
    return "\n".join(out)


def network_figures(data: dict) -> dict:
    """Degree and betweenness centrality of every entity, connected components
    and Louvain communities of the drawn graph (`kg.viz.graph_data`), taken
    as undirected and simple, computed with igraph: its C routines take a
    second where networkx takes minutes on the graph of 1,000 articles
    (`bench/bench_analytics.py`). Centralities are normalised as networkx normalises them, and a test
    checks them, and the components, against networkx. Deterministic: nodes
    are numbered in id order and every random choice has a fixed seed.

    Returns ids (node ids in number order), degree and betweenness (one value
    per id), sources (the betweenness sample, None when exact), components
    and communities (lists of node numbers, largest first) and the igraph
    graph itself. The graph must have a node."""
    import random

    import igraph

    ids = sorted(n["id"] for n in data["nodes"])
    number = {node: i for i, node in enumerate(ids)}
    g = igraph.Graph(n=len(ids), edges=sorted({tuple(sorted((number[e["from"]], number[e["to"]])))
                                               for e in data["edges"]}))
    n = g.vcount()
    sample = min(n, max(BETWEENNESS_MIN_SOURCES, BETWEENNESS_WORK // (n + g.ecount())))
    sources = None if sample == n else sorted(random.Random(0).sample(range(n), sample))
    pairs = max((n - 1) * (n - 2) / 2, 1)  # normalised as networkx does; a sample is scaled up to all sources
    between = [b * n / sample / pairs for b in g.betweenness(directed=False, sources=sources)]
    components = sorted((sorted(c) for c in g.connected_components()), key=lambda c: (-len(c), c[0]))
    # Louvain draws from igraph's process-wide generator, which cannot be read
    # back: it gets a seeded one and then igraph's default (Python's random).
    igraph.set_random_number_generator(random.Random(0))
    try:
        communities = sorted((sorted(c) for c in g.community_multilevel()), key=lambda c: (-len(c), c[0]))
    finally:
        igraph.set_random_number_generator(random)
    return {"ids": ids, "degree": [d / max(n - 1, 1) for d in g.degree()], "betweenness": between,
            "sources": sources, "components": components, "communities": communities, "graph": g}


def analytics(data: dict, top: int = 10) -> list[str]:
    """The report's section on the drawn graph: the most central entities,
    connected components and communities (`network_figures`)."""
    labels = {n["id"]: f"{n['label']} ({n['group']})" for n in data["nodes"]}
    if not labels:
        return ["Empty graph."]
    figures = network_figures(data)
    ids, g, sources = figures["ids"], figures["graph"], figures["sources"]

    def leaders(values) -> list[tuple[str, float]]:
        return sorted(((ids[i], v) for i, v in enumerate(values)), key=lambda kv: (-kv[1], kv[0]))[:top]

    components, communities = figures["components"], figures["communities"]
    lines = ["### Degree centrality", ""] + _table(("entity", "degree"), [(labels[node], f"{v:.3f}")
                                                                         for node, v in leaders(figures["degree"])])
    lines += ["### Betweenness centrality" + ("" if sources is None else f" (sampled from {len(sources)} sources)"), ""]
    lines += _table(("entity", "betweenness"), [(labels[node], f"{v:.3f}") for node, v in leaders(figures["betweenness"])])
    lines += [f"### Connected components: {len(components)}", "",
              "Largest: " + ", ".join(str(len(c)) for c in components[:10]), ""]
    lines += [f"### Communities (Louvain, fixed seed): {len(communities)}", ""]
    for i, community in enumerate(communities[:8], start=1):
        members = sorted(community, key=lambda m: (-g.degree(m), ids[m]))[:6]
        lines.append(f"{i}. {len(community)} entities: " + ", ".join(labels[ids[m]] for m in members))
    return lines
