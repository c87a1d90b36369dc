"""award_project: which project won or was selected for which award, in
which year, and the organisation behind it.

Winners are often listed a sentence or two after the award is named
(第四届世界互联网大会发布…领先科技成果。…入选成果包括甲公司的“…”、乙大学的“…”),
so a list of winners without an award of its own takes the award the article
named last. A rank (一等奖) stands for the contest the article names."""

from __future__ import annotations

import re
from typing import NamedTuple

from ..models import AwardProject
from . import evidence_for
from .context import DocContext
from .lexicon import AWARD_VERBS, COUNTRIES, ORG_DESCRIPTORS_EN, ORG_DESCRIPTORS_ZH, alternation
from .names import POSSESSIVE_EN, leading_org_word, looks_like_org, role_re_en
from .people import titled_people

_QUOTES = "“”\"「」『』"
_AWARD_ZH = re.compile(rf"(?P<award>[{_QUOTES}\u4e00-\u9fffA-Za-z0-9]{{1,24}}?(?:领先科技成果|科技成果|创新成果|奖|冠军|亚军|季军|(?:精品|优秀|典型|示范|创新|最佳|标杆)案例))(?![项金])")
_CONTEST_ZH = re.compile(rf"[{_QUOTES}\u4e00-\u9fffA-Za-z0-9]{{1,24}}?(?:大赛|竞赛|挑战赛)")
# Where an award's name starts: after the last of these words before 奖; the 的 of
# 领先的科技成果 belongs to the name.
_AWARD_LEFT_EDGE = re.compile(r".*(?:被评为|评为|获评|举办|举行|公布|揭晓|首次|首度|获得|赢得|取得|获颁|颁|获|荣获|斩获|摘得|夺得|入选|评选|问鼎|入围|当选|在|于|"
                              r"(?<!领先|先进|优秀|杰出|前沿|最佳)的|为|是|了|个|项|和|与|及|中|从|被|将|已|等(?!$)|年度|年|届|[“「『])")
_NOT_AN_AWARD = re.compile(r"^(?:该|此|本|获|大)?奖$|(?:颁|领|获|得)奖$")
_RANK = re.compile(r"(?:[一二三四五六七八九十]+等奖|特等奖|金奖|银奖|铜奖|优秀奖|冠军|亚军|季军)$")
_YEAR_BEFORE = re.compile(r"(20\d\d)年(?:度)?(?:的)?[“「『]?$")
# 获奖项目“…”颇高: a verb before the noun it qualifies names no winner.
# 甲的“X”、乙的“Y”等(15项)成果集中发布: 等 places the quoted before it among the award's winners.
# 共评选出15项领先科技成果，包括“X”等…; 甲的“X”等18项成果从千余项申报成果中脱颖而出: selected.
_VERB_ZH = re.compile(rf"(?:{alternation(AWARD_VERBS)}|位列其中|名列其中|榜上有名|脱颖而出|(?:评选|遴选|评)出|获(?=[^,，。;；]{{0,10}}奖))"
                      r"(?!奖?(?:项目|成果|作品|案例|名单|单位|者))"
                      r"|[”」』]等(?:[\d一二三四五六七八九十几多]+(?:项|个|款))?(?:成果|项目)")
# 某公司的“项目”, 某公司凭借“项目”, “项目”（某公司）, 某集团“项目” (the maker when its name says so): one winner of a list.
_QUOTED_ITEM = re.compile(r"(?:(?P<org>[^、,，;；:：“”\"。]{2,30}?)(?:研发|推出|打造|开发|发布)?(?:的|凭借|凭|依托|以)"
                          r"|(?P<named>[^、,，;；:：“”\"。的]{2,30}))?"
                          r"[“\"「](?P<project>[^”\"」]{2,40})[”\"」](?:[(（](?P<owner>[^()（）]{2,30})[)）])?")
# A winner written without quotes: 甲公司的X, 由甲公司申报的X, 甲公司研发的X,
# X（甲公司）, and the row "X 甲公司" of a flattened table.
_MAKERS = r"(?:(?:联合|共同|合作)?(?:申报|研发|推出|打造|开发|研制|提交|完成))"
_ITEM_MAKER_QUOTED = re.compile(r"^(?P<org>[^“”「」『』,，的]{2,30})[“「『](?P<name>[^”」』]{1,20})[”」』](?P<rest>[^“”「」『』]{0,30})$")
# 甲的“X”, a line of its own: the project ends at its closing quote, even where the line runs
# on into prose (甲的“X”而这十项中的七项来自…) or a description (甲的“X”：该芯片…).
_ROW_QUOTED = re.compile(rf"^(?P<org>[^“”「」『』、,，。;；:：的]{{2,30}}?){_MAKERS}?的[“「『](?P<project>[^”」』]{{2,80}})[”」』]"
                         r"(?=$|(?:而|但|并|且|这|其中|此外|同时)|[,，。;；][^“「『]*$|\s*[:：—])")
_ITEM_COMMA_ROW = re.compile(r"^(?P<project>[^,，]{2,40})[,，](?P<org>[^,，的]{2,20})$")
_ITEM_OWNER_AFTER = re.compile(r"^(?P<project>[^()（）]{2,40}?)[(（](?P<org>[^()（）]{2,30})[)）]$")
_ITEM_ROW = re.compile(r"^(?P<project>\S{2,40})\s+(?P<org>\S{2,30})$")
# 甲公司－X系统, a row that names the maker first and its product after a dash.
_ITEM_DASH_ROW = re.compile(r"^(?P<org>[^-—－–]{2,20}?)\s*[-—－–]\s*(?P<project>[^-—－–]{2,40})$")
# What a product's name ends in: the side of a row that names one is the project.
_PRODUCT_END = re.compile(r"(?:系统|平台|芯片|晶片|模型|方案|设备|技术|网络|网路|引擎|机器人|终端|应用|框架|软件|服务|产品|装置|"
                          r"计算机|服务器|数据库|网关|传感器)$")
# 成果名称：X / 申报单位：甲 — a list whose rows are one field a line.
_FIELD_LABEL = re.compile(r"(?:名称|单位|机构|企业|简介|介绍|领域|类别)$")
_FIELD_ROW = re.compile(r"^(?:(?:项目|成果|作品|产品)?名称\s*:\s*(?P<project>\S.{1,40})|(?:申报|完成|研发|推荐|所属)?(?:单位|机构|企业)\s*:\s*(?P<org>\S.{1,30})"
                        r"|\S{0,4}(?:简介|介绍|领域|类别)\s*:.*)$")
