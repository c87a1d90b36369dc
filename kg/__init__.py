"""Wuzhen KG: a knowledge-graph builder for World Internet Conference news.

The library is what the ``kg`` command calls::

    from kg import build, evaluate_folder, query, to_networkx
    result = build()                      # seeds/ + ontology/curated/ -> out/
    graph = to_networkx()                 # out/kg.nt as a networkx MultiDiGraph

Importing ``kg`` is cheap: stages load their dependencies when first used.
"""

from __future__ import annotations

__all__ = ["build", "evaluate_folder", "query", "to_networkx", "KGError"]

from .errors import KGError


def __getattr__(name: str):
    if name == "build":
        from .pipeline import build

        return build
    if name == "evaluate_folder":
        from .api import evaluate_folder

        return evaluate_folder
    if name == "query":
        from .sparql import query

        return query
    if name == "to_networkx":
        from .network import to_networkx

        return to_networkx
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
