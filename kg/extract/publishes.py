"""publishes: which report, white paper or initiative was released, by whom,
in which year."""

from __future__ import annotations

import re

from ..models import Publishes
from . import evidence_for
from .context import DocContext
from .lexicon import COUNTRIES, ORG_SUFFIXES, RELEASE_VERBS, WORK_WORDS, alternation
from .names import ANAPHOR_ORG_ZH, ANAPHORS_ZH, antecedent_org, drop_full_stop
from .people import titled_people_en, titled_people_zh

_WORK = re.compile(r"《(?P<work>[^《》]{2,60})》")
_RELEASE = re.compile(alternation(RELEASE_VERBS))
_WORK_KIND = re.compile(alternation(WORK_WORDS))
# A work named without book marks right after its release: 发布了2015移动互联网安全态势报告，
# 发布星河发展指数指标体系和月亮发展指数指标体系: two, joined by 和.
_BARE_KINDS = r"(?:报告|白皮书|蓝皮书|指数|指标体系|年鉴|案例集)(?:\(?20\d\d\)?)?"
_BARE_WORK_ZH = re.compile(rf"(?:发布|发表|推出|公布|首发)了?(?P<work>[^,，。;；《》“”「」的、\s]{{4,40}}?{_BARE_KINDS})"
                           r"(?=[,，。;；]|和|与|及|$)")
_NEXT_BARE_WORK_ZH = re.compile(rf"(?:和|与|及|、)(?P<work>[^,，。;；《》“”「」的、\s和与及]{{4,40}}?{_BARE_KINDS})(?=[,，。;；]|和|与|及|$)")
# 发布了一份报告, 发布了最新研究报告: a description, not a title.
_NOT_A_TITLE = re.compile(r"^(?:[一两二三四五六七八九十多数几首\d]+[份部篇项个本]|该|这|此|其|相关|有关|最新|年度|系列|研究|新版)")
_CLAUSE = re.compile(r"[,，;；。!?！？]")
_BY_ZH = re.compile(rf"由(?P<org>[^,，。;；由]{{2,30}}?)(?P<adverb>牵头|负责|组织|共同|联合)?(?:{alternation(RELEASE_VERBS)})")
_AGENT_BEFORE_VERB = re.compile(rf"(?P<org>[^,，。;；《》]{{2,30}}?)(?P<when>当天|当日|同日|随后|今天|近日|日前)?(?P<adverb>正式|首次|联合|共同|重磅|还|也|已)?(?:{alternation(RELEASE_VERBS)})(?P<of>了|的)?(?:和|与)?$")
# 甲在峰会上发布: where it happened is not part of the publisher.
_WHERE_ZH = re.compile(r"(?<=..)在[^,，。;；《》]{1,15}?(?:上|期间|中|现场)$")
# 甲发布的《…》: whoever stands right before 发布的 released it, suffix or not.
_BARE_AGENT_ZH = re.compile(r"^[\u4e00-\u9fff]{2,12}$")
# 峰会期间发布的, 最新发布的: when or how, not who (adverbs _NO_SUBJECT knows are tested there)
_NOT_AN_AGENT_ZH = re.compile(r"(?:期间|当天|同期|会上|现场|上|中|时|后|前)$|^(?:最新|新近|近期|今年|本次|此次|本届)|峰会|大会|论坛|会议")
_NO_SUBJECT = re.compile(r"^(?:陆续|先后|相继|还|也|并|已|已经|曾|又|正式|首次|此前|同时|随后|近日|日前|联合)")
_LEADS = re.compile(r"([\u4e00-\u9fffA-Za-z]{2,15}?)牵头")
_TIME_NOISE = re.compile(r"^(?:近年来|近日|日前|此前|同时|此外|目前|当天|会上|今年|\d{1,2}月\d{1,2}日|20\d\d年)+")
# The summit as the subject of a release (本届世界互联网大会, 峰会, 大会 …还/首次/正式).
CONFERENCE_ZH = "世界互联网大会"
_SUMMIT_AGENT_ZH = re.compile(r"^(?:本届|此次|本次|今年)?(?:的)?(?:第[一二三四五六七八九十\d]{1,3}届)?(?:世界互联网大会)?(?:乌镇峰会|峰会|大会)?"
                              r"(?<=会)(?:$|(?:还|也|首次|正式|同期|同时|并)*(?:推出|发布|发表|公布|释出))")