# 甲公司：X, a row of a list that names the maker first.
_ITEM_ORG_COLON = re.compile(r"^(?P<org>[^:：,，的]{2,30})[:：]\s*(?P<project>[^:：,，]{2,40})$")
# 甲公司凭借X项目(荣获…): the maker, then the project it won with.
_ITEM_BY_MEANS = re.compile(r"^(?P<org>[^,，:：;；的]{2,30}?)(?:凭借|依托)(?P<project>[^,，:：;；的]{2,40})$")
# 名称：X 单位：甲公司 — a row of a list with labelled fields.
_ITEM_FIELDS = re.compile(r"^(?:项目|成果)?名称\s*[:：]\s*(?P<project>\S{2,40})\s+(?:申报|完成|研发|推荐)?单位\s*[:：]\s*(?P<org>\S{2,30})$")
# X由甲公司研发: the project first, its maker after 由.
_ITEM_MADE_BY = re.compile(rf"^(?P<project>[^由,，:：;；]{{2,40}}?)由(?P<org>[^,，:：;；]{{2,30}}?){_MAKERS}$")
# 甲研究院某某平台, 乙公司基于…的某某系统: a list's winner with no 的 between maker and project
# (the longest lead that ends in one of these words is the maker).
_MAKER_END = r"(?:有限公司|公司|集团|大学|学院|研究院|研究所|实验室|科学院|所)"
_ORG_FUSED = re.compile(rf"^(?P<org>[^,，。;；:：、]{{2,24}}{_MAKER_END})(?P<project>[^,，。;；:：、]{{4,40}})$")
_MAKER_NAME = re.compile(rf".*{_MAKER_END}$")
# 天枢芯片——星河科技有限公司, 基于X的Y平台——乙研究院: the product, then a dash and a name that ends as a maker's.
_ITEM_DASH_MAKER = re.compile(rf"^(?P<project>[^—－–]{{2,40}}?)\s*(?:——|—|－－)\s*(?P<org>[^-—－–的,，]{{2,30}}{_MAKER_END})$")
_ITEM_OWNER_BEFORE = re.compile(rf"^由?(?P<org>[^的,，:：;；\s]{{2,30}}?){_MAKERS}?的(?P<project>[^,，:：;；]{{2,40}})$")
# 甲公司、乙大学联合研发的X: one winner, made by each of them.
_JOINT_MAKERS = re.compile(rf"^(?P<orgs>[^的,，、]{{2,30}}(?:[、和与及][^的,，、]{{2,30}}?)+){_MAKERS}的(?P<project>[^、,，]{{2,40}})$")
# List marks and lead words before a winner (1. / - / 其中 / 和).
_BULLET = r"(?:\d{1,2}[.、)）]|\d{1,2}(?=\s)|[(（]\d{1,2}[)）]|[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|[-•·*●◆■▲▶]|[①-⑳])\s*"
# A list's number or bullet alone: the sentence splitter cut it from its row ("1." / "Orion Twins from Bayfront").
_NUMBER_ONLY = re.compile(r"\d{1,2}[.)、]|[-•*●◆■▲▶]")
# "1.天枢芯片" ⏎ "——星河科技有限公司" (or "完成单位：星河科技有限公司"): a row's maker on the line below it.
_MAKER_LINE = re.compile(r"\s*(?:——|—|－－|--|(?:申报|完成|研发|推荐|所属)?(?:单位|机构|企业)\s*[:：])\s*"
                         r"(?P<orgs>[^,，。;；:：!?！？“”\"]{2,60}?)\s*")
# Makers of one row: 星河研究所 北辰科技有限公司 (a space between Chinese names), 甲、乙.
_MAKERS_APART = re.compile(r"\s*[、;；]\s*|(?<=[\u4e00-\u9fff)）])\s+(?=[\u4e00-\u9fff])")
# 2019年某某成果名单（按发布次序）, …名单如下: a heading on a line of its own; its rows follow, with no colon.
_LIST_TITLE = re.compile(r"(?:获奖|入选)?(?:项目|成果)?名单(?:如下)?(?:[(（][^()（）]{1,12}[)）])?")
# …赛道——甲的X: a row's track before the winner.
_ITEM_LEAD = re.compile(rf"^(?:{_BULLET}|其中|此外|另外|同时|和|与|及|以及|还有|包括|[一二三四五六七八九十]是|"
                        rf"[一这该另](?:款|项|个|套|种)|[^,，。;；—]{{2,15}}赛道\s*(?:——|—|-|:)\s*)+\s*")
# A winner's bare name: no clause, no 的 (甲的X is a maker and a project, or a description), no
# space between Han characters (a headline's "…发布领先科技成果 开源框架、…" parts title and list).
_BARE_NAME = re.compile(r"(?!.*[\u4e00-\u9fff]\s+[\u4e00-\u9fff])[^的,，。;；:：!?！？]{2,40}")
_DASHED = re.compile(r"——(.+?)——")
# 基于大模型的X, 为长者而设的X: what the project is based on or for, not who made it.
_NOT_AN_ORG = re.compile(r"^(?:为|给|供|面向|针对|用于|基于|适用于|服务于)")
_NOT_A_NAME = re.compile(r"^(?:该|此|这|其|今年|本届|此次|本次|去年|当天|部分|多个|不少|项目名称|名称|多年|长期|出色|优异|卓越|突出)")
_DESCRIBED = re.compile(rf"^[\u4e00-\u9fff]{{0,3}}?(?:{alternation(ORG_DESCRIPTORS_ZH)}|新创|初创|团队)")
_PROJECT_WORD = re.compile(r"(?<=.{4})项目$")
# Winners parted within a list: 、 always; 和/与 after a bracket or quote, or before another
# owner (…、乙的Y和丙的Z) — _split_list checks the piece before it is whole.
_LIST_SEP = re.compile(rf"[、;；]|(?<=[)）”」』])(?:和|与|及|以及)|(?:和|与|及|以及)(?=[^、和与及的]{{2,30}}?{_MAKERS}?的)")
# A list after its colon whose winners are parted by commas (no 、 in it): 甲的X，乙的Y，以及丙的Z.
_COMMA_SEP = re.compile(r"[,，](?:以及|和|还有)?(?![^(（]*[)）])")
# Where a sentence names its winner, around its own award: 甲的X入选…, 获得…奖的是甲的X,
# …奖被甲研发的X摘得, …奖由X项目获得.
_SELECTED = r"(?:入选|获选|获奖|入围|上榜|在列|榜上有名|位列其中|名列其中|也在其中|成为(?:入选|获奖)(?:成果|项目)之一)"
_WINNER_BEFORE = re.compile(rf"(?:^|[,，;；])(?P<w>[^,，;；:：。]{{4,240}}?)[,，]?(?:则|也|亦|同样|还|均|都|同时|成功|一举)?"
                            rf"(?P<verb>{alternation(AWARD_VERBS)}|获选|{_SELECTED})")
