"""speaks_at: who spoke at which forum, ceremony or dialogue of which summit.

A speaker is a person (titled, listed, or named bare where a verb of speech
frames them) with a verb of speech in their own clause. The event is named in
the speaker's sentence (before or after the name); else the story carries it:
a list of speakers runs on, an event set up without a speaker reaches the next
paragraph of the story, a forum that is the subject of its sentence (某论坛在乌镇举行)
stays the story's event until another is named, 也/also goes on where the last
speaker spoke, and "He said …" gives the last person named their event. Where
only the summit is named (在大会上, "at the conference"), the event is the summit.
An event someone tells of (据甲介绍，在乙活动中…; 甲介绍，“乙活动”旨在…) is not where they spoke.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import SpeaksAt
from . import evidence_for
from .context import DocContext
from .lexicon import EVENT_WORDS, SPEECH_VERBS, alternation
from .people import _EN_NAME as EN_NAME
from .names import chinese_name_at
from .people import TitledPerson, officials_zh, titled_people

_EVENT_ZH = re.compile(
    rf"(?:在|于|出席|参加|主持)了?(?P<event>(?:“[^”]{{1,40}}”|「[^」]{{1,40}}」|[^,，。;；:：、!?！？()（）”」]){{0,40}}?"
    rf"(?:{alternation(EVENT_WORDS)})[”\"」]?)(?=上|中|期间|现场|时|并|致辞|致词|发言|演讲|讲话|主题|主旨|环节|[,，。;；]|$)"
    rf"|(?:^|[,，])(?P<event2>[^,，。;；:：在!?！？]{{0,30}}?(?:{alternation(EVENT_WORDS)}))(?=(?:上|期间)[,，]|[,，](?:出席|参加|致辞))"
    # 人工智能论坛由某大学承办，…; 20日上午，2031甲杯大赛颁奖仪式在乌镇举行: the event as the subject
    # of its own sentence (a forum or ceremony, not the summit itself: 某某峰会于…举行 is the summit's own sentence)
    r"|(?:^|[,，])(?:(?:\d{1,2}月)?\d{1,2}日(?:上午|下午|晚上|晚间)?[,，]?)?"
    r"(?P<event3>[^,，。;；:：在!?！？\s]{1,40}?(?:分论坛|论坛|开幕式|闭幕式|研讨会|座谈会|圆桌会|对话|发布会|颁奖典礼|颁奖仪式))"
    r"(?=(?:\d{1,2}日)?(?:由|于|在))"
)
# "Sub-forum on November 20" is a date, not the forum's topic.
# "Forum on Wednesday afternoon" is a time, not a topic.
_NOT_TOPIC = (r"(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?\s+\d"
              r"|\d{1,2}\b|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)")
# "a sub-forum on frontier AI models on Wednesday, …": a topic in running
# text, up to the clause's end, its date or what is said of the forum.
_LOWER_TOPIC = (r"(?=[a-z0-9])[\w'’-]+(?:\s+[\w'’-]+){0,8}?"
                r"(?=\s+(?:on|at|held|hosted|organi[sz]ed|which|where|that|when|during|in\s+[A-Z])\b|[,.;:]|$)")
_KIND_EN = (r"(?:[Ff]orum|[Ss]ub-forum|[Oo]pening\s+[Cc]eremony|[Cc]losing\s+[Cc]eremony|[Cc]eremony|[Dd]ialogue|"
            r"[Pp]anel(?:\s+[Dd]iscussion)?|[Rr]ound\s?table|[Pp]lenary(?:\s+[Ss]ession)?|[Ll]aunch(?:\s+[Ee]vent)?|"
            r"(?:[Rr]elease|[Aa]ward)\s+[Ee]vent|(?:[Pp]ress|[Nn]ews)\s+[Cc]onference)")
_EVENT_EN = re.compile(
    r"\b(?:[Aa]t|[Dd]uring|[Ii]n|[Aa]ddress(?:es|ed|ing)?|told|attended|attending|held|hosted)\s+(?:the\s+|a\s+)?"
    r"(?P<event>(?:(?!(?:when|which|will|would|that|where|who|on|after|before|sidelines)\s)[\w'’\"“”-]+\s){0,8}?"
    + _KIND_EN +
    rf"(?:\s+on\s+{_NOT_TOPIC}{_LOWER_TOPIC}"
    rf"|\s+(?:on|of)(?:\s+(?:the|and|&|of|for|in))*\s+{_NOT_TOPIC}[A-Z0-9][\w-]*(?:(?:\s+(?:and|&|of|the|for|in))*\s+[A-Z0-9][\w-]*)*)?)"
)
# "The 2031 … Summit Opening Ceremony and Plenary Session took place on …", "The opening ceremony of the
# 9th World Internet Conference starts at 9 a.m.": the event as the subject of its own sentence (whose
# summit the sentence names).
_HELD_EN = re.compile(
    r"\b[Tt]he\s+(?P<event>(?:[\w'’()-]+\s){0,10}?" + _KIND_EN + r")(?:\s+of\s+the\s+[^,.;:]{0,60}?)?"
    r"\s+(?:took\s+place|was\s+held|(?:officially\s+)?(?:opened|opens|started|starts|began|begins|kicked\s+off))\b"
)
# "at the two-day conference", "addressed the World Internet Conference": only the summit is named.
_SUMMIT_EN = re.compile(r"\b(?:at|to|address(?:es|ed|ing)?)\s+(?:the\s+|this\s+year's\s+)?"
                        r"(?!press\b|news\b)(?:[\w-]+\s+){0,2}?(?:World\s+Internet\s+Conference|WIC|[Ss]ummit|[Cc]onference)\b(?!\s+(?:on|of)\b)")
# "Thursday's sub-forum": the day is no part of the name.
_DAY_EN = re.compile(r"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|today|yesterday)['’]s\s+", re.I)
# "In a keynote speech at the opening ceremony": the event is what the speech was at.
_SPEECH_AT_EN = re.compile(r"^(?:(?:keynote|opening|closing|video|brief)\s+)?(?:speech|address|remarks|talk|presentation)\s+"
                           r"(?:at|to)\s+(?:the\s+|a\s+)?", re.I)
# 接受记者采访时表示, "said in an interview", "told Xinhua / reporters": what someone told a
# reporter is not a speech at the event (a press conference is).
_INTERVIEWED_EN = re.compile(r"\binterview|\btold\s+(?:[A-Z]|reporters\b|journalists\b|(?:the\s+)?media\b)")
_INTERVIEWED_ZH = re.compile(r"^[^。,，]{0,12}?(?:接受[^。,，]{0,10}?(?:采访|专访)|(?:对|向|告诉)(?:本报|本台)?记者)")
# Who chairs a ceremony (主持) runs it; our gold counts them as speakers only when they also speak.
# 致欢迎辞, 致开幕词 are speeches; 致贺信 sends a letter, 视频致贺 is a video speech. 宣读 reads one out, 通报 briefs
# the press; 演说 is Taiwan's 演讲, 作专题报告 a talk (发布…报告 releases one).
_SPOKE_ZH = (rf"(?:{alternation(set(SPEECH_VERBS) - {'主持'})}|致(?!贺)[\u4e00-\u9fff]{{1,3}}?[辞词]|视频致贺|发表|作了|作主旨|做主旨|"
             r"讨论|对谈|座谈|对话|交流|宣读|通报|列举|演说|作[^。,，]{0,6}?报告)")
# 今日在杭州出席某峰会「甲论坛」并致辞: the verb right after the event the clause names, however long its name.
_AFTER_EVENT_ZH = rf"[^。,，]{{0,40}}?(?:{alternation(EVENT_WORDS)})[”」\"]?[^。,，]{{0,8}}?"
_VERB_ZH = re.compile(rf"^(?:{_AFTER_EVENT_ZH}|[^。]{{0,30}}?)(?P<verb>{_SPOKE_ZH})")
# A speech made to the event (致辞, 演讲, 宣读): unlike 表示 or 说, said only where the event is.
_FORMAL_ZH = re.compile(r"致|发言|讲话|演讲|报告|宣读|发表|主旨")
_VERB_EN = re.compile(r"\b(?:said|says|told|noted|added|stressed|urged|called|deliver(?:s|ed|ing)?|"
                      r"address(?:es|ed|ing)?|spoke|speaks|speaking|remarked|highlighted|pointed out|warned|explained|"
                      r"emphasized|emphasised|argued|shared|hoped|read out|debated|discussed|"
                      r"(?:gave|giving|made)\s(?:a|an|the)\s(?:[\w-]+\s){0,2}?"
                      r"(?:speech|address|remarks|talk|presentation|keynote))\b",
                      re.I)
_FORMAL_EN = re.compile(r"deliver|address|read|gave|giving|made", re.I)
# "Li Ming, chairman of …, also spoke", 乙同样强调: the speaker goes on where the last one spoke.
_GOES_ON = re.compile(r"(?:,[^.;]{0,150}?,)?\s*(?:also|likewise|too)\b|[^。,，]{0,3}?(?:同样|也|亦|还)")
# "In her opening speech by video link, …", 在致辞中表示: a speech, wherever it was.
_SPEECH_NOUN = re.compile(r"\b(?:his|her|a|an)\s(?:[\w-]+\s){0,2}(?:speech|address|keynote|remarks)\b"
                          r"|在(?:主旨)?(?:演讲|讲话|致辞|发言)中")
# "He said while addressing the AI forum", 他表示: the last person named speaks.
_PRONOUN_SAID = re.compile(r"^(?:[“\"][^”\"]*[”\"]\s*)?(?:[Hh]e|[Ss]he)\s(?:also\s)?(?:said|added|noted)\b"
                           r"|^(?:他|她)(?:还|也|则)?(?:说|表示|指出|介绍|强调)|,\s(?:he|she)\s(?:said|added)\b")
# '"…," said Ahmed Khan, chairman of …': the verb before the name.
_SAID_BEFORE_EN = re.compile(r"\b(?:said|says|added|noted|stressed)\s$")
# 当天下午举行的星河论坛, 由某协会主办的数字乡村论坛: the forum's name follows the relative clause.
_RELATIVE_ZH = re.compile(r"^.*?(?:举行|举办|召开|登场|开幕|启动|进行|主办|承办|协办)的")
# 16日上午的开幕式: the time of the event is not part of its name.
_WHEN_ZH = re.compile(r"^(?:(?:\d{1,2}月)?\d{1,2}日)?(?:上午|下午|晚上|晚间|当天|当日)?的")
# 以“网络安全”为主题的分论坛 is the 网络安全分论坛.
_THEMED_ZH = re.compile(rf"^以(?P<topic>.{{2,30}}?)为主题的(?P<kind>{alternation(EVENT_WORDS)})$")
# "在分论坛上" names no forum: it is the one the article named last.
_BARE_FORUM_ZH = ("分论坛", "论坛", "平行论坛", "专题论坛", "发布会")
# A forum the article names: 举办了某论坛, 在某论坛上, or 某论坛(20日)(在乌镇)举行.
_HOSTED_ZH = re.compile(rf"(?:举办了?|举行了?|召开了?|在|于|出席|参加)(?P<event>[^,，。;；:：、\n]{{2,30}}?(?:{alternation(EVENT_WORDS)}))"
                        r"(?=[上中]|期间|[,，。;；]|$)"
                        rf"|(?P<event2>[^,，。;；:：、\n]{{2,30}}?(?:{alternation(EVENT_WORDS)}))[”\"]?"
                        r"(?:\d{1,2}日(?:上午|下午|晚上|晚间)?)?(?:在[^,，。;；]{1,12}?)?"
                        r"(?:举行|举办|召开|开幕)")
# 罗振远透露, 罗振远今日出席「甲论坛」并作主旨发言: a known name's verb, close by or after the event it names.
_NAMED_VERB_ZH = re.compile(rf"(?:{_AFTER_EVENT_ZH}|[^。,，]{{0,12}}?){_SPOKE_ZH}")
# 出席开幕式并致辞的有：A、B…, 致辞的嘉宾包括A、B: everyone titled after the cue spoke.
_SPEAKER_LIST_ZH = re.compile(r"(?:致辞|致词|发言|讲话|演讲)的(?:(?:嘉宾|领导|代表)(?:有|包括|分别是|分别为|为)[:：]?"
                              r"|(?:有|包括|分别是|分别为|为)[:：])")
# "Among those who addressed the opening ceremony were …", "Speakers at the forum included …",
# "Other speakers included …", "Some of the guests who spoke included …"
_SPEAKER_LIST_EN = re.compile(r"\b(?:[Aa]mong\s+(?:those|the\s+speakers)\s+who\s+(?:addressed|spoke\s+(?:at|to))\b[^.;]*?"
                              r"\b(?:were|was)|[Ss]peakers\s+(?:at|of)\b[^.;]*?\b(?:included|were)|[Ss]peakers\s+(?:also\s+)?included"
                              r"|\b(?i:guests|speakers|dignitaries|those|officials|leaders)\s+who\s+(?:spoke|addressed|delivered)\b"
                              r"[^.;]*?\b(?:included|were))\s"
                              r"(?!(?:welcomed|greeted|introduced|joined|received|met|thanked)\b)")
# What stands between two people of one list: 、, a comma, 和 or 及, and the next one's title.
# (甲国通信、科技和信息部部长: a title may hold a 、 of its own.)
_LIST_JOIN_ZH = re.compile(r"(?:[、,，和及与]|以及)[^,，。;；:：!?！？]{0,40}")
# 分别参加了峰会的不同论坛: forums counted, not named.
# 出席并发表主旨演讲: the speech someone gives is not where they give it.
_A_SPEECH_ZH = re.compile(r"^(?:并)?(?:发表了?|作了?|做了?)?(?:主旨)?(?:演讲|讲话|致辞)$")
_UNNAMED_ZH = re.compile(r"(?:不同|各个?|多个|多场|其他|其它|相关|一系列|系列)")
_SUMMIT_ONLY_ZH = re.compile(r"^(?:世界互联网大会|乌镇峰会|峰会|大会|会议|活动|互联网大会)$")
_GENERIC_ZH = re.compile(r"^(?:本届|今年|此次|本次|这次|该)?(?:的)?(?:峰会|大会|乌镇峰会|世界互联网大会)?(?:的)?")


@dataclass
class _Event:
    name: str
    year: int | None
    position: int
    # The summit itself (在大会上, "at the conference"): the event only where no other is named.
    summit: bool = False
    # The subject of its own sentence (某论坛在乌镇举行): the story's event until another is named.
    held: bool = False


# 在大会上, 在本届峰会上, 出席大会并发表主旨演讲: a speech where only the summit is named;
# 向峰会开幕视频致贺: to its opening ceremony.
_AT_SUMMIT_ZH = re.compile(r"在(?P<summit>[^,，。;；:：]{0,20}?(?:大会|峰会))上|向(?P<opening>[^,，。;；:：]{0,20}?(?:大会|峰会))开幕"
                           r"|出席(?P<attended>[^,，。;；:：]{0,20}?(?:大会|峰会))并")


def _events_zh(ctx: DocContext, text: str) -> list[_Event]:
    events = []
    for match in _EVENT_ZH.finditer(text):
        raw = match.group("event") or match.group("event2") or match.group("event3")
        name, year = _drop_summit(ctx, raw)
        if name in _BARE_FORUM_ZH:
            name = _last_named_forum(ctx, text, name) or name
        if len(name) < 2 or _SUMMIT_ONLY_ZH.match(name) or _UNNAMED_ZH.match(name) or _A_SPEECH_ZH.match(name):
            continue
        events.append(_Event(name, year or ctx.year_of(text) or _own_year(raw), match.start(),
                             held=bool(match.group("event3"))))
    for match in _AT_SUMMIT_ZH.finditer(text):
        name, year = _drop_summit(ctx, match.group("summit") or match.group("opening") or match.group("attended"))
        if match.group("opening") and (not name or _SUMMIT_ONLY_ZH.match(name)):
            events.append(_Event("开幕式", year or ctx.year_of(text), match.start()))
        elif not name or _SUMMIT_ONLY_ZH.match(name):
            events.append(_Event("大会", year or ctx.year_of(text), match.start(), summit=True))
    return sorted(events, key=lambda e: e.position)


def _own_year(name: str) -> int | None:
    """2031甲杯大赛颁奖仪式: an event named with its year is that year's."""
    year = re.match(r"20\d\d(?!\d)", name)
    return int(year.group(0)) if year else None


