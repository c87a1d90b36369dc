"""summit_held: when (start to end) and where a summit ran; a single dated
opening is kept apart as `SummitOpened`, since openings and spans differ."""

from __future__ import annotations

import datetime as dt
import re

from ..models import SummitHeld, SummitOpened
from . import evidence_for
from .context import DocContext

_ZH_RANGE = re.compile(
    r"(?P<m1>\d{1,2})月(?P<d1>\d{1,2})日(?:[至到~～\-–—]|—)+(?:(?P<m2>\d{1,2})月)?(?P<d2>\d{1,2})日")
_ZH_SINGLE = re.compile(r"(?P<m1>\d{1,2})月(?P<d1>\d{1,2})日")
_ZH_PLACE = re.compile(r"在(?P<place>[\u4e00-\u9fff]{2,10}?)(?:隆重|正式|如期|顺利)?(?P<verb>举行|举办|召开|开幕|启幕|开启|拉开帷幕)")
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_EN_RANGE = re.compile(
    rf"(?P<mon1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:,\s*20\d\d)?\s*(?:-|–|—|to|through|until|and)\s*(?:(?P<mon2>{_MONTH})\s+)?(?P<d2>\d{{1,2}})\b"
    rf"|(?P<d1b>\d{{1,2}})\s*(?:-|–|to)\s*(?P<d2b>\d{{1,2}})\s+(?P<mon1b>{_MONTH})",
    re.I)
_EN_RUN = re.compile(
    rf"open(?:s|ed)?\s+on\s+(?P<mon1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:,\s*20\d\d)?.{{0,40}}?\b(?:run|last|close|conclude)s?\s+(?:until|through|till|on)\s+(?:(?P<mon2>{_MONTH})\s+)?(?P<d2>\d{{1,2}})",
    re.I)
_EN_OPEN = re.compile(rf"open(?:s|ed)?\s+on\s+(?:\w+,\s+)?(?P<mon1>{_MONTH})\s+(?P<d1>\d{{1,2}})", re.I)
_EN_PLACE = re.compile(
    r"\bin\s+(?P<place>(?:[A-Z][a-z]+)(?:,\s+(?:(?:east|East)\s+China's\s+)?[A-Z][a-z]+(?:\s+[Pp]rovince)?)?)")


def _date(year: int, month: str | int, day: str) -> dt.date | None:
    month_number = month if isinstance(month, int) else _MONTHS.get(str(month)[:3].lower()) or int(month)
    try:
        return dt.date(year, int(month_number), int(day))
    except ValueError:
        return None


def _zh(ctx: DocContext, text: str) -> list[tuple[str, int, dt.date, dt.date | None, str | None]]:
    summits = [(m, y) for m, y in ctx.summits_in(text) if y is not None]
    if not summits:
        return []
    year = summits[0][1]
    place_match = _ZH_PLACE.search(text, summits[0][0].end())
    place = place_match.group("place") if place_match else None
    span = _ZH_RANGE.search(text)
    if span and span.start() < summits[0][0].start():
        start = _date(year, span.group("m1"), span.group("d1"))
        end = _date(year, span.group("m2") or span.group("m1"), span.group("d2"))
        return [("held", year, start, end, place)] if start and end else []
    single = _ZH_SINGLE.search(text)
    if single and place_match and place_match.group("verb") in ("开幕", "启幕") and single.start() < summits[0][0].start():
        date = _date(year, single.group("m1"), single.group("d1"))
        return [("opened", year, date, None, place)] if date else []
    return []


def _en(ctx: DocContext, text: str) -> list[tuple[str, int, dt.date, dt.date | None, str | None]]:
    year = ctx.year_of(text)
    if year is None or not ctx.summits_in(text):
        return []
    place_match = _EN_PLACE.search(text)
    place = place_match.group("place") if place_match else None
    for pattern in (_EN_RUN, _EN_RANGE):
        span = pattern.search(text)
        if span:
            groups = span.groupdict()
            mon1 = groups.get("mon1") or groups.get("mon1b")
            start = _date(year, mon1, groups.get("d1") or groups.get("d1b"))
            end = _date(year, groups.get("mon2") or mon1, groups.get("d2") or groups.get("d2b"))
            if start and end and start <= end:
                return [("held", year, start, end, place)]
    opening = _EN_OPEN.search(text)
    if opening:
        date = _date(year, opening.group("mon1"), opening.group("d1"))
        return [("opened", year, date, None, place)] if date else []
    return []


def extract(ctx: DocContext) -> list[SummitHeld | SummitOpened]:
    found = []
    finder = _zh if ctx.doc.language == "zh" else _en
    for sentence in ctx.sentences:
        for kind, year, start, end, place in finder(ctx, ctx.text(sentence)):
            if kind == "held":
                found.append(SummitHeld(lang=ctx.doc.language, summit=year, start=start, end=end, place=place,
                                        evidence=evidence_for(ctx, sentence, "summit_held.pattern", 0.9)))
            else:
                found.append(SummitOpened(lang=ctx.doc.language, summit=year, date=start, place=place,
                                          evidence=evidence_for(ctx, sentence, "summit_opened.pattern", 0.8)))
    return found
