"""Recognisers for the pieces a relation is built from: people's names,
organisation phrases and role titles, in Chinese and English."""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import (
    AIDE_SUFFIXES_ZH,
    COMPOUND_SURNAMES,
    DEPARTMENTS_EN,
    EVENT_WORDS,
    FOREIGN_INITIALS,
    NAME_FOLLOWERS,
    ORG_DESCRIPTORS_ZH,
    ORG_SUFFIXES,
    ROLE_MODIFIERS_EN,
    ROLE_MODIFIERS_ZH,
    SCOPE_WORDS,
    SURNAMES,
    TRADE_WORDS_ZH,
    alternation,
    role_words,
)

HAN = "\u4e00-\u9fff"
# An English possessive: "Egypt's", "Robotics'" (a plural's bare apostrophe).
POSSESSIVE_EN = r"(?:['’]s|(?<=s)['’])"
FOREIGN_NAME = re.compile(rf"[{HAN}]{{1,8}}(?:[·•‧・][{HAN}]{{1,10}})*[·•‧・]")
CLAUSE_BREAK = set(",，。;；:：!?！？“”\"()（）《》「」『』【】〔〕\n—")
_LEADING_NOISE = re.compile(
    r"^(?:\d{1,2}月)?(?:\d{1,2}日)?(?:上午|下午|晚间|晚上)?"
    rf"(?:{alternation(ORG_DESCRIPTORS_ZH)}|"
    r"在|据|由|对此|其中|同时|此外|另外|而|但|并|与会的|出席的有|出席活动的有|包括|例如|比如|如|以及|作为|担任|现任|时任|"
    r"会上|会议上|论坛上|活动上|据悉|据介绍|记者|当天|随后|接着|最后|首先|他|她|来自|与|和|及|还有|即|、)+"
)
# 秘书长甲10日在…: a day of the month may follow a name too.
_NAME_FOLLOW_RE = re.compile(rf"(?:{alternation(NAME_FOLLOWERS)})|\d{{1,2}}日|[,，。;；:：、)）(（“\"!?！？\s]|$")
# 萨默斯（Ray Summers）: a name glossed with its Latin spelling, whatever its length.
_GLOSSED_NAME = re.compile(rf"[{HAN}·]{{2,10}}?(?=[(（][A-Z][A-Za-z.' -]{{1,40}}[)）])")
_UNDOTTED_FOREIGN = re.compile(rf"[{HAN}]{{3,6}}?(?=[、,，。;；]|等)")
ORG_SUFFIX_RE = re.compile(rf"(?:{alternation(ORG_SUFFIXES)})$")


@lru_cache(maxsize=1)
def role_re_zh() -> re.Pattern:
    mods = alternation(ROLE_MODIFIERS_ZH)
    # 委员 in 管理委员会, 理事 in 理事会, 书记 in 书记处, 主席 in 主席团: a role word before 会/处/团 names a body.
    # 总统助理, 总理特使: an aide's post is named after the post it serves.
    return re.compile(rf"(?:(?:{mods})(?:、)?)*(?:{alternation(role_words().zh)})(?:{alternation(AIDE_SUFFIXES_ZH)})?(?![会处团])")


@lru_cache(maxsize=1)
def role_re_en() -> str:
    """One English title: "senior vice-president", "communications manager",
    "head of public policy" (the area in lower case)."""
    mods = alternation(ROLE_MODIFIERS_EN)
    return (rf"(?i:(?:{alternation(DEPARTMENTS_EN)})\s)?(?i:(?:(?:{mods})[- ])*(?:{alternation(role_words().en)}))"
            r"(?:\sof\s(?!the\s)[a-z]+(?:\s[a-z]+){0,2}(?=\s(?:at|of|for)\s))?")


def chinese_name_at(text: str, pos: int) -> str | None:
    """A person's name starting at `pos`, judged by surname and what follows."""
    foreign = FOREIGN_NAME.match(text, pos)
    if foreign:
        for end in range(foreign.end() + 1, min(foreign.end() + 10, len(text)) + 1):
            if not "\u4e00" <= text[end - 1] <= "\u9fff":
                return None
            if _NAME_FOLLOW_RE.match(text, end):
                return text[pos:end]
        return None
    glossed = _GLOSSED_NAME.match(text, pos)
    if glossed:
        return glossed.group(0)
    return native_name_at(text, pos) or _undotted_foreign_name_at(text, pos)


