"""summit_held: when (start to end) and where a summit ran; a single dated
opening is kept apart as `SummitOpened`, since openings and spans differ.

A summit's place is often named only once (in the lead: 在浙江乌镇开幕),
while its dates come later (本届大会于11月7日至9日举行), so a span without a
place takes the place the article gives the summit elsewhere."""

from __future__ import annotations

import datetime as dt
import re

from ..models import SummitHeld, SummitOpened
from . import evidence_for
from .context import DocContext
from .lexicon import COUNTRIES, ordinal_value

# A month or day in digits or in Chinese numerals (十二月十六日至十八日).
_N = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_ZH_RANGE = re.compile(
    rf"(?P<m1>{_N})月(?P<d1>{_N})日(?:[至到~～\-–—]|—)+(?:(?P<m2>{_N})月)?(?P<d2>{_N})日")
_ZH_SINGLE = re.compile(r"(?P<m1>\d{1,2})月(?P<d1>\d{1,2})日")
_ZH_PLACE = re.compile(r"在(?P<place>[\u4e00-\u9fff]{2,10}?)(?:隆重|正式|如期|顺利|圆满|胜利|盛大)?(?P<verb>举行|举办|召开|开幕|启幕|揭幕|登场|开启|拉开帷幕|闭幕|落幕|落下帷幕)")
_ZH_HELD = re.compile(r"举行|举办|召开|开幕|闭幕|会期|启幕|拉开帷幕")
# A span after the summit's name is the summit's own only inside its clause
# (峰会于11月7日至9日举行), not after 峰会期间, ... (another event's dates),
# or in a later clause about the summit (…开幕，会期从12月3日至5日 / …，大会于…).
_ZH_OWN_SPAN = re.compile(r"^(?!期间)[^,，;；。]*$")
_SUMMIT_SUBJECTS_ZH = ("大会", "峰会", "本届大会", "本届峰会")
_OTHER_EVENT_ZH = re.compile(r"博览会|展览会|论坛|大赛|活动|发布会|仪式|典礼")
_ZH_SESSION = re.compile(r"(?:^|[,，;；])(?:会期|(?:本届|此次|本次|今年)?(?:大会|峰会))(?:将|已)?(?:自|为|是|从|于)?$")
# 16日在乌镇开幕……至18日闭幕 / 会期至9日 / 将持续至10日 / 22日闭幕: the day it
# opened, then the day it closes.
_OPENED = r"(?:开幕|揭幕|登场|启幕|拉开帷幕)"
_CLOSED = r"(?:闭幕|落幕|落下帷幕|结束)"
_ZH_OPEN_CLOSE = re.compile(
    rf"(?:(?P<m1>\d{{1,2}})月)?(?P<d1>\d{{1,2}})日[^。]{{0,30}}?{_OPENED}.{{0,80}}?"
    rf"(?:至(?:(?P<m2>\d{{1,2}})月)?(?P<d2>\d{{1,2}})日|(?:(?P<m3>\d{{1,2}})月)?(?P<d3>\d{{1,2}})日{_CLOSED})")
# 为期四天的峰会于11月9日落下帷幕: a length in days and one end of the span.
_ZH_DAYS = re.compile(r"(?:为期|一连|连续)(?P<days>[两二三四五六七\d])天")
# 11月7日起一连三天: 起 opens the span as 开幕 does.
_ZH_OPEN_DAY = re.compile(rf"(?:(?P<m>\d{{1,2}})月)?(?P<d>\d{{1,2}})日(?:起|[^。]{{0,30}}?{_OPENED})")
_ZH_CLOSE_DAY = re.compile(rf"(?:(?P<m>\d{{1,2}})月)?(?P<d>\d{{1,2}})日[^。]{{0,30}}?{_CLOSED}")
# 今年大会以线上形式举行，11月23日至24日在乌镇举办: a span opening a clause whose
# subject is the summit named before it.
_ZH_SPAN_CLAUSE = re.compile(r"在[\u4e00-\u9fff]{2,10}?(?:举行|举办|召开)(?:[,，。;；]|$)")
# 世界互联网大会乌镇峰会, World Internet Conference Wuzhen Summit: the place in the summit's name.
_PLACE_IN_NAME = re.compile(r"世界互联网大会(?P<zh>[\u4e00-\u9fff]{2,4}?)峰会|World\s+Internet\s+Conference\s+(?P<en>[A-Z][a-z]+)\s+Summit")
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_EN_RANGE = re.compile(
    rf"(?P<mon1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:,\s*20\d\d)?\s*(?:-|–|—|to|through|until|and)\s*(?:(?P<mon2>{_MONTH})\s+)?(?P<d2>\d{{1,2}})\b"
    rf"|(?P<d1b>\d{{1,2}})\s*(?:-|–|to)\s*(?P<d2b>\d{{1,2}})\s+(?P<mon1b>{_MONTH})",
    re.I)
