"""The graph page in a real headless Chromium, opened from file://."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

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


ALIBABA, WIC, LEI_JUN, XI = (f"https://w3id.org/wuzhen-kg/id/{path}" for path in (
    "organization/alibaba-group", "organization/world-internet-conference", "person/lei-jun", "person/xi-jinping"))


@pytest.fixture(scope="module")
def page(built):
    """The seed graph's page open in Chromium; each test starts from the page as it opened."""
    with chromium() as driver:
        driver.get((built / "graph.html").as_uri())
        wait_until_stabilised(driver)
        yield driver
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        assert errors == []  # nothing any test did raised a JS error
        assert [u for u in requested_urls(driver) if not u.startswith(("file:", "data:"))] == []


@pytest.fixture
def driver(page):
    page.execute_script("document.getElementById('reset').click()")
    return page


def _type(driver, text: str) -> None:
    box = driver.find_element(By.ID, "search")
    box.clear()
    box.send_keys(text)


def _shown(driver) -> set[str]:
    return set(driver.execute_script(
        "return window.kgNetwork.body.data.nodes.get({filter: n => !n.hidden}).map(n => n.id)"))


def _click_node(driver, node: str, double: bool = False) -> None:
    """A real mouse click on the node where the canvas draws it."""
    canvas = driver.find_element(By.TAG_NAME, "canvas")
    point = driver.execute_script(
        "const net = window.kgNetwork; return net.canvasToDOM(net.getPositions([arguments[0]])[arguments[0]])", node)
    actions = ActionChains(driver).move_to_element_with_offset(
        canvas, int(point["x"]) - canvas.size["width"] // 2, int(point["y"]) - canvas.size["height"] // 2)
    (actions.double_click() if double else actions.click()).perform()


def _panel(driver) -> str:
    return driver.find_element(By.ID, "panel").text


def test_clicking_a_person_shows_their_roles_speeches_and_quotes(driver):
    driver.execute_script("window.kgNetwork.focus(arguments[0], {scale: 1.5, animation: false})", XI)
    _click_node(driver, XI)
    text = _panel(driver)
    assert text.startswith("关闭\n习近平\n人物")
    assert "职务\n国家主席，中国，2025" in text  # the role, its organisation and when it is attested
    assert "004_26cc9ba3f374cea4.txt: A decade ago, Chinese President Xi Jinping proposed" in text  # the quote
    assert "发言\n2015 开幕式，2015" in text and "2015年12月,习近平主席在第二届世界互联网大会开幕式上提出" in text


@pytest.mark.parametrize("typed,expected,heading", [
    ("Alibaba", ALIBABA, "阿里巴巴"), ("alibaba group", ALIBABA, "阿里巴巴"), ("阿里巴巴集团", ALIBABA, "阿里巴巴"),
    ("lei jun", LEI_JUN, "雷军"), ("LeiJun", LEI_JUN, "雷军"), ("WIC", WIC, "世界互联网大会"),
    ("xi jinping", XI, "习近平"), ("小米", "https://w3id.org/wuzhen-kg/id/organization/xiaomi", "小米集团")])
def test_search_lands_on_the_node_a_name_alias_or_pinyin_names(driver, typed, expected, heading):
    _type(driver, typed)
    assert driver.execute_script("return window.kgNetwork.getSelectedNodes()") == [expected]
    assert _panel(driver).split("\n")[1] == heading
    assert driver.find_element(By.ID, "results").text.split("\n")[0].endswith("个匹配")


def test_search_lists_every_match_and_says_when_there_is_none(driver):
    _type(driver, "论坛")
    listed = driver.find_elements(By.CSS_SELECTOR, "#results button")
    forums = driver.execute_script("return GRAPH.nodes.filter(n => n.keys.some(k => k.includes('论坛'))).length")
    assert len(listed) == forums > 5
    _type(driver, "nobody-at-all")
    assert driver.find_element(By.ID, "results").text == "没有匹配“nobody-at-all”的名称"
    assert driver.execute_script("return document.querySelectorAll('#results button').length") == 0


def _colours_match_the_legend(driver) -> None:
    legend = driver.execute_script("""
        const shown = {};
        for (const item of document.querySelectorAll('#legend span'))
          shown[item.textContent] = getComputedStyle(item.querySelector('i')).backgroundColor;
        return shown;""")
    drawn = driver.execute_script("""
        const net = window.kgNetwork, out = [], probe = document.createElement('i');
        document.body.appendChild(probe);
        for (const id of net.body.nodeIndices) {
          const node = net.body.nodes[id];
          probe.style.backgroundColor = node.options.color.background;
          out.push([GRAPH.classes[node.options.group].name, getComputedStyle(probe).backgroundColor]);
        }
        probe.remove();
        return out;""")
    assert drawn and all(legend[name] == colour for name, colour in drawn), [d for d in drawn if legend[d[0]] != d[1]]


def test_colours_match_the_legend_after_a_search_and_a_filter(driver):
    _colours_match_the_legend(driver)
    _type(driver, "alibaba")
    _colours_match_the_legend(driver)
    Select(driver.find_element(By.ID, "classFilter")).select_by_value("Person")
    _colours_match_the_legend(driver)
    Select(driver.find_element(By.ID, "yearFilter")).select_by_value("2025")
    _colours_match_the_legend(driver)


def test_two_loads_draw_the_same_positions(built):
    positions = []
    with chromium() as driver:
        for _ in range(2):
            driver.get((built / "graph.html").as_uri())
            wait_until_stabilised(driver)
            positions.append(driver.execute_script("return window.kgNetwork.getPositions()"))
    assert len(positions[0]) > 50 and positions[0] == positions[1]


def test_year_filter_keeps_that_years_speakers_and_fits_the_view(driver, built):
    from kg import query

    speakers = {row[2] for row in query("speakers", data=built / "kg.nt", params={"year": "2025"}).rows}
    view = "return [window.kgNetwork.getScale(), window.kgNetwork.getViewPosition()]"
    before = driver.execute_script(view)
    Select(driver.find_element(By.ID, "yearFilter")).select_by_value("2025")
    labels = driver.execute_script("""return window.kgNetwork.body.data.nodes.get({filter: n => !n.hidden})
                                      .map(n => n.name || n.label)""")
    assert speakers and speakers <= set(labels)
    assert "阿里巴巴" in labels and "2015 开幕式" not in labels and "2024 峰会" not in labels
    assert driver.execute_script(view) != before  # the view fits what is left
    Select(driver.find_element(By.ID, "classFilter")).select_by_value("Person")
    assert {driver.execute_script("return GRAPH.nodes.find(n => n.id === arguments[0]).group", n)
            for n in _shown(driver)} == {"Person"}


def test_double_click_expands_the_neighbours(driver):
    Select(driver.find_element(By.ID, "yearFilter")).select_by_value("2015")
    china = "https://w3id.org/wuzhen-kg/id/organization/china"
    assert XI in _shown(driver) and china not in _shown(driver)
    driver.execute_script("window.kgNetwork.focus(arguments[0], {scale: 1.5, animation: false})", XI)
    _click_node(driver, XI, double=True)
    assert china in _shown(driver)


def test_fit_reset_and_export(driver):
    everything = _shown(driver)
    Select(driver.find_element(By.ID, "yearFilter")).select_by_value("2024")
    driver.execute_script("window.kgNetwork.moveTo({scale: 3, animation: false})")
    driver.find_element(By.ID, "fit").click()
    assert driver.execute_script("return window.kgNetwork.getScale()") < 3
    driver.find_element(By.ID, "reset").click()
    assert _shown(driver) == everything and driver.find_element(By.ID, "yearFilter").get_attribute("value") == ""
    png = driver.execute_script("return window.kgExportPNG()")
    assert png.startswith("data:image/png;base64,") and len(png) > 10000


def test_english_page_has_english_legend_and_controls(built, tmp_path):
    from kg.sparql import load_store
    from kg.viz import render_graph

    english = tmp_path / "en.html"
    english.write_text(render_graph(load_store(built / "kg.nt"), "en"), encoding="utf-8")
    with chromium() as driver:
        driver.get(english.as_uri())
        wait_until_stabilised(driver)
        legend = driver.find_element(By.ID, "legend").text
        assert "Person" in legend and "Organization" in legend and "人物" not in legend
        assert driver.find_element(By.ID, "reset").text == "Reset"
        assert driver.find_element(By.ID, "search").get_attribute("placeholder") == "search a name, alias or pinyin"


def test_tooltips_wrap(driver):
    edge = driver.execute_script("return GRAPH.edges.reduce((a, b) => a.title.length >= b.title.length ? a : b)")
    assert len(edge["title"]) > 120  # a line far wider than 460 px
    point = driver.execute_script("""
        const net = window.kgNetwork, e = net.body.edges[net.body.edgeIndices.find(
          id => net.body.edges[id].fromId === arguments[0] && net.body.edges[id].toId === arguments[1])];
        net.focus(arguments[0], {scale: 1.2, animation: false});
        return net.canvasToDOM({x: (e.from.x + e.to.x) / 2, y: (e.from.y + e.to.y) / 2});""", edge["from"], edge["to"])
    canvas = driver.find_element(By.TAG_NAME, "canvas")
    ActionChains(driver).move_to_element_with_offset(
        canvas, int(point["x"]) - canvas.size["width"] // 2, int(point["y"]) - canvas.size["height"] // 2
    ).pause(0.3).perform()
    width = driver.execute_script("""const t = document.querySelector('.vis-tooltip');
        return t && t.style.visibility !== 'hidden' ? t.getBoundingClientRect().width : null""")
    assert width is not None and width < 460


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
