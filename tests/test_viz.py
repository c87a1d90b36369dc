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


def test_edges_carry_their_quotes(built):
    data = _graph_json((built / "graph.html").read_text(encoding="utf-8"))
    titles = [e["title"] for e in data["edges"] if e["label"] == "spoke at"]
    assert any("001_497a61fdeecdb86d.txt: " in t and "论坛" in t for t in titles)


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
    assert "习近平" in labels and "开幕式" in labels and len(labels) < 10
    capped = tmp_path / "capped.html"
    result = runner.invoke(app, ["viz", "--data", str(built / "kg.ttl"), "--max-nodes", "12", "-o", str(capped)])
    data = _graph_json(capped.read_text(encoding="utf-8"))
    assert len(data["nodes"]) == 12 and data["notice"].startswith("showing the 12 most connected of ")
    missing = runner.invoke(app, ["viz", "--data", str(built / "kg.ttl"), "--focus", "nobody", "-o", str(capped)])
    assert missing.exit_code == 2 and "no entity is labelled 'nobody'" in missing.output


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
