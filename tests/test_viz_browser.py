"""The graph page in a real headless Chromium, opened from file://."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from kg import build

from .browser import chromium, requested_urls, wait_until_stabilised
from .conftest import ROOT

ARTEFACTS = ROOT / "tests" / "artefacts"


def _data(page: Path) -> dict:
    return json.loads(re.search(r"const GRAPH = (\{.*?\});\n", page.read_text(encoding="utf-8"), re.S).group(1))


def test_seed_graph_draws_every_node_and_edge_offline(built):
    page = built / "graph.html"
    data = _data(page)
    with chromium() as driver:
        driver.get(page.as_uri())
        wait_until_stabilised(driver)
        drawn_nodes = driver.execute_script("return window.kgNetwork.body.nodeIndices.length")
        drawn_edges = driver.execute_script("return window.kgNetwork.body.edgeIndices.length")
        assert (drawn_nodes, drawn_edges) == (len(data["nodes"]), len(data["edges"]))
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        assert errors == []
        urls = requested_urls(driver)
        assert page.as_uri() in urls
        assert [u for u in urls if not u.startswith(("file:", "data:"))] == []
        ARTEFACTS.mkdir(exist_ok=True)
        driver.save_screenshot(str(ARTEFACTS / "seed-graph.png"))


PAYLOADS = ('<img src=x onerror="document.title=\'pwned\';window.pwned=1">',
            "<script>window.pwned=1</script>", '<a href="javascript:window.pwned=1">href</a>')


@pytest.fixture
def hostile_page(tmp_path) -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    body = "".join(PAYLOADS)
    (seeds / "hostile-zh.txt").write_text(
        "2019年世界互联网大会乌镇峰会在浙江乌镇举行,来自全球的嘉宾围绕人工智能、数字经济等议题展开交流。\n"
        f"在开幕式上,星河科技有限公司董事长王小明说,{PAYLOADS[1]}要推动开放合作。\n", encoding="utf-8")
    (seeds / "hostile-en.txt").write_text(
        "The 2019 World Internet Conference Wuzhen Summit opened in Wuzhen.\n"
        f"Anna Berg, chairman of Evil Corp, said at the opening ceremony: {body}.\n"
        f"Tom Lind, CEO of {PAYLOADS[0]} Labs, said at the opening ceremony that cooperation matters.\n", encoding="utf-8")
    out = tmp_path / "out"
    build(seeds=seeds, curated=None, out=out)
    return out / "graph.html"


def test_hovering_every_node_and_edge_runs_no_script(hostile_page):
    data = _data(hostile_page)
    assert any("<script>" in e["title"] or "<img" in e["title"] for e in data["edges"] + data["nodes"])
    with chromium() as driver:
        driver.get(hostile_page.as_uri())
        wait_until_stabilised(driver)
        title = driver.title
        canvas = driver.find_element(By.TAG_NAME, "canvas")
        size = canvas.size
        positions = driver.execute_script("""
            const net = window.kgNetwork, out = [];
            const pos = net.getPositions();
            for (const id of net.body.nodeIndices) out.push(net.canvasToDOM(pos[id]));
            for (const id of net.body.edgeIndices) {
              const e = net.body.edges[id];
              out.push(net.canvasToDOM({x: (e.from.x + e.to.x) / 2, y: (e.from.y + e.to.y) / 2}));
            }
            return out;""")
        assert len(positions) == len(data["nodes"]) + len(data["edges"])
        shown_as_text = 0
        for point in positions:
            x = max(1, min(size["width"] - 1, int(point["x"])))
            y = max(1, min(size["height"] - 1, int(point["y"])))
            ActionChains(driver).move_to_element_with_offset(canvas, x - size["width"] // 2, y - size["height"] // 2) \
                .pause(0.15).perform()
            assert driver.execute_script("return window.pwned === undefined")
            assert driver.title == title
            shown_as_text += driver.execute_script(
                "const t = document.querySelector('.vis-tooltip');"
                "return t !== null && t.style.visibility !== 'hidden' && /<script>|<img/.test(t.textContent)")
        assert shown_as_text > 0  # the hovers did open tooltips holding the payloads, as plain text
        tooltip_html = driver.execute_script(
            "const t = document.querySelector('.vis-tooltip'); return t ? t.innerHTML : ''")
        assert "<img" not in tooltip_html and "<script" not in tooltip_html
