"""The report's network analytics on igraph against the same figures on
networkx, over the entity graph of a generated corpus.

    python bench/bench_analytics.py [--articles 1000]

Builds the corpus (extraction only), then times `kg.report.network_figures`
(igraph: degree and betweenness centrality, components, Louvain) and, on
`kg.to_networkx()` of the same graph taken as undirected and simple,
networkx's degree centrality and components, its betweenness from as many
sampled sources as the report samples, and its Louvain communities.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402


def _timed(action):
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()

    import networkx as nx

    from kg import build, to_networkx
    from kg.report import network_figures
    from kg.sparql import load_store
    from kg.viz import graph_data

    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        corpus, out = Path(tmp) / "corpus", Path(tmp) / "out"
        write_corpus(corpus, args.articles)
        build(seeds=corpus, curated=None, out=out, cache=None)
        store = load_store(out / "kg.nt")
        data = graph_data(store)
        figures, igraph_seconds = _timed(lambda: network_figures(data))
        graph = nx.Graph(to_networkx(store))
        sources = figures["sources"]
        print(f"graph: {graph.number_of_nodes()} entities, {graph.number_of_edges()} edges; betweenness from "
              f"{'all' if sources is None else len(sources)} sources")
        print(f"igraph: {igraph_seconds:.2f} s")
        _, basic = _timed(lambda: (nx.degree_centrality(graph), list(nx.connected_components(graph))))
        _, between = _timed(lambda: nx.betweenness_centrality(graph, k=None if sources is None else len(sources),
                                                              seed=0))
        _, louvain = _timed(lambda: nx.community.louvain_communities(graph, seed=0))
        print(f"networkx: degree and components {basic:.2f} s, betweenness {between:.2f} s, Louvain {louvain:.2f} s; "
              f"{basic + between + louvain:.2f} s in all")


if __name__ == "__main__":
    main()
