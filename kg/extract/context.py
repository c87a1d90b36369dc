"""What a sentence needs from its article: which summit year it talks about,
and which outlet the article's bylines belong to."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..models import Document, Sentence
from .lexicon import FIRST_SUMMIT_YEAR, ordinal_value, year_of_ordinal

_ZH_ORDINAL = "[一二三四五六七八九十首两\\d]{1,3}"
_WIC_ZH = "(?:世界互联网大会|世界网际网路大会|世界互联网络大会)"
SUMMIT_ZH = re.compile(
    rf"(?:(?P<year>20\d\d)年)?(?:第(?P<ord>{_ZH_ORDINAL})届|(?P<first>首届))?{_WIC_ZH}(?:·)?(?:乌镇峰会)?"
    rf"|(?:(?P<year2>20\d\d)年)?(?P<first2>首届)?乌镇峰会"
    rf"|(?P<this>本届|今年|此次|本次)(?:的)?(?:世界互联网大会|乌镇峰会|峰会|大会)"
    rf"|(?P<first3>首届)(?:峰会|大会)"
)
_SUMMIT_WORDS = {"zh": ("大会", "峰会"), "en": ("conference", "summit")}
_EN_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12}
SUMMIT_EN = re.compile(
    r"(?:(?P<year>20\d\d)\s+|(?P<ord>\d{1,2})(?:st|nd|rd|th)\s+|(?P<word>first|second|third|fourth|fifth|sixth|"
    r"seventh|eighth|ninth|tenth|eleventh|twelfth)\s+)?(?:World\s+Internet\s+Conference(?:\s*\(WIC\))?|WIC)(?:\s+Wuzhen\s+Summit)?"
    r"|\b(?P<year3>20\d\d\s+)?Wuzhen\s+Summit(?:\s+(?P<year4>20\d\d))?\b"  # the 2022 Wuzhen Summit, Wuzhen Summit 2024
    r"|(?P<this>this year's|this|the(?:\s+\w+-day)?)\s+(?:summit|conference)\b"
    r"|\bthe\s+(?P<year2>20\d\d)\s+(?:summit|conference)\b(?!\s+(?:on|of|about)\b)",  # "the 2019 summit"
    re.IGNORECASE,
)
# An outlet's name: a run of Han characters ending in a press word, not
# preceded by further Han characters (中新社, 光明网, 中国日报网, 大公报);
# 本报 ("this paper") names none, and 记者 starts a byline, not an outlet.
OUTLET_ZH = (r"(?<![\u4e00-\u9fff])(?!本报|本台|本刊|记者)[\u4e00-\u9fff]{1,8}"
             r"(?:社|报|网|周刊|电视台|在线|新闻|客户端|视频|融媒体中心|传媒|频道|电台)")
_FILED = r"(?:(?P<month>\d{1,2})月)?(?P<day>\d{1,2})日(?:专?电|讯)"
DATELINE_ZH = re.compile(rf"(?P<outlet>{OUTLET_ZH})" r"(?:记者[\u4e00-\u9fff·]{2,8}?)?[\u4e00-\u9fff]{0,6}?" + _FILED)
# 某某快递北京9月28日电: an outlet of any name, where a line opens with it and a two-character place.
_DATELINE_ANY_ZH = re.compile(r"^(?!本报|本台|本刊)(?P<outlet>[\u4e00-\u9fff]{2,8}?)[\u4e00-\u9fff]{2}" + _FILED, re.M)
DATELINE_EN = re.compile(r"^[A-Z][A-Z .'-]+,\s+(?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+"
                         r"(?P<day>\d{1,2})\s+\((?P<outlet>[A-Za-z ]+)\)", re.M)
_MONTHS_EN = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
OUTLET_WORD_ZH = r"[\u4e00-\u9fff]{2,10}?(?:日报|时报|晚报|商报|报|周刊|网|社|电视台|在线|新闻)(?:海外版)?"
# Where a paper names itself: 《光明日报》(2017年…) footers, 【香港商报讯】 leads,
# (联合新闻网 2023-11-10) and 来源：浙江日报 credits.
_PAPER_MARKS = (
    re.compile(rf"《(?P<paper>{OUTLET_WORD_ZH})》\s*[(（]?\s*20\d\d年"),
    re.compile(rf"【(?P<paper>{OUTLET_WORD_ZH})讯】"),
    re.compile(rf"[(（](?:原文刊载于)?(?P<paper>{OUTLET_WORD_ZH})\s*20\d\d-\d\d-\d\d[)）]"),
    # 来源：某网-某日报海外版: the site carries the paper's page; the paper is the one its reporters write for
    re.compile(rf"来源[:：]\s*(?:{OUTLET_WORD_ZH}-)?(?P<paper>{OUTLET_WORD_ZH})(?![\u4e00-\u9fff])"),
)
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
# The conference in its Nth year (yearly since the first, so the Nth edition).
_NTH_YEAR_ZH = re.compile(rf"{_WIC_ZH}[^。，,]{{0,12}}?第(?P<ord>{_ZH_ORDINAL})(?:年|次)")
_DATE_YEAR = re.compile(r"(20\d\d)年\d{1,2}月\d{1,2}日|(?:January|February|March|April|May|June|July|August|"
                        r"September|October|November|December)\s+\d{1,2},\s+(20\d\d)|\b(20\d\d)-\d\d-\d\d\b")


def summit_year(match: re.Match, default: int | None) -> int | None:
    """The year a summit mention refers to, or `default` for 本届/this."""
    groups = match.groupdict()
    year = groups.get("year") or groups.get("year2") or groups.get("year3") or groups.get("year4")
    if year:
        return int(year)
    if groups.get("first") or groups.get("first2") or groups.get("first3"):
        return year_of_ordinal(1)
    if groups.get("ord"):
        value = ordinal_value(groups["ord"])
        return year_of_ordinal(value) if value else None
    if groups.get("word"):
        return year_of_ordinal(_EN_ORDINALS[groups["word"].lower()])
    return default


@dataclass
class DocContext:
    doc: Document
    sentences: list[Sentence]
    default_year: int | None = None
    outlet: str | None = None
    paper: str | None = None
    dateline: tuple[int | None, int] | None = None  # (month, day) the story is filed
    _summit_re: re.Pattern = field(init=False)
    # Several families ask the same questions of a sentence; answer each once.
    memo: dict = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._summit_re = SUMMIT_ZH if self.doc.language == "zh" else SUMMIT_EN
        self.default_year = self._default_year()
        zh = self.doc.language == "zh"
        text = self.doc.match_text
        dateline = (DATELINE_ZH.search(text) or _DATELINE_ANY_ZH.search(text)) if zh else DATELINE_EN.search(text)
        if dateline:
            self.outlet = dateline.group("outlet")
            month = dateline.group("month")
            month = (int(month) if zh else _MONTHS_EN.index(month.lower()) + 1) if month else None
            self.dateline = (month, int(dateline.group("day")))
        elif self.doc.page and self.doc.page.published:  # a web page's own date stands in for a dateline
            self.dateline = (self.doc.page.published.month, self.doc.page.published.day)
        self.paper = self._paper()

    def text(self, sentence: Sentence) -> str:
        """The sentence in simplified script (what the patterns match)."""
        return self.doc.match_text[sentence.start : sentence.end]

    def summits_in(self, text: str) -> list[tuple[re.Match, int | None]]:
        key = ("summits", text)
        if key not in self.memo:
            # Every mention ends in one of these words; most sentences have none.
            lowered = text.lower()
            named = any(word in lowered for word in _SUMMIT_WORDS[self.doc.language])
            self.memo[key] = [(m, summit_year(m, self.default_year)) for m in self._summit_re.finditer(text)] if named else []
        return self.memo[key]

    def year_of(self, text: str) -> int | None:
        """The summit a sentence talks about: its own explicit mention first."""
        for match, year in self.summits_in(text):
            if year is not None:
                return year
        return self.default_year

    def _paper(self) -> str | None:
        for mark in _PAPER_MARKS:
            found = mark.search(self.doc.match_text)
            if found:
                return found.group("paper")
        return None

    def paragraphs(self) -> list[list[Sentence]]:
        grouped: dict[int, list[Sentence]] = {}
        for sentence in self.sentences:
            grouped.setdefault(sentence.paragraph, []).append(sentence)
        return list(grouped.values())

    def month_of_day(self, day: int) -> int | None:
        """The month of a bare day (16日): the dateline's, or a full date's in
        the text (10月22日, or the end of a span 10月18日至22日)."""
        if self.dateline and self.dateline[0]:
            return self.dateline[0]
        full = re.search(rf"(\d{{1,2}})月(?:\d{{1,2}}日[至到~～\-–—]+)?{day}日", self.doc.match_text)
        return int(full.group(1)) if full else None

    def _default_year(self) -> int | None:
        """The summit the article is about: the year it names most, else the
        edition it numbers most (第五届), else the year of its dates, else the
        year it writes most, else the year a web page says it was published."""
        explicit, numbered = Counter(), Counter()
        for match in self._summit_re.finditer(self.doc.match_text):
            year = summit_year(match, None)
            if year is not None:
                by_ordinal = any(match.groupdict().get(g) for g in ("first", "first2", "first3", "ord", "word"))
                (numbered if by_ordinal else explicit)[year] += 1
        for nth in _NTH_YEAR_ZH.finditer(self.doc.match_text):  # 世界互联网大会在乌镇召开的第六年: the sixth edition
            value = ordinal_value(nth.group("ord"))
            if value:
                numbered[year_of_ordinal(value)] += 1
        dated = Counter(int(next(filter(None, groups))) for groups in _DATE_YEAR.findall(self.doc.match_text))
        # Last, the year the article writes most (报告2020, "Report 2020"), from the first summit's on.
        written = Counter(year for year in map(int, _YEAR.findall(self.doc.match_text)) if year >= FIRST_SUMMIT_YEAR)
        # (an edition named by its ordinal outweighs dates, which may be when a copy was posted)
        for counts in (explicit, numbered, dated, written):
            if counts:
                return max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0]
        return self.doc.page.published.year if self.doc.page and self.doc.page.published else None
