from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.vocab import SPARQL_PROLOGUE

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CURATED = ROOT / "ontology" / "curated"
# A value for each parameter a canned query declares, found in the seed graph.
CANNED_PARAMS = {"speakers": {"year": "2024", "lang": "en"}, "themes": {"year": "2025"}, "summits": {"year": "2015"},
                 "conflicts": {"summit": "2025"}, "organisation": {"name": "腾讯", "lang": "en"},
                 "evidence": {"name": "习近平"}, "people": {"lang": "en"}, "history": {"name": "Alibaba", "lang": "en"},
                 "awards": {"lang": "en"}, "publications": {"lang": "en"}}


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The seed graph built once for the session (curated facts included)."""
    from kg import build

    out = tmp_path_factory.mktemp("built") / "out"
    build(seeds=SEEDS, curated=CURATED, out=out)
    return out


@pytest.fixture(scope="session")
def store(built):
    import pyoxigraph

    store = pyoxigraph.Store()
    store.load(path=str(built / "kg.nt"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    return store


@pytest.fixture
def seed_copy(tmp_path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


def store_of(ntriples: str):
    """An Oxigraph store holding an N-Triples text."""
    import pyoxigraph

    store = pyoxigraph.Store()
    store.load(ntriples.encode("utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    return store


def ask(store, query: str) -> bool:
    return bool(store.query(SPARQL_PROLOGUE + query))


def select(store, query: str) -> list[dict]:
    result = store.query(SPARQL_PROLOGUE + query)
    names = [v.value for v in result.variables]
    return [{n: (s[n].value if s[n] is not None else None) for n in names} for s in result]
