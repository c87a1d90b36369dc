"""Whole-build time and memory over a generated corpus, then an incremental
rebuild after adding one article.

    python bench/bench_build.py [--articles 1000]

Each build runs in its own process (`kg.build` through the library, the
extraction cache on), so the peak resident memory printed is that of the
largest process of the build: the parent or one extraction worker. Prints
the corpus size, wall time and the seconds of every stage for the full build
and for the incremental one.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402

BUILD = """
import json, sys
from pathlib import Path
from kg import build
result = build(seeds=Path(sys.argv[1]), curated=None, out=Path(sys.argv[2]), cache=Path(sys.argv[3]))
print(json.dumps({"documents": result.documents, "from_cache": result.from_cache, "triples": result.triples,
                  "seconds": result.seconds}))
"""


def _timed_build(corpus: Path, out: Path, cache: Path) -> tuple[float, dict, float]:
    """Wall seconds, the build's own report, and the peak RSS (MB) of its largest process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    run = subprocess.run([sys.executable, "-c", BUILD, str(corpus), str(out), str(cache)],
                         capture_output=True, text=True)
    wall = time.perf_counter() - start
    if run.returncode:
        sys.exit(f"build failed:\n{run.stderr}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of children is a high-water mark over all of them: a smaller
    # second build cannot be told apart from the first, so say so.
    return wall, json.loads(run.stdout.splitlines()[-1]), (peak / 1024 if peak > before else float("nan"))


def _print(label: str, wall: float, report: dict, peak: float) -> None:
    stages = ", ".join(f"{name} {took:.1f}" for name, took in report["seconds"].items())
    memory = f"peak RSS {peak:.0f} MB" if peak == peak else "peak RSS below the full build's"
    print(f"{label}: {wall:.1f} s wall, {memory}; {report['documents']} documents "
          f"({report['from_cache']} from the cache), {report['triples']:,} triples")
    print(f"  stages (s): {stages}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        corpus, out, cache = Path(tmp) / "corpus", Path(tmp) / "out", Path(tmp) / "cache"
        size = write_corpus(corpus, args.articles)
        print(f"corpus: {args.articles} articles, {size / 1e6:.1f} MB (simplified, traditional/Big5, pinyin, "
              f"GB18030, English)")
        wall, report, peak = _timed_build(corpus, out, cache)
        _print("full build", wall, report, peak)
        print(f"  {size / 1e6 / wall:.2f} MB/s, {args.articles / wall:.0f} articles/s")
        extra = Path(tmp) / "extra"
        write_corpus(extra, 1, seed=1)
        (extra / "a00000.txt").rename(corpus / "added.txt")
        _print("incremental (one article added)", *_timed_build(corpus, out, cache))


if __name__ == "__main__":
    main()
