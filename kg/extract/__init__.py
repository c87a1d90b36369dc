"""Extraction: one module per relation family, each a function
``extract(ctx) -> list[Statement]`` over a document's sentences."""

from __future__ import annotations

from ..models import Document, Evidence, Sentence, Statement
from .context import DocContext

__all__ = ["extract_document", "evidence_for"]


def evidence_for(ctx: DocContext, sentence: Sentence, extractor: str, confidence: float) -> Evidence:
    return Evidence(
        doc_id=ctx.doc.id,
        start=sentence.start,
        end=sentence.end,
        quote=ctx.doc.text[sentence.start : sentence.end],
        extractor=extractor,
        confidence=round(confidence, 2),
    )


def _families():
    from . import award_project, holds_role, publishes, speaks_at, summit_held, summit_theme

    return (holds_role, speaks_at, summit_theme, summit_held, award_project, publishes)


def extract_document(doc: Document, sentences: list[Sentence]) -> list[Statement]:
    """Every statement the extractors find in one document, deduplicated."""
    ctx = DocContext(doc, sentences)
    seen: dict[tuple, Statement] = {}
    for family in _families():
        for statement in family.extract(ctx):
            key = statement.model_dump(exclude={"evidence"}).__repr__()
            if key not in seen or statement.evidence.confidence > seen[key].evidence.confidence:
                seen[key] = statement
    return list(seen.values())
