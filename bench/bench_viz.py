"""Time until a generated 5,000-node graph is drawn and stabilised in headless Chromium.

    python bench/bench_viz.py [--nodes 5000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pyoxigraph  # noqa: E402
from rdflib import RDF, Graph, Literal, URIRef  # noqa: E402
from rdflib.namespace import SKOS  # noqa: E402

from kg.viz import render_graph  # noqa: E402
from kg.vocab import WIC  # noqa: E402
from tests.browser import chromium, wait_until_stabilised  # noqa: E402

BASE = "https://w3id.org/wuzhen-kg/id/"


def generate(nodes: int):
    """An Oxigraph store of people, organisations and forums wired like a build: each person is a
    member of one organisation and spoke at one forum."""
    graph = Graph()
    orgs, forums = nodes // 10, nodes // 20
    people = nodes - orgs - forums
    for i in range(orgs):
        graph.add((URIRef(f"{BASE}organization/o{i}"), RDF.type, WIC.Organization))
        graph.add((URIRef(f"{BASE}organization/o{i}"), SKOS.prefLabel, Literal(f"机构{i}", lang="zh")))
    for i in range(forums):
        graph.add((URIRef(f"{BASE}event/f{i}"), RDF.type, WIC.Forum))
        graph.add((URIRef(f"{BASE}event/f{i}"), SKOS.prefLabel, Literal(f"论坛{i}", lang="zh")))
    for i in range(people):
        person = URIRef(f"{BASE}person/p{i}")
        graph.add((person, RDF.type, WIC.Person))
        graph.add((person, SKOS.prefLabel, Literal(f"人物{i}", lang="zh")))
        graph.add((person, WIC.memberOf, URIRef(f"{BASE}organization/o{i % orgs}")))
        graph.add((person, WIC.spokeAt, URIRef(f"{BASE}event/f{(i * 7) % forums}")))
    store = pyoxigraph.Store()
    store.load(graph.serialize(format="nt").encode("utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    start = time.perf_counter()
    page_text = render_graph(generate(args.nodes), max_nodes=args.nodes)
    render = time.perf_counter() - start
    with tempfile.TemporaryDirectory(prefix="kg-viz-bench-") as tmp:
        page = Path(tmp) / "graph.html"
        page.write_text(page_text, encoding="utf-8")
        timings, drawn = [], 0
        with chromium() as driver:
            for _ in range(args.repeat):
                start = time.perf_counter()
                driver.get(page.as_uri())
                wait_until_stabilised(driver, timeout=300)
                timings.append(time.perf_counter() - start)
                drawn = driver.execute_script("return window.kgNetwork.body.nodeIndices.length")
    print(f"graph: {drawn} nodes drawn; page {len(page_text) / 1e6:.1f} MB, written in {render:.2f} s")
    print(f"drawn and stabilised (s): {', '.join(f'{t:.2f}' for t in timings)}; median {statistics.median(timings):.2f} s")


if __name__ == "__main__":
    main()
