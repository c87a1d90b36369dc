"""Lookups find what a user types: any name from ontology/aliases.yaml or the
curated data, in any case, Chinese people by pinyin; a miss says so and
suggests near names."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from kg import query
from kg.cli import app
from kg.lookup import near_names

from .conftest import select


def _kg(*args: str):
    return CliRunner().invoke(app, list(args))


def test_every_alias_and_curated_name_is_a_label_and_a_search_key(store):
    rows = select(store, """SELECT ?l WHERE { <https://w3id.org/wuzhen-kg/id/organization/alibaba-group>
                                               skos:altLabel ?l }""")
    assert {"Alibaba", "阿里巴巴集团", "阿里", "阿里巴巴集团控股有限公司"} <= {r["l"] for r in rows}
    keys = {r["k"] for r in select(store, """SELECT ?k WHERE {
        <https://w3id.org/wuzhen-kg/id/organization/world-internet-conference> wic:searchKey ?k }""")}
    assert {"WIC", "wic", "世界互联网大会国际组织", "world internet conference"} <= keys  # curated and table names
    keys = {r["k"] for r in select(store, "SELECT ?k WHERE { <https://w3id.org/wuzhen-kg/id/person/lei-jun> "
                                          "wic:searchKey ?k }")}
    assert {"雷军", "Lei Jun", "lei jun", "leijun"} <= keys


@pytest.mark.parametrize("name", ["Alibaba", "alibaba group", "ALIBABA", "阿里巴巴集团", "阿里巴巴"])
def test_organisation_is_found_by_any_of_its_names_in_any_case(built, name):
    rows = query("organisation", data=built / "kg.nt", params={"name": name}).rows
    assert [row[1:] for row in rows] == [["吴泳铭", "首席执行官", "zh"]]


@pytest.mark.parametrize("name,person", [("小米", "雷军"), ("WIC", "任贤良"), ("tencent", "郭凯天")])
def test_aliases_and_lower_case_names_find_their_people(built, name, person):
    assert person in {row[1] for row in query("organisation", data=built / "kg.nt", params={"name": name}).rows}


def test_evidence_finds_people_by_case_insensitive_name_and_pinyin(built):
    for name in ("xi jinping", "Lei Jun", "leijun"):
        assert query("evidence", data=built / "kg.nt", params={"name": name}).rows, name


def test_canned_queries_give_one_row_per_fact_in_the_requested_language(built):
    people = query("people", data=built / "kg.nt").rows
    assert ["习近平", "国家主席", "中国", "zh"] in people and not any(row[0] == "Xi Jinping" for row in people)
    assert len(people) == len({tuple(row) for row in people})
    english = query("people", data=built / "kg.nt", params={"lang": "en"}).rows
    assert ["Xi Jinping", "president", "China", "en"] in english  # the title as the English article writes it
    assert len(english) == len(people)
    speakers = query("speakers", data=built / "kg.nt").rows
    assert ["2025", "2025 开幕式", "吴泳铭", "zh"] in speakers and len(speakers) == 12
    awards = query("awards", data=built / "kg.nt", params={"lang": "en"}).rows
    assert ["2024", "世界互联网大会领先科技奖", "5G可编程网络", "Ericsson", "en"] in awards and len(awards) == 2
    works = query("publications", data=built / "kg.nt").rows
    assert ["", "全球数据安全倡议", "中国", "zh"] in [[v or "" for v in row] for row in works]


def test_history_lists_an_organisations_people_by_year(built):
    result = query("history", data=built / "kg.nt", params={"name": "阿里巴巴"})
    assert result.variables == ["year", "person", "role", "name", "lang"]
    assert result.rows == [["2025", "吴泳铭", "首席执行官", "阿里巴巴", "zh"]]
    daily = query("history", data=built / "kg.nt", params={"name": "people's daily", "lang": "en"}).rows
    assert len(daily) == 6 and {row[0] for row in daily} == {"2025"} and {row[2] for row in daily} == {"Journalist"}


def test_a_miss_says_so_on_stderr_with_near_names(built):
    missed = _kg("query", "organisation", "--param", "name=Alibabba", "--data", str(built / "kg.nt"), "--format", "csv")
    assert missed.exit_code == 0 and missed.stdout == "name,person,role,lang\n"
    assert missed.stderr == "nothing in the graph is named 'Alibabba'; did you mean 'Alibaba' or 'Alibaba Group'?\n"
    pinyin = _kg("query", "evidence", "--param", "name=lei jn", "--data", str(built / "kg.nt"))
    assert pinyin.stderr.startswith("nothing in the graph is named 'lei jn'; did you mean 'Lei Jun'")


def test_a_misspelt_canned_query_name_suggests_the_right_one(built):
    for typed, meant in (("peple", "people"), ("speaker", "speakers"), ("organization", "organisation")):
        result = _kg("query", typed, "--data", str(built / "kg.nt"))
        assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1
        assert f"no canned query named '{typed}'; did you mean '{meant}'" in result.output


def test_near_names_keep_one_spelling_of_each_name():
    assert near_names("lei jn", ["Lei Jun", "lei jun", "leijun", "Li Qiang", "雷军"]) == ["Lei Jun"]
    assert near_names("zzzz", ["Alibaba"]) == []
