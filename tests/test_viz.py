"""The graph page: self-contained, and text from articles cannot become markup."""

from __future__ import annotations

import json
import re

from kg import build

PAYLOAD = '<img src=x onerror="document.title=1"><script>window.pwned=1</script> href="javascript:alert(1)"'


def _graph_json(page: str) -> dict:
    match = re.search(r"const GRAPH = (\{.*?\});\n", page, re.S)
    return json.loads(match.group(1))


def test_page_is_self_contained(built):
    page = (built / "graph.html").read_text(encoding="utf-8")
    assert not re.search(r"<(?:script|link|img|iframe)[^>]+(?:src|href)=", page, re.I)
    assert "default-src 'none'" in page  # the CSP forbids any fetch even if something slipped in
    assert "<title>Wuzhen KG</title>" in page
    data = _graph_json(page)
    assert len(data["nodes"]) > 50 and len(data["edges"]) > 50
    assert {n["group"] for n in data["nodes"]} >= {"Person", "Organization", "Summit", "Forum"}


def test_edges_carry_their_quotes_and_membership_edges_their_role(built):
    data = _graph_json((built / "graph.html").read_text(encoding="utf-8"))
    titles = [e["title"] for e in data["edges"] if e["kind"] == "spokeAt"]
    assert all(t.startswith("发言于") for t in titles)
    assert any("001_497a61fdeecdb86d.txt: " in t and "论坛" in t for t in titles)
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    roles = {(labels[e["from"]], labels[e["to"]]): e["label"] for e in data["edges"] if e["kind"] == "memberOf"}
    assert roles[("雷军", "小米集团")] == "创始人、董事长、首席执行官"
    assert roles[("习近平", "中国")] == "国家主席"  # the vocabulary's word for a head of state, not 总统


def test_nodes_carry_their_details_keys_and_years(built):
    nodes = {n["label"]: n for n in _graph_json((built / "graph.html").read_text(encoding="utf-8"))["nodes"]}
    lei = nodes["雷军"]
    assert {"lei jun", "leijun", "雷军"} <= set(lei["keys"]) and lei["years"] == [2024]
    sections = {s["title"]: s["rows"] for s in lei["details"]}
    assert [r["text"] for r in sections["职务"]] == ["创始人、董事长、首席执行官，小米集团，2024"]
    assert "小米集团创始人、董事长兼首席执行官雷军说" in sections["职务"][0]["quotes"][0]
    assert {"alibaba", "alibaba group", "阿里巴巴集团"} <= set(nodes["阿里巴巴"]["keys"])
    assert "wic" in nodes["世界互联网大会"]["keys"]
    summit = nodes["2025 峰会"]
    assert summit["name"] == "2025年世界互联网大会乌镇峰会"
    details = {s["title"]: [r["text"] for r in s["rows"]] for s in summit["details"]}
    assert details["日期"] == ["2025-11-06 – 2025-11-09"] and details["地点"] == ["乌镇"]
    assert details["主题"] == ["共筑开放合作、安全普惠的数智未来——携手构建网络空间命运共同体"]
    assert "2025 开幕式" in details["论坛与仪式"] and details["开幕式"] == ["2025 开幕式，2025-11-07"]


def test_layout_is_computed_once_with_summits_as_a_spine(built, tmp_path):
    from kg.sparql import load_store
    from kg.viz import render_graph

    page = (built / "graph.html").read_text(encoding="utf-8")
    data = _graph_json(page)
    assert data["options"]["physics"] == {"enabled": False}
    summits = sorted((n["years"][0], n["x"], n["y"]) for n in data["nodes"] if n["group"] == "Summit")
    assert len(summits) == 12 and {y for _, _, y in summits} == {0}
    assert [x for _, x, _ in summits] == sorted(x for _, x, _ in summits) and len({x for _, x, _ in summits}) == 12
    assert render_graph(load_store(built / "kg.nt")) == page  # same positions, same bytes, in a new store
    groups = data["options"]["groups"]
    assert all(groups[n["group"]]["color"] == data["classes"][n["group"]]["color"] and "color" not in n
               for n in data["nodes"])


def test_english_page_speaks_english(built, tmp_path):
    from kg.sparql import load_store
    from kg.viz import render_graph

    data = _graph_json(render_graph(load_store(built / "kg.nt"), "en"))
    assert data["classes"]["Person"]["name"] == "Person" and data["text"]["reset"] == "Reset"
    assert {e["title"].split("\n")[0] for e in data["edges"] if e["kind"] == "spokeAt"} == {"spoke at"}
    nodes = {n["id"].rsplit("/", 1)[-1]: n for n in data["nodes"]}
    assert nodes["xi-jinping"]["label"] == "Xi Jinping" and nodes["2025"]["label"] == "2025 Summit"
    assert [r["text"] for s in nodes["xi-jinping"]["details"] for r in s["rows"] if s["title"] == "Roles"] == [
        "president, China, 2025"]  # the title as the English article writes it


