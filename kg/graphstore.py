"""The persistent store: the built graph on disk, opened read-only without reloading it.

`kg build` loads it into ``.store/`` of the staging folder that replaces
``out/``, and right after that replacement, under the build's lock, moves it
beside ``out/`` as ``.out.store/`` (git-ignored), so that ``out/`` holds
exactly the files a build writes. It holds the named graphs of ``kg.trig``
and, as the default graph, their union with each triple once (the triples
of ``kg.nt``).

``graph-files.json`` in the store records the size, modification time and
SHA-256 of the RDF files the store was loaded from. A reader uses the store
for one of those files only while the file still has that content; for any
other file (no store beside it, a file changed since the build, or a build
caught between replacing ``out/`` and placing its store) it loads the file
into memory, as before the store existed, and says why in one line, so an
answer never comes from stale data.

A build that changes a few articles puts its updated store in place before
it writes its files (see `StoreWriter`): until it has, the manifest names
the previous build's files as those the store is newer than, and a reader
of one of them answers from the store, saying so.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, NamedTuple

if TYPE_CHECKING:
    from .assemble import Changes
    from .write import GraphDigests

__all__ = ["GRAPH_FILES", "KEPT", "STORE_DIR", "Changed", "Copied", "PreviousStore", "StoreWriter", "copy_store", "fingerprint_file",
           "link_store", "open_graph", "previous_store", "store_copy_folder", "store_folder", "worth_updating"]

STORE_DIR = ".store"  # in the staging folder while a build loads it


def store_folder(out: Path) -> Path:
    """Where the store of a built `out` folder stays: beside it, ``.out.store``, from the resolved path
    as the build places it (`kg.nt` named from inside `out`, or `out` reached through a link)."""
    out = Path(out).resolve()
    return out.parent / f".{out.name}{STORE_DIR}"
_MANIFEST = "graph-files.json"
_SUBCLASS_OF = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_STATED_IN = "https://w3id.org/wuzhen-kg/ontology#statedIn"
_CONFLICT = "https://w3id.org/wuzhen-kg/ontology#Conflict"
_DB = "db"
# The files of out/ whose graph the store holds (the union of kg.trig's graphs is the others' graph).
GRAPH_FILES = ("kg.trig", "kg.ttl", "kg.nt", "kg.jsonld")


def fingerprint_file(path: Path, sha256: str | None = None) -> dict:
    """What identifies a file's content: size, modification time and SHA-256 (computed when not given)."""
    stat = path.stat()
    if sha256 is None:
        sha256 = _sha256(path)
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": sha256}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _current(path: Path, recorded: dict) -> bool:
    """Whether `path` still has the content `recorded`: same size and time, or (a copy, a checkout) same SHA-256."""
    try:
        stat = path.stat()
    except OSError:
        return False
    if stat.st_size != recorded["size"]:
        return False
    return stat.st_mtime_ns == recorded["mtime_ns"] or _sha256(path) == recorded["sha256"]


_STATE = "build-state.json"
# In the manifest of a store put in place before its build wrote its files: the files of the build
# before, which that store is newer than (`copy_store` answers them from it, saying so).
_AHEAD_OF = "ahead_of"
KEPT = "kept"  # the folder of what the pipeline keeps for the next build (kg.pipeline._Kept)


class PreviousStore(NamedTuple):
    """The store the build before left beside ``out/``: the base an incremental build updates."""

    out: Path  # the folder of the build's files
    db: Path
    graphs: dict[str, str]  # named graph (N-Triples IRI) -> digest of its TriG text (kg.write.GraphDigests)
    shacl: dict  # {"checks": digest of the validation's checks (kg.validate.checks_digest), "results": [...]}
    kept: Path  # the pipeline's folder for the next build (it may be missing)