def name_after_title(text: str, pos: int) -> str | None:
    """The name right after a title (主席林振宇发来贺词): what follows a name
    is often a verb no cue list has, so where the cue words find no end,
    jieba's word segmentation (its dictionary ships in the package) says
    where the name's word ends."""
    found = chinese_name_at(text, pos)
    if found:
        return None if is_common_word(found) else found  # 代表齐聚一堂: an idiom, not a transliterated name
    if text[pos : pos + 1] not in SURNAMES:
        return None
    words = _segmenter().lcut(text[pos : pos + 8])
    if len(words) > 1 and len(words[0]) == 1 and 1 <= len(words[1]) <= 2 and _rare(words[1]):
        words = [words[0] + words[1], *words[2:]]  # 张 / 明远 / 发来: a surname the segmenter left alone
    if len(words) > 2 and len(words[0]) == 2 and len(words[1]) == 1 and _rare(words[1]) and not _rare(words[2][:1]):
        words = [words[0] + words[1], *words[2:]]  # 陈品 / 妤 / ／: a last character before the phrase ends
    if len(words) > 1 and 2 <= len(words[0]) <= 3 and _rare(words[0]) and not role_re_zh().match(words[1]):
        # 刘某以视频方式: the segmenter may keep a preposition or adverb with the name
        return words[0][:2] if len(words[0]) == 3 and words[0][2] in _FUNCTION_CHARS else words[0]
    return None


# Prepositions and adverbs that follow a name (甲以视频方式, 甲在会上, 甲并致辞), not the end of one.
_FUNCTION_CHARS = set("以在向对与和及为于将就等也则还又并已曾从给由把被")


# A given name is a rare word: 明远, 宝龙 (but not 历届, 全体 or 高度, which follow titles as words).
_COMMON_WORD = 300


def is_common_word(word: str) -> bool:
    """A word of the language, not a name: a frequent one (哈萨克, 全体), or a
    four-character entry of the dictionary (齐聚一堂); names are neither."""
    frequency = _segmenter().FREQ.get(word)
    return frequency is not None and (len(word) >= 4 or frequency >= _COMMON_WORD)


def _rare(word: str) -> bool:
    """Han characters that make no frequent word: a given name may be that."""
    return all(map(_is_han, word)) and (_segmenter().FREQ.get(word) or 0) < _COMMON_WORD


@lru_cache(maxsize=1)
def _segmenter():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    segmenter = jieba.Tokenizer()
    segmenter.initialize()  # FREQ is read before any cut
    return segmenter


@lru_cache(maxsize=1)
def _tagger():
    from jieba.posseg import POSTokenizer

    return POSTokenizer(_segmenter())


def leading_org_word(phrase: str) -> str | None:
    """The organisation a phrase opens with where jieba's part-of-speech tag says so (nt):
    税务局智能办税平台 → 税务局. Its tags are uneven (many company names come out as nz, nr
    or even ns), so None says nothing."""
    first = next(iter(_tagger().cut(phrase)), None)
    return first.word if first and first.flag == "nt" and len(first.word) >= 2 else None


def native_name_at(text: str, pos: int) -> str | None:
    head = 2 if text.startswith(COMPOUND_SURNAMES, pos) else 1
    if head == 1 and text[pos : pos + 1] not in SURNAMES:
        return None
    for given in (1, 2):
        end = pos + head + given
        name = text[pos:end]
        if len(name) != head + given or not all("\u4e00" <= c <= "\u9fff" for c in name):
            return None
        if _NAME_FOLLOW_RE.match(text, end):
            return name
    return None


def _undotted_foreign_name_at(text: str, pos: int) -> str | None:
    """梅德维杰夫、卡洛斯、…: a longer transliterated name, only where a list mark or
    full stop closes it, and no word of the dictionary."""
    if text[pos : pos + 1] not in SURNAMES and text[pos : pos + 1] not in FOREIGN_INITIALS:
        return None
    found = _UNDOTTED_FOREIGN.match(text, pos)
    return found.group(0) if found and not is_common_word(found.group(0)) else None


_KEEPS_DOT = ("Ltd.", "Inc.", "Co.", "Corp.", "Bhd.", "Plc.")


def drop_full_stop(name: str) -> str:
    """An English name without the sentence's full stop ("Ltd." keeps its dot)."""
    return name if not name.endswith(".") or name.endswith(_KEEPS_DOT) else name.rstrip(".")


def looks_like_org(phrase: str) -> bool:
    return bool(ORG_SUFFIX_RE.search(phrase))


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


_MEETING_VERB = re.compile(r"^(?:会晤|会见|拜会|拜访|接见|陪同|见证|邀请|宣读)(?=.)")
_DUTY = re.compile(r"(?:负责|分管|主管|主持)[^,，。]{1,10}?(?:工作)?$")
_SCRAPED_TOKEN = re.compile(rf"^[a-z]{{1,3}}\d{{1,4}}(?=[{HAN}])")


def _after_description(phrase: str) -> int:
    """连续两届参加发布会的中国工程院: the organisation after its description."""
    at = phrase.rfind("的")
    return at + 1 if at > 0 and len(phrase) - at > 4 and looks_like_org(phrase[at + 1:]) else 0


def _after_caption(phrase: str) -> int:
    """发布会现场 某在线: a caption's words before a space between Han characters are not the organisation."""
    at = phrase.rfind(" ")
    return at + 1 if 0 < at < len(phrase) - 1 and _is_han(phrase[at - 1]) and _is_han(phrase[at + 1]) else 0


