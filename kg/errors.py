"""The exceptions the library raises.

    KGError                    root: every error a user can meet
    ├── InputError             a seed file cannot be read or decoded
    ├── CuratedDataError       a curated file is malformed (path:line: what)
    ├── StageError             a pipeline stage failed on one document
    ├── SparqlError            a query is malformed or not allowed
    ├── ShapesError            a SHACL shape uses a feature the validator lacks
    └── EvaluationError        a gold file is malformed

Each message names the file, line or field involved and what to do.
"""

from __future__ import annotations

__all__ = [
    "KGError",
    "InputError",
    "CuratedDataError",
    "StageError",
    "SparqlError",
    "ShapesError",
    "EvaluationError",
]


class KGError(Exception):
    """Root of every error the library raises on purpose."""

    def __reduce__(self):
        # Pickled whole (a build's first stages run in a child process that sends its error back);
        # the subclasses' own constructors take other arguments than the message they keep.
        return _restored, (type(self), self.args, self.__dict__)


def _restored(cls: type, args: tuple, state: dict) -> KGError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class InputError(KGError):
    """A source document could not be read or decoded."""

    def __init__(self, path: str, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class CuratedDataError(KGError):
    """A curated-facts file is malformed; the build writes nothing."""

    def __init__(self, path: str, line: int | None, reason: str):
        self.path = path
        self.line = line
        self.reason = reason
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {reason}")


class StageError(KGError):
    """A pipeline stage failed; names the stage and the document."""

    def __init__(self, stage: str, doc_id: str | None, reason: str):
        self.stage = stage
        self.doc_id = doc_id
        where = f" on {doc_id}" if doc_id else ""
        super().__init__(f"stage '{stage}' failed{where}: {reason}")


class ShapesError(KGError):
    """A shapes file uses a SHACL feature that kg.validate does not implement."""

    def __init__(self, path: str, shape: str, reason: str):
        self.path = path
        self.shape = shape
        super().__init__(f"{path}: {shape} {reason}")


class SparqlError(KGError):
    """A SPARQL query is malformed, not allowed, or names an unknown query."""


class EvaluationError(KGError):
    """A gold or prediction file is malformed."""
