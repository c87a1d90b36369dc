"""Incremental builds: the extraction cache, and concurrent builds on one out/."""

from __future__ import annotations

import shutil
import subprocess
import sys

from kg import build
from kg.pipeline import OUTPUT_FILES

from .conftest import CURATED, ROOT, SEEDS


def _files(out):
    return {name: (out / name).read_bytes() for name in OUTPUT_FILES}


def test_cached_build_is_byte_identical_and_extracts_only_new_articles(tmp_path, seed_copy):
    cache = tmp_path / "cache"
    first = build(seeds=seed_copy, curated=CURATED, out=tmp_path / "a", cache=cache)
    second = build(seeds=seed_copy, curated=CURATED, out=tmp_path / "b", cache=cache)
    fresh = build(seeds=seed_copy, curated=CURATED, out=tmp_path / "c", cache=None)
    assert (first.from_cache, second.from_cache, fresh.from_cache) == (0, 5, 0)
    assert _files(tmp_path / "a") == _files(tmp_path / "b") == _files(tmp_path / "c")

    shutil.copy(ROOT / "tests" / "articles" / "t01_2018_zh.txt", seed_copy / "t01_2018_zh.txt")
    grown = build(seeds=seed_copy, curated=CURATED, out=tmp_path / "d", cache=cache)
    grown_fresh = build(seeds=seed_copy, curated=CURATED, out=tmp_path / "e", cache=None)
    assert (grown.documents, grown.from_cache) == (6, 5)
    assert _files(tmp_path / "d") == _files(tmp_path / "e")

    (seed_copy / "t01_2018_zh.txt").write_text("2018年世界互联网大会乌镇峰会在浙江乌镇举行。\n", encoding="utf-8")
    changed = build(seeds=seed_copy, curated=CURATED, out=tmp_path / "f", cache=cache)
    assert changed.from_cache == 5


def test_articles_moved_to_another_folder_are_read_where_they_are_now(tmp_path, seed_copy):
    """The cache's entries were made in the old folder; the build names, reads and reports the new one."""
    (seed_copy / "picture.txt").write_bytes(bytes(range(256)) * 8)  # skipped, and named in the report
    cache, moved = tmp_path / "cache", tmp_path / "moved"
    build(seeds=seed_copy, curated=CURATED, out=tmp_path / "a", cache=cache)
    shutil.move(seed_copy, moved)
    cached = build(seeds=moved, curated=CURATED, out=tmp_path / "b", cache=cache)
    fresh = build(seeds=moved, curated=CURATED, out=tmp_path / "c", cache=None)
    assert cached.from_cache == 5 and [s.path for s in cached.skipped] == [str(moved / "picture.txt")]
    assert _files(tmp_path / "b") == _files(tmp_path / "c")


def test_changed_extraction_code_invalidates_every_entry(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    build(seeds=SEEDS, curated=None, out=tmp_path / "a", cache=cache)
    monkeypatch.setattr("kg.cache.fingerprint", lambda: "another-extractor")
    rebuilt = build(seeds=SEEDS, curated=None, out=tmp_path / "b", cache=cache)
    assert rebuilt.from_cache == 0
    assert [p.name for p in cache.iterdir()] == ["another-extractor"]


def test_two_builds_at_once_leave_one_complete_out(tmp_path, seed_copy):
    out = tmp_path / "out"
    command = [sys.executable, "-m", "kg.cli", "build", "--seeds", str(seed_copy), "--out", str(out), "--no-cache"]
    runs = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for _ in range(2)]
    assert [run.wait(timeout=300) for run in runs] == [0, 0]
    reference = tmp_path / "reference"
    build(seeds=seed_copy, curated=CURATED, out=reference, cache=None)
    assert _files(out) == _files(reference)
    # nothing a build leaves beside out/ but its lock and its store
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out.")) == [".out.lock", ".out.store"]


def test_cached_articles_are_read_in_the_build_process(tmp_path, monkeypatch):
    """Only the articles the cache lacks go to worker processes: a worker would unpickle an entry
    and pickle it again to send it back, and one new article is not worth starting a pool."""
    import concurrent.futures

    from kg.cache import ExtractionCache
    from kg.ingest import seed_files
    from kg.pipeline import extract_all

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for copy in range(3):
        for source in sorted(SEEDS.iterdir()):
            shutil.copy(source, seeds / f"{copy}-{source.name}")
    monkeypatch.setenv("KG_WORKERS", "2")  # a pool even for this small corpus
    cache = ExtractionCache.open(tmp_path / "cache")
    first = extract_all(seed_files(seeds)[0], cache=cache)
    assert first.from_cache == 0 and len(first.documents) == 15

    def no_pool(*args, **kwargs):
        raise AssertionError("a worker pool was started")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_pool)
    new = seeds / "1-zz-new.txt"  # sorts between cached articles
    shutil.copy(ROOT / "tests" / "articles" / "t01_2018_zh.txt", new)
    paths = seed_files(seeds)[0]
    assert 0 < paths.index(new) < len(paths) - 1
    again = extract_all(paths, cache=cache)
    assert again.from_cache == 15 and len(again.documents) == 16
    assert [d.path for d in again.documents] == [str(p) for p in paths]  # file order, cached or not
    order = [d.id for d in again.documents]
    new_id = order[paths.index(new)]
    assert [order.index(s.evidence.doc_id) for s in again.statements] == sorted(
        order.index(s.evidence.doc_id) for s in again.statements)  # statements in file order too
    assert any(s.evidence.doc_id == new_id for s in again.statements)
    assert [s for s in again.statements if s.evidence.doc_id != new_id] == first.statements
