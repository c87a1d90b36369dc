"""`build()`: seeds and curated facts in, ``out/`` written atomically."""

from __future__ import annotations

import contextlib
import gc
import os
from dataclasses import dataclass
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

    documents: list[DocumentInfo]
    skipped: list[SkippedFile]
    statements: list[Statement]
    from_cache: int


def extract_all(paths: list[Path], progress: Callable[[str], None] | None = None,
                cache: "ExtractionCache | None" = None) -> Extracted:
    """Ingest, segment and extract every file (from the cache when it has the
    file), in parallel over cores when many are not in it; unreadable files
    are skipped. Results keep file order; `progress` is called once per file,
    first for those the cache has."""
    from functools import partial

    documents, skipped, statements = [], [], []
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
            if isinstance(item, SkippedFile):
                skipped.append(item)
            else:
                documents.append(item)
                statements += found
    finally:
        if executor is not None:
            executor.shutdown(cancel_futures=True)
    return Extracted(documents=documents, skipped=skipped, statements=statements, from_cache=len(cached))


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
    notes: list[str]  # the curated data's, then assembly's
    conflicts: list  # kg.assemble.Conflict
    files: dict[str, str]  # graph file -> SHA-256
    seconds: dict[str, float]


def _write_graph(paths: list[Path], unread: list[SkippedFile], cache: Path | None, curated_data, curated: Path | None,
                 alias_table, base: str, staging: Path, previous_graphs: dict[str, str] | None,
                 emit: Callable[[str, object], None]) -> _Written:
    """Extract, resolve and assemble the graph and write its four files into `staging`."""
    from .assemble import assemble
    from .cache import ExtractionCache
    from .curated import curated_statements
    from .paths import ontology_dir
    from .report import low_confidence_statements
    from .resolve import resolve
    from .graphstore import worth_updating
    from .write import GraphDigests, serialise, write_text

    seconds: dict[str, float] = {}
    run = _timed(seconds, lambda name: emit("stage", name))
    extracted = run("extract", lambda: extract_all(paths, lambda name: emit("progress", name),
                                                   ExtractionCache.open(cache) if cache is not None else None))
    documents, statements = extracted.documents, extracted.statements
    skipped = sorted(unread + extracted.skipped, key=lambda s: s.path)
    gc.disable()  # see _restoring_gc
    per_doc = Counter(s.evidence.doc_id for s in statements)
    for doc in documents:
        per_doc.setdefault(doc.id, 0)
    curated_notes: list[str] = []
    if curated_data is not None:
        found, curated_notes = curated_statements(curated_data, {d.id: Path(d.path) for d in documents}, str(curated))
        statements += found
    resolution = run("resolve", lambda: resolve(statements, alias_table))
    # The report needs only these of the statements; the claims keep their evidence.
    statement_count, low_confidence = len(statements), low_confidence_statements(statements)
    extracted.statements = statements = []
    assembled = run("assemble", lambda: assemble(resolution, documents, base, ontology_dir() / "roles.ttl",
                                                 curated_data))
    del resolution  # the named graphs carry everything later stages need
    graphs = GraphDigests(previous=previous_graphs)

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
    return _Written(documents=len(documents), from_cache=extracted.from_cache, skipped=skipped,
                    warnings=[f"{d.path}: {d.warning}" for d in documents if d.warning], statements=statement_count,
                    low_confidence=low_confidence, per_doc=dict(per_doc), notes=curated_notes + assembled.notes,
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

    base = normalise_base(base or os.environ.get("KG_BASE", DEFAULT_BASE))
    curated_data = load_curated(curated) if curated is not None else None
    alias_table = load_aliases(aliases or ontology_dir() / "aliases.yaml")
    if curated_data is not None:
        alias_table = with_curated_names(alias_table, curated_data)
    paths, unread = seed_files(seeds)
    if on_start:
        on_start(len(paths))
    # Every file is streamed into a staging folder; `out` is replaced only
    # when all of them are written.
    with atomic_output(out, beside=STORE_DIR) as staging:
        previous = previous_store(out)  # read under the build's lock
        # The persistent store (kg.graphstore) is loaded, or updated from the previous build's, in a
        # thread of this process from the moment kg.trig is written.
        with StoreWriter(staging, previous) as persistent, ThreadPoolExecutor(max_workers=1) as early:
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
                                        staging, previous.graphs if previous else None),
                                {"progress": progress, "stage": on_stage, "written": lambda w: file_written(*w)})
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
