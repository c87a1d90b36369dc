"""Sentences that once gave wrong statements: a review of the title, byline,
theme, speaker, award and publication rules found each of them. Every case
must not yield the wrong statement, and yields the right one where the
sentence states one."""

from __future__ import annotations

import pytest

from kg.extract import extract_document
from kg.ingest import read_document
from kg.segment import segment

ZH = "峰会动态\n2019年世界互联网大会乌镇峰会在浙江乌镇举行。"
EN = "Summit news\nThe 2019 World Internet Conference Wuzhen Summit opened in Wuzhen. "

CASES = {
    "governor of a city under its party committee": (
        ZH + "中共桐乡市委副书记、市长李军出席。",
        {"rel": "holds_role", "person": "李军", "role": "市长", "org": "桐乡市"},
        {"org": "中共桐乡市"}),
    "an association of a trade keeps its trade": (
        ZH + "互联网从业者协会会长李明在开幕式上致辞。",
        {"rel": "holds_role", "person": "李明", "org": "互联网从业者协会"},
        {"org": "协会"}),
    "an alliance of vendors keeps its vendors": (
        ZH + "手机厂商联盟理事长王强表示，5G手机销量增长。",
        {"rel": "holds_role", "person": "王强", "org": "手机厂商联盟"},
        {"org": "联盟"}),
    "an office in Beijing is an organisation, not a posting": (
        ZH + "浙江省政府驻京办主任李华出席论坛并致辞。",
        {"rel": "holds_role", "person": "李华", "role": "主任", "org": "浙江省政府驻京办"},
        {"role": "驻京办主任"}),
    "a time phrase after 担任…的 is no name": (
        ZH + "在担任腾讯公司副总裁的时间里，他推动了多个项目。",
        None,
        {"person": "时间里"}),
    "a bracketed title after a common noun is no one's": (
        ZH + "会上，高管（阿里巴巴集团副总裁）介绍了新产品。",
        None,
        {"person": "高管"}),
    "'which runs' is said of a company, 'heads the Chinese delegation' of no organisation": (
        EN + "Northwind Robotics, which runs the Wuzhen Digital Lab, showed a new robot. "
             "John Smith, who heads the Chinese delegation, said cooperation matters.",
        None,
        {"rel": "holds_role"}),
    "a country's possessive is not part of the company": (
        EN + "China's Huawei chairman Eric Xu said 5G would spread fast.",
        {"rel": "holds_role", "person": "Eric Xu", "role": "chairman", "org": "Huawei"},
        {"org": "China's Huawei"}),
    "another conference named in passing does not move the summit": (
        "Summit news\nThe 2023 World Internet Conference Wuzhen Summit opened in Wuzhen on Wednesday. "
        "At the opening ceremony, Northwind chairman Tony Mao, recalling the 2015 conference on climate in Paris, "
        "said AI needs rules.",
        {"rel": "speaks_at", "person": "Tony Mao", "summit": 2023},
        {"rel": "speaks_at", "summit": 2015}),
    "applause and praise are no awards": (
        EN + "Huawei won applause for its 5G base station, while Tencent won praise for its cloud gaming service.",
        None,
        {"rel": "award_project"}),
    "guests at a release are no winners": (
        EN + "Among the guests at the World Internet Leading Science and Technology Achievements release were "
             "Huawei's chief engineer and Tencent's design team.",
        None,
        {"rel": "award_project"}),
    "a time is no publisher": (
        ZH + "峰会期间发布的《月亮互联网发展报告2019》显示，网民规模持续扩大。最新发布的《数字乡村白皮书》显示，农村网民增加。",
        {"rel": "publishes", "work": "月亮互联网发展报告2019", "publisher": None},
        {"publisher": "峰会期间"}),
    "the summit releasing a report during itself is no publisher": (
        ZH + "大会在乌镇期间发布了《星河互联网发展报告2019》。",
        {"rel": "publishes", "work": "星河互联网发展报告2019"},
        {"publisher": "大会"}),
    "an adverb is no publisher": (
        ZH + "最新发布的《数字乡村白皮书》显示，农村网民增加。",
        {"rel": "publishes", "work": "数字乡村白皮书", "publisher": None},
        {"publisher": "最新"}),
    "a panel's or a tour's theme is not the summit's": (
        EN + 'A panel discussion on the theme of "Data for Children" drew students. '
             'The organisers adopted "Smart Villages" as the theme of the rural tour.',
        None,
        {"rel": "summit_theme"}),
    "an interview during a forum is no speech at it": (
        ZH + "数字经济论坛期间，星河集团董事长张明勇接受记者采访时表示，数字化转型没有终点。",
        {"rel": "holds_role", "person": "张明勇", "role": "董事长"},
        {"rel": "speaks_at"}),
    "people who welcomed the speakers did not speak": (
        EN + "Speakers at the forum were welcomed by Tongxiang mayor Li Ming.",
        None,
        {"rel": "speaks_at"}),
    "a byline's credit is not part of the reporter's name": (
        ZH + "浙江在线全媒体记者张华报导。",
        {"rel": "holds_role", "person": "张华", "role": "记者", "org": "浙江在线"},
        {"person": "张华报导"}),
    "the event a host runs is not the host's organisation": (
        ZH + "开幕式由浙江省委书记余正平主持。",
        {"rel": "holds_role", "person": "余正平", "role": "书记", "org": "浙江省委"},
        {"org": "开幕式由浙江省委"}),
    "a list of one winner a line names the award written before it, and its last line ends at the quote": (
        ZH + "今年的大会上，发布了10项互联网领域领先的科技成果。\n这10项科技成果分别是：\n星河科技的“天枢芯片”\n"
             "北辰大学的“云帆：基于存算分离的数据库”\n蓝鲸公司的“海图系统”而这十项中的七项来自中国企业，名副其实的好成绩。",
        {"rel": "award_project", "award": "互联网领域领先的科技成果", "year": 2019, "project": "海图系统", "org": "蓝鲸公司"},
        {"org": "名副其实"}),
    "a list's row keeps a colon inside its quotes": (
        ZH + "今年的大会上，发布了10项互联网领域领先的科技成果。\n这10项科技成果分别是：\n星河科技的“天枢芯片”\n"
             "北辰大学的“云帆：基于存算分离的数据库”\n蓝鲸公司的“海图系统”",
        {"rel": "award_project", "project": "云帆:基于存算分离的数据库", "org": "北辰大学"},
        {"award": "科技成果"}),
    "winners listed before 获评, a maker fused to its project, and the award's quoted category": (
        ZH + "其中星图会议、北辰电子研究院应急调度平台、蓝鲸公司基于开源技术的灾情预警系统等实践案例，"
             "获评2019年世界互联网领先科技成果“数字抗灾”专项成果。",
        {"rel": "award_project", "project": "基于开源技术的灾情预警系统", "org": "蓝鲸公司"},
        {"project": "数字抗灾"}),
    "a bare winner of a list before 获评 has no maker": (
        ZH + "其中星图会议、北辰电子研究院应急调度平台等实践案例，获评2019年世界互联网领先科技成果。",
        {"rel": "award_project", "project": "星图会议", "org": None},
        {"project": "星图会议、北辰电子研究院应急调度平台"}),
    "fields a list of winners covers are no winners": (
        ZH + "涵盖类脑计算、具身智能、6G等前沿领域的20个项目获得2019年世界互联网大会领先科技奖。",
        None,
        {"rel": "award_project"}),
    "甲的X荣获 the summit's award in quotes": (
        ZH + "星河科技的开源大模型天枢荣获2019年世界互联网大会“领先科技奖”。",
        {"rel": "award_project", "award": "领先科技奖", "project": "开源大模型天枢", "org": "星河科技"},
        {"project": "领先科技奖"}),
    "获奖项目 before a quoted word names no winner": (
        ZH + "新一代人工智能“领航员”，重塑个人计算体验……今年领先科技奖获奖项目“智能含量”颇高。",
        None,
        {"rel": "award_project"}),
    "它们包括 opens a list that names some winners bare and some with their makers": (
        ZH + "大会发布的15项领先科技成果更引人注目，它们包括星河5G基站系统、北辰信息与智能研究院的“光量子芯片”、"
             "云帆“AR工具”及海鸥“智能眼镜”等。",
        {"rel": "award_project", "award": "领先科技成果", "project": "光量子芯片", "org": "北辰信息与智能研究院"},
        {"org": "北辰信息"}),
    "它们包括: a bare winner and a maker's quoted one joined by 及": (
        ZH + "大会发布的15项领先科技成果更引人注目，它们包括星河5G基站系统、云帆“AR工具”及海鸥“智能眼镜”等。",
        {"rel": "award_project", "project": "智能眼镜", "org": "海鸥"},
        {"project": "AR工具及海鸥“智能眼镜"}),
    "本次发布的N项成果包括 lists winners of the award named before": (
        ZH + "26日下午，2019世界互联网领先科技成果正式发布。本次发布的14项成果包括星河科技有限公司的“天枢操作系统”等。",
        {"rel": "award_project", "award": "2019世界互联网领先科技成果", "project": "天枢操作系统", "org": "星河科技有限公司"},
        {"project": "14项成果"}),
    "a list's title with no colon, each row's maker on the line below after a dash": (
        ZH + "以下为详细名单\n2019年世界互联网领先科技成果名单(按现场发布次序)\n1.“云帆+”标准制定、设备研制及规模应用\n"
             "——星河网络通信集团有限公司\n2.VEGA:数据驱动的超大规模大数据计算平台\n——北辰云计算有限公司\n",
        {"rel": "award_project", "award": "世界互联网领先科技成果", "year": 2019,
         "project": "VEGA:数据驱动的超大规模大数据计算平台", "org": "北辰云计算有限公司"},
        {"org": "VEGA"}),
    "a row's makers on the line below, parted by a space, are its makers each": (
        ZH + "2019年世界互联网领先科技成果名单\n1.天枢数字内容检测系统和设备\n——蓝鲸计算技术研究所 北京海鸥科技有限公司\n",
        {"rel": "award_project", "project": "天枢数字内容检测系统和设备", "org": "北京海鸥科技有限公司"},
        {"org": "蓝鲸计算技术研究所 北京海鸥科技有限公司"}),
    "名单如下 with no colon, rows naming the product before the dash and its maker after": (
        ZH + "2019年世界互联网领先科技成果名单如下\n1.天枢芯片——星河科技有限公司\n2.云帆数据库——北辰大学\n",
        {"rel": "award_project", "project": "天枢芯片", "org": "星河科技有限公司"},
        {"org": "天枢芯片"}),
    "a row's maker after the dash, though its product says what it is based on": (
        ZH + "当天发布了15项世界互联网领先科技成果。部分入选成果及研发单位如下：\n“云帆”分布式数据库系统——星河数智科技有限公司\n"
             "基于隐私计算的海图数据协同平台——蓝鲸医联科技有限公司\n",
        {"rel": "award_project", "project": "基于隐私计算的海图数据协同平台", "org": "蓝鲸医联科技有限公司"},
        {"org": "基于隐私计算"}),
    "a row's maker on the line below after its field label": (
        ZH + "2019年世界互联网领先科技成果名单\n1.天枢芯片\n完成单位：星河科技有限公司\n2.云帆数据库\n完成单位：北辰大学\n",
        {"rel": "award_project", "project": "云帆数据库", "org": "北辰大学"},
        {"project": "完成单位：北辰大学"}),
    "a limited company before a row's colon is its maker, not a list's head (有…)": (
        ZH + "2019年世界互联网领先科技成果名单\n1.星河科技有限公司：天枢芯片\n2.北辰大学：云帆数据库\n",
        {"rel": "award_project", "project": "天枢芯片", "org": "星河科技有限公司"},
        {"org": "天枢芯片"}),
    "甲的“X”、乙的“Y”等N项…成果脱颖而出 after the award's event": (
        ZH + "在世界互联网领先科技成果发布会上，星河科技有限公司的“天枢芯片”、北辰大学的“云帆数据库”等16项"
             "具有代表性的领先科技成果从近千项申报成果中脱颖而出。",
        {"rel": "award_project", "award": "世界互联网领先科技成果", "year": 2019, "project": "云帆数据库", "org": "北辰大学"},
        {"project": "世界互联网领先科技成果发布会"}),
    "a quoted name that ends in an event word is the event, not a winner": (
        ZH + "4日下午，“世界互联网领先科技成果发布活动”在乌镇举行，14项成果从全球500余项申报中脱颖而出。",
        None,
        {"rel": "award_project"}),
    "评选出…成果，包括“X”等专项成果: a winner without its maker, not the quoted category": (
        ZH + "今年共评选出15项国内外有代表性的领先科技成果，包括“城市应急数据平台”等“数字防灾”专项成果，"
             "以及“面向服务的海洋网络试验环境”等独立发布成果，涉及星河科技、北辰大学等单位及企业。",
        {"rel": "award_project", "award": "领先科技成果", "project": "面向服务的海洋网络试验环境", "org": None},
        {"project": "数字防灾"}),
    "makers 评选出 among the award's winners name no project": (
        ZH + "今年的发布活动共评选出来自星河科技、北辰大学等15项具有国际代表性的年度领先科技成果，以及5项提名成果。",
        None,
        {"rel": "award_project"}),
    "a maker's named product recognized after the award was named; a person honoured is no tuple": (
        EN + "Three people and ten companies were named winners of the Pioneer Award. China's Zhang Wei was recognized "
             "for his work on domain names. Orion Group's CEO Li Ming was honored for his leadership. "
             "In the enterprise category, Orion Group's Vega Pay was recognized for its innovation in payments.",
        {"rel": "award_project", "award": "Pioneer Award", "year": 2019, "project": "Vega Pay", "org": "Orion Group"},
        {"org": "China"}),
    "a CEO recognized is no project": (
        EN + "Ten companies were named winners of the Pioneer Award. Orion Group's CEO Li Ming was honored for his leadership.",
        None,
        {"rel": "award_project"}),
    "a numbered list under 'Here's their selection:' whose numbers the splitter cut off": (
        EN + "The conference announced its selection of 12 leading internet technology and science achievements. "
             "Here's their selection:\n\n1. Orion Twins from Bayfront\n\n"
             "2. Smart sensing equipment by a team from Harbor University of Technology\n\n"
             "3. Vega NPU by Harbor University and Vega Lab\n",
        {"rel": "award_project", "award": "leading internet technology and science achievements",
         "project": "Smart sensing equipment", "org": "Harbor University of Technology"},
        {"project": "Smart sensing equipment by a team"}),
    "a winner of two makers is theirs each": (
        EN + "The conference announced its selection of 12 leading internet technology and science achievements. "
             "Here's their selection:\n\n1. Orion Twins from Bayfront\n\n3. Vega NPU by Harbor University and Vega Lab\n",
        {"rel": "award_project", "project": "Vega NPU", "org": "Vega Lab"},
        {"org": "Harbor University and Vega Lab"}),
    "bulleted rows whose descriptions run on after a colon": (
        EN + "The conference announced its selection of 12 leading internet technology and science achievements. "
             "Four achievements received special attention. They are:\n\n"
             "- Brain-inspired chip by Orion University: The idea is to make computers think. It made the journal.\n\n"
             "- Beacon safety system for boats by the Harbor Transport & Information Center (HTIC): Beacon guides ships.\n",
        {"rel": "award_project", "project": "Beacon safety system for boats", "org": "Harbor Transport & Information Center"},
        {"project": "Brain-inspired chip by Orion University"}),
    "'The winners included' names winners bare; 'fields including' names none": (
        EN + "Fourteen of the world's leading internet scientific and technological (S&T) achievements were unveiled. "
             "The awards covered a range of fields including 5G, quantum computing and satellite services. "
             "The winners included Orion's SkyOS, 6G private (PV) networks and the Vega X5 modem.",
        {"rel": "award_project", "award": "world's leading internet scientific and technological achievements",
         "project": "Vega X5 modem", "org": None},
        {"project": "quantum computing"}),
    "a committee for an award is not the award": (
        EN + "\"The achievements matter,\" said Li Ming, co-chair of the Recommendation Committee for World Leading "
             "Internet Scientific and Technological Achievements. The winners included Orion's SkyOS.",
        {"rel": "award_project", "award": "World Leading Internet Scientific and Technological Achievements",
         "project": "SkyOS", "org": "Orion"},
        {"award": "Recommendation Committee for World Leading Internet Scientific and Technological Achievements"}),
    "an officer presenting a winner by the award's short word names its maker": (
        ZH + "在2019年世界互联网领先科技成果发布会上，15项成果集中亮相。"
             "星河通信副总经理李明在介绍“全光骨干网”领先成果时说，时延大幅降低。",
        {"rel": "award_project", "project": "全光骨干网", "org": "星河通信"},
        {"project": "全光骨干网", "org": None}),
    "在…成果中，有甲的“X”: 有 opens the list, it is no part of the maker": (
        ZH + "2019年世界互联网大会领先科技奖11月8日揭晓。在本次发布的15项成果中，有星河公司的“天穹大模型”、北辰大学的“类脑芯片”等。",
        {"rel": "award_project", "project": "天穹大模型", "org": "星河公司"},
        {"org": "有星河公司"}),
    "获选的成果包括 (Taiwan wording) lists the winners": (
        ZH + "2019年世界互聯網大會領先科技獎11月8日揭曉。今年獲選的成果包括星河集團的「天穹大模型」、北辰電子的「盤石晶片」等。",
        {"rel": "award_project", "project": "盘石晶片", "org": "北辰电子"},
        {"project": "今年获选的成果"}),
    "a maker whose name says so before a quoted winner (甲集团“X”)": (
        ZH + "2019年世界互联网领先科技成果发布活动上，17项成果获奖，涵盖人工智能、芯片等领域。"
             "其中，星河集团“天穹大模型”、北辰大学“类脑芯片”引人关注。",
        {"rel": "award_project", "project": "天穹大模型", "org": "星河集团"},
        {"project": "天穹大模型", "org": None}),
    "rows that name the maker, then a colon or a dash, then the winner": (
        ZH + "2019年世界互联网大会领先科技奖获奖名单如下：\n星河科技有限公司：天穹大模型\n北辰算力－光电混合计算芯片\n",
        {"rel": "award_project", "project": "光电混合计算芯片", "org": "北辰算力"},
        {"org": "天穹大模型"}),
    "…等17个项目获奖。 names the winners before it": (
        ZH + "2019年11月8日，世界互联网大会领先科技奖在乌镇发布。星河集团的天穹大模型、北辰大学的类脑芯片和海鸥公司的智能眼镜等17个项目获奖。",
        {"rel": "award_project", "project": "智能眼镜", "org": "海鸥公司"},
        {"project": "类脑芯片和海鸥公司的智能眼镜"}),
    "'; and a …' ends an English list": (
        EN + "Seventeen projects won the World Internet Conference Leading Technology Award on Wednesday. "
             "The honoured achievements include: the Skyline model by Orion; and a satellite phone system by Harbor Telecom. "
             "The award winners are:\n\n- Vega Lab: photonic computing chip\n",
        {"rel": "award_project", "project": "satellite phone system", "org": "Harbor Telecom"},
        {"project": "and a satellite phone system"}),
    "'Org: X' rows of an English list": (
        EN + "The World Internet Conference Leading Technology Award winners are:\n\n- Orion Technologies: Skyline model\n\n"
             "- Vega Lab: photonic computing chip\n",
        {"rel": "award_project", "project": "photonic computing chip", "org": "Vega Lab"},
        {"project": "Vega Lab: photonic computing chip"}),
    "'Among them is' opens a list of one": (
        EN + "At the ceremony, 17 achievements received the World Internet Conference Leading Technology Award. "
             "Among them is the Skyline model from Orion Technologies, which can write code.",
        {"rel": "award_project", "project": "Skyline model", "org": "Orion Technologies"},
        {"project": "is the Skyline model"}),
    "'Among the 15 achievements released were' opens a list": (
        EN + "Fifteen world-leading internet scientific and technological achievements were released on Sunday. "
             "Among the 15 achievements released were Orion's self-driving computer and Harbor Cloud's PolarStore.",
        {"rel": "award_project", "project": "PolarStore", "org": "Harbor Cloud"},
        {"project": "Orion's self-driving computer"}),
    "'Also on the list were' opens a list": (
        EN + "Fifteen world-leading internet scientific and technological achievements were released on Sunday. "
             "Also on the list were the Kepler chip by Orion and the PolarStore database by Harbor Cloud.",
        {"rel": "award_project", "project": "Kepler chip", "org": "Orion"},
        {"project": "Also on the list were the Kepler chip"}),
    "'X was one of the 15 … achievements'": (
        EN + "Orion's Kepler chip was one of the 15 world-leading internet scientific and technological achievements "
             "released on Sunday.",
        {"rel": "award_project", "project": "Kepler chip", "org": "Orion"},
        {"project": "Orion's Kepler chip"}),
    "'They include:' opens rows of a maker and its product parted by a dash": (
        EN + "Fifteen world-leading internet scientific and technological achievements were released on Sunday. "
             "They include:\nOrion - Kepler 920 chip\nHarbor University - Tianji chip\n",
        {"rel": "award_project", "project": "Kepler 920 chip", "org": "Orion"},
        {"org": "Kepler 920 chip"}),
    "a numbered row whose maker's name says nothing of a maker, and its product": (
        ZH + "2019年世界互联网领先科技成果名单如下：\n1、星河：天穹920芯片\n2、北辰大学：类脑芯片\n",
        {"rel": "award_project", "project": "天穹920芯片", "org": "星河"},
        {"project": "星河:天穹920芯片"}),
    "a list's label before a colon is no maker": (
        ZH + "2019年世界互联网领先科技成果名单如下：\n获奖成果：天穹920芯片\n",
        None,
        {"org": "获奖成果"}),
    "'Winning projects included' and 'X, a …, was on the list'": (
        EN + "The World Leading Internet Scientific and Technological Achievements were unveiled on Monday. "
             "Winning projects included Orion's Smart Grid Twins and Harbor's ARC engine. "
             "Vega Technologies' Cloud Edge, a cloud-edge system, was on the list.",
        {"rel": "award_project", "project": "Cloud Edge", "org": "Vega Technologies"},
        {"project": "a cloud-edge system"}),
    "makers of one winner joined by 、 before 联合研发的": (
        ZH + "星河科技、北辰大学联合研发的天穹芯片入选2019年世界互联网领先科技成果。",
        {"rel": "award_project", "project": "天穹芯片", "org": "北辰大学"},
        {"project": "星河科技"}),
    "quoted winners counted into the award (等15项成果集中发布)": (
        ZH + "2019年世界互联网领先科技成果发布活动中，星河科技有限公司的“天穹芯片”、北辰大学的“类脑芯片”等15项成果集中发布。",
        {"rel": "award_project", "project": "类脑芯片", "org": "北辰大学"},
        {"project": "15项成果"}),
    "an officer presenting 入选成果“X”": (
        ZH + "在2019年世界互联网领先科技成果发布活动上，星河科技董事长李明介绍了入选成果“天穹芯片”。",
        {"rel": "award_project", "project": "天穹芯片", "org": "星河科技"},
        {"project": "天穹芯片", "org": None}),
    "a table row that names the maker first": (
        ZH + "2019年世界互联网领先科技成果名单如下：\n1.星河科技有限公司 天穹920芯片\n2.北辰大学 类脑芯片\n",
        {"rel": "award_project", "project": "天穹920芯片", "org": "星河科技有限公司"},
        {"project": "星河科技有限公司"}),
    "rows of one field a line (成果名称：X / 申报单位：甲)": (
        ZH + "2019年世界互联网领先科技成果发布，名单如下：\n成果名称：天穹920芯片\n申报单位：星河科技有限公司\n"
             "成果名称：类脑芯片\n申报单位：北辰大学\n",
        {"rel": "award_project", "project": "类脑芯片", "org": "北辰大学"},
        {"org": "成果名称"}),
    "a paragraph that opens with a winner and describes it": (
        ZH + "2019年世界互联网领先科技成果发布。\n星河科技有限公司的“天穹920芯片”：该芯片采用7纳米工艺。\n"
             "北辰大学的“类脑芯片”：全球首款异构融合类脑芯片。",
        {"rel": "award_project", "project": "类脑芯片", "org": "北辰大学"},
        {"project": "类脑芯片”：全球首款异构融合类脑芯片"}),
    "a quoted name and its description far from the award is no winner": (
        ZH + "2019年世界互联网领先科技成果发布。\n论坛讨论了数据治理。\n与会者参观了展览。\n专家们谈到了人才。\n"
             "星河公司的“数字乡村”：这一计划覆盖百个村庄。",
        None,
        {"project": "数字乡村"}),
    "，包括 after the award opens its list (Hong Kong wording)": (
        ZH + "大會發布15項「世界互聯網領先科技成果」，包括星河科技的「天穹920晶片」及北辰大學的「類腦晶片」。",
        {"rel": "award_project", "project": "类脑晶片", "org": "北辰大学"},
        {"project": "天穹920晶片」及北辰大學的「類腦晶片"}),
    "fields the award's list covers are no winners": (
        ZH + "大会发布15项世界互联网领先科技成果，包括人工智能、芯片等领域。",
        None,
        {"rel": "award_project"}),
    "获颁 is no part of the award's name; 其中包括 opens a list": (
        ZH + "台灣新創星河科技以「AI茶園辨識系統」獲頒世界互聯網領先科技成果。"
             "獲選為「世界互聯網領先科技成果」的項目共15項，其中包括北辰集團的天穹晶片、海鷗大學的類腦晶片。",
        {"rel": "award_project", "project": "类脑晶片", "org": "海鸥大学"},
        {"award": "颁世界互联网领先科技成果"}),
    "a list's quoted names lose their quotes": (
        EN + "Fifteen world-leading internet scientific and technological achievements were released on Sunday. "
             "The achievements include the \"Kepler 920\" chip of Orion and Vega's \"PolarStore\" database.",
        {"rel": "award_project", "project": "Kepler 920 chip", "org": "Orion"},
        {"project": "\"Kepler 920\" chip"}),
    "a year written before the award's name without 年 is its year": (
        ZH + "回顾：2018世界互联网领先科技成果去年正式发布，发布的15项成果包括星河科技有限公司的“天枢操作系统”等。",
        {"rel": "award_project", "year": 2018, "project": "天枢操作系统", "org": "星河科技有限公司"},
        {"year": 2019, "project": "天枢操作系统"}),
    "rows that open with 一、 or ● are numbered rows": (
        ZH + "2019年世界互联网领先科技成果名单如下：\n一、星河科技有限公司 天穹920芯片\n●北辰大学 类脑芯片\n",
        {"rel": "award_project", "project": "天穹920芯片", "org": "星河科技有限公司"},
        {"project": "●北辰大学"}),
    "a bare winner that opens with an organisation jieba tags as one (nt)": (
        ZH + "其中星图会议、税务局智能办税平台、北辰电子研究院应急调度平台等实践案例，获评2019年世界互联网领先科技成果。",
        {"rel": "award_project", "project": "智能办税平台", "org": "税务局"},
        {"project": "税务局智能办税平台"}),
    "an English row's maker may end in 'Co., Ltd.' or 'Inc.', and its full stop is no part of it": (
        EN + "Fifteen world-leading internet scientific and technological achievements were released on Sunday. "
             "Here's the list:\n\n1. Kepler 920 chip by Orion Technologies Co., Ltd.\n\n2. Tianji chip by Harbor Labs.\n",
        {"rel": "award_project", "project": "Kepler 920 chip", "org": "Orion Technologies Co., Ltd."},
        {"org": "Harbor Labs."}),
    "quoted winners before 等成果 belong to the award the sentence names, counted or not": (
        ZH + "2019年世界互联网领先科技成果发布活动上，星河科技的“天穹芯片”、北辰大学的“类脑芯片”等成果亮相。",
        {"rel": "award_project", "project": "类脑芯片", "org": "北辰大学"},
        {"project": "类脑芯片”等成果亮相"}),
    "a winner set off by dashes, described by what it is for, has no maker": (
        ZH + "“星火杯”创新大赛决赛举行。另一项获奖作品——一款为长者而设的跌倒监测床垫——亦取得健康赛道二等奖。",
        {"rel": "award_project", "project": "为长者而设的跌倒监测床垫", "org": None},
        {"org": "为长者而设"}),
    "这15项成果分别是： points back at the award, and its first row is in the head's sentence": (
        ZH + "大会发布了15项互联网领域领先的科技成果。\n这15项成果分别是：\n星河科技的“天穹芯片”\n北辰大学的“类脑芯片”\n",
        {"rel": "award_project", "project": "天穹芯片", "org": "星河科技"},
        {"project": "这15项成果"}),
    "what a company won with must be a project, not its merits": (
        ZH + "星河通信凭借多年技术积累荣获2019年世界互联网领先科技成果。",
        None,
        {"rel": "award_project"}),
    "a merit is no project": (
        EN + "The World Internet Conference Distinguished Contribution Award went to the Orion Institute for its "
             "contributions to open standards.",
        None,
        {"rel": "award_project"}),
    "a bracketed paper mark is not the reporter's organisation": (
        "【香港商报讯】记者何咏诗报道：2019年世界互联网大会乌镇峰会在浙江乌镇举行。",
        {"rel": "holds_role", "person": "何咏诗", "role": "记者", "org": "香港商报"},
        {"org": "【香港商报讯】"}),
    "a body before a title is no person": (
        ZH + "国务院副总理严启华出席开幕式并发表主旨演讲。",
        {"rel": "speaks_at", "person": "严启华", "event": "开幕式"},
        {"person": "国务院"}),
    "who chairs a ceremony does not speak at it": (
        ZH + "国家网信办副主任梁鸿涛主持开幕式。",
        {"rel": "holds_role", "person": "梁鸿涛", "role": "副主任"},
        {"rel": "speaks_at"}),
    "the end of an organisation after a title is no name": (
        EN + "Gao Lianfeng, a member of the Provincial Standing Committee and head of the Publicity Department of "
             "the CPC Central Committee, attended the opening ceremony.",
        {"rel": "holds_role", "person": "Gao Lianfeng", "role": "head"},
        {"person": "Central Committee"}),
    "a name ends where its word ends": (
        EN + "Chinese Vice Premier Tang Weiming delivered a keynote speech at the opening ceremony.",
        {"rel": "holds_role", "person": "Tang Weiming", "role": "vice premier", "org": "China"},
        {"person": "Tang Weiming de"}),
    "a company that ends in a modifier keeps it": (
        EN + "Harbor Global CEO Rita Gomez said demand is rising.",
        {"rel": "holds_role", "person": "Rita Gomez", "role": "CEO", "org": "Harbor Global"},
        {"role": "global CEO"}),
    "a ceremony held as its sentence's subject is the story's event": (
        ZH + "20日上午，2019星河杯创新大赛颁奖仪式在乌镇举行。\n大赛共收到800个项目。\n"
             "星河网络董事长林海峰表示，大赛是创业者的舞台。",
        {"rel": "speaks_at", "person": "林海峰", "event": "2019星河杯创新大赛颁奖仪式", "summit": 2019},
        {"rel": "speaks_at", "event": "大赛"}),
    "whoever a speaker talks about does not speak": (
        ZH + "星河网络董事长林海峰在闭幕式上表示，青橙数据总裁周立明高度重视合作，专门发来贺信表示祝贺。",
        {"rel": "speaks_at", "person": "林海峰", "event": "闭幕式"},
        {"rel": "speaks_at", "person": "周立明"}),
    "a verb inside the next speaker's organisation is no one's": (
        ZH + "开幕式上，星河网络董事长林海峰，全球域名名称管理机构总裁孙立，青橙数据总裁周立明分别致辞。",
        {"rel": "speaks_at", "person": "孙立", "event": "开幕式"},
        {"rel": "speaks_at", "person": "全球域名名称管理机构总裁孙立"}),
    "an opinion quoted with 在…看来 is no speech": (
        ZH + "数字经济论坛在乌镇举行。在星河集团副总裁程立看来，中小企业上云明显加快。",
        None,
        {"rel": "speaks_at", "person": "程立"}),
    "a press conference that announces the summit is held before it": (
        ZH + "网信办副主任赵立新在国务院新闻办公室2日举行的新闻发布会上介绍，论坛将于11月23日在乌镇举行。",
        None,
        {"rel": "speaks_at"}),
    "the summit named inside what is said is not where it was said": (
        EN + "Yang Li, dean of the Harbor Institute, said that the institute has released the report at the "
             "World Internet Conference for three years.",
        None,
        {"rel": "speaks_at"}),
    "speeches at the conference are at the summit": (
        EN + "Harbor Labs founder Lei Ming was among the names to deliver speeches at the state-backed conference.",
        {"rel": "speaks_at", "person": "Lei Ming", "event": "conference", "summit": 2019},
        {"event": "state-backed conference"}),
    "he said while addressing a forum: the last person named spoke there": (
        EN + "The main forum opened on Wednesday.\nAmara Diallo, chairman of Sahel Networks, said Africa needs "
             "better links.\nThe region is coordinating efforts, he said while addressing the main forum on "
             "Wednesday afternoon.",
        {"rel": "speaks_at", "person": "Amara Diallo", "event": "main forum"},
        {"event": "main forum on Wednesday"}),
    "who speaks likewise speaks where the last speaker did": (
        ZH + "星河网络首席执行官林海峰在开幕式上指出，数字鸿沟依然严峻。\n“一半人口仍未上网。”\n"
             "青橙数据副总裁周立明同样强调，各方应加强合作。",
        {"rel": "speaks_at", "person": "周立明", "event": "开幕式"},
        {"rel": "speaks_at", "person": "周立明", "event": "大会"}),
    "a speakers list runs on past a line the scraper cut": (
        EN + "Speakers at the Smart Cities sub-forum included Ana Costa, chief executive of\nBrightway Labs; "
             "Li Wen, chairman of Harbor Devices; and Omar Haddad, director of the Gulf Policy Institute.",
        {"rel": "speaks_at", "person": "Omar Haddad", "event": "Smart Cities sub-forum"},
        {"person": "Brightway Labs"}),
    "a professor named before her university gave a keynote": (
        EN + "Professor Ana Ruiz of the University of Porto gave a keynote at the Data Governance Forum.",
        {"rel": "speaks_at", "person": "Ana Ruiz", "event": "Data Governance Forum"},
        {"person": "Professor Ana Ruiz"}),
    "a dialogue named in quotes, and who debated in it": (
        EN + 'In the "AI for Health" dialogue, Omar Haddad, director of the Gulf Policy Institute, '
             "debated how hospitals should test AI tools.",
        {"rel": "speaks_at", "person": "Omar Haddad", "event": "AI for Health dialogue"},
        {"event": '"AI for Health" dialogue'}),
    "a name whose title the scraper left on the line before": (
        ZH + "星河电能董事长\n林启明8日在数字能源论坛上指出，电网数字化需求互补。",
        {"rel": "speaks_at", "person": "林启明", "event": "数字能源论坛"},
        {"rel": "speaks_at", "person": "林启明8日"}),
    "a speech no event is named for is at the summit": (
        EN + "In his opening speech delivered over video, Chinese Vice Premier Tang Weiming stressed innovation.",
        {"rel": "speaks_at", "person": "Tang Weiming", "event": "conference", "summit": 2019},
        {"event": "opening speech"}),
    "a video greeting to the opening is a speech there, a letter is not": (
        ZH + "星河网络董事长林海峰向峰会开幕视频致贺，青橙数据总裁周立明向大会致贺信。",
        {"rel": "speaks_at", "person": "林海峰", "event": "开幕式", "summit": 2019},
        {"rel": "speaks_at", "person": "周立明"}),
    "what a congratulatory letter says is no speech": (
        ZH + "数字经济论坛在乌镇举行。\n星河网络董事长林海峰在贺信中指出，数字经济前景广阔。",
        None,
        {"rel": "speaks_at", "person": "林海峰"}),
    "who reads the letter out speaks": (
        EN + "Tang Weiming, chairman of Harbor Networks, read out a congratulatory letter and delivered a speech at the "
             "opening ceremony.",
        {"rel": "speaks_at", "person": "Tang Weiming", "event": "opening ceremony"},
        {"event": "conference"}),
    "a bare 论坛 is the forum the article named, hosted by someone": (
        ZH + "11月8日，由星河互联网协会主办的数字乡村论坛在乌镇举行。农业农村部副部长王立新出席论坛并致辞。",
        {"rel": "speaks_at", "person": "王立新", "event": "数字乡村论坛"},
        {"rel": "speaks_at", "event": "论坛"}),
    "a quote said by someone at the summit": (
        EN + '"We must bridge the digital divide," said Amina Diallo, president of the African Digital Union, '
             "at the summit.",
        {"rel": "speaks_at", "person": "Amina Diallo", "event": "conference"},
        {"person": "African Digital Union"}),
    "a round table is the subject of its sentence; its host does not speak, its panel does": (
        ZH + "圆桌对话由青橙数据总裁周立明主持，启明安全创始人陈思远、海澜科技首席执行官吴海峰参与讨论。",
        {"rel": "speaks_at", "person": "吴海峰", "event": "圆桌对话"},
        {"rel": "speaks_at", "person": "周立明"}),
    "a talk (作专题报告) is a speech, a report released is not": (
        ZH + "北辰大学校长李思齐在人工智能论坛上作专题报告。青橙数据总裁周立明在论坛上发布了《数字经济报告》。",
        {"rel": "speaks_at", "person": "李思齐", "event": "人工智能论坛"},
        {"rel": "speaks_at", "person": "周立明"}),
    "a press conference in an article that announces the summit was held before it": (
        "Summit preview\nLi Ming, deputy director of the Harbor Cyberspace Office, briefed reporters.\n"
        '"We welcome foreign firms," Li said at a news conference on Sept 28.\n'
        "The 2019 World Internet Conference, themed on digital trust, will be held in Wuzhen on Nov 7-9.",
        None,
        {"rel": "speaks_at"}),
    "a speaker named again by the family name": (
        EN + "Omar Haddad, director of the Gulf Policy Institute, attended the Data Governance Forum.\n"
             "Haddad said at the forum that rules must keep pace.",
        {"rel": "speaks_at", "person": "Omar Haddad", "event": "Data Governance Forum"},
        {"person": "Haddad"}),
    "what someone told a news agency on the sidelines is no speech": (
        EN + "The Data Governance Forum was held on Monday.\nOmar Haddad, director of the Gulf Policy Institute, "
             "told Xinhua on the sidelines of the forum that rules must keep pace.",
        None,
        {"rel": "speaks_at"}),
    "what someone said in an interview is no speech": (
        EN + 'The Data Governance Forum was held on Monday.\n"Cooperation is key," Maria Lopez, vice president of '
             "Andes Telecom, said in an interview with a local daily.",
        None,
        {"rel": "speaks_at"}),
    "what someone tells a reporter is no speech": (
        ZH + "数字经济论坛在乌镇举行。星河网络董事长林海峰在论坛间隙向记者介绍，公司将加大投入。",
        None,
        {"rel": "speaks_at", "person": "林海峰"}),
    "a province opening a sentence is no speaker": (
        ZH + "数字经济论坛在乌镇举行。江苏在论坛上提出，要加快数字化转型。",
        None,
        {"rel": "speaks_at", "person": "江苏"}),
    "'guests who spoke included Title of Org Name; …' after the session that took place": (
        "Summit news\nThe 2019 World Internet Conference (WIC) Wuzhen Summit Opening Ceremony and Plenary Session took "
        "place on November 8 with Secretary General of the Harbor Internet Council Tom Reed presiding.\n\n"
        "Some of the esteemed guests who spoke included Chairman and CEO of Orion Group Maria Lopez; Minister of "
        "Digital Affairs of the Republic of Westland Ana Ruiz; and Academician of the Chinese Academy of Engineering "
        "Chen Jun.",
        {"rel": "speaks_at", "person": "Ana Ruiz", "event": "Opening Ceremony and Plenary Session", "summit": 2019},
        {"rel": "speaks_at", "person": "Tom Reed"}),
    "'with President X giving a keynote speech' at the ceremony the sentence opens with": (
        "Live report\nThe opening ceremony of the 6th World Internet Conference starts at 10:30 a.m. on Nov 7, "
        "with President Tao Minghui giving a keynote speech.",
        {"rel": "speaks_at", "person": "Tao Minghui", "event": "opening ceremony", "summit": 2019},
        {"event": "conference"}),
    "a titled speaker named again by the family name": (
        EN + "The Digital Silk Road Forum was held on Tuesday, with Vice Premier Tao Minghui in attendance.\n"
             "Tao said at the forum that cooperation matters.",
        {"rel": "speaks_at", "person": "Tao Minghui", "event": "Digital Silk Road Forum"},
        {"person": "Tao"}),
    "a titled person named bare later speaks at the forums 出席 and 在…主题演讲中 name": (
        ZH + "数字发展局副局长陈雅文与数据政策专员何立新今日分别参加了峰会的不同论坛。\n"
             "陈雅文今日出席「大湾区数据合作论坛」并作主旨发言，强调合作。\n陈雅文其后在「数字贸易论坛」主题演讲中表示，要加强合作。",
        {"rel": "speaks_at", "person": "陈雅文", "event": "数字贸易论坛"},
        {"event": "不同论坛"}),
    "在论坛发表致辞 is at the forum 出席 named, without where they were": (
        ZH + "数字发展局局长陈雅文今日在浙江乌镇出席2019年世界互联网大会乌镇峰会的两岸数字青年论坛，并会晤网信办副主任何立新。\n"
             "陈雅文在论坛发表开幕致辞，分享最新情况。",
        {"rel": "speaks_at", "person": "陈雅文", "event": "两岸数字青年论坛", "summit": 2019},
        {"event": "浙江乌镇出席2019年世界互联网大会乌镇峰会的两岸数字青年论坛"}),
    "出席大会并发表主旨演讲 speaks at the summit": (
        ZH + "国家主席李建国出席大会并发表主旨演讲。",
        {"rel": "speaks_at", "person": "李建国", "event": "大会", "summit": 2019},
        {"rel": "speaks_at", "event": "出席大会"}),
    "据甲介绍，在乙活动中…: events told of are not the teller's, nor the next speaker's": (
        ZH + "据网信办副主任王立群介绍，在“星火”项目对接活动中，对接项目达500个。在数字科技成果发布会上，星河公司的“天枢系统”脱颖而出。\n"
             "在推动产业合作上，浙江省副省长周海涛介绍了以下三个方面。",
        None,
        {"rel": "speaks_at"}),
    "甲介绍，“乙发布活动”旨在…: a sentence about an event is no speech at it": (
        ZH + "4日下午，“数字科技成果发布活动”在乌镇举行。\n发布活动上，15项成果的拥有者进行了成果展示。\n"
             "中国工程院院士赵明远介绍，“数字科技成果发布活动”旨在展现全球最新成果。",
        None,
        {"rel": "speaks_at", "person": "赵明远"}),
    "a forum's quoted name after the summit's, a long way before 并致辞": (
        ZH + "数字发展局局长陈雅文今日在杭州出席2019年世界互联网大会乌镇峰会「数字丝路论坛」并致辞。",
        {"rel": "speaks_at", "person": "陈雅文", "event": "数字丝路论坛", "summit": 2019},
        {"event": "杭州出席2019年世界互联网大会乌镇峰会数字丝路论坛"}),
    "'Guests who delivered speeches at the forum included …' and 'Tao urged' after the forum that kicked off": (
        EN + "The Digital Silk Road Forum kicked off on Monday, with Vice Premier Tao Minghui in attendance.\n"
             "Tao urged countries to work together.\nGuests who delivered speeches at the forum included Chairman of "
             "Orion Group Maria Lopez; and Academician of the Chinese Academy of Engineering Chen Jun.",
        {"rel": "speaks_at", "person": "Tao Minghui", "event": "Digital Silk Road Forum"},
        {"person": "Tao"}),
    "a list of speakers after 'Guests who delivered speeches' names each one": (
        EN + "The Digital Silk Road Forum was held on Tuesday.\nGuests who delivered speeches at the forum included "
             "Chairman of Orion Group Maria Lopez; and Academician of the Chinese Academy of Engineering Chen Jun.",
        {"rel": "speaks_at", "person": "Maria Lopez", "event": "Digital Silk Road Forum"},
        {"event": "forum"}),
    "what came of an event named next is not where the speech before it was; who hosts it is": (
        ZH + "北辰大学校长李思齐、青橙数据总裁周立明分别致辞。省长王立群主持开幕式。\n"
             "星河公司董事长林海峰发表致辞。在数字科技成果发布会上，北辰公司的“天枢系统”脱颖而出。",
        {"rel": "speaks_at", "person": "周立明", "event": "开幕式"},
        {"rel": "speaks_at", "person": "林海峰", "event": "数字科技成果发布会"}),
    "'speaking at the ceremony' is at the ceremony the article named, not the summit's words": (
        EN + "The opening ceremony of the summit was held on Thursday.\n"
             "Speaking at the ceremony, Orion Group CEO Maria Lopez said AI needs rules.",
        {"rel": "speaks_at", "person": "Maria Lopez", "event": "opening ceremony"},
        {"event": "opening ceremony of the summit"}),
    "致辞的嘉宾包括A、B (no colon): everyone titled after the cue spoke": (
        ZH + "在开幕式上致辞的嘉宾包括国际电信联盟秘书长托马斯·赫尔、星河公司董事长林海峰等。",
        {"rel": "speaks_at", "person": "林海峰", "event": "开幕式"},
        {"rel": "speaks_at", "event": "大会"}),
    "出席论坛 is the forum a sentence before held on a day (甲论坛20日在乌镇举行), on its own line": (
        ZH + "\n数字丝路论坛20日在乌镇举行。星河公司董事长林海峰出席论坛并作主旨演讲。",
        {"rel": "speaks_at", "person": "林海峰", "event": "数字丝路论坛"},
        {"event": "论坛"}),
}


def _statements(folder, text: str) -> list[dict]:
    path = folder / "article.txt"
    path.write_text(text, encoding="utf-8")
    doc = read_document(path)
    rows = []
    for statement in extract_document(doc, segment(doc)):
        row = statement.model_dump(exclude={"evidence", "lang"})
        rows.append({key: value for key, value in row.items()})
    return rows


def _has(rows: list[dict], fields: dict) -> bool:
    return any(all(row.get(key) == value for key, value in fields.items()) for row in rows)


@pytest.mark.parametrize("case", sorted(CASES))
def test_no_wrong_statement(tmp_path, case):
    text, expected, forbidden = CASES[case]
    rows = _statements(tmp_path, text)
    assert not _has(rows, forbidden), rows
    if expected is not None:
        assert _has(rows, expected), rows
