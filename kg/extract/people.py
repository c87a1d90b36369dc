"""People named with their titles: ``组织+职务+姓名``, ``A、B兼C`` title lists,
bylines, and the English shapes ``Name, Role of Org`` / ``Org's Role Name`` /
``Role of Org Name``. Both holds_role and speaks_at start from these."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from .context import OUTLET_WORD_ZH as _OUTLET_WORD_ZH, OUTLET_ZH, DocContext
from .lexicon import (
    COUNTRIES,
    DEMONYMS,
    GOVERNMENT_HEADS_ZH,
    NAME_TITLES,
    NATIONAL_TITLES_ZH,
    DEPARTMENTS_EN,
    ORG_DESCRIPTORS_EN,
    ORG_HEADS_EN,
    PARTY_COMMITTEES_ZH,
    PERSON_NOUNS_ZH,
    SPEECH_VERBS,
    alternation,
    role_words,
)
from .names import (
    ANAPHORS_ZH,
    POSSESSIVE_EN,
    CLAUSE_BREAK,
    antecedent_org,
    chinese_name_at,
    drop_full_stop,
    is_common_word,
    looks_like_org,
    name_after_title,
    native_name_at,
    org_before,
    role_re_en,
    role_re_zh,
    split_scope,
)


@dataclass(frozen=True)
class Title:
    org: str
    role: str


@dataclass(frozen=True)
class TitledPerson:
    name: str
    start: int  # offsets inside the sentence text
    end: int
    titles: tuple[Title, ...]
    confidence: float


_CONNECTOR = re.compile(r"^(?:兼任|兼|暨|、|和|及|并任|/)")  # 暨: Taiwan wording of 兼
_ORG_GAP_OK = re.compile(r"^[^,，。;；:：“”\"()（）《》]*$")


def _chain_titles(chain: list[tuple[str, str]]) -> tuple[Title, ...]:
    titles, org = [], ""
    for own_org, role in chain:
        # 浙江省委书记、省人大常委会主任: 省人大常委会 is the province's, 浙江省人大常委会.
        if own_org and org.endswith(PARTY_COMMITTEES_ZH) and own_org[0] == org[-2] and len(own_org) > 2:
            own_org = org.removeprefix("中共")[:-1] + own_org[1:]
        org = own_org or org
        if not own_org and role in NATIONAL_TITLES_ZH:
            titles.append(Title(org="中国", role=role))
        elif org:
            # 浙江省委副书记、省长: the governor heads the province, not its party committee.
            governs = not own_org and role in GOVERNMENT_HEADS_ZH and org.endswith(PARTY_COMMITTEES_ZH)
            held = org.removeprefix("中共")[:-1] if governs else org
            # 甲集团、乙集团前董事长: one post at each of two organisations
            parts = held.split("、")
            titles += [Title(org=part, role=role) for part in (parts if all(map(looks_like_org, parts)) else [held])]
    return tuple(titles)


def _clean_org(org: str, role: str) -> tuple[str, str]:
    org, scope = split_scope(org.rstrip("/ "))
    if len(org) < 2:  # (图/记者X摄): a photo credit's mark, not an organisation
        org = ""
    kind = _REPORTER_PREFIX.search(org) if role == "记者" else None
    if kind:  # 浙江在线全媒体记者: the paper's reporter, as the byline reads it
        org = org[:kind.start()]
    committee = role[:2]
    if committee in PARTY_COMMITTEES_ZH and role[2:] in role_words().zh and not org.endswith(PARTY_COMMITTEES_ZH):
        return org + committee, scope + role[2:]  # (中共)浙江 + 省委书记: the secretary of 浙江省委
    return org, scope + role


_HOLDING = ("担任", "现任", "时任", "出任")
_HOLDING_VERB = re.compile(rf"^.*?(?:{'|'.join(_HOLDING)})(?=.)")
_ACTS_ZH = re.compile(rf"(?:{alternation(SPEECH_VERBS)}|在|出席|参加|发表|作|致辞)")


def _name_before(text: str, end: int) -> int | None:
    """Where a person's name that ends at `end` starts (X（甲公司首席执行官）)."""
    for size in (3, 2, 4):
        start = end - size
        if start >= 0 and (start == 0 or text[start - 1] in CLAUSE_BREAK or text[start - 1] in "、，,") \
                and chinese_name_at(text[:end] + "说", start) == text[start:end] and text[start:end] not in PERSON_NOUNS_ZH:
            return start
    foreign = re.search(r"[\u4e00-\u9fff]{1,8}(?:[·•‧・][\u4e00-\u9fff]{1,10})+$", text[:end])
    return foreign.start() if foreign else None


