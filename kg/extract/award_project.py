"""award_project: which project won or was selected for which award, in
which year, and the organisation behind it.

Winners are often listed a sentence or two after the award is named
(第四届世界互联网大会发布…领先科技成果。…入选成果包括甲公司的“…”、乙大学的“…”),
so a list of winners without an award of its own takes the award the article
named last. A rank (一等奖) stands for the contest the article names."""

from __future__ import annotations

import re

from ..models import AwardProject
from . import evidence_for
from .context import DocContext
from .lexicon import AWARD_VERBS, ORG_DESCRIPTORS_EN, alternation
from .names import looks_like_org
from .people import titled_people

_QUOTES = "“”\"「」『』"
_AWARD_ZH = re.compile(rf"(?P<award>[{_QUOTES}\u4e00-\u9fffA-Za-z0-9]{{1,24}}?(?:领先科技成果|科技成果|奖))(?![项金])")
_CONTEST_ZH = re.compile(rf"[{_QUOTES}\u4e00-\u9fffA-Za-z0-9]{{1,24}}?(?:大赛|竞赛|挑战赛)")
# Where an award's name starts: after the last of these words before 奖.
_AWARD_LEFT_EDGE = re.compile(r".*(?:获得|赢得|取得|获|荣获|斩获|摘得|夺得|入选|评选|问鼎|入围|当选|在|于|的|为|是|了|个|项|和|与|及|中|从|被|将|已|等(?!$)|年度|年|届|[“「『])")
_NOT_AN_AWARD = re.compile(r"^(?:该|此|本|获|大)?奖$|(?:颁|领|获|得)奖$")
_RANK = re.compile(r"(?:[一二三四五六七八九十]+等奖|特等奖|金奖|银奖|铜奖|优秀奖)$")
_YEAR_BEFORE = re.compile(r"(20\d\d)年(?:度)?(?:的)?[“「『]?$")
_VERB_ZH = re.compile(alternation(AWARD_VERBS) + r"|位列其中|名列其中|榜上有名|获(?=[^,，。;；]{0,10}奖)")
# 某公司的“项目”, 某公司凭借“项目”, “项目”（某公司）: one winner of a list.
_QUOTED_ITEM = re.compile(r"(?:(?P<org>[^、,，;；:：“”\"。]{2,30}?)(?:研发|推出|打造|开发|发布)?(?:的|凭借|依托))?"
                          r"[“\"「](?P<project>[^”\"」]{2,40})[”\"」](?:[(（](?P<owner>[^()（）]{2,30})[)）])?")
# 某公司的某项目位列其中 (no quotes): the owner and project before the verb.
_OWNER_OF = re.compile(r"(?:^|[,，、:：和与及])(?P<org>[^,，、:：。“”「」的]{2,30}?)(?:研发|推出|打造|开发|发布)?的(?P<project>[^,，、。“”「」]{2,30}?)(?=位列其中|名列其中|榜上有名|入选|获|在列|也在其中)")
# A list of winners that names no award itself: 入选成果包括…, 获奖项目分别是….
# 入选的15项成果中，甲的“…”、乙的“…”引人关注 counts them first.
_LIST_CUE = re.compile(r"(?:入选|获奖|获评|上榜)的?(?:[\d一二三四五六七八九十几多]+(?:个|项|款|件))?(?:成果|项目|作品|案例|产品)"
                       r"(?:还|也)?(?:包括|分别是|分别为|有|为|是|中)")
# Words before an owner's name: the list's lead, a conjunction, 由 (由某院研发的“…”).
_LIST_LEAD = re.compile(r"^(?:.*(?:包括|分别是|分别为|其中)[:：]?)?(?:和|与|及|以及|由)?")
_COUNTED = re.compile(r"^[\d一二三四五六七八九十几多]+(?:个|项|款|家|件)")
_REPRESENTATIVE = re.compile(r"^作为(?:该|这个)?项目(?:团队|方|研发团队)?的?(?:代表|负责人)")

_EN_WORD = r"[A-Z][\w-]*\s(?:(?:and|of|for|in|on)\s)?"
_AWARD_EN = re.compile(rf"(?:{_EN_WORD}){{1,8}}(?:Award|Prize|Achievement|Honou?r)s?")
# the 2023 "Straight to Wuzhen" Global Internet Competition
_CONTEST_EN = re.compile(rf"(?:[\"“][^\"”]{{2,40}}[\"”]\s)?(?:{_EN_WORD}){{1,6}}(?:Competition|Contest|Challenge)\b")
# A sentence of winners that names no award takes the one named last:
# "Among them were …", "… took first prize".
_CARRY_CUE_EN = re.compile(r"\b(?:[Aa]mong\sthem|[Ii]ncluding|[Ss]uch\sas)\b"
                           r"|\b(?:took|won|received|bagged|claimed)\s(?:the\s)?(?:[\w-]+\s){0,3}(?:prize|award|place)\b")