_JOINT_ZH = re.compile(r"联同|会同|携手|联合|与|和|、")
# (部分, 部署: 部 that starts a word ends no organisation)
_ORG_PREFIX = re.compile(rf"^[^,，。;；《》]{{2,30}}(?:{alternation(ORG_SUFFIXES)})(?![分署件])")
_EARLIER_WORKS = re.compile(r"(?:《[^《》]*》(?:和|与|及|、)?)+$")
# 该倡议由某研究院联合12家机构共同发起: who made the works of a kind.
_MADE_BY_ZH = re.compile(
    rf"(?P<kind>{alternation(WORK_WORDS)})(?:均|都|皆|则)?由(?P<org>[^,，。;；]{{2,30}}?)"
    rf"(?:(?:联合|会同|携手)[^,，。;；]{{0,15}}?)?(?:牵头|负责|组织|共同)?(?:{alternation(RELEASE_VERBS)}|发起)")
# 该中心于峰会期间发布: the organisation the article named just before.
_MADE_BY_EN = re.compile(
    r"(?P<kind>reports?|white\spapers?|blue\sbooks?|initiatives?)\s(?:were|was|had\sbeen|have\sbeen)\s(?:jointly\s)?"
    r"(?:compiled|written|released|published|issued|prepared|drafted)\sby\s(?:the\s)?"
    r"(?P<org>[A-Z][\w&.-]*(?:\s(?:of\s|for\s|and\s|the\s)*[A-Z][\w&.-]*){0,7})")
# Unquoted English titles: "the Global Bandwidth Report 2022",
# "the White Paper on Trusted Data (2020)".
_TITLE_EN = re.compile(
    r"(?P<work>(?:[A-Z][\w-]*\s(?:(?:on|of|for|and|in)\s)?){0,8}(?:Report|White\sPaper|Blue\sBook|Initiative|Declaration|Index|Outlook|Charter|Consensus|Action\sPlan|Monitor|"
    r"Benchmark|Guidelines|Principles)"
    r"(?:\s(?:on|of|for)\s(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s\d)[A-Z][\w'’-]*(?:\s(?:(?:and|of|for|in|the)\s)*[A-Z][\w'’-]*)*)?(?:\s\(?20\d\d\)?)?)")
# "the Global Digital Youth Alliance, a network of …, issued the …": the
# publisher as the subject right before the work.
# "… released a report titled", "… jointly released a report, ": the subject
# is the publisher (or "the competition's organizing committee").
_AGENT_EN = re.compile(r"(?:The\s|the\s)?(?P<org>[A-Z][\w&.-]*(?:\s(?:of\s|for\s|and\s|the\s)*[A-Z][\w&.-]*){0,7}"
                       r"|(?:[a-z]+'s\s)?organi[sz]ing\scommittee)(?:,\s[^,]+,)?\s(?:has\s|have\s|had\s)?(?:also\s)?(?P<jointly>jointly\s)?"
                       r"(?:released|published|issued|unveiled|launched|presented|put\sforward|proposed)\s(?:the\s|an?\s|its\s)?"
                       r"(?:(?:joint\s|new\s)?(?:report|white\spaper|blue\sbook|study|document)(?:,\s|\s(?:titled|entitled|called|named)\s))?$")
# "unveiled its Post-Quantum Readiness white paper": a title without quotes
# before the word for its kind.
_NAMED_KIND_EN = re.compile(r"\b(?:released|published|issued|unveiled|launched|presented)\s(?:its|their|a|an|the)\s(?:new\s|latest\s|annual\s)?"
                            r"(?P<work>[A-Z][\w-]*(?:\s(?:[A-Z0-9][\w-]*|of|for|and|on|in|the|to))*?)\s"
                            r"(?:white\spaper|report|blue\sbook|index|outlook|benchmark|monitor)\b")
# A release told as news of the summit (at its forum, on Tuesday) dates from the article's summit.
_AT_THE_SUMMIT = re.compile(r"论坛|开幕式|\b(?:forum|sub-forum|summit|conference|ceremony|Monday|Tuesday|Wednesday|Thursday|"
                            r"Friday|Saturday|Sunday|today|yesterday)\b", re.I)
_BACKGROUND = re.compile(r"陆续|先后|相继|此前|以来|曾|已经|近年|多年|过去|\b(?:previously|earlier|already|has|have|had)\b")
_SINCE = re.compile(r"\b[Ss]ince\s(20\d\d)\b|自(20\d\d)年(?:起|以来)")
_YEAR_IN_TITLE = re.compile(r"(?:^|\D)(20\d\d)(?:\D|$)")
_LEAD_YEAR = re.compile(r"^\s*(20\d\d)年")
# A title in quotes; scraped pages close some with a double prime (“… Report 2023″, ′′ once normalised).
_WORK_EN = re.compile(r"[\"“](?P<work>[^\"”″′]{4,100})[\"”″′]")
# "will also be released during the event", "is to be released", "plans to release": not yet released.
_ANNOUNCED_EN = re.compile(r"\b(?:will|shall|to)\s(?:also\s)?(?:be\s)?(?:released|published|issued|unveiled|launched|release|publish)\b"
                           r"|\b(?:plans?|is\sset|are\sset|is\sexpected|are\sexpected)\sto\s(?:be\s)?(?:release|publish|unveil|launch)", re.I)