# 在浙江乌镇出席某峰会的甲论坛: where they were and the verb are no part of the forum's name.
_ATTENDED_ZH = re.compile(r"^[^“”「」]*?(?:出席|参加|参与)(?:了)?")


def _drop_summit(ctx: DocContext, raw: str) -> tuple[str, int | None]:
    """'第七届世界互联网大会甲乙论坛' → ('甲乙论坛', 2020): the
    forum's own name, and the year of the summit that opens it."""
    raw = _ATTENDED_ZH.sub("", raw)
    for summit, year in ctx.summits_in(raw):
        if summit.start() == 0 or raw[: summit.start()].strip("“\"") == "":
            return _clean_event_zh(raw[summit.end():]), year
    return _clean_event_zh(raw), None


# 于11月21日举办甲论坛: the date and the verb are no part of its name.
_HELD_ON_ZH = re.compile(r"^(?:\d{1,2}月)?\d{1,2}日(?:上午|下午|晚上|晚间)?(?:举办|举行|召开)(?:了)?")


def _clean_event_zh(name: str) -> str:
    name = _HELD_ON_ZH.sub("", name)
    name = _GENERIC_ZH.sub("", _RELATIVE_ZH.sub("", _WHEN_ZH.sub("", re.sub(r"^20\d\d年", "", name))))
    name = _THEMED_ZH.sub(r"\g<topic>\g<kind>", name)
    return re.sub(r"[“”\"「」『』]", "", name)


