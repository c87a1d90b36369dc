"""summit_theme: the theme of a summit edition."""

from __future__ import annotations

import re

from ..models import SummitTheme
from . import evidence_for
from .context import DocContext

_QUOTED = r"[“\"「『](?P<theme>[^”\"」』]{4,200})[”\"」』]"
_ZH = [
    re.compile(rf"以\s*{_QUOTED}\s*为(?:主题|大会主题|年度主题)"),
    re.compile(rf"主题(?:是|为|定为|订为|确定为)\s*:?\s*{_QUOTED}"),
    re.compile(rf"{_QUOTED}\s*(?:成为|作为|是)(?:本届|当年|该届|大会|峰会)?(?:的)?主题"),
    re.compile(rf"围绕\s*{_QUOTED}\s*(?:的|这一|这个)?(?:大会)?主题"),
]
_EN = [
    # "Themed on the concept of aiming “…”": what the theme is called before it is quoted
    re.compile(rf"[Tt]hemed\s+(?:on\s+)?(?:the\s+(?:concept|idea|notion)\s+of\s+(?:\w+ing\s+)?)?{_QUOTED}"),
    re.compile(rf"under\s+the\s+theme\s+(?:of\s+)?{_QUOTED}", re.I),
    re.compile(rf"theme\s+(?:of\s+the\s+\w+(?:\s\w+)*?\s+)?(?:is|was|will\s+be)\s+{_QUOTED}", re.I),
    # "with / carried / bore the theme …"
    re.compile(rf"(?:with|carried|carries|carrying|bore|bears|bearing|had|has|having)\s+(?:the|a)\s+(?:main\s+)?theme\s+"
               rf"(?:of\s+)?{_QUOTED}", re.I),
    # "focuses on the theme …", "The theme for the 2016 conference: …"
    re.compile(rf"\bon\s+the\s+(?:main\s+)?theme\s+(?:of\s+)?{_QUOTED}", re.I),
    re.compile(rf"\btheme\s+(?:for|of)\s+[^:\"“]{{0,40}}?:\s*{_QUOTED}", re.I),
    re.compile(rf"\b(?:its|the)\s+(?:main\s+)?theme\s*:\s*{_QUOTED}", re.I),
    re.compile(rf"\bis\s+dedicated\s+to\s+{_QUOTED}", re.I),  # "The 2023 WIC Wuzhen Summit is dedicated to “…”"  # "… was held in Wuzhen. Its theme: “…”"
    # "took / adopted … as its theme"
    re.compile(rf"(?:took|takes|taking|adopted|adopts|chose|chooses)\s+{_QUOTED}\s+as\s+(?:its|the(?:ir)?)\s+"
               rf"(?:main\s+|overall\s+)?theme", re.I),
]
# The summit, not an expo or contest, must be what the theme belongs to.
_NOT_SUMMIT_ZH = re.compile(r"博览会|大赛|展会|展览|赛事|活动|论坛|座谈会|发布会|专场")
_LEAD_YEAR = re.compile(r"\s*(?:In\s+)?(20\d\d)\s*(?:年|,)")
_SUMMIT_WORD_ZH = re.compile(r"峰会|大会")
_NOT_SUMMIT_EN = re.compile(r"\b(?:expo|exhibition|competition|contest|forum|sub-forum|panel|discussion|session|workshop|"
                            r"seminar|dialogue|roundtable|tour|campaign)\b", re.I)


_EDITION_ZH = re.compile(r"(?:世界互联网大会|世界网际网路大会)·")


def _paragraph_before(ctx: DocContext, sentence) -> str:
    if "paragraph starts" not in ctx.memo:  # once a document: a long one has many themes to place
        starts: dict[int, int] = {}
        for each in ctx.sentences:
            starts.setdefault(each.paragraph, each.start)
        ctx.memo["paragraph starts"] = starts
    return ctx.doc.match_text[ctx.memo["paragraph starts"][sentence.paragraph] : sentence.start]


def _subject(text: str, start: int) -> str:
    """The clause before the theme, where its owner is named."""
    head = re.split(r"[,，;；。]", text[:start])[-1]
    return head


def extract(ctx: DocContext) -> list[SummitTheme]:
    found = []
    patterns = _ZH if ctx.doc.language == "zh" else _EN
    for sentence in ctx.sentences:
        text = ctx.text(sentence)
        for pattern in patterns:
            for match in pattern.finditer(text):
                owner = _subject(text, match.start())
                after = re.split(r"[,，;；。]", text[match.end():])[0]
                # "峰会于…举行，主题为“…”": the summit may be named clauses earlier.
                # or earlier in its paragraph (…第六届世界互联网大会闭幕。…嘉宾围绕“…”主题，…).
                scope = _paragraph_before(ctx, sentence) + text[: match.start()] + " " + after
                if ctx.doc.language == "zh":
                    # 世界互联网大会·某某论坛: an edition the conference held as a forum is the summit itself.
                    forum = _NOT_SUMMIT_ZH.search(owner) and not _EDITION_ZH.search(owner)
                    if forum or (not _SUMMIT_WORD_ZH.search(scope) and not _LEAD_YEAR.match(text)):
                        continue
                elif _NOT_SUMMIT_EN.search(owner) or _NOT_SUMMIT_EN.search(after[:40]):
                    continue  # '… as the theme of the rural tour': the theme belongs to something else
                year = _year(ctx, owner, after, text)
                if year is None:
                    continue
                theme = match.group("theme").strip().rstrip(",.，。")
                found.append(SummitTheme(lang=ctx.doc.language, summit=year, theme=theme,
                                         evidence=evidence_for(ctx, sentence, "summit_theme.pattern", 0.9)))
    return found


def _year(ctx: DocContext, owner: str, after: str, text: str) -> int | None:
    for part in (owner, after):
        for _, year in ctx.summits_in(part):
            if year is not None:
                return year
    lead = _LEAD_YEAR.match(text)
    if lead:
        return int(lead.group(1))
    return ctx.year_of(text)
