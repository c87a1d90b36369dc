"""The build as a whole: files, determinism, atomicity, provenance."""

from __future__ import annotations

import filecmp
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
import rdflib.compare
from rdflib import Literal
from rdflib.namespace import DCTERMS

from kg import build
from kg.iri import DEFAULT_BASE
from kg.pipeline import OUTPUT_FILES
from kg.vocab import WIC

from .conftest import CURATED, ROOT, SEEDS, ask, select, store_of


def test_build_writes_every_file(built):
    for name in OUTPUT_FILES:
        assert (built / name).stat().st_size > 0, name


def test_shacl_conforms(built):
    report = (built / "report.md").read_text(encoding="utf-8")
    assert "Conforms: **True**" in report


@pytest.mark.parametrize("change,message", [
    (lambda g, e: g.remove((e, WIC.quote, None)), "A text span needs all of"),
    (lambda g, e: [g.remove((e, p, None)) for p in (WIC.start, WIC.end, WIC.quote)], "a curator's note"),
    (lambda g, e: g.set((e, WIC.end, Literal(0))), "less than wic:end"),
    (lambda g, e: g.add((e, WIC.quote, Literal("another"))), "Evidence quote: at most one"),
    (lambda g, e: g.add((e, WIC.note, Literal(3))), "Evidence note: at most one xsd:string"),
])
def test_shapes_report_broken_evidence(built, change, message):
    from kg.validate import validate

    graph = rdflib.Graph().parse(built / "kg.nt", format="nt")
    evidence = min(s for s in graph.subjects(WIC.quote, None) if (s, WIC.start, None) in graph)  # a text span
    change(graph, evidence)
    report = validate(store_of(graph.serialize(format="nt")))
    assert not report.conforms and message in report.text


@pytest.mark.parametrize("name,rdflib_format,oxi_format", [
    ("kg.ttl", "turtle", pyoxigraph.RdfFormat.TURTLE),
    ("kg.trig", "trig", pyoxigraph.RdfFormat.TRIG),
    ("kg.nt", "nt", pyoxigraph.RdfFormat.N_TRIPLES),
])
def test_rdflib_and_pyoxigraph_count_the_same(built, name, rdflib_format, oxi_format):
    dataset = rdflib.Dataset()
    dataset.parse(built / name, format=rdflib_format)
    rdflib_count = len(set(dataset.quads((None, None, None, None))))
    store = pyoxigraph.Store()
    store.load(path=str(built / name), format=oxi_format)
    assert rdflib_count == len(store) > 1000


def test_turtle_and_trig_union_are_the_same_graph(built):
    union = rdflib.Graph()
    dataset = rdflib.Dataset()
    dataset.parse(built / "kg.trig", format="trig")
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    turtle = rdflib.Graph().parse(built / "kg.ttl", format="turtle")
    assert set(union) == set(turtle)


def test_jsonld_is_the_same_graph(built):
    jsonld = rdflib.Graph().parse(built / "kg.jsonld", format="json-ld")
    turtle = rdflib.Graph().parse(built / "kg.ttl", format="turtle")
    assert len(jsonld) == len(turtle)
    assert rdflib.compare.isomorphic(jsonld, turtle)


def test_jsonld_reads_the_same_in_oxigraph(built):
    """A second, independent JSON-LD processor (Oxigraph's) expands the context to the same triples."""
    def triples(name, fmt):
        store = pyoxigraph.Store()
        store.load(path=str(built / name), format=fmt)
        return {str(q.triple) for q in store}

    expected = triples("kg.nt", pyoxigraph.RdfFormat.N_TRIPLES)
    assert len(expected) > 1000 and triples("kg.jsonld", pyoxigraph.RdfFormat.JSON_LD) == expected


def test_one_named_graph_per_document_and_one_for_curated(built):
    dataset = rdflib.Dataset()
    dataset.parse(built / "kg.trig", format="trig")
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    identifiers = {str(g.identifier): {str(o) for o in g.objects(None, DCTERMS.identifier)} for g in dataset.graphs()}
    for seed in SEEDS.iterdir():  # one graph holds its document, named by its file name's slug and SHA-1
        holding = [n for n in names if seed.name in identifiers[n]]
        slugged = seed.name.replace("_", "-").replace(".", "-")
        assert holding == [f"{DEFAULT_BASE}graph/doc/{slugged}-{hashlib.sha1(seed.name.encode()).hexdigest()[:8]}"]
    assert len([n for n in names if "/graph/doc/" in n]) == len(list(SEEDS.iterdir()))
    assert any(n.endswith("/graph/curated") for n in names)


