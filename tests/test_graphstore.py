"""The persistent store behind `kg query`, `kg serve`, `kg viz` and `kg.query`:
written by the build beside its files, answered from without reloading,
never answered from when stale, and swapped with `out/` in one step, so that
readers and a killed build never see a mix."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyoxigraph
import pytest

from kg import build, query
from kg.graphstore import GRAPH_FILES, STORE_DIR, open_graph, store_folder
from kg.pipeline import OUTPUT_FILES

from .conftest import CURATED, ROOT, SEEDS

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
NAMED = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def _count(data: Path, text: str = COUNT) -> tuple[int, str | None]:
    result = query(text, data=data)
    return int(result.rows[0][0]), result.notice


def _file_count(data: Path) -> int:
    """Triples of the file itself, loaded by the engine (the reference a store must agree with)."""
    store = pyoxigraph.Store()
    store.bulk_load(path=str(data), format=pyoxigraph.RdfFormat.from_extension(data.suffix[1:]))
    return len(store)


def test_build_writes_a_store_that_every_graph_file_is_answered_from(built):
    assert (store_folder(built) / "graph-files.json").exists()
    assert not (built / STORE_DIR).exists()  # beside out/, which holds only the files a build writes
    for name in GRAPH_FILES:
        store, notice = open_graph(built / name)
        assert notice is None, name
        # kg.nt has no named graphs: only the store, loaded from kg.trig too, has them.
        assert len(store) > _file_count(built / "kg.nt"), name
    count, notice = _count(built / "kg.nt")
    assert notice is None and count == _file_count(built / "kg.nt")  # the default graph: each triple once
    named, _ = _count(built / "kg.nt", NAMED)
    assert named == _file_count(built / "kg.trig")


def test_the_store_is_not_committed_and_is_git_ignored():
    run = subprocess.run(["git", "check-ignore", "-q", ".out.store/db/CURRENT"], cwd=ROOT)
    assert run.returncode == 0


@pytest.fixture
def own_build(tmp_path, built) -> Path:
    out = tmp_path / "out"
    shutil.copytree(built, out)
    shutil.copytree(store_folder(built), store_folder(out))
    return out


def test_a_changed_file_is_answered_from_itself_with_a_notice(own_build):
    data = own_build / "kg.nt"
    before, _ = _count(data)
    with open(data, "a", encoding="utf-8") as handle:
        handle.write('<https://example.org/added> <https://example.org/p> "new" .\n')
    count, notice = _count(data)
    assert count == before + 1
    assert notice == (f"{data}: changed since its store was built; run `kg build` to bring the store up to "
                      "date; loaded the file into memory instead")


def test_a_file_with_the_same_bytes_and_a_new_time_still_uses_the_store(own_build):
    data = own_build / "kg.ttl"
    data.write_bytes(data.read_bytes())  # as a git checkout or a copy leaves it
    store, notice = open_graph(data)
    assert notice is None and len(store) > _file_count(data)


def test_a_file_of_another_build_is_not_answered_from_this_store(own_build, tmp_path):
    other = tmp_path / "other"
    build(seeds=SEEDS, curated=None, out=other, cache=None)  # no curated facts: another graph
    shutil.copy(other / "kg.nt", own_build / "kg.nt")
    count, notice = _count(own_build / "kg.nt")
    assert count == _file_count(other / "kg.nt") != _file_count(own_build / "kg.trig")
    assert "changed since its store was built" in notice


def test_a_graph_without_a_store_says_so_in_one_line(tmp_path, built):
    (tmp_path / "copy").mkdir()
    data = tmp_path / "copy" / "kg.nt"
    shutil.copy(built / "kg.nt", data)
    count, notice = _count(data)
    assert count == _file_count(data)
    assert notice == (f"{data}: no store beside it (`kg build` writes one to {store_folder(data.parent)}); "
                      "loaded the file into memory instead")
    run = subprocess.run([sys.executable, "-m", "kg.cli", "query", "themes", "--data", str(data), "--format", "csv"],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0 and run.stderr.strip() == notice and "Traceback" not in run.stderr


def test_a_graph_named_from_inside_its_folder_or_through_a_link_is_answered_from_its_store(
        own_build, monkeypatch, tmp_path):
    (tmp_path / "link").symlink_to(own_build)
    monkeypatch.chdir(own_build)
    for data in ("kg.nt", "./kg.trig", f"../{own_build.name}/kg.nt", str(tmp_path / "link" / "kg.nt")):
        count, notice = _count(Path(data))
        assert notice is None and count == _file_count(own_build / "kg.nt"), data


def test_a_store_without_its_manifest_is_not_used(own_build):
    (store_folder(own_build) / "graph-files.json").unlink()
    count, notice = _count(own_build / "kg.nt")
    assert count == _file_count(own_build / "kg.nt") and "no store beside it" in notice


def _answers(out: Path) -> tuple:
    """What a reader of `out` sees: triples in the default graph, and the themes."""
    themes = query("themes", data=out / "kg.nt")
    return _count(out / "kg.nt")[0], tuple(map(tuple, themes.rows))


def test_readers_during_builds_see_the_old_graph_or_the_new_one(tmp_path):
    seeds_a, seeds_b = tmp_path / "a", tmp_path / "b"
    shutil.copytree(SEEDS, seeds_a)
    shutil.copytree(SEEDS, seeds_b)
    for extra in sorted(seeds_b.iterdir())[:3]:  # B lacks three articles
        extra.unlink()
    out, cache = tmp_path / "out", tmp_path / "cache"
    expected = set()
    for seeds in (seeds_b, seeds_a):
        build(seeds=seeds, curated=CURATED, out=out, cache=cache)
        expected.add(_answers(out))
    assert len(expected) == 2
    seen, stop = [], threading.Event()

    def read() -> None:
        while not stop.is_set():
            seen.append(_answers(out))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for seeds in (seeds_b, seeds_a, seeds_b, seeds_a):
            subprocess.run([sys.executable, "-m", "kg.cli", "build", "--seeds", str(seeds), "--out", str(out),
                            "--cache", str(cache)], check=True, capture_output=True, cwd=ROOT)
    finally:
        stop.set()
        reader.join()
    assert len(seen) > 4 and set(seen) <= expected


def _staging(out: Path) -> list[Path]:
    return sorted(out.parent.glob(f".{out.name}.building-*"))


# Where a build is killed: as soon as it has a staging folder, once it has written the graph
# files, and while the store loads. (The store's manifest is written an instant before the swap,
# too briefly to catch from outside; the swap itself is one system call.)
KILL_POINTS = {
    "staging": lambda folder: True,
    "written": lambda folder: (folder / "kg.jsonld").exists(),
    "store loading": lambda folder: (folder / STORE_DIR / "db" / "CURRENT").exists(),
}


@pytest.mark.parametrize("point", sorted(KILL_POINTS))
def test_a_build_killed_at_any_point_leaves_the_previous_out_and_store_usable(tmp_path, point):
    out, cache = tmp_path / "out", tmp_path / "cache"
    build(seeds=SEEDS, curated=None, out=out, cache=cache)
    files = {name: (out / name).read_bytes() for name in OUTPUT_FILES}
    answers = _answers(out)
    # Curated facts change the graph, so a completed swap could not pass for the previous out.
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", "--out", str(out), "--cache", str(cache),
                                "--curated", str(CURATED)], cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    reached = KILL_POINTS[point]
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        folders = _staging(out)
        if folders and reached(folders[0]):
            break
        time.sleep(0.002)
    assert process.poll() is None, f"the build ended before it reached {point}"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert {name: (out / name).read_bytes() for name in OUTPUT_FILES} == files
    assert _answers(out) == answers
    assert open_graph(out / "kg.nt")[1] is None  # answered from the previous store, which is current
    # The next build clears what the killed one left and swaps in its graph.
    build(seeds=SEEDS, curated=CURATED, out=out, cache=cache)
    assert not _staging(out) and _answers(out) != answers and open_graph(out / "kg.nt")[1] is None


def test_kg_serve_serves_the_built_store_and_keeps_it_while_a_build_replaces_out(tmp_path):
    from .test_interop import _count as served_count, _start_kg_serve

    out, cache = tmp_path / "out", tmp_path / "cache"
    build(seeds=SEEDS, curated=None, out=out, cache=cache)
    before = _count(out / "kg.nt")[0]
    (tmp_path / "tmp").mkdir()
    process, url = _start_kg_serve(out / "kg.trig", tmp_path / "tmp")
    try:
        assert served_count(url, "?s ?p ?o") == before
        assert served_count(url, "GRAPH ?g { ?s ?p ?o }") == _file_count(out / "kg.trig")
        build(seeds=SEEDS, curated=CURATED, out=out, cache=cache)
        assert _count(out / "kg.nt")[0] != before
        assert served_count(url, "?s ?p ?o") == before  # the graph it started with, whole
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=15)
    assert not list((tmp_path / "tmp").iterdir())  # its links to the store are removed


def test_kg_viz_draws_from_the_store(own_build, tmp_path):
    page = tmp_path / "page.html"
    run = subprocess.run([sys.executable, "-m", "kg.cli", "viz", "--data", str(own_build / "kg.ttl"), "-o", str(page)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0 and run.stderr == "" and page.stat().st_size > 10_000
    with open(own_build / "kg.ttl", "a", encoding="utf-8") as handle:  # stale: the store is not used for it
        handle.write('<https://example.org/added> <https://example.org/p> "new" .\n')
    run = subprocess.run([sys.executable, "-m", "kg.cli", "viz", "--data", str(own_build / "kg.ttl"), "-o", str(page)],
                         capture_output=True, text=True, cwd=ROOT)
    assert "changed since its store was built" in run.stderr


def test_a_store_that_cannot_be_read_is_named_and_not_used(own_build):
    shutil.rmtree(store_folder(own_build) / "db")
    count, notice = _count(own_build / "kg.nt")
    assert count == _file_count(own_build / "kg.nt")
    assert notice == (f"{own_build / 'kg.nt'}: its store {store_folder(own_build)} cannot be read; run `kg build` to "
                      "write it again; loaded the file into memory instead")


def test_an_open_store_keeps_its_graph_after_a_build_removes_its_folder(own_build):
    # RocksDB opens table files when it first needs them (at 10,000 articles, not all at start), so a
    # reader reads a private copy: its table files are hard links, which outlive the build's folder.
    expected = _count(own_build / "kg.nt", NAMED)[0]
    tables = sorted((store_folder(own_build) / "db").glob("*.sst"))
    links = [table.stat().st_nlink for table in tables]
    store, notice = open_graph(own_build / "kg.nt")
    assert notice is None and tables and [table.stat().st_nlink for table in tables] == [n + 1 for n in links]
    shutil.rmtree(own_build)
    shutil.rmtree(store_folder(own_build))
    (row,) = store.query(NAMED)
    assert int(row[0].value) == expected


def test_copies_left_by_killed_readers_are_removed_by_the_next_reader(own_build, tmp_path, monkeypatch):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        left = tmp_path / f"kg-store-{dead.pid}-x1"
        running = tmp_path / f"kg-store-{alive.pid}-x2"
        for folder in (left, running):
            folder.mkdir()
            (folder / "000009.sst").write_bytes(b"")
        assert open_graph(own_build / "kg.nt")[1] is None
        assert not left.exists() and running.exists()
    finally:
        alive.kill()
        alive.wait()
