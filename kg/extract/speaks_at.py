"""speaks_at: who spoke at which forum, ceremony or dialogue of which summit.

The event is named in the speaker's sentence (before or after the name), or
in an earlier sentence of the same paragraph that no other speaker has taken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import SpeaksAt
from . import evidence_for
from .context import DocContext
from .lexicon import EVENT_WORDS, SPEECH_VERBS, alternation
from .people import TitledPerson, officials_zh, titled_people

_EVENT_ZH = re.compile(
    rf"(?:在|于|出席|参加)(?P<event>(?:“[^”]{{1,40}}”|[^,，。;；:：、!?！？()（）“”]){{0,40}}?(?:{alternation(EVENT_WORDS)})[”\"]?)(?=上|中|期间|现场|时|并|致辞|致词|发言|演讲|讲话|环节|[,，。;；]|$)"
    rf"|(?:^|[,，])(?P<event2>[^,，。;；:：在!?！？]{{0,30}}?(?:{alternation(EVENT_WORDS)}))(?=(?:上|期间)[,，]|[,，](?:出席|参加|致辞))"
    # 人工智能论坛由某大学承办，…: the event as the subject of its own sentence
    # (a forum or ceremony, not the summit itself: 某某峰会于…举行 is the summit's own sentence)
    r"|^(?P<event3>[^,，。;；:：在!?！？\d\s]{1,30}?(?:分论坛|论坛|开幕式|闭幕式|研讨会|座谈会|圆桌会|高端对话|发布会|颁奖典礼))(?=由|于|在)"
)
# "Sub-forum on November 20" is a date, not the forum's topic.
_NOT_TOPIC = r"(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?\s+\d|\d{1,2}\b)"
# "a sub-forum on frontier AI models on Wednesday, …": a topic in running
# text, up to the clause's end, its date or what is said of the forum.
_LOWER_TOPIC = (r"(?=[a-z0-9])[\w'’-]+(?:\s+[\w'’-]+){0,8}?"
                r"(?=\s+(?:on|at|held|hosted|organi[sz]ed|which|where|that|when|during|in\s+[A-Z])\b|[,.;:]|$)")
_EVENT_EN = re.compile(
    r"\b(?:[Aa]t|[Dd]uring|[Ii]n|[Aa]ddressing|[Aa]ddressed|told|attended|attending)\s+(?:the\s+|a\s+)?(?P<event>(?:[\w'’-]+\s){0,8}?"
    r"(?:[Ff]orum|[Ss]ub-forum|[Oo]pening\s+[Cc]eremony|[Cc]losing\s+[Cc]eremony|[Cc]eremony|[Dd]ialogue|"
    r"[Pp]anel(?:\s+[Dd]iscussion)?|[Rr]ound\s?table|[Pp]lenary(?:\s+[Ss]ession)?|[Ll]aunch(?:\s+[Ee]vent)?|"
    r"(?:[Rr]elease|[Aa]ward)\s+[Ee]vent)"
    rf"(?:\s+on\s+{_NOT_TOPIC}{_LOWER_TOPIC}"
    rf"|\s+(?:on|of)(?:\s+(?:the|and|&|of|for|in))*\s+{_NOT_TOPIC}[A-Z0-9][\w-]*(?:(?:\s+(?:and|&|of|the|for|in))*\s+[A-Z0-9][\w-]*)*)?)"
)
# "In a keynote speech at the opening ceremony": the event is what the speech was at.
_SPEECH_AT_EN = re.compile(r"^(?:(?:keynote|opening|closing|video|brief)\s+)?(?:speech|address|remarks|talk|presentation)\s+"
                           r"(?:at|to)\s+(?:the\s+|a\s+)?", re.I)
# 接受记者采访时表示: what someone told a reporter is not a speech at the event.
_INTERVIEWED_ZH = re.compile(r"^[^。,，]{0,12}?接受[^。,，]{0,10}?采访")
# Who chairs a ceremony (主持) runs it; our gold counts them as speakers only when they also speak.
_SPOKE_ZH = rf"(?:{alternation(set(SPEECH_VERBS) - {'主持'})}|发表|作了|作主旨|做主旨|讨论|对谈|座谈|对话|交流)"
_VERB_ZH = re.compile(rf"^[^。]{{0,30}}?{_SPOKE_ZH}")
_VERB_EN = re.compile(r"\b(?:said|says|told|noted|added|stressed|urged|called|delivered|addressed|spoke|speaking|"
                      r"remarked|highlighted|pointed out|warned|explained|emphasized|emphasised|argued|shared)\b", re.I)
# '"…," said Ahmed Khan, chairman of …': the verb before the name.
_SAID_BEFORE_EN = re.compile(r"\b(?:said|says|added|noted|stressed)\s$")
# 当天下午举行的数字经济论坛: the forum's name follows the relative clause.
_RELATIVE_ZH = re.compile(r"^.*?(?:举行|举办|召开|登场|开幕|启动|进行)的")
# 16日上午的开幕式: the time of the event is not part of its name.
_WHEN_ZH = re.compile(r"^(?:(?:\d{1,2}月)?\d{1,2}日)?(?:上午|下午|晚上|晚间|当天|当日)?的")
# 以“网络安全”为主题的分论坛 is the 网络安全分论坛.
_THEMED_ZH = re.compile(rf"^以(?P<topic>.{{2,30}}?)为主题的(?P<kind>{alternation(EVENT_WORDS)})$")
# "在分论坛上" names no forum: it is the one the article named last.
_BARE_FORUM_ZH = ("分论坛", "论坛", "平行论坛", "专题论坛")
# A forum the article names: 举办了某论坛, 在某论坛上, or 某论坛举行.
_HOSTED_ZH = re.compile(rf"(?:举办了?|举行了?|召开了?|在|于|出席|参加)(?P<event>[^,，。;；:：、]{{2,30}}?(?:{alternation(EVENT_WORDS)}))"
                        rf"|(?P<event2>[^,，。;；:：、]{{2,30}}?(?:{alternation(EVENT_WORDS)}))[”\"]?(?:举行|举办|召开|开幕)")
_NAMED_VERB_ZH = re.compile(rf"[^。,，]{{0,12}}?{_SPOKE_ZH}")
# 出席开幕式并致辞的有：A、B…: everyone titled after the cue spoke.
_SPEAKER_LIST_ZH = re.compile(r"(?:致辞|致词|发言|讲话|演讲)的(?:嘉宾|领导|代表)?(?:有|包括|分别是|分别为|为)[:：]")
# "Among those who addressed the opening ceremony were …", "Speakers at the forum included …"
_SPEAKER_LIST_EN = re.compile(r"\b(?:[Aa]mong\s+(?:those|the\s+speakers)\s+who\s+(?:addressed|spoke\s+(?:at|to))\b[^.;]*?"
                              r"\b(?:were|was)|[Ss]peakers\s+(?:at|of)\b[^.;]*?\b(?:included|were))\s"
                              r"(?!(?:welcomed|greeted|introduced|joined|received|met|thanked)\b)")
# What stands between two people of one list: 、, a comma, 和 or 及, and the next one's title.
_LIST_JOIN_ZH = re.compile(r"(?:[、,，和及与]|以及)[^,，。;；:：!?！？、]{0,40}")
# 致辞, "delivered a speech": words for a speech to the event, not a remark anywhere.
_FORMAL_SPEECH = re.compile(r"\s*(?:也|随后|接着|则|还)?(?:致辞|致词|发言|讲话|作主旨演讲|发表主旨演讲|发表演讲|作报告)"
                            r"|(?:,\s[^.;]{2,120}?,)?\s*(?:also\s|then\s)?(?:delivered|gave|made)\s(?:a\s|the\s)?(?:keynote\s|video\s)?"
                            r"(?:speech|address|remarks)\b")
_SUMMIT_ONLY_ZH = re.compile(r"^(?:世界互联网大会|乌镇峰会|峰会|大会|会议|活动|互联网大会)$")
_GENERIC_ZH = re.compile(r"^(?:本届|今年|此次|本次|这次|该)?(?:的)?(?:峰会|大会|乌镇峰会|世界互联网大会)?(?:的)?")


@dataclass
class _Event:
    name: str
    year: int | None
    position: int


def _events_zh(ctx: DocContext, text: str) -> list[_Event]:
    events = []
    for match in _EVENT_ZH.finditer(text):
        name, year = _drop_summit(ctx, match.group("event") or match.group("event2") or match.group("event3"))
        if name in _BARE_FORUM_ZH:
            name = _last_named_forum(ctx, text, name) or name
        if len(name) < 2 or _SUMMIT_ONLY_ZH.match(name):
            continue
        events.append(_Event(name, year or ctx.year_of(text), match.start()))
    return events


def _drop_summit(ctx: DocContext, raw: str) -> tuple[str, int | None]:
    """'第七届世界互联网大会互联网发展论坛' → ('互联网发展论坛', 2020): the
    forum's own name, and the year of the summit that opens it."""
    for summit, year in ctx.summits_in(raw):
        if summit.start() == 0 or raw[: summit.start()].strip("“\"") == "":
            return _clean_event_zh(raw[summit.end():]), year
    return _clean_event_zh(raw), None


