"""`build()`: seeds and curated facts in, ``out/`` written atomically."""

from __future__ import annotations

import contextlib
import gc
import os
from dataclasses import dataclass, replace
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from pydantic import BaseModel

from .errors import KGError, StageError
from .models import DocumentInfo, SkippedFile, Statement

if TYPE_CHECKING:
    from .cache import ExtractionCache

__all__ = ["build", "BuildResult", "extract_all", "OUTPUT_FILES"]

OUTPUT_FILES = ("kg.ttl", "kg.trig", "kg.nt", "kg.jsonld", "relations.jsonl", "graph.html", "report.md")


class BuildResult(BaseModel):
    out: str
    documents: int
    from_cache: int
    skipped: list[SkippedFile]  # every entry of the seeds folder that was not read, in path order
    warnings: list[str]  # doubts about how a document was decoded, "path: what"
    statements: int
    triples: int
    relations: int
    conflicts: int
    conforms: bool
    relation_counts: dict[str, int]
    store: str  # how the persistent store was written: loaded whole, or updated from the previous build's
    seconds: dict[str, float]  # wall time per stage, in the order they ran


def _stage(name: str, doc_id: str | None, action: Callable):
    try:
        return action()
    except KGError:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure is reported with its stage and document
        raise StageError(name, doc_id, f"{type(exc).__name__}: {exc}") from exc


def _extract_one(path: Path, cache: "ExtractionCache | None" = None
                 ) -> tuple[DocumentInfo | SkippedFile, list[Statement]]:
    """Runs in a worker: only the document's summary travels back, not its
    text. The result is put in the cache when one is given."""
    from .errors import InputError
    from .extract import extract_document
    from .ingest import read_document
    from .segment import segment

    try:
        data = path.read_bytes()
    except OSError:
        data = None  # read_document reports it with the reason
    try:
        doc = read_document(path, data=data)
    except InputError as exc:
        result = (SkippedFile(path=exc.path, reason=exc.reason), [])
    else:
        sentences = _stage("segment", doc.id, lambda: segment(doc))
        result = (doc.info(str(path)), _stage("extract", doc.id, lambda: extract_document(doc, sentences)))
    if cache is not None and data is not None:
        cache.put(path, data, result)
    return result


def _cached(paths: list[Path], cache: "ExtractionCache | None", progress: Callable[[str], None] | None
            ) -> dict[int, tuple]:
    """The cache's entries for `paths`, by position, read in this process: a
    worker would unpickle an entry and pickle it again to send it back."""
    found = {}
    for index, path in enumerate(paths if cache is not None else ()):
        try:
            hit = cache.get(path, path.read_bytes())
        except OSError:
            continue  # extracted afresh, which reports it
        if hit is not None:
            item, statements = hit
            if item.path != str(path):  # the same file, extracted when it was in another folder
                hit = (item.model_copy(update={"path": str(path)}), statements)
            found[index] = hit
            if progress:
                progress(path.name)
    return found


def _workers(count: int) -> int:
    """Worker processes for `count` files: $KG_WORKERS, else one per core for corpora worth it."""
    if count < 2:  # nothing to share out
        return 1
    if "KG_WORKERS" in os.environ:
        return max(1, int(os.environ["KG_WORKERS"]))
    return (os.cpu_count() or 1) if count >= 64 else 1


@dataclass
class Extracted:
    """Plain container: validating hundreds of thousands of statements again would cost seconds."""

    files: list[tuple[DocumentInfo | SkippedFile, list[Statement]]]  # each file's, in file order
    from_cache: int

    @property
    def documents(self) -> list[DocumentInfo]:
        return [item for item, _ in self.files if isinstance(item, DocumentInfo)]

    @property
    def skipped(self) -> list[SkippedFile]:
        return [item for item, _ in self.files if isinstance(item, SkippedFile)]

    @property
    def statements(self) -> list[Statement]:
        return [statement for _, found in self.files for statement in found]


