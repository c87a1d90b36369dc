"""Stable, readable IRIs: ASCII slugs from pinyin or the English name."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

DEFAULT_BASE = "https://w3id.org/wuzhen-kg/id/"
_SAFE_IRI = re.compile(r"^https?://[A-Za-z0-9._~:/?#\[\]@!$&'()*+,;=%-]+$")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=65536)
def slug(text: str, limit: int = 60) -> str:
    """'星海集团' → 'xing-hai-ji-tuan'; 'Anna Berg' → 'anna-berg'; never empty."""
    if _HAN.search(text):
        from pypinyin import lazy_pinyin

        text = " ".join(lazy_pinyin(text))
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    result = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:limit].strip("-")
    return result or "x" + digest(text, 8)


def digest(text: str, size: int = 10) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:size]


def check_iri(iri: str) -> str:
    """Refuse an IRI that some serialiser or store would choke on."""
    if not _SAFE_IRI.match(iri):
        raise ValueError(f"unsafe IRI {iri!r}")
    return iri


def normalise_base(base: str) -> str:
    """The base IRI of every minted IRI (`--base`, `$KG_BASE`), ending in `/` or `#`."""
    from .errors import KGError

    given, base = base, base.strip()
    if not base.endswith(("/", "#")):
        base += "/"
    try:
        return check_iri(base)
    except ValueError:
        raise KGError(f"--base / $KG_BASE: unsafe IRI {given!r}: give an absolute http(s) IRI without spaces") from None
