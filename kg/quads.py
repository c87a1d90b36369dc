"""`NamedGraphs`: the assembled graph as sets of triples per named graph, every
term already in its N-Triples form.

Terms are plain strings from the start: rdflib terms hash and compare in
Python and are one object per occurrence, strings hash and compare in C and
a builder can share one object per distinct term. Sorting and grouping
millions of triples, which is most of writing them, then runs in C too.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import groupby
from operator import itemgetter

__all__ = ["NamedGraphs", "Block", "blocks_of", "iri", "literal", "term", "Namespace"]

XSD = "http://www.w3.org/2001/XMLSchema#"
Block = tuple[str, list[tuple[str, str, str]]]  # a subject and its triples
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')


def quote(text: str) -> str:
    """A string literal valid in N-Triples and Turtle: control characters
    become \\uXXXX so no parser or line-based tool trips over them."""
    return '"' + _NEEDS_ESCAPE.sub(lambda m: _ESCAPES.get(m.group(), f"\\u{ord(m.group()):04X}"), text) + '"'


def iri(text: str) -> str:
    return f"<{text}>"


def literal(value: str | int | Decimal | dt.date, lang: str | None = None, datatype: str | None = None) -> str:
    """A literal's N-Triples text, with the lexical form and datatype rdflib
    gives the same Python value: ints are xsd:integer, dates ISO dates."""
    if isinstance(value, (bool, float)):
        raise TypeError(f"{value!r}: give an int, a Decimal, a date or a string")
    if isinstance(value, int):
        value, datatype = str(value), datatype or XSD + "integer"
    elif isinstance(value, (Decimal, dt.date)):
        # positional notation: xsd:decimal has no exponent ("1E-7" is not one)
        value = value.isoformat() if isinstance(value, dt.date) else format(value, "f")
        if datatype is None:
            raise TypeError(f"{value!r}: give the datatype")
    if lang:
        return f"{quote(value)}@{lang}"
    if datatype and datatype != XSD + "string":
        return f"{quote(value)}^^<{datatype}>"
    return quote(value)


def term(node) -> str:
    """The N-Triples text of an rdflib term (for graphs read with rdflib)."""
    from rdflib import Literal, URIRef

    if isinstance(node, URIRef):
        return iri(str(node))
    if isinstance(node, Literal):
        return literal(str(node), node.language, str(node.datatype) if node.datatype is not None else None)
    raise ValueError(f"cannot write {node!r}: the graph has no blank nodes by design")


class Namespace:
    """N-Triples IRIs of a namespace's terms: `Namespace(WIC).year` is
    "<…#year>". Attribute access goes through the wrapped namespace, so a
    closed one (an rdflib DefinedNamespace) still rejects a misspelt term."""

    def __init__(self, namespace) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        term = getattr(self._namespace, name)
        if not isinstance(term, str):  # an open namespace is a str: SDO.count is str.count, not a term
            raise AttributeError(f"{name!r} is not a term of {self._namespace}; use namespace[{name!r}]")
        text = iri(str(term))
        setattr(self, name, text)
        return text


@dataclass
class NamedGraphs:
    graphs: dict[str, set[tuple[str, str, str]]] = field(default_factory=dict)  # graph name (N-Triples IRI) → triples
    prefixes: dict[str, str] = field(default_factory=dict)  # prefix → namespace, for the writers
    consumed: bool = False  # pop_blocks has emptied the graphs into subject groups

    def graph(self, name: str) -> set[tuple[str, str, str]]:
        """The triples of one named graph (created empty on first use)."""
        return self.graphs.setdefault(name, set())

    def check_unconsumed(self) -> None:
        if self.consumed:
            raise ValueError("these named graphs were already written and emptied; assemble them again")

    def pop_blocks(self) -> list[Block]:
        """Every triple once, grouped by subject, in N-Triples order (the
        order of their lines); the named graphs are emptied on the way, so
        the two forms never both hold the whole graph. Sorting the subjects
        and then each subject's few triples compares far less than sorting
        millions of triples."""
        self.check_unconsumed()
        self.consumed = True
        by_subject: dict[str, list] = {}
        for name in list(self.graphs):
            for triple in self.graphs.pop(name):
                triples = by_subject.get(triple[0])
                if triples is None:
                    by_subject[triple[0]] = [triple]
                else:
                    triples.append(triple)
        return [(subject, sorted(set(by_subject.pop(subject)))) for subject in sorted(by_subject)]


def blocks_of(triples) -> list[Block]:
    """The blocks of triples already sorted."""
    return [(subject, list(group)) for subject, group in groupby(triples, itemgetter(0))]