def _last_named_forum(ctx: DocContext, text: str, bare: str) -> str | None:
    """The last forum ending in `bare` the article named before this sentence."""
    before = ctx.doc.match_text[: ctx.doc.match_text.find(text)]
    names = [_drop_summit(ctx, m.group("event") or m.group("event2"))[0] for m in _HOSTED_ZH.finditer(before)]
    names = [n for n in names if n.endswith(bare) and n != bare]
    return names[-1] if names else None


def _events_en(ctx: DocContext, text: str) -> list[_Event]:
    events = []
    for match in _EVENT_EN.finditer(text):
        name = _event_name_en(match)
        if name.lower() in _BARE_FORUM_EN:
            name = _last_named_forum_en(ctx, text, name) or name
        events.append(_Event(*_of_summit_en(ctx, name, text), match.start()))
    for match in _HELD_EN.finditer(text):
        if not any(e.position < match.end() and match.start() <= e.position for e in events):
            events.append(_Event(*_of_summit_en(ctx, _event_name_en(match), text), match.start(), held=True))
    events += [_Event("conference", ctx.year_of(text), m.start(), summit=True) for m in _SUMMIT_EN.finditer(text)]
    return sorted(events, key=lambda e: e.position)


def _event_name_en(match: re.Match) -> str:
    name = _DAY_EN.sub("", _SPEECH_AT_EN.sub("", re.sub(r"[\"“”]", "", match.group("event").strip())))
    return re.sub(r"^(?:(?:20\d\d\s+)?(?:World\s+Internet\s+Conference(?:\s+\(WIC\))?|WIC)(?:\s+Wuzhen\s+Summit)?(?:'s|’s)?\s+|"
                  r"(?:summit|conference)(?:'s|’s)\s+)", "", name, flags=re.I)