# What may come between a winner's verb and the award it names: …获得2025年某大会“星河奖”.
_LEADS_TO_AWARD = re.compile(r"[^,，;；。]{0,12}|(?:20\d\d年度?)?(?:第[一二三四五六七八九十\d]{1,3}届)?(?:世界互联网大会|乌镇峰会)[“「『]?")
_WINNER_AFTER = re.compile(r"(?:的|得主|获得者|获奖者)(?:是|为|包括)(?P<w>[^,，;；。]+)")
_WINNER_BY = re.compile(r"(?:则|也)?(?:被(?P<w>[^,，;；。]+?)(?:摘得|获得|夺得|斩获|摘取)|由(?P<bare>[^,，;；。]+?)(?:获得|摘得|夺得|斩获))")
# 获奖项目包括：…, 人工智能赛道二等奖名单如下：…: a colon that opens a list of winners.
_LIST_HEAD = re.compile(r"(?:包括|如下|分别是|分别为|名单|得主|有|奖|成果|项目|案例|(?:获得者|得主|获奖者)(?:为|是)|"
                        r"有(?!限公司)[^,，。;；]{1,10})(?:[(（][^()（）]{1,6}[)）])?$")  # not 某某有限公司：X, a row
# …的科技成果。这15项成果分别是：: the winners of the award named before, pointed back at.
_WINNERS_CUE = re.compile(r"入选|获奖|获评|上榜|获选|得主|获得者|名单|(?:这|这些|以下|上述)[\d一二三四五六七八九十几]*(?:项|个|款)?(?:成果|项目)")
# 成果中，包括…: a list that opens without a colon.
# …成果更引人注目，它们包括…, …的项目共15项，其中包括…, 大会发布15项「…成果」，包括…: the list is the award's.
_INCLUDES = re.compile(r"[,，](?P<pointed>它们|这些(?:成果|项目)?|其中)?(?:包括|分别是)|(?:[,，]其中|(?<=中)[,，]?)有"
                       r"|(?<=中)包括|(?<=[,，])(?:获评|入选|获奖|上榜)的(?:有|是|包括)")
# 称今年的获奖成果“…”: a quotation, not a winner.
_SPOKEN = re.compile(r"(?:称|说|表示|认为|指出|强调|坦言)[^,，。;；“”]*$")
# “未来之光”博览会, “某某成果发布活动”: a quoted name that an event word follows or ends is the
# event's, not a winner's.
_EVENT_WORD = r"(?:博览会|展览会|展会|大会|论坛|峰会|大赛|竞赛|挑战赛|赛事|活动|评选)"
_EVENT_QUOTED = re.compile(rf".*{_EVENT_WORD}$")
_EVENT_NAMED = re.compile(rf"{_EVENT_WORD}"
                          # …科技成果“绿色计算”专项成果, “数字先锋”奖: a category of the award, not a winner
                          r"|(?:专项|特别|单项)(?:成果|奖)|奖")
# 在介绍“X”领先成果时, 介绍了入选成果“X”: a winner named by the award's short word (领先成果, 获奖项目).
_PRESENTED = re.compile(r"(?:介绍|展示|讲解|推介)了?(?P<named>(?:领先|获奖|入选)(?:科技)?(?:成果|项目))?[“「『](?P<project>[^”」』]{2,40})[”」』]"
                        r"(?(named)|(?:这[一项个])?(?:领先|获奖|入选)(?:科技)?(?:成果|项目))")
# 该项目由某公司申报: the owner of a winner named bare.
_OWNER_NOTE = re.compile(rf"(?:该|此)(?:项目|成果|产品)由(?P<org>[^,，;；。]{{2,30}}?){_MAKERS}")
# A list of winners that names no award itself: 入选成果包括…, 获奖项目分别是….
# 入选的15项成果中，甲的“…”、乙的“…”引人关注 counts them first.
_LIST_CUE = re.compile(r"(?:入选|获奖|获评|获选|上榜|发布)的?(?:[\d一二三四五六七八九十几多]+(?:个|项|款|件))?(?:成果|项目|作品|案例|产品)"
                       r"(?:还|也)?(?:包括|分别是|分别为|有|为|是|中)")
# Words before an owner's name: the list's lead, a conjunction, 由 (由某院研发的“…”).
_LIST_LEAD = re.compile(r"^(?:.*(?:包括|分别是|分别为|其中)[:：]?)?(?:和|与|及|以及|由)?")
_COUNTED_WINNERS = re.compile(r"[\d一二三四五六七八九十]+(?:项|个|款)[\u4e00-\u9fff]{0,8}?(?:成果|项目|产品|案例)(?:获奖|入选|上榜|获评|获选)")
_COUNTED = re.compile(r"^[\d一二三四五六七八九十几多]+(?:个|项|款|家|件)")
_COUNT_TAIL = re.compile(r"等(?:[\d一二三四五六七八九十几多]+(?:个|项|款|件))?(?:[\u4e00-\u9fff]{0,3}?(?:成果|项目|作品|案例|产品))?$")
# A table's number column, its space lost in reading: "1天枢框架 北辰研究院" (but 5G…, 3D… stay).
_ROW_NUMBER = re.compile(r"^\d{1,2}(?=[\u4e00-\u9fff“「])")
_TABLE_HEADER = re.compile(r"(?:序号|编号)?\s*\S{0,4}名称\s+\S{0,4}(?:单位|机构|企业)\s*")
_REPRESENTATIVE = re.compile(r"^作为(?:该|这个)?项目(?:团队|方|研发团队)?的?(?:代表|负责人)")

_EN_WORD = r"[A-Z][\w-]*\s(?:(?:and|of|for|in|on)\s)?"
# The conference's own honour is often written in lower case ("15 world-leading internet
# scientific and technological achievements were released").
_AWARD_EN = re.compile(rf"(?:{_EN_WORD}){{1,8}}(?:Award|Prize|Achievement|Honou?r)s?"
                       r"|(?i:(?:world[- ]|world['’]s\s)?leading\sinternet|world\sinternet\sleading)\s(?i:scientific\sand\stechnological|"
                       r"science\sand\stechnology|technology\sand\sscience)\s(?:\(S&T\)\s)?(?i:achievements)")
# "the Recommendation Committee for World Leading … Achievements": the committee is not the award
_AWARD_BODY_EN = re.compile(r"^.*\b(?:Committee|Council|Board|Jury|Panel)\s(?:for|of|on)\s(?:the\s)?")
# the 2023 "Straight to Wuzhen" Global Internet Competition
_CONTEST_EN = re.compile(rf"(?:[\"“][^\"”]{{2,40}}[\"”]\s)?(?:{_EN_WORD}){{1,6}}(?:Competition|Contest|Challenge|Expo|Exposition)\b")
# A sentence of winners that names no award takes the one named last:
# "Among them were …", "… took first prize".
_CARRY_CUE_EN = re.compile(r"\b(?:[Aa]mong\sthem|[Ii]ncluding|[Ss]uch\sas)\b"
                           r"|\b(?i:list|line-?up|winners|recipients|honou?rees|projects|achievements)\b[^.]{0,50}?\b(?:includes?|included|were|features?|featured)\b"
                           r"|\bamong\s(?:the\s)?(?:other\s)?(?:\d+\s)?(?:winners|recipients|honou?rees)\b"
                           r"|\b(?:took|won|received|bagged|claimed|honou?red\swith)\s(?:the\s)?(?:[\w-]+\s){0,3}(?i:prize|award|place)\b"
                           r"|\b(?:prize|award|place)s?\swent\sto\b|\b(?:was|were)\s(?:also\s)?on\sthe\slist\b")
