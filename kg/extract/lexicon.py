"""General lexicons the extractors match against.

Only general language lives here: role words (read from the SKOS role
vocabulary in ``ontology/roles.ttl``), organisation suffixes, event words,
verbs of speaking and releasing, surnames, countries. No name of a person,
organisation, forum or project from any article belongs in this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..paths import ontology_dir

SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由洪习萧祁鄂逄蹇郗羿竺钮蒯宓訾阎禄酆卓佴寿蔚"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "令狐", "夏侯", "端木", "澹台", "申屠", "轩辕")

# Words that close a title-plus-name phrase: the person is about to speak,
# or the phrase ends.
SPEECH_VERBS = (
    "说道", "说", "表示", "认为", "指出", "介绍", "称", "强调", "透露", "坦言", "提到", "提出", "谈到",
    "分享", "看来", "呼吁", "建议", "致辞", "发言", "回忆", "解释", "告诉", "直言", "表态", "宣布",
    "坦承", "感慨", "谈及", "演讲", "主持", "补充", "预测", "判断", "分析", "总结", "倡议", "希望",
    "期待", "相信", "提醒", "警告", "举例", "讲述", "阐述", "畅谈", "寄语", "展望",
    "致词",  # Taiwan / Hong Kong wording of 致辞
)
NAME_FOLLOWERS = SPEECH_VERBS + (
    "在", "对", "也", "则", "就", "还", "等", "和", "与", "及", "出席", "参加", "发表", "作", "做", "先生",
    "女士", "博士", "教授", "同志", "一行", "率", "带领", "接受", "向", "日前", "近日", "今天", "昨天",
    "亦", "今日", "昨日",  # Hong Kong / Taiwan wording
    "报道", "报导", "摄影", "摄", "采写",  # a byline's credit after the reporter's name
    "分别", "先后", "相继", "共同", "一同",  # A、B分别在开幕式上致辞
    "同台", "同场", "围绕", "就",  # 甲、乙同台对谈, 甲围绕数据流动展开讨论
    # what officials do in news copy: 甲通报了…, 甲宣读贺信, 甲致欢迎辞, 甲发来贺词, 甲同样强调
    "通报", "宣读", "致欢迎辞", "致开幕辞", "致闭幕辞", "致贺词", "发来", "会见", "列举", "同样", "见证", "颁发",
)
# Characters that open transliterated foreign names written without a
# middle dot (梅德维杰夫, 普京): with SURNAMES, the first character of a name.
FOREIGN_INITIALS = set("阿埃艾爱安奥巴拜班邦贝本比彼波伯博布达戴黛丹德迪蒂杜多厄恩法菲费芬弗福盖格古哈海汉赫亨"
                       "霍基吉加杰捷卡凯坎科克库拉莱兰朗劳雷里利连林卢鲁路伦罗洛马迈麦曼梅蒙米莫穆纳内尼努诺欧帕"
                       "佩皮普齐乔萨塞桑沙舍什施斯苏索塔泰坦汤特图托瓦威韦维温沃乌西希谢辛休亚扬伊尤约扎泽詹")

ORG_SUFFIXES = (
    "股份有限公司", "有限责任公司", "有限公司", "集团公司", "公司", "集团", "控股", "科技",
    "大学", "学院", "研究院", "研究所", "研究中心", "研究室", "实验室", "中心", "协会", "学会", "联合会", "商会",
    "委员会", "基金会", "联盟", "组织", "办公室", "管理局", "总局", "局", "部", "厅", "署", "处", "司", "办",
    "科学院", "工程院", "法院", "检察院", "院", "所", "室", "馆", "社", "台", "报", "日报", "银行", "智库",
    "政府", "医院", "学校", "集团有限公司", "平台", "网", "会", "团队", "事务所", "工作组", "小组",
)
EVENT_WORDS = (
    "分论坛", "论坛", "开幕式", "闭幕式", "开幕大会", "全体会议", "主旨演讲", "高端对话", "对话", "发布会",
    "颁奖典礼", "颁奖仪式", "典礼", "仪式", "研讨会", "座谈会", "圆桌会", "交流会", "对接会", "沙龙", "峰会",
    "活动", "会议", "大会",
    "开幕礼", "闭幕礼",  # Hong Kong wording of 开幕式 / 闭幕式
)
RELEASE_VERBS = ("正式发布", "首次发布", "重磅发布", "联合发布", "发布", "发表", "出版", "推出", "公布", "首发",
                 "编写", "编制", "撰写", "编撰", "编著", "提出", "亮相", "面世", "问世",
                 "联合释出", "释出",  # 释出: Taiwan wording of 发布
                 "发起")  # 发起《…倡议》: an initiative is released by whoever launches it
WORK_WORDS = ("蓝皮书", "白皮书", "报告", "倡议", "宣言", "概念文件", "文件", "指数", "指南", "规则", "框架",
              "方案", "行动计划", "计划", "案例集", "汇编", "共识", "声明", "公约", "原则", "准则", "标准", "年鉴", "研究", "观察")
AWARD_VERBS = ("获评", "获得", "荣获", "获颁", "斩获", "摘得", "夺得", "入选", "获奖", "问鼎", "入围", "当选", "拿下", "取得")

# Words for a person that are not a name (高管（某公司副总裁）): a bracketed title after them is no name's.
PERSON_NOUNS_ZH = ("高管", "嘉宾", "代表", "专家", "学者", "官员", "负责人", "人士", "企业家", "记者", "发言人", "主持人")
# What kind of company it is (德国工业软件商X, 资安业者X): not its name, when a name follows.
TRADE_WORDS_ZH = ("软件商", "软体商", "服务商", "供应商", "运营商", "营运商", "制造商", "开发商", "提供商", "芯片商",
                  "晶片商", "设备商", "厂商", "业者")
# Words that describe an organisation before its name (台资企业昱晶半导体…):
# they are not part of the name.
ORG_DESCRIPTORS_ZH = ("台资企业", "港资企业", "外资企业", "中资企业", "合资企业", "民营企业", "国有企业", "科技企业",
                      "初创企业", "龙头企业", "上市公司", "初创公司", "科技公司", "互联网企业", "互联网公司")
# "Hangzhou-based Yunhe …", "Singapore start-up Meralion …": the same in English.
ORG_DESCRIPTORS_EN = r"(?:[A-Z][\w-]*-based|(?:[A-Z][\w-]*\s)?(?:start-?up|firm|company|tech\sfirm|tech\sgiant))\s"

# What turns a post into its aide's post: 总统助理, 总理特使, 主席特别代表.
AIDE_SUFFIXES_ZH = ("特别助理", "助理", "特使", "特别代表")
# Titles that name their country by themselves: 国家主席林振宇 is the head of state of 中国.
NATIONAL_TITLES_ZH = ("国家主席", "国家副主席")

# Title words placed after a name in official style (某某主席, 某某总理).
NAME_TITLES = ("主席", "总书记", "总理", "副总理", "副主席", "委员长", "部长", "书记", "省长", "市长", "总统", "首相", "国王")

COUNTRIES = {
    "中国": "China", "中华人民共和国": "China", "美国": "United States", "俄罗斯": "Russia",
    "英国": "United Kingdom", "法国": "France", "德国": "Germany", "日本": "Japan", "韩国": "South Korea",
    "印度": "India", "巴西": "Brazil", "南非": "South Africa", "意大利": "Italy", "西班牙": "Spain",
    "加拿大": "Canada", "澳大利亚": "Australia", "新加坡": "Singapore", "马来西亚": "Malaysia",
    "泰国": "Thailand", "越南": "Vietnam", "印度尼西亚": "Indonesia", "巴基斯坦": "Pakistan",
    "哈萨克斯坦": "Kazakhstan", "埃及": "Egypt", "沙特阿拉伯": "Saudi Arabia", "阿联酋": "United Arab Emirates",
    "土耳其": "Turkey", "以色列": "Israel", "伊朗": "Iran", "老挝": "Laos", "柬埔寨": "Cambodia",
    "塞尔维亚": "Serbia", "匈牙利": "Hungary", "波兰": "Poland", "荷兰": "Netherlands", "瑞士": "Switzerland",
    "瑞典": "Sweden", "芬兰": "Finland", "挪威": "Norway", "丹麦": "Denmark", "比利时": "Belgium",
    "奥地利": "Austria", "希腊": "Greece", "葡萄牙": "Portugal", "爱尔兰": "Ireland", "新西兰": "New Zealand",
    "墨西哥": "Mexico", "阿根廷": "Argentina", "智利": "Chile", "古巴": "Cuba", "尼日利亚": "Nigeria",
    "肯尼亚": "Kenya", "埃塞俄比亚": "Ethiopia", "蒙古": "Mongolia", "朝鲜": "North Korea", "菲律宾": "Philippines",
}
DEMONYMS = {
    "Chinese": "China", "American": "United States", "Russian": "Russia", "British": "United Kingdom",
    "French": "France", "German": "Germany", "Japanese": "Japan", "South Korean": "South Korea",
    "Korean": "South Korea", "Indian": "India", "Brazilian": "Brazil", "South African": "South Africa",
    "Italian": "Italy", "Spanish": "Spain", "Canadian": "Canada", "Australian": "Australia",
    "Singaporean": "Singapore", "Malaysian": "Malaysia", "Thai": "Thailand", "Vietnamese": "Vietnam",
    "Indonesian": "Indonesia", "Pakistani": "Pakistan", "Kazakh": "Kazakhstan", "Egyptian": "Egypt",
    "Saudi": "Saudi Arabia", "Turkish": "Turkey", "Israeli": "Israel", "Iranian": "Iran", "Lao": "Laos",
    "Cambodian": "Cambodia", "Serbian": "Serbia", "Hungarian": "Hungary", "Polish": "Poland", "Dutch": "Netherlands",
    "Swiss": "Switzerland", "Swedish": "Sweden", "Finnish": "Finland", "Mexican": "Mexico", "Argentine": "Argentina",
    "Cuban": "Cuba", "Nigerian": "Nigeria", "Kenyan": "Kenya", "Mongolian": "Mongolia", "Filipino": "Philippines",
    "Greek": "Greece", "Portuguese": "Portugal", "Irish": "Ireland", "Norwegian": "Norway", "Danish": "Denmark",
}

# Scope words inside a title that belong to the post, not the organisation:
# 某公司全球副总裁 is a vice-president of 某公司.
SCOPE_WORDS = ("全球", "中国区", "大中华区", "亚太区", "亚太地区", "国际", "海外")
# Party committees (省委, 市委…) and the government heads of the same place:
# 浙江省委副书记、省长X is the governor of 浙江省, not of its party committee.
PARTY_COMMITTEES_ZH = ("省委", "市委", "区委", "县委", "州委")
GOVERNMENT_HEADS_ZH = ("省长", "副省长", "市长", "副市长", "区长", "副区长", "县长", "副县长", "州长", "副州长")
ROLE_MODIFIERS_ZH = ("全球", "中国区", "大中华区", "亚太区", "首席", "高级", "资深", "常务", "执行", "名誉", "荣誉", "终身",
                     "特聘", "代理", "前", "原", "轮值", "联席", "兼职", "客座", "讲席", "特约", "驻会", "专职", "外籍")
ROLE_MODIFIERS_EN = ("senior", "executive", "deputy", "vice", "chief", "global", "rotating", "honorary", "founding", "under", "then",
                     "co", "associate", "assistant", "acting", "former", "managing", "general", "first", "staff")

# Department words that open an English job title ("communications manager").
DEPARTMENTS_EN = ("communications", "marketing", "sales", "technology", "research", "product", "media", "operations",
                  "finance", "strategy", "engineering", "policy", "public relations", "business development")
# Role words the vocabulary lacks: Hong Kong / Taiwan wording of its posts
# (行政总裁 is a CEO in Hong Kong) and the open English "head of <area>".
EXTRA_ROLES_ZH = ("行政总裁", "执行总裁", "首席营运官", "营运长", "财务长")
EXTRA_ROLES_EN = ("head", "member", "academician", "academic")
# Words that end an English organisation's name, never a person's: "the CPC
# Central Committee" after a title is no one's name.
ORG_HEADS_EN = ("Committee", "Department", "Bureau", "Ministry", "Council", "Commission", "Office", "Administration",
                "Agency", "Association", "University", "Institute", "Academy", "Group", "Company", "Corporation",
                "Union", "Federation", "Center", "Centre", "Foundation", "Organization", "Organisation", "Party",
                "Government", "Congress", "Assembly", "Bank", "Alliance", "Society", "Laboratory", "Labs",
                "Technologies", "Forum", "Conference", "Summit", "Network", "Authority", "Court", "School", "Systems",
                "Solutions", "Services", "Networks", "Studies")

NUMERALS = {"首": 1, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
FIRST_SUMMIT_YEAR = 2014


@dataclass(frozen=True)
class RoleWords:
    zh: tuple[str, ...]
    en: tuple[str, ...]


@lru_cache(maxsize=1)
def role_words() -> RoleWords:
    """Every zh and en label of the role vocabulary, longest first."""
    from rdflib import Graph
    from rdflib.namespace import SKOS

    graph = Graph().parse(roles_path(), format="turtle")
    labels = [(str(o), o.language) for p in (SKOS.prefLabel, SKOS.altLabel)
              for s, o in graph.subject_objects(p) if (s, SKOS.inScheme, None) in graph]
    zh = {label for label, lang in labels if lang == "zh" or (lang == "en" and label.isupper())} | set(EXTRA_ROLES_ZH)
    en = {label.lower() for label, lang in labels if lang == "en"} | set(EXTRA_ROLES_EN)
    return RoleWords(
        zh=tuple(sorted(zh, key=lambda s: (-len(s), s))),
        en=tuple(sorted(en, key=lambda s: (-len(s), s))),
    )


def alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda s: (-len(s), s)))


def ordinal_value(word: str) -> int | None:
    """首 → 1, 五 → 5, 十二 → 12, 12 → 12."""
    if word.isdigit():
        return int(word)
    if word in NUMERALS:
        return NUMERALS[word]
    if len(word) == 2 and word[0] == "十" and word[1] in NUMERALS:
        return 10 + NUMERALS[word[1]]
    if len(word) == 2 and word[1] == "十" and word[0] in NUMERALS:
        return NUMERALS[word[0]] * 10
    if len(word) == 3 and word[1] == "十":
        return NUMERALS.get(word[0], 0) * 10 + NUMERALS.get(word[2], 0) or None
    return None


def year_of_ordinal(ordinal: int) -> int:
    return FIRST_SUMMIT_YEAR + ordinal - 1


def roles_path() -> Path:
    return ontology_dir() / "roles.ttl"
