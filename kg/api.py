"""Library entry points that combine stages (what the CLI commands call)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from .evaluate import Evaluation, evaluate, read_tuples

__all__ = ["evaluate_folder"]


def evaluate_folder(gold: Path, docs: Path = Path("seeds")) -> Evaluation:
    """Build from `docs` with extraction only (no curated facts) and score the
    relations the graph yields against `gold`."""
    from .pipeline import build

    gold_rows = read_tuples(gold)
    with tempfile.TemporaryDirectory(prefix="kg-eval-") as tmp:
        out = Path(tmp) / "out"
        build(seeds=docs, curated=None, out=out)
        predicted = read_tuples(out / "relations.jsonl")
    return evaluate(predicted, gold_rows)
