"""Issue 16's targets, whole process as a user runs it, at several corpus sizes in one run.

    python bench/bench_targets.py [--articles 1000 10000] [--repeat 3]

For each size: a full `kg build` of a generated corpus (wall time, peak RSS of
its processes together); every canned query as `kg query NAME --format csv`
(first page: the default --limit 1000) with its required parameters, median
wall time and peak RSS; how long `kg serve` takes from its start to its first
answer; and, after adding one article, how long from the start of `kg build`
until a query, asked again every 0.2 s while the build runs, finds that
article's facts, and how long that build takes. Then `kg query themes` on the
seed graph against `python -c "import rdflib"`. The load average is printed
with each size: the machine is shared.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
KG = [sys.executable, "-m", "kg.cli"]
LOOKUPS = {"themes", "summits", "awards", "publications", "conflicts", "organisation", "evidence", "history"}
ADDED = "乌镇测试机构有限公司"  # the organisation only the added article names


def _stat(path: str) -> list[bytes] | None:
    """The fields of a /proc stat file after the command name, or None for a process gone meanwhile."""
    try:
        with open(path, "rb") as handle:  # a command name need not be UTF-8
            return handle.read().rsplit(b")", 1)[1].split()
    except OSError:
        return None


def _cpu(stat: list[bytes]) -> float:
    """User plus system CPU seconds of a process or thread, from its stat fields."""
    return (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")


def _processes(root: int) -> dict[int, tuple[int, float, float]]:
    """pid -> (depth under `root`, CPU seconds, RSS bytes) for `root` and every process under it."""
    fields = {int(entry): _stat(f"/proc/{entry}/stat") for entry in os.listdir("/proc") if entry.isdigit()}
    children: dict[int, list[int]] = {}
    for pid, stat in fields.items():
        if stat is not None:
            children.setdefault(int(stat[1]), []).append(pid)
    found, todo = {}, [(root, 0)]
    while todo:
        pid, depth = todo.pop()
        stat = fields.get(pid)
        if stat is not None:
            found[pid] = (depth, _cpu(stat), int(stat[21]) * os.sysconf("SC_PAGE_SIZE"))
            todo += [(child, depth + 1) for child in children.get(pid, ())]
    return found


def _tree_mb(root: int) -> float:
    """The summed RSS (MB) of `root` and every process under it."""
    return sum(rss for _, _, rss in _processes(root).values()) / 2**20


def _timed(command: list[str], cwd: Path) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MB) and stdout of a command; exits on failure. The peak is the larger of
    the summed RSS of the command's process tree, sampled every 50 ms (a build runs a child process
    beside its own store thread, and extraction workers), and the largest single process's (wait4)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak, done = [0.0], threading.Event()

    def sample() -> None:
        while not done.wait(0.05):
            peak[0] = max(peak[0], _tree_mb(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.stdout.read(), process.stderr.read()
    done.set()
    sampler.join()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if status:
        sys.exit(f"{' '.join(command)} failed:\n{err.decode()}")
    return wall, max(peak[0], usage.ru_maxrss / 1024), out.decode()


def _build(corpus: Path, out: Path, cache: Path) -> tuple[float, float]:
    """Wall seconds and the peak RSS of the build (its processes together)."""
    wall, peak, _ = _timed([*KG, "build", "--seeds", str(corpus), "--out", str(out), "--cache", str(cache),
                            "--no-curated"], corpus.parent)
    return wall, peak


def _first_value(data: Path, sparql: str) -> str:
    _, _, out = _timed([*KG, "query", sparql, "--data", str(data), "--format", "tsv", "--limit", "1"], data.parent)
    return out.splitlines()[1]


def _queries(data: Path, repeat: int) -> list[tuple[str, float, float, int]]:
    """(name, median seconds, peak MB, rows printed) for every canned query with its required parameters."""
    sys.path.insert(0, str(ROOT))
    from kg.sparql import canned_queries

    org = _first_value(data, "SELECT ?k WHERE { ?o a wic:Organization ; wic:searchKey ?k } ORDER BY ?k")
    person = _first_value(data, "SELECT ?k WHERE { ?o a wic:Person ; wic:searchKey ?k } ORDER BY ?k")
    rows = []
    for name, canned in sorted(canned_queries().items()):
        value = person if name == "evidence" else org  # the one required parameter, `name`, of the lookups
        params = [f"--param={p.name}={value}" for p in canned.params if not p.optional]
        command = [*KG, "query", name, "--data", str(data), "--format", "csv", *params]
        runs = [_timed(command, data.parent) for _ in range(repeat)]
        rows.append((name, statistics.median(r[0] for r in runs), max(r[1] for r in runs),
                     len(runs[0][2].splitlines()) - 1))
    return rows


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _serve_first_answer(data: Path) -> float:
    """Seconds from starting `kg serve` to its first answer to a query."""
    port = _free_port()
    body = b"SELECT (COUNT(*) AS ?n) WHERE { ?s a ?c }"
    start = time.perf_counter()
    process = subprocess.Popen([*KG, "serve", "--data", str(data), "--port", str(port)], cwd=data.parent,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            request = urllib.request.Request(f"http://127.0.0.1:{port}/query", data=body, method="POST",
                                             headers={"Content-Type": "application/sparql-query"})
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    response.read()
                    return time.perf_counter() - start
            except OSError:
                if process.poll() is not None:
                    sys.exit("kg serve stopped")
                time.sleep(0.02)
    finally:
        process.terminate()
        process.wait()


def _added_article_answers(corpus: Path, out: Path, cache: Path) -> tuple[float, float, float]:
    """After adding one article: seconds from starting `kg build` until a query finds its facts (asked
    again every 0.2 s while the build runs, as a user would), and the seconds and peak MB of that
    build (an incremental one: it updates the store of the build before)."""
    (corpus / "added.txt").write_text(f"2024年世界互联网大会乌镇峰会开幕\n在数字经济论坛上,{ADDED}董事长王测试表示,要推动开放合作。\n",
                                      encoding="utf-8")
    lookup = (f'SELECT ?p WHERE {{ ?o wic:searchKey "{ADDED}" . ?x wic:organization ?o ; wic:person ?p }}')
    ask = [*KG, "query", lookup, "--data", str(out / "kg.nt"), "--format", "csv"]
    start = time.perf_counter()
    built: list = []
    builder = threading.Thread(target=lambda: built.append(_timed(
        [*KG, "build", "--seeds", str(corpus), "--out", str(out), "--cache", str(cache), "--no-curated"],
        corpus.parent)))
    builder.start()
    answered = None
    while answered is None:
        found = subprocess.run(ask, cwd=out.parent, capture_output=True, text=True)
        if found.returncode == 0 and len(found.stdout.splitlines()) >= 2:
            answered = time.perf_counter() - start
        elif not builder.is_alive() and built:  # built, and a query after it still does not find them
            sys.exit("the added article's facts were not found")
        else:
            time.sleep(0.2)
    builder.join()
    return answered, built[0][0], built[0][1]


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def measure(articles: int, repeat: int, tmp: Path) -> dict:
    corpus, out, cache = tmp / f"corpus{articles}", tmp / f"out{articles}", tmp / f"cache{articles}"
    size = write_corpus(corpus, articles)
    load_before = _load()
    build_wall, build_peak = _build(corpus, out, cache)
    triples = sum(1 for _ in open(out / "kg.nt", "rb"))
    queries = _queries(out / "kg.nt", repeat)
    serve = statistics.median(_serve_first_answer(out / "kg.trig") for _ in range(repeat))
    added = _added_article_answers(corpus, out, cache)
    return {"articles": articles, "mb": size / 1e6, "triples": triples, "load": f"{load_before} -> {_load()}",
            "build": (build_wall, build_peak), "queries": queries, "serve": serve, "added": added}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        results = [measure(n, args.repeat, Path(tmp)) for n in args.articles]
    head = "".join(f"{r['articles']:>16,}" for r in results)
    print(f"{'articles':28}{head}")
    print(f"{'triples':28}" + "".join(f"{r['triples']:>16,}" for r in results))
    print(f"{'load average (1/5/15 min)':28}" + "  ".join(r["load"] for r in results))
    print(f"{'full build s / peak MB':28}" + "".join(f"{r['build'][0]:>9.1f} / {r['build'][1]:<4.0f}" for r in results)
          + "   target 10k: <= 120 s, <= 2500 MB")
    print(f"{'kg serve first answer s':28}" + "".join(f"{r['serve']:>16.2f}" for r in results) + "   target <= 2 s")
    print(f"{'added article answers s':28}" + "".join(f"{r['added'][0]:>16.1f}" for r in results) + "   target <= 15 s")
    print(f"{'  its build s / peak MB':28}" + "".join(f"{r['added'][1]:>9.1f} / {r['added'][2]:<4.0f}" for r in results))
    print("kg query NAME, whole process, first page (s / peak MB / rows); targets: <= 1 s, lookups and "
          "aggregates <= 0.3 s, <= 500 MB")
    for index, (name, *_) in enumerate(results[0]["queries"]):
        cells = "".join(f"{r['queries'][index][1]:>7.2f} /{r['queries'][index][2]:>4.0f} /{r['queries'][index][3]:>5}"
                        for r in results)
        print(f"  {name + (' *' if name in LOOKUPS else ''):26}{cells}")
    print("  (* lookup or aggregate)")
    seed = ROOT / "out" / "kg.nt"
    themes = statistics.median(_timed([*KG, "query", "themes", "--data", str(seed), "--format", "csv"], ROOT)[0]
                               for _ in range(7))
    rdflib = statistics.median(_timed([sys.executable, "-c", "import rdflib"], ROOT)[0] for _ in range(7))
    print(f"seed graph: `kg query themes` {themes * 1000:.0f} ms, `python -c 'import rdflib'` {rdflib * 1000:.0f} ms, "
          f"ratio {themes / rdflib:.2f} (target <= 1.5)")


if __name__ == "__main__":
    main()
