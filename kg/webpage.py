"""Saved web pages: the article's main text and what the page says about itself.

trafilatura finds the main text of a news page and leaves out navigation,
breadcrumbs, share bars, related links, comments and footers; its metadata
extraction (htmldate for the date) reads the title, the site's name and the
publication date from ``<meta>`` tags, JSON-LD and the page's date line.
Nothing is fetched: the page is parsed from the string given.

Two things are done around it. Tables used for layout (old portals set the
whole page in them) would be read as data tables, navigation and all: a
table that holds blocks (divisions, headings, lists, other tables) or has a
single row is turned into plain divisions first. A data table in the article
(an award list) is written one row a line with its cells parted by
ideographic spaces, as text copies of such lists are.

The text the build reads from a page is its title on the first line (as a
saved ``.txt`` article starts with its headline), then the main text, one
paragraph a line. Evidence offsets count in that text.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from .errors import InputError
from .models import PageMetadata

__all__ = ["read_page"]

# htmldate refuses dates after its latest acceptable one, today by default:
# a fixed bound keeps the build independent of the day it runs.
_DATE_SEARCH = {"extensive_search": False, "original_date": True, "max_date": "2099-12-31"}
_LAYOUT_TABLE = ("//table[count(.//tr) < 2 or .//div or .//table or .//h1 or .//h2 or .//h3 or .//h4 or .//ul "
                 "or .//ol or .//dl or .//form]")
# trafilatura writes a table row as "| a | b | " and a header rule as "|---|---|".
_TABLE_RULE = re.compile(r"^\|(?:---\|)+[ \t]*$\n?", re.M)
_TABLE_ROW = re.compile(r"^\| (.*?) \|[ \t]*$", re.M)


@lru_cache(maxsize=1)
def _config():
    """trafilatura's settings, but a main text of 50 characters is enough
    before it tries its fallback extractors (its default, 250, is sized for
    alphabetic text: a short Chinese news item has fewer, and the fallbacks
    then return the whole page, menus and all)."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "50")
    return config


def _unwrap_layout_tables(tree) -> None:
    for table in tree.xpath(_LAYOUT_TABLE):
        for element in table.iter("table", "thead", "tbody", "tfoot", "tr", "th", "td"):
            element.tag = "div"


def read_page(html: str, path: str) -> tuple[str, PageMetadata]:
    """(text, metadata) of a decoded page, or InputError when it holds no article."""
    import trafilatura

    tree = trafilatura.load_html(html)
    if tree is None:
        raise InputError(path, "cannot be parsed as HTML")
    _unwrap_layout_tables(tree)
    found = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False, include_tables=True,
                                        deduplicate=False, date_extraction_params=_DATE_SEARCH, config=_config())
    body = (found.text or "").strip() if found is not None else ""
    body = _TABLE_ROW.sub(lambda row: "\u3000".join(row.group(1).split(" | ")), _TABLE_RULE.sub("", body))
    if not body:
        raise InputError(path, "holds no article text (no main text found in the page)")
    title = " ".join((found.title or "").split()) or None
    text = body if title is None or body.startswith(title) else f"{title}\n{body}"
    published = dt.date.fromisoformat(found.date) if found.date else None
    return text, PageMetadata(title=title, published=published, site=found.sitename or None)
