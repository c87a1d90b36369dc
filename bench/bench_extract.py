"""Extraction throughput and memory over a generated corpus.

    python bench/bench_extract.py [--articles 5000] [--repeat 3]

Prints MB/s of input text (whole run and per core), articles/s and the peak
resident memory of the parent and of the worker processes.
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
        timings, found = [], 0
        for _ in range(args.repeat):
            start = time.perf_counter()
            extracted = extract_all(paths)
            timings.append(time.perf_counter() - start)
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


if __name__ == "__main__":
    main()
