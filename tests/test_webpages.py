"""Saved web pages: the same article as a page and as text gives the same statements."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import socket
from pathlib import Path

import pytest

from kg import build
from kg.errors import InputError
from kg.extract import extract_document
from kg.ingest import read_document
from kg.segment import segment

from .conftest import ROOT

PAGES = ROOT / "tests" / "pages"
HTML = sorted((PAGES / "html").iterdir())


def _statements(doc) -> list[str]:
    """Every statement with its evidence (offsets and quote), less the document's name."""
    return sorted(s.model_dump_json(exclude={"evidence": {"doc_id"}}) for s in extract_document(doc, segment(doc)))


@pytest.mark.parametrize("page", HTML, ids=[p.name for p in HTML])
def test_a_page_reads_as_its_article_in_text(page):
    doc, text = read_document(page), read_document(PAGES / "txt" / f"{page.stem}.txt")
    assert doc.text.rstrip("\n") == text.text.rstrip("\n")  # navigation, related links, comments, footer gone
    found = _statements(doc)
    assert found == _statements(text) and len(found) >= 3
    assert doc.page.title == text.text.splitlines()[0] and doc.page.published is not None
    assert doc.warning is None


def test_the_pages_encodings_are_read_from_their_declarations():
    encodings = {p.name: read_document(p).encoding for p in HTML}
    assert encodings["p02_2021_zh.html"] == "gb18030"  # declares gb2312
    assert encodings["p04_2022_zht.html"] == "big5"
    assert encodings["p01_2019_zh.html"] == encodings["p03_2023_en.html"] == "utf-8"


def test_a_folder_of_pages_builds_the_relations_of_the_same_articles_in_text(tmp_path):
    def relations(folder: Path) -> list[dict]:
        build(seeds=folder, curated=None, out=tmp_path / folder.name, cache=None)
        rows = [json.loads(line) for line in (tmp_path / folder.name / "relations.jsonl").read_text("utf-8").splitlines()]
        return sorted(json.dumps({**row, "doc": Path(row["doc"]).stem}, ensure_ascii=False) for row in rows)

    from_pages = relations(PAGES / "html")
    assert from_pages == relations(PAGES / "txt")
    assert {json.loads(row)["rel"] for row in from_pages} == {"holds_role", "speaks_at", "summit_theme", "summit_held",
                                                              "award_project", "publishes"}


def test_evidence_offsets_count_in_the_extracted_text():
    page = PAGES / "html" / "p02_2021_zh.html"
    doc = read_document(page)
    statements = extract_document(doc, segment(doc))
    assert statements
    for statement in statements:
        evidence = statement.evidence
        assert doc.text[evidence.start:evidence.end] == evidence.quote
    # the raw offsets map into the text extracted from the page, not into its markup
    start = doc.text.index("闻若谷")
    assert doc.raw_span(start, start + 3) == (start, start + 3)


def test_the_pages_metadata_is_on_its_document_node(tmp_path):
    from .conftest import select, store_of

    build(seeds=PAGES / "html", curated=None, out=tmp_path / "out", cache=None)
    store = store_of((tmp_path / "out" / "kg.nt").read_text(encoding="utf-8"))
    rows = select(store, """SELECT ?title ?issued ?site WHERE { ?d dcterms:identifier "p03_2023_en.html" ;
        dcterms:title ?title ; dcterms:issued ?issued ; <http://purl.org/dc/elements/1.1/publisher> ?site }""")
    assert rows == [{"title": "Wuzhen summit puts open source AI in the spotlight", "issued": "2023-11-08",
                     "site": "Riverbend Times"}]


UNDATED = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>嘉宾热议数据跨境流动_南屿日报</title>
<meta property="article:published_time" content="{date}T10:00:00+08:00">
<meta property="og:site_name" content="南屿日报"></head>
<body><div class="nav"><a href="/">首页</a> <a href="/tech">科技</a> <a href="/world">国际</a></div>
<div class="article"><h1>嘉宾热议数据跨境流动</h1>
<div class="text">
<p>本届世界互联网大会乌镇峰会期间举行的数据跨境流动论坛上，南屿数据集团董事长郁晚舟表示，规则需要互认。</p>
<p>与会嘉宾认为，中小企业也应参与规则制定，分享数据流动带来的发展机遇。论坛还讨论了隐私保护与产业发展的平衡。</p>
</div></div>
<div class="footer">南屿日报 版权所有</div></body></html>
"""


@pytest.mark.parametrize("date,year", [("2021-09-28", 2021), ("2024-11-21", 2024)])
def test_a_pages_date_stands_in_for_a_missing_dateline(tmp_path, date, year):
    page = tmp_path / "undated.html"
    page.write_text(UNDATED.replace("{date}", date), encoding="utf-8")
    doc = read_document(page)
    assert doc.page.published == dt.date.fromisoformat(date) and doc.page.site == "南屿日报"
    spoke = [(s.person, s.summit) for s in extract_document(doc, segment(doc)) if s.rel == "speaks_at"]
    assert spoke == [("郁晚舟", year)]


def test_reading_a_page_opens_no_connection(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a page was read over the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert read_document(PAGES / "html" / "p03_2023_en.html").page.site == "Riverbend Times"


def test_a_page_without_an_article_is_skipped_with_the_reason(tmp_path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    shutil.copy(PAGES / "html" / "p01_2019_zh.html", folder)
    # a page saved before its script drew the article: nothing but the script
    (folder / "shell.html").write_text("<html><head><script>var page = 1;</script></head><body><div id='app'></div>"
                                       "<script src='/static/app.js'></script></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="shell.html: holds no article text"):
        read_document(folder / "shell.html")
    result = build(seeds=folder, curated=None, out=tmp_path / "out", cache=None)
    assert result.documents == 1
    assert [(Path(s.path).name, s.reason) for s in result.skipped] == [
        ("shell.html", "holds no article text (no main text found in the page)")]