# "said at the forum", "speaking at the ceremony": the forum or ceremony the article named last.
_BARE_FORUM_EN = ("forum", "sub-forum", "ceremony")


def _last_named_forum_en(ctx: DocContext, text: str, bare: str) -> str | None:
    before = ctx.doc.match_text[: ctx.doc.match_text.find(text)]
    names = [_event_name_en(m) for m in sorted([*_EVENT_EN.finditer(before), *_HELD_EN.finditer(before)],
                                               key=lambda m: m.start())]
    names = [n for n in names if n.lower().endswith(bare.lower()) and n.lower() != bare.lower()]
    return names[-1] if names else None


def _of_summit_en(ctx: DocContext, name: str, text: str) -> tuple[str, int | None]:
    """"opening ceremony of the 2020 World Internet Conference Wuzhen Summit" is
    the opening ceremony, of that year's summit."""
    for summit, year in ctx.summits_in(name):
        owner = re.search(r"\s+of\s+(?:the\s+)?$", name[: summit.start()])
        if owner and owner.start() > 0:
            return name[: owner.start()], year or ctx.year_of(text)
    return name, ctx.year_of(text)


@dataclass
class _Speaker:
    person: TitledPerson
    verb: str  # the word that says they spoke; '' where a list of speakers does
    verb_end: int  # where that word ends in the sentence


def _speaks_to(text: str, event: _Event, speaker: _Speaker) -> bool:
    """The summit named in what someone says is not where they spoke: it must
    come before the verb, right after it ("delivered speeches at the conference"),
    or right after the name and title of one the verb precedes
    ('"…," said Li Ming, CEO of X, at the summit')."""
    if event.position < speaker.verb_end:
        return True
    if re.fullmatch(r"\s*(?:[\w-]+\s+){0,2}", text[speaker.verb_end:event.position]):
        return True
    said_before = speaker.verb_end <= speaker.person.start < event.position
    return said_before and bool(re.fullmatch(r"(?:,[^.;]{0,150}?,)?\s*", text[speaker.person.end:event.position]))


