"""Relation tuples (../shared/gold/FORMAT.md) read back from the built graph
with the SPARQL queries in ``ontology/queries/relations/``."""

from __future__ import annotations

import json

from .evaluate import FIELDS, normalise_value
from .paths import ontology_dir

__all__ = ["relation_tuples", "tuples_to_jsonl"]

_INTEGER_FIELDS = {"summit", "year"}


def _value(term, field: str):
    if term is None:
        return None
    text = term.value
    return int(text) if field in _INTEGER_FIELDS else text


def relation_tuples(store) -> list[dict]:
    """One tuple per fact and language, named with each entity's canonical
    label in that language; `doc` is the first document stating it."""
    by_fact: dict[tuple, dict] = {}
    for rel, fields in FIELDS.items():
        query = (ontology_dir() / "queries" / "relations" / f"{rel}.rq").read_text(encoding="utf-8")
        solutions = store.query(query)
        names = [v.value for v in solutions.variables]
        doc_at, lang_at, at = names.index("doc"), names.index("lang"), [(f, names.index(f)) for f in fields]
        for solution in solutions:
            terms = tuple(solution)  # in the order of the variables: faster than by name
            row = {"rel": rel, "doc": terms[doc_at].value}
            row.update({f: _value(terms[i], f) for f, i in at})
            key = (rel, terms[lang_at].value) + tuple(normalise_value(row[f]) for f in fields)
            if key not in by_fact or row["doc"] < by_fact[key]["doc"]:
                by_fact[key] = row
    return sorted(by_fact.values(), key=lambda r: json.dumps(r, ensure_ascii=False, sort_keys=True))


def tuples_to_jsonl(rows: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