_RELEASE_EN = re.compile(r"\b(?:released|published|issued|unveiled|launched|presented|put forward|proposed|release\sof)\b", re.I)
_KIND_EN = re.compile(r"\b(?:report|white paper|blue book|initiative|declaration|proposal|index|guidelines?|action plan|"
                      r"concept paper|charter|consensus|study|benchmark|monitor|outlook|documents?)\b", re.I)
# "issued the “Joining Hands …”.": a quoted title that is the whole object of a release.
_RELEASED_TITLE_EN = re.compile(r"\b(?:released|published|issued)\s(?:the\s)?$")
_NEXT_WORK_EN = re.compile(r"[\"”]?(?:,\s|\s)(?:and\s)?(?:the\s)?[\"“]?")
_BY_EN = re.compile(r"(?P<jointly>\bjointly\s+)?\b(?:by|from)\s+(?:the\s+)?(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)(?P<org>[A-Z][\w&.-]*(?:\s(?:of\s|for\s|and\s|the\s)*[A-Z][\w&.-]*){0,7})")


def _agent(phrase: str) -> str | None:
    """The organisation or country a clause opens with, if any; a titled
    person's organisation (某会主席某某发表演讲，并代表促进会发布…)."""
    phrase = _TIME_NOISE.sub("", phrase)
    if _SUMMIT_AGENT_ZH.match(phrase):
        return CONFERENCE_ZH  # 本届大会还发布了…: the conference itself released it
    anaphor = ANAPHOR_ORG_ZH.match(phrase)  # 该中心在论坛上发布了…: resolved by the caller
    if anaphor:
        return anaphor.group(0)
    people = titled_people_zh(phrase)
    if people and people[0].titles and phrase.startswith(people[0].titles[0].org):
        return people[0].titles[0].org
    org = _ORG_PREFIX.match(phrase)
    if org and org.group(0) not in COUNTRIES:
        return org.group(0)
    for country in sorted(COUNTRIES, key=len, reverse=True):
        if phrase.startswith(country):
            return country
    return None


def _first_of_joint(org: str, adverb: str | None) -> str | None:
    """甲联同乙发表, 甲、乙联合发布, 甲与乙联合发布: the first of joint publishers
    (与 and 和 alone also join words inside one name: 网络空间与数字经济研究院)."""
    joint = _JOINT_ZH.search(org, 2)
    if joint and (joint.group(0) not in ("与", "和") or adverb in ("联合", "共同")):
        return org[: joint.start()]
    return None


def _publisher_zh(text: str, clause_start: int, work_start: int) -> str | None:
    by = _BY_ZH.search(text)
    if by:
        return _first_of_joint(by.group("org"), by.group("adverb")) or by.group("org")
    # 甲发布《A》与《B》: B's agent stands before A.
    head = _KIND_BEFORE_ZH.sub("", _EARLIER_WORKS.sub("", text[clause_start:work_start]))
    direct = _AGENT_BEFORE_VERB.search(head)
    if direct and not _NO_SUBJECT.match(direct.group("org")):
        org = _WHERE_ZH.sub("", direct.group("org"))
        # The first of joint publishers is one, even without a suffix (甲智算与乙实验室联合发布).
        joint = _first_of_joint(org, direct.group("adverb"))
        agent = _agent(joint or org) or (joint and _TIME_NOISE.sub("", joint))
        bare = _TIME_NOISE.sub("", org)
        # 甲发布的《…》 and 甲在峰会期间发布《…》: a subject that plainly released it, suffix or not
        plain_subject = direct.group("of") == "的" or org != direct.group("org") or bool(direct.group("when"))
        if not agent and plain_subject and _BARE_AGENT_ZH.match(bare) and not _NO_SUBJECT.match(bare) \
                and not _NOT_AN_AGENT_ZH.search(bare):
            agent = bare
        if agent:
            return agent
    if _NO_SUBJECT.match(head) or (direct and _NO_SUBJECT.match(direct.group("org"))):
        clauses = [c for c in _CLAUSE.split(text[:clause_start]) if c.strip()]
        if clauses:
            # 甲牵头，联合十余家企业发起《…》: who leads is the publisher, suffix or not.
            leader = _LEADS.fullmatch(clauses[-1].strip())
            return _agent(clauses[-1]) or (leader.group(1) if leader else None)
    return None