_EN_ORG = r"[A-Z][\w&.'’-]*(?:\s(?:(?:of|for|and|the|&)\s)*[A-Z0-9][\w&.'’-]*){0,6}(?:,\s(?:Ltd|Inc)\.?)?"  # "… Co., Ltd."
_QUOTED_WIN_EN = re.compile(
    rf"(?:(?P<org>{_EN_ORG}){POSSESSIVE_EN}\s)?[\"“](?P<project>[^\"”]{{2,60}})[\"”]"
    r"(?:,?\s(?:by|from|of|developed by)\s(?P<org2>[A-Z][\w&.-]*(?:\s(?:of\s)?[A-Z][\w&.-]*){0,5}))?,?"
    r"\s(?:project\s)?(?:won|received|was\sselected\sfor|was\samong|bagged|took|was\shonou?red\swith|"
    r"was\snamed|were\samong)")
# Lists of "Org's project": after "including", "winners include", "the top prize went to",
# "…, as was …", or as the subject of "were among the winners".
_LIST_AFTER_EN = re.compile(r"\b(?:including|includes?:?|included|such\sas|alongside|(?i:list|line-?up)\s(?:also\s)?(?:features?|featured)|(?i:among\sthem)(?:\s(?:were|are|was|is))?|as\s(?:was|were)|"
                            r"^[Aa]mong\s(?:[\w'’-]+\s){0,12}?(?:[Aa]chievements?|[Aa]wards?|[Pp]rizes?|winners|honou?rees|recipients)(?:\s(?:released|selected|announced|unveiled|named|awarded|honou?red|recogni[sz]ed))?\s(?:were|are)|(?:on|in)\sthe\slist\s(?:were|are|was|is)|"
                            r"(?:prize|award|honou?r|place)s?\swent\sto)\s(?P<list>[^;:]+?)\.?$")
_LIST_BEFORE_EN = re.compile(r"^(?P<list>.+?)\s(?:were|was)\s(?:also\s)?(?:(?:among|one\sof)\s(?:the\s)?(?:other\s)?(?:\d+\s)?"
                             r"(?:(?:winners|recipients|honou?rees)\b|(?:20\d\d\s)?(?=[A-Z])|(?:[\w-]+\s){0,6}?(?:achievements|awards|prizes)\b)|"
                             r"named|selected\s(?:as|for)|honou?red\swith|awarded|on\sthe\slist)\b|^(?P<list2>.+?),?\s(?:won|received|bagged|took|claimed)\s")
# Commas part the winners, except the one before a maker ("…, submitted by …").
_LIST_SPLIT_EN = re.compile(r",(?!\s*(?:(?:developed|built|made|designed|created|submitted)\s)?(?:by|from)\s|\s(?:Ltd|Inc)\b)\s*(?:and\s+)?|\s+and\s+(?=(?:the|an?)\s|[A-Z])")
_OWNED_EN = re.compile(rf"^(?:the\s)?(?P<org>{_EN_ORG}){POSSESSIVE_EN}\s(?P<project>[^\"“”]+)$")
# "… by a team from Orion University", "… by the Harbor Data Center (HDC)"
_BY_ORG_EN = (r"(?:(?:developed|built|made|designed|created|launched|submitted)\sby|by|from)\s(?:the\s)?"
              rf"(?:{ORG_DESCRIPTORS_EN}|an?\s(?:research\s)?team\s(?:from|of|at)\s(?:the\s)?)?(?P<org>{_EN_ORG})(?:\s\([A-Z]{{2,10}}\))?$")
# "the Helix chip developed by Bayfront", "a fault prediction system from State Grid",
# "the Nebula model, by Skyline"
_MADE_BY_EN = re.compile(rf"^(?:[Tt]he\s|[Aa]n?\s)?(?P<project>[^,\"“”]+?),?\s{_BY_ORG_EN}")
# "CareLink, an elderly-care robot from Singapore start-up Meralion Robotics"
_APPOSITIVE_EN = re.compile(rf"^(?P<project>[A-Z][\w-]*(?:\s[A-Z0-9][\w-]*)*),\s(?:an?|the)\s[^,]+?\s{_BY_ORG_EN}")
# "the Orion mapping platform of Bayfront": a named project, then its owner
_OF_ORG_EN = re.compile(rf"^(?:[Tt]he\s)?(?P<project>[A-Z][\w-]*(?:\s[\w-]+){{1,6}}?)\sof\s(?:the\s)?(?P<org>{_EN_ORG})$")
# "the Tianhe edge chip (Orion Labs)"
_OWNER_AFTER_EN = re.compile(rf"^(?:[Tt]he\s|[Aa]n?\s)?(?P<project>[^,()\"“”]+?)\s\((?P<org>{_EN_ORG})\)$")
# "- Orion Technologies: Skyline language model", a row that names the maker first
_ORG_COLON_EN = re.compile(rf"^(?:{_BULLET})?(?:the\s)?(?P<org>{_EN_ORG}):\s(?P<project>[^:]{{2,80}}?)\.?$")
# "Orion Labs - Kepler chip", "Kepler chip – Orion Labs": a row of a maker and its product
_DASH_ROW_EN = re.compile(r"^([^–—]{2,80}?)\s[-–—]\s([^–—]{2,80})$")
_PRODUCT_EN = re.compile(r"\b(?:chip|system|platform|model|database|network|engine|robot|processor|modem|gateway|computer|"
                         r"framework|software|service|solution|technology|equipment|device|architecture|application|app|sensor|server)s?$", re.I)
# "Harbor AI won a … award for its medical imaging assistant"
_WON_FOR_ITS_EN = re.compile(rf"(?:^|,\s|\b(?:while|whereas|and)\s)(?:the\s)?(?P<org>{_EN_ORG})\s(?:won|received|bagged|took|claimed|was\shonou?red\swith)\s"
                             r"[^.;]{0,80}?\b(?i:award|prize|honou?r|achievement|place)s?\s(?:[^.;]{0,20}?\s)?for\s(?:(?:its|their)\s|(?=[A-Z]))"
                             r"(?P<project>[^,.;]+)")
# "In the enterprise category, Orion Group's Vega Pay was recognized for its …": a maker's named
# product honoured, after the award was named (a person honoured is no tuple; China's X is no maker's).
_RECOGNISED_EN = re.compile(rf"(?:^|,\s)(?P<org>{_EN_ORG}){POSSESSIVE_EN}\s(?P<project>[A-Z0-9][\w&.'’+-]*(?:\s[A-Z0-9][\w&.'’+-]*){{0,5}})"
                            r"\s(?:was|were)\s(?:also\s)?(?:recogni[sz]ed|honou?red|commended)\sfor\b")