# "opened on Nov 8 (or: opened Sunday) in ..., and will run until Nov 10"
_EN_OPEN = re.compile(rf"open(?:s|ed)?\s+(?:on\s+)?(?:(?:{_WEEKDAY},\s+)?(?P<mon1>{_MONTH})\s+(?P<d1>\d{{1,2}})|(?P<weekday>{_WEEKDAY}))")
_EN_UNTIL = re.compile(
    rf"\b(?:runs?|ran|lasts?|lasted|clos(?:e|es|ed)|conclud(?:e|es|ed)|ends?|ended)\s+(?:until|through|till|on)\s+"
    rf"(?:{_WEEKDAY},?\s+)?(?:(?P<mon2>{_MONTH})\s+)?(?P<d2>\d{{1,2}})\b", re.I)
_EN_HELD = re.compile(r"\b(?:held|hosted|open|opened|opens|closed|closes|ended|concluded|runs?|ran|running|takes?\s+place|took\s+place|"
                      r"taking\s+place)\b", re.I)
_EN_PLACE = re.compile(
    r"\bin\s+(?:the\s+(?:[a-z]+\s+){0,3}of\s+)?"
    r"(?P<place>(?:[A-Z][a-z]+)(?:,\s+(?:(?:east|East)\s+China's\s+)?[A-Z][a-z]+(?:\s+[Pp]rovince)?)?)")

_QUOTED_EN = re.compile(r"[\"“][^\"”]*[\"”]")
_COUNTRY_NAMES = set(COUNTRIES.values())

Held = tuple[str, int, dt.date, "dt.date | None", "str | None"]


def _date(year: int, month: str | int, day: str | int) -> dt.date | None:
    month_number = month if isinstance(month, int) else _MONTHS.get(str(month)[:3].lower()) or ordinal_value(str(month))
    day_number = day if isinstance(day, int) else ordinal_value(str(day))
    try:
        return dt.date(year, month_number, day_number) if month_number and day_number else None
    except ValueError:
        return None


def _span(year: int, m1, d1, m2, d2) -> tuple[dt.date, dt.date] | None:
    start = _date(year, m1, d1)
    end = _date(year, m2 or m1, d2)
    return (start, end) if start and end and start <= end else None


def _zh(ctx: DocContext, text: str) -> list[Held]:
    # A summit named without its year (世界互联网大会·…论坛将于…) is the one the article is about.
    summits = [(m, y or ctx.default_year) for m, y in ctx.summits_in(text) if (y or ctx.default_year) is not None]
    if not summits:
        return _zh_session(ctx, text)
    year = summits[0][1]
    place_match = _ZH_PLACE.search(text, summits[0][0].end())
    place = place_match.group("place") if place_match else None
    range_ = _ZH_RANGE.search(text)
    if range_ and _ZH_HELD.search(text) and _summit_span(text, summits[0][0], range_):
        span = _span(year, *range_.group("m1", "d1", "m2", "d2"))
        return [("held", year, *span, place)] if span else []
    single = _ZH_SINGLE.search(text)
    if single and place_match and place_match.group("verb") in ("开幕", "启幕") and single.start() < summits[0][0].start():
        date = _date(year, single.group("m1"), single.group("d1"))
        return [("opened", year, date, None, place)] if date else []
    return []


def _zh_session(ctx: DocContext, text: str) -> list[Held]:
    """…大会由甲和乙共同主办，会期为9月26日至28日: the session of the summit the
    article is about, in a sentence that names it only as 大会."""
    range_ = _ZH_RANGE.search(text)
    if not range_ or ctx.default_year is None or not _ZH_SESSION.search(text, 0, range_.start()) \
            or not text.startswith(_SUMMIT_SUBJECTS_ZH):
        return []
    span = _span(ctx.default_year, *range_.group("m1", "d1", "m2", "d2"))
    return [("held", ctx.default_year, *span, None)] if span else []