def _matched_end(pattern: re.Pattern):
    return lambda phrase: (found.end() if (found := pattern.match(phrase)) else 0)


# What stands before an organisation's name and is no part of it, in the order it is cut:
# a description, a caption, a verb of meeting (并会晤中央…办公室副主任), a scraper's page token (p18中共中央).
_LEADING_CUTS = (_after_description, _after_caption, _matched_end(_MEETING_VERB), _matched_end(_SCRAPED_TOKEN))
_HOSTED_BY = re.compile(rf"^[^由]{{0,20}}?(?:{alternation(EVENT_WORDS)})由")
_TRADE_PREFIX = re.compile(rf"^[{HAN}]{{0,6}}?(?:{alternation(TRADE_WORDS_ZH)})")
_DESCRIBED_LATIN = re.compile(rf"^[{HAN}]{{2,12}}?(?:企业|公司|厂商|业者|机构|集团|品牌|新创|初创)(?=[A-Z][A-Za-z])")
_LATIN_GLOSS = re.compile(r"[(（][A-Za-z][A-Za-z0-9&.,' -]{1,60}[)）]$")


def org_before(text: str, end: int, floor: int = 0) -> tuple[int, str]:
    """The organisation phrase that ends at `end`: back to a clause break,
    without leading function words. Returns (start, phrase); phrase may be ''."""
    gloss = _LATIN_GLOSS.search(text, floor, end)  # 甲公司（Felden Software）执行长: the gloss is not the org
    if gloss:
        end = gloss.start()
    start = end
    while start > floor and text[start - 1] not in CLAUSE_BREAK and end - start < 40:
        start -= 1
    phrase = text[start:end]
    noise = _LEADING_NOISE.match(phrase)
    if noise and noise.end() < len(phrase):
        start += noise.end()
        phrase = phrase[noise.end():]
    hosted = _HOSTED_BY.match(phrase)  # 开幕式由浙江省委书记X主持: the host's organisation starts after 由
    if hosted and hosted.end() < len(phrase):
        start += hosted.end()
        phrase = phrase[hosted.end():]
    if phrase.endswith("的"):
        phrase = phrase[:-1]
    for cut in _LEADING_CUTS:
        drop = cut(phrase)
        start, phrase = start + drop, phrase[drop:]
    duty = _DUTY.search(phrase)  # 某部负责日常工作的副部长: the duty is no part of the organisation
    if duty and duty.start() >= 2:
        phrase = phrase[: duty.start()]
    trade = _TRADE_PREFIX.match(phrase)
    if trade and len(phrase) - trade.end() >= 3 and not ORG_SUFFIX_RE.fullmatch(phrase[trade.end():]):
        start += trade.end()  # 德国工业软件商X公司 is X公司; but 云服务商联盟 is the alliance itself
        phrase = phrase[trade.end():]
    described = _DESCRIBED_LATIN.match(phrase)  # 美国网络安全企业Ironclad Systems: the company is its Latin name
    if described:
        start += described.end()
        phrase = phrase[described.end():]
    return start, phrase


# 联合国开发计划署驻华(代表); not an office of its own (省政府驻京办)
_POSTED_TO = re.compile(rf"(?<=[{HAN}]{{2}})驻[{HAN}]{{1,3}}(?<![办处站部所馆团组])$")


def split_scope(org: str) -> tuple[str, str]:
    """'某公司全球前沿技术' → ('某公司', '全球前沿技术'): a scope word that does not
    start a proper organisation name belongs to the post, as does a posting
    ('…署驻华' of 驻华代表)."""
    posted = _POSTED_TO.search(org)
    if posted:
        return org[:posted.start()], posted.group(0)
    for word in SCOPE_WORDS:
        at = org.find(word, 2)
        if at > 0:
            tail = org[at:]
            if not looks_like_org(tail):
                return org[:at], tail
    return org, ""


ANAPHORS_ZH = ("该", "此", "这家", "这个", "这所")
ANAPHOR_ORG_ZH = re.compile(rf"^(?:{alternation(ANAPHORS_ZH)})(?P<suffix>{alternation(ORG_SUFFIXES)})")


def antecedent_org(org: str, before: str) -> str | None:
    """该院, 该公司: the last organisation with that suffix named in `before`
    (the article up to the anaphor), if any."""
    anaphor = ANAPHOR_ORG_ZH.match(org)
    if not anaphor:
        return None
    suffix = anaphor.group("suffix")
    at = before.rfind(suffix)
    while at > 0:
        # 研究院院长: a suffix that starts a role word ends no name; 该中心
        # is an earlier mention of the anaphor itself.
        if not role_re_zh().match(before, at) and not before.endswith(ANAPHORS_ZH, 0, at):
            phrase = org_before(before, at + len(suffix))[1]
            if len(phrase) > len(suffix) + 1 and not ANAPHOR_ORG_ZH.match(phrase) and looks_like_org(phrase):
                return phrase
        at = before.rfind(suffix, 0, at)
    return None