# "The … Award went to Orion Data for its X and to Vertex Labs for its Y"
_WENT_TO_EN = re.compile(rf"\b(?:went|goes|was\s(?:given|presented))\sto\s(?P<first>.+)$")
_TO_ORG_FOR_EN = re.compile(rf"(?:^|\sand\s(?:to\s)?)(?:the\s)?(?P<org>{_EN_ORG})\sfor\s(?:its|their)\s(?P<project>[^,.;]+?)"
                            r"(?=\sand\s|[,.;]|$)")
# "… for its contributions to …": a merit, not a project
_MERITS_EN = re.compile(r"(?:outstanding\s|long-standing\s|significant\s)?(?:contributions?|efforts?|work|role|leadership|commitment|"
                        r"achievements?|innovations?\sin|excellence|support|services\sto)\b", re.I)
# "Darwin chip by Orion University and Vega Lab": two makers, each a name ending in an organisation word
_JOINT_EN = re.compile(r"^(.+?\b(?:University|Universities|Lab|Laboratory|Institute|Academy|College|Group|Company|"
                       r"Corporation|Center|Centre|Inc\.?|Ltd\.?))\s(?:and|&)\s([A-Z].+)$")
# A sentence that ends in a colon and opens the list of winners of the award named before it.
_LIST_OPENS_EN = re.compile(r"\b(?i:selection|winners|recipients|honou?rees|list|line-?up|(?:they|these)\s(?:are|include)|as\sfollows)\b")
# "The winners included …", "Winners this year are …": the list names every winner, some bare.
_WINNERS_LIST_EN = re.compile(r"\b(?i:winners|recipients|honou?rees)\s(?:this\syear\s)?(?:also\s)?(?:included|include|were|are)\s(?P<list>[^;:]+?)\.?$")
_BARE_NAME_EN = re.compile(r"[A-Z0-9][\w&.'’()/+-]*(?:\s[\w&.'’()/+-]+){0,9}")
# Clauses of one sentence that may each name a winner ("…, while …").
_CLAUSES_EN = re.compile(r",?\s(?:while|whereas)\s|;\s")

_COUNTRIES_EN = frozenset(COUNTRIES.values())

Found = tuple[str, "int | None", str, "str | None"]


class _Name(NamedTuple):
    start: int
    end: int
    name: str
    year: int | None


def _names(pattern: re.Pattern, text: str) -> list[_Name]:
    """Each award or contest named in a sentence."""
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
        year = _YEAR_BEFORE.search(text, 0, start) or re.match(r"(20\d\d)(?=\D)", name)  # 2021世界互联网领先科技成果
        found.append(_Name(start, match.end(), name, int(year.group(1)) if year else None))
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
    return _without_descriptor(tail if len(tail) >= 4 and looks_like_org(tail) else phrase)


def _quoted_zh(text: str, award: str) -> list[tuple[str, str | None]]:
    """(project, owner) pairs a sentence names in quotes; not a speaker's words."""
    found = []
    for match in _QUOTED_ITEM.finditer(text):
        project = match.group("project")
        if project in award or _COUNTED.match(project) or _SPOKEN.search(text, 0, match.start("project") - 1) \
                or _EVENT_NAMED.match(text, match.end("project") + 1) or _EVENT_QUOTED.match(project):
            continue
        lead = match.group("org") or ""
        if lead.startswith("有") and text[match.start() - 2 : match.start()] in ("中,", "中，"):
            lead = lead[1:]  # 在本次发布的15项成果中，有甲的“X”、…
        named = _LIST_LEAD.sub("", match.group("named") or "")
        org = match.group("owner") or _owner(_LIST_LEAD.sub("", lead).strip()) or (named if looks_like_org(named) else None)
        found.append((project, org))
    return found


def _item_zh(phrase: str) -> tuple[str, str] | None:
    """(project, owner) of one winner written without quotes."""
    aside = _DASHED.search(phrase)
    phrase = _bare_piece(aside.group(1) if aside else phrase)
    quoted = _ITEM_MAKER_QUOTED.match(phrase)
    if quoted and looks_like_org(quoted.group("org")):
        return quoted.group("name") + quoted.group("rest").rstrip("等"), _without_descriptor(quoted.group("org"))
    phrase = _COUNT_TAIL.sub("", re.sub(f"[{_QUOTES}]", "", phrase)).rstrip("等 ")
    for pattern in (_ITEM_DASH_MAKER, _ITEM_FIELDS, _ITEM_OWNER_AFTER, _ITEM_ROW, _ITEM_ORG_COLON, _ITEM_OWNER_BEFORE,
                    _ITEM_MADE_BY, _ITEM_BY_MEANS, _ITEM_DASH_ROW):
        match = pattern.match(phrase)
        if match:
            project, org = _PROJECT_WORD.sub("", match.group("project").strip()), match.group("org").strip()
            fused = _ORG_FUSED.match(org)
            if fused and _NOT_AN_ORG.match(fused.group("project")):  # 乙公司基于X的Y: what Y is based on is part of it
                project, org = f"{fused.group('project')}的{project}", fused.group("org")
            if aside and pattern is _ITEM_OWNER_BEFORE and _NOT_AN_ORG.match(org) and not _NOT_A_NAME.match(project):
                return phrase, None  # 另一项获奖作品——为长者而设的跌倒监测床垫——: what it is for, and no maker
            if _NOT_A_NAME.match(project) or _NOT_A_NAME.match(org) or _NOT_AN_ORG.match(org) or _COUNTED.match(project):
                return None
            if pattern in (_ITEM_DASH_ROW, _ITEM_ORG_COLON) and not _maker_first(org, project):
                return None
            if pattern is _ITEM_ROW:  # "X 甲公司" or "甲公司 X"
                if _MAKER_NAME.match(project) and not _MAKER_NAME.match(org):
                    project, org = org, project
                elif not looks_like_org(org):
                    return None
            return project, _without_descriptor(org)
    fused = _ORG_FUSED.match(phrase)
    if fused and not (_NOT_A_NAME.match(fused.group("project")) or _MAKER_NAME.match(fused.group("project"))):
        return fused.group("project"), _without_descriptor(fused.group("org"))
    return None


def _maker_first(org: str, project: str) -> bool:
    """甲公司：X, 甲－X芯片: the first name is the maker when its name says so, or when the second
    names a product and the first does not (X系统－甲 and 获奖成果：X say nothing of a maker)."""
    if _LIST_HEAD.search(org) or _FIELD_LABEL.search(org):
        return False
    return looks_like_org(org) or bool(_PRODUCT_END.search(project) and not _PRODUCT_END.search(org))


def _all_or_none(items: list) -> list:
    """A list read whole, and naming at least one maker, or not at all (类脑计算、6G等前沿领域的
    20个项目 and 包括人工智能、芯片等领域 list fields, not winners)."""
    return items if all(items) and any(org for _, org in items) else []


