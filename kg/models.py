"""Typed records that flow between the pipeline stages.

A `Document` carries its normalised text; every later record points back
into it with character offsets (`start` inclusive, `end` exclusive), the way
spaCy spans do. Statements are what extraction and curation produce; the
resolver turns their names into entities and the assembler into RDF.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator

Language = Literal["zh", "en"]
CURATED_DOC = "curated"


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PageMetadata(Frozen):
    """What a saved web page says about itself (None where it says nothing)."""

    title: str | None = None
    published: dt.date | None = Field(None, description="publication date, the article's date where its text has no dateline")
    site: str | None = None


class DocumentInfo(Frozen):
    """What later stages keep of a document once it is extracted."""

    id: str
    path: str
    encoding: str
    sha256: str
    language: Language
    page: PageMetadata | None = None
    warning: str | None = Field(None, description="doubt about the decoding, for the report's warnings")


class Document(Frozen):
    """One source article after decoding and normalisation."""

    id: str = Field(description="file name, unique within the seed folder")
    encoding: str
    sha256: str
    language: Language
    text: str = Field(description="normalised text in the original script")
    match_text: str = Field(description="`text` in simplified script, same length")
    raw_offsets: bytes = Field(
        description="uint32 array: entry i is the offset in the decoded file (for a web page: in the text "
        "extracted from it) of text[i]; one extra entry maps the end of the text (compact, so large corpora "
        "stay small)",
        repr=False,
    )
    page: PageMetadata | None = Field(None, description="a web page's own metadata; None for a text file")
    warning: str | None = Field(None, description="doubt about the decoding, for the report's warnings")

    @model_validator(mode="after")
    def _aligned(self) -> "Document":
        if len(self.match_text) != len(self.text):
            raise ValueError("match_text and text differ in length")
        if len(self.raw_offsets) != 4 * (len(self.text) + 1):
            raise ValueError("raw_offsets must have len(text) + 1 entries")
        return self

    def info(self, path: str) -> DocumentInfo:
        return DocumentInfo(id=self.id, path=path, encoding=self.encoding, sha256=self.sha256, language=self.language,
                            page=self.page, warning=self.warning)

    def raw_offset(self, index: int) -> int:
        return int.from_bytes(self.raw_offsets[4 * index : 4 * index + 4], "little")

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a non-empty span of the normalised text back to the decoded file."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span {start}..{end} is outside {self.id} (length {len(self.text)})")
        return self.raw_offset(start), self.raw_offset(end - 1) + 1


class Sentence(Frozen):
    doc_id: str
    start: int
    end: int
    paragraph: int = Field(description="index of the paragraph holding the sentence")


class Evidence(Frozen):
    """Where a statement comes from: a span of a document, or a curator's note."""

    doc_id: str
    start: int | None = None
    end: int | None = None
    quote: str | None = None
    note: str | None = None
    extractor: str
    confidence: float = Field(ge=0.0, le=1.0)

    @model_validator(mode="after")
    def _span_or_note(self) -> "Evidence":
        has_span = self.start is not None and self.end is not None and self.quote is not None
        if not has_span and not self.note:
            raise ValueError("evidence needs a span with its quote, or a note")
        if has_span and not 0 <= self.start < self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")
        return self


class _Statement(Frozen):
    lang: Language
    evidence: Evidence


class HoldsRole(_Statement):
    rel: Literal["holds_role"] = "holds_role"
    person: str
    role: str
    org: str


class SpeaksAt(_Statement):
    rel: Literal["speaks_at"] = "speaks_at"
    person: str
    event: str
    summit: int


class SummitTheme(_Statement):
    rel: Literal["summit_theme"] = "summit_theme"
    summit: int
    theme: str


class SummitHeld(_Statement):
    rel: Literal["summit_held"] = "summit_held"
    summit: int
    start: dt.date | None = None
    end: dt.date | None = None
    place: str | None = None


class SummitOpened(_Statement):
    """A dated opening (ceremony) of a summit, kept apart from its span."""

    rel: Literal["summit_opened"] = "summit_opened"
    summit: int
    date: dt.date
    place: str | None = None


class AwardProject(_Statement):
    rel: Literal["award_project"] = "award_project"
    award: str
    year: int | None
    project: str
    org: str | None = None


class Publishes(_Statement):
    rel: Literal["publishes"] = "publishes"
    work: str
    publisher: str | None = None
    year: int | None = None


Statement = Annotated[
    Union[HoldsRole, SpeaksAt, SummitTheme, SummitHeld, SummitOpened, AwardProject, Publishes],
    Field(discriminator="rel"),
]


class SkippedFile(Frozen):
    path: str
    reason: str
