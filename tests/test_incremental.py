"""Incremental builds: a build that finds the store of the build before it
updates that store graph by graph and validates only what changed, and ends
with the same store, the same files and the same validation results as a
clean build of the same articles."""

from __future__ import annotations

import json
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph
import pytest

from kg import build
from kg.graphstore import STORE_DIR, open_graph, store_folder
from kg.pipeline import OUTPUT_FILES
from kg.sparql import load_store
from kg.validate import revalidate, validate

from .conftest import CURATED, ROOT

sys.path.insert(0, str(ROOT / "bench"))
from corpus import chinese_article, english_article, write_corpus  # noqa: E402


def _quads(out: Path) -> set:
    store = pyoxigraph.Store.read_only(str(store_folder(out) / "db"))
    return set(store)


def _state(out: Path) -> dict:
    """What the build recorded for the next one: its graphs' digests and its validation results."""
    return json.loads((store_folder(out) / "build-state.json").read_text(encoding="utf-8"))


def _files(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUT_FILES}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, Path, Path]:
    """A generated corpus of 40 articles built once, with its cache."""
    root = tmp_path_factory.mktemp("incremental")
    seeds, out, cache = root / "seeds", root / "out", root / "cache"
    write_corpus(seeds, 40)
    build(seeds=seeds, curated=CURATED, out=out, cache=cache)
    return seeds, out, cache


def _add(seeds: Path) -> None:
    rng = random.Random(7)
    (seeds / "zz-added.txt").write_text(chinese_article(rng) + "\n\n" + english_article(rng), encoding="utf-8")


def _change(seeds: Path) -> None:
    first = sorted(seeds.iterdir())[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n\n" + english_article(random.Random(11)),
                     encoding="utf-8")


def _delete(seeds: Path) -> None:
    sorted(seeds.iterdir())[3].unlink()


@pytest.mark.parametrize("edit", [_add, _change, _delete], ids=["add", "change", "delete"])
def test_an_incremental_build_equals_a_clean_build(corpus, tmp_path, edit):
    seeds_before, out_before, cache = corpus
    seeds, out = tmp_path / "seeds", tmp_path / "out"
    shutil.copytree(seeds_before, seeds)
    shutil.copytree(out_before, out)
    shutil.copytree(store_folder(out_before), store_folder(out))
    before = _quads(out)
    edit(seeds)
    result = build(seeds=seeds, curated=CURATED, out=out, cache=cache)
    assert result.store.startswith("updated before the files were written: "), result.store
    clean_out = tmp_path / "clean"
    clean = build(seeds=seeds, curated=CURATED, out=clean_out, cache=cache)
    assert clean.store == "loaded"
    after = _quads(out)
    assert after != before  # the edit changed the graph, and the update carried the change
    assert after == _quads(clean_out)
    assert _files(out) == _files(clean_out)
    assert _state(out) == _state(clean_out)
    assert open_graph(out / "kg.trig")[1] is None  # readers use the updated store
    # which answers only for the build's own files now
    assert json.loads((store_folder(out) / "graph-files.json").read_text(encoding="utf-8")).keys() == {"files"}


def test_a_build_with_nothing_changed_changes_no_graph(corpus, tmp_path):
    seeds, out_before, cache = corpus
    out = tmp_path / "out"
    shutil.copytree(out_before, out)
    shutil.copytree(store_folder(out_before), store_folder(out))
    result = build(seeds=seeds, curated=CURATED, out=out, cache=cache)
    assert result.store.startswith("updated before the files were written: none changed"), result.store
    assert _quads(out) == _quads(out_before) and _files(out) == _files(out_before)


def test_a_build_that_changes_most_of_the_graph_loads_it_whole(corpus, tmp_path):
    seeds, out_before, cache = corpus
    out = tmp_path / "out"
    shutil.copytree(out_before, out)
    shutil.copytree(store_folder(out_before), store_folder(out))
    # Another base IRI renames every node: an update would rewrite everything.
    result = build(seeds=seeds, curated=CURATED, out=out, cache=cache, base="https://example.org/other/")
    assert result.store == "loaded"