_FORMER_ZH = ("前", "原")
_PLACE_ENDINGS = "省市县区州镇乡村国"  # 江南省副省长: a place, not a name, before the title


# 宣读林振宇主席贺信, 转达林振宇主席的问候: verbs whose object is a titled name.
_NAMED_BY_VERB = re.compile(r"^(?:宣读|转达|转交|会见|代表)")


def _ends_in_name(phrase: str) -> bool:
    """林振宇 (before 主席贺信): the phrase before a title is a person's name, not an organisation's."""
    name = _NAMED_BY_VERB.sub("", phrase)
    return len(name) in (2, 3) and not looks_like_org(name) and name[-1] not in _PLACE_ENDINGS \
        and not is_common_word(name) and native_name_at(name + "说", 0) == name


def _chain_closes(text: str, end: int) -> bool:
    """No further title or name follows: the clause ends after this title."""
    return end == len(text) or text[end] in "。，,；;！？!?”"


_CLAUSE_OPENING = re.compile(r"(?:^|[，,。；;：:“])\s*")


def _subject_before(text: str, end: int) -> tuple[int, str] | None:
    """The person whose name opens the last clause before `end` (甲…, or 甲院士…)."""
    found = None
    for opening in _CLAUSE_OPENING.finditer(text, 0, end):
        at = opening.end()
        name = name_after_title(text, at) or next(
            (text[at:at + size] for size in (3, 2) if native_name_at(text[:at + size] + "说", at) == text[at:at + size]
             and role_re_zh().match(text, at + size) and not is_common_word(text[at:at + size])), None)
        if name:
            found = (at, name)
    return found


def titled_people_zh(text: str) -> list[TitledPerson]:
    people: list[TitledPerson] = []
    chain: list[tuple[str, str]] = []
    chain_end = 0
    floor = 0
    for match in role_re_zh().finditer(text):
        gap = text[chain_end : match.start()]
        connector = _CONNECTOR.match(gap) if chain else None
        if chain and not gap:  # 执行主席高级顾问: the adviser to the executive chairman, one post
            chain[-1] = (chain[-1][0], chain[-1][1] + match.group(0))
        elif connector and _ORG_GAP_OK.match(gap[connector.end():]):
            org = gap[connector.end():]
            org, role = _clean_org(org, match.group(0)) if org else ("", match.group(0))
            former = chain[-1][1][:1]
            if connector.group(0) in ("兼", "兼任", "暨") and former in _FORMER_ZH and not role.startswith(_FORMER_ZH):
                role = former + role  # 前董事长兼首席执行官: both posts are former ones
            chain.append((org, role))
        else:
            start, org = org_before(text, match.start(), floor)
            holding = _HOLDING_VERB.search(org)  # 连续八年担任甲委员会主任: the organisation starts after the verb
            if holding:
                start, org = start + holding.end(), org[holding.end():]
            org, role = _clean_org(org, match.group(0))
            chain = [(org, role)]
        chain_end = match.end()
        # 林振宇主席贺信: a title after a name (the official style) is followed by no second name;
        # a title right after this one continues it.
        name = None if _ends_in_name(org) or role_re_zh().match(text, match.end()) else name_after_title(text, match.end())
        name_at = match.end()
        if not name and text[match.end():match.end() + 1] == "的" and text[max(0, start - 2):start] in _HOLDING:
            name_at = match.end() + 1  # 担任甲公司首席技术官的X表示: the name must go on to say or do something
            name = chinese_name_at(text, name_at)
            if name and not _ACTS_ZH.match(text, name_at + len(name)):
                name = None
        if not name and text[max(0, start - 2):start] in _HOLDING and _chain_closes(text, match.end()):
            # 甲院士…，连续八年担任乙委员会联席主任、丙委员会主席。: the posts are the subject's
            name_at, name = _subject_before(text, start - 2) or (match.end(), None)
        if not name and text[match.end():match.end() + 1] in "）)" and start > 0 and text[start - 1] in "（(":
            name_at = _name_before(text, start - 1)  # X（甲公司首席执行官）
            name = text[name_at:start - 1] if name_at is not None else None
        if name and chain[-1][0].endswith(("本报", "本台", "本刊")):
            chain, name = [], None
        if name:
            titles = _chain_titles(chain)
            if titles:
                confident = all(looks_like_org(t.org) for t in titles)
                people.append(TitledPerson(name, name_at, name_at + len(name), titles, 0.9 if confident else 0.7))
            chain = []
            floor = max(match.end(), name_at + len(name))
        elif not _CONNECTOR.match(text, match.end()) and not _ORG_GAP_OK.match(text[match.end():match.end() + 1] or ","):
            chain = []
    return people