def _year(ctx: DocContext, work: str, text: str, index: int) -> int | None:
    since = _SINCE.search(text)
    if since:  # "Since 2017, the institute has released the …": its first release
        return int(since.group(1) or since.group(2))
    in_title = _YEAR_IN_TITLE.search(work)
    # Remote Care 2025 in a 2019 article: a horizon, not the year of release.
    if in_title and (ctx.default_year is None or int(in_title.group(1)) <= ctx.default_year):
        return int(in_title.group(1))
    lead = _LEAD_YEAR.match(text)
    if lead:
        return int(lead.group(1))
    for _, year in ctx.summits_in(text):
        if year is not None:
            return year
    if _AT_THE_SUMMIT.search(text):
        return ctx.default_year
    if index > 0:
        previous = ctx.sentences[index - 1]
        if ctx.sentences[index].paragraph - previous.paragraph <= 1:
            lead = _LEAD_YEAR.match(ctx.text(previous))
            if lead:
                return int(lead.group(1))
    # An undated release in an article about a summit is news of that summit,
    # unless it is told as background (陆续发布了…, had published).
    return None if _BACKGROUND.search(text) else ctx.default_year


# What may stand between a work and the word for its kind: more works of the list, a version, 两份, 等.
_LIST_TAIL_ZH = re.compile(r"^(?:[和与及、]?《[^》]+》|[(（][^()（）]{1,10}[)）]|两份|等|和|与|及|、)+")
# 年度成果文件——《…》, 成果性文件《…》: the kind named before the work.
_KIND_BEFORE_ZH = re.compile(rf"[\u4e00-\u9fff]{{0,4}}?(?:{alternation(WORK_WORDS)}|成果)[—\-－:：\s]*$")
# …》等成果, …》蓝皮书: the kind after the works of a list.
_KIND_AFTER_ZH = re.compile(rf"{alternation(WORK_WORDS)}|成果")
_RELEASED_RIGHT_BEFORE = re.compile(rf"(?:{alternation(RELEASE_VERBS)})了?$")
_WITH_A_KIND = re.compile(rf"(?:和|与|及|、)《[^《》]*(?:{alternation(WORK_WORDS)})[^《》]*》")
# 将发布, 将于…发布, 即将发布, 拟发布: a release announced for later is no tuple.
_ANNOUNCED_ZH = re.compile(rf"(?:将|即将|拟|计划)[^,，。;；《》]{{0,10}}?(?:{alternation(RELEASE_VERBS)})")


def _released_zh(text: str, match: re.Match) -> bool:
    """A work in book marks that its clause releases, and that is a report,
    white paper or the like (by its title or the word after it)."""
    work = match.group("work")
    clause_start = max((m.end() for m in _CLAUSE.finditer(text, 0, match.start())), default=0)
    clause_end_match = _CLAUSE.search(text, match.end())
    clause_end = clause_end_match.start() if clause_end_match else len(text)
    release = _RELEASE.search(text[clause_start:clause_end])
    if not release or release.group(0) == "提出" and "倡议" not in work:
        return False
    if _ANNOUNCED_ZH.search(text, clause_start, match.start()):
        return False  # 将发布《…》: announced for later, not yet released
    after = _LIST_TAIL_ZH.sub("", text[match.end():clause_end])
    # 甲发布《星河展望2018》: a dated title released by name is a document, whatever its kind;
    # so is one released with another that has a kind (发布了《星河展望》和《2017年…案例集》).
    direct = _RELEASED_RIGHT_BEFORE.search(text, clause_start, match.start())
    dated = direct and (_YEAR_IN_TITLE.search(work) or _WITH_A_KIND.match(text, match.end()))
    return bool(_WORK_KIND.search(work) or _KIND_AFTER_ZH.match(after) or _KIND_BEFORE_ZH.search(text, clause_start, match.start())
                or dated)