def previous_store(out: Path) -> PreviousStore | None:
    """The store beside `out` with what it holds, or None (none yet, or one written before stores
    recorded their graphs). Read under the build's lock, so no other build replaces it meanwhile."""
    folder = store_folder(out)
    try:
        if not (folder / _MANIFEST).exists():  # written last: without it the store is not complete
            return None
        state = json.loads((folder / _STATE).read_text(encoding="utf-8"))
        return PreviousStore(out, folder / _DB, state["graphs"], state["shacl"], folder / KEPT)
    except (OSError, ValueError, KeyError):
        return None


class Changed(NamedTuple):
    """What an update changed, for validating only that (`kg.validate.revalidate`)."""

    subjects: dict[str, set[str]]  # each subject whose triples in the union changed -> their predicates
    results: list[dict]  # the previous build's validation results


# Above this share of the graph in changed graphs, loading the whole graph again is faster than updating.
_MOST = 0.5


def worth_updating(digests: "GraphDigests") -> bool:
    """Whether the previous build's store is updated graph by graph rather than the graph loaded whole."""
    return digests.previous is not None and digests.changed_triples <= _MOST * digests.triples


class StoreWriter:
    """Writes the store of a build in a thread (pyoxigraph releases the GIL),
    at the lowest priority, beside the build's child process that writes the
    graph files and then beside this process loading its in-memory store,
    validating and reporting.

    Three ways, from the fastest:
      - `changes(...)`: the child assembled what it changes in the previous
        build's graph (`kg.assemble.assemble_changes`) before assembling the
        whole graph. A copy of the previous store (tables hard-linked, see
        `link_store`) gets those graphs and subjects replaced, and is put in
        place beside ``out/`` at once, its manifest naming the previous
        build's files as the ones it is newer than: a query answers from it
        while the build still writes its files (see `copy_store`).
      - `written("kg.trig", digests)` with digests of a previous build: a
        copy of the previous store gets each graph whose TriG text changed
        replaced, and the default graph loses a triple only when no named
        graph states it any more.
      - otherwise, or when the previous store cannot be updated (damaged,
        missing tables): ``kg.trig`` (the named graphs) and then, once it is
        written, ``kg.nt`` (their union, as the default graph) are
        bulk-loaded into ``folder/.store``.
    After an update, `changed()` names the subjects whose triples in the
    union changed, for validating only those (validation waits for it).

    `writer.finish(...)` waits for it and writes the build state and then
    the manifest, last, so that a store without one is never used. Leaving
    the block waits for the thread however the build ends, so a failed
    build's folder is not removed under it."""

    def __init__(self, folder: Path, previous: PreviousStore | None = None) -> None:
        self.folder = folder
        self.digests: "GraphDigests | None" = None  # given with kg.trig
        self.previous = previous
        self.incremental = False
        self.ahead = False  # the store is in place before the graph files (see `changes`)
        self._updates: "Changes | None" = None
        self._changed: dict[str, set[str]] | None = None
        self._hierarchy_changed = False
        self.summary = "loaded"
        self._thread = threading.Thread(target=self._write, name="kg-store", daemon=True)
        self._trig_written = threading.Event()
        self._union_written = threading.Event()
        self._abandoned = False
        self._placing = threading.Lock()  # the store is put in place, or the build given up, not both
        self._error: BaseException | None = None

    def __enter__(self) -> "StoreWriter":
        return self

    def __exit__(self, *exc_info) -> None:
        with self._placing:
            self._abandoned = exc_info[0] is not None
        self._trig_written.set()  # a build that failed before writing its files: the thread stops
        self._union_written.set()
        if self._thread.ident is not None:
            self._thread.join()

    def changes(self, changes: "Changes") -> None:
        """What the build changes in the previous build's graph, before it writes its files."""
        self._updates = changes
        self.incremental = True
        self._thread.start()

    def written(self, name: str, digests: "GraphDigests | None" = None) -> None:
        """The build has written graph file `name` into the folder; `digests` come with kg.trig."""
        if name == "kg.trig":
            self.digests = digests
            self._trig_written.set()
            if self._thread.ident is not None:  # updated from `changes`
                return
            self.incremental = self.previous is not None and worth_updating(digests)
            if not self.incremental:
                self.digests.changed.clear()  # not needed: let the sets go
            # A bulk load in Rust, or an update comparing sets in Python, beside the build's child
            # process, which writes the other files.
            self._thread.start()
        elif name == "kg.nt":
            self._union_written.set()

    def _write(self) -> None:
        db = self.folder / STORE_DIR / _DB
        _yield_to_the_build()
        try:
            (self.folder / STORE_DIR).mkdir()
            if self.incremental:
                try:
                    if self._updates is not None:
                        self._apply(db)
                        self._put_in_place()
                    else:
                        self._update(db)
                    return
                except Exception as exc:  # noqa: BLE001 - a damaged previous store: load the graph whole
                    shutil.rmtree(db, ignore_errors=True)
                    self._changed, self._updates = None, None
                    reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                    self.summary = f"loaded (the previous store could not be updated: {reason})"
            self._load(db)
        except BaseException as exc:  # noqa: BLE001 - raised in the build's thread by finish()
            self._error = exc

    def _load(self, db: Path) -> None:
        import pyoxigraph

        self._trig_written.wait()
        if self._abandoned:
            return
        store = pyoxigraph.Store(str(db))
        store.bulk_load(path=str(self.folder / "kg.trig"), format=pyoxigraph.RdfFormat.TRIG)
        self._union_written.wait()
        if self._abandoned:
            return
        store.bulk_load(path=str(self.folder / "kg.nt"), format=pyoxigraph.RdfFormat.N_TRIPLES,
                        to_graph=pyoxigraph.DefaultGraph())
        store.optimize()  # one sorted file per index: listings read 30% faster
        del store  # closed before the folder is renamed into place

    def _update(self, db: Path) -> None:
        from pyoxigraph import Store

        link_store(self.previous.db, db)
        store = Store(str(db))
        gained, lost = set(), set()
        for name, triples in sorted(self.digests.changed.items()):
            _replace_triples(store, name, None, triples, gained, lost)
        _settle_union(store, gained, lost)
        del store  # closed before the folder is renamed into place
        self._record(gained, lost)
        graphs = self.digests.changed
        counts = [(sum(1 for g in graphs if g not in self.previous.graphs), "added"),
                  (sum(1 for g in graphs if g not in self.digests.current), "removed"),
                  (sum(1 for g in graphs if g in self.previous.graphs and g in self.digests.current), "changed")]
        self.summary = (f"updated: {len(self.digests.current)} graphs, "
                        + ", ".join(f"{n} {what}" for n, what in counts if n) + ("" if graphs else "none changed")
                        + f"; {len(gained)} triples added to the union, {len(lost)} removed")

    def _apply(self, db: Path) -> None:
        """The previous store with the graphs and subjects of `changes` replaced."""
        from pyoxigraph import NamedNode, Store

        link_store(self.previous.db, db)
        store = Store(str(db))
        changes, self._updates = self._updates, None
        subjects = dict(changes.subjects)
        for predicate, value in ((_STATED_IN, None), (_TYPE, NamedNode(_CONFLICT))):  # what may be gone
            for quad in store.quads_for_pattern(None, NamedNode(predicate), value, NamedNode(changes.entities[1:-1])):
                subjects.setdefault(str(quad.subject), set())
        gained, lost = set(), set()
        graphs = sum(_replace_triples(store, name, None, triples, gained, lost)
                     for name, triples in sorted(changes.graphs.items()))
        changed = sum(_replace_triples(store, changes.entities, subject, triples, gained, lost)
                      for subject, triples in sorted(subjects.items()))
        _settle_union(store, gained, lost)
        del store  # closed before the folder is put in place
        self._record(gained, lost)
        self.summary = ("updated before the files were written: "
                        + (f"{graphs} graphs and {changed} entity-layer subjects changed" if graphs or changed
                           else "none changed")
                        + f" (of {len(changes.graphs)} and {len(subjects)} assembled again); "
                        f"{len(gained)} triples added to the union, {len(lost)} removed")

    def _record(self, gained: set, lost: set) -> None:
        changes: dict[str, set[str]] = {}
        for triple in lost | gained:
            changes.setdefault(triple.subject.value, set()).add(triple.predicate.value)
        self._changed = changes
        self._hierarchy_changed = any(t.predicate.value == _SUBCLASS_OF for t in lost | gained)

    def _put_in_place(self) -> None:
        """The updated store beside ``out/`` in place of the previous one, before this build writes
        its files: its manifest names none of them yet, and the files ``out/`` holds now (as the
        previous store recorded them) as those it is newer than. Its build state says nothing a
        later build could update from, in case this one stops before `finish`. Not if the build
        has failed or been interrupted meanwhile."""
        from .write import replace_folder

        folder = self.folder / STORE_DIR
        if (self.folder / KEPT).exists():
            os.replace(self.folder / KEPT, folder / KEPT)
        manifest = json.loads((self.previous.db.parent / _MANIFEST).read_text(encoding="utf-8"))
        self._ahead_of = {}
        for name in GRAPH_FILES:  # a previous build's own files, or those its store was newer than
            found = [f[name] for f in (manifest["files"], manifest.get(_AHEAD_OF, {})) if name in f]
            current = [recorded for recorded in found if _current(self.previous.out / name, recorded)]
            if current:
                self._ahead_of[name] = current[0]
        _write_json(folder / _STATE, {"graphs": {}, "shacl": {}})
        _write_json(folder / _MANIFEST, {"files": {}, _AHEAD_OF: self._ahead_of})
        with self._placing:
            if self._abandoned:
                return
            replace_folder(folder, self.previous.db.parent)
            self.ahead = True

    def changed(self, checks: str) -> Changed | None:
        """After an update: what changed, when validating only that gives the results of validating
        everything (the same checks, the same class hierarchy); else None (at once after a whole load)."""
        if not self.incremental:
            return None
        self._thread.join()
        if self._error is not None:
            raise self._error
        if self._changed is None or self._hierarchy_changed or self.previous.shacl.get("checks") != checks:
            return None
        return Changed(self._changed, self.previous.shacl["results"])

    def finish(self, files: dict[str, str], checks: str, results: list[dict]) -> None:
        """Wait for the store; then record what the next build updates from (the graphs' digests,
        the validation's results and the digest of its checks, and the pipeline's `KEPT` folder)
        and, last, the graph files' fingerprints (`files`: name -> SHA-256), which make the store
        usable (a store already in place keeps the previous build's files as those it is newer
        than until the build puts its own in place)."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        folder = self.previous.db.parent if self.ahead else self.folder / STORE_DIR
        if (self.folder / KEPT).exists():
            os.replace(self.folder / KEPT, folder / KEPT)
        manifest = {"files": {name: fingerprint_file(self.folder / name, files[name]) for name in GRAPH_FILES}}
        if self.ahead:
            manifest[_AHEAD_OF] = self._ahead_of
        _write_json(folder / _STATE, {"graphs": self.digests.current, "shacl": {"checks": checks, "results": results}})
        _write_json(folder / _MANIFEST, manifest)
        self._manifest = manifest

    def settle(self) -> None:
        """Once the build's files have taken the place of ``out/`` (under the build's lock): a store
        put in place before them no longer answers for the files it was newer than. (Where that
        cannot be written, it still does, with its notice, until the next build.)"""
        if self.ahead:
            del self._manifest[_AHEAD_OF]
            with contextlib.suppress(OSError):
                _write_json(self.previous.db.parent / _MANIFEST, self._manifest)


def _write_json(path: Path, content) -> None:
    """`content` as JSON into `path`, which changes in one step (a reader may be reading it)."""
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(content, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(partial, path)


def _replace_triples(store, name: str, subject: str | None, triples: set[tuple], gained: set, lost: set) -> bool:
    """The triples of graph `name` (of `subject` alone, if given; both N-Triples IRIs) replaced by
    `triples`, compared as N-Triples text, so that only the differences become terms (the engine
    writes a term as kg.write does); what was removed and added goes into `lost` and `gained`.
    Whether anything changed."""
    from pyoxigraph import NamedNode, Quad, RdfFormat, parse

    graph = NamedNode(name[1:-1])
    if subject is None:
        before = set(store.dump(format=RdfFormat.N_TRIPLES, from_graph=graph).decode("utf-8").splitlines())
    else:
        before = {f"{q.subject} {q.predicate} {q.object} ."
                  for q in store.quads_for_pattern(NamedNode(subject[1:-1]), None, None, graph)}
    after = {f"{s} {p} {o} ." for s, p, o in triples}
    # Removed first: a triple written otherwise by the engine and the writers goes and comes back.
    gone = [quad.triple for quad in parse("\n".join(sorted(before - after)), RdfFormat.N_TRIPLES)]
    for triple in gone:
        store.remove(Quad(triple.subject, triple.predicate, triple.object, graph))
    came = [quad.triple for quad in parse("\n".join(sorted(after - before)), RdfFormat.N_TRIPLES)]
    store.extend(Quad(t.subject, t.predicate, t.object, graph) for t in came)
    lost.update(gone)
    gained.update(came)
    return bool(gone or came)


def _settle_union(store, gained: set, lost: set) -> None:
    """The default graph (the union) after named graphs lost and gained these triples: it loses a
    triple only when no named graph states it any more. `gained` and `lost` become what it gained
    and lost. The store is flushed: no log for readers to copy and replay."""
    from pyoxigraph import DefaultGraph, Quad

    default = DefaultGraph()
    lost.intersection_update({t for t in lost if not any(
        q.graph_name != default for q in store.quads_for_pattern(t.subject, t.predicate, t.object))})
    gained.intersection_update({t for t in gained if Quad(t.subject, t.predicate, t.object, default) not in store})
    for triple in lost:
        store.remove(Quad(triple.subject, triple.predicate, triple.object, default))
    store.extend(Quad(t.subject, t.predicate, t.object, default) for t in gained)
    store.flush()


def _yield_to_the_build() -> None:
    """Lowest CPU priority for the calling thread and the threads it starts (Linux: a thread's nice
    value is its own and passes to the threads it creates). The store's loader runs on every core;
    at equal priority it took half of the build's own thread, whose stages are the build's critical path."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
    except (AttributeError, OSError):  # elsewhere the thread keeps its priority
        pass