_NAME_TITLE_RE = re.compile(alternation(NAME_TITLES))
_BODY_ENDINGS = "院部局署厅办委"


def officials_zh(text: str) -> list[TitledPerson]:
    """Name-then-title, the official style (某某主席): people without an org."""
    people = []
    for title in _NAME_TITLE_RE.finditer(text):
        for size in (3, 2):
            start = title.start() - size
            if start < 0 or (start > 0 and text[start - 1] not in CLAUSE_BREAK and text[start - 1] not in "、在和与及"):
                continue
            name = text[start : title.start()]
            if name[-1] in _BODY_ENDINGS:  # 国务院副总理: a body's title, not 国务院 the person
                break
            if chinese_name_at(text[: title.start()] + "说", start) == name:
                people.append(TitledPerson(name, start, title.start(), (), 0.6))
                break
    return people


# A byline ends at a bracket, a full stop, or the "/乌镇报导" / "报道：" that
# follows the names. An outlet may stand right before it (中新社记者 X 摄,
# 【经济日报/记者X/台北报导】).
_REPORTER_KIND = "(?:特约|特派|全媒体|融媒体|首席)?"  # 嘉兴日报全媒体记者 X: still a reporter of the paper
_REPORTER_PREFIX = re.compile(f"{_REPORTER_KIND[:-1]}$")
_BYLINE = re.compile(rf"[(（]?(?:《?(?P<outlet>{OUTLET_ZH})》?(?:讯\s*[(（])?/?\s*)?"
                     rf"(?P<body>(?:本报|本台|本刊)?{_REPORTER_KIND}记者[^)）。:：/】〕\]]{{2,80}})[)）]?")
_BYLINE_ROLE = re.compile(rf"(?P<own>本报|本台|本刊)?{_REPORTER_KIND}(?:记者|通讯员|实习生)")
# What may follow the names: credits, or a wire dateline (乌镇16日专电).
# 记者 陈某 乌镇报道: a place set apart after the names.
_SPACED_PLACE = re.compile(r"(?<=[\u4e00-\u9fff])\s[\u4e00-\u9fff]{2}(?=(?:报道|报导)$)")
_BYLINE_TAIL = re.compile(r"(?:参与采写|参与报道|采写|报道|报导|摄影|摄|发自.*|[\u4e00-\u9fff]{2}(?:\d{1,2}月)?\d{1,2}日专?电)$")


def byline_people(ctx: DocContext, text: str) -> list[TitledPerson]:
    """(记者张三、李四) after a dateline, or 本报记者 with the paper in the footer."""
    people = []
    for match in _BYLINE.finditer(text):
        body_start = match.start("body")
        pieces = list(_BYLINE_ROLE.finditer(match.group("body")))
        for i, role in enumerate(pieces):
            segment_end = pieces[i + 1].start() if i + 1 < len(pieces) else len(match.group("body"))
            names = _BYLINE_TAIL.sub("", _SPACED_PLACE.sub("", match.group("body")[role.end() : segment_end]))
            # 本报记者: the paper the page names, else the outlet of its dateline (浙江在线12月17日讯).
            own = ctx.paper or ctx.outlet
            outlet = own if role.group("own") else (match.group("outlet") or ctx.outlet or ctx.paper)
            if not outlet:
                continue
            offset = body_start + role.end()
            for name in _byline_names(names):
                at = text.find(name, offset)
                people.append(TitledPerson(name, at, at + len(name), (Title(outlet, "记者"),), 0.85))
    return people + _author_credit(ctx, text)


def _byline_names(names: str) -> list[str]:
    """The reporters' names at the head of a byline, up to the first piece that
    is no name: 本报记者 甲 乙 市委报道组 丙 摄 names 甲 and 乙 (丙 is credited
    by a group, with no role word), 记者 甲｜现场报道 names 甲."""
    found = []
    for piece in filter(None, re.split(r"[、,，\s|｜]+", names)):
        name = _byline_name(piece)
        if not name:
            if found:
                break
            continue
        found.append(name)
    return found


