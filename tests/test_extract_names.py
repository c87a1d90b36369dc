"""The mention layer on the shapes real news pages have: names after title
chains that no cue word closes, national titles, aides' posts, bylines and
document years. Every name here is invented."""

from __future__ import annotations

from datetime import date

import pytest

from tests.test_extract_precision import EN, ZH, _has, _statements

CASES = {
    "a name closed by a verb no cue list has": (
        ZH + "中共中央总书记、国家主席、中央军委主席林振宇发来贺词。",
        [{"rel": "holds_role", "person": "林振宇", "role": "总书记", "org": "中共中央"},
         {"rel": "holds_role", "person": "林振宇", "role": "主席", "org": "中央军委"}],
        [{"person": "林振宇发"}]),
    "a head of state's title names the country, not the party": (
        ZH + "中共中央总书记、国家主席林振宇发来贺词。",
        [{"rel": "holds_role", "person": "林振宇", "role": "国家主席", "org": "中国"}],
        [{"role": "国家主席", "org": "中共中央"}]),
    "a surname the segmenter leaves alone joins its given name": (
        ZH + "北辰科学院院士郑明远发来贺信。",
        [{"rel": "holds_role", "person": "郑明远", "role": "院士", "org": "北辰科学院"}],
        [{"person": "郑明"}]),
    "a common word after a title is no given name": (
        ZH + "星河集团代表和历届获奖企业代表出席。",
        [],
        [{"rel": "holds_role", "person": "和历届"}]),
    "an aide's post keeps the post it serves": (
        ZH + "瓦伦提亚总统助理阿尔多·维兰致辞。",
        [{"rel": "holds_role", "person": "阿尔多·维兰", "role": "总统助理", "org": "瓦伦提亚"}],
        [{"person": "助理阿尔多·维兰"}]),
    "a title after a name (the official style) is followed by no second name": (
        ZH + "星河部部长韩立出席开幕式，宣读林振宇主席贺信并发表主旨演讲。",
        [{"rel": "holds_role", "person": "韩立", "role": "部长", "org": "星河部"}],
        [{"person": "贺信并"}, {"person": "贺信"}]),
    "a place before a title is no name": (
        ZH + "出席并致辞的有：南岭省副省长柯文山。",
        [{"rel": "holds_role", "person": "柯文山", "role": "副省长", "org": "南岭省"}],
        []),
    "书记处 is a body, not a secretary": (
        ZH + "中共中央政治局常委、中央书记处书记林振宇在大会上发表主旨演讲。",
        [{"rel": "holds_role", "person": "林振宇", "role": "常委", "org": "中共中央政治局"},
         {"rel": "holds_role", "person": "林振宇", "role": "书记", "org": "中央书记处"}],
        [{"org": "中共中央政治局常委、中央书记处"}]),
    "one former post at two organisations, and 兼 keeps it former": (
        ZH + "获奖者有五人，包括星河集团、星河云智能集团前董事长兼首席执行官韩立等。",
        [{"rel": "holds_role", "person": "韩立", "role": "前董事长", "org": "星河集团"},
         {"rel": "holds_role", "person": "韩立", "role": "前首席执行官", "org": "星河云智能集团"}],
        [{"role": "首席执行官"}, {"org": "星河集团、星河云智能集团"}]),
    "a paper's own reporter writes for the outlet of its dateline": (
        "峰会直击\n某江在线12月17日讯 （某江日报记者 方晓）第二届世界互联网大会开幕。\n图为会场。本报记者 陶然 市委报道组 钱多 摄",
        [{"rel": "holds_role", "person": "方晓", "role": "记者", "org": "某江日报"},
         {"rel": "holds_role", "person": "陶然", "role": "记者", "org": "某江在线"}],
        [{"person": "钱多"}]),
    "a dateline of any outlet's name opens its line": (
        "峰会预告\n星火快递北京9月28日电 (记者 方晓)第五届世界互联网大会在浙江乌镇举行。",
        [{"rel": "holds_role", "person": "方晓", "role": "记者", "org": "星火快递"}],
        []),
    "a web page's author writes for its source": (
        "峰会直击\n发稿时间:2024-11-21 06:31:00 作者:方晓 来源: 星河青年报\n2024年世界互联网大会乌镇峰会开幕。",
        [{"rel": "holds_role", "person": "方晓", "role": "记者", "org": "星河青年报"}],
        []),
    "a site that carries a paper's page: the paper is the source": (
        "峰会观察\n本报记者 陶然\n2024-11-27 19:47:09 | 来源:星河网-星河日报海外版\n2024年世界互联网大会乌镇峰会开幕。",
        [{"rel": "holds_role", "person": "陶然", "role": "记者", "org": "星河日报海外版"}],
        [{"org": "星河网"}]),
    "a session stated of 大会 in a later sentence": (
        "峰会开幕\n2021年世界互联网大会乌镇峰会9月26日在浙江省桐乡市乌镇开幕。大会由甲部门和乙省政府共同主办，会期为9月26日至28日。",
        [{"rel": "summit_held", "summit": 2021, "start": date(2021, 9, 26), "end": date(2021, 9, 28)}],
        []),
    "an expo's dates are not the summit's": (
        "峰会闭幕\n据介绍，第六届世界互联网大会“星光”博览会于10月18日至22日成功举办。",
        [],
        [{"rel": "summit_held", "start": date(2019, 10, 18)}]),
    "a length in days and the closing day, the month from a span elsewhere": (
        "峰会闭幕\n在水墨画卷般的江南水乡乌镇，为期三天的第六届世界互联网大会22日圆满落下帷幕。博览会于10月18日至22日举办。",
        [{"rel": "summit_held", "summit": 2019, "start": date(2019, 10, 20), "end": date(2019, 10, 22),
          "place": "江南水乡乌镇"}],
        []),
    "an English length in days and the day it ended": (
        "Forum news\nThe two-day World Internet Conference Internet Development Forum today (November 24) ended in "
        "Wuzhen, Zhejiang. The Report 2020 was released.",
        [{"rel": "summit_held", "summit": 2020, "start": date(2020, 11, 23), "end": date(2020, 11, 24),
          "place": "Wuzhen, Zhejiang"}],
        []),
    "the WIC Wuzhen Summit is the summit": (
        "Summit news\nThe WIC Wuzhen Summit is held in Wuzhen, Zhejiang province, from Nov 9 to 11, 2022.",
        [{"rel": "summit_held", "summit": 2022, "start": date(2022, 11, 9), "end": date(2022, 11, 11)}],
        []),
    "the conference releases its outcome document": (
        ZH + "此外，本届世界互联网大会还发布了年度成果文件——《星河展望》，标志着共识又向前迈出了一步。",
        [{"rel": "publishes", "work": "星河展望", "publisher": "世界互联网大会", "year": 2019}],
        []),
    "works listed before 等成果 and a version before the kind": (
        ZH + "刘某说，大会期间发布的《数据主权：理论与实践》和《星河展望2019》等成果广受关注。峰会还发布《数字主权》(4.0版)概念文件。",
        [{"rel": "publishes", "work": "数据主权:理论与实践", "publisher": None},
         {"rel": "publishes", "work": "星河展望2019", "publisher": None},
         {"rel": "publishes", "work": "数字主权", "publisher": "世界互联网大会"}],
        []),
    "a release announced for later is no tuple": (
        ZH + "今年将继续发布《星河报告2020》，峰会期间还将发布《月亮发展报告》。",
        [],
        [{"rel": "publishes"}]),
    "a quoted title that is the whole object of 'issued'": (
        EN + "On the eve of the forum, the Example Conference Organizing Committee issued the “Joining Hands for a Future”.",
        [{"rel": "publishes", "work": "Joining Hands for a Future", "publisher": "Example Conference Organizing Committee"}],
        []),
    "'saw the release of' documents, one closed by a double prime": (
        EN + "The summit also saw the release of important documents such as “Data Rights: Theory and Practice” "
             "(version 4.0), “Example Internet Report 2023″, and “Other Internet Report 2023,” showcasing progress.",
        [{"rel": "publishes", "work": "Example Internet Report 2023"},
         {"rel": "publishes", "work": "Data Rights: Theory and Practice"}],
        []),
    "a campaign launched is no publication": (
        EN + "Northwind Labs launched the “Bright Future” campaign in Wuzhen.",
        [],
        [{"rel": "publishes"}]),
    "a theme the guests discussed, the summit named earlier in the paragraph": (
        "峰会闭幕\n为期三天的第六届世界互联网大会22日落下帷幕。 来自全球的嘉宾齐聚乌镇，围绕“星河互联 开放合作”主题，纵论发展大势。",
        [{"rel": "summit_theme", "summit": 2019, "theme": "星河互联 开放合作"}],
        []),
    "an edition held as a forum of the conference has the summit's theme": (
        "论坛开幕\n2020年11月23日，某某表示，“世界互联网大会·星河论坛”以“星河赋能 共创未来”为主题。",
        [{"rel": "summit_theme", "summit": 2020, "theme": "星河赋能 共创未来"}],
        []),
    "another forum's theme is not the summit's": (
        ZH + "人工智能论坛以“星河智能”为主题。",
        [],
        [{"rel": "summit_theme"}]),
    "'with a theme of' and 'themed on the concept of'": (
        "Summit news\nThe third World Internet Conference, with a theme of “Bright Networks for All”, took place in Wuzhen. "
        "Themed on the concept of aiming “towards a bright digital future”, the 2022 summit drew 2,000 guests.",
        [{"rel": "summit_theme", "summit": 2016, "theme": "Bright Networks for All"},
         {"rel": "summit_theme", "summit": 2022, "theme": "towards a bright digital future"}],
        []),
    "an English organisation with its acronym inside, and a 'then' post": (
        EN + "Li Haoran, a member of the Political Bureau of the Example Party of Valdoria (EPV) Central Committee and "
             "then secretary of the EPV Eastshore Provincial Committee, also addressed the summit.",
        [{"rel": "holds_role", "person": "Li Haoran", "role": "member",
          "org": "Political Bureau of the Example Party of Valdoria (EPV) Central Committee"},
         {"rel": "holds_role", "person": "Li Haoran", "role": "then secretary", "org": "EPV Eastshore Provincial Committee"}],
        []),
    "an acronym before the title, an area after it": (
        EN + "\"AI matters,\" said Chen Lu, UN under-secretary-general for economic and social affairs, at the opening ceremony.",
        [{"rel": "holds_role", "person": "Chen Lu", "role": "under-secretary-general", "org": "UN"}],
        []),
    "a description of the organisation before its name is no part of it": (
        EN + "Guests include Ravi Menon, founder and CEO of the artificial intelligence-based learning platform Learnly.ai.",
        [{"rel": "holds_role", "person": "Ravi Menon", "role": "founder", "org": "Learnly.ai"},
         {"rel": "holds_role", "person": "Ravi Menon", "role": "CEO", "org": "Learnly.ai"}],
        []),
    "a minister of an area serves its ministry; a unit of a committee is the organisation": (
        EN + "Tang Wei, vice-minister of justice, said AI matters. Officials attended, and Zhao Ling, head of the "
             "publicity department of the Eastshore Provincial Committee attended the event.",
        [{"rel": "holds_role", "person": "Tang Wei", "role": "vice-minister", "org": "Ministry of Justice"},
         {"rel": "holds_role", "person": "Zhao Ling", "role": "head",
          "org": "publicity department of the Eastshore Provincial Committee"}],
        []),
    "a name an organisation's words run on after is part of it": (
        EN + "Ada Lind, an academic with the Valdoria Academy of Engineering and the co-chair of the Recommendation "
             "Committee for World Leading Internet Scientific and Technological Achievements, said so.",
        [{"rel": "holds_role", "person": "Ada Lind", "role": "academic", "org": "Valdoria Academy of Engineering"}],
        [{"person": "Internet Scientific"}]),
    "English bylines that name no role": (
        "Summit news\nBy ZHOU MING in Wuzhen, Zhejiang | Example Daily | Updated: 2019-10-22 18:05\n"
        "Beijing Example News (Reporter Qiu Wenli) Two blue books were released at the 2019 summit.\n",
        [{"rel": "holds_role", "person": "Zhou Ming", "role": "reporter", "org": "Example Daily"},
         {"rel": "holds_role", "person": "Qiu Wenli", "role": "reporter", "org": "Beijing Example News"}],
        []),
    "'the company' is the company the article named before; an honour is no post": (
        EN + "Few firms changed cities as much as Velo Technology, with millions renting its bikes. "
             "Wang Lei, co-founder and chief executive officer of the Beijing-based company, said so. "
             "Northwind Technologies won its award for its 5G system. \"It is fast,\" said Xu Bo, rotating CEO of the company. "
             "Karl Berg, a member of the Internet Hall of Fame, praised the summit.",
        [{"rel": "holds_role", "person": "Wang Lei", "role": "co-founder", "org": "Velo Technology"},
         {"rel": "holds_role", "person": "Xu Bo", "role": "rotating CEO", "org": "Northwind Technologies"}],
        [{"org": "Beijing-based"}, {"person": "Karl Berg"}]),
    "a country the dictionary knows is no name before a title; an idiom after one is no name": (
        ZH + "包括瓦伦提亚总理卡洛斯、哈萨克总理马提莫夫等。项目代表齐聚一堂，分享成果。",
        [{"rel": "holds_role", "person": "马提莫夫", "role": "总理", "org": "哈萨克"}],
        [{"person": "齐聚一堂"}]),
    "a dated title released by name; 'since' gives the first release": (
        "峰会动态\n星河委员会发布《星河展望2018》\n2018年11月6日，委员会年度会议在浙江乌镇召开。自2017年起，星河研究院已连续发布《星河发展报告》。",
        [{"rel": "publishes", "work": "星河展望2018", "publisher": "星河委员会", "year": 2018},
         {"rel": "publishes", "work": "星河发展报告", "publisher": "星河研究院", "year": 2017}],
        []),
    "an edition held as a forum, announced by its organisers, has the summit's dates": (
        "论坛预告\n新华社北京11月2日电 某某在新闻发布会上介绍，“世界互联网大会·星河论坛”将于11月23日至24日在浙江乌镇举行。"
        "今年的报告2020将在论坛上发布。",
        [{"rel": "summit_held", "summit": 2020, "start": date(2020, 11, 23), "end": date(2020, 11, 24), "place": "浙江乌镇"}],
        []),
    "dates in Chinese numerals, and a span that opens with 起 and runs a number of days": (
        "峰會快訊\n第二屆世界互聯網大會於十二月十六日至十八日在浙江烏鎮舉行，今屆大會主題訂為「星河互聯·共享共治」。\n"
        "第五屆世界互聯網大會11月7日起一連三天在浙江烏鎮舉行。",
        [{"rel": "summit_held", "summit": 2015, "start": date(2015, 12, 16), "end": date(2015, 12, 18)},
         {"rel": "summit_theme", "summit": 2015, "theme": "星河互联·共享共治"},
         {"rel": "summit_held", "summit": 2018, "start": date(2018, 11, 7), "end": date(2018, 11, 9)}],
        []),
    "'is taking place … from Dec. 3 to 5' and 'Its theme:'": (
        "Summit news\nThe fourth World Internet Conference is taking place in Wuzhen from Dec. 3 to 5. "
        "Its theme: \"Bright Networks for All\".",
        [{"rel": "summit_held", "summit": 2017, "start": date(2017, 12, 3), "end": date(2017, 12, 5)},
         {"rel": "summit_theme", "summit": 2017, "theme": "Bright Networks for All"}],
        []),
    "posts a subject 担任 are the subject's": (
        ZH + "大会给方明远的评价为：“方明远院士连续十年出席乌镇峰会，连续八年担任星河成果专家推荐委员会联席主任、星河奖评审委员会主席。”",
        [{"rel": "holds_role", "person": "方明远", "role": "联席主任", "org": "星河成果专家推荐委员会"},
         {"rel": "holds_role", "person": "方明远", "role": "主席", "org": "星河奖评审委员会"}],
        []),
    "an organisation after its description, a page token before it": (
        ZH + "连续两届参加发布会的星河工程院院士、星河协会理事长方明远坦言。p18中共中央总书记林振宇发表讲话。",
        [{"rel": "holds_role", "person": "方明远", "role": "院士", "org": "星河工程院"},
         {"rel": "holds_role", "person": "林振宇", "role": "总书记", "org": "中共中央"}],
        [{"org": "p18中共中央"}]),
    "the conference's Nth year in Wuzhen is its Nth edition": (
        "科技观察\n今年，已经是世界互联网大会在乌镇召开的第六年了。这15项科技成果分别是：\n星河的“鲲鹏X芯片”",
        [{"rel": "award_project", "year": 2019, "project": "鲲鹏X芯片", "org": "星河"}],
        []),
    "English 'Title of Org Name' rows: legal forms, acronyms, places and two academies": (
        "Summit news\nGuests included Chairman of Northwind Mobile Communications Group Co., Ltd. Yang Lin; "
        "Secretary General of ARTCO Mohamed Ben Salah; Chairman of Network Computer Systems in Ghana Kofi Mensah; "
        "Academician of the Valdoria Academy of Engineering and Eastland Academy of Arts and Sciences Zhang Yalin.",
        [{"rel": "holds_role", "person": "Yang Lin", "role": "chairman",
          "org": "Northwind Mobile Communications Group Co., Ltd."},
         {"rel": "holds_role", "person": "Mohamed Ben Salah", "role": "secretary general", "org": "ARTCO"},
         {"rel": "holds_role", "person": "Kofi Mensah", "role": "chairman", "org": "Network Computer Systems"},
         {"rel": "holds_role", "person": "Zhang Yalin", "org": "Valdoria Academy of Engineering"},
         {"rel": "holds_role", "person": "Zhang Yalin", "org": "Eastland Academy of Arts and Sciences"}],
        [{"person": "Group Co"}, {"org": "ARTCO Mohamed"}, {"person": "Computer Systems Kofi Mensah"}]),
    "the next person after 'and' is not part of the organisation": (
        EN + "The event was attended by Liu Lianhong, deputy director of the Valdoria Cyberspace Administration and "
             "Ge Huilin, head of the Publicity Department of the Eastshore Provincial Committee.",
        [{"rel": "holds_role", "person": "Liu Lianhong", "org": "Valdoria Cyberspace Administration"},
         {"rel": "holds_role", "person": "Ge Huilin", "role": "head",
          "org": "Publicity Department of the Eastshore Provincial Committee"}],
        []),
    "'and' inside one ministry's name stays": (
        EN + "Nadia Faris, deputy minister at Egypt's Ministry of Communications and Information Technology, spoke.",
        [{"rel": "holds_role", "person": "Nadia Faris", "role": "deputy minister",
          "org": "Ministry of Communications and Information Technology"}],
        []),
    "a national title before a name after another title": (
        EN + "The ceremony starts with General Secretary of the EPV Central Committee, Chinese President Xi Ming, "
             "delivering a speech.",
        [{"rel": "holds_role", "person": "Xi Ming", "role": "general secretary", "org": "EPV Central Committee"},
         {"rel": "holds_role", "person": "Xi Ming", "role": "President", "org": "China"}],
        [{"person": "Chinese President Xi Ming"}]),
    "what is glued to a name or an organisation on real pages": (
        ZH + "星河部副部长刘振以视频方式宣读贺信并致辞。并会晤中央星河办公室副主任、星河局副主任王松。"
             "发布会现场 星河在线记者田雨林 摄。星河宣传部负责日常工作的副部长胡和安出席。",
        [{"rel": "holds_role", "person": "刘振", "role": "副部长", "org": "星河部"},
         {"rel": "holds_role", "person": "王松", "role": "副主任", "org": "中央星河办公室"},
         {"rel": "holds_role", "person": "田雨林", "role": "记者", "org": "星河在线"},
         {"rel": "holds_role", "person": "胡和安", "role": "副部长", "org": "星河宣传部"}],
        [{"person": "刘振以"}, {"org": "会晤中央星河办公室"}, {"org": "发布会现场 星河在线"},
         {"org": "星河宣传部负责日常工作"}]),
    "a Latin name with a space is one organisation": (
        ZH + "美国网络安全企业Ironbark Systems创办人马克·海顿(Mark Hayden)表示，合作很重要。",
        [{"rel": "holds_role", "person": "马克·海顿", "org": "Ironbark Systems"}],
        [{"org": "Systems"}]),
    "bare works joined by 和, and 部分 is no organisation": (
        ZH + "两本蓝皮书总论部分分析了趋势。会上首次发布星河发展指数指标体系和月亮发展指数指标体系，填补了空白。",
        [{"rel": "publishes", "work": "星河发展指数指标体系"}, {"rel": "publishes", "work": "月亮发展指数指标体系"}],
        [{"publisher": "两本蓝皮书总论部"}]),
    "a title released with another of a kind is a work": (
        ZH + "大会组委会还发布了《星河展望》和《2019年星河最佳实践案例集》。",
        [{"rel": "publishes", "work": "星河展望", "publisher": "大会组委会"}],
        []),
    "English releases announced for later are no tuples": (
        EN + "Two reports, the Global Example Report 2021 and the Valdoria Example Report 2021, will also be released "
             "during the event.",
        [],
        [{"rel": "publishes"}]),
    "'will open … on Nov 7, to run for three days' and 'is dedicated to'": (
        "Summit news\nThe 5th World Internet Conference (WIC) will open in Wuzhen, Zhejiang province on Nov 7, to run "
        "for three days. The 2018 summit is dedicated to \"Bright Networks for All\".",
        [{"rel": "summit_held", "summit": 2018, "start": date(2018, 11, 7), "end": date(2018, 11, 9),
          "place": "Wuzhen, Zhejiang province"},
         {"rel": "summit_theme", "summit": 2018, "theme": "Bright Networks for All"}],
        []),
    "a title right after a title is one post": (
        ZH + "星河论坛执行主席高级顾问阿尔多·维兰表示，互联网需要治理。",
        [{"rel": "holds_role", "person": "阿尔多·维兰", "role": "执行主席高级顾问", "org": "星河论坛"}],
        [{"person": "高级顾问阿尔多·维兰"}]),
    "a speech is no event, and the edition's ordinal outweighs a copy's posting date": (
        "峰会动态\n首届世界互联网大会在乌镇开幕\n2015-01-14\n星河部部长林振宇出席开幕式并发表主旨演讲。",
        [{"rel": "speaks_at", "person": "林振宇", "event": "开幕式", "summit": 2014}],
        [{"event": "并发表主旨演讲"}, {"summit": 2015}]),
    "'speaks at' under a photo": (
        "Summit news\nThe 4th World Internet Conference opened in Wuzhen.\n"
        "Ravi Menon, CEO of Learnly, speaks at the opening ceremony of the World Internet Conference.",
        [{"rel": "speaks_at", "person": "Ravi Menon", "event": "opening ceremony", "summit": 2017}],
        []),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_mentions(tmp_path, case):
    text, expected, forbidden = CASES[case]
    rows = _statements(tmp_path, text)
    for fields in expected:
        assert _has(rows, fields), rows
    for fields in forbidden:
        assert not _has(rows, fields), rows