def _item_or_bare(piece: str) -> tuple[str, str | None] | None:
    """One winner of a list of several: with its maker where the piece names one, else
    the bare name (星河会议 in 其中星河会议、乙研究院X平台等案例获评…)."""
    item = _item_zh(piece)
    if item:
        return item
    quoted = _ITEM_MAKER_QUOTED.match(_bare_piece(piece).rstrip("等"))
    if quoted and not quoted.group("rest") and len(quoted.group("org")) <= 10:  # 甲“X” among other winners
        return quoted.group("name"), _without_descriptor(quoted.group("org"))
    name = _COUNT_TAIL.sub("", re.sub(f"[{_QUOTES}]", "", _bare_piece(piece))).rstrip("等 ")
    if not _BARE_NAME.fullmatch(name) or _NOT_A_NAME.match(name):
        return None
    org = leading_org_word(name)  # 甲无人配送方案, where the tagger knows 甲 as an organisation
    return (name[len(org):], org) if org and len(name) - len(org) >= 2 else (name, None)


def _bare_piece(piece: str) -> str:
    """A piece of a list without its lead (1. / 其中 / 一是) and its closing marks."""
    return _ITEM_LEAD.sub("", piece.strip()).rstrip("。，,；; ")


def _without_descriptor(org: str) -> str:
    """台资企业宏硕电能 → 宏硕电能, 新竹新创晶丰感测 → 晶丰感测: what kind of maker it is, and
    where it is from, are not its name."""
    lead = _DESCRIBED.match(org)
    return org[lead.end():] if lead and len(org) - lead.end() >= 2 else org


def _listed_zh(text: str, own: _Name | None) -> list[tuple[str, str]]:
    """获奖项目包括：甲的X、乙的Y和丙的Z / 二等奖：X（甲）: the winners after a list's colon;
    or after 包括 with no colon (发布的14项领先科技成果中，包括甲研发的X、乙的Y等; …成果”，其中包括…)."""
    head, colon, rest = text.partition(":")
    headed = None
    if not colon:
        opened = _INCLUDES.search(text)
        if opened:
            head, colon, rest = text[:opened.start()].removesuffix("中").rstrip(_QUOTES + ",，"), opened.group(0), text[opened.end():].rstrip("。")
            rest = rest.rpartition("包括")[2]  # 成果中，有7项来自中国企业，包括…: the list starts at 包括
        headed = opened and opened.group("pointed")
    headed = headed or _LIST_HEAD.search(head) or "名单" in head[-25:]  # 名单中，多项与芯片相关：
    if not (colon and headed and ((own and own.end <= len(head)) or _WINNERS_CUE.search(head))):
        return []
    return [item for line in rest.split("\n") for item in _line_items(line, bare=True)]


def _line_items(line: str, bare: bool = False) -> list[tuple[str, str | None]]:
    """The winners of one line of a list: parted by 、 (or by commas when it has no 、);
    a row "X，甲" whose pieces are no winners on their own is one winner and its maker.
    A list under its head (`bare`) may name some winners without their maker."""
    single = _ROW_QUOTED.match(_bare_piece(line))
    if single and not _NOT_A_NAME.match(single.group("org")):
        return [(single.group("project"), _without_descriptor(single.group("org")))]
    body = _bare_piece(line)  # without its number (1、)
    if bare and "、" in body:
        pieces = _split_list(_COUNT_TAIL.sub("", body))
        items = [_item_zh(piece) for piece in pieces]
        return items if all(items) else _all_or_none(list(map(_item_or_bare, pieces)))
    pieces = _COMMA_SEP.split(line) if "、" not in line else [line]
    items = [item for piece in pieces for item in map(_item_zh, _split_list(piece)) if item]
    if items or len(pieces) != 2:
        return items
    row = _ITEM_COMMA_ROW.match(_bare_piece(line))
    return [(re.sub(f"[{_QUOTES}]", "", row.group("project")), row.group("org"))] if row else []


def _split_list(text: str) -> list[str]:
    """The pieces of a list. 和/与 part two winners only after a whole one (甲的X与乙的Y),
    not inside a maker's name (星河科学院量子信息与量子计算研究中心的“…”)."""
    pieces, start = [], 0
    for sep in _LIST_SEP.finditer(text):
        left = text[start:sep.start()]
        if sep.group(0) in "、;；" or "的" in left or left.rstrip(",，").endswith((")", "）", "”", "」", "』")):
            pieces.append(left)
            start = sep.end()
    return [*pieces, text[start:]]


def _winners_zh(text: str, own: _Name | None) -> list[tuple[str, str | None]]:
    """Winners a sentence names without quotes, placed by its own award; a
    carried award only takes 甲的X入选 standing alone."""
    found = []
    named = [n.start for n in _names(_AWARD_ZH, text)] if own else []  # 甲的X获得一等奖，乙的Y获得二等奖
    for match in _WINNER_BEFORE.finditer(text):
        alone = re.fullmatch(_SELECTED, match.group("verb")) and text[match.end() : match.end() + 1] in ",，;；。"
        if alone or any(_LEADS_TO_AWARD.fullmatch(text, match.end(), start) for start in named):
            # 甲的X、乙的Y等15项成果入选: each winner of the list, without the count.
            pieces = _split_list(_COUNT_TAIL.sub("", match.group("w")))
            joint = _JOINT_MAKERS.match(_bare_piece(match.group("w")))
            if joint:
                found += [(joint.group("project"), org) for org in re.split("[、和与及]", joint.group("orgs"))]
                continue
            items = [_item_zh(piece) for piece in pieces]
            if not alone and len(pieces) > 1 and not all(items):  # a list that names some winners bare
                items = _all_or_none(list(map(_item_or_bare, pieces)))
            found += items
    after = (_WINNER_AFTER.match(text, own.end) or _WINNER_BY.match(text, own.end)) if own else None
    if after and after.group("w"):
        found.append(_item_zh(after.group("w")))
    elif after:
        note = _OWNER_NOTE.search(text, after.end())
        found.append(_item_zh(after.group("bare")) or (_PROJECT_WORD.sub("", after.group("bare")), note and note.group("org")))
    return [item for item in found if item]


def _is_row(ctx: DocContext, index: int, text: str) -> bool:
    """A line of its own that is no question or exclamation: one row of a list or table
    (the last row may close with a full stop). A bulleted row may run on into sentences
    that describe it ("- X by Orion Labs: The idea is … It won praise.")."""
    sentences = ctx.sentences
    first = index == 0 or sentences[index - 1].paragraph != sentences[index].paragraph or \
        _NUMBER_ONLY.fullmatch(ctx.text(sentences[index - 1]).rpartition("\n")[2])  # "1." cut from its row by the splitter
    alone = index + 1 == len(sentences) or sentences[index + 1].paragraph != sentences[index].paragraph
    return first and (alone or re.match(_BULLET, text) is not None) and not text.endswith(("!", "?", "！", "？"))