# 作者：甲 来源：某报 — a web page's credit line: the author writes for the source.
_AUTHOR_CREDIT = re.compile(r"作者\s*[:：]\s*(?P<name>[\u4e00-\u9fff·]{2,8}?)\s+(?:[^:：]{0,20}\s)?来源\s*[:：]\s*"
                            rf"(?P<outlet>{_OUTLET_WORD_ZH})(?![\u4e00-\u9fff])")


def _author_credit(ctx: DocContext, text: str) -> list[TitledPerson]:
    credit = _AUTHOR_CREDIT.search(text)
    name = credit and _byline_name(credit.group("name"))
    if not name:
        return []
    return [TitledPerson(name, credit.start("name"), credit.start("name") + len(name),
                         (Title(credit.group("outlet"), "记者"),), 0.8)]


def _byline_name(piece: str) -> str | None:
    """The name in one piece of a byline; 记者X乌镇报道 puts a two-character
    place between the name and 报道, so a native name without it wins."""
    for candidate in (piece, piece[:-2]):
        if len(candidate) >= 2 and native_name_at(candidate + "、", 0) == candidate:
            return candidate
    if 2 <= len(piece) <= 4 and chinese_name_at(piece + "、", 0) == piece:
        return piece
    return None


# A particle (van, de, bin) joins two capitalised words; a name ends where its word does.
# (a word that ends organisations' names — Group, Systems, University — is no word of a person's)
_NAME_WORD_EN = rf"(?!(?:{alternation(ORG_HEADS_EN)})\b)(?:[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:-[A-Za-z]+)?|[A-Z]\.)"
_EN_NAME = rf"(?!By\s){_NAME_WORD_EN}(?:\s(?:(?:van|de|von|bin|da|al)\s)?{_NAME_WORD_EN}){{1,3}}(?![\w-])"
# Capitalised words, lower-case joiners between them, and possessives ("Egypt's Ministry of …", "Robotics' lab").
# A word of a name may carry its acronym: "the Communist Party of China (CPC) Central Committee".
_EN_ORG_WORD = r"(?:[A-Z][\w&.-]*(?:\s\([A-Z][A-Za-z&]{1,9}\))?|\d\w*)"
# "… Group Co., Ltd.", "… Holdings Inc.": a company's legal form ends its name.
_EN_CORP = r"(?:,?\sCo\.,?\sLtd\.?|,?\sLtd\.|,?\sInc\.|,?\sCorp\.|,?\sLLC|,?\sPlc)"
_EN_ORG = rf"{_EN_ORG_WORD}(?:{POSSESSIVE_EN}?\s(?:(?:of|and|for|the|on|&|de)\s)*{_EN_ORG_WORD}){{0,9}}{_EN_CORP}?"
_ROLE_JOIN_EN = re.compile(r"\s(?:and|&)\s(?:an?\s)?")
# "the Chinese co-chair of": a nationality before a title is no part of it.
_DEMONYM_EN = f"(?:{alternation(DEMONYMS)})"
# "of the artificial intelligence-based online learning platform Learnwise.ai": lower-case words that say
# what the organisation is, before its name.
_DESCRIBED_EN = r"(?:[a-z][\w-]*\s){1,6}(?=[A-Z])"
# "the company", "the firm": an organisation named earlier in the article.
_COMPANY_ANAPHOR_EN = r"(?:company|firm|tech\sgiant|startup|start-up)"
_COMPANY_EN = re.compile(r"(?:[A-Z][\w&.-]*\s){0,3}[A-Z][\w&.-]*\s(?:Technologies|Technology|Group|Inc\.?|Corp\.?|Co\.|Ltd\.?|Company|"
                         r"Corporation|Holdings|Networks|Labs|Robotics|Electronics|Systems|Software|Telecom|Cloud)\b")
# Honours that take "members" are no organisation one holds a post in.
_HONOUR_BODIES = ("Hall of Fame", "名人堂")
# …unless those words are a unit of it: "the publicity department of the …".
_UNIT_EN = re.compile(r"(?:[a-z]+\s){0,3}(?:department|bureau|office|division|commission|committee|ministry)\sof\s(?:the\s)?")


