"""Wuzhen KG: a knowledge-graph builder for World Internet Conference news.

The library is what the ``kg`` command calls::

    from kg import build, evaluate_folder, query
    result = build()                      # seeds/ + ontology/curated/ -> out/

Importing ``kg`` is cheap: stages load their dependencies when first used.
"""

from __future__ import annotations

__all__ = ["build", "evaluate_folder", "query", "KGError"]

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
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
