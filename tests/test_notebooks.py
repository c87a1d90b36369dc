"""The graph in networkx, Gephi's GEXF, GraphML and pandas."""

from __future__ import annotations

import datetime as dt
import io

import networkx as nx
import pytest

from kg import to_networkx
from kg.network import write_graph


@pytest.fixture(scope="module")
def graph(built):
    return to_networkx(built / "kg.nt")


def test_entities_and_direct_relations_with_their_attributes(graph):
    assert isinstance(graph, nx.MultiDiGraph)
    summit = graph.nodes["https://w3id.org/wuzhen-kg/id/summit/2025"]
    assert summit["class"] == "Summit" and summit["first_year"] == summit["last_year"] == 2025
    assert summit["label_zh"] == "2025年世界互联网大会乌镇峰会" and summit["label_en"].startswith("2025 World Internet")
    assert all(data["class"] and data["label"] for _, data in graph.nodes(data=True))
    by_predicate = {}
    for s, o, key, data in graph.edges(keys=True, data=True):
        by_predicate.setdefault(data["predicate"], []).append((s, o, key, data))
    assert {"memberOf", "spokeAt", "wonAward", "developedBy", "publisher", "partOf", "inSeries"} <= set(by_predicate)
    roles = {(graph.nodes[s]["label"], d["role"], d.get("role_zh"), graph.nodes[o]["label"])
             for s, o, _, d in by_predicate["memberOf"]}
    assert ("郭凯天", "Senior Vice President", "高级副总裁", "腾讯") in roles
    spoke = {(graph.nodes[s]["label"], d["year"]) for s, _, _, d in by_predicate["spokeAt"]}
    assert ("习近平", 2015) in spoke
    claimed = {"memberOf", "spokeAt", "wonAward", "developedBy", "publisher"}  # each drawn from a claim
    assert all(d["evidence"] >= 1 for _, _, d in graph.edges(data=True) if d["predicate"] in claimed)
    assert {d["evidence"] for _, _, d in graph.edges(data=True) if d["predicate"] == "inSeries"} == {0}
    held = [d for s, _, d in graph.edges(data=True) if d["predicate"] == "place" and s.endswith("/summit/2025")]
    assert len(held) == 1 and held[0]["year"] == 2025 and held[0]["evidence"] >= 2  # the schedules behind it
    xi = next(n for n, d in graph.nodes(data=True) if d["label"] == "习近平")
    assert graph.nodes[xi]["first_year"] == 2015


def test_a_person_with_two_roles_in_one_organisation_has_two_edges(graph):
    pairs = {}
    for s, o, key, data in graph.edges(keys=True, data=True):
        if data["predicate"] == "memberOf":
            pairs.setdefault((s, o), set()).add(data["role"])
    assert any(len(roles) > 1 for roles in pairs.values())


@pytest.mark.parametrize("fmt,read", [("gexf", nx.read_gexf), ("graphml", nx.read_graphml)])
def test_gephi_and_cytoscape_files_read_back_whole(built, graph, fmt, read):
    data = write_graph(graph, fmt)
    assert data == write_graph(to_networkx(built / "kg.nt"), fmt)  # the same graph gives the same bytes
    back = read(io.BytesIO(data))
    assert isinstance(back, nx.MultiDiGraph)
    assert (back.number_of_nodes(), back.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    summit = back.nodes["https://w3id.org/wuzhen-kg/id/summit/2024"]
    assert summit["class"] == "Summit" and summit["first_year"] == 2024  # integers stay integers


def test_kg_export_writes_gexf_that_networkx_opens(built, graph, tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app

    runs = [CliRunner().invoke(app, ["export", "--format", "gexf", "--out", str(built)]) for _ in range(2)]
    assert all(run.exit_code == 0 for run in runs), runs[0].output
    assert runs[0].stdout_bytes == runs[1].stdout_bytes  # no date of the day in the file
    path = tmp_path / "kg.gexf"
    path.write_bytes(runs[0].stdout_bytes)
    opened = nx.read_gexf(path)
    assert opened.number_of_nodes() == graph.number_of_nodes() > 50
    assert opened.number_of_edges() == graph.number_of_edges() > 50
    missing = CliRunner().invoke(app, ["export", "--format", "gexf", "--out", str(tmp_path / "none")])
    assert missing.exit_code == 2 and "not built yet" in missing.output and "Traceback" not in missing.output


def test_the_reports_igraph_figures_are_networkxs(built):
    """The report computes centrality and components with igraph; networkx gives the same on the seed graph."""
    from kg.report import network_figures
    from kg.sparql import load_store
    from kg.viz import graph_data

    data = graph_data(load_store(built / "kg.nt"))
    figures = network_figures(data)
    assert figures["sources"] is None  # small enough for exact betweenness
    simple = nx.Graph()
    simple.add_nodes_from(node["id"] for node in data["nodes"])
    simple.add_edges_from((edge["from"], edge["to"]) for edge in data["edges"])
    assert sorted(simple.nodes) == figures["ids"] and simple.number_of_edges() > 50
    degree = nx.degree_centrality(simple)
    betweenness = nx.betweenness_centrality(simple)
    for index, node in enumerate(figures["ids"]):
        assert figures["degree"][index] == pytest.approx(degree[node])
        assert figures["betweenness"][index] == pytest.approx(betweenness[node])
    components = sorted(sorted(figures["ids"][i] for i in c) for c in figures["components"])
    assert components == sorted(sorted(c) for c in nx.connected_components(simple))
    communities = [{figures["ids"][i] for i in c} for c in figures["communities"]]
    assert nx.community.modularity(simple, communities) == pytest.approx(
        figures["graph"].modularity([next(i for i, c in enumerate(figures["communities"]) if v in c)
                                     for v in range(len(figures["ids"]))]))


def test_query_rows_as_a_typed_dataframe(built):
    import pandas as pd

    from kg import query

    result = query("summits", data=built / "kg.nt")
    frame = result.to_dataframe()
    assert list(frame.columns) == result.variables
    assert str(frame["year"].dtype) == "Int64" and str(frame["ordinal"].dtype) == "Int64"
    assert pd.api.types.is_datetime64_any_dtype(frame["start"])
    assert str(frame["place"].dtype) == "string"
    row = frame.set_index("year").loc[2025]
    assert row["start"].date() == dt.date(2025, 11, 6) and row["ordinal"] == 12
    assert frame.set_index("year")["start"].isna()[2014]  # unbound: missing, and the column stays dates
    # round trip through CSV, the way notebooks pass tables on
    back = pd.read_csv(io.StringIO(frame.to_csv(index=False)), dtype={"year": "Int64", "ordinal": "Int64",
                                                                     "place": "string"},
                       parse_dates=["start", "end", "opening"])
    pd.testing.assert_frame_equal(back, frame, check_dtype=False)
    assert back["year"].tolist() == frame["year"].tolist() and back["start"].dt.date.tolist() == frame["start"].dt.date.tolist()