@lru_cache(maxsize=1)
def _en_patterns() -> list[re.Pattern]:
    role = role_re_en()
    roles = rf"{role}(?:{_ROLE_JOIN_EN.pattern}{role})*"  # "chairman and CEO"
    return [
        # Name, CEO of the (Beijing-based) company: the company the article named before (resolved with the document)
        re.compile(rf"(?P<name>{_EN_NAME}),\s(?:the\s|an?\s)?(?P<role>{roles})\sof\sthe\s(?:[A-Z][\w-]*-based\s)?"
                   rf"(?P<org>{_COMPANY_ANAPHOR_EN})\b"),
        # Name, (the) Role of Org
        re.compile(rf"(?P<name>{_EN_NAME}),\s(?:the\s|an?\s)?(?:{_DEMONYM_EN}\s)?(?P<role>{roles})\s(?:of|at|for|with)\s(?:the\s)?"
                   rf"(?P<described>{_DESCRIBED_EN})?(?P<org>{_EN_ORG})"),
        # Name, (vice-)minister of justice: the ministry of that area
        re.compile(rf"(?P<name>{_EN_NAME}),\s(?P<role>(?:(?:vice|deputy|assistant)[- ])?minister)\sof\s(?P<area>[a-z]+(?:\s(?:and\s)?[a-z]+){{0,3}})(?=[,;.])"),
        # Name, Org role (for …): "Li Hua, UN under-secretary-general for economic and social affairs,"
        re.compile(rf"(?P<name>{_EN_NAME}),\s(?P<org>[A-Z]{{2,8}})\s(?P<role>{roles})(?:\sfor\s[a-z ]+)?(?=[,;.])"),
        # Name, Org's Role
        re.compile(rf"(?P<name>{_EN_NAME}),\s(?P<org>{_EN_ORG}){POSSESSIVE_EN}?\s(?P<role>{roles})(?=[,;.]|\s(?:said|says|told|noted|added))"),
        # Name, role, Org (press-release contacts)
        re.compile(rf"(?P<name>{_EN_NAME}),\s(?P<role>{roles}),\s(?P<org>{_EN_ORG})(?=[,;.]?\s*$|,\s(?:contributed|reported|wrote)\b)"),
        # Name (role, Org)
        re.compile(rf"(?P<name>{_EN_NAME})\s\((?P<role>{roles}),\s(?:the\s)?(?P<org>{_EN_ORG})\)"),
        # Role of Org Name
        # (a name that an organisation's words run on after is part of that organisation: "… Leading Internet Scientific and …")
        # ("… Systems in Ghana Kofi Mensah": where the organisation is, between it and the name)
        re.compile(rf"\b(?P<role>{roles})\sof\s(?:the\s)?(?P<org>{_EN_ORG})(?:\sin\s[A-Z][a-z]+)?,?\s(?P<name>{_EN_NAME})"
                   rf"(?!\s(?:(?:and|of|for|&)\s)?[A-Z])"),
        # Org('s) Role Name
        re.compile(rf"(?P<org>{_EN_ORG}){POSSESSIVE_EN}?\s(?P<role>{roles})\s(?P<name>{_EN_NAME})"),
    ]


@lru_cache(maxsize=1)
def _en_second_title() -> re.Pattern:
    """"…, director of X and a professor at Y": a further title after the first."""
    return re.compile(rf"\s(?:and|as\swell\sas)\s(?:an?\s|the\s)?(?:{_DEMONYM_EN}\s)?(?P<role>{role_re_en()})\s(?:of|at|for)\s"
                      rf"(?:the\s)?(?P<org>{_EN_ORG})")


_SECOND_TITLE_IN_ORG = re.compile(rf"\s(?:and|as\swell\sas)\s(?:an?\s|the\s)?(?:{_DEMONYM_EN}\s)?(?=(?:{role_re_en()})\s(?:of|at|for)\s)")


# "CNS reporters Wang Yue and Li Nan contributed to this story."
_EN_BYLINE = re.compile(rf"(?P<org>[A-Z][\w&]*(?:\s[A-Z][\w&]*){{0,3}})\s(?P<role>reporter|correspondent|photographer)s?\s"
                        rf"(?P<names>{_EN_NAME}(?:(?:,\s|,?\sand\s){_EN_NAME})*)")
# A web byline that states the role: "Reporter: Name | Outlet", "Correspondent: Name (Outlet)".
_EN_CREDIT = re.compile(rf"^(?P<role>Reporter|Correspondent|Photographer|Editor)\s*:\s*(?P<name>{_EN_NAME})\s*(?:\||,|\(|/)\s*"
                        rf"(?P<org>{_EN_ORG})\)?\s*$")
# A byline that names no role writes for its outlet all the same: "By Name | Outlet", "By NAME in Place | Outlet |
# Updated: …", "By Name, Outlet", "Outlet (Reporter Name)".
_EN_UPPER_NAME = r"[A-Z]{2,}(?:\s[A-Z]{2,}){1,2}"
_EN_BY = re.compile(rf"^By\s(?P<name>{_EN_NAME}|{_EN_UPPER_NAME})(?:\sin\s[^|,]+(?:,\s[^|,]+)?)?\s*(?:\||,)\s*"
                    rf"(?P<org>{_EN_ORG})\s*(?:\||$)")