def _told_of(text: str, event: _Event, speaker: _Speaker, speakers: list[_Speaker]) -> bool:
    """甲介绍，在“乙”对接活动中…: an event named in a clause after the speaker's verb, and before
    anyone else speaks, is what they speak of, not where (Chinese names where before the verb:
    甲在乙论坛上表示)."""
    return (event.position >= speaker.verb_end and bool(re.search(r"[,，;；]", text[speaker.verb_end:event.position]))
            and not any(speaker.verb_end <= other.person.start < event.position for other in speakers))


# 甲介绍，“乙发布活动”旨在…: the event is what the next clause speaks of (its subject).
_ABOUT_EVENT_ZH = re.compile(rf"[,，:：][“「]?[^,，。;；]{{0,40}}?(?:{alternation(set(EVENT_WORDS) - {'峰会', '大会', '会议'})})"
                             r"[”」]?(?:旨在|是|将|已|共|由|自)")


# 据网信办副主任甲介绍，在“乙”对接活动中…: a paragraph that reports what someone told names events they
# speak of; none of them is set up for the next speaker.
_REPORTED_ZH = re.compile(r"^据[^,，。;；]{2,30}?(?:介绍|透露|称|表示|说)")


def _reported(ctx: DocContext, texts: list[str]) -> list[int]:
    """The sentences from one that opens with 据…介绍 to the end of its paragraph."""
    reported, paragraph = [], None
    for index, (sentence, text) in enumerate(zip(ctx.sentences, texts)):
        if _REPORTED_ZH.match(text):
            paragraph = sentence.paragraph
        if sentence.paragraph == paragraph:
            reported.append(index)
    return reported


def _is_formal(speaker: _Speaker, zh: bool) -> bool:
    return bool((_FORMAL_ZH if zh else _FORMAL_EN).search(speaker.verb))


# '"…," said Li Ming, a UN under-secretary-general', 'President Li Ming', 'Professor Ana Ruiz of …':
# speakers no title pattern reads.
_BARE_SPEAKER_EN = re.compile(rf"\b(?:said|says|added)\s(?P<name>{EN_NAME})(?=,|\s(?:at|in|on|during|via|while)\b)"
                              r"|\b(?:President|Premier|Vice[- ]Premier|Vice[- ]President|Professor|Prof\.|Dr\.|Sir|Dame)\s"
                              rf"(?P<titled>{EN_NAME})(?!['’])")


# "Speakers … included Ruth Obi, vice minister of communications; and Li Ming, …": a listed name
# whose title names no organisation.
_LISTED_NAME_EN = re.compile(rf"(?:\b(?:included|were)\s|^(?:and\s)?)(?P<name>{EN_NAME}),")


def _speakers(ctx: DocContext, text: str, known, listed_from: int | None) -> list[_Speaker]:
    """Who speaks in a sentence; everyone titled after `listed_from` is on a list of speakers.
    Whoever is named inside what a speaker says (甲表示，乙…) is not one."""
    listed = lambda p: listed_from is not None and p.start >= listed_from  # noqa: E731
    if ctx.doc.language == "en":
        return _speakers_en(ctx, text, listed, known)
    people = [p for p in titled_people(ctx, text) if p.titles and p.titles[0].role != "记者"]
    people += [p for p in officials_zh(text) if not _inside_title(text, p, people)]
    people += _opening_name_zh(text, people)
    people.sort(key=lambda p: p.start)
    speakers, said_from = [], len(text)
    for person, following in zip(people, [*people[1:], None]):
        own = text[person.end:_clause_end(text, person, following)]
        opinion = own.startswith("看来") and _OPINION_ZH.search(text, 0, person.start)
        verb = None if _INTERVIEWED_ZH.match(own) or opinion else _VERB_ZH.match(own)
        if verb and _in_letter(own[:verb.start("verb")], verb.group("verb")):
            verb = None
        if person.start >= said_from or not (listed(person) or verb):
            continue
        verb_end = person.end + verb.end() if verb else person.end
        speakers.append(_Speaker(person, verb.group("verb") if verb else "", verb_end))
        if verb and not _FORMAL_ZH.search(verb.group("verb")):
            said_from = min(said_from, verb_end)
    speakers = _joined_speakers(text, people, speakers)
    return speakers + [s for s in _known_speakers(text, known, speakers) if s.person.start < said_from]


# 在甲公司总裁乙看来: an opinion quoted, not a speech.
_OPINION_ZH = re.compile(r"在[^,，。;；]*$")


# 许明远8日在星河论坛上指出: a name that opens the sentence, then where and what they said.
_AT_EVENT_AFTER_NAME_ZH = re.compile(r"(?:\d{1,2}日)?(?:上午|下午|晚上)?在[^,，。;；]{2,40}?上")


def _opening_name_zh(text: str, people: list[TitledPerson]) -> list[TitledPerson]:
    """A name at the sentence's start whose title the scraper left on the line
    before (甲公司董事长 / 许明远8日在…论坛上指出). Three characters or a
    foreign name: a two-character one is too often a place (江苏在…)."""
    name = chinese_name_at(text, 0)
    if not name or (len(name) != 3 and "·" not in name) or any(p.start == 0 for p in people):
        return []
    return [TitledPerson(name, 0, len(name), (), 0.6)] if _AT_EVENT_AFTER_NAME_ZH.match(text, len(name)) else []


