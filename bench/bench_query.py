"""Canned-query latency on a generated graph of this ontology's shape:
Oxigraph (pyoxigraph) against rdflib's default in-memory store, one run.

    python bench/bench_query.py [--triples 1000000] [--repeat 3] [--rdflib-timeout 60]

Prints load time and peak memory per engine, each canned query's median
latency on both and the ratio, then `kg query` start-up against
`python -c "import rdflib"`.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

BASE = "https://w3id.org/wuzhen-kg/id/"
WIC = "https://w3id.org/wuzhen-kg/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
PARAMS = {"organisation": {"name": "机构7"}, "evidence": {"name": "人物42"}}


def _iri(path: str) -> str:
    return f"<{BASE}{path}>"


def _lit(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"' + (f"@{lang}" if lang else f"^^<{datatype}>" if datatype else "")


def generate(path: Path, target: int) -> int:
    """Write N-Triples shaped like a build: summits, forums, people, organisations,
    positions and appearances with evidence in documents; return the count."""
    lines: list[str] = []
    t = lambda s, p, o: lines.append(f"{s} <{p}> {o} .")  # noqa: E731
    edges: Counter = Counter()  # direct edges per node, in and out: the build states them as wic:edgeCount

    def edge(s: str, p: str, o: str) -> None:
        t(s, p, o)
        edges.update((s, o))

    def label(node: str, text: str) -> None:  # as the build writes them: a label and its search key
        t(node, SKOS + "prefLabel", _lit(text, "zh"))
        t(node, WIC + "searchKey", _lit(text))

    for year in range(2014, 2026):
        summit = _iri(f"summit/{year}")
        t(summit, RDF_TYPE, f"<{WIC}Summit>")
        t(summit, WIC + "year", _lit(str(year), datatype=XSD + "integer"))
        label(summit, f"{year}年世界互联网大会乌镇峰会")
        t(summit, WIC + "theme", _lit(f"主题{year}", "zh"))
        t(summit, WIC + "startDate", _lit(f"{year}-11-06", datatype=XSD + "date"))
        t(summit, WIC + "endDate", _lit(f"{year}-11-09", datatype=XSD + "date"))
        for f in range(30):
            forum = _iri(f"event/{year}-forum-{f}")
            t(forum, RDF_TYPE, f"<{WIC}Forum>")
            label(forum, f"论坛{f}")
            edge(forum, WIC + "partOf", summit)
    i = 0
    while len(lines) < target:
        person, org, doc = _iri(f"person/p{i}"), _iri(f"organization/o{i % 5000}"), _iri(f"doc/d{i % 20000}")
        year = 2014 + i % 12
        t(person, RDF_TYPE, f"<{WIC}Person>")
        label(person, f"人物{i}")
        if i < 5000:
            t(org, RDF_TYPE, f"<{WIC}Organization>")
            label(org, f"机构{i}")
            t(doc, RDF_TYPE, f"<{WIC}Document>")
        if i < 20000:
            t(doc, DCT + "identifier", _lit(f"d{i}.txt"))
            t(doc, DCT + "language", _lit("zh"))
        evidence = _iri(f"evidence/e{i}")
        t(evidence, RDF_TYPE, f"<{WIC}Evidence>")
        t(evidence, WIC + "document", doc)
        t(evidence, WIC + "start", _lit(str(i % 900), datatype=XSD + "integer"))
        t(evidence, WIC + "end", _lit(str(i % 900 + 40), datatype=XSD + "integer"))
        t(evidence, WIC + "quote", _lit(f"句子{i}"))
        t(evidence, WIC + "extractor", _lit("holds_role.pattern"))
        position = _iri(f"position/x{i}")
        t(position, RDF_TYPE, f"<{WIC}Position>")
        t(position, WIC + "person", person)
        t(position, WIC + "organization", org)
        t(position, WIC + "role", "<https://w3id.org/wuzhen-kg/role/ceo>")
        t(position, PROV + "wasDerivedFrom", evidence)
        edge(person, WIC + "memberOf", org)
        appearance = _iri(f"appearance/a{i}")
        t(appearance, RDF_TYPE, f"<{WIC}Appearance>")
        t(appearance, WIC + "person", person)
        t(appearance, WIC + "event", _iri(f"event/{year}-forum-{i % 30}"))
        t(appearance, PROV + "wasDerivedFrom", evidence)
        edge(person, WIC + "spokeAt", _iri(f"event/{year}-forum-{i % 30}"))
        i += 1
    label("<https://w3id.org/wuzhen-kg/role/ceo>", "首席执行官")
    for node, count in sorted(edges.items()):
        t(node, WIC + "edgeCount", _lit(str(count), datatype=XSD + "integer"))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _run_engine(engine: str, data: str, repeat: int, results, skip: frozenset = frozenset()) -> None:
    """In a child process, so each engine's peak memory is its own."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from kg.sparql import canned_queries

    canned = canned_queries()
    start = time.perf_counter()
    if engine == "oxigraph":
        import pyoxigraph

        store = pyoxigraph.Store()
        store.bulk_load(path=data, format=pyoxigraph.RdfFormat.N_TRIPLES)

        def run(text, params):
            subs = {pyoxigraph.Variable(k): pyoxigraph.Literal(v) for k, v in params.items()}
            return len(list(store.query(text, substitutions=subs)))
    else:
        import rdflib

        graph = rdflib.Graph()
        graph.parse(data, format="nt")

        def run(text, params):
            return len(list(graph.query(text, initBindings={k: rdflib.Literal(v) for k, v in params.items()})))
    load = time.perf_counter() - start
    timings = {}
    results.put(("loaded", engine, load, _peak_mb()))
    for name, item in canned.items():
        if name in skip:
            continue
        results.put(("start", engine, name, None))
        text = item.path.read_text(encoding="utf-8")
        runs = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            rows = run(text, PARAMS.get(name, {}))
            runs.append(time.perf_counter() - t0)
        timings[name] = (statistics.median(runs), rows)
        results.put(("query", engine, name, timings[name]))
    results.put(("done", engine, load, _peak_mb()))


