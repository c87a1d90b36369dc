"""Hand-curated facts and alias tables: YAML files checked by pydantic.

Errors name the file and the line of the offending field, and the build
stops before anything is written. Checks that need more than one record
(duplicates, sources against the seed documents) run after validation, so
every record remembers where it was written.

Curated facts stand on their own: each cites its curated file and line, and
the document it quotes where that document is among those read (the quote
must then occur in it). A cited document that was not read is a note for the
report, so the curated facts build with any seeds folder.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, model_validator

from .errors import CuratedDataError
from .models import (
    CURATED_DOC,
    Evidence,
    Statement,
    SummitHeld,
    SummitTheme,
)

__all__ = ["Curated", "AliasTable", "load_curated", "load_aliases", "with_curated_names", "curated_statements"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    # (file, line, dotted field) of the YAML the record came from; set by load_curated.
    _where: tuple[str, int | None, str] | None = PrivateAttr(default=None)

    def where(self, fallback: str, field: str) -> tuple[str, int | None, str]:
        return self._where or (fallback, None, field)


class Labels(_Strict):
    zh: str | None = None
    en: str | None = None

    @model_validator(mode="after")
    def _one(self) -> "Labels":
        if not (self.zh or self.en):
            raise ValueError("give a zh or an en label")
        return self


class Source(_Strict):
    doc: str | None = Field(None, description="seed file the quote is taken from")
    quote: str | None = None
    note: str | None = Field(None, description="a curator's note when no document says it")

    @model_validator(mode="after")
    def _doc_and_quote_or_note(self) -> "Source":
        if (self.doc is None) != (self.quote is None):
            raise ValueError("doc and quote go together")
        if not self.doc and not self.note:
            raise ValueError("name a doc with a quote, or give a note")
        return self


class Theme(_Strict):
    theme: Labels
    source: Source


class Dates(_Strict):
    start: dt.date
    end: dt.date
    place: Labels | None = None
    source: Source

    @model_validator(mode="after")
    def _ordered(self) -> "Dates":
        if self.end < self.start:
            raise ValueError("end is before start")
        return self


class Summit(_Strict):
    year: int = Field(ge=2014, le=2100)
    ordinal: int = Field(ge=1)
    themes: list[Theme] = []
    dates: list[Dates] = []
    source: Source

    @model_validator(mode="after")
    def _ordinal_matches_year(self) -> "Summit":
        if self.year - self.ordinal != 2013:
            raise ValueError(f"ordinal {self.ordinal} does not fit year {self.year} (首届 = 2014)")
        return self


class Organisation(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    label: Labels
    aliases: list[str] = []
    source: Source


class Series(_Strict):
    label: Labels
    source: Source


class Curated(_Strict):
    """Uniqueness of summit years and organisation ids is checked by
    `load_curated`, which knows the line of the second one."""

    series: Series
    organisations: list[Organisation] = []
    summits: list[Summit] = []


class AliasEntry(_Strict):
    zh: str | None = None
    en: str | None = None
    aliases: list[str] = []


class AliasTable(_Strict):
    organisations: list[AliasEntry] = []
    people: list[AliasEntry] = []
    places: list[AliasEntry] = []


def _line_of(node: yaml.Node | None, loc: tuple) -> int | None:
    """Line (1-based) of the YAML node at a pydantic error location."""
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == key), None)
            if match is None:
                match = next((k for k, v in node.value if k.value == key), None)
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            break
        if node is not None:
            line = node.start_mark.line + 1
    return line


def _locate(record: _Strict, root: yaml.Node, path: Path, loc: tuple = ()) -> None:
    """Tell `record` and every record inside it the file and line it was written at."""
    record._where = (str(path), _line_of(root, loc), ".".join(map(str, loc)) or "(top level)")
    for name in type(record).model_fields:
        value = getattr(record, name)
        for index, item in enumerate(value) if isinstance(value, list) else [(None, value)]:
            if isinstance(item, _Strict):
                _locate(item, root, path, loc + ((name,) if index is None else (name, index)))


def _load_yaml(path: Path, model: type[BaseModel]) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CuratedDataError(str(path), None, f"cannot be read: {exc}")
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise CuratedDataError(str(path), mark.line + 1 if mark else None,
                               f"YAML syntax error: {getattr(exc, 'problem', exc)}")
    except ValueError as exc:  # a value YAML reads as a date but cannot construct: 2025-13-06
        raise CuratedDataError(str(path), _bad_date_line(root), f"not a date: {exc}")
    try:
        record = model.model_validate(data or {})
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(p) for p in error["loc"]) or "(top level)"
        message = error["msg"].replace("Value error, ", "")
        raise CuratedDataError(str(path), _line_of(root, error["loc"]), f"{field}: {message}")
    if root is not None:
        _locate(record, root, path)
    return record


def _bad_date_line(node) -> int | None:
    """The line of the first value, in document order, that YAML takes for a date and cannot construct."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag == "tag:yaml.org,2002:timestamp":
            try:
                yaml.constructor.SafeConstructor().construct_yaml_timestamp(node)
            except ValueError:
                return node.start_mark.line + 1
        return None
    children = node.value if isinstance(node, yaml.SequenceNode) else \
        [part for pair in node.value for part in pair] if isinstance(node, yaml.MappingNode) else []
    return next((line for line in map(_bad_date_line, children) if line is not None), None)