def _clause_end(text: str, person: TitledPerson, following: TitledPerson | None) -> int:
    """Where the words said of `person` end: at the clause that opens the next
    person's titles (甲，乙机构名称…主任丙: the 称 in 名称 is not 甲's)."""
    if following is None:
        return len(text)
    breaks = [text.rfind(mark, person.end, following.start) for mark in ",，、;；"]
    return max(breaks) if max(breaks) >= person.end else following.start


# 在贺信中指出, "sent a congratulatory letter to the conference, and stressed": what a letter says is
# no speech; who reads it out (宣读, "read out") speaks.
_LETTER = re.compile(r"贺信|贺词|贺电|congratulatory\s(?:letter|message|note)", re.I)


def _in_letter(before_verb: str, verb: str) -> bool:
    return bool(_LETTER.search(before_verb)) and not verb.startswith(("宣读", "read"))


def _inside_title(text: str, official: TitledPerson, people: list[TitledPerson]) -> bool:
    """国家主席、中央军委主席王某: 国家 before 主席 is part of someone's title chain."""
    return any(p.start >= official.end and not re.search(r"[,，。;；:：]", text[official.end:p.start]) for p in people)


def _speakers_en(ctx: DocContext, text: str, listed, known: tuple[re.Pattern, dict[str, str]] | None
                 ) -> list[_Speaker]:
    people = list(titled_people(ctx, text))
    bare = [TitledPerson(m.group(g), *m.span(g), (), 0.6)
            for m in _BARE_SPEAKER_EN.finditer(text) for g in ("name", "titled") if m.group(g)]
    if known:  # "Haddad said at the forum": someone the article introduced, by their family name
        pattern, full_names = known
        bare += [TitledPerson(full_names[m.group("name")], *m.span("name"), (), 0.6) for m in pattern.finditer(text)]
    listed_names = (TitledPerson(m.group("name"), *m.span("name"), (), 0.6) for m in _LISTED_NAME_EN.finditer(text))
    bare += [p for p in listed_names if listed(p)]
    for person in bare:
        if not any(p.start < person.end and person.start < p.end for p in people):
            people.append(person)
    speakers = []
    interviewed = _INTERVIEWED_EN.search(text) and not _PRESS.search(text)
    for person in sorted(people, key=lambda p: p.start):
        verb = _VERB_EN.search(text, person.end)
        if verb and (_in_letter(text[person.end:verb.start()], verb.group(0)) or interviewed):
            verb = None
        before = _SAID_BEFORE_EN.search(text, 0, person.start)
        if listed(person) or verb or before or _heads_remarks(text, person):
            said = verb or before
            speakers.append(_Speaker(person, said.group(0) if said else "", said.end() if said else person.end))
    return speakers


def _heads_remarks(text: str, person: TitledPerson) -> bool:
    """A live report's transcript: "Li: Guests from 120 countries have gathered …", "President Li Ming:"
    (only a title before the name) heads what they said."""
    return text.startswith(":", person.end) and not re.search(r"[,.;:]", text[:person.start])


def _joined_speakers(text: str, people: list[TitledPerson], speakers: list[_Speaker]) -> list[_Speaker]:
    """甲、乙、丙等在开幕式上发言 (or 甲，乙和丙…): whoever is joined to a speaker by a list
    mark spoke too, though the verb stands far from the first of them."""
    joined = list(speakers)
    for person in sorted(people, key=lambda p: p.start, reverse=True):
        nearest = min((s for s in joined if s.person.start > person.end), key=lambda s: s.person.start, default=None)
        if all(s.person != person for s in joined) and nearest \
                and _LIST_JOIN_ZH.fullmatch(text, person.end, nearest.person.start):
            joined.append(_Speaker(person, nearest.verb, nearest.verb_end))
    return sorted(joined, key=lambda s: s.person.start)


def _known_names(ctx: DocContext) -> re.Pattern | None:
    """Everyone the article introduces with a title (not its reporters):
    later sentences name them bare (罗振远透露…)."""
    names = {p.name for sentence in ctx.sentences for p in titled_people(ctx, ctx.text(sentence))
             if p.titles and p.titles[0].role != "记者"}
    return re.compile(rf"(?:^|(?<=[,，;；:：在]))(?:{alternation(names)})") if names else None


# "Tao said", "Tao urged": what a name known from earlier in the article says.
_SAID_BY_NAME_EN = r"(?:said|says|added|noted|told|stressed|urged|called\s(?:for|on)|emphasi[sz]ed|highlighted|pointed\sout|warned)"


def _known_names_en(ctx: DocContext) -> tuple[re.Pattern, dict[str, str]] | None:
    """The names, and the words of a name no other name shares ("Haddad" of Omar Haddad, "Tao" of
    Vice Premier Tao Minghui), of everyone the article introduces with a title, as a speaker of a
    verb right after them or of the remarks their name heads ("Tao: …")."""
    texts = [ctx.text(sentence) for sentence in ctx.sentences]
    names = {p.name for text in texts for p in titled_people(ctx, text)
             if p.titles and p.titles[0].role not in ("reporter", "correspondent", "photographer", "editor")}
    names |= {m.group("titled") for text in texts for m in _BARE_SPEAKER_EN.finditer(text) if m.group("titled")}
    words = [word for name in names for word in set(name.split()) if len(word) > 1]
    forms = {name: name for name in names} | {w: n for n in names for w in n.split() if words.count(w) == 1}
    if not forms:
        return None
    return re.compile(rf"\b(?P<name>{alternation(forms)})(?:\s(?:also\s)?{_SAID_BY_NAME_EN}\b|:\s)"), forms