_EN_ORG = r"[A-Z][\w&.'’-]*(?:\s(?:(?:of|for|and|the)\s)*[A-Z][\w&.'’-]*){0,6}"
_QUOTED_WIN_EN = re.compile(
    rf"(?:(?P<org>{_EN_ORG})(?:'s|’s)\s)?[\"“](?P<project>[^\"”]{{2,60}})[\"”]"
    r"(?:,?\s(?:by|from|of|developed by)\s(?P<org2>[A-Z][\w&.-]*(?:\s(?:of\s)?[A-Z][\w&.-]*){0,5}))?,?"
    r"\s(?:project\s)?(?:won|received|was\sselected\sfor|was\samong|bagged|took|was\shonou?red\swith|"
    r"was\snamed|were\samong)")
# Lists of "Org's project": after "including", or as the subject of "were among the winners".
_LIST_AFTER_EN = re.compile(r"\b(?:including|such\sas|(?i:among\sthem)(?:\s(?:were|are))?)\s(?P<list>[^;:]+?)\.?$")
_LIST_BEFORE_EN = re.compile(r"^(?P<list>.+?)\s(?:were|was)\s(?:among\s(?:the\s)?(?:winners|recipients|honou?rees)\sof|"
                             r"named|selected\s(?:as|for)|honou?red\swith|awarded)\b|^(?P<list2>.+?),?\s(?:won|received|bagged|took|claimed)\s")
_LIST_SPLIT_EN = re.compile(r",\s*(?:and\s+)?|\s+and\s+(?=(?:the|an?)\s|[A-Z])")
_OWNED_EN = re.compile(rf"^(?:the\s)?(?P<org>{_EN_ORG})(?:'s|’s)\s(?P<project>[^\"“”]+)$")
_BY_ORG_EN = (r"(?:(?:developed|built|made|designed|created|launched|submitted)\sby|by|from)\s(?:the\s)?"
              rf"(?:{ORG_DESCRIPTORS_EN})?(?P<org>{_EN_ORG})$")
# "the Helix chip developed by Bayfront", "a fault prediction system from State Grid"
_MADE_BY_EN = re.compile(rf"^(?:[Tt]he\s|[Aa]n?\s)?(?P<project>[^,\"“”]+?)\s{_BY_ORG_EN}")
# "CareLink, an elderly-care robot from Singapore start-up Meralion Robotics"
_APPOSITIVE_EN = re.compile(rf"^(?P<project>[A-Z][\w-]*(?:\s[A-Z0-9][\w-]*)*),\s(?:an?|the)\s[^,]+?\s{_BY_ORG_EN}")
# "the Tianhe edge chip (Orion Labs)"
_OWNER_AFTER_EN = re.compile(rf"^(?:[Tt]he\s|[Aa]n?\s)?(?P<project>[^,()\"“”]+?)\s\((?P<org>{_EN_ORG})\)$")
# Clauses of one sentence that may each name a winner ("…, while …").
_CLAUSES_EN = re.compile(r",?\s(?:while|whereas)\s|;\s")

Found = tuple[str, "int | None", str, "str | None"]


def _names(pattern: re.Pattern, text: str) -> list[tuple[int, str, int | None]]:
    """(position, name, year) of each award or contest named in a sentence."""
    found = []
    for match in pattern.finditer(text):
        edge = _AWARD_LEFT_EDGE.match(match.group(0)[:-1])
        start = match.start() + (edge.end() if edge else 0)
        rank = _RANK.search(match.group(0))
        if rank:
            start = match.start() + rank.start()
        name = re.sub(f"[{_QUOTES}]", "", text[start : match.end()])
        if not rank and (len(name) < 3 or _NOT_AN_AWARD.search(name)):  # 金奖 is a rank, not a stray 奖
            continue
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


def _owner(phrase: str) -> str:
    """来自以色列的某某公司 → 某某公司: the organisation a description ends in."""
    tail = phrase.rsplit("的", 1)[-1]
    return tail if len(tail) >= 4 and looks_like_org(tail) else phrase