def test_rebuild_is_byte_identical_whatever_the_hash_seed(tmp_path):
    outs = []
    for seed in ("1", "987"):
        out = tmp_path / f"out{seed}"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-m", "kg.cli", "build", "--out", str(out)], cwd=ROOT, env=env,
                       check=True, capture_output=True)
        outs.append(out)
    comparison = filecmp.dircmp(outs[0], outs[1])
    assert sorted(comparison.same_files) == sorted(OUTPUT_FILES)
    assert not comparison.diff_files
    for name in OUTPUT_FILES:
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes()


def test_committed_out_is_current(built):
    for name in OUTPUT_FILES:
        assert (ROOT / "out" / name).read_bytes() == (built / name).read_bytes(), (
            f"out/{name} is stale: run `kg build` and commit out/")


def test_every_claim_has_evidence_with_a_span_or_a_note(store):
    assert not ask(store, """ASK { ?c a ?cls .
        VALUES ?cls { wic:Position wic:Appearance wic:AwardGrant wic:Publication wic:ThemeStatement wic:Schedule }
        FILTER NOT EXISTS { ?c prov:wasDerivedFrom ?e . ?e a wic:Evidence ; wic:document ?d ; wic:extractor ?x ;
                            wic:confidence ?k } }""")
    assert not ask(store, """ASK { ?e a wic:Evidence .
        FILTER NOT EXISTS { ?e wic:quote ?q ; wic:start ?s ; wic:end ?t }
        FILTER NOT EXISTS { ?e wic:note ?n } }""")


def test_evidence_quotes_match_the_normalised_text(store):
    from kg.ingest import read_document

    rows = select(store, """SELECT ?id ?s ?t ?q WHERE { ?e wic:document ?d ; wic:start ?s ; wic:end ?t ; wic:quote ?q .
                            ?d dcterms:identifier ?id }""")
    assert len(rows) > 50
    documents = {}
    for row in rows:
        doc = documents.setdefault(row["id"], read_document(SEEDS / row["id"]))
        assert doc.text[int(row["s"]):int(row["t"])] == row["q"]


def test_failed_build_leaves_previous_out_untouched(tmp_path, monkeypatch):
    out = tmp_path / "out"
    build(seeds=SEEDS, curated=CURATED, out=out)
    before = {name: (out / name).read_bytes() for name in OUTPUT_FILES}

    def explode(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("kg.viz.render_page", explode)
    with pytest.raises(Exception, match="disk on fire"):
        build(seeds=SEEDS, curated=CURATED, out=out)
    assert {name: (out / name).read_bytes() for name in OUTPUT_FILES} == before
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == ["out"]
    assert not [p for p in tmp_path.iterdir() if "building" in p.name]


def test_unreadable_seeds_are_skipped_and_named(tmp_path, seed_copy):
    (seed_copy / "empty.txt").write_bytes(b"")
    (seed_copy / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (seed_copy / "garbage.txt").write_bytes(bytes([0xff, 0xfe, 0xfd]) * 10 + b"\xd8\x00")
    result = build(seeds=seed_copy, curated=CURATED, out=tmp_path / "out")
    skipped = {Path(s.path).name: s.reason for s in result.skipped}
    assert skipped["empty.txt"] == "file is empty"
    assert "binary" in skipped["picture.txt"]
    assert "garbage.txt" in skipped
    assert result.documents == 5


def test_kg_help_does_not_import_heavy_libraries():
    code = ("import sys; from typer.testing import CliRunner; from kg.cli import app; "
            "r = CliRunner().invoke(app, ['--help']); assert r.exit_code == 0, r.output; "
            "heavy = [m for m in ('rdflib', 'pyvis', 'igraph', 'pyshacl', 'pyoxigraph') if m in sys.modules]; "
            "print(heavy); assert not heavy")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_odd_files_are_read_or_skipped_by_name(tmp_path, seed_copy):
    (seed_copy / "loop.txt").symlink_to(seed_copy / "loop.txt")
    (seed_copy / "名单 2019 summit.txt").write_bytes(
        "2019年世界互联网大会乌镇峰会在浙江乌镇举行。\r\n在开幕式上,星河科技有限公司董事长王小明说,要推动开放合作。\r"
        "另一行。\n".encode("utf-16"))
    result = build(seeds=seed_copy, curated=CURATED, out=tmp_path / "out", cache=None)
    skipped = {Path(s.path).name: s.reason for s in result.skipped}
    assert "loop.txt" in skipped and "cannot be read" in skipped["loop.txt"]
    assert result.documents == 6
    relations = (tmp_path / "out" / "relations.jsonl").read_text(encoding="utf-8")
    assert '"person": "王小明"' in relations and '"doc": "名单 2019 summit.txt"' in relations
