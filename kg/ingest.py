"""Read seed files into normalised `Document`s.

A seeds folder holds text files (``.txt``, ``.md``) and saved web pages
(``.html``, ``.htm``, ``.shtml``); every other entry is listed as skipped
with the reason. Decoding is `kg.charset`'s; a page's main text and metadata
are `kg.webpage`'s. Normalisation keeps a map from every character of the
normalised text back to the decoded file (for a page, to the text extracted
from it), so evidence offsets can always be traced to the raw article:

1. line endings to ``\\n``;
2. NFKC (full-width punctuation and digits to their plain forms);
3. pinyin annotations removed (``聯(lián)`` → ``聯``);
4. OCR spacing removed next to Chinese characters (``11 月 21 日`` → ``11月21日``),
   but a space between two words of several characters stays: it separates
   names in bylines (``记者 刘晨阳 王雪婷``) and phrases in headlines.

``match_text`` is the same text in simplified script (OpenCC), character for
character, so extractors match one script while quotes keep the original.
"""

from __future__ import annotations

import hashlib
import sys
from array import array
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Callable

from .charset import HAN, decode, declared_charset
from .errors import InputError
from .models import Document, SkippedFile

__all__ = ["read_document", "seed_files", "normalise", "to_simplified", "SEED_SUFFIXES"]

TEXT_SUFFIXES = (".txt", ".md")
PAGE_SUFFIXES = (".html", ".htm", ".shtml")
SEED_SUFFIXES = TEXT_SUFFIXES + PAGE_SUFFIXES

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN_RE = re.compile(rf"(?<=[{HAN}])[(（]([a-zü{_TONED}]{{1,7}})[)）]")
_SPACE_RE = re.compile(r"(?<=\S)[ \t\u00a0\u3000]+(?=\S)")
_ALNUM = re.compile(r"[A-Za-z0-9]")


Offsets = list[int]


def _rewrite(text: str, offsets: Offsets, pattern: re.Pattern, repl: Callable[[re.Match], str]) -> tuple[str, Offsets]:
    """Substitute `pattern` and carry the raw-offset map along.

    Characters a replacement produces map to the start of what they replace.
    """
    pieces: list[str] = []
    new_offsets: Offsets = []
    last = 0
    for match in pattern.finditer(text):
        pieces.append(text[last : match.start()])
        new_offsets.extend(offsets[last : match.start()])
        replacement = repl(match)
        pieces.append(replacement)
        new_offsets.extend([offsets[match.start()]] * len(replacement))
        last = match.end()
    pieces.append(text[last:])
    new_offsets.extend(offsets[last:])
    return "".join(pieces), new_offsets


@lru_cache(maxsize=65536)
def _nfkc(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch)


def _nfkc_pattern(text: str) -> re.Pattern | None:
    changing = sorted({ch for ch in set(text) if ord(ch) > 127 and _nfkc(ch) != ch})
    if not changing:
        return None
    return re.compile("[" + "".join(re.escape(ch) for ch in changing) + "]")


