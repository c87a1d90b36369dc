"""Split a document's normalised text into sentences with character offsets.

Each line is a paragraph (news copy puts one paragraph on a line), except
that a line ending in a comma or enumeration mark (、，,：) was broken by the
scraper and runs on into the next. Inside a paragraph, Chinese sentences end at 。！？； and English ones at . ! ? followed by
a space and a capital, except after common abbreviations. Closing quotes and
brackets stay with the sentence they close.
"""

from __future__ import annotations

import re

from .models import Document, Sentence

__all__ = ["segment"]

_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
                  "sep", "sept", "oct", "nov", "dec", "no", "vs", "st", "co", "inc", "ltd", "corp",
                  "u.s", "u.k", "e.g", "i.e", "jr", "sr", "gov", "dept"}
_CLOSERS = "”’\"')）」』】》"
# A paragraph: characters up to a newline, running on past a newline that
# follows a mark which cannot end a sentence.
_PARAGRAPH = re.compile(r"(?:[^\n]|(?<=[、，,：:])\n)+")
_ZH_END = re.compile(rf"[。！？；!?;]+[{_CLOSERS}]*")
_EN_END = re.compile(rf"(?<=[a-z0-9%{_CLOSERS}])([.!?]+)[{_CLOSERS}]*(?=\s+[A-Z\"“])")


def _is_abbreviation(line: str, dot: int) -> bool:
    word = re.search(r"([A-Za-z.]+)$", line[:dot])
    return bool(word) and (word.group(1).lower().rstrip(".") in _ABBREVIATIONS or len(word.group(1)) == 1)


def _sentence_ends(line: str) -> list[int]:
    ends = [m.end() for m in _ZH_END.finditer(line)]
    for m in _EN_END.finditer(line):
        if m.group(1) == "." and _is_abbreviation(line, m.start(1)):
            continue
        ends.append(m.end())
    return sorted(set(ends))


def segment(doc: Document) -> list[Sentence]:
    """Sentences of `doc`, in order, trimmed of surrounding whitespace."""
    sentences: list[Sentence] = []
    paragraph = -1
    for match in _PARAGRAPH.finditer(doc.text):
        line = match.group(0)
        if line.strip():
            paragraph += 1
        cuts = [0, *_sentence_ends(line), len(line)]
        for begin, end in zip(cuts, cuts[1:]):
            chunk = line[begin:end]
            stripped = chunk.strip()
            if not stripped:
                continue
            start = match.start() + begin + (len(chunk) - len(chunk.lstrip()))
            sentences.append(Sentence(doc_id=doc.id, start=start, end=start + len(stripped), paragraph=paragraph))
    return sentences