class _Awards:
    """The award (or contest) the article named last, sentence by sentence."""

    def __init__(self):
        self.award: tuple[str, int | None] | None = None
        self.contest: tuple[str, int | None] | None = None
        # The paragraph whose list of winners, parted by ；, runs on into the next sentence.
        self.listing: int | None = None
        # The award of a list whose rows follow line by line (名单如下：), and the last row's paragraph.
        self.rows: tuple[str, int | None] | None = None
        self.row_paragraph: int | None = None
        self.counted: int | None = None  # the last sentence that counted the winners (17项成果获奖)
        self.named: str | None = None  # the project of a list's 名称： row, waiting for its 单位： row
        self.paragraph: int | None = None  # the last paragraph that named the award or a winner

    def read(self, text: str) -> _Name | None:
        """This sentence's own award, after noting what it names."""
        # The name patterns try every position: skip sentences without their last word.
        contests = _names(_CONTEST_ZH, text) if "赛" in text else []
        if contests:
            self.contest = (contests[0].name, contests[0].year)
        names = _names(_AWARD_ZH, text) if any(word in text for word in ("奖", "成果", "案例", "军")) else []
        proper = [a for a in names if not _RANK.match(a.name)]
        if proper and self.award and self.award[0].endswith(proper[0].name) and proper[0].year in (None, self.award[1]):
            # …领先的科技成果。这15项科技成果分别是：…: the award named before, again by its last words
            proper[0] = proper[0]._replace(name=self.award[0], year=self.award[1])
        if proper:
            self.award = (proper[0].name, proper[0].year)
        return (proper or names)[0] if names else None

    def resolve(self, own: _Name | None) -> tuple[str, int | None] | None:
        if own and _RANK.match(own.name) and self.contest:
            return self.contest
        if own:
            return own.name, own.year
        return self.award


def _field_row(awards, line: str) -> list[tuple[str, str]] | None:
    """成果名称：X, then 申报单位：甲 on the next line: the winner once both are read; None when
    the line is no field of a row."""
    field = _FIELD_ROW.match(_bare_piece(line))
    if not field or _ITEM_FIELDS.match(_bare_piece(line)):  # 名称：X 单位：甲 is a whole row
        return None
    project, awards.named = awards.named, field.group("project") or None
    return [(project, field.group("org"))] if project and field.group("org") else []


def _row(ctx: DocContext, index: int, text: str, awards, parse) -> list[Found]:
    """This line as the next row of a list whose head ended in a colon (or a list's title), if it is one."""
    rows, awards.rows = awards.rows, None
    paragraph = ctx.sentences[index].paragraph
    if rows and (_NUMBER_ONLY.fullmatch(text) or paragraph == awards.row_paragraph):
        awards.rows = rows  # a row's number cut from it, or the sentences that describe a row
        return []
    fields = _field_row(awards, text) if rows else None
    if fields is not None:
        awards.rows = rows
        return [(*rows, *item) for item in fields]
    row = rows and _is_row(ctx, index, text)
    makers = _makers_below(ctx, index) if row else []
    if makers:  # the row is the project, whole; its maker's line is read with it
        awards.rows, awards.row_paragraph = rows, ctx.sentences[index + 1].paragraph
        return [(*rows, _bare_piece(text), org) for org in makers]
    items = parse(_ROW_NUMBER.sub("", text)) if row else []
    if items or (row and _TABLE_HEADER.fullmatch(text)):  # 序号 成果名称 申报单位: the rows follow
        awards.rows, awards.row_paragraph = rows, paragraph
    return [(*rows, *item) for item in items]


def _makers_below(ctx: DocContext, index: int) -> list[str]:
    """The makers of a list's row written on the next line after a dash (1.X ⏎ ——甲公司)."""
    below = ctx.sentences[index + 1] if index + 1 < len(ctx.sentences) else None
    line = _MAKER_LINE.fullmatch(ctx.text(below)) if below else None
    return [org for org in _MAKERS_APART.split(line.group("orgs")) if len(org) >= 2] if line else []


def _zh(ctx: DocContext, index: int, text: str, awards: _Awards) -> list[Found]:
    row = _row(ctx, index, text, awards, _line_items)
    if row:
        return row
    own = awards.read(text)
    paragraph = ctx.sentences[index].paragraph
    continued = awards.listing == paragraph  # 获奖成果包括：X（甲）；Y（乙）；…: this sentence is the list's next part
    # 17项成果获奖。其中，甲“X”、乙“Y”引人关注: the sentence after a count of winners names some of them.
    listed = continued or bool(_LIST_CUE.search(text)) or (awards.counted == index - 1 and text.startswith("其中"))
    if ("获" in text or "入选" in text or "上榜" in text) and _COUNTED_WINNERS.search(text):
        awards.counted = index
    awards.listing = paragraph if listed and text.endswith(("；", ";")) else None
    award = awards.resolve(own)
    if award is None:
        return []
    name, year = award[0], award[1] or ctx.year_of(text)
    quoted = _quoted_zh(text, name) if ((own and _VERB_ZH.search(text)) or listed) else []
    # A list may quote some winners and not others (甲的“X”服务器、乙的Y眼镜): the list reading has them all.
    pairs = _listed_zh(text, own)
    if _fullness(quoted) >= _fullness(pairs):
        pairs = quoted
    if text.endswith(":") or ":\n" in text:  # the list runs on, row by row
        head = text.partition(":")[0]
        awards.rows = (name, year) if _LIST_HEAD.search(head) or "名单" in head[-25:] else None
        if awards.rows:  # the head's sentence may hold the first fields of its rows
            pairs = pairs or [item for line in text.split("\n")[1:] for item in _field_row(awards, line) or []]
    elif own and _LIST_TITLE.fullmatch(text, own.end):  # the list's title, its rows on the lines below
        awards.rows, awards.row_paragraph = (name, year), None
    if continued and not pairs:
        pairs = [item for item in map(_item_zh, _split_list(text)) if item]
    if not pairs or not all(org for _, org in pairs):  # 甲“X”、乙“Y”等15项成果荣获…: the quotes alone do not name the makers
        winners = _winners_zh(text, own)
        pairs = winners if _fullness(winners) > _fullness(pairs) else pairs
    pairs = pairs or _presented(ctx, text) or _described(ctx, index, text, awards)
    if own or pairs:
        awards.paragraph = paragraph
    return [(name, year, project, org or _representative_org(ctx, index)) for project, org in pairs]


def _described(ctx: DocContext, index: int, text: str, awards: _Awards) -> list[tuple[str, str]]:
    """A paragraph that opens with a winner and describes it (甲的“X”：该芯片…), in the
    paragraphs that follow the award's or the winner before."""
    sentence = ctx.sentences[index]
    opens = index == 0 or ctx.sentences[index - 1].paragraph != sentence.paragraph
    described = _ROW_QUOTED.match(text) if opens and awards.paragraph is not None and sentence.paragraph - awards.paragraph <= 2 else None
    if not described or text[described.end():].lstrip()[:1] not in (":", "：", "—"):
        return []
    return [(described.group("project"), _without_descriptor(described.group("org")))]


def _presented(ctx: DocContext, text: str) -> list[tuple[str, str | None]]:
    """甲公司副总经理乙在介绍“X”领先成果时说: a winner its maker's officer presents."""
    presented = _PRESENTED.search(text)
    if not presented:
        return []
    people = [person for person in titled_people(ctx, text[:presented.start()]) if person.titles]
    return [(presented.group("project"), people[-1].titles[0].org if people else None)]


