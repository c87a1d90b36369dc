"""Which encoding a file's bytes are in, and how sure that is.

BOMs first, then strict UTF-8 (which other bytes almost never pass). Else
every candidate that decodes the bytes strictly (a page's declared charset,
GB18030, the Big5 family) is scored by how ordinary its characters are in
Chinese text: a Han character is ordinary when it is among the commonly used
characters of simplified text (GB 2312 level 1, 3,755 characters) or of
traditional text (Big5 level 1, 5,401 常用字), read in the script that suits
the decoding best; other characters are ordinary when they are common
punctuation, never when they are kana, Greek, symbols or private-use. GBK
bytes read as Big5 (or Big5 as GBK) turn into a mixture of rare characters
and symbols, so the decoding with the fewest odd characters wins; the
declared charset, then GB18030, wins a tie. Both lists are read from
Python's own codecs: nothing is downloaded.

A choice resting on little evidence comes with a warning naming the file:
too few Chinese characters to tell GB18030 from Big5, a page whose declared
charset does not fit its bytes, or a text that reads oddly in every
candidate.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .errors import InputError

__all__ = ["Decoded", "decode", "declared_charset", "odd_characters", "HAN"]

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_BINARY_SIGNATURES = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x7fELF")
# Each family is tried with the first of its codecs that decodes the bytes
# strictly (cp950 and Big5-HKSCS extend Big5 with characters plain Big5 lacks).
_FAMILIES = {"gb18030": ("gb18030",), "big5": ("big5", "cp950", "big5hkscs")}
_FAMILY_OF = {"gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030",
              "big5": "big5", "cp950": "big5", "big5hkscs": "big5"}
# How many more odd characters the runner-up must have before a guess between
# GB18030 and Big5 counts as sure, and the share of odd characters above
# which even the best reading is doubtful.
MARGIN = 2
ODD_SHARE = 0.1
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN = re.compile(f"[{HAN}]")
_MARKS = frozenset("，。、；：？！“”‘’（）《》〈〉【】「」『』〔〕—–…·～•‧°×")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warning: str | None = None


@lru_cache(maxsize=1)
def _ordinary() -> tuple[frozenset[str], frozenset[str]]:
    """(common simplified, common traditional) characters: GB 2312 level 1
    (rows 16–55) and Big5 level 1 (A440–C67E), decoded by Python's codecs."""
    def decoded(encoding: str, leads, trails, last: int = 0xFFFF) -> frozenset[str]:
        found = set()
        for lead in leads:
            for trail in trails:
                if lead << 8 | trail <= last:
                    try:
                        found.add(bytes((lead, trail)).decode(encoding))
                    except UnicodeDecodeError:
                        pass
        return frozenset(found)

    big5_trails = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
    return (decoded("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF)),
            decoded("big5", range(0xA4, 0xC7), big5_trails, last=0xC67E))


def _is_neutral(ch: str) -> bool:
    """Characters every reading may hold: spaces, format characters, Latin
    letters with accents (pinyin) and full-width Latin letters and digits."""
    category = unicodedata.category(ch)
    if category[0] == "Z" or category in ("Cc", "Cf"):
        return True
    return unicodedata.name(ch, "").startswith(("LATIN", "FULLWIDTH LATIN", "FULLWIDTH DIGIT"))


def odd_characters(text: str) -> tuple[int, int]:
    """(odd characters, characters judged) of a decoded text. Judged are its
    non-ASCII characters except neutral ones; odd are the Han characters
    outside the common list of the script that suits the text best, and
    every judged character that is neither Han nor a common punctuation mark
    (kana, Greek, symbols, bopomofo, private use)."""
    simplified, traditional = _ordinary()
    han = marks = odd_simplified = odd_traditional = odd_other = 0
    for ch, count in Counter(text).items():
        if ch.isascii() or _is_neutral(ch):
            continue
        if ch in _MARKS:
            marks += count
        elif _HAN.match(ch):
            han += count
            odd_simplified += count * (ch not in simplified)
            odd_traditional += count * (ch not in traditional)
        else:
            odd_other += count
    return min(odd_simplified, odd_traditional) + odd_other, han + marks + odd_other


def declared_charset(data: bytes) -> str | None:
    """The charset a web page declares in a <meta> near its top, as a Python codec name."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def _strict(data: bytes, encodings: tuple[str, ...]) -> tuple[str, str] | None:
    for encoding in encodings:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return None


def _check_plausible(text: str, encoding: str, path: str) -> str:
    """Refuse a decoding that yields mostly replacement, control or unassigned characters."""
    odd = sum(1 for ch in text if ch == "\ufffd" or (unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs")
                                                     and ch not in "\t\n\r\f"))
    if odd > max(2, len(text) // 50):
        raise InputError(path, f"does not decode to text (as {encoding}: {odd} of {len(text)} characters are garbage)")
    return text


def decode(data: bytes, path: str, declared: str | None = None) -> Decoded:
    """Decode a file's bytes, or raise InputError naming the file. `declared`
    is the charset the file names for itself (a web page's <meta>)."""
    if not data.strip():
        raise InputError(path, "file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(_check_plausible(data.decode(encoding), encoding, path), encoding)
            except UnicodeDecodeError as exc:
                raise InputError(path, f"has a {encoding} byte-order mark but does not decode: {exc}")
    if data.startswith(_BINARY_SIGNATURES) or b"\x00" in data[:4096]:
        raise InputError(path, "looks like a binary file, not text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    return _guess(data, path, declared)


def _candidates(declared: str | None) -> list[tuple[str, ...]]:
    """The codecs of each family to try, the declared charset's family first."""
    if declared is None:
        return list(_FAMILIES.values())
    family = _FAMILY_OF.get(declared, declared)
    return [_FAMILIES.get(family, (declared,))] + [names for name, names in _FAMILIES.items() if name != family]


def _guess(data: bytes, path: str, declared: str | None) -> Decoded:
    readings = []  # (odd characters, characters judged, rank, text, encoding)
    for rank, encodings in enumerate(_candidates(declared)):
        found = _strict(data, encodings)
        if found:
            readings.append((*odd_characters(found[0]), rank, *found))
    if not readings:
        raise InputError(path, "cannot decode as UTF-8, GB18030 or Big5")
    readings.sort(key=lambda r: (r[0], r[2]))
    odd, judged, rank, text, encoding = readings[0]
    warning = None
    if declared and rank != 0:
        warning = f"declares charset {declared} but reads as {encoding}"
    elif not declared and len(readings) > 1 and readings[1][0] - odd < MARGIN:
        warning = (f"encoding guessed with low confidence: read as {encoding}, but {readings[1][4]} reads "
                   f"{'as' if readings[1][0] == odd else 'almost as'} well ({judged} characters to go by); "
                   "save it as UTF-8 to be sure")
    elif odd > ODD_SHARE * judged:
        warning = f"read as {encoding}, but {odd} of its {judged} non-ASCII characters are rare: check the text"
    return Decoded(_check_plausible(text, encoding, path), encoding, warning)
