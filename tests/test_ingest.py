"""Decoding, normalisation and the offset map back to the raw file."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.extract import extract_document
from kg.ingest import normalise, read_document, to_simplified
from kg.segment import segment

from .conftest import ROOT

ARTICLE = ("新华社乌镇11月8日电(记者周明远)11月7日至9日,2018年世界互联网大会乌镇峰会在浙江乌镇举行。"
           "本届峰会以“创造互信共治的数字世界——携手共建网络空间命运共同体”为主题。"
           "在开幕式上,星海数据科技有限公司董事长兼首席执行官韩立新说,要推动开放合作。")


def _relations(doc):
    return sorted((s.rel, getattr(s, "person", None)) for s in extract_document(doc, segment(doc)))


@pytest.mark.parametrize("encoding,prefix", [
    ("utf-8", b""), ("utf-8-sig", b""), ("gb18030", b""), ("gbk", b""), ("utf-16", b""),
])
def test_simplified_encodings_decode_and_extract(tmp_path, encoding, prefix):
    path = tmp_path / f"a-{encoding}.txt"
    path.write_bytes(prefix + ARTICLE.encode(encoding))
    doc = read_document(path)
    reference = read_document(_write(tmp_path, "ref.txt", ARTICLE.encode("utf-8")))
    assert doc.text == reference.text
    assert _relations(doc) == _relations(reference)
    assert ("holds_role", "韩立新") in _relations(doc)
    assert doc.encoding.replace("_", "-").lower().startswith(
        {"utf-8": "utf-8", "utf-8-sig": "utf-8-sig", "gb18030": "gb18030", "gbk": "gb", "utf-16": "utf-16"}[encoding])


def test_big5_traditional_decodes_and_matches_in_simplified(tmp_path):
    traditional = "在開幕式上,星海數據科技有限公司董事長韓立新表示,網際網路要開放。2018年世界網際網路大會烏鎮峰會如期舉行。"
    doc = read_document(_write(tmp_path, "big5.txt", traditional.encode("big5")))
    assert doc.encoding.lower() in ("big5", "cp950", "big5hkscs")
    assert doc.text.startswith("在開幕式上")  # quotes keep the original script
    assert "星海数据科技有限公司董事长韩立新" in doc.match_text
    roles = [s for s in extract_document(doc, segment(doc)) if s.rel == "holds_role"]
    assert [(s.person, s.role, s.org) for s in roles] == [("韩立新", "董事长", "星海数据科技有限公司")]
    assert roles[0].evidence.quote.startswith("在開幕式上")


def test_pinyin_annotations_are_removed_with_offsets_kept():
    raw = "世(shì)界(jiè)互(hù)聯(lián)網(wǎng)大(dà)會(huì)的(de)人工智能(AI)"
    text, offsets = normalise(raw)
    assert text == "世界互聯網大會的人工智能(AI)"
    for i, ch in enumerate(text):
        assert raw[offsets[i]] == ch


def test_ocr_spacing_is_repaired_and_mapped_back():
    raw = "新华社杭州 11 月 21 日电 ， 2024 年 世界互联网大会 , 5G 可编程网络"
    text, offsets = normalise(raw)
    assert text == "新华社杭州11月21日电,2024年世界互联网大会,5G可编程网络"
    at = text.index("2024")
    assert raw[offsets[at]: offsets[at + 3] + 1] == "2024"


def test_english_spacing_is_left_alone():
    text, _ = normalise("Xi Jinping  spoke in Wuzhen, Zhejiang province.")
    assert text == "Xi Jinping  spoke in Wuzhen, Zhejiang province."


def test_simplified_conversion_keeps_length():
    traditional = "網際網路資訊執行長烏鎮峰會"
    assert len(to_simplified(traditional)) == len(traditional)
    assert to_simplified(traditional) == "网际网路资讯执行长乌镇峰会"


def test_raw_span_maps_evidence_back_to_the_file(tmp_path):
    raw = "標題\r\n在開幕式上(shàng),某某集團董事長張三說。"
    doc = read_document(_write(tmp_path, "crlf.txt", raw.encode("utf-8")))
    start = doc.text.index("張三")
    raw_start, raw_end = doc.raw_span(start, start + 2)
    assert raw[raw_start:raw_end] == "張三"


@pytest.mark.parametrize("data,reason", [
    (b"", "empty"), (b"   \n\t ", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
    (bytes([0xFF, 0xFE]) + "\ufffd".encode("utf-16-le") * 40, "does not decode"),
])
def test_unusable_files_raise_input_error_naming_the_file(tmp_path, data, reason):
    path = _write(tmp_path, "bad file 坏.txt", data)
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert str(path) in str(caught.value) and reason in str(caught.value)


def _write(folder, name, data: bytes):
    path = folder / name
    path.write_bytes(data)
    return path


def test_every_entry_of_a_folder_is_read_or_listed_with_the_reason(tmp_path):
    from kg.ingest import seed_files

    for name in ("a.txt", "b.md", "c.html", "d.HTM", "README.md", "readme.txt", "notes.csv", "report.docx", "LICENSE",
                 ".DS_Store"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "c_files").mkdir()  # what a browser's "Save page as" puts beside the page
    articles, skipped = seed_files(tmp_path)
    assert [p.name for p in articles] == ["a.txt", "b.md", "c.html", "d.HTM"]
    assert {Path(s.path).name: s.reason for s in skipped} == {
        ".DS_Store": "hidden file",
        "LICENSE": "unsupported type (no extension): articles are .txt, .md, .html, .htm, .shtml files",
        "README.md": "a README describes the folder; it is no article",
        "c_files": "a folder: subfolders are not read",
        "notes.csv": "unsupported type (.csv): articles are .txt, .md, .html, .htm, .shtml files",
        "readme.txt": "a README describes the folder; it is no article",
        "report.docx": "unsupported type (.docx): articles are .txt, .md, .html, .htm, .shtml files",
    }


# English with Chinese names in brackets, saved as GBK: the "Pony Ma (鎮趙枆)".
MIXED = ("Tencent chairman Pony Ma (马化腾) spoke at the opening of the summit in Wuzhen (乌镇). Robin Li (李彦宏) "
         "of Baidu (百度) and the organisers of the World Internet Conference (世界互联网大会) joined him.")


def test_mixed_english_and_chinese_gbk_decodes_as_gbk_without_doubt(tmp_path):
    doc = read_document(_write(tmp_path, "mixed.txt", MIXED.encode("gbk")))
    assert doc.encoding == "gb18030" and doc.text == MIXED and doc.warning is None


def test_three_chinese_characters_still_decode_right_but_with_a_warning(tmp_path):
    line = "Tencent chairman Pony Ma (马化腾) spoke at the opening ceremony."
    doc = read_document(_write(tmp_path, "short.txt", line.encode("gbk")))
    assert doc.text == line  # Big5 reads 鎮趙枆, one of them a rare character
    assert "low confidence" in doc.warning and "big5" in doc.warning


def test_a_text_both_encodings_read_as_ordinary_chinese_warns(tmp_path):
    from kg.charset import odd_characters

    data = "大会发".encode("gbk")  # as Big5 these bytes are three common traditional characters too
    assert odd_characters(data.decode("gbk")) == odd_characters(data.decode("big5")) == (0, 3)
    doc = read_document(_write(tmp_path, "ambiguous.txt", b"Notes: " + data))
    assert doc.encoding == "gb18030"
    assert doc.warning.startswith("encoding guessed with low confidence: read as gb18030, but big5 reads as well")


def test_gbk_and_big5_articles_are_told_apart_by_their_characters():
    """Every Chinese test article, saved as GB18030 and as Big5 where it can be, decodes back without doubt."""
    from kg.charset import decode

    articles = sorted(ROOT.glob("tests/*/*.txt"))
    checked = 0
    for path in articles:
        text = path.read_text(encoding="utf-8")
        for encoding in ("gb18030", "big5"):
            try:
                data = text.encode(encoding)
            except UnicodeEncodeError:
                continue
            if data == text.encode("utf-8"):
                continue
            decoded = decode(data, str(path))
            assert decoded.text == text, (path, encoding)
            if sum(not ch.isascii() for ch in text) > 20:
                assert decoded.warning is None, (path, encoding, decoded.warning)
            checked += 1
    assert checked > 100


def test_a_declared_charset_that_does_not_fit_is_a_warning(tmp_path):
    page = ("<html><head><meta charset='big5'><title>峰会开幕</title></head><body><p>" + "世界互联网大会乌镇峰会在浙江乌镇开幕。" * 3
            + "</p></body></html>")
    doc = read_document(_write(tmp_path, "p.html", page.encode("gbk")))
    assert doc.encoding == "gb18030" and "世界互联网大会" in doc.text
    assert doc.warning == "declares charset big5 but reads as gb18030"


def test_a_doubtful_decoding_is_a_warning_in_the_report(tmp_path):
    from kg import build

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    _write(seeds, "a.txt", ARTICLE.encode("gbk"))
    _write(seeds, "ambiguous.txt", b"Notes: " + "大会发".encode("gbk"))
    result = build(seeds=seeds, curated=None, out=tmp_path / "out", cache=None)
    assert result.warnings == [f"{seeds / 'ambiguous.txt'}: " + read_document(seeds / "ambiguous.txt").warning]
    report = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    warnings = report.split("## Warnings")[1].split("##")[0]
    assert f"- {seeds / 'ambiguous.txt'}: encoding guessed with low confidence" in warnings
    assert "a.txt" not in warnings