def _zh(ctx: DocContext, index: int, text: str) -> list[tuple[str, str | None, int | None]]:
    works = [(m.group("work").strip(), m.start()) for m in _WORK.finditer(text) if _released_zh(text, m)]
    for bare in _BARE_WORK_ZH.finditer(text):
        if not _NOT_A_TITLE.match(bare.group("work")):
            works.append((bare.group("work"), bare.start("work")))
            following = _NEXT_BARE_WORK_ZH.match(text, bare.end())
            while following:
                works.append((following.group("work"), following.start("work")))
                following = _NEXT_BARE_WORK_ZH.match(text, following.end())
    found = []
    for work, start in works:
        clause_start = max((m.end() for m in _CLAUSE.finditer(text, 0, start)), default=0)
        publisher = _publisher_zh(text, clause_start, start)
        if publisher and publisher.startswith(ANAPHORS_ZH):
            publisher = antecedent_org(publisher, ctx.doc.match_text[: ctx.sentences[index].start])
        found.append((work, publisher, _year(ctx, work, text, index)))
    return found


def _en(ctx: DocContext, index: int, text: str) -> list[tuple[str, str | None, int | None]]:
    if not _RELEASE_EN.search(text) or _ANNOUNCED_EN.search(text):
        return []
    works = []
    for match in _WORK_EN.finditer(text):
        work = match.group("work").strip().rstrip(",.")
        whole_object = _RELEASED_TITLE_EN.search(text, 0, match.start()) and re.match(r"[\"”″′]?\s*(?:[.,;]|$)", text[match.end():])
        if _KIND_EN.search(work) or _KIND_EN.search(text[max(0, match.start() - 20): match.end() + 20]) or whole_object:
            works.append((work, match.start(), match.end()))
    if not works:
        works = [(m.group("work"), m.start("work"), m.end()) for m in _NAMED_KIND_EN.finditer(text)]
    if not works:
        works = [(re.sub(r"^The\s", "", m.group("work").strip()), m.start(), m.end()) for m in _TITLE_EN.finditer(text)
                 if " " in m.group("work").strip()]
    found = []
    previous_end, publisher = -1, None
    for work, start, end in works:
        # "released the A and the B": the second shares the first's publisher.
        if not (previous_end >= 0 and _NEXT_WORK_EN.fullmatch(text, previous_end, start)):
            by = _BY_EN.search(text, end)
            publisher = _agent_en(text, start) or (_first_of_joint_en(drop_full_stop(by.group("org")), by.group("jointly"))
                                                   if by else None)
        found.append((work, publisher, _year(ctx, work, text, index)))
        previous_end = end
    return found


def _agent_en(text: str, work_start: int) -> str | None:
    """The subject that released the work; a titled speaker releases it for
    their organisation."""
    agent = _AGENT_EN.search(text, 0, work_start)
    if not agent:
        return None
    for person in titled_people_en(text):
        if person.name == agent.group("org") and person.titles:
            return person.titles[0].org
    return _first_of_joint_en(agent.group("org"), agent.group("jointly"))


def _first_of_joint_en(org: str, jointly: str | None) -> str:
    """"A and the B jointly released", "launched jointly by A and the B": the first
    of joint publishers ("and" alone may sit inside one name: Ministry of Industry and …)."""
    joint = re.search(r"\sand\s(?:the\s)?" if jointly else r"\sand\sthe\s", org)
    return org[: joint.start()] if joint else org


def _fill_collective_publisher(ctx: DocContext, found: list[Publishes]) -> list[Publishes]:
    """'蓝皮书由某研究院编写' (or "The two blue books were compiled by …") names
    the publisher of every work of that kind the article released without
    one, and of the works released in the sentence just before it."""
    made_by = _MADE_BY_ZH if ctx.doc.language == "zh" else _MADE_BY_EN
    makers = [(index, match.group("kind").lower().rstrip("s"), drop_full_stop(match.group("org")))
              for index, sentence in enumerate(ctx.sentences) for match in made_by.finditer(ctx.text(sentence))]
    if not makers:
        return found
    index_of = {sentence.start: index for index, sentence in enumerate(ctx.sentences)}
    filled = []
    for statement in found:
        if statement.publisher is None:
            quote = ctx.doc.match_text[statement.evidence.start : statement.evidence.end].lower()
            index = index_of[statement.evidence.start]
            for maker_index, kind, org in makers:
                if kind in quote or kind in statement.work.lower() or maker_index == index + 1:
                    statement = statement.model_copy(update={"publisher": org})
                    break
        filled.append(statement)
    return filled


def extract(ctx: DocContext) -> list[Publishes]:
    found = []
    finder = _zh if ctx.doc.language == "zh" else _en
    for index, sentence in enumerate(ctx.sentences):
        for work, publisher, year in finder(ctx, index, ctx.text(sentence)):
            found.append(Publishes(lang=ctx.doc.language, work=work, publisher=publisher, year=year,
                                   evidence=evidence_for(ctx, sentence, "publishes.pattern", 0.8)))
    return _fill_collective_publisher(ctx, found)