@contextlib.contextmanager
def _pinned(folder: Path) -> Iterator[Path]:
    """`folder` as the directory it is now: paths under the result stay in that directory even if
    a build swaps another into its place meanwhile (Linux /proc; elsewhere `folder` itself)."""
    try:
        handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        yield folder
        return
    try:
        pinned = Path(f"/proc/self/fd/{handle}")
        yield pinned if pinned.is_dir() else folder
    finally:
        os.close(handle)


def link_store(source: Path, target: Path) -> None:
    """`target` (a folder, made if missing) holding the store in `source`: its table files (``*.sst``,
    never rewritten, only replaced) by hard link, its small bookkeeping files copied. RocksDB opens
    table files when it first needs them, so a store read in place would fail once a build had
    replaced and removed its folder; the copy keeps the graph it was made from however long it is read.
    The write-ahead logs (``*.log``) must be copies: RocksDB reuses old ones in place, which through a
    link would overwrite the source's. Its informational logs (``LOG``, ``LOG.old.*``) are left out."""
    target.mkdir(exist_ok=True)
    for entry in os.scandir(source):
        if entry.name == "LOG" or entry.name.startswith("LOG.old"):
            continue
        if entry.name.endswith(".sst"):
            try:
                os.link(entry.path, target / entry.name)
                continue
            except OSError:  # another file system
                pass
        shutil.copy2(entry.path, target / entry.name)


