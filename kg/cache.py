"""The extraction cache: what a document yielded, keyed by its bytes and name
and by a fingerprint of everything extraction depends on (the code of
ingest, charset, webpage, segment and extract, the models, the role
vocabulary, the version of the segmenter whose dictionary names are read
with, the version of trafilatura, which reads web pages). Changing an
article re-extracts that article; changing a lexicon or an extractor
re-extracts everything. Entries are written atomically, so an interrupted
build never leaves a half-written one."""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from .paths import ontology_dir

__all__ = ["ExtractionCache", "fingerprint"]

_PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def fingerprint() -> str:
    digest = hashlib.sha256()
    sources = [_PACKAGE / f"{name}.py" for name in ("ingest", "charset", "webpage", "segment", "models")]
    sources += [*sorted((_PACKAGE / "extract").glob("*.py")), ontology_dir() / "roles.ttl"]
    for source in sources:
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    # The segmenter's dictionary ships with its package: another version may end names elsewhere.
    digest.update(f"jieba {version('jieba')}".encode())
    digest.update(f"trafilatura {version('trafilatura')}".encode())
    return digest.hexdigest()[:20]


@dataclass(frozen=True)
class ExtractionCache:
    """A folder of entries for one fingerprint; older fingerprints are removed."""

    folder: Path

    @classmethod
    def open(cls, root: Path) -> "ExtractionCache":
        root.mkdir(parents=True, exist_ok=True)
        current = fingerprint()
        for stale in root.iterdir():
            if stale.is_dir() and stale.name != current:
                shutil.rmtree(stale, ignore_errors=True)
        folder = root / current
        folder.mkdir(exist_ok=True)
        return cls(folder)

    def _entry(self, path: Path, data: bytes) -> Path:
        key = hashlib.sha256(path.name.encode() + b"\0" + data).hexdigest()
        return self.folder / f"{key}.pickle"

    def get(self, path: Path, data: bytes):
        entry = self._entry(path, data)
        try:
            with open(entry, "rb") as handle:
                return pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
            return None

    def put(self, path: Path, data: bytes, result) -> None:
        entry = self._entry(path, data)
        handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".part")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(result, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, entry)
