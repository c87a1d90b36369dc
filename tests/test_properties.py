"""Property tests: any Unicode name gives a valid, stable IRI, and any label
survives a Turtle/TriG round trip in rdflib and pyoxigraph."""

from __future__ import annotations

import re

import pyoxigraph
import rdflib
import rdflib.compare
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import RDF, Literal, URIRef
from rdflib.namespace import SKOS

from kg.iri import DEFAULT_BASE, check_iri, slug
from kg.vocab import WIC
from kg.quads import NamedGraphs, iri, literal, term
from kg.write import serialise

names = st.text(min_size=0, max_size=40)


@given(names)
def test_any_name_gives_a_valid_stable_iri(name):
    first = slug(name)
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", first)
    assert slug(name) == first
    assert check_iri(f"{DEFAULT_BASE}person/{first}")


@settings(max_examples=60, deadline=None)
@given(st.lists(names, min_size=1, max_size=5))
def test_labels_round_trip_through_turtle_and_trig(labels):
    named = NamedGraphs(prefixes={"wic": str(WIC._NS), "skos": str(SKOS)})
    graph = named.graph(iri(DEFAULT_BASE + "graph/test"))
    expected = rdflib.Graph()
    for i, label in enumerate(labels):
        node = f"{DEFAULT_BASE}person/{slug(label)}-{i}"
        for p, o, written in ((RDF.type, WIC.Person, term(WIC.Person)),
                              (SKOS.prefLabel, Literal(label, lang="zh"), literal(label, lang="zh")),
                              (WIC.quote, Literal(label), literal(label))):
            expected.add((URIRef(node), p, o))
            graph.add((iri(node), term(p), written))
    files = {name: "".join(chunks) for name, chunks in serialise(named)}
    parsed = rdflib.Graph().parse(data=files["kg.ttl"], format="turtle")
    assert rdflib.compare.isomorphic(parsed, expected)
    store = pyoxigraph.Store()
    store.load(files["kg.ttl"].encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(expected)
    quads = pyoxigraph.Store()
    quads.load(files["kg.trig"].encode("utf-8"), format=pyoxigraph.RdfFormat.TRIG)
    assert len(quads) == len(expected)
    values = {str(o) for o in parsed.objects(None, WIC.quote)}
    assert values == set(labels)
    jsonld = pyoxigraph.Store()
    jsonld.load(files["kg.jsonld"].encode("utf-8"), format=pyoxigraph.RdfFormat.JSON_LD)
    ntriples = pyoxigraph.Store()
    ntriples.load(files["kg.nt"].encode("utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    assert {str(q.triple) for q in jsonld} == {str(q.triple) for q in ntriples} and len(ntriples) == len(expected)


def test_jsonld_refuses_an_iri_it_would_read_back_as_a_compact_iri():
    import pytest

    from kg.errors import KGError

    named = NamedGraphs(prefixes={"wic": str(WIC._NS)})
    named.graph(iri(DEFAULT_BASE + "graph/test")).add(("<wic:thing>", term(RDF.type), term(WIC.Person)))
    with pytest.raises(KGError, match="cannot write <wic:thing> as JSON-LD: its scheme is the context prefix 'wic'"):
        {name: "".join(chunks) for name, chunks in serialise(named)}