class Copied(NamedTuple):
    """What `copy_store` did: whether it copied the store, and what a reader should be told."""

    used: bool
    notice: str | None


def copy_store(data: Path, target: Path) -> Copied:
    """Put the built store of `data` into `target` (see `link_store`) when it holds `data`'s current
    graph, or the graph of a build that put its store in place before its files (`StoreWriter`) and
    had not written them when `data` was read; else say why not. The manifest and the store are read
    in one directory (see `_pinned`), the one the store folder was when this started; the manifest
    must match `data` as it is."""
    shown = store_folder(data.parent)
    with _pinned(shown) as folder:
        if not (folder / _MANIFEST).exists():
            return Copied(False, f"{data}: no store beside it (`kg build` writes one to {shown})")
        try:
            manifest = json.loads((folder / _MANIFEST).read_text(encoding="utf-8"))
            recorded, before = manifest["files"].get(data.name), manifest.get(_AHEAD_OF, {}).get(data.name)
            notice = None
            if recorded is None or not _current(data, recorded):
                if before is None or not _current(data, before):
                    return Copied(False, f"{data}: changed since its store was built; run `kg build` to bring "
                                         "the store up to date")
                notice = (f"{data}: answered from the store of a newer build, which has not written its files "
                          f"into {data.parent}/ (it is writing them, or it stopped first)")
            link_store(folder / _DB, target)
        except (OSError, ValueError, KeyError, AttributeError):
            shutil.rmtree(target, ignore_errors=True)  # no part of a store stays behind
            target.mkdir()
            return Copied(False, f"{data}: its store {shown} cannot be read; run `kg build` to write it again")
    return Copied(True, notice)


