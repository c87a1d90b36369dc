"""Extraction throughput and memory over a generated corpus.

    python bench/bench_extract.py [--articles 5000] [--repeat 3]

Prints MB/s of input text (whole run and per core), articles/s, the peak
resident memory of the parent and of the worker processes, and MB per
CPU-second with the load average (the per-core rate, whatever else runs).
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402

from kg.pipeline import extract_all  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        folder = Path(tmp) / "corpus"
        size = write_corpus(folder, args.articles)
        paths = sorted(folder.iterdir())
        timings, cpu, found = [], [], 0
        for _ in range(args.repeat):
            start, start_cpu = time.perf_counter(), _cpu_seconds()
            extracted = extract_all(paths)
            timings.append(time.perf_counter() - start)
            cpu.append(_cpu_seconds() - start_cpu)
            found, skipped_count = len(extracted.statements), len(extracted.skipped)
            del extracted  # one run's results alive at a time, as in a build
            gc.collect()
        cores = os.cpu_count() or 1
        median = statistics.median(timings)
        mb = size / 1e6
        parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"corpus: {len(paths)} articles, {mb:.1f} MB, {skipped_count} skipped, {found} statements")
        print(f"runs (s): {', '.join(f'{t:.2f}' for t in timings)}; median {median:.2f} s")
        print(f"throughput: {mb / median:.2f} MB/s on {cores} cores = {mb / median / cores:.2f} MB/s per core; "
              f"{len(paths) / median:.0f} articles/s")
        print(f"peak RSS: parent {parent:.0f} MB, largest worker {children:.0f} MB")
        # Wall time on a shared machine measures the other load too; CPU time does not.
        cpu_median = statistics.median(cpu)
        print(f"CPU: median {cpu_median:.2f} s a run (parent and workers) = {mb / cpu_median:.2f} MB per CPU-second; "
              f"load average {os.getloadavg()[0]:.2f}")


def _cpu_seconds() -> float:
    """User and system time of this process and of its finished workers."""
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


if __name__ == "__main__":
    main()
