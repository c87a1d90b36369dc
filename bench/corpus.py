"""Generate a synthetic corpus of summit news in four scripts for benchmarks.

Articles are recombined from sentence templates with invented names, so
every run with the same seed writes the same bytes.
"""

from __future__ import annotations

import random
from pathlib import Path

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建文辉力鹏宇浩然晨阳欣怡嘉诚志远海峰立新"
ORG_HEADS = ["星海", "云帆", "智联", "天启", "数源", "远景", "青禾", "鸿图", "博观", "启明", "长风", "知行"]
ORG_TAILS = ["科技有限公司", "集团", "研究院", "大学", "信息技术股份有限公司", "网络安全协会", "数据中心"]
ROLES = ["董事长", "首席执行官", "总裁", "副总裁", "院长", "副校长", "秘书长", "首席技术官", "创始人", "主任"]
FORUMS = ["数字经济", "人工智能治理", "网络安全", "数据跨境流动", "智慧城市", "开源创新", "数字丝路", "网络法治"]
EN_ORGS = ["Orion Data", "Bluepeak Networks", "Lumen Cloud", "Harbor AI", "Vertex Labs", "Silkroad Digital"]
EN_ROLES = ["chairman", "CEO", "president", "vice-president", "chief technology officer", "founder"]
EN_NAMES = ["Anna Berg", "Tomas Lind", "Maria Costa", "David Okafor", "Lena Vogel", "Rahul Mehta", "Sofia Rossi"]


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _org(rng: random.Random) -> str:
    return rng.choice(ORG_HEADS) + rng.choice(ORG_HEADS) + rng.choice(ORG_TAILS)


def chinese_article(rng: random.Random) -> str:
    year = rng.randint(2014, 2025)
    lines = [f"{year}年世界互联网大会乌镇峰会开幕",
             f"新华社乌镇11月{rng.randint(5, 20)}日电(记者{_person(rng)}、{_person(rng)})"
             f"11月{rng.randint(5, 9)}日至{rng.randint(10, 12)}日,{year}年世界互联网大会乌镇峰会在浙江乌镇举行。"]
    for _ in range(rng.randint(12, 22)):
        forum = rng.choice(FORUMS)
        lines.append(f"在{forum}论坛上,{_org(rng)}{rng.choice(ROLES)}{_person(rng)}表示,"
                     f"要推动{forum}领域的开放合作,让互联网更好造福人民,共同构建网络空间命运共同体。"
                     "与会嘉宾认为,人工智能正在重塑千行百业,需要各方加强沟通、扩大共识、深化合作。")
        if rng.random() < 0.3:
            lines.append(f"{_org(rng)}发布的《{forum}发展报告({year})》显示,相关产业规模持续增长。")
    lines.append(f"本届峰会以“{rng.choice(FORUMS)}赋能未来——携手构建网络空间命运共同体”为主题。")
    return "\n".join(lines) + "\n"


def english_article(rng: random.Random) -> str:
    year = rng.randint(2014, 2025)
    lines = [f"The {year} World Internet Conference Wuzhen Summit opened in Wuzhen, Zhejiang province."]
    for _ in range(rng.randint(10, 18)):
        lines.append(f"{rng.choice(EN_NAMES)}, {rng.choice(EN_ROLES)} of {rng.choice(EN_ORGS)}, said at the "
                     f"{rng.choice(['Digital Economy', 'Cybersecurity', 'AI Governance'])} Forum that cooperation "
                     "on artificial intelligence and open data will shape the digital future of every country.")
    lines.append(f'The summit was themed "Building a Digital Future Together - {year}".')
    return "\n".join(lines) + "\n"


def write_corpus(folder: Path, count: int, seed: int = 2014) -> int:
    """Write `count` articles (mixed scripts and encodings); return total bytes."""
    import opencc

    to_traditional = opencc.OpenCC("s2t")
    from pypinyin import Style, pinyin

    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(count):
        kind = i % 5
        if kind == 4:
            text, encoding = english_article(rng), "utf-8"
        else:
            text = chinese_article(rng)
            encoding = "utf-8"
            if kind == 1:
                text, encoding = to_traditional.convert(text), "big5"
            elif kind == 2:
                head, tail = text[:200], text[200:]
                marks = pinyin(head, style=Style.TONE, errors=lambda chars: [[c] for c in chars])
                annotated = "".join(ch + (f"({m[0]})" if "\u4e00" <= ch <= "\u9fff" else "")
                                    for ch, m in zip(head, marks))
                text = annotated + tail
            elif kind == 3:
                encoding = "gb18030"
        data = text.encode(encoding, errors="replace")
        (folder / f"a{i:05d}.txt").write_bytes(data)
        total += len(data)
    return total
