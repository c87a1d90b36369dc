"""Identity and conflicts, asserted with SPARQL on built graphs."""

from __future__ import annotations

import pyoxigraph
import pytest

from kg import build

from .conftest import ROOT, select


def _nodes(store, label: str) -> set[str]:
    rows = select(store, f'SELECT DISTINCT ?x WHERE {{ ?x skos:prefLabel|skos:altLabel ?l FILTER(STR(?l) = "{label}") }}')
    return {r["x"] for r in rows}


@pytest.mark.parametrize("labels", [
    ("阿里巴巴",), ("小米集团",), ("腾讯", "腾讯集团"), ("世界互联网大会",), ("习近平", "Xi Jinping"),
])
def test_one_node_per_real_thing(store, labels):
    nodes = set().union(*(_nodes(store, label) for label in labels))
    assert len(nodes) == 1, nodes


@pytest.mark.parametrize("year", [2024, 2025])
def test_one_node_per_summit(store, year):
    rows = select(store, f"SELECT DISTINCT ?s WHERE {{ ?s a wic:Summit ; wic:year {year} }}")
    assert len(rows) == 1
    claims = select(store, f"""SELECT DISTINCT ?summit WHERE {{ ?c wic:summit ?summit . ?summit wic:year {year} }}""")
    assert {r["summit"] for r in claims} == {rows[0]["s"]}


def test_person_in_two_documents_is_one_node_with_evidence_from_both(store):
    rows = select(store, """SELECT DISTINCT ?doc WHERE {
        ?p skos:prefLabel "习近平"@zh . ?claim wic:person ?p ; prov:wasDerivedFrom/wic:document/dcterms:identifier ?doc }""")
    assert {r["doc"] for r in rows} == {"000_80be1b6e8778084f.txt", "004_26cc9ba3f374cea4.txt"}


def test_theme_conflict_is_in_graph_report_and_canned_query(built):
    from kg.sparql import query

    result = query("conflicts", data=built / "kg.nt")
    values = {row[result.variables.index("value")] for row in result.rows}
    assert any("数智未来" in v for v in values) and any("数字未来" in v for v in values)
    assert {row[result.variables.index("resolution")] for row in result.rows} == {"curated value preferred"}
    report = (built / "report.md").read_text(encoding="utf-8")
    assert "数字未来" in report.split("## Conflicts between sources")[1].split("##")[0]


def test_dates_keep_span_and_opening_apart(built):
    from kg.sparql import query

    rows = {r[0]: r for r in query("summits", data=built / "kg.nt").rows}
    assert rows["2025"][2:4] == ["2025-11-06", "2025-11-09"]
    assert rows["2025"][5] == "2025-11-07"  # the English article's opening, kept as the ceremony's date
    report = (built / "report.md").read_text(encoding="utf-8")
    assert "2025: the opening is dated 2025-11-07" in report