def extract_all(paths: list[Path], progress: Callable[[str], None] | None = None,
                cache: "ExtractionCache | None" = None) -> Extracted:
    """Ingest, segment and extract every file (from the cache when it has the
    file), in parallel over cores when many are not in it; unreadable files
    are skipped. Results keep file order; `progress` is called once per file,
    first for those the cache has."""
    from functools import partial

    files = []
    cached = _cached(paths, cache, progress)
    missing = [path for index, path in enumerate(paths) if index not in cached]
    work = partial(_extract_one, cache=cache)
    workers = _workers(len(missing))
    if workers > 1:
        from concurrent.futures import ProcessPoolExecutor

        from .apart import die_with

        # Workers die with the process that starts them: a build killed or stopped leaves none behind.
        executor = ProcessPoolExecutor(max_workers=workers, initializer=die_with, initargs=(os.getpid(),))
        extracted = executor.map(work, missing, chunksize=16)
    else:
        executor, extracted = None, map(work, missing)
    try:
        for index, path in enumerate(paths):
            if index in cached:
                item, found = cached[index]
            else:
                item, found = next(extracted)
                if progress:
                    progress(path.name)
            files.append((item, found))
    finally:
        if executor is not None:
            executor.shutdown(cancel_futures=True)
    return Extracted(files=files, from_cache=sum(isinstance(item, DocumentInfo) for item, _ in cached.values()))


@contextlib.contextmanager
def _restoring_gc():
    """The stages after extraction allocate millions of small acyclic objects
    (terms, triples, rows) and free them by reference counting; the cycle
    collector re-scanning all of them on every pass made those stages grow
    faster than the graph. `_build` switches it off after extraction; this
    puts it back however the build ends."""
    enabled = gc.isenabled()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def build(seeds: Path = Path("seeds"), curated: Path | None = Path("ontology/curated"), out: Path = Path("out"),
          base: str | None = None, aliases: Path | None = None, cache: Path | None = Path(".kg-cache"),
          progress: Callable[[str], None] | None = None, on_start: Callable[[int], None] | None = None,
          on_stage: Callable[[str], None] | None = None) -> BuildResult:
    """Build the knowledge graph; nothing in `out` changes unless all stages succeed.

    `cache` is the extraction cache folder (None: extract every file afresh).
    `progress` is called per file extracted, `on_stage` when a later stage starts."""
    with _restoring_gc():
        return _build(seeds, curated, out, base, aliases, cache, progress, on_start, on_stage)


@dataclass
class _Written:
    """What the first stages (`_write_graph`, run in a child process) hand to the rest of the build."""

    documents: int
    from_cache: int
    skipped: list[SkippedFile]
    warnings: list[str]
    statements: int
    low_confidence: list[Statement]
    per_doc: dict[str, int]
    notes: list[str]  # the curated data's, the build's, then assembly's
    conflicts: list  # kg.assemble.Conflict
    files: dict[str, str]  # graph file -> SHA-256
    seconds: dict[str, float]


@dataclass
class _Source:
    """A seed file as a build read it, kept for the next build, which need not read it again."""

    path: str
    item: DocumentInfo | SkippedFile  # a document's carries the SHA-256 of the bytes it was read from
    statements: int
    low_confidence: list[Statement]


@dataclass
class _Kept:
    """What a build keeps in its store for the next one, in the folder kg.graphstore.KEPT: the seed
    files as read (``sources.pickle``, written by every build), and resolution's state as a build
    wrote it whole (``state.pickle``) with the changes later builds made to it (``change-N.pickle``,
    replayed in order): a build that changes a few articles writes only its change. Valid while
    `fingerprint` (the code and the alias table they depend on) holds."""

    fingerprint: str
    sources: dict[str, _Source]  # by file name
    resolution: "ResolutionState"
    base: str  # the token of the state written whole, which its changes go with
    changes: int  # changes since
    changed: int  # sources they put in
    assembled: str  # what the graph was assembled with (`_assembly_fingerprint`)


# A build writes resolution's state whole again after this many changes, or once its changes have
# put in this share of the sources (replaying them would cost more than reading a fresh state).
_MOST_CHANGES, _MOST_CHANGED = 8, 0.05
# A build that changes at most this share of the documents assembles what it changes first, and the
# store is updated with that and put in place before the graph files are written.
_MOST_AHEAD = 0.1


def _kept_fingerprint(alias_table) -> str:
    import hashlib
    import sys
    from importlib.metadata import version

    from .cache import fingerprint

    digest = hashlib.sha256(fingerprint().encode())
    _modules_into(digest, "pipeline", "resolve", "evaluate", "iri", "curated", "report")
    digest.update(alias_table.model_dump_json().encode())
    # pypinyin spells names, OpenCC simplifies them before they are keyed, pydantic pickles the records
    packages = ", ".join(f"{name} {version(name)}" for name in ("pypinyin", "opencc", "pydantic"))
    digest.update(f"{packages}, Python {sys.version}".encode())
    return digest.hexdigest()


