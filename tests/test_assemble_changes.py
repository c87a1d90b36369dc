"""What a build changes in the graph before it, assembled alone (`assemble_changes`), put into that
graph gives the graph assembled whole: the store updated with it before the files are written
holds what a clean build's holds."""

from __future__ import annotations

import datetime as dt
import random
import shutil
import sys
from pathlib import Path

from kg.assemble import WIC, RDF, Changes, assemble, assemble_changes
from kg.curated import curated_statements, load_curated, with_curated_names
from kg.iri import DEFAULT_BASE
from kg.models import Evidence, SummitHeld
from kg.paths import ontology_dir
from kg.pipeline import extract_all
from kg.resolve import CURATED_SOURCE, ResolutionState, _source

from .conftest import CURATED, ROOT, SEEDS
from .test_resolve import _alias_table, _holds

ROLES = ontology_dir() / "roles.ttl"


def _patched(graphs: dict[str, set], changes: Changes) -> dict[str, set]:
    """`graphs` with `changes` put in as the build's store writer puts them in (kg.graphstore)."""
    result = {name: set(triples) for name, triples in graphs.items()}
    result.update({name: set(triples) for name, triples in changes.graphs.items()})
    entities = result.setdefault(changes.entities, set())
    # Conflicts and the claims they name that the changes do not mention are gone.
    gone = {s for s, p, o in entities if p == WIC.statedIn or (p == RDF.type and o == WIC.Conflict)}
    replaced = changes.subjects.keys() | gone
    entities.difference_update({t for t in entities if t[0] in replaced})
    for triples in changes.subjects.values():
        entities.update(triples)
    return {name: triples for name, triples in result.items() if triples}


def _graphs(resolution, documents, curated) -> dict[str, set]:
    named = assemble(resolution, documents, DEFAULT_BASE, ROLES, curated).graphs.graphs
    return {name: triples for name, triples in named.items() if triples}


def test_the_changes_put_into_the_graph_before_give_the_graph_assembled_whole(tmp_path):
    """Articles added, changed and taken out in random steps, with transliterations linked and
    unlinked, slugs that clash, summits whose theme, dates and opening change, and curated facts
    citing articles: after every step, the graph before with the step's changes put in is the graph
    assembled from scratch."""
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import write_corpus

    seeds = tmp_path / "seeds"
    write_corpus(seeds, 40)
    for path in sorted(SEEDS.iterdir()):
        shutil.copy(path, seeds / path.name)
    extracted = extract_all(sorted(seeds.iterdir()))
    documents = {d.id: d for d in extracted.documents}
    by_source: dict[str, list] = {}
    for statement in extracted.statements:
        by_source.setdefault(_source(statement), []).append(statement)
    # An English name two Chinese names read as, and two people whose names make the same slug.
    by_source.update({"lin-en.txt": [_holds("lin-en.txt", "Lin Zhenyu", "en", "Qingshi Data")],
                      "lin-a.txt": [_holds("lin-a.txt", "林振宇")], "lin-b.txt": [_holds("lin-b.txt", "林震宇")]})
    # Two schedules of one summit in two places: adding support to the other changes the place chosen.
    for name, days, place in [("held-a1", (1, 3), "青石镇"), ("held-a2", (1, 3), "青石镇"),
                              *((f"held-b{n}", (5, 7), "白沙镇") for n in (1, 2, 3))]:
        by_source[name] = [SummitHeld(lang="zh", summit=2030, start=dt.date(2030, 11, days[0]),
                                      end=dt.date(2030, 11, days[1]), place=place,
                                      evidence=Evidence(doc_id=name, note="invented", extractor="test", confidence=0.9))]
    # A name written one way in one article and another way in two more: the preferred label changes,
    # and the first article's graph gets the name it wrote as an alias.
    by_source.update({"vik-1": [_holds("vik-1", "Anna Vik", "en", "Qingshi Data")],
                      **{name: [_holds(name, "ANNA VIK", "en", "Qingshi Data")] for name in ("vik-2", "vik-3")}})
    # Two articles whose names a slug cannot tell apart (twin_1.txt, twin-1.txt), each in its own graph: one changes.
    by_source.update({"twin_1.txt": [_holds("twin_1.txt", "欧阳明远")], "twin-1.txt": [_holds("twin-1.txt", "司马青")]})
    for name in ("lin-en.txt", "lin-a.txt", "lin-b.txt", "held-a1", "held-a2", "held-b1", "held-b2", "held-b3",
                 "vik-1", "vik-2", "vik-3", "twin_1.txt", "twin-1.txt"):
        documents[name] = next(iter(documents.values())).model_copy(update={"id": name, "path": name})
    curated = load_curated(CURATED)
    aliases = with_curated_names(_alias_table(), curated)
    names, rng = sorted(by_source), random.Random(11)
    state = ResolutionState(aliases)
    present: set[str] = set()
    steps = [(["*"], []), ([], ["lin-en.txt"]), ([], ["lin-b.txt"]), ([], ["lin-a.txt"]), (["lin-a.txt"], []),
             (["lin-b.txt"], ["lin-b.txt"]), ([], ["held-a1", "held-a2", "held-b1"]), ([], ["held-b2", "held-b3"]),
             ([], ["vik-1"]), ([], ["vik-2", "vik-3"]), ([], ["twin_1.txt", "twin-1.txt"]),
             (["twin-1.txt"], ["twin-1.txt", "edited"])]
    steps += [(rng.sample(names, 4), rng.sample(names, 3)) for _ in range(8)]
    before, documents_before, graphs = None, [], {}
    for removed, added in steps:
        if removed == ["*"]:
            removed, added = [], rng.sample(names, 30)
        if "edited" in added:  # the article is written again: other bytes, other statements
            added.remove("edited")
            by_source["twin-1.txt"] = [_holds("twin-1.txt", "司马青", role="总裁")]
            documents["twin-1.txt"] = documents["twin-1.txt"].model_copy(update={"sha256": "0" * 64})
        removed = [name for name in removed if name in present]
        present = (present - set(removed)) | set(added)
        now = [documents[name] for name in sorted(present)]
        statements, _ = curated_statements(curated, {d.id: Path(d.path) for d in now}, str(CURATED))
        units = {name: state.unit(by_source[name]) for name in added}
        units[CURATED_SOURCE] = state.unit(statements)
        after = state.update(removed + [CURATED_SOURCE], units)
        whole = _graphs(after, now, curated)
        if before is not None:
            changes = assemble_changes(before, after, documents_before, now, DEFAULT_BASE, ROLES, curated)
            assert _patched(graphs, changes) == whole
            assert len(changes.graphs) < len(whole)  # not everything assembled again
        before, documents_before, graphs = after, now, whole