def _summit_span(text: str, summit: re.Match, range_: re.Match) -> bool:
    if range_.start() < summit.start():
        return True
    edition = "·" in text[summit.end() - 1 : summit.end() + 1]  # 世界互联网大会·某某论坛: the conference's own edition
    if not edition and _OTHER_EVENT_ZH.search(text, summit.end(), range_.start()):
        return False  # 大会“互联网之光”博览会于10月18日至22日举办: the expo's dates, not the summit's
    return bool(_ZH_OWN_SPAN.match(text[summit.end() : range_.start()]) or _ZH_SESSION.search(text, 0, range_.start())
                or (text[range_.start() - 1] in ",，;；" and _ZH_SPAN_CLAUSE.match(text, range_.end())))


def _zh_paragraph(ctx: DocContext, text: str) -> list[Held]:
    """Opening day and closing day (or the length) in neighbouring sentences of a paragraph."""
    year = ctx.year_of(text)
    if year is None or not ctx.summits_in(text):
        return []
    span = _open_close(ctx, year, text) or _by_length(ctx, year, text)
    return [("held", year, *span, None)] if span else []


def _month(ctx: DocContext, month: str | None, day: str) -> int | None:
    return int(month) if month else ctx.month_of_day(int(day))


def _open_close(ctx: DocContext, year: int, text: str) -> tuple[dt.date, dt.date] | None:
    match = _ZH_OPEN_CLOSE.search(text)
    month = match and _month(ctx, match.group("m1"), match.group("d1"))
    if not month:
        return None
    return _span(year, month, match.group("d1"), match.group("m2") or match.group("m3"), match.group("d2") or match.group("d3"))


def _by_length(ctx: DocContext, year: int, text: str) -> tuple[dt.date, dt.date] | None:
    length = _ZH_DAYS.search(text)
    days = length and ordinal_value(length.group("days"))
    for pattern, sign in ((_ZH_CLOSE_DAY, -1), (_ZH_OPEN_DAY, 1)):
        found = days and pattern.search(text)
        month = found and _month(ctx, found.group("m"), found.group("d"))
        day = month and _date(year, month, found.group("d"))
        if day:
            other = day + sign * dt.timedelta(days=days - 1)
            return (other, day) if sign < 0 else (day, other)
    return None


def _en(ctx: DocContext, text: str) -> list[Held]:
    year = ctx.year_of(text)
    if year is None or not ctx.summits_in(text):
        return []
    place = _en_place(text)
    range_ = _EN_RANGE.search(text)
    if range_ and _EN_HELD.search(text):
        groups = range_.groupdict()
        mon1 = groups["mon1"] or groups["mon1b"]
        span = _span(year, mon1, groups["d1"] or groups["d1b"], groups["mon2"], groups["d2"] or groups["d2b"])
        if span:
            return [("held", year, *span, place)]
    span = _en_by_length(year, text)
    if span:
        return [("held", year, *span, place)]
    opening = _EN_OPEN.search(text)
    start = _en_opening_date(ctx, year, opening) if opening else None
    if start is None:
        return []
    until = _EN_UNTIL.search(text, opening.end())
    if until:
        span = _span(year, start.month, start.day, until.group("mon2"), until.group("d2"))
        if span:
            return [("held", year, *span, place)]
    return [("opened", year, start, None, place)]


_EN_DAYS = re.compile(r"\b(?P<days>two|three|four|five|[2-5])-day\b|\bfor\s(?P<days2>two|three|four|five|[2-5])\sdays\b", re.I)
_EN_DAY_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5}
# "ended in Wuzhen today (November 24)", "closed on Nov 22": the last day of the span.
_EN_CLOSED_ON = re.compile(rf"\b(?:ended|closed|concluded|wrapped\s+up)\b[^.;]{{0,40}}?\b(?P<mon>{_MONTH})\s+(?P<d>\d{{1,2}})\b"
                           rf"|\b(?P<mon2>{_MONTH})\s+(?P<d2>\d{{1,2}})\)?\s+(?:ended|closed|concluded)\b", re.I)
# "will open in Wuzhen, Zhejiang province on Nov 7, to run for three days": the first day.
_EN_OPENS_ON = re.compile(rf"\bopen(?:s|ed)?\b[^.;]{{0,60}}?\bon\s(?P<mon>{_MONTH})\s+(?P<d>\d{{1,2}})\b", re.I)


