"""The graph in independent software: Apache Jena RIOT, Raptor, and the
Oxigraph server reached over HTTP (push, then every canned query)."""

from __future__ import annotations

import http.server
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter
from pathlib import Path

import pyoxigraph
import pytest
import rdflib

from kg.sparql import canned_queries, load_store, query
from kg.store import EndpointError, oxigraph_binary, push

from .conftest import CANNED_PARAMS, ROOT


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _rdflib_count(path: Path, fmt: str) -> int:
    dataset = rdflib.Dataset()
    dataset.parse(path, format=fmt)
    return len(set(dataset.quads((None, None, None, None))))


@pytest.mark.parametrize("name,fmt,raptor_syntax", [("kg.ttl", "turtle", "turtle"), ("kg.trig", "trig", "trig")])
def test_jena_riot_and_raptor_parse_with_the_same_count(built, name, fmt, raptor_syntax):
    expected = _rdflib_count(built / name, fmt)
    riot = subprocess.run(["bash", str(ROOT / "scripts" / "riot.sh"), "--validate", str(built / name)],
                          capture_output=True, text=True)
    assert riot.returncode == 0, riot.stderr
    counted = subprocess.run(["bash", str(ROOT / "scripts" / "riot.sh"), "--count", str(built / name)],
                             capture_output=True, text=True, check=True)
    assert f"= {expected:,}" in counted.stdout + counted.stderr
    raptor = subprocess.run(["rapper", "-i", raptor_syntax, "-c", str(built / name)], capture_output=True, text=True)
    assert raptor.returncode == 0 and "error" not in raptor.stderr.lower(), raptor.stderr
    assert f"returned {expected} triples" in raptor.stderr


def _wait_for(url: str) -> None:
    for _ in range(150):
        try:
            urllib.request.urlopen(url + "/", timeout=1)
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing answers at {url}")


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    _wait_for(url)
    yield url
    process.terminate()
    process.wait(timeout=10)


def _start_kg_serve(data: Path, tmp: Path) -> tuple[subprocess.Popen, str]:
    """`kg serve` in a child process whose temporary folder is `tmp`."""
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--port", str(port), "--data", str(data)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "TMPDIR": str(tmp)})
    url = f"http://127.0.0.1:{port}"
    _wait_for(url)
    return process, url


@pytest.fixture(scope="module")
def kg_serve(built, tmp_path_factory):
    process, url = _start_kg_serve(built / "kg.trig", tmp_path_factory.mktemp("serve-tmp"))
    yield url
    process.send_signal(signal.SIGINT)
    process.wait(timeout=15)


# Every canned query: once without parameters (unless one is required), once with each sample value.
CASES = [(name, {}) for name, canned in canned_queries().items() if all(p.optional for p in canned.params)]
CASES += sorted(CANNED_PARAMS.items())


def _rows(solutions) -> Counter:
    """Rows as N-Triples terms, typed and language-tagged, counted (a duplicated row counts twice)."""
    names = [v.value for v in solutions.variables]
    return Counter(tuple(None if row[n] is None else str(row[n]) for n in names) for row in solutions)


def _local_rows(name: str, params: dict, data: Path) -> Counter:
    result = query(name, data=data, params=params)
    return Counter(tuple(None if term is None else str(term) for term in row) for row in result.terms)


