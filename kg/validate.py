"""SHACL validation of the assembled graph against ``ontology/shapes.ttl``."""

from __future__ import annotations

from pydantic import BaseModel

from .paths import ontology_dir

__all__ = ["ShaclReport", "validate"]


class ShaclReport(BaseModel):
    conforms: bool
    violations: int
    text: str


def validate(graph) -> ShaclReport:
    import pyshacl
    from rdflib import Graph

    shapes = Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")
    conforms, results_graph, text = pyshacl.validate(graph, shacl_graph=shapes, inference="none",
                                                     advanced=True, allow_warnings=True)
    from rdflib.namespace import SH

    violations = len(set(results_graph.subjects(predicate=SH.resultSeverity)))
    return ShaclReport(conforms=bool(conforms), violations=violations, text=text)