def _updating(out: Path, previous: set[str]) -> bool:
    """RocksDB has opened the staging copy of the store and written to it (a new log or manifest)."""
    staging = sorted(out.parent.glob(f".{out.name}.building-*"))
    db = staging[0] / STORE_DIR / "db" if staging else None
    try:
        return db is not None and db.is_dir() and bool({path.name for path in db.iterdir()} - previous - {"LOG"})
    except FileNotFoundError:  # put in place meanwhile
        return False


def _in_place(out: Path, previous: set[str]) -> bool:
    """The updated store is in place beside out/, and the build has not written its files yet."""
    try:
        manifest = json.loads((store_folder(out) / "graph-files.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return "ahead_of" in manifest and not manifest["files"]


@pytest.mark.parametrize("point", [_updating, _in_place], ids=["updating", "in place"])
def test_a_build_killed_while_it_updates_leaves_a_usable_store_and_the_previous_out(corpus, tmp_path, point):
    seeds_before, out_before, cache = corpus
    seeds, out = tmp_path / "seeds", tmp_path / "out"
    shutil.copytree(seeds_before, seeds)
    shutil.copytree(out_before, out)
    shutil.copytree(store_folder(out_before), store_folder(out))
    quads, files = _quads(out), _files(out)
    _add(seeds)
    build(seeds=seeds, curated=CURATED, out=tmp_path / "clean", cache=cache)
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", "--seeds", str(seeds), "--out", str(out),
                                "--cache", str(cache), "--curated", str(CURATED)], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    previous = {path.name for path in (store_folder(out) / "db").iterdir()}
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None and not point(out, previous):
        time.sleep(0.002)
    assert process.poll() is None, f"the build ended before it reached {point.__name__}"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert _files(out) == files  # out/ is replaced only once every file is written
    store, notice = open_graph(out / "kg.nt")
    if point is _in_place or notice is not None:
        # The updated store, put in place before the build wrote its files, answers; the reader is told.
        assert "newer build" in notice and _quads(out) == _quads(tmp_path / "clean")
    else:  # killed before that: the update worked on hard-linked copies
        assert _quads(out) == quads
    result = build(seeds=seeds, curated=CURATED, out=out, cache=cache)
    assert result.store.startswith("updated before the files were written: ")
    assert _quads(out) == _quads(tmp_path / "clean") and _files(out) == _files(tmp_path / "clean")
    assert open_graph(out / "kg.nt")[1] is None


# Invented breakages of the seed graph, each with the subjects whose triples it changes.
W = "https://w3id.org/wuzhen-kg/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _first(store, sparql: str) -> str:
    return next(iter(store.query(sparql)))[0].value


def test_revalidating_the_changed_subjects_gives_what_validating_everything_gives(built):
    store = load_store(built / "kg.nt")
    before = validate(store)
    assert before.conforms
    person = _first(store, f"SELECT ?p WHERE {{ ?p a <{W}Person> ; <{W}memberOf> ?o }} ORDER BY ?p LIMIT 1")
    organisation = _first(store, f"SELECT ?o WHERE {{ <{person}> <{W}memberOf> ?o }} ORDER BY ?o LIMIT 1")
    summit = _first(store, f"SELECT ?s WHERE {{ ?s a <{W}Summit> }} ORDER BY ?s LIMIT 1")
    d = pyoxigraph.DefaultGraph()
    # The organisation stops being one: a person's memberOf now points at a node of no class (sh:class),
    # which is a result on the person, a subject the change did not touch.
    store.remove(pyoxigraph.Quad(pyoxigraph.NamedNode(organisation), pyoxigraph.NamedNode(RDF_TYPE),
                                 pyoxigraph.NamedNode(W + "Organization"), d))
    # A summit with a second year (sh:maxCount).
    store.add(pyoxigraph.Quad(pyoxigraph.NamedNode(summit), pyoxigraph.NamedNode(W + "year"),
                              pyoxigraph.Literal("1999", datatype=pyoxigraph.NamedNode(
                                  "http://www.w3.org/2001/XMLSchema#integer")), d))
    full = validate(store)
    assert not full.conforms and any(r.focus == person for r in full.results)
    changed = {organisation: {RDF_TYPE}, summit: {W + "year"}}
    again = revalidate(store, before.results, changed)
    assert again.model_dump() == full.model_dump()
    # Repaired: the results of the nodes it concerns go again.
    store.add(pyoxigraph.Quad(pyoxigraph.NamedNode(organisation), pyoxigraph.NamedNode(RDF_TYPE),
                              pyoxigraph.NamedNode(W + "Organization"), d))
    store.remove(pyoxigraph.Quad(pyoxigraph.NamedNode(summit), pyoxigraph.NamedNode(W + "year"),
                                 pyoxigraph.Literal("1999", datatype=pyoxigraph.NamedNode(
                                     "http://www.w3.org/2001/XMLSchema#integer")), d))
    assert revalidate(store, full.results, changed).model_dump() == before.model_dump()


def test_revalidation_checks_again_the_nodes_pointing_at_a_subject_only_when_its_type_changed(built, monkeypatch):
    """A node's results read a value's rdf:type (sh:class), never its year or its edge count."""
    import kg.validate

    store = load_store(built / "kg.nt")
    summit = _first(store, f"SELECT ?s WHERE {{ ?s a <{W}Summit> ; ^<{W}partOf> [] }} ORDER BY ?s LIMIT 1")
    forums = {row[0].value for row in store.query(f"SELECT ?f WHERE {{ ?f <{W}partOf> <{summit}> }}")}
    before = validate(store)
    checked = []
    compile_shapes = kg.validate.compile_shapes
    monkeypatch.setattr(kg.validate, "compile_shapes", lambda shapes=None, focus=None: (
        checked.append(set(focus)), compile_shapes(shapes, focus))[1])
    assert revalidate(store, before.results, {summit: {W + "edgeCount"}}).model_dump() == before.model_dump()
    assert revalidate(store, before.results, {summit: {RDF_TYPE, W + "edgeCount"}}).model_dump() == before.model_dump()
    assert forums and checked[0] == {summit} and checked[1] >= {summit} | forums


def _everything(out: Path) -> tuple:
    return _quads(out), _files(out), _state(out)


@pytest.fixture
def strict_ontology(tmp_path, monkeypatch) -> Path:
    """The project's ontology with one constraint more, which the seed graph breaks: results to keep."""
    ontology = tmp_path / "ontology"
    shutil.copytree(ROOT / "ontology", ontology)
    shapes = ontology / "shapes.ttl"
    shapes.write_text(shapes.read_text(encoding="utf-8").replace(
        "sh:path wic:spokeAt ;", "sh:path wic:spokeAt ;\n        sh:minCount 1 ;"), encoding="utf-8")
    monkeypatch.setenv("KG_ONTOLOGY", str(ontology))
    return ontology


def test_kept_validation_results_equal_a_clean_builds(seed_copy, tmp_path, strict_ontology):
    out = tmp_path / "out"
    build(seeds=seed_copy, curated=CURATED, out=out, cache=None)
    assert _state(out)["shacl"]["results"]
    sorted(seed_copy.iterdir())[2].unlink()
    assert build(seeds=seed_copy, curated=CURATED, out=out, cache=None).store.startswith("updated: ")
    build(seeds=seed_copy, curated=CURATED, out=tmp_path / "clean", cache=None)
    assert _everything(out) == _everything(tmp_path / "clean")


def test_kept_results_are_dropped_when_the_checks_change(seed_copy, tmp_path, strict_ontology, monkeypatch):
    """Not only the shapes file decides the results: the compiler and the engine do too (here: a
    compiler that words its messages differently, as after an upgrade)."""
    import kg.validate

    out = tmp_path / "out"
    build(seeds=seed_copy, curated=CURATED, out=out, cache=None)
    message = kg.validate._Shapes.message
    monkeypatch.setattr(kg.validate._Shapes, "message",
                        lambda self, shape, default: "v2: " + message(self, shape, default))
    build(seeds=seed_copy, curated=CURATED, out=out, cache=None)
    build(seeds=seed_copy, curated=CURATED, out=tmp_path / "clean", cache=None)
    assert _state(out)["shacl"] == _state(tmp_path / "clean")["shacl"]


@pytest.mark.parametrize("damage", ["no db", "bad CURRENT", "missing table"])
def test_a_damaged_previous_store_is_loaded_again(seed_copy, tmp_path, damage):
    out = tmp_path / "out"
    build(seeds=seed_copy, curated=CURATED, out=out, cache=None)
    db = store_folder(out) / "db"
    if damage == "no db":
        shutil.rmtree(db)
    elif damage == "bad CURRENT":
        (db / "CURRENT").write_text("garbage\n")
    else:
        next(db.glob("*.sst")).unlink()
    (seed_copy / "added.txt").write_text(english_article(random.Random(3)), encoding="utf-8")
    result = build(seeds=seed_copy, curated=CURATED, out=out, cache=None)
    assert result.store.startswith("loaded (the previous store could not be updated: "), result.store
    build(seeds=seed_copy, curated=CURATED, out=tmp_path / "clean", cache=None)
    assert _everything(out) == _everything(tmp_path / "clean")


def test_what_readers_copy_does_not_grow_with_each_update(seed_copy, tmp_path):
    """Readers copy every file of the store but its tables: an update leaves no log to replay and no
    rotated informational log behind."""
    out = tmp_path / "out"
    build(seeds=seed_copy, curated=CURATED, out=out, cache=None)

    def copied() -> int:
        return sum(p.stat().st_size for p in (store_folder(out) / "db").iterdir()
                   if p.suffix != ".sst" and not p.name.startswith("LOG"))

    sizes = []
    for number in range(4):
        (seed_copy / f"added-{number}.txt").write_text(english_article(random.Random(number)), encoding="utf-8")
        assert build(seeds=seed_copy, curated=CURATED, out=out, cache=None).store.startswith("updated: ")
        sizes.append(copied())
    assert not list((store_folder(out) / "db").glob("LOG.old.*"))
    assert sizes[-1] <= 1.2 * sizes[0], sizes


def _without_an_alias_entry(tmp_path: Path) -> Path:
    """The alias table less its entry for the conference, so its names resolve to other entities."""
    table = tmp_path / "aliases.yaml"
    lines = (ROOT / "ontology" / "aliases.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    table.write_text("".join(line for line in lines if "World Internet Conference" not in line), encoding="utf-8")
    return table


@pytest.mark.parametrize("change", ["curated facts left out", "alias entry removed"])
def test_an_update_after_other_resolution_inputs_equals_a_clean_build(seed_copy, tmp_path, change):
    """Not only articles change a graph: the curated facts and the alias table do too, across many graphs."""
    out, clean = tmp_path / "out", tmp_path / "clean"
    build(seeds=seed_copy, curated=CURATED, out=out, cache=None)
    before = _quads(out)
    if change == "curated facts left out":
        options = {"curated": None}
    else:
        options = {"curated": CURATED, "aliases": _without_an_alias_entry(tmp_path)}
    result = build(seeds=seed_copy, out=out, cache=None, **options)
    assert result.store.startswith("updated: ") and _quads(out) != before, result.store
    build(seeds=seed_copy, out=clean, cache=None, **options)
    assert _everything(out) == _everything(clean)


def test_an_incremental_build_reads_again_only_the_articles_that_changed(corpus, tmp_path):
    """The build before kept what it read of each article and how it resolved them: with an empty
    extraction cache, the next build still takes the unchanged articles from it, and extracts only
    the new one."""
    seeds_before, out_before, cache = corpus
    seeds, out = tmp_path / "seeds", tmp_path / "out"
    shutil.copytree(seeds_before, seeds)
    shutil.copytree(out_before, out)
    shutil.copytree(store_folder(out_before), store_folder(out))
    _add(seeds)
    result = build(seeds=seeds, curated=CURATED, out=out, cache=tmp_path / "empty-cache")
    assert (result.documents, result.from_cache) == (41, 40)
    build(seeds=seeds, curated=CURATED, out=tmp_path / "clean", cache=cache)
    assert _everything(out) == _everything(tmp_path / "clean")


@pytest.mark.parametrize("change", ["kept state cut short", "kept state with a byte changed", "alias entry removed"])
def test_what_a_build_kept_is_not_used_when_it_cannot_be(corpus, tmp_path, change):
    """A kept state that is not as it was written, or one resolved with another alias table, is not used."""
    seeds, out_before, cache = corpus
    out = tmp_path / "out"
    shutil.copytree(out_before, out)
    shutil.copytree(store_folder(out_before), store_folder(out))
    options = {"curated": CURATED}
    kept = store_folder(out) / "kept" / "state.pickle"
    if change == "kept state cut short":
        kept.write_bytes(kept.read_bytes()[:1000])
    elif change == "kept state with a byte changed":
        data = bytearray(kept.read_bytes())
        data[len(data) // 2] ^= 0x01
        kept.write_bytes(bytes(data))
    else:
        options["aliases"] = _without_an_alias_entry(tmp_path)
    result = build(seeds=seeds, out=out, cache=cache, **options)
    assert result.from_cache == 40 and result.store.startswith("updated: "), result.store
    build(seeds=seeds, out=tmp_path / "clean", cache=tmp_path / "other-cache", **options)
    assert _everything(out) == _everything(tmp_path / "clean")


def test_builds_that_change_a_few_articles_keep_their_changes_and_then_a_whole_state_again(
        corpus, tmp_path, monkeypatch):
    """Each build after an edit writes only its change to what the build before kept, and replays the
    changes before it; after `_MOST_CHANGES` of them one writes the whole state again. Every build
    equals a clean one."""
    import kg.pipeline

    monkeypatch.setattr(kg.pipeline, "_MOST_CHANGED", 1.0)
    monkeypatch.setattr(kg.pipeline, "_MOST_CHANGES", 2)
    seeds_before, out_before, cache = corpus
    seeds, out = tmp_path / "seeds", tmp_path / "out"
    shutil.copytree(seeds_before, seeds)
    shutil.copytree(out_before, out)
    shutil.copytree(store_folder(out_before), store_folder(out))
    kept = []
    for edit in (_add, _change, _delete):
        edit(seeds)
        assert build(seeds=seeds, curated=CURATED, out=out, cache=cache).store.startswith("updated before the files were written: ")
        kept.append(sorted(p.name for p in (store_folder(out) / "kept").iterdir()))
        shutil.rmtree(tmp_path / "clean", ignore_errors=True)
        shutil.rmtree(store_folder(tmp_path / "clean"), ignore_errors=True)
        build(seeds=seeds, curated=CURATED, out=tmp_path / "clean", cache=cache)
        assert _everything(out) == _everything(tmp_path / "clean")
    assert kept == [["change-0.pickle", "sha256.json", "sources.pickle", "state.pickle"],
                    ["change-0.pickle", "change-1.pickle", "sha256.json", "sources.pickle", "state.pickle"],
                    ["sha256.json", "sources.pickle", "state.pickle"]]


def test_a_build_that_fails_after_it_sent_its_changes_does_not_put_its_store_in_place(corpus, tmp_path):
    """The store writer gets a build's changes before the build writes its files; a build that
    fails or is interrupted meanwhile leaves the previous store in place, answering as before."""
    from kg.assemble import Changes
    from kg.graphstore import StoreWriter, previous_store

    _, out_before, _ = corpus
    out = tmp_path / "out"
    shutil.copytree(out_before, out)
    shutil.copytree(store_folder(out_before), store_folder(out))
    quads, manifest = _quads(out), (store_folder(out) / "graph-files.json").read_bytes()
    staging = tmp_path / ".out.building-test"
    staging.mkdir()
    graph = next(iter({q.graph_name for q in quads if "/graph/doc/" in str(q.graph_name)}))
    with pytest.raises(KeyboardInterrupt):
        with StoreWriter(staging, previous_store(out)) as writer:
            writer.changes(Changes({str(graph): set()}, "<https://w3id.org/wuzhen-kg/id/graph/entities>", {}))
            raise KeyboardInterrupt  # the build stops while the store is being updated
    assert _quads(out) == quads and (store_folder(out) / "graph-files.json").read_bytes() == manifest
    assert open_graph(out / "kg.nt")[1] is None