def _fullness(pairs: list[tuple[str, str | None]]) -> tuple[int, int]:
    """How much a reading of the winners says: how many, then how many with their maker."""
    return len(pairs), sum(1 for _, org in pairs if org)


def _item_en(item: str) -> tuple[str, str] | None:
    item = re.sub(rf"^(?:{_BULLET}|and\s)", "", item.strip()).rstrip(",")  # "…; and a chip by Vega Lab"
    item = re.sub(r"[\"“”]", "", item)  # the "Kepler" chip of Orion: names are written without their quotes
    item = re.sub(r"(?<!Inc)(?<!Ltd)(?<!Co)(?<!Corp)\.$", "", item)  # a row's full stop, not Inc.'s
    for pattern in (_OWNED_EN, _MADE_BY_EN, _APPOSITIVE_EN, _OWNER_AFTER_EN, _OF_ORG_EN, _ORG_COLON_EN):
        match = pattern.match(item)
        if match:
            return match.group("project").strip(), match.group("org")
    dashed = _DASH_ROW_EN.match(item)
    if dashed:  # the side that names a product is the project, the other its maker
        for project, org in ((dashed.group(2), dashed.group(1)), (dashed.group(1), dashed.group(2))):
            if _PRODUCT_EN.search(project) and re.fullmatch(_EN_ORG, org) and not _PRODUCT_EN.search(org):
                return project, org
    return None


def _owned_list_en(text: str) -> list[tuple[str, str | None]]:
    found = []
    for clause in _CLAUSES_EN.split(text.rstrip(";")):
        winners = _WINNERS_LIST_EN.search(clause)
        if winners:  # "The winners included Orion's X, Y and the Z": some without their maker
            items = _LIST_SPLIT_EN.split(winners.group("list"))
            found += _all_or_none([_item_en(item) or _bare_en(item) for item in items])
            continue
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


def _bare_en(item: str) -> tuple[str, None] | None:
    """A winner named without its maker: a name of a few words that starts with a capital or a digit."""
    name = re.sub(r"^(?:the|an?)\s", "", item.strip().rstrip(","), flags=re.I)
    return (name, None) if _BARE_NAME_EN.fullmatch(name) else None


class _AwardsEn:
    """The award or contest an English article named last."""

    def __init__(self):
        self.last: tuple[str, int | None] | None = None
        self.rows: tuple[str, int | None] | None = None
        self.row_paragraph: int | None = None
        self.named: str | None = None
        # The paragraph whose list of winners, parted by ";", runs on into its next sentences.
        self.listing: int | None = None

    def read(self, ctx: DocContext, text: str) -> tuple[str, int | None] | None:
        own = _AWARD_EN.search(text) or _CONTEST_EN.search(text)
        if own:
            # "the 2021 "Straight to Wuzhen" Global Internet Competition": the year its name carries
            stated = re.search(r"(20\d\d)\s*$", text[:own.start()])
            name = re.sub(r"^(?:The\s)?(?:20\d\d\s+)?(?:\d+\s|(?:Ten|Eleven|Twelve|Thirteen|Fourteen|Fifteen|Sixteen|Seventeen|"
                          r"Eighteen|Nineteen|Twenty)\s)?", "", re.sub(r"[\"“”]", "", own.group(0)).strip())
            name = _AWARD_BODY_EN.sub("", name).replace("(S&T) ", "")
            self.last = (name, int(stated.group(1)) if stated else ctx.year_of(text))
            return self.last
        return self.last if _CARRY_CUE_EN.search(text) or _RECOGNISED_EN.search(text) else None


def _row_en(line: str) -> list[tuple[str, str]]:
    """One row of an English list: "X by Org", "Org's X", without what follows its colon
    ("- X by Orion Labs: The basic idea is …")."""
    item = _item_en(line if _ORG_COLON_EN.match(line) else line.partition(": ")[0])
    return _joint_makers(*item) if item else []


def _joint_makers(project: str, org: str | None) -> list[tuple[str, str | None]]:
    """"X by Orion University and Vega Lab": one tuple for each maker."""
    joint = _JOINT_EN.match(org or "")
    return [(project, joint.group(1)), (project, joint.group(2))] if joint else [(project, org)]


def _en(ctx: DocContext, index: int, text: str, awards: _AwardsEn) -> list[Found]:
    row = _row(ctx, index, text, awards, _row_en)
    paragraph = ctx.sentences[index].paragraph
    if awards.listing == paragraph and awards.last and not row:  # "…include: X (A); Y (B); Z (C)."
        item = _item_en(text.rstrip(";."))
        awards.listing = paragraph if item and text.endswith(";") else None
        return [(*awards.last, *item)] if item else []
    award = awards.read(ctx, text) if not row else None
    head, _, lines = text.partition("\n")
    if not award and not row and awards.last and head.endswith(":") and _LIST_OPENS_EN.search(head):
        award = awards.last  # "Here's their selection:" after the award's sentence
    if not award:
        return row
    name, year = award
    if head.endswith(":"):  # "Among the winners were:" and a list, line by line
        awards.rows, awards.row_paragraph = award, None
        return [(name, year, *item) for line in lines.split("\n") for item in _row_en(line)]
    found = [(name, year, m.group("project"), m.group("org") or m.group("org2")) for m in _QUOTED_WIN_EN.finditer(text)]
    went = _WENT_TO_EN.search(text)
    if not found and went:
        found = [(name, year, project, org) for project, org in _for_its(_TO_ORG_FOR_EN.finditer(went.group("first")))]
    if not found:
        pairs = _owned_list_en(text)
        listed = {project for project, _ in pairs}
        pairs += [(project, org) for project, org in _for_its(_WON_FOR_ITS_EN.finditer(text)) if project not in listed]
        pairs += [(m.group("project"), m.group("org")) for m in _RECOGNISED_EN.finditer(text)  # not "Orion's CEO Li Ming"
                  if m.group("org") not in _COUNTRIES_EN and not re.match(rf"{role_re_en()}\b", m.group("project"))]
        found = [(name, year, project, org) for project, org in pairs]
    awards.listing = paragraph if found and text.endswith(";") else None
    return found


def _for_its(matches) -> list[tuple[str, str]]:
    """(project, org) of "Org … for its X" matches, without merits ("for its contributions")."""
    return [(m.group("project").strip(), m.group("org")) for m in matches if not _MERITS_EN.match(m.group("project"))]


def extract(ctx: DocContext) -> list[AwardProject]:
    found = []
    zh = ctx.doc.language == "zh"
    finder, awards = (_zh, _Awards()) if zh else (_en, _AwardsEn())
    for index, sentence in enumerate(ctx.sentences):
        for award, year, project, org in finder(ctx, index, ctx.text(sentence), awards):
            found.append(AwardProject(lang=ctx.doc.language, award=award, year=year, project=project, org=org or None,
                                      evidence=evidence_for(ctx, sentence, "award_project.pattern", 0.75)))
    return found