_EN_CREDIT_AFTER = re.compile(rf"(?P<org>{_EN_ORG})\s\((?P<role>Reporter|Correspondent)s?:?\s(?P<name>{_EN_NAME})\)")
_CAPITALISED = re.compile(r"[A-Z0-9]")
_EN_ROLE_WORD = re.compile(r"(?i:reporter|correspondent|editor|writer|photographer)")
_ORG_STOP = {"The", "A", "An", "This", "That", "Its", "His", "Her", "Their", "Our", "Former", "Mr", "Ms", "Dr"}


_EN_DESCRIPTOR = re.compile(rf"^{ORG_DESCRIPTORS_EN}")
_COUNTRIES_EN = frozenset(COUNTRIES.values()) | frozenset(DEMONYMS.values())


def _trim_en_org(org: str) -> str:
    """Without a leading article or descriptor ("Hangzhou-based") and a
    sentence's full stop (but "Ltd." keeps its dot)."""
    words = _EN_DESCRIPTOR.sub("", org).split()
    while words and words[0] in _ORG_STOP:
        words.pop(0)
    org = drop_full_stop(" ".join(words))
    # "China's Huawei": the country is where the company is, not part of its name.
    owner = re.match(rf"(?P<country>[A-Z][\w ]*?){POSSESSIVE_EN}\s(?=[A-Z])", org)
    return org[owner.end():] if owner and owner.group("country") in _COUNTRIES_EN else org


# Modifiers that open a title and never end an organisation's name ("Harbor Global" may be a company).
_LEADING_MODIFIERS_EN = frozenset({"vice", "deputy", "chief", "senior", "assistant", "associate", "acting", "former",
                                   "managing", "executive", "staff"})


def _modifier_to_role(org: str, role: str) -> tuple[str, str]:
    """"Chinese Vice Premier": a capitalised modifier the organisation took belongs to the title."""
    words = org.split()
    # A department word ends many names (Information Technology): it moves only when it is the whole "organisation".
    while words and (words[-1].lower() in _LEADING_MODIFIERS_EN or (len(words) == 1 and words[0].lower() in DEPARTMENTS_EN)):
        role = f"{words.pop()} {role}"
    return " ".join(words), role


def _en_role(role: str) -> str:
    """Acronyms stay upper case ("rotating CEO"); other words are lower-cased."""
    return " ".join(word if word.isupper() else word.lower() for word in role.split(" "))


def _en_titles(match: re.Match, text: str, org_text: str | None = None) -> tuple[list[Title], int]:
    """The titles a match and a second title right after it name, and where they end."""
    groups = match.groupdict()
    if groups.get("area"):  # "vice-minister of justice": of the Ministry of Justice
        return [Title("Ministry of " + groups["area"].title().replace(" And ", " and "), _en_role(match.group("role")))], match.end()
    raw_org, end = org_text or match.group("org"), match.end()
    second = _SECOND_TITLE_IN_ORG.search(text, match.start("org"))
    if second and second.start() < match.end("org"):
        # "the X Academy and the Chinese co-chair of …", "… Work and Director of the …": a second title
        raw_org, end = text[match.start("org") : second.start()], second.start()
    next_person = _NEXT_PERSON_IN_ORG.search(raw_org) if _TITLE_FOLLOWS_EN.match(text, match.end("org")) else None
    if next_person:  # "deputy director of the X Administration and Ge Hui, head of …": the next person's
        raw_org, end = raw_org[: next_person.start()], match.start("org") + next_person.start()
    org, role = _modifier_to_role(_trim_en_org(raw_org), match.group("role"))
    if _UNIT_EN.fullmatch(groups.get("described") or ""):
        org = groups["described"] + match.group("org")  # "head of the publicity department of the X Committee"
    org = DEMONYMS.get(org, org)
    titles = [Title(part, _en_role(r)) for part in _two_organisations(org) for r in _ROLE_JOIN_EN.split(role)]
    more = _en_second_title().match(text, end)
    if more:
        titles.append(Title(_trim_en_org(more.group("org")), _en_role(more.group("role"))))
    return titles, more.end() if more else end