_COPIES: list[Path] = []  # this process's copies of stores, removed when it exits


def _remove_copies() -> None:
    for folder in _COPIES:
        shutil.rmtree(folder, ignore_errors=True)


def store_copy_folder() -> Path:
    """A new temporary folder for a copy of a store, named after this process. Copies left by
    processes that no longer run (killed before they could remove them) are removed first: their
    hard links would keep a replaced store's disk space."""
    folder = Path(tempfile.gettempdir())
    for left in folder.glob("kg-store-*-*"):
        pid = left.name.split("-")[2]
        if pid.isdigit() and int(pid) != os.getpid() and not Path(f"/proc/{pid}").exists():
            shutil.rmtree(left, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f"kg-store-{os.getpid()}-"))


def _store_for(data: Path):
    """The read-only store holding `data`'s graph (a private copy, see `link_store`) and what to tell
    the reader, or (None, why not)."""
    import pyoxigraph

    if not _COPIES:
        atexit.register(_remove_copies)
    copy = store_copy_folder()
    _COPIES.append(copy)
    copied = copy_store(data, copy)
    if not copied.used:
        return None, copied.notice
    try:
        return pyoxigraph.Store.read_only(str(copy)), copied.notice
    except (OSError, RuntimeError):
        return None, f"{data}: its store {store_folder(data.parent)} cannot be read; run `kg build` to write it again"


def open_graph(data: Path):
    """A store holding the graph of `data`, and a notice (None when it is the built store of `data`).

    The built store when `data` is a graph file of a build that still has
    its content (or of the build before one whose store is in place before
    its files, said in the notice); otherwise `data` loaded into memory,
    with a one-line notice saying why (the answer is then current, only
    slower at scale)."""
    from .sparql import load_store

    store, notice = _store_for(data) if data.name in GRAPH_FILES else (None, None)
    if store is not None:
        return store, notice
    memory = load_store(data)
    return memory, (f"{notice}; loaded the file into memory instead" if notice else None)