def _strip_pinyin(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    annotations = _PINYIN_RE.findall(text)
    toned = sum(1 for a in annotations if any(c in _TONED for c in a))
    # An annotated copy marks almost every character; then untoned syllables
    # (neutral tone) go too. Elsewhere only unmistakable, toned ones do.
    strip_all = toned >= 3 and toned * 2 >= len(annotations)

    def repl(match: re.Match) -> str:
        if strip_all or any(c in _TONED for c in match.group(1)):
            return ""
        return match.group(0)

    return _rewrite(text, offsets, _PINYIN_RE, repl)


_HAN_WORD_END = re.compile(rf"[{HAN}]{{2}}")


def _drop_cjk_spacing(match: re.Match) -> str:
    """Chinese sets no spaces, so one inside a line is OCR or layout noise,
    except between two Latin words or numbers (Anna Berg) and between two
    runs of two or more characters, which is how bylines list names."""
    text = match.string
    left, right = text[match.start() - 1], text[match.end()]
    if _ALNUM.match(left) and _ALNUM.match(right):
        return match.group(0)
    if _HAN_WORD_END.fullmatch(text, match.start() - 2, match.start()) and _HAN_WORD_END.match(text, match.end()):
        return match.group(0)
    return ""


def normalise(raw: str) -> tuple[str, Offsets]:
    """Normalise decoded text; return it with its map back to `raw` offsets."""
    text, offsets = raw, list(range(len(raw)))
    text, offsets = _rewrite(text, offsets, re.compile(r"\r\n?"), lambda m: "\n")
    pattern = _nfkc_pattern(text)
    if pattern is not None:
        text, offsets = _rewrite(text, offsets, pattern, lambda m: _nfkc(m.group(0)))
    text, offsets = _strip_pinyin(text, offsets)
    if detect_language(text) == "zh":
        text, offsets = _rewrite(text, offsets, _SPACE_RE, _drop_cjk_spacing)
    offsets.append(len(raw))
    return text, offsets


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def _simplify_char(ch: str) -> str:
    converted = _converter().convert(ch)
    return converted if len(converted) == 1 else ch


def to_simplified(text: str) -> str:
    """Traditional to simplified, keeping the length so offsets stay valid."""
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(_simplify_char(ch) for ch in text)


def detect_language(text: str) -> str:
    han = len(re.findall(f"[{HAN}]", text))
    latin = len(re.findall(r"[A-Za-z]", text))
    return "zh" if han * 3 >= latin else "en"


def _packed(offsets: Offsets) -> bytes:
    packed = array("I", offsets)
    if sys.byteorder != "little":
        packed.byteswap()
    return packed.tobytes()


def read_document(path: Path, doc_id: str | None = None, data: bytes | None = None) -> Document:
    """Read (unless the caller already has the bytes), decode and normalise one
    file; raise InputError if it cannot be."""
    name = str(path)
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(name, f"cannot be read: {exc.strerror or exc}")
    is_page = path.suffix.lower() in PAGE_SUFFIXES
    decoded = decode(data, name, declared_charset(data) if is_page else None)
    raw, page = decoded.text, None
    if is_page:
        from .webpage import read_page

        raw, page = read_page(raw, name)
    text, offsets = normalise(raw)
    if not text.strip():
        raise InputError(name, "holds no text after normalisation")
    return Document(
        id=doc_id or path.name,
        encoding=decoded.encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        language=detect_language(text),
        text=text,
        match_text=to_simplified(text),
        raw_offsets=_packed(offsets),
        page=page,
        warning=decoded.warning,
    )


def _not_read(entry: Path) -> str | None:
    """Why a folder entry is no article (None when it is one)."""
    if entry.name.startswith("."):
        return "hidden file"
    if entry.is_dir():
        return "a folder: subfolders are not read"
    if entry.exists() and not entry.is_file():  # reading a named pipe would wait for a writer forever
        return "not a regular file (a pipe, socket or device)"
    suffix = entry.suffix.lower()
    if suffix not in SEED_SUFFIXES:
        return f"unsupported type ({suffix or 'no extension'}): articles are {', '.join(SEED_SUFFIXES)} files"
    if entry.stem.lower() == "readme":
        return "a README describes the folder; it is no article"
    return None


def seed_files(folder: Path) -> tuple[list[Path], list[SkippedFile]]:
    """The articles of a folder in name order, and every other entry in it
    with the reason it is not read."""
    if not folder.is_dir():
        raise InputError(str(folder), "is not a directory")
    articles, skipped = [], []
    for entry in sorted(folder.iterdir()):
        reason = _not_read(entry)
        if reason is None:
            articles.append(entry)
        else:
            skipped.append(SkippedFile(path=str(entry), reason=reason))
    return articles, skipped
