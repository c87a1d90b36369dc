"""kg.quads: terms in N-Triples form as rdflib would write them, and named
graphs that the writers consume once."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import rdflib
from rdflib import XSD, Literal, URIRef

from kg.quads import NamedGraphs, Namespace, literal, term
from kg.vocab import SDO, WIC
from kg.write import serialise


@pytest.mark.parametrize("value, datatype", [
    (2019, None), (-3, None), (Decimal("0.9"), XSD.decimal), (Decimal(str(1e-7)), XSD.decimal),
    (Decimal("1E+2"), XSD.decimal), (dt.date(2019, 10, 20), XSD.date), ("2019-10-20", XSD.date),
])
def test_typed_literals_read_back_as_the_same_value(value, datatype):
    text = literal(value, datatype=str(datatype) if datatype else None)
    parsed = next(iter(rdflib.Graph().parse(data=f"<http://e/s> <http://e/p> {text} .", format="nt")))[2]
    assert parsed.eq(Literal(value, datatype=datatype)) and parsed.datatype == (datatype or XSD.integer)
    assert "E" not in text.split("^^")[0]  # xsd:decimal has no exponent


@pytest.mark.parametrize("text, lang", [("乌镇", "zh"), ('a "quoted"\\ line\nbreak\x07', None), ("Hello", "en-GB")])
def test_strings_read_back_as_the_same_literal(text, lang):
    written = literal(text, lang=lang)
    parsed = next(iter(rdflib.Graph().parse(data=f"<http://e/s> <http://e/p> {written} .", format="nt")))[2]
    assert parsed == Literal(text, lang=lang)
    assert term(Literal(text, lang=lang)) == written


@pytest.mark.parametrize("value", [True, 0.5])
def test_floats_and_booleans_are_refused(value):
    with pytest.raises(TypeError, match="give an int, a Decimal, a date or a string"):
        literal(value)


def test_a_closed_namespace_rejects_a_misspelt_term_and_an_open_one_a_str_method():
    assert Namespace(WIC).year == "<https://w3id.org/wuzhen-kg/ontology#year>"
    assert Namespace(SDO).publisher == "<https://schema.org/publisher>"
    with pytest.raises(AttributeError):
        Namespace(WIC).yaer
    with pytest.raises(AttributeError, match="'count' is not a term of https://schema.org/"):
        Namespace(SDO).count
    assert term(URIRef("http://e/x")) == "<http://e/x>"


def test_named_graphs_are_written_once():
    named = NamedGraphs()
    named.graph("<http://e/g>").add(("<http://e/s>", "<http://e/p>", literal("o")))
    files = {name: "".join(chunks) for name, chunks in serialise(named)}
    assert files["kg.nt"] == '<http://e/s> <http://e/p> "o" .\n'
    with pytest.raises(ValueError, match="already written and emptied"):
        {name: "".join(chunks) for name, chunks in serialise(named)}