def _projects_zh(text: str, award_at: int, award: str) -> list[tuple[str, str | None]]:
    """(project, owner) pairs a sentence names."""
    found = []
    for match in _QUOTED_ITEM.finditer(text):
        project = match.group("project")
        if project in award or _COUNTED.match(project):
            continue
        org = match.group("owner") or _owner(_LIST_LEAD.sub("", match.group("org") or "").strip()) or None
        found.append((project, org))
    for match in _OWNER_OF.finditer(text):
        project = match.group("project").strip()
        if match.start() > award_at and not _COUNTED.match(project):
            found.append((project, match.group("org").strip()))
    return found


class _Awards:
    """The award (or contest) the article named last, sentence by sentence."""

    def __init__(self):
        self.award: tuple[str, int | None] | None = None
        self.contest: tuple[str, int | None] | None = None
        # The paragraph whose list of winners, parted by ；, runs on into the next sentence.
        self.listing: int | None = None

    def read(self, text: str) -> tuple[int, str, int | None] | None:
        """This sentence's own award, after noting what it names."""
        contests = _names(_CONTEST_ZH, text)
        if contests:
            self.contest = contests[0][1:]
        names = _names(_AWARD_ZH, text)
        proper = [a for a in names if not _RANK.match(a[1])]
        if proper:
            self.award = proper[0][1:]
        return (proper or names)[0] if names else None

    def resolve(self, own: tuple[int, str, int | None] | None) -> tuple[int, str, int | None] | None:
        if own and _RANK.match(own[1]) and self.contest:
            return (own[0], *self.contest)
        if own:
            return own
        return (0, *self.award) if self.award else None


def _zh(ctx: DocContext, index: int, text: str, awards: _Awards) -> list[Found]:
    own = awards.read(text)
    paragraph = ctx.sentences[index].paragraph
    listed = awards.listing == paragraph or bool(_LIST_CUE.search(text))
    awards.listing = paragraph if listed and text.endswith(("；", ";")) else None
    if not (_VERB_ZH.search(text) if own else listed):
        return []
    award = awards.resolve(own)
    if award is None:
        return []
    position, name, year = award
    year = year or ctx.year_of(text)
    return [(name, year, project, org or _representative_org(ctx, index))
            for project, org in _projects_zh(text, position if own else -1, name)]


def _item_en(item: str) -> tuple[str, str] | None:
    item = item.strip().rstrip(",")
    for pattern in (_OWNED_EN, _MADE_BY_EN, _APPOSITIVE_EN, _OWNER_AFTER_EN):
        match = pattern.match(item)
        if match:
            return match.group("project").strip(), match.group("org")
    return None


def _owned_list_en(text: str) -> list[tuple[str, str]]:
    found = []
    for clause in _CLAUSES_EN.split(text):
        for pattern in (_LIST_AFTER_EN, _LIST_BEFORE_EN):
            match = pattern.search(clause)
            if not match:
                continue
            items = match.group("list") or match.group("list2")
            # An appositive holds commas of its own; otherwise they part the winners.
            whole = _APPOSITIVE_EN.match(items.strip().rstrip(","))
            pairs = [_item_en(items)] if whole else [_item_en(item) for item in _LIST_SPLIT_EN.split(items)]
            found += [pair for pair in pairs if pair]
    return found


class _AwardsEn:
    """The award or contest an English article named last."""

    def __init__(self):
        self.last: tuple[str, int | None] | None = None

    def read(self, ctx: DocContext, text: str) -> tuple[str, int | None] | None:
        own = _AWARD_EN.search(text) or _CONTEST_EN.search(text)
        if own:
            name = re.sub(r"^(?:The\s)?(?:20\d\d\s+)?", "", re.sub(r"[\"“”]", "", own.group(0)).strip())
            self.last = (name, ctx.year_of(text))
            return self.last
        return self.last if _CARRY_CUE_EN.search(text) else None


def _en(ctx: DocContext, index: int, text: str, awards: _AwardsEn) -> list[Found]:
    award = awards.read(ctx, text)
    if not award:
        return []
    name, year = award
    found = [(name, year, m.group("project"), m.group("org") or m.group("org2")) for m in _QUOTED_WIN_EN.finditer(text)]
    if not found:
        found = [(name, year, project, org) for project, org in _owned_list_en(text)]
    return found


def extract(ctx: DocContext) -> list[AwardProject]:
    found = []
    zh = ctx.doc.language == "zh"
    finder, awards = (_zh, _Awards()) if zh else (_en, _AwardsEn())
    for index, sentence in enumerate(ctx.sentences):
        for award, year, project, org in finder(ctx, index, ctx.text(sentence), awards):
            found.append(AwardProject(lang=ctx.doc.language, award=award, year=year, project=project, org=org or None,
                                      evidence=evidence_for(ctx, sentence, "award_project.pattern", 0.75)))
    return found
