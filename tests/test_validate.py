"""SHACL validation: the SPARQL-compiled shapes against pySHACL as the oracle.

Each case breaks the seed graph one way; both validators must report the same
set of (focus node, constraint component, path) results, and at least one.
Values and the number of results per focus node are not compared.
"""

from __future__ import annotations

import re

import pyshacl
import pytest
import rdflib
from rdflib import RDF, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS, SH, SKOS

from kg.errors import ShapesError
from kg.paths import ontology_dir
from kg.validate import compile_shapes, validate
from kg.vocab import WIC

from .conftest import store_of


def _first(graph, cls):
    return sorted(graph.subjects(RDF.type, cls))[0]


def _set_label_plain(g):
    person = _first(g, WIC.Person)
    g.add((person, SKOS.prefLabel, Literal("no language")))


def _two_chinese_labels(g):
    g.add((_first(g, WIC.Person), SKOS.prefLabel, Literal("另一个名字", lang="zh")))


def _no_labels(g):
    g.remove((_first(g, WIC.Organization), SKOS.prefLabel, None))


def _position_without_person(g):
    g.remove((_first(g, WIC.Position), WIC.person, None))


def _position_person_is_an_organisation(g):
    g.set((_first(g, WIC.Position), WIC.person, _first(g, WIC.Organization)))


def _position_with_two_roles(g):
    g.add((_first(g, WIC.Position), WIC.role, URIRef("https://w3id.org/wuzhen-kg/role/another")))


def _summit_year_not_a_number(g):
    g.set((_first(g, WIC.Summit), WIC.year, Literal("abc", datatype=XSD.integer)))


def _summit_year_too_early(g):
    g.set((_first(g, WIC.Summit), WIC.year, Literal(1999)))


def _summit_year_too_late(g):
    g.set((_first(g, WIC.Summit), WIC.year, Literal(2200)))


def _summit_date_impossible(g):
    g.set((_first(g, WIC.Summit), WIC.startDate, Literal("2019-02-30", datatype=XSD.date)))


def _document_language_unknown(g):
    g.set((_first(g, WIC.Document), DCTERMS.language, Literal("fr")))


def _document_hash_not_hex(g):
    g.set((_first(g, WIC.Document), WIC.sha256, Literal("XYZ")))


def _confidence_above_one(g):
    g.set((_first(g, WIC.Evidence), WIC.confidence, Literal("1.5", datatype=XSD.decimal)))


def _confidence_as_text(g):
    g.set((_first(g, WIC.Evidence), WIC.confidence, Literal("high")))


def _evidence_span_half_gone(g):
    g.remove((_first(g, WIC.Evidence), WIC.quote, None))


def _evidence_without_span_or_note(g):
    evidence = _first(g, WIC.Evidence)
    for p in (WIC.start, WIC.end, WIC.quote, WIC.note):
        g.remove((evidence, p, None))


def _evidence_ends_before_it_starts(g):
    g.set((_first(g, WIC.Evidence), WIC.end, Literal(0)))


def _appearance_at_a_person(g):
    appearance = _first(g, WIC.Appearance)
    g.set((appearance, WIC.event, _first(g, WIC.Person)))


def _forum_outside_any_summit(g):
    g.remove((_first(g, WIC.Forum), WIC.partOf, None))


def _conflict_with_one_claim(g):
    conflict = _first(g, WIC.Conflict)
    claims = sorted(g.objects(conflict, WIC.claim))
    for claim in claims[1:]:
        g.remove((conflict, WIC.claim, claim))


def _claim_without_evidence(g):
    g.remove((_first(g, WIC.Publication), URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), None))


BREAKAGES = [_set_label_plain, _two_chinese_labels, _no_labels, _position_without_person,
             _position_person_is_an_organisation, _position_with_two_roles, _summit_year_not_a_number,
             _summit_year_too_early, _summit_year_too_late, _summit_date_impossible, _document_language_unknown,
             _document_hash_not_hex, _confidence_above_one, _confidence_as_text, _evidence_span_half_gone,
             _evidence_without_span_or_note, _evidence_ends_before_it_starts, _appearance_at_a_person,
             _forum_outside_any_summit, _conflict_with_one_claim, _claim_without_evidence]


@pytest.fixture(scope="module")
def seed_graph(built):
    return rdflib.Graph().parse(built / "kg.nt", format="nt")


@pytest.fixture(scope="module")
def shapes():
    return rdflib.Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")


def _pyshacl_results(graph, shapes) -> set[tuple]:
    _, results, _ = pyshacl.validate(graph, shacl_graph=shapes, inference="none", allow_warnings=True)
    found = set()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        component = str(results.value(result, SH.sourceConstraintComponent)).rsplit("#", 1)[1]
        path = results.value(result, SH.resultPath)
        found.add((str(results.value(result, SH.focusNode)), component, str(path) if path is not None else None))
    return found


def _our_results(graph) -> set[tuple]:
    report = validate(store_of(graph.serialize(format="nt")))
    assert report.conforms == (report.violations == 0 == len(report.results))
    expand = rdflib.Graph().parse(ontology_dir() / "shapes.ttl").namespace_manager.expand_curie
    return {(r.focus, r.component, str(expand(r.path)) if r.path else None) for r in report.results}


