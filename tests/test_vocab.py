"""`kg.vocab.WIC` and `ontology/wic.ttl` declare the same terms."""

from pathlib import Path

from rdflib import OWL, RDF, Graph, URIRef

from kg.vocab import WIC

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology" / "wic.ttl"


def test_closed_namespace_and_ontology_declare_the_same_terms():
    graph = Graph().parse(ONTOLOGY)
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    declared = {s for kind in kinds for s in graph.subjects(RDF.type, kind)
                if isinstance(s, URIRef) and s.startswith(str(WIC._NS))}
    in_code = {WIC[name] for name in WIC.__annotations__}
    assert declared == in_code, (sorted(declared - in_code), sorted(in_code - declared))


def test_the_plain_namespace_strings_are_rdflibs():
    # kg.namespaces spells them out so that `kg query` need not import rdflib.
    from rdflib.namespace import DCTERMS, OWL, PROV, RDFS, SKOS, XSD

    from kg.namespaces import QUERY_PREFIXES

    assert {p: QUERY_PREFIXES[p] for p in ("dcterms", "owl", "prov", "rdf", "rdfs", "skos", "xsd")} == {
        "dcterms": str(DCTERMS), "owl": str(OWL), "prov": str(PROV), "rdf": str(RDF), "rdfs": str(RDFS),
        "skos": str(SKOS), "xsd": str(XSD)}