def _known_speakers(text: str, known: re.Pattern | None, speakers: list[_Speaker]) -> list[_Speaker]:
    found = []
    for match in known.finditer(text) if known else ():
        if any(s.person.start < match.end() and match.start() < s.person.end for s in speakers):
            continue
        verb = _NAMED_VERB_ZH.match(text, match.end())
        if verb:
            found.append(_Speaker(TitledPerson(match.group(0), match.start(), match.end(), (), 0.6), verb.group(0),
                                  verb.end()))
    return found


def _nearest(events: list[_Event], position: int) -> _Event | None:
    before = [e for e in events if e.position <= position]
    if before:
        return before[-1]
    return events[0] if events else None


# An article that announces the summit (论坛将于…举行, "the … Conference will be held") reports press
# conferences held before it, elsewhere.
_PRESS = re.compile(r"发布会|[Pp]ress\s+[Cc]onference|[Nn]ews\s+[Cc]onference")
_ANNOUNCED = re.compile(r"(?:大会|峰会|论坛)[”」]?(?:将于|将在|拟于)[^。；]{0,30}?(?:举行|举办|召开|开幕)"
                        r"|\b(?:Conference|Summit|[Ff]orum)\b[^.;]{0,200}?\b(?:will\s+(?:be\s+held|take\s+place|open|run)|"
                        r"is\s+to\s+be\s+held)\b")
_NEXT_SUMMIT = re.compile(r"下届|下一届|明年|\bnext\s+(?:year|summit|conference|edition)\b")
# A photo credit (记者甲摄, "(Xinhua/Li Ming)", "[Photo/…]"): its paragraph is a caption.
_CREDIT = re.compile(r"(?:记者[\u4e00-\u9fff·\s]{2,10}|[/／][\u4e00-\u9fff·]{2,8}|\s[\u4e00-\u9fff·]{2,4})摄影?$"
                     r"|\((?:Photo|Xinhua)[^)]*\)$|\[Photo[^\]]*\]$")
_CREDIT_ENDS = ("摄", "摄影", ")", "]")
_SENTENCE_END = re.compile(r"[。！？；.!?;:：”\"’)）]$")


def _story_paragraphs(ctx: DocContext, texts: list[str]) -> list[int]:
    """For each sentence, how many paragraphs of the story come before it: a
    heading (一句无句号的短行) or a photo caption does not move the story on."""
    flow, count, paragraph = [], -1, None
    grouped: dict[int, list[str]] = {}
    for sentence, text in zip(ctx.sentences, texts):
        grouped.setdefault(sentence.paragraph, []).append(text)
    aside = {number for number, lines in grouped.items()
             if any(line.endswith(_CREDIT_ENDS) and _CREDIT.search(line) or line.startswith("Photo:") for line in lines)
             or (len(lines) == 1 and len(lines[0]) <= 40 and not _SENTENCE_END.search(lines[0]))}
    for sentence in ctx.sentences:
        if sentence.paragraph != paragraph:
            paragraph = sentence.paragraph
            if paragraph not in aside or count < 0:  # the first paragraph always counts
                count += 1
        flow.append(count)
    return flow


@dataclass
class _Named:
    """The last person the story named with a title: "He said …" in the next sentences is theirs."""
    person: TitledPerson
    story: int  # the story paragraph that names them
    statement: int | None  # the index of what they were found to say, if anything
    explicit: bool  # whether that statement's sentence named its event
    event: _Event | None  # where the story stood when they were named


@dataclass
class _Story:
    """What the article has set up so far, as it is read sentence by sentence."""
    # An event set up without a named speaker carries into the next paragraph
    # of the story at most: news often opens a forum, then quotes speakers.
    pending: _Event | None = None
    pending_at: int = -1
    # A list of speakers parted by ；runs on into the next sentences of its paragraph.
    listing: _Event | None = None
    listing_paragraph: int = -1
    # The event the paragraph named last, taken or not.
    named: _Event | None = None
    named_paragraph: int = -1
    # 某论坛在乌镇举行: the story's event until it names another.
    held: _Event | None = None
    # Where the last speaker spoke, for one who speaks "also" (乙也表示).
    previous: _Event | None = None
    last_person: _Named | None = None

    def carried(self, text: str, after_name: int, formal: bool) -> _Event | None:
        """The event of a speaker whose sentence names none. 乙致辞。 after
        甲出席开幕式并致辞。: a formal speech of the same paragraph is at its event."""
        return (self.listing or self.pending or (self.named if formal else None)
                or (self.previous if _GOES_ON.match(text, after_name) else None) or self.held)

    def enter(self, sentence, at: int) -> None:
        """Forget what does not reach this sentence, `at` its story paragraph."""
        if at > self.pending_at + 1:
            self.pending = None
        if sentence.paragraph != self.named_paragraph:
            self.named = None
        if sentence.paragraph != self.listing_paragraph:
            self.listing = None

    def move_on(self, sentence, at: int, events: list[_Event], spoke: bool) -> None:
        """Remember what this sentence set up."""
        specific = [e for e in events if not e.summit]
        if specific:
            self.named, self.named_paragraph = specific[-1], sentence.paragraph
            self.held = specific[-1] if specific[-1].held else None
        if spoke:
            self.pending = None
        elif specific:
            self.pending, self.pending_at = specific[-1], at