_NEXT_PERSON_IN_ORG = re.compile(rf"\sand\s(?={_EN_NAME}$)")
_TITLE_FOLLOWS_EN = re.compile(rf",\s(?:an?\s|the\s)?(?:{role_re_en()})\s(?:of|at|for)\s")
_HEAD_WORD_EN = re.compile(rf"\b(?:{alternation(ORG_HEADS_EN)})\b")


def _two_organisations(org: str) -> list[str]:
    """"the Chinese Academy of Engineering and American Academy of Arts and Sciences": one
    title at two organisations, where the parts on both sides of an "and" each have a head word."""
    for joint in re.finditer(r"\sand\s(?:the\s)?", org):
        left, right = org[: joint.start()], org[joint.end():]
        if _HEAD_WORD_EN.search(left) and _HEAD_WORD_EN.search(right) and right[:1].isupper():
            return [left, right]
    return [org]


def _en_bylines(text: str) -> list[TitledPerson]:
    people = []
    credit = _EN_CREDIT.match(text)  # "Reporter: Daniel Okoye | Harbor Line News"
    if credit:
        people.append(TitledPerson(credit.group("name"), *credit.span("name"),
                                   (Title(drop_full_stop(credit.group("org")), credit.group("role").lower()),), 0.8))
    by = _EN_BY.match(text)
    if by and not _EN_ROLE_WORD.search(by.group("org")):  # "By Name, Technology Correspondent, Outlet" is read below
        name = by.group("name").title() if by.group("name").isupper() else by.group("name")  # ZHOU MIN is Zhou Min
        people.append(TitledPerson(name, *by.span("name"), (Title(drop_full_stop(by.group("org")), "reporter"),), 0.8))
    for match in _EN_CREDIT_AFTER.finditer(text):
        people.append(TitledPerson(match.group("name"), *match.span("name"),
                                   (Title(_trim_en_org(match.group("org")), match.group("role").lower()),), 0.8))
    for match in _EN_BYLINE.finditer(text):
        for name in re.finditer(_EN_NAME, match.group("names")):
            start = match.start("names") + name.start()
            people.append(TitledPerson(name.group(0), start, start + len(name.group(0)),
                                       (Title(match.group("org"), match.group("role")),), 0.8))
    return people


@lru_cache(maxsize=1)
def _role_words_en() -> frozenset[str]:
    """Every word of every English role label, for a quick word-set test."""
    return frozenset(word for label in role_words().en for word in re.findall(r"[a-z]+", label))


# "Rita Gomez, who founded Harbor AI in 2016, said": a post told by its verb.
_EN_POST_VERBS = {"founded": "founder", "co-founded": "co-founder", "heads": "head", "headed": "head",
                  "leads": "head", "runs": "head", "chairs": "chair"}
_EN_WHO = re.compile(rf"(?P<name>{_EN_NAME}),\swho\s(?:now\s|also\s)?(?P<verb>{'|'.join(_EN_POST_VERBS)})\s"
                     rf"(?:the\s)?(?P<org>{_EN_ORG})(?=['’,.;]|\s(?:in|since|from|and|at|for|which|to)\b|$)")


def _en_who(text: str) -> list[TitledPerson]:
    people = []
    for match in _EN_WHO.finditer(text):
        # "who heads Helix Robotics' AI lab": the unit belongs to the company before the possessive.
        org = _trim_en_org(re.split(rf"{POSSESSIVE_EN}\s", match.group("org"))[0])
        if org and org != match.group("name") and org not in DEMONYMS:
            people.append(TitledPerson(match.group("name"), *match.span("name"),
                                       (Title(org, _EN_POST_VERBS[match.group("verb")]),), 0.75))
    return people


def titled_people_en(text: str) -> list[TitledPerson]:
    people: list[TitledPerson] = _en_bylines(text) + _en_who(text)
    # Every pattern below needs a role word; a set test is far cheaper than the regexes.
    if _role_words_en().isdisjoint(re.findall(r"[a-z]+", text.lower())):
        return people
    taken: list[tuple[int, int]] = [(p.start, p.end) for p in people]
    for pattern in _en_patterns():
        position = 0
        # (searched from where the last person's titles end, not from where the match did: "X, director of
        # A and Y, head of B" leaves Y to be read)
        while match := pattern.search(text, position):
            position = match.end()
            # A span another pattern has read (its name, role or org) is not read twice.
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            name, name_span, org_text = match.group("name"), match.span("name"), None
            if match.groupdict().get("org") and match.start("org") < match.start("name"):
                org_text, name, name_span = _resplit(text, match)
            name, country_titles = _titles_in_front(name)
            name_span = (name_span[1] - len(name), name_span[1])
            titles, end = _en_titles(match, text, org_text)
            titles += country_titles
            named = match.groupdict().get("org") or titles[0].org  # the name itself, without a unit before it
            proper = _CAPITALISED.match(named) or re.fullmatch(_COMPANY_ANAPHOR_EN, named)  # "the company" is resolved later
            if not titles[0].org or not proper or titles[0].org == name \
                    or name.rsplit(" ", 1)[-1] in ORG_HEADS_EN:
                continue
            taken.append((match.start(), end))
            position = end
            people.append(TitledPerson(name, *name_span, tuple(titles), 0.8))
    return sorted(people, key=lambda p: p.start)