def _engine(engine: str, data: str, repeat: int, per_query: float) -> tuple[float, float, dict]:
    """Run every canned query; one that takes longer than `per_query` seconds
    is recorded as timed out and the engine is restarted without it."""
    import queue

    timings: dict = {}
    skip: set = set()
    load = peak = 0.0
    while True:
        results = multiprocessing.Queue()
        process = multiprocessing.Process(target=_run_engine, args=(engine, data, repeat, results, frozenset(skip)))
        process.start()
        running, finished = None, False
        while True:
            try:
                kind, _, a, b = results.get(timeout=per_query * repeat if running else 3600)
            except queue.Empty:
                timings[running] = None
                skip.add(running)
                break
            if kind == "loaded":
                load, peak = a, b
            elif kind == "start":
                running = a
            elif kind == "query":
                timings[a], running = b, None
                skip.add(a)
            else:
                peak, finished = max(peak, b), True
                break
        process.kill()
        process.join()
        if finished:
            return load, peak, timings


def _startup(repeat: int = 7) -> tuple[float, float]:
    def median_of(cmd):
        runs = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            runs.append(time.perf_counter() - t0)
        return statistics.median(runs)

    root = Path(__file__).resolve().parent.parent
    kg_query = [sys.executable, "-m", "kg.cli", "query", "themes", "--data", str(root / "out" / "kg.nt"), "--format", "csv"]
    return median_of(kg_query), median_of([sys.executable, "-c", "import rdflib"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rdflib-timeout", type=float, default=60, help="seconds allowed per rdflib query")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        data = Path(tmp) / "kg.nt"
        count = generate(data, args.triples)
        print(f"graph: {count:,} triples ({data.stat().st_size / 1e6:.0f} MB of N-Triples)")
        ox_load, ox_peak, ox = _engine("oxigraph", str(data), args.repeat, 600)
        rd_load, rd_peak, rd = _engine("rdflib", str(data), args.repeat, args.rdflib_timeout)
    print(f"load: oxigraph {ox_load:.1f} s (peak {ox_peak:.0f} MB); rdflib {rd_load:.1f} s (peak {rd_peak:.0f} MB)")
    print(f"{'query':14} {'rows':>7} {'oxigraph ms':>12} {'rdflib ms':>12} {'ratio':>8}")
    limit_ms = args.rdflib_timeout * 1000
    for name, (seconds, rows) in sorted(ox.items()):
        theirs = rd.get(name)
        rd_ms = f"{theirs[0] * 1000:12.0f}" if theirs else f"{'> ' + format(limit_ms, '.0f'):>12}"
        ratio = f"{theirs[0] / seconds:7.0f}x" if theirs else f"{'>' + format(limit_ms / 1000 / seconds, '.0f') + 'x':>8}"
        print(f"{name:14} {rows:7} {seconds * 1000:12.1f} {rd_ms} {ratio}")
    ours, rdflib_import = _startup()
    print(f"start-up: `kg query themes` {ours * 1000:.0f} ms, `python -c 'import rdflib'` {rdflib_import * 1000:.0f} ms, "
          f"ratio {ours / rdflib_import:.2f}")


if __name__ == "__main__":
    main()