def test_the_seed_graph_conforms_for_both(seed_graph, shapes):
    assert _pyshacl_results(seed_graph, shapes) == set() == _our_results(seed_graph)


@pytest.mark.parametrize("breakage", BREAKAGES, ids=lambda f: f.__name__.strip("_"))
def test_same_violations_as_pyshacl(seed_graph, shapes, breakage):
    graph = rdflib.Graph()
    for triple in seed_graph:
        graph.add(triple)
    breakage(graph)
    expected = _pyshacl_results(graph, shapes)
    assert expected, "the breakage should break a shape"
    assert _our_results(graph) == expected


def test_every_constraint_component_in_the_shapes_is_exercised(seed_graph):
    """Guards the battery above: a component no breakage reaches is untested."""
    seen = set()
    for breakage in BREAKAGES:
        graph = rdflib.Graph()
        for triple in seed_graph:
            graph.add(triple)
        breakage(graph)
        seen |= {component for _, component, _ in _our_results(graph)}
    assert {check.component for check in compile_shapes()} <= seen


_HEAD = "@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix ex: <https://example.org/> .\n" \
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"


@pytest.mark.parametrize("shape,message", [
    ("ex:S a sh:NodeShape ; sh:targetClass ex:Thing ; sh:closed true .",
     "ex:S uses sh:closed, which kg.validate does not implement"),
    ("ex:S a sh:NodeShape ; sh:targetNode ex:thing ; sh:class ex:Thing .",
     "ex:S uses sh:targetNode, which kg.validate does not implement"),
    ("ex:S a sh:NodeShape, rdfs:Class ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .",
     "ex:S is also a class (an implicit class target)"),
    ("ex:S a sh:PropertyShape ; sh:targetClass ex:Thing ; sh:path ex:p ; sh:minCount 1 .",
     "ex:S is a property shape with a target"),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:Thing ; sh:property [ sh:path ex:p ; sh:class ex:A, ex:B ] .",
     "the ex:p property shape of ex:S has 2 values of sh:class"),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:Thing ; sh:property [ sh:path ex:p ; sh:datatype xsd:anyURI ] .",
     "the ex:p property shape of ex:S uses sh:datatype xsd:anyURI"),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:Thing ; sh:property [ sh:path ex:p ; "
     "sh:property [ sh:path ex:q ; sh:minCount 1 ] ] .",
     "the ex:p property shape of ex:S nests sh:property"),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:Thing ; sh:property [ sh:path [ sh:inversePath ex:p ] ; sh:minCount 1 ] .",
     "the (complex path) property shape of ex:S has a sh:path that is not a single predicate"),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:Thing ; sh:or ( [ sh:path ex:p ; sh:minCount 2 ] ) .",
     "a member of sh:or in ex:S is a property shape other than [ sh:path P ; sh:minCount 1 ]"),
])
def test_an_unsupported_shape_feature_is_refused_by_name(tmp_path, shape, message):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(_HEAD + shape, encoding="utf-8")
    with pytest.raises(ShapesError, match=re.escape(f"shapes.ttl: {message}")):
        compile_shapes(shapes)


def test_empty_lists_compile_to_what_shacl_says(tmp_path):
    """An empty sh:in admits no value; an empty member shape of sh:or admits every node."""
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(_HEAD + "ex:S a sh:NodeShape ; sh:targetClass ex:Thing ; "
                      "sh:property [ sh:path ex:p ; sh:in ( ) ] ; sh:or ( [ ] ) .", encoding="utf-8")
    store = store_of("<https://example.org/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
                                "<https://example.org/Thing> .\n<https://example.org/a> <https://example.org/p> \"x\" .\n")
    report = validate(store, compile_shapes(shapes))
    assert [(r.focus, r.component) for r in report.results] == [("https://example.org/a", "InConstraintComponent")]


def test_counts_above_one_agree_with_pyshacl(tmp_path):
    """The shapes file only says "at most one" and "at least one"; other
    counts compile to grouping queries, checked here on a graph made for them."""
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(_HEAD + "ex:S a sh:NodeShape ; sh:targetClass ex:Thing ; "
                      "sh:property [ sh:path ex:p ; sh:minCount 2 ; sh:maxCount 2 ] .", encoding="utf-8")
    values = {"none": 0, "one": 1, "two": 2, "three": 3}
    data = "".join(f"<https://example.org/{name}> a <https://example.org/Thing> .\n" +
                   "".join(f'<https://example.org/{name}> <https://example.org/p> "{i}" .\n' for i in range(count))
                   for name, count in values.items())
    graph = rdflib.Graph().parse(data=data, format="turtle")
    _, results, _ = pyshacl.validate(graph, shacl_graph=rdflib.Graph().parse(shapes), inference="none")
    expected = {(str(results.value(r, SH.focusNode)), str(results.value(r, SH.sourceConstraintComponent)).rsplit("#")[1])
                for r in results.subjects(RDF.type, SH.ValidationResult)}
    report = validate(store_of(graph.serialize(format="nt")), compile_shapes(shapes))
    assert {(r.focus, r.component) for r in report.results} == expected == {
        ("https://example.org/none", "MinCountConstraintComponent"),
        ("https://example.org/one", "MinCountConstraintComponent"),
        ("https://example.org/three", "MaxCountConstraintComponent")}