def _modules_into(digest, *names: str) -> None:
    """The source of this package's modules `names` into a hash."""
    for name in names:
        digest.update((Path(__file__).resolve().parent / f"{name}.py").read_bytes())


def _assembly_fingerprint(base: str, curated_data) -> str:
    """What else than the resolution the assembled graph depends on: the assembly's code, the base
    IRI and the curated data (the role vocabulary is in the extraction's fingerprint)."""
    import hashlib
    from importlib.metadata import version

    digest = hashlib.sha256(base.encode())
    _modules_into(digest, "assemble", "quads", "vocab", "iri")
    digest.update(f"rdflib {version('rdflib')}".encode())  # it reads the role vocabulary into graph/vocabulary
    digest.update(b"" if curated_data is None else curated_data.model_dump_json().encode())
    return digest.hexdigest()


_KEPT_DIGESTS = "sha256.json"  # each file's SHA-256, written last: a damaged file is not read


def _load_kept(folder: Path | None, fingerprint: str, alias_table) -> _Kept | None:
    """What the previous build kept, or None (nothing, damaged, or made under other code or aliases)."""
    import hashlib
    import json
    import pickle

    def read(name: str):
        data = (folder / name).read_bytes()
        if hashlib.sha256(data).hexdigest() != digests.get(name):
            raise ValueError(f"{name} is not as written")
        return pickle.loads(data)

    if folder is None:
        return None
    with _restoring_gc():
        gc.disable()  # millions of objects, none of them in a cycle: a collection pass would visit them all
        try:
            digests = json.loads((folder / _KEPT_DIGESTS).read_text(encoding="utf-8"))
            found, base, changes, changed, sources, keyed, assembled = read("sources.pickle")
            if found != fingerprint:
                return None
            token, state = read("state.pickle")
            if token != base:
                return None
            state.attach(alias_table, keyed)
            for number in range(changes):
                state.change(*read(f"change-{number}.pickle"))
        except Exception:  # noqa: BLE001 - whatever a damaged file raises: resolve everything again
            return None
        # Out of the collector's sight for good: with it on again, every pass (importing a module
        # makes one) would visit them all.
        gc.freeze()
    return _Kept(fingerprint, sources, state, base, changes, changed, assembled)


