"""Where a full build's CPU time goes, and how much of the machine's cores it keeps busy.

    python bench/bench_cores.py [--articles 10000] [--interval 0.5]

Builds a generated corpus once, as bench_targets.py's full build does (fresh
extraction cache, no curated data), and samples every --interval seconds the
CPU time and RSS of the build and every process under it (from /proc; the
peak RSS is that of the samples, coarser than bench_targets.py's 50 ms). Prints
the wall time; the CPU seconds (user + system) of the build's main thread
(the stages after the child: load, validate, export, graph data, viz, report),
of its other threads (the store's bulk load), of its child (resolution,
assembly, the four RDF files) and of the extraction workers; the build's own
stage seconds; the cores kept busy in each stretch of the build; and the
least wall time that much CPU time needs on this machine's cores. A
process's last fraction of an interval is counted from its final sample, so
the parts may fall short of the total (which is the build's own rusage) by a
second or so.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_targets import KG, ROOT, _cpu, _processes, _stat  # noqa: E402
from corpus import write_corpus  # noqa: E402


def _main_thread_cpu(pid: int) -> float | None:
    stat = _stat(f"/proc/{pid}/task/{pid}/stat")
    return None if stat is None else _cpu(stat)


def _stages(summary: str) -> str:
    """The `seconds` row of kg build's summary table, whatever lines the table wraps it over."""
    text = re.sub(r"[│┌┐└┘├┤┬┴┼─]", " ", summary)
    found = re.search(r"seconds\s+([\d.]+ \([^)]*\))", re.sub(r"\s+", " ", text))
    return found.group(1) if found else "(no seconds row in the summary)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--interval", type=float, default=0.5)
    args = parser.parse_args()
    cores = len(os.sched_getaffinity(0))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        corpus, out, cache = Path(tmp) / "corpus", Path(tmp) / "out", Path(tmp) / "cache"
        write_corpus(corpus, args.articles)
        with open(Path(tmp) / "summary.txt", "w+") as summary:
            start = time.perf_counter()
            build = subprocess.Popen([*KG, "build", "--seeds", str(corpus), "--out", str(out), "--cache", str(cache),
                                      "--no-curated"], cwd=tmp, stdout=summary, stderr=subprocess.STDOUT)
            last: dict[int, tuple[int, float, float]] = {}
            main_thread, samples = 0.0, []  # (seconds since start, CPU seconds of the tree so far, RSS)
            try:
                while True:
                    ended, status, usage = os.wait4(build.pid, os.WNOHANG)
                    if ended:
                        build.returncode = os.waitstatus_to_exitcode(status)
                        break
                    now = _processes(build.pid)
                    last.update(now)
                    main_thread = _main_thread_cpu(build.pid) or main_thread
                    samples.append((time.perf_counter() - start, sum(cpu for _, cpu, _ in last.values()),
                                    sum(rss for _, _, rss in now.values())))
                    time.sleep(args.interval)
            finally:  # interrupted: the build does not go on alone
                if build.returncode is None:
                    build.kill()
                    build.wait()
            wall = time.perf_counter() - start
            summary.seek(0)
            text = summary.read()
    if build.returncode != 0:
        sys.exit(f"kg build failed ({build.returncode}):\n{text}")
    total = usage.ru_utime + usage.ru_stime
    by_depth: dict[int, list[float]] = {}
    for depth, cpu, _ in last.values():
        by_depth.setdefault(depth, []).append(cpu)
    root_cpu = by_depth.get(0, [0.0])[0]
    print(f"corpus: {args.articles} articles; kg build (fresh cache, no curated data) at commit {commit.strip()}; "
          f"{cores} cores; load average before {load:.1f}")
    print(f"wall {wall:.1f} s; CPU {total:.1f} s (user + system, the build and every process it started); "
          f"peak summed RSS {max(s[2] for s in samples) / 2**20:.0f} MB")
    print(f"  build, main thread        {main_thread:7.1f} s  (its stages after the child: load to report)")
    print(f"  build, other threads      {root_cpu - main_thread:7.1f} s  (in a full build, the store's bulk load)")
    for depth, name in ((1, "child process"), (2, "extraction workers")):
        cpus = by_depth.get(depth, [])
        print(f"  {name:25} {sum(cpus):7.1f} s  ({len(cpus)} process{'es' if len(cpus) != 1 else ''})")
    print(f"stages (the build's summary, s): {_stages(text)}")
    print("cores busy (CPU seconds per wall second), stretch by stretch:")
    stretch = max(10.0, wall / 30)
    begin = (0.0, 0.0)
    for number, (at, cpu, _) in enumerate(samples):
        if at - begin[0] >= stretch or number == len(samples) - 1 and at > begin[0]:
            print(f"  {begin[0]:6.0f}-{at:4.0f} s  {(cpu - begin[1]) / (at - begin[0]):.2f}")
            begin = (at, cpu)
    print(f"least wall time for this CPU time on {cores} cores: {total / cores:.1f} s")


if __name__ == "__main__":
    main()