def _clean_event_zh(name: str) -> str:
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
        name = _SPEECH_AT_EN.sub("", match.group("event").strip())
        name = re.sub(r"^(?:(?:20\d\d\s+)?World\s+Internet\s+Conference(?:\s+Wuzhen\s+Summit)?(?:'s|’s)?\s+|"
                      r"(?:summit|conference)(?:'s|’s)\s+)", "", name, flags=re.I)
        events.append(_Event(*_of_summit_en(ctx, name, text), match.start()))
    return events


def _of_summit_en(ctx: DocContext, name: str, text: str) -> tuple[str, int | None]:
    """"opening ceremony of the 2020 World Internet Conference Wuzhen Summit" is
    the opening ceremony, of that year's summit."""
    for summit, year in ctx.summits_in(name):
        owner = re.search(r"\s+of\s+(?:the\s+)?$", name[: summit.start()])
        if owner and owner.start() > 0:
            return name[: owner.start()], year or ctx.year_of(text)
    return name, ctx.year_of(text)


def _speakers(ctx: DocContext, text: str, known: re.Pattern | None, listed_from: int | None) -> list[TitledPerson]:
    """Who speaks in a sentence; everyone titled after `listed_from` is on a list of speakers."""
    listed = lambda p: listed_from is not None and p.start >= listed_from  # noqa: E731
    if ctx.doc.language == "en":
        return [p for p in titled_people(ctx, text)
                if listed(p) or _VERB_EN.search(text, p.end) or _SAID_BEFORE_EN.search(text, 0, p.start)]
    people = [p for p in titled_people(ctx, text) if p.titles and p.titles[0].role != "记者"]
    people += officials_zh(text)
    speakers = [p for p in people
                if listed(p) or (_VERB_ZH.match(text[p.end:]) and not _INTERVIEWED_ZH.match(text[p.end:]))]
    return _joined_speakers(text, people, speakers) + _known_speakers(text, known, speakers)