def curated_files(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
        if not files:
            raise CuratedDataError(str(path), None, "holds no curated data (.yaml or .yml files); "
                                   "give the folder or file of the curated facts, or --no-curated")
        return files
    if path.is_file():
        return [path]
    raise CuratedDataError(str(path), None, "no such file or directory")


def load_curated(path: Path) -> Curated:
    """Merge every curated YAML file under `path` into one validated record."""
    merged: dict[str, Any] = {"organisations": [], "summits": []}
    for file in curated_files(path):
        part = _load_yaml(file, Curated)
        if part.series and "series" not in merged:
            merged["series"] = part.series
        merged["organisations"] += part.organisations
        merged["summits"] += part.summits
    try:
        curated = Curated.model_validate(merged)
    except ValidationError as exc:
        raise CuratedDataError(str(path), None, exc.errors()[0]["msg"].replace("Value error, ", ""))
    _check_unique(curated, str(path))
    return curated


def _check_unique(curated: Curated, where: str) -> None:
    """Each summit year and organisation id once, across every file; the
    error points at the second one and says where the first is."""
    for kind, key, name in (("summit year", "year", "summits"), ("organisation id", "id", "organisations")):
        first: dict[Any, str] = {}
        for index, record in enumerate(getattr(curated, name)):
            path, line, field = record.where(where, f"{name}.{index}")
            value = getattr(record, key)
            if value in first:
                raise CuratedDataError(path, line,
                                       f"{field}.{key}: duplicate {kind}: {value} (first at {first[value]})")
            first[value] = f"{path}:{line}" if line else field


def load_aliases(path: Path) -> AliasTable:
    return _load_yaml(path, AliasTable) if path.exists() else AliasTable()


def with_curated_names(table: AliasTable, curated: Curated) -> AliasTable:
    """The alias table with the names the curated data gives organisations:
    each becomes a label and a search key of its entity, like the table's own."""
    extra = [AliasEntry(zh=o.label.zh, en=o.label.en, aliases=o.aliases) for o in curated.organisations]
    return table.model_copy(update={"organisations": [*table.organisations, *extra]})


def _evidence(source: Source, documents: dict[str, Path], where: str,
              absent: dict[str, set[tuple[str, int]]]) -> list[Evidence]:
    """A fact's evidence: its curated file and line (with the curator's note),
    and the span its quote covers in the document it cites when that
    document was read. A cited document that was not read is recorded in
    `absent` (document → file and line of each citation); its quote stays in the note."""
    path, line, _ = source.where(where, "source")
    name = Path(path).name
    read = source.doc in documents
    parts = [f"{name}:{line}", source.note]
    if source.doc is not None and not read:
        absent.setdefault(source.doc, set()).add((name, line))
        parts.append(f"quotes {source.doc}: “{source.quote}”")
    found = [Evidence(doc_id=CURATED_DOC, note="; ".join(p for p in parts if p), extractor="curated", confidence=1.0)]
    if read:
        found.append(_quoted(source, documents[source.doc], where))
    return found


def _quoted(source: Source, file: Path, where: str) -> Evidence:
    """Where a source's quote is in its document's normalised text."""
    from .ingest import normalise

    doc = _read_cached(file)
    quote = normalise(source.quote)[0]
    start = doc.text.find(quote)
    if start < 0:
        start = doc.match_text.find(quote)
    if start < 0:
        path, line, field = source.where(where, "source")
        raise CuratedDataError(path, line, f"{field}.quote: {source.quote!r} is not in {source.doc}")
    return Evidence(doc_id=doc.id, start=start, end=start + len(quote), quote=doc.text[start : start + len(quote)],
                    extractor="curated", confidence=1.0)


@lru_cache(maxsize=64)
def _read_cached(path: Path):
    from .ingest import read_document

    return read_document(path)


def curated_statements(curated: Curated, documents: dict[str, Path], where: str) -> tuple[list[Statement], list[str]]:
    """Statements for the facts a curator recorded, each with its sources, and
    notes for the report on the documents they cite that were not read.

    `documents` maps the seed documents that were read to their files; a quote
    is looked up in the normalised text of its document."""
    absent: dict[str, set[tuple[str, int]]] = {}
    for record in (curated.series, *curated.organisations, *curated.summits):
        _evidence(record.source, documents, where, absent)  # no statement cites these sources, but they must hold too
    statements: list[Statement] = []
    for summit in curated.summits:
        for theme in summit.themes:
            for evidence in _evidence(theme.source, documents, where, absent):
                for lang in ("zh", "en"):
                    text = getattr(theme.theme, lang)
                    if text:
                        statements.append(SummitTheme(lang=lang, summit=summit.year, theme=text, evidence=evidence))
        for dates in summit.dates:
            for evidence in _evidence(dates.source, documents, where, absent):
                for lang in ("zh", "en"):
                    place = getattr(dates.place, lang) if dates.place else None
                    if place or lang == "zh":
                        statements.append(SummitHeld(lang=lang, summit=summit.year, start=dates.start, end=dates.end,
                                                     place=place, evidence=evidence))
    notes = [f"curated facts cite {doc}, which is not among the documents read ({_lines(places)}): "
             "they stand on the curated file alone" for doc, places in sorted(absent.items())]
    return statements, notes


def _lines(places: set[tuple[str, int]]) -> str:
    """'summits.yaml lines 8, 14' for a set of (file, line)."""
    by_file: dict[str, list[str]] = {}
    for name, line in sorted(places):
        by_file.setdefault(name, []).append(str(line))
    return "; ".join(f"{name} lines {', '.join(lines)}" for name, lines in by_file.items())