def test_payloads_in_quotes_and_names_stay_data(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "xss-zh.txt").write_text(
        "2019年世界互联网大会乌镇峰会在浙江乌镇举行,来自全球的嘉宾围绕人工智能、数字经济等议题展开交流。\n"
        "在开幕式上,星河科技有限公司董事长王小明说,<script>window.pwned=1</script>要推动开放合作。\n", encoding="utf-8")
    (seeds / "xss-en.txt").write_text(
        f"The 2019 World Internet Conference Wuzhen Summit opened in Wuzhen.\n"
        f"Anna Berg, chairman of Evil Corp, said at the opening ceremony: {PAYLOAD}.\n", encoding="utf-8")
    out = tmp_path / "out"
    build(seeds=seeds, curated=None, out=out)
    page = (out / "graph.html").read_text(encoding="utf-8")
    script = page.split("const GRAPH = ", 1)[1].split("\n", 1)[0]
    assert "<" not in script and ">" not in script
    assert "window.pwned" not in page.split("const GRAPH = ", 1)[0]
    data = _graph_json(page)
    titles = " ".join(e["title"] for e in data["edges"]) + " ".join(n["title"] for n in data["nodes"])
    assert "<script>window.pwned=1</script>" in titles  # the text survives, as data
    assert "\\u003cscript\\u003e" in script
    assert all(" href" not in n["title"] or "<" not in n["title"] for n in data["nodes"])


def test_focus_draws_a_neighbourhood_and_cap_says_what_is_left_out(built, tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app

    runner = CliRunner()
    page = tmp_path / "focus.html"
    result = runner.invoke(app, ["viz", "--data", str(built / "kg.ttl"), "--focus", "Xi Jinping", "--hops", "1",
                                 "-o", str(page)])
    assert result.exit_code == 0, result.output
    labels = {n["label"] for n in _graph_json(page.read_text(encoding="utf-8"))["nodes"]}
    assert "习近平" in labels and "2015 开幕式" in labels and len(labels) < 10
    for name in ("xi jinping", "Lei Jun", "alibaba"):  # any case, pinyin, an alias from ontology/aliases.yaml
        result = runner.invoke(app, ["viz", "--data", str(built / "kg.ttl"), "--focus", name, "-o", str(page)])
        assert result.exit_code == 0, (name, result.output)
    capped = tmp_path / "capped.html"
    result = runner.invoke(app, ["viz", "--data", str(built / "kg.ttl"), "--max-nodes", "12", "-o", str(capped)])
    data = _graph_json(capped.read_text(encoding="utf-8"))
    assert len(data["nodes"]) == 12 and data["notice"].startswith("只显示连接最多的 12 个实体")
    result = runner.invoke(app, ["viz", "--data", str(built / "kg.ttl"), "--max-nodes", "12", "--lang", "en",
                                 "-o", str(capped)])
    assert _graph_json(capped.read_text(encoding="utf-8"))["notice"].startswith("showing the 12 most connected of ")
    missing = runner.invoke(app, ["viz", "--data", str(built / "kg.ttl"), "--focus", "alibabba", "-o", str(capped)])
    assert missing.exit_code == 2 and len(missing.output.strip().splitlines()) == 1
    assert "no entity is labelled 'alibabba'; did you mean 'alibaba'" in missing.output


def test_kg_viz_draws_the_build_page_from_any_rdf_file(built, tmp_path):
    """The page depends on the triples only: TriG (edges repeated across named
    graphs), Turtle and JSON-LD all give the page the build wrote."""
    from typer.testing import CliRunner

    from kg.cli import app

    expected = (built / "graph.html").read_bytes()
    for name in ("kg.trig", "kg.ttl", "kg.jsonld"):
        page = tmp_path / f"{name}.html"
        result = CliRunner().invoke(app, ["viz", "--data", str(built / name), "-o", str(page)])
        assert result.exit_code == 0, result.output
        assert page.read_bytes() == expected, name


def test_an_empty_graph_draws_an_empty_page(tmp_path):
    """A graph with no triples gives a page with no nodes, not a traceback."""
    from typer.testing import CliRunner

    from kg.cli import app

    empty = tmp_path / "empty.nt"
    empty.write_text("", encoding="utf-8")
    page = tmp_path / "empty.html"
    result = CliRunner().invoke(app, ["viz", "--data", str(empty), "-o", str(page)])
    assert result.exit_code == 0, result.output
    assert re.search(r'"nodes":\s*\[\s*\]', page.read_text(encoding="utf-8"))
