"""People named with their titles: ``组织+职务+姓名``, ``A、B兼C`` title lists,
bylines, and the English shapes ``Name, Role of Org`` / ``Org's Role Name`` /
``Role of Org Name``. Both holds_role and speaks_at start from these."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .context import DocContext
from .lexicon import DEMONYMS, NAME_TITLES, alternation
from .names import (
    CLAUSE_BREAK,
    chinese_name_at,
    looks_like_org,
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


_CONNECTOR = re.compile(r"^(?:兼任|兼|、|和|及|并任|/)")
_ORG_GAP_OK = re.compile(r"^[^,，。;；:：“”\"()（）《》]*$")


def _chain_titles(chain: list[tuple[str, str]]) -> tuple[Title, ...]:
    titles, org = [], ""
    for own_org, role in chain:
        org = own_org or org
        if org:
            titles.append(Title(org=org, role=role))
    return tuple(titles)


def _clean_org(org: str, role: str) -> tuple[str, str]:
    org, scope = split_scope(org)
    return org, scope + role


def titled_people_zh(text: str) -> list[TitledPerson]:
    people: list[TitledPerson] = []
    chain: list[tuple[str, str]] = []
    chain_end = 0
    floor = 0
    for match in role_re_zh().finditer(text):
        gap = text[chain_end : match.start()]
        connector = _CONNECTOR.match(gap) if chain else None
        if connector and _ORG_GAP_OK.match(gap[connector.end():]):
            org = gap[connector.end():]
            org, role = _clean_org(org, match.group(0)) if org else ("", match.group(0))
            chain.append((org, role))
        else:
            start, org = org_before(text, match.start(), floor)
            org, role = _clean_org(org, match.group(0))
            chain = [(org, role)]
        chain_end = match.end()
        name = chinese_name_at(text, match.end())
        if name and chain[-1][0].endswith(("本报", "本台", "本刊")):
            chain, name = [], None
        if name:
            titles = _chain_titles(chain)
            if titles:
                confident = all(looks_like_org(t.org) for t in titles)
                people.append(TitledPerson(name, match.end(), match.end() + len(name), titles,
                                           0.9 if confident else 0.7))
            chain = []
            floor = match.end() + len(name)
        elif not _CONNECTOR.match(text, match.end()) and not _ORG_GAP_OK.match(text[match.end():match.end() + 1] or ","):
            chain = []
    return people


_NAME_TITLE_RE = None


def officials_zh(text: str) -> list[TitledPerson]:
    """Name-then-title, the official style (某某主席): people without an org."""
    global _NAME_TITLE_RE
    if _NAME_TITLE_RE is None:
        _NAME_TITLE_RE = re.compile(rf"(?={alternation(NAME_TITLES)})")
    people = []
    for title in re.finditer(alternation(NAME_TITLES), text):
        for size in (3, 2):
            start = title.start() - size
            if start < 0 or (start > 0 and text[start - 1] not in CLAUSE_BREAK and text[start - 1] not in "、在和与及"):
                continue
            name = text[start : title.start()]
            if chinese_name_at(text[: title.start()] + "说", start) == name:
                people.append(TitledPerson(name, start, title.start(), (), 0.6))
                break
    return people


_BYLINE = re.compile(r"[(（]?(?P<body>(?:本报|本台|本刊)?记者[^)）。]{2,80})[)）]?")
_BYLINE_ROLE = re.compile(r"(?P<own>本报|本台|本刊)?(?:特约)?(?:记者|通讯员|实习生)")
_BYLINE_TAIL = re.compile(r"(?:参与采写|参与报道|采写|报道|摄影|摄|发自.*)$")


def byline_people(ctx: DocContext, text: str) -> list[TitledPerson]:
    """(记者张三、李四) after a dateline, or 本报记者 with the paper in the footer."""
    people = []
    for match in _BYLINE.finditer(text):
        body_start = match.start("body")
        pieces = list(_BYLINE_ROLE.finditer(match.group("body")))
        for i, role in enumerate(pieces):
            segment_end = pieces[i + 1].start() if i + 1 < len(pieces) else len(match.group("body"))
            names = _BYLINE_TAIL.sub("", match.group("body")[role.end() : segment_end])
            outlet = ctx.paper if role.group("own") else (ctx.outlet or ctx.paper)
            if not outlet:
                continue
            offset = body_start + role.end()
            for name in re.split(r"[、,，\s]+", names):
                if 2 <= len(name) <= 4 and chinese_name_at(name + "、", 0) == name:
                    at = text.find(name, offset)
                    people.append(TitledPerson(name, at, at + len(name), (Title(outlet, "记者"),), 0.85))
    return people


_EN_NAME = r"(?:[A-Z][a-z]+(?:-[A-Za-z]+)?|[A-Z]\.)(?:\s(?:[A-Z][a-z]+(?:-[A-Za-z]+)?|[A-Z]\.|van|de|von|bin)){1,3}"
_EN_ORG = r"(?:[A-Z][\w&.-]*|\d\w*)(?:\s(?:(?:of|and|for|the|on|&|de)\s)*(?:[A-Z][\w&.-]*|\d\w*)){0,7}"
_EN_PATTERNS = None


def _en_patterns() -> list[re.Pattern]:
    global _EN_PATTERNS
    if _EN_PATTERNS is None:
        role = role_re_en()
        _EN_PATTERNS = [
            # Name, (the) Role of Org
            re.compile(rf"(?P<name>{_EN_NAME}),\s(?:the\s|a\s)?(?P<role>{role})\s(?:of|at|for)\s(?:the\s)?(?P<org>{_EN_ORG})"),
            # Name, Org's Role
            re.compile(rf"(?P<name>{_EN_NAME}),\s(?P<org>{_EN_ORG})(?:'s|’s)?\s(?P<role>{role})(?=[,;.]|\s(?:said|says|told|noted|added))"),
            # Role of Org Name
            re.compile(rf"(?P<role>{role})\sof\s(?:the\s)?(?P<org>{_EN_ORG}),?\s(?P<name>{_EN_NAME})"),
            # Org('s) Role Name
            re.compile(rf"(?P<org>{_EN_ORG})(?:'s|’s)?\s(?P<role>{role})\s(?P<name>{_EN_NAME})"),
        ]
    return _EN_PATTERNS


_CAPITALISED = re.compile(r"[A-Z0-9]")
_ORG_STOP = {"The", "A", "An", "This", "That", "Its", "His", "Her", "Their", "Our", "Former", "Mr", "Ms", "Dr"}


def _trim_en_org(org: str) -> str:
    words = org.split()
    while words and words[0] in _ORG_STOP:
        words.pop(0)
    return " ".join(words)


def titled_people_en(text: str) -> list[TitledPerson]:
    people: list[TitledPerson] = []
    taken: list[tuple[int, int]] = []
    for pattern in _en_patterns():
        for match in pattern.finditer(text):
            name_start, name_end = match.span("name")
            if any(a < name_end and name_start < b for a, b in taken):
                continue
            name = match.group("name")
            org = _trim_en_org(match.group("org"))
            if not org or not _CAPITALISED.match(org) or org == name:
                continue
            org = DEMONYMS.get(org, org)
            role = match.group("role")
            if role[:1].islower() or role.isupper() is False:
                role = role if role.isupper() else role.lower()
            taken.append((name_start, name_end))
            people.append(TitledPerson(name, name_start, name_end, (Title(org, role),), 0.8))
    return sorted(people, key=lambda p: p.start)


def titled_people(ctx: DocContext, text: str) -> list[TitledPerson]:
    if ctx.doc.language == "en":
        return titled_people_en(text)
    found = titled_people_zh(text) + byline_people(ctx, text)
    return sorted(found, key=lambda p: p.start)