def test_own_articles_resolve_across_documents_and_languages(tmp_path):
    out = tmp_path / "out"
    build(seeds=ROOT / "tests" / "articles", curated=None, out=out)
    store = pyoxigraph.Store()
    store.load(path=str(out / "kg.nt"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    for labels in (("王浩然", "Wang Haoran"), ("陈立平", "Chen Liping"), ("阿里巴巴集团", "Alibaba Group", "阿里巴巴")):
        nodes = set().union(*(_nodes(store, label) for label in labels))
        assert len(nodes) == 1, (labels, nodes)
    summits = select(store, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a wic:Summit ; wic:year 2019 }")
    assert summits[0]["n"] == "1"


def test_one_opening_ceremony_a_year_carries_its_date_and_its_speakers(store):
    rows = select(store, """SELECT ?event ?label ?date ?speaker WHERE {
        ?summit wic:year 2025 ; wic:openingCeremony ?event . ?event wic:startDate ?date ; skos:prefLabel ?label .
        ?speaker wic:spokeAt ?event FILTER(LANG(?label) = "zh") }""")
    assert [(r["label"], r["date"]) for r in rows] == [("2025 开幕式", "2025-11-07")]
    assert select(store, f"SELECT ?l WHERE {{ <{rows[0]['speaker']}> skos:prefLabel ?l }}")[0]["l"] == "吴泳铭"
    ceremonies = select(store, """SELECT DISTINCT ?e WHERE { ?e a wic:Ceremony ; wic:partOf/wic:year 2025 }""")
    assert len(ceremonies) == 1


def test_event_labels_carry_their_year_where_the_name_alone_is_ambiguous(store):
    labels = {r["l"] for r in select(store, "SELECT ?l WHERE { ?e a wic:Ceremony ; skos:prefLabel ?l }")}
    assert {"2015 开幕式", "2024 开幕式", "2025 开幕式", "2025 opening ceremony"} <= labels and "开幕式" not in labels
    assert {r["l"] for r in select(store, "SELECT ?l WHERE { ?e a wic:Forum ; skos:prefLabel ?l }")} >= {"主论坛"}
    assert _nodes(store, "开幕式") == {r["e"] for r in select(store, "SELECT ?e WHERE { ?e a wic:Ceremony }")}


def test_a_head_of_states_post_is_the_vocabularys_guo_jia_zhu_xi(store):
    rows = select(store, """SELECT ?role WHERE { ?p wic:person/skos:prefLabel "习近平"@zh ; wic:role ?r .
                                                 ?r skos:prefLabel ?role FILTER(LANG(?role) = "zh") }""")
    assert [r["role"] for r in rows] == ["国家主席"]


def test_positions_carry_the_years_their_articles_attest_them(store):
    rows = select(store, """SELECT ?person ?year WHERE { ?p a wic:Position ; wic:attestedYear ?year ;
                              wic:person/skos:prefLabel ?person FILTER(LANG(?person) = "zh") }""")
    years = {r["person"]: r["year"] for r in rows}
    assert years["雷军"] == "2024" and years["吴泳铭"] == "2025"  # 003 reports the 2024 summit, 001 the 2025 one


def test_a_dated_article_attests_its_positions_on_its_date(tmp_path):
    """A web page's publication date is the article's date: its positions carry
    it, and its year, rather than the year of the summit it reports."""
    import pyoxigraph

    from kg import build

    from .conftest import ROOT

    out = tmp_path / "out"
    build(seeds=ROOT / "tests" / "pages" / "html", curated=None, out=out, cache=None)
    store = pyoxigraph.Store()
    store.load(path=str(out / "kg.nt"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    rows = select(store, """SELECT ?doc ?issued ?date ?year WHERE {
        ?p a wic:Position ; wic:attestedDate ?date ; wic:attestedYear ?year ; prov:wasDerivedFrom/wic:document ?d .
        ?d dcterms:identifier ?doc ; dcterms:issued ?issued }""")
    assert len({r["doc"] for r in rows}) >= 3
    assert all(r["date"] == r["issued"] and r["year"] == r["date"][:4] for r in rows)


def _holds(doc: str, person: str, lang: str = "zh", org: str = "青石数据有限公司", role: str = "董事长"):
    """A statement that `person` holds `role` in `org`, from document `doc`."""
    from kg.models import Evidence, HoldsRole

    quote = f"{org}{role}{person}"
    return HoldsRole(lang=lang, person=person, role=role, org=org,
                     evidence=Evidence(doc_id=doc, start=0, end=len(quote), quote=quote, extractor="test",
                                       confidence=0.9))


def _resolved(resolution) -> tuple[dict, dict]:
    """A resolution as plain data, slugs and evidence included."""
    return ({key: entity.model_dump() for key, entity in resolution.entities.items()},
            {key: (claim.kind, claim.entities, claim.values, claim.evidence) for key, claim in resolution.claims.items()})


def _source_statements(seeds) -> dict[str, list]:
    """The statements of a folder of articles, by source."""
    from kg.pipeline import extract_all
    from kg.resolve import _source

    by_source: dict[str, list] = {}
    for statement in extract_all(sorted(seeds.iterdir())).statements:
        by_source.setdefault(_source(statement), []).append(statement)
    return by_source


def _alias_table():
    from kg.curated import load_aliases

    return load_aliases(ROOT / "ontology" / "aliases.yaml")


def test_resolving_again_what_sources_changed_gives_what_resolving_everything_gives(tmp_path):
    """Sources taken out and put in, in any order, through the kept state's pickle: every step
    gives the resolution of the sources now in, resolved from scratch."""
    import pickle
    import random
    import sys

    from kg.resolve import ResolutionState, resolve

    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import write_corpus

    write_corpus(tmp_path / "seeds", 60)
    by_source = _source_statements(tmp_path / "seeds")
    # Transliterations to link and unlink: an English name, two Chinese names that read the same.
    by_source.update({"lin-en.txt": [_holds("lin-en.txt", "Lin Zhenyu", "en", "Qingshi Data")],
                      "lin-a.txt": [_holds("lin-a.txt", "林振宇")], "lin-b.txt": [_holds("lin-b.txt", "林震宇")]})
    names, aliases, rng = sorted(by_source), _alias_table(), random.Random(5)
    state = ResolutionState(aliases)
    present: set[str] = set()
    steps = [([], ["lin-en.txt"]), ([], ["lin-b.txt"]), ([], ["lin-a.txt"]), (["lin-a.txt"], []),
             (["lin-b.txt"], ["lin-b.txt"])]
    for _ in range(5):
        steps.append((rng.sample(sorted(present | set(names[:30])), 6), rng.sample(names, 8)))
    for removed, added in steps:
        removed = [name for name in removed if name in present]
        state = pickle.loads(pickle.dumps(state)).attach(aliases)
        result = state.update(removed, {name: state.unit(by_source[name]) for name in added})
        present = (present - set(removed)) | set(added)
        assert _resolved(result) == _resolved(resolve([s for name in present for s in by_source[name]], aliases))


def test_an_english_spelling_joins_the_chinese_name_whose_key_sorts_first_and_leaves_it_with_its_source():
    from kg.resolve import ResolutionState

    state = ResolutionState(_alias_table())

    def person_of_english_name(added: dict, removed: list) -> str:
        result = state.update(removed, {name: state.unit(found) for name, found in added.items()})
        claim = next(c for c in result.claims.values() if c.evidence[0].doc_id == "en.txt")
        return result.entities[claim.entities["person"]].labels.get("zh", "")

    assert person_of_english_name({"en.txt": [_holds("en.txt", "Lin Zhenyu", "en", "Qingshi Data")]}, []) == ""
    assert person_of_english_name({"b.txt": [_holds("b.txt", "林震宇")]}, []) == "林震宇"
    assert person_of_english_name({"a.txt": [_holds("a.txt", "林振宇")]}, []) == "林振宇"  # 振 sorts before 震
    assert person_of_english_name({}, ["a.txt"]) == "林震宇"
    assert person_of_english_name({}, ["b.txt"]) == ""


def test_an_event_any_source_names_as_a_ceremony_is_one_in_whatever_order_they_come():
    from kg.models import Evidence, SpeaksAt
    from kg.resolve import resolve

    def speaks(doc: str, event: str) -> SpeaksAt:
        return SpeaksAt(lang="zh", person="欧阳明远", event=event, summit=2031,
                        evidence=Evidence(doc_id=doc, start=0, end=len(event), quote=event, extractor="test",
                                          confidence=0.9))

    statements = [speaks("a.txt", "颁奖典礼"), speaks("b.txt", "頒獎典禮"), speaks("c.txt", "星河论坛")]
    for order in (statements, statements[::-1]):
        kinds = {key: e.kind for key, e in resolve(order, _alias_table()).entities.items()
                 if e.kind in ("forum", "ceremony")}
        assert kinds == {"forum:2031:颁奖典礼": "ceremony", "forum:2031:星河论坛": "forum"}, kinds


def test_what_keying_finds_beside_a_key_follows_the_names_now_in_whatever_their_order():
    """A preferred label or a broader post belongs to the key, whichever of its names brought it in
    and whichever went: taking a source out leaves what resolving the rest from scratch gives."""
    from kg.models import Evidence, SpeaksAt
    from kg.resolve import ResolutionState, resolve

    def speaks(doc: str, event: str, lang: str = "zh") -> SpeaksAt:
        return SpeaksAt(lang=lang, person="欧阳明远", event=event, summit=2031,
                        evidence=Evidence(doc_id=doc, start=0, end=len(event), quote=event, extractor="test",
                                          confidence=0.9))

    aliases = _alias_table()
    first = [speaks("a.txt", "开幕式"), _holds("a.txt", "欧阳明远", role="全球资深副总裁")]
    second = [speaks("b.txt", "the Opening", "en"), _holds("b.txt", "欧阳明远", role="全球資深副總裁")]
    state = ResolutionState(aliases)
    state.update([], {"a.txt": state.unit(first), "b.txt": state.unit(second)})
    assert _resolved(state.update(["a.txt"], {})) == _resolved(resolve(second, aliases))
    spaced = [_holds("c.txt", "Anna Vik", "en", "Qingshi Data", "Global Senior Vice President")]
    run_together = [_holds("d.txt", "Anna Vik", "en", "Qingshi Data", "Global SeniorVice President")]
    state = ResolutionState(aliases)
    state.update([], {"d.txt": state.unit(run_together)})
    assert _resolved(state.update([], {"c.txt": state.unit(spaced)})) == _resolved(resolve(spaced + run_together,
                                                                                           aliases))


def test_a_curated_claim_citing_an_article_is_attested_in_the_articles_year_as_it_changes():
    from kg.models import Evidence, SpeaksAt
    from kg.resolve import CURATED_SOURCE, ResolutionState, resolve

    def speaks(year: int) -> SpeaksAt:
        return SpeaksAt(lang="zh", person="林振宇", event="星河论坛", summit=year,
                        evidence=Evidence(doc_id="d.txt", start=0, end=4, quote="星河论坛", extractor="test",
                                          confidence=0.9))

    curated = [_holds("d.txt", "欧阳明远").model_copy(update={"evidence": Evidence(
        doc_id="d.txt", start=0, end=4, quote="欧阳明远", extractor="curated", confidence=1.0)})]
    aliases = _alias_table()
    state = ResolutionState(aliases)
    state.update([], {CURATED_SOURCE: state.unit(curated), "d.txt": state.unit([speaks(2023)])})
    changed = state.update([], {"d.txt": state.unit([speaks(2024)])})
    assert _resolved(changed) == _resolved(resolve(curated + [speaks(2024)], aliases))
    assert [c.values["attested"] for c in changed.claims.values() if c.kind == "position"] == [{"d.txt": 2024}]


def test_a_resolution_handed_out_does_not_change_with_later_updates():
    from kg.resolve import ResolutionState

    state = ResolutionState(_alias_table())
    first = state.update([], {"a.txt": state.unit([_holds("a.txt", "欧阳明远", org="青石数据")]),
                              "b.txt": state.unit([_holds("b.txt", "Anna Vik", "en", "Qing Shi Shu Ju")])})
    before = _resolved(first)
    state.update(["b.txt"], {})
    assert _resolved(first) == before
