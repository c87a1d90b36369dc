"""`NamedGraphs`: the assembled graph as plain sets of triples per named graph.

The build only adds triples, tests membership and writes them out; rdflib's
Dataset indexed every add by context and spent more time doing so than any
other stage on large corpora. Terms are rdflib terms, so the writers and the
tests keep one vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef

__all__ = ["NamedGraphs"]


@dataclass
class NamedGraphs:
    graphs: dict[URIRef, set[tuple]] = field(default_factory=dict)
    prefixes: dict[str, str] = field(default_factory=dict)  # prefix → namespace, for the writers

    def graph(self, iri: URIRef) -> set[tuple]:
        """The triples of one named graph (created empty on first use)."""
        return self.graphs.setdefault(iri, set())
