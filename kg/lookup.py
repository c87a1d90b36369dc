"""Names a user typed that the graph does not know: the nearest ones it does.

`kg query` (a lookup by name that finds nothing, a misspelt canned query)
and `kg viz --focus` say what they could not find and suggest near names,
ranked by rapidfuzz's weighted ratio over lower-cased text, so that
"alibabba", "Lei Jn" or "peple" still lead somewhere.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["near_names", "suggestion"]


def near_names(wanted: str, names: Iterable[str], limit: int = 3, cutoff: float = 60) -> list[str]:
    """The `limit` names nearest to `wanted`, best first; one spelling per
    lower-cased form without spaces (Lin Zhenyu, not also lin zhenyu and linzhenyu)."""
    from rapidfuzz import fuzz, process, utils

    spellings: dict[str, str] = {}
    for name in sorted(set(names)):  # "Lin Zhenyu" sorts before "lin zhenyu" and is the one shown
        spellings.setdefault(name.lower().replace(" ", ""), name)
    found = process.extract(wanted, list(spellings.values()), scorer=fuzz.WRatio, processor=utils.default_process,
                            limit=limit, score_cutoff=cutoff)
    return [name for name, _score, _index in found]


def suggestion(wanted: str, names: Iterable[str]) -> str:
    """'; did you mean A, B or C?' for the near names, or '' when none is near."""
    near = [repr(name) for name in near_names(wanted, names)]
    if not near:
        return ""
    return "; did you mean " + (f"{', '.join(near[:-1])} or {near[-1]}" if len(near) > 1 else near[0]) + "?"
