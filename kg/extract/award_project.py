"""award_project: which project won or was selected for which award, in
which year, and the organisation behind it."""

from __future__ import annotations

import re

from ..models import AwardProject
from . import evidence_for
from .context import DocContext
from .lexicon import AWARD_VERBS, alternation
from .names import org_before
from .people import titled_people

_AWARD_ZH = re.compile(r"(?P<award>[“”\"\u4e00-\u9fffA-Za-z0-9]{1,24}?(?:领先科技成果|科技成果|[奖]))(?![项金])")
# Where an award's name starts: after the last of these words before 奖.
_AWARD_LEFT_EDGE = re.compile(r".*(?:获得|荣获|获评|获颁|斩获|摘得|夺得|入选|评选|问鼎|入围|当选|在|于|的|为|是|了|个|项|和|与|及|中|从|被|将|已|等|年度|年)")
_YEAR_BEFORE = re.compile(r"(20\d\d)年(?:度)?(?:的)?$")
_PROJECT_QUOTED = re.compile(r"[“\"「](?P<project>[^”\"」]{2,40})[”\"」](?:项目|系统|平台|产品)?")
_OWNER_OF = re.compile(r"(?:^|[,，、:：和与及])(?P<org>[^,，、:：。“”的]{2,30}?)(?:研发|推出|打造|开发|发布)?的(?P<project>[^,，、。“”]{2,30}?)(?=位列其中|名列其中|榜上有名|入选|获|在列|也在其中)")
_VERB_ZH = re.compile(alternation(AWARD_VERBS) + "|位列其中|名列其中|榜上有名")
_REPRESENTATIVE = re.compile(r"^作为(?:该|这个)?项目(?:团队|方|研发团队)?的?(?:代表|负责人)")
_AWARD_EN = re.compile(r"(?P<award>(?:(?:20\d\d\s+)?World\s+Internet\s+Conference\s+)?(?:[A-Z][\w-]*\s){0,5}"
                       r"(?:Award|Prize|Achievements?|Honou?r))s?", re.I)
_WIN_EN = re.compile(
    r"(?:(?P<org>[A-Z][\w&.-]*(?:\s[A-Z][\w&.-]*){0,4})(?:'s|’s)\s)?[\"“](?P<project>[^\"”]{2,60})[\"”]"
    r"(?:,?\s(?:by|from|of|developed by)\s(?P<org2>[A-Z][\w&.-]*(?:\s(?:of\s)?[A-Z][\w&.-]*){0,5}))?,?"
    r"\s(?:project\s)?(?:won|received|was\sselected\sfor|was\samong|bagged|took|was\shonou?red\swith|"
    r"was\snamed|were\samong)")
_GENERIC_AWARD = re.compile(r"^(?:该|此|本|获|大)?奖$")


def _clean_award(award: str) -> str:
    edge = _AWARD_LEFT_EDGE.match(award[:-1])
    name = award[edge.end():] if edge else award
    return name.replace("“", "").replace("”", "").replace('"', "")


def _award_mentions(text: str) -> list[tuple[int, str, int | None]]:
    """(position, name, year) of each award named in a sentence."""
    found = []
    for match in _AWARD_ZH.finditer(text):
        name = _clean_award(match.group("award"))
        if len(name) < 3 or name.endswith(("获奖", "大奖")) and len(name) < 5 or _GENERIC_AWARD.match(name):
            continue
        start = match.end() - len(name)
        year = _YEAR_BEFORE.search(text, 0, start)
        found.append((start, name, int(year.group(1)) if year else None))
    return found


def _representative_org(ctx: DocContext, index: int) -> str | None:
    if index + 1 >= len(ctx.sentences):
        return None
    following = ctx.text(ctx.sentences[index + 1])
    if not _REPRESENTATIVE.match(following):
        return None
    people = titled_people(ctx, following)
    return people[0].titles[0].org if people and people[0].titles else None


def _zh(ctx: DocContext, index: int, text: str) -> list[tuple[str, int | None, str, str | None]]:
    awards = _award_mentions(text)
    if not awards or not _VERB_ZH.search(text):
        return []
    position, name, year = awards[0]
    year = year or ctx.year_of(text)
    found = []
    for match in _OWNER_OF.finditer(text):
        if match.start() > position:
            found.append((name, year, match.group("project").strip(), match.group("org").strip()))
    for match in _PROJECT_QUOTED.finditer(text):
        project = match.group("project")
        if project in name or position <= match.start() < position + len(name):
            continue
        before = text[: match.start()]
        org = None
        if before.endswith("的"):
            _, org = org_before(text, match.start() - 1)
        found.append((name, year, project, org or _representative_org(ctx, index)))
    return found


def _en(ctx: DocContext, index: int, text: str) -> list[tuple[str, int | None, str, str | None]]:
    award = _AWARD_EN.search(text)
    if not award:
        return []
    name = re.sub(r"^20\d\d\s+", "", award.group("award").strip())
    year = ctx.year_of(text)
    return [(name, year, m.group("project"), m.group("org") or m.group("org2")) for m in _WIN_EN.finditer(text)]


def extract(ctx: DocContext) -> list[AwardProject]:
    found = []
    finder = _zh if ctx.doc.language == "zh" else _en
    for index, sentence in enumerate(ctx.sentences):
        for award, year, project, org in finder(ctx, index, ctx.text(sentence)):
            found.append(AwardProject(lang=ctx.doc.language, award=award, year=year, project=project, org=org or None,
                                      evidence=evidence_for(ctx, sentence, "award_project.pattern", 0.75)))
    return found