def _remote_rows(url: str, text: str, bindings: dict | None = None) -> Counter:
    """The rows of `text` from a SPARQL endpoint; the server has no substitution
    API, so `bindings` (typed terms) are put in a VALUES clause."""
    for name, term in (bindings or {}).items():
        text = text.replace("WHERE {", f"WHERE {{ VALUES ?{name} {{ {term} }}", 1)
    request = urllib.request.Request(url + "/query", data=text.encode("utf-8"), method="POST",
                                     headers={"Content-Type": "application/sparql-query",
                                              "Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return _rows(pyoxigraph.parse_query_results(response.read(), format=pyoxigraph.QueryResultsFormat.JSON))


def _canned_over_http(url: str, name: str, params: dict) -> Counter:
    canned = canned_queries()[name]
    declared = {p.name: p for p in canned.params}
    return _remote_rows(url, canned.path.read_text(encoding="utf-8"),
                        {key: str(declared[key].term(value)) for key, value in params.items()})


def _count(url: str, pattern: str) -> int:
    (row,) = _remote_rows(url, f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")
    return int(row[0].split('"')[1])


@pytest.fixture(scope="module")
def formats(built, tmp_path_factory) -> dict[str, Path]:
    """The graph in every format `kg query --data` reads; N-Quads converted from the TriG by the engine."""
    nquads = tmp_path_factory.mktemp("nq") / "kg.nq"
    pyoxigraph.serialize(pyoxigraph.parse(path=str(built / "kg.trig")), nquads, format=pyoxigraph.RdfFormat.N_QUADS)
    return {"nt": built / "kg.nt", "ttl": built / "kg.ttl", "trig": built / "kg.trig", "nq": nquads,
            "jsonld": built / "kg.jsonld"}


@pytest.mark.parametrize("name,params", CASES)
def test_every_canned_query_gives_the_same_rows_from_every_format(formats, name, params):
    expected = _local_rows(name, params, formats["nt"])
    assert expected, name
    for fmt in ("ttl", "trig", "nq", "jsonld"):
        assert _local_rows(name, params, formats[fmt]) == expected, (name, fmt)


def test_a_triple_in_several_named_graphs_is_one_row(formats):
    text = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    assert query(text, data=formats["trig"]).total == query(text, data=formats["nt"]).total
    # …while the named graphs stay: some triple is stated in more than one document's graph.
    in_graphs = query("SELECT ?s ?p ?o (COUNT(?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?s ?p ?o "
                      "HAVING (COUNT(?g) > 1)", data=formats["trig"])
    assert in_graphs.rows


def test_the_drawing_is_the_same_from_every_format(formats):
    from kg.viz import render_graph

    pages = {fmt: render_graph(load_store(formats[fmt]), "zh") for fmt in ("ttl", "trig", "nq")}
    assert pages["trig"] == pages["ttl"] == pages["nq"]


def test_kg_serve_answers_every_canned_query_with_the_local_rows(built, kg_serve):
    assert _count(kg_serve, "?s ?p ?o") == len(rdflib.Graph().parse(built / "kg.nt"))
    assert _count(kg_serve, "GRAPH ?g { ?s ?p ?o }") == _rdflib_count(built / "kg.trig", "trig")
    for name, params in CASES:
        assert _canned_over_http(kg_serve, name, params) == _local_rows(name, params, built / "kg.nt"), name


@pytest.mark.parametrize("data", ["kg.ttl", "kg.trig"])
def test_push_then_every_canned_query_matches_local_rows(built, oxigraph_server, data):
    store = oxigraph_server + "/store"
    assert push(built / data, store) in (200, 201, 204)
    assert push(built / data, store) in (200, 201, 204)  # replace, not append
    assert _count(oxigraph_server, "?s ?p ?o") == len(rdflib.Graph().parse(built / "kg.ttl"))
    named = _count(oxigraph_server, "GRAPH ?g { ?s ?p ?o }")
    assert named == (_rdflib_count(built / "kg.trig", "trig") if data == "kg.trig" else 0)
    for name, params in CASES:
        assert _canned_over_http(oxigraph_server, name, params) == _local_rows(name, params, built / "kg.nt"), name


def test_push_to_a_wrong_path_names_the_endpoint_forms(built, oxigraph_server):
    with pytest.raises(EndpointError) as raised:
        push(built / "kg.trig", oxigraph_server + "/nope")
    assert str(raised.value).startswith(f"{oxigraph_server}/nope: HTTP 404 Not Found (no dataset endpoint at this URL; "
                                        "the forms are Oxigraph http://HOST:7878/store, Fuseki "
                                        "http://HOST:3030/DATASET/data, GraphDB http://HOST:7200/repositories/REPO/")
    assert "\n" not in str(raised.value)


def _rdflib_term(param, value: str):
    term = param.term(value)
    datatype = term.datatype.value
    return rdflib.Literal(term.value, datatype=None if datatype.endswith("#string") else rdflib.URIRef(datatype))


def test_canned_queries_give_the_same_rows_on_rdflib(built):
    graph = rdflib.Graph().parse(built / "kg.ttl")
    for name, params in CASES:
        canned = canned_queries()[name]
        bindings = {p.name: _rdflib_term(p, params[p.name]) for p in canned.params if p.name in params}
        theirs = Counter(tuple(None if v is None else str(v) for v in row)
                         for row in graph.query(canned.path.read_text(encoding="utf-8"), initBindings=bindings))
        ours = Counter(tuple(row) for row in query(name, data=built / "kg.ttl", params=params).rows)
        assert ours == theirs, name


class _Flaky(http.server.BaseHTTPRequestHandler):
    """Answers each PUT with the next status of `script` (then 201) and keeps what it was sent."""

    script: list[int] = []
    seen: list[dict] = []

    def do_PUT(self):  # noqa: N802 - http.server's naming
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).seen.append({"path": self.path, "type": self.headers["Content-Type"], "body": body,
                                "auth": self.headers.get("Authorization", "")})
        status = type(self).script.pop(0) if type(self).script else 201
        self.send_response(status)
        self.end_headers()
        self.wfile.write(b"nope" if status >= 400 else b"")

    def log_message(self, *args):
        pass


@pytest.fixture
def flaky_endpoint():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Flaky)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Flaky.seen = []
    yield f"http://127.0.0.1:{server.server_address[1]}/store", _Flaky
    server.shutdown()


def test_push_retries_5xx_then_succeeds(built, flaky_endpoint):
    url, handler = flaky_endpoint
    handler.script = [500, 503]
    assert push(built / "kg.ttl", url, backoff=0.01) == 201
    assert len(handler.seen) == 3


def test_push_fails_at_once_on_401_and_sends_credentials(built, flaky_endpoint):
    url, handler = flaky_endpoint
    handler.script = [401]
    with pytest.raises(EndpointError, match="HTTP 401.*check --user/--password"):
        push(built / "kg.ttl", url, user="kg", password="secret", backoff=0.01)
    assert len(handler.seen) == 1 and handler.seen[0]["auth"].startswith("Basic ")


def test_push_sends_turtle_as_a_graph_and_trig_or_nquads_as_a_dataset(built, flaky_endpoint, tmp_path):
    url, handler = flaky_endpoint
    nquads = tmp_path / "kg.nq"
    pyoxigraph.serialize(pyoxigraph.parse(path=str(built / "kg.trig")), nquads, format=pyoxigraph.RdfFormat.N_QUADS)
    push(built / "kg.ttl", url)
    push(built / "kg.nt", url, graph="https://example.org/g")
    push(built / "kg.trig", url)
    push(nquads, url)
    sent = [(seen["path"], seen["type"]) for seen in handler.seen]
    assert sent == [("/store?default=", "text/turtle; charset=utf-8"),
                    ("/store?graph=https%3A%2F%2Fexample.org%2Fg", "application/n-triples; charset=utf-8"),
                    ("/store", "application/trig; charset=utf-8"), ("/store", "application/n-quads; charset=utf-8")]
    # A dataset keeps its named graphs and carries their union, each triple once, as its default graph.
    for seen, fmt in zip(handler.seen[2:], (pyoxigraph.RdfFormat.TRIG, pyoxigraph.RdfFormat.N_QUADS)):
        quads = list(pyoxigraph.parse(seen["body"], format=fmt))
        default = [q for q in quads if q.graph_name == pyoxigraph.DefaultGraph()]
        assert len(default) == len(rdflib.Graph().parse(built / "kg.nt"))
        assert len(quads) - len(default) == _rdflib_count(built / "kg.trig", "trig")


@pytest.mark.parametrize("endpoint", ["localhost:7878/store", "127.0.0.1:{port}/store", "ftp://127.0.0.1:{port}/store",
                                      "http:///store"])
def test_push_checks_the_url_before_any_request(built, flaky_endpoint, endpoint):
    url, handler = flaky_endpoint
    endpoint = endpoint.format(port=url.split(":")[2].split("/")[0])
    started = time.monotonic()
    with pytest.raises(EndpointError, match=r"^--endpoint .*: not an http\(s\) URL; write it whole, "
                                            r"e\.g\. http://localhost:7878/store$"):
        push(built / "kg.ttl", endpoint)
    assert handler.seen == [] and time.monotonic() - started < 1


def test_push_refuses_what_it_cannot_send(built, flaky_endpoint):
    url, handler = flaky_endpoint
    with pytest.raises(EndpointError, match=r"kg\.trig is a dataset with its own named graphs; push a \.ttl or \.nt"):
        push(built / "kg.trig", url, graph="https://example.org/g")
    with pytest.raises(EndpointError, match=r"kg\.jsonld: push sends \.ttl or \.nt \(one graph\) or \.trig or \.nq"):
        push(built / "kg.jsonld", url)
    assert handler.seen == []


def test_push_turns_404_and_405_into_the_endpoint_forms(built, flaky_endpoint):
    url, handler = flaky_endpoint
    handler.script = [405]
    with pytest.raises(EndpointError, match=r"HTTP 405 .*\(no graph endpoint at this URL; the forms are Oxigraph "
                                            r"http://HOST:7878/store, Fuseki http://HOST:3030/DATASET/data, GraphDB "
                                            r"http://HOST:7200/repositories/REPO/rdf-graphs/service\)"):
        push(built / "kg.ttl", url, backoff=0.01)
    assert len(handler.seen) == 1


def test_push_to_an_unreachable_host_is_a_clear_error(built):
    port = _free_port()
    with pytest.raises(EndpointError, match="cannot reach the endpoint.*gave up after 2 attempts"):
        push(built / "kg.ttl", f"http://127.0.0.1:{port}/store", retries=1, backoff=0.01, timeout=2)


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_serve_stops_its_server_and_removes_its_store_on_ctrl_c_and_sigterm(built, tmp_path, stop):
    process, url = _start_kg_serve(built / "kg.trig", tmp_path)
    try:
        (server,) = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
        assert [p.name for p in tmp_path.iterdir()][0].startswith("kg-store-")
        busy = subprocess.run([sys.executable, "-m", "kg.cli", "serve", "--port", url.rsplit(":", 1)[1],
                               "--data", str(built / "kg.trig")], capture_output=True, text=True)
        assert busy.returncode == 2 and busy.stderr == f"error: port {url.rsplit(':', 1)[1]} on 127.0.0.1 is busy: " \
                                                       "choose another with --port\n"
    finally:
        process.send_signal(stop)
        assert process.wait(timeout=15) == 0
    assert not Path(f"/proc/{server}").exists()
    assert list(tmp_path.iterdir()) == []
    out = process.stdout.read()
    assert f"query UI:        {url}/\n" in out and f"SPARQL endpoint: {url}/query\n" in out


@pytest.mark.parametrize("port", ["99999", "0", "-1"])
def test_serve_refuses_a_port_out_of_range(built, port):
    run = subprocess.run([sys.executable, "-m", "kg.cli", "serve", "--port", port, "--data", str(built / "kg.trig")],
                         capture_output=True, text=True, timeout=30)
    assert run.returncode == 2 and run.stderr == f"error: --port {port}: give a port between 1 and 65535\n"
