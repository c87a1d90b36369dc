"""Score relation tuples against a gold file under the rules of FORMAT.md:
normalised values, corpus-level duplicates counted once, one-to-one matching."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel

from .errors import EvaluationError

__all__ = ["Score", "Evaluation", "evaluate", "read_tuples", "normalise_value"]

FIELDS = {
    "holds_role": ("person", "role", "org"),
    "speaks_at": ("person", "event", "summit"),
    "summit_theme": ("summit", "theme"),
    "summit_held": ("summit", "start", "end", "place"),
    "award_project": ("award", "year", "project", "org"),
    "publishes": ("work", "publisher", "year"),
}
_MARKS = re.compile("[“”\"'‘’《》〈〉「」『』]")
_DOTS = re.compile("[•‧・･]")
_SPACE = re.compile(r"\s+")


def normalise_value(value) -> str | None:
    return None if value is None else _normalise_text(str(value))


@lru_cache(maxsize=1 << 16)  # resolution and export normalise the same few thousand names again and again
def _normalise_text(text: str) -> str:
    from .ingest import to_simplified

    text = unicodedata.normalize("NFKC", text)
    text = to_simplified(text)
    text = _SPACE.sub("", text)
    text = _MARKS.sub("", text)
    text = _DOTS.sub("·", text)
    return text.lower()


class Score(BaseModel):
    relation: str
    gold: int
    predicted: int
    matched: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


class Evaluation(BaseModel):
    scores: list[Score]
    micro: Score
    missed: list[dict]
    wrong: list[dict]

    def as_json(self) -> dict:
        row = lambda s: {"relation": s.relation, "gold": s.gold, "predicted": s.predicted, "matched": s.matched,
                         "precision": round(s.precision, 4), "recall": round(s.recall, 4), "f1": round(s.f1, 4)}
        return {"relations": [row(s) for s in self.scores], "micro": row(self.micro),
                "missed": self.missed, "wrong": self.wrong}


def read_tuples(path: Path) -> list[dict]:
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"{path}: cannot be read: {exc}")
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvaluationError(f"{path}:{number}: not JSON: {exc.msg}")
        if not isinstance(row, dict):
            raise EvaluationError(f"{path}:{number}: not a JSON object (a tuple is {{\"rel\": ..., ...}})")
        if row.get("rel") not in FIELDS:
            raise EvaluationError(f"{path}:{number}: unknown rel {row.get('rel')!r}")
        missing = [f for f in FIELDS[row["rel"]] if f not in row]
        if missing:
            raise EvaluationError(f"{path}:{number}: {row['rel']} lacks field(s) {', '.join(missing)}")
        rows.append(row)
    return rows


def _key(row: dict) -> tuple:
    return (row["rel"],) + tuple(normalise_value(row[f]) for f in FIELDS[row["rel"]])


def _alternatives(row: dict) -> tuple:
    options = []
    for field in FIELDS[row["rel"]]:
        value = row[field]
        if value is None:
            options.append({None})
        elif isinstance(value, str):
            options.append({None if a == "null" else normalise_value(a) for a in value.split("|")})
        else:
            options.append({normalise_value(value)})
    return tuple(options)


def _matches(predicted: tuple, gold: tuple) -> bool:
    return all(value in options for value, options in zip(predicted[1:], gold))


def _max_matching(candidates: dict[int, list[int]]) -> dict[int, int]:
    """Maximum bipartite matching (Kuhn): predicted index → gold index."""
    owner: dict[int, int] = {}

    def assign(p: int, seen: set[int]) -> bool:
        for g in candidates[p]:
            if g in seen:
                continue
            seen.add(g)
            if g not in owner or assign(owner[g], seen):
                owner[g] = p
                return True
        return False

    for p in candidates:
        assign(p, set())
    return {p: g for g, p in owner.items()}


def evaluate(predicted: list[dict], gold: list[dict]) -> Evaluation:
    unique_pred = {}
    for row in predicted:
        unique_pred.setdefault(_key(row), row)
    unique_gold = {}
    for row in gold:
        # the same alternatives written in another order are the same gold line (a set's repr depends on the hash seed)
        unique_gold.setdefault((row["rel"], tuple(map(frozenset, _alternatives(row)))), row)
    gold_rows = list(unique_gold.values())
    gold_alts = [_alternatives(r) for r in gold_rows]
    pred_keys = list(unique_pred)
    candidates = {
        i: [j for j, g in enumerate(gold_rows) if g["rel"] == key[0] and _matches(key, gold_alts[j])]
        for i, key in enumerate(pred_keys)
    }
    matching = _max_matching(candidates)
    counts = defaultdict(lambda: [0, 0, 0])
    for row in gold_rows:
        counts[row["rel"]][0] += 1
    for i, key in enumerate(pred_keys):
        counts[key[0]][1] += 1
        if i in matching:
            counts[key[0]][2] += 1
    scores = [Score(relation=rel, gold=c[0], predicted=c[1], matched=c[2])
              for rel, c in sorted(counts.items(), key=lambda kv: list(FIELDS).index(kv[0]))]
    micro = Score(relation="micro", gold=sum(s.gold for s in scores), predicted=sum(s.predicted for s in scores),
                  matched=sum(s.matched for s in scores))
    matched_gold = set(matching.values())
    missed = [gold_rows[j] for j in range(len(gold_rows)) if j not in matched_gold]
    wrong = [unique_pred[pred_keys[i]] for i in range(len(pred_keys)) if i not in matching]
    return Evaluation(scores=scores, micro=micro, missed=missed, wrong=wrong)