def extract(ctx: DocContext) -> list[SpeaksAt]:
    zh = ctx.doc.language == "zh"
    find_events = _events_zh if zh else _events_en
    texts = [ctx.text(sentence) for sentence in ctx.sentences]
    announced = any(_ANNOUNCED.search(text) and not _NEXT_SUMMIT.search(text) for text in texts)
    events_of = [[e for e in find_events(ctx, text) if not (announced and _PRESS.search(e.name))] for text in texts]
    for index in _reported(ctx, texts) if zh else ():
        events_of[index] = []
    paragraphs = _story_paragraphs(ctx, texts)
    known = _known_names(ctx) if zh else _known_names_en(ctx)
    found: list[SpeaksAt] = []
    story = _Story()
    for index, sentence in enumerate(ctx.sentences):
        story.enter(sentence, paragraphs[index])
        text = texts[index]
        events = [e for e in events_of[index] if not e.summit] or events_of[index]
        cue = (_SPEAKER_LIST_ZH if zh else _SPEAKER_LIST_EN).search(text)
        speakers = _speakers(ctx, text, known, 0 if story.listing else cue.start() if cue else None)
        event, statement = None, None
        for speaker in speakers:
            statement = None
            formal = _is_formal(speaker, zh)
            content = [e for e in events if zh and _told_of(text, e, speaker, speakers)]
            heard = [e for e in events if e not in content and (not e.summit or _speaks_to(text, e, speaker))]
            if not heard and (content or zh and _ABOUT_EVENT_ZH.match(text, speaker.verb_end)):
                continue  # 甲介绍，“乙发布活动”旨在…: a sentence about an event, not at it
            # 甲致辞。…主持开幕式。: a formal speech is also at the event the paragraph names next;
            # a speech no event is named for is the summit's.
            event = (_nearest(heard, speaker.person.start) or story.carried(text, speaker.person.end, formal)
                     or (_named_later(ctx, texts, events_of, index) if formal else None)
                     or (_Event("大会" if zh else "conference", ctx.year_of(text), 0, summit=True)
                         if _SPEECH_NOUN.search(text) else None))
            if event is None or event.year is None:
                continue
            found.append(_speech(ctx, sentence, speaker.person, event, 0.85 if events else 0.65))
            story.previous, statement = event, len(found) - 1
        if speakers:
            last = speakers[-1].person
            story.last_person = _Named(last, paragraphs[index], statement, bool(events), event) if last.titles else None
        else:
            _pronoun_speaker(ctx, sentence, found, story, events, paragraphs[index])
        # A list of speakers runs on past ；, and past a line the scraper cut ("…, chief executive of").
        cut = not _SENTENCE_END.search(text) and (index + 1 == len(texts)
                                                   or ctx.sentences[index + 1].paragraph != sentence.paragraph)
        runs_on = (cue or story.listing) and (text.endswith(("；", ";")) or cut)
        # A list whose first entry names no one we know still runs on, with its event.
        run_event = event or (events[-1] if events else story.listing or story.pending)
        story.listing, story.listing_paragraph = (run_event, sentence.paragraph + cut) if runs_on else (None, -1)
        story.move_on(sentence, paragraphs[index], events, bool(speakers))
    return found


def _speech(ctx: DocContext, sentence, person: TitledPerson, event: _Event, confidence: float) -> SpeaksAt:
    return SpeaksAt(lang=ctx.doc.language, person=person.name, event=event.name, summit=event.year,
                    evidence=evidence_for(ctx, sentence, "speaks_at.pattern", confidence))


# 乙主持开幕式, 开幕式在…举行, "Li Ming presided over …": a sentence about the proceedings themselves.
_PROCEEDINGS = re.compile(r"主持|举行|举办|召开|开幕|闭幕|\b(?:presid|host|chair|moderat)(?:e?s|ed|ing)\b")


def _named_later(ctx: DocContext, texts: list[str], events_of: list[list[_Event]], index: int) -> _Event | None:
    """The first event a later sentence of the same paragraph names, where that sentence tells
    of its proceedings (…分别致辞。乙主持开幕式。), not what came of it (在甲发布会上，乙公司的…脱颖而出)."""
    paragraph = ctx.sentences[index].paragraph
    for later in range(index + 1, len(ctx.sentences)):
        if ctx.sentences[later].paragraph != paragraph:
            break
        specific = [e for e in events_of[later] if not e.summit]
        if specific:
            return specific[0] if specific[0].held or _PROCEEDINGS.search(texts[later]) else None
    return None


def _pronoun_speaker(ctx: DocContext, sentence, found: list[SpeaksAt], story: _Story, events: list[_Event],
                     paragraph: int) -> None:
    """"Li Ming, chairman of X, also stressed … . He said …": the person the
    story named last speaks, at the event this sentence names or where the
    story stood when they were named; an event this sentence names replaces
    one that was only carried over to their own statement."""
    text = ctx.text(sentence)
    named = story.last_person
    if not _PRONOUN_SAID.search(text) or named is None or paragraph > named.story + 1:
        people = titled_people(ctx, text)
        if people:
            last = people[-1]
            story.last_person = _Named(last, paragraph, None, False, story.carried(text, last.end, False))
        return
    story.last_person = None
    if named.statement is None:
        event = events[0] if events else named.event
        if event is not None and event.year is not None:
            found.append(_speech(ctx, sentence, named.person, event, 0.65))
    elif events and not named.explicit and events[0].year is not None:
        found[named.statement] = _speech(ctx, sentence, named.person, events[0], 0.65)