def _keep(folder: Path, kept: _Kept, previous: Path | None, removed: list[str], added: dict) -> None:
    """Write what this build keeps (`kept`, its state changed by `removed` and `added` since `previous`
    kept it, if it did) into `folder`. Where that fails (a full disk), nothing is kept: the next
    build resolves everything again."""
    import hashlib
    import json
    import pickle
    import shutil

    digests: dict[str, str] = {}

    class _Hashed:  # a file that hashes what pickle writes to it
        def __init__(self, handle) -> None:
            self.handle, self.digest = handle, hashlib.sha256()

        def write(self, data) -> int:
            self.digest.update(data)
            return self.handle.write(data)

    def write(name: str, content) -> None:
        with open(folder / name, "wb") as handle:
            hashed = _Hashed(handle)
            pickle.dump(content, hashed, protocol=pickle.HIGHEST_PROTOCOL)
        digests[name] = hashed.digest.hexdigest()

    try:
        folder.mkdir()
        if previous is not None and kept.changes < _MOST_CHANGES and \
                kept.changed + len(added) <= _MOST_CHANGED * len(kept.resolution.units):
            before = json.loads((previous / _KEPT_DIGESTS).read_text(encoding="utf-8"))
            # The state and the changes before, as they are.
            for name in ["state.pickle", *(f"change-{number}.pickle" for number in range(kept.changes))]:
                try:
                    os.link(previous / name, folder / name)
                except OSError:  # another file system
                    shutil.copy2(previous / name, folder / name)
                digests[name] = before[name]
            write(f"change-{kept.changes}.pickle", (removed, added))
            kept.changes, kept.changed = kept.changes + 1, kept.changed + len(added)
        else:
            kept.base, kept.changes, kept.changed = os.urandom(8).hex(), 0, 0
            write("state.pickle", (kept.base, kept.resolution))
        write("sources.pickle", (kept.fingerprint, kept.base, kept.changes, kept.changed, kept.sources,
                                 kept.resolution.keyed(), kept.assembled))
        (folder / _KEPT_DIGESTS).write_text(json.dumps(digests, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    except (OSError, KeyError, ValueError):
        shutil.rmtree(folder, ignore_errors=True)


def _read_sources(paths: list[Path], cache: Path | None, kept: _Kept | None, emit: Callable[[str, object], None]
                  ) -> tuple[dict[str, _Source], dict[str, list[Statement]], set[str], int]:
    """Every seed file as this build reads it: taken from the build before where the file is the
    same (same name and bytes: its document's SHA-256), else extracted (from the extraction cache when it has it).
    Returns the files by name, the statements of those extracted (by document), the names of those
    taken from the build before, and how many were not extracted again."""
    import hashlib

    from .cache import ExtractionCache
    from .report import low_confidence_statements

    known = {}
    for path in paths if kept is not None else ():
        source = kept.sources.get(path.name)
        if source is None or not isinstance(source.item, DocumentInfo):
            continue  # a skipped file is tried again: why it was skipped may name its path
        try:
            if hashlib.sha256(path.read_bytes()).hexdigest() != source.item.sha256:
                continue
        except OSError:
            continue  # extracted afresh, which reports it
        if source.path != str(path):  # the same file read from another folder
            source = replace(source, path=str(path), item=source.item.model_copy(update={"path": str(path)}))
        known[path.name] = source
    for name in known:
        emit("progress", name)
    fresh = extract_all([path for path in paths if path.name not in known], lambda name: emit("progress", name),
                        ExtractionCache.open(cache) if cache is not None else None)
    read, statements, found_in = {}, {}, iter(fresh.files)
    for path in paths:
        if path.name in known:
            read[path.name] = known[path.name]
            continue
        item, found = next(found_in)
        read[path.name] = _Source(path=str(path), item=item, statements=len(found),
                                  low_confidence=low_confidence_statements(found))
        if isinstance(item, DocumentInfo):
            statements[item.id] = found
    return read, statements, set(known), len(known) + fresh.from_cache


def _write_graph(paths: list[Path], unread: list[SkippedFile], cache: Path | None, curated_data, curated: Path | None,
                 alias_table, base: str, staging: Path, previous_graphs: dict[str, str] | None,
                 previous_kept: Path | None, emit: Callable[[str, object], None]) -> _Written:
    """Extract, resolve and assemble the graph and write its four files into `staging`, and what the
    next build keeps (kg.graphstore.KEPT). With `previous_kept` (and an extraction cache), the files the
    build before read are not read again, and only what changed is resolved again; where few articles
    changed, what they change in the previous build's graph is assembled first and handed to the
    build (``changes``), which updates its store with it while this goes on."""
    from .assemble import assemble, assemble_changes
    from .curated import curated_statements
    from .paths import ontology_dir
    from .report import low_confidence_statements
    from .resolve import CURATED_SOURCE, ResolutionState
    from .graphstore import KEPT, worth_updating
    from .write import GraphDigests, serialise, write_text

    seconds: dict[str, float] = {}
    run = _timed(seconds, lambda name: emit("stage", name))
    fingerprint = _kept_fingerprint(alias_table)

    def read() -> tuple:
        kept = _load_kept(previous_kept, fingerprint, alias_table) if cache is not None else None
        return (kept, *_read_sources(paths, cache, kept, emit))

    kept, sources, extracted, reused, from_cache = run("extract", read)
    gc.disable()  # see _restoring_gc
    documents = [s.item for s in sources.values() if isinstance(s.item, DocumentInfo)]
    skipped = sorted(unread + [s.item for s in sources.values() if isinstance(s.item, SkippedFile)],
                     key=lambda s: s.path)
    per_doc = {s.item.id: s.statements for s in sources.values() if isinstance(s.item, DocumentInfo)}
    curated_notes: list[str] = []
    build_notes: list[str] = []
    found: list[Statement] = []
    if curated_data is not None:
        found, curated_notes = curated_statements(curated_data, {d.id: Path(d.path) for d in documents}, str(curated))
    statement_count = sum(s.statements for s in sources.values()) + len(found)
    low_confidence = low_confidence_statements([st for s in sources.values() for st in s.low_confidence] + found)
    state = kept.resolution if kept is not None else ResolutionState(alias_table)
    # The documents the build before read and this one did not take from it, and the curated data,
    # which is read again every time.
    removed = [CURATED_SOURCE] + ([] if kept is None else [
        s.item.id for name, s in kept.sources.items()
        if isinstance(s.item, DocumentInfo) and name not in reused])
    assembled_with = _assembly_fingerprint(base, curated_data)
    documents_before = [] if kept is None else [
        s.item for s in kept.sources.values() if isinstance(s.item, DocumentInfo)]
    ahead = kept is not None and previous_graphs is not None and kept.assembled == assembled_with and \
        len(set(extracted) | set(removed[1:])) <= max(1, _MOST_AHEAD * len(documents))

    def resolve():
        before = state.resolution() if ahead else None
        added = {doc: state.unit(extracted.pop(doc)) for doc in sorted(extracted)}
        added[CURATED_SOURCE] = state.unit(found)
        resolution = state.update(removed, added)
        if kept is None:
            _keep(staging / KEPT, _Kept(fingerprint, sources, state, "", 0, 0, assembled_with), None, removed, added)
        else:
            kept.sources, kept.assembled = sources, assembled_with
            _keep(staging / KEPT, kept, previous_kept, removed, added)
        return resolution, before

    resolution, before = run("resolve", resolve)
    del state, kept  # what resolution keeps of the statements goes; the resolution holds what assembly needs
    gc.unfreeze()  # what _load_kept froze, where this runs in the build's own process
    if before is not None:
        try:
            emit("changes", run("changes", lambda: assemble_changes(
                before, resolution, documents_before, documents, base, ontology_dir() / "roles.ttl", curated_data)))
        except StageError as exc:  # a fault of this code: the store is updated from the files, as without it
            ahead = False
            build_notes.append(f"the store was updated after the files were written: {exc}")
        del before
    assembled = run("assemble", lambda: assemble(resolution, documents, base, ontology_dir() / "roles.ttl",
                                                 curated_data))
    del resolution  # the named graphs carry everything later stages need
    graphs = GraphDigests(previous=None if ahead else previous_graphs)  # what changed is known already

    def write_files() -> dict[str, str]:
        files = {}
        # serialise() empties the named graphs, which go with this process
        for name, chunks in serialise(assembled.graphs, graphs):
            files[name] = write_text(staging / name, chunks)
            if name == "kg.trig" and not worth_updating(graphs):
                graphs.changed.clear()  # the store is loaded whole: not needed, not worth sending
            emit("written", (name, graphs if name == "kg.trig" else None))
        return files

    files = run("write", write_files)
    return _Written(documents=len(documents), from_cache=from_cache, skipped=skipped,
                    warnings=[f"{d.path}: {d.warning}" for d in documents if d.warning], statements=statement_count,
                    low_confidence=low_confidence, per_doc=per_doc, notes=curated_notes + build_notes + assembled.notes,
                    conflicts=assembled.conflicts, files=files, seconds=seconds)


def _timed(seconds: dict[str, float], on_stage: Callable[[str], None] | None):
    """`run(name, action)`: the action as stage `name`, announced to `on_stage` and its wall time put in `seconds`."""
    import time

    def run(name: str, action: Callable):
        if on_stage:
            on_stage(name)
        started = time.perf_counter()
        result = _stage(name, None, action)
        seconds[name] = round(time.perf_counter() - started, 3)
        return result

    return run


def _of_the_build(entry: Path, out: Path) -> bool:
    """Whether a seeds folder's entry is the build's own `out`, or its lock, store or staging folder
    beside it (--out inside the seeds folder): no article skipped."""
    name, out = entry.name, out.resolve()  # where atomic_output puts them
    return entry.parent.resolve() == out.parent and (name == out.name or name.startswith(f".{out.name}."))


_OS_LITTER = (".DS_Store", "Thumbs.db", "desktop.ini", ".directory")  # what a file browser leaves in a folder


def _check_out(out: Path) -> None:
    """Refuse an `out` holding anything a build does not write: a build replaces the whole folder
    (`--out .` in a project, or `--out seeds`, would otherwise be deleted with all it holds)."""
    from .graphstore import STORE_DIR  # left inside `out` by a build killed before it moved it beside

    if not out.exists():
        return
    if not out.is_dir():
        raise KGError(f"{out}: exists and is not a directory")
    foreign = sorted(entry.name for entry in out.iterdir()
                     if entry.name not in (*OUTPUT_FILES, STORE_DIR, *_OS_LITTER) and not entry.name.startswith("._"))
    if foreign:
        shown = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
        raise KGError(f"{out}: holds {shown}, which a build does not write; a build replaces the whole "
                      "folder, so move or delete these, or give --out a new or empty folder")


def _build(seeds: Path, curated: Path | None, out: Path, base: str | None, aliases: Path | None,
           cache: Path | None, progress, on_start, on_stage) -> BuildResult:
    from concurrent.futures import Future, ThreadPoolExecutor
    from functools import partial

    from .apart import run_apart
    from .curated import load_aliases, load_curated, with_curated_names
    from .export import relation_tuples, tuples_to_jsonl
    from .graphstore import STORE_DIR, StoreWriter, previous_store
    from .ingest import seed_files
    from .iri import DEFAULT_BASE, normalise_base
    from .paths import ontology_dir
    from .report import analytics, render_report
    from .sparql import load_store
    from .validate import ShaclResult, checks_digest, compile_shapes, revalidate, validate
    from .viz import graph_data, render_page
    from .write import atomic_output, write_text

    _check_out(out)
    base = normalise_base(base or os.environ.get("KG_BASE", DEFAULT_BASE))
    curated_data = load_curated(curated) if curated is not None else None
    alias_table = load_aliases(aliases or ontology_dir() / "aliases.yaml")
    if curated_data is not None:
        alias_table = with_curated_names(alias_table, curated_data)
    paths, unread = seed_files(seeds)
    unread = [skipped for skipped in unread if not _of_the_build(Path(skipped.path), out)]
    if on_start:
        on_start(len(paths))
    # Every file is streamed into a staging folder; `out` is replaced only
    # when all of them are written.
    placed: list[Callable] = []  # what to do once the build's files are in place
    with atomic_output(out, beside=STORE_DIR, placed=lambda: [then() for then in placed]) as staging:
        previous = previous_store(out)  # read under the build's lock
        # The persistent store (kg.graphstore) is loaded, or updated from the previous build's, in a
        # thread of this process from the moment kg.trig is written.
        with StoreWriter(staging, previous) as persistent, ThreadPoolExecutor(max_workers=1) as early:
            placed.append(persistent.settle)
            loading: list[Future] = []

            def file_written(name: str, digests) -> None:
                persistent.written(name, digests)
                # An update leaves this process's cores free while the child writes kg.jsonld: the
                # in-memory store loads meanwhile. (Beside a bulk load of the store, its memory would
                # add to the peak.)
                if name == "kg.nt" and persistent.incremental:
                    loading.append(early.submit(load_store, staging / "kg.nt"))

            # The graph's files are written by a child process: when it ends, the memory that
            # extraction, resolution, assembly and the writers took goes back to the system at once
            # (in this process, freed but scattered, most of it stayed), before the stages below need theirs.
            written = run_apart(partial(_write_graph, paths, unread, cache, curated_data, curated, alias_table, base,
                                        staging, previous.graphs if previous else None,
                                        previous.kept if previous else None),
                                {"progress": progress, "stage": on_stage, "written": lambda w: file_written(*w),
                                 "changes": persistent.changes})
            gc.disable()  # see _restoring_gc
            seconds = dict(written.seconds)
            run = _timed(seconds, on_stage)
            store = run("load", lambda: loading[0].result() if loading else load_store(staging / "kg.nt"))
            triples = len(store)
            checks = compile_shapes()
            checked_with = checks_digest(checks)

            def validate_changes():
                changed = persistent.changed(checked_with)  # waits for an update of the store
                if changed is None:
                    return validate(store, checks)
                return revalidate(store, [ShaclResult(**r) for r in changed.results], changed.subjects)

            shacl = run("validate", validate_changes)
            relations = run("export", lambda: relation_tuples(store))
            write_text(staging / "relations.jsonl", tuples_to_jsonl(relations))
            drawn = run("graph data", lambda: graph_data(store, "zh"))  # drawn in the page and measured in the report
            write_text(staging / "graph.html", run("viz", lambda: render_page(drawn, "zh")))
            write_text(staging / "report.md", run("report", lambda: render_report(
                store, written.statements, written.low_confidence, written.per_doc, written.skipped,
                written.warnings, shacl, written.conflicts, written.notes, relations, analytics(drawn))))
            run("store", lambda: persistent.finish(written.files, checked_with, [r.model_dump() for r in shacl.results]))
    return BuildResult(
        out=str(out), documents=written.documents, from_cache=written.from_cache, skipped=written.skipped,
        warnings=written.warnings, statements=written.statements, triples=triples,
        relations=len(relations), conflicts=len(written.conflicts), conforms=shacl.conforms,
        relation_counts=dict(sorted(Counter(r["rel"] for r in relations).items())),
        store=persistent.summary, seconds=seconds,
    )