def _org_ends(words: list[str]) -> bool:
    """Whether an organisation's name may end with these words: a head word, an acronym, a legal form."""
    last = words[-1].rstrip(",")
    return last in ORG_HEADS_EN or (last.isupper() and len(last) >= 2) or last in ("Ltd.", "Inc.", "Corp.", "LLC", "Plc") \
        or (last.endswith(")") and last.startswith("("))


def _resplit(text: str, match: re.Match) -> tuple[str, str, tuple[int, int]]:
    """"Secretary General of ARTCO Mohamed Ben Salah": where the organisation ends and
    the name starts, when the pattern let the organisation take the name's first words.
    The longest name (up to four words) after an organisation that may end there wins."""
    org, name = match.group("org"), match.group("name")
    words = org.split(" ")
    if _org_ends(words) or text[match.end("org") : match.start("name")] != " ":
        return org, name, match.span("name")
    for cut in range(1, len(words)):
        head, tail = words[:cut], words[cut:]
        candidate = " ".join(tail + [name])
        if len(tail) + len(name.split(" ")) <= 4 and re.fullmatch(_EN_NAME, candidate) and _org_ends(head):
            start = match.start("org") + len(" ".join(head)) + 1
            return " ".join(head), candidate, (start, match.end("name"))
    return org, name, match.span("name")


_TITLED_COUNTRY_EN = re.compile(rf"^(?P<demonym>{_DEMONYM_EN})\s")


def _titles_in_front(name: str) -> tuple[str, tuple[Title, ...]]:
    """"…, Chinese President Xi Ming": a national title before the name is a title of the country."""
    front = _TITLED_COUNTRY_EN.match(name)
    words = name[front.end():].split(" ") if front else []
    for size in (2, 1):  # "Vice Premier", "President"
        role = " ".join(words[:size])
        if len(words) >= size + 2 and re.fullmatch(role_re_en(), role):
            return " ".join(words[size:]), (Title(DEMONYMS[front.group("demonym")], role),)
    return name, ()


def titled_people(ctx: DocContext, text: str) -> list[TitledPerson]:
    key = ("people", text)
    if key not in ctx.memo:
        if ctx.doc.language == "en":
            people = [_resolve_company(ctx, text, p) for p in titled_people_en(text)]
            ctx.memo[key] = [p for p in people if p.titles]
        else:
            people = [_resolve_anaphors(ctx, text, p) for p in titled_people_zh(text)]
            ctx.memo[key] = sorted(people + byline_people(ctx, text), key=lambda p: p.start)
    return ctx.memo[key]


def _resolve_company(ctx: DocContext, text: str, person: TitledPerson) -> TitledPerson:
    """"Xu Ming, rotating CEO of the company": the last company the article named
    before (Northwind Technologies won …); none, no title. A member of an honour
    (Internet Hall of Fame) holds no post."""
    titles = []
    for title in person.titles:
        if re.fullmatch(_COMPANY_ANAPHOR_EN, title.org):
            at = ctx.doc.match_text.find(text)
            named = list(_COMPANY_EN.finditer(ctx.doc.match_text, max(0, at - 1500), at))
            title = Title(_trim_en_org(named[-1].group(0)), title.role) if named else None
        if title and not title.org.endswith(_HONOUR_BODIES):
            titles.append(title)
    return replace(person, titles=tuple(titles))


def _resolve_anaphors(ctx: DocContext, text: str, person: TitledPerson) -> TitledPerson:
    """该院执行院长X: the institute is the one the article named before."""
    if not any(t.org.startswith(ANAPHORS_ZH) for t in person.titles):
        return person
    before = ctx.doc.match_text[: ctx.doc.match_text.find(text)] + text[: person.start]
    titles = tuple(Title(antecedent_org(t.org, before) or t.org, t.role) for t in person.titles)
    return replace(person, titles=titles)