def _joined_speakers(text: str, people: list[TitledPerson], speakers: list[TitledPerson]) -> list[TitledPerson]:
    """甲、乙、丙等在开幕式上发言 (or 甲，乙和丙…): whoever is joined to a speaker by a list
    mark spoke too, though the verb stands far from the first of them."""
    joined = list(speakers)
    for person in sorted(people, key=lambda p: p.start, reverse=True):
        nearest = min((p for p in joined if p.start > person.end), key=lambda p: p.start, default=None)
        if person not in joined and nearest and _LIST_JOIN_ZH.fullmatch(text, person.end, nearest.start):
            joined.append(person)
    return sorted(joined, key=lambda p: p.start)


def _known_names(ctx: DocContext) -> re.Pattern | None:
    """Everyone the article introduces with a title (not its reporters):
    later sentences name them bare (罗振远透露…)."""
    names = {p.name for sentence in ctx.sentences for p in titled_people(ctx, ctx.text(sentence))
             if p.titles and p.titles[0].role != "记者"}
    return re.compile(rf"(?:^|(?<=[,，;；:：在]))(?:{alternation(names)})") if names else None


def _known_speakers(text: str, known: re.Pattern | None, speakers: list[TitledPerson]) -> list[TitledPerson]:
    found = []
    for match in known.finditer(text) if known else ():
        if any(p.start < match.end() and match.start() < p.end for p in speakers):
            continue
        if _NAMED_VERB_ZH.match(text, match.end()):
            found.append(TitledPerson(match.group(0), match.start(), match.end(), (), 0.6))
    return found


def _nearest(events: list[_Event], position: int) -> _Event | None:
    before = [e for e in events if e.position <= position]
    if before:
        return before[-1]
    return events[0] if events else None


def extract(ctx: DocContext) -> list[SpeaksAt]:
    found = []
    find_events = _events_zh if ctx.doc.language == "zh" else _events_en
    pending: _Event | None = None
    pending_paragraph = -1
    # A list of speakers parted by ；runs on into the next sentences of its paragraph.
    listing: _Event | None = None
    listing_paragraph = -1
    # The event the paragraph named last, taken or not.
    named: _Event | None = None
    named_paragraph = -1
    known = _known_names(ctx) if ctx.doc.language == "zh" else None
    for sentence in ctx.sentences:
        # An event set up without a named speaker carries into the next
        # paragraph at most: news often opens a forum, then quotes speakers.
        if sentence.paragraph > pending_paragraph + 1:
            pending = None
        text = ctx.text(sentence)
        events = find_events(ctx, text)
        cue = (_SPEAKER_LIST_ZH if ctx.doc.language == "zh" else _SPEAKER_LIST_EN).search(text)
        listing = listing if sentence.paragraph == listing_paragraph else None
        speakers = _speakers(ctx, text, known, 0 if listing else cue.start() if cue else None)
        if sentence.paragraph != named_paragraph:
            named = None
        event = None
        for speaker in speakers:
            # 乙致辞。 after 甲出席开幕式并致辞。: a formal speech of the same paragraph is at its event.
            formal = named if _FORMAL_SPEECH.match(text, speaker.end) else None
            event = _nearest(events, speaker.start) or listing or pending or formal
            if event is None or event.year is None:
                continue
            confidence = 0.85 if events else 0.65
            found.append(SpeaksAt(lang=ctx.doc.language, person=speaker.name, event=event.name, summit=event.year,
                                  evidence=evidence_for(ctx, sentence, "speaks_at.pattern", confidence)))
        runs_on = (cue or listing) and text.endswith(("；", ";"))
        # A list whose first entry names no one we know still runs on, with its event.
        run_event = event or (events[-1] if events else listing or pending)
        listing, listing_paragraph = (run_event, sentence.paragraph) if runs_on else (None, -1)
        if events:
            named, named_paragraph = events[-1], sentence.paragraph
        if speakers:
            pending = None
        elif events:
            pending, pending_paragraph = events[-1], sentence.paragraph
    return found