def _en_by_length(year: int, text: str) -> tuple[dt.date, dt.date] | None:
    """"The two-day … Forum today (November 24) ended", "will open … on Nov 7, to run
    for three days": a length and its closing or opening day."""
    length = _EN_DAYS.search(text)
    if not length:
        return None
    word = (length.group("days") or length.group("days2")).lower()
    days = dt.timedelta(days=(_EN_DAY_WORDS.get(word) or int(word)) - 1)
    closed = _EN_CLOSED_ON.search(text)
    if closed:
        end = _date(year, closed.group("mon") or closed.group("mon2"), closed.group("d") or closed.group("d2"))
        return (end - days, end) if end else None
    opened = _EN_OPENS_ON.search(text)
    start = opened and _date(year, opened.group("mon"), opened.group("d"))
    return (start, start + days) if start else None


def _en_place(text: str) -> str | None:
    """The venue after the verb of holding; not a country ("the biggest event
    held in China") nor words of a quoted theme."""
    masked = _QUOTED_EN.sub(lambda m: " " * len(m.group(0)), text)
    verb = _EN_HELD.search(masked)
    if not verb:
        return None
    for match in _EN_PLACE.finditer(masked, verb.start()):
        if match.group("place") not in _COUNTRY_NAMES:
            return match.group("place")
    return None


def _en_opening_date(ctx: DocContext, year: int, opening: re.Match) -> dt.date | None:
    if not opening.group("weekday"):
        return _date(year, opening.group("mon1"), opening.group("d1"))
    # "opened Sunday" in a dated wire story: the last such weekday up to the dateline.
    if ctx.dateline is None or ctx.dateline[0] is None:
        return None
    dateline = _date(year, *ctx.dateline)
    if dateline is None:
        return None
    weekday = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday").index(
        opening.group("weekday").lower())
    return dateline - dt.timedelta(days=(dateline.weekday() - weekday) % 7)


# 在水墨画卷般的江南水乡乌镇，为期三天的第六届世界互联网大会…: the place opens the sentence (its description before 的 left out).
_ZH_PLACE_LEAD = re.compile(r"^在(?:[^,，。的]{0,16}的)?(?P<place>[\u4e00-\u9fff]{2,8})[,，]")


def _zh_place(text: str, summit: re.Match) -> str | None:
    found = _ZH_PLACE.search(text, summit.end()) or _ZH_PLACE_LEAD.match(text, 0, summit.start())
    return found.group("place") if found else None


def _summit_place(ctx: DocContext) -> str | None:
    """Where the article says the summit is held, from its first such sentence."""
    for sentence in ctx.sentences:
        text = ctx.text(sentence)
        summits = ctx.summits_in(text)
        if summits:
            place = _zh_place(text, summits[0][0]) if ctx.doc.language == "zh" else _en_place(text)
            if place:
                return place
    named = _PLACE_IN_NAME.search(ctx.doc.match_text)
    return (named.group("zh") or named.group("en")) if named else None


def _candidates(ctx: DocContext):
    """(sentence, finding) pairs: each sentence, then each paragraph."""
    finder = _zh if ctx.doc.language == "zh" else _en
    for sentence in ctx.sentences:
        for finding in finder(ctx, ctx.text(sentence)):
            yield sentence, finding
    if ctx.doc.language == "zh":
        for sentences in ctx.paragraphs():
            text = ctx.doc.match_text[sentences[0].start : sentences[-1].end]
            for finding in _zh_paragraph(ctx, text):
                yield sentences[0], finding


def extract(ctx: DocContext) -> list[SummitHeld | SummitOpened]:
    found: dict[tuple, SummitHeld | SummitOpened] = {}
    doc_place = None
    for sentence, (kind, year, start, end, place) in _candidates(ctx):
        if kind == "held":
            key = ("held", year, start, end)
            if key in found and (found[key].place or not place):
                continue
            if place is None:
                doc_place = doc_place or _summit_place(ctx)
                place = doc_place
            found[key] = SummitHeld(lang=ctx.doc.language, summit=year, start=start, end=end, place=place,
                                    evidence=evidence_for(ctx, sentence, "summit_held.pattern", 0.9))
        else:
            found.setdefault(("opened", year, start), SummitOpened(
                lang=ctx.doc.language, summit=year, date=start, place=place,
                evidence=evidence_for(ctx, sentence, "summit_opened.pattern", 0.8)))
    return list(found.values())
