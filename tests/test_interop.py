"""The graph in independent software: Apache Jena RIOT, Raptor, and the
Oxigraph server reached over HTTP (push, then every canned query)."""

from __future__ import annotations

import http.server
import json
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import rdflib

from kg.errors import KGError
from kg.sparql import canned_queries, query
from kg.store import EndpointError, oxigraph_binary, push

from .conftest import ROOT

PARAMS = {"organisation": {"name": "腾讯"}, "evidence": {"name": "习近平"}}


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


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(timeout=10)


def _remote_rows(url: str, text: str, params: dict[str, str]) -> set[tuple]:
    for name, value in params.items():  # the server has no substitution API: bind with VALUES, escaped as JSON
        text = text.replace("WHERE {", f"WHERE {{ VALUES ?{name} {{ {json.dumps(value, ensure_ascii=False)} }}", 1)
    request = urllib.request.Request(url + "/query", data=text.encode("utf-8"), method="POST",
                                     headers={"Content-Type": "application/sparql-query",
                                              "Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        data = json.load(response)
    names = data["head"]["vars"]
    return {tuple(b.get(n, {}).get("value") for n in names) for b in data["results"]["bindings"]}


def test_push_then_every_canned_query_matches_local_rows(built, oxigraph_server):
    store = oxigraph_server + "/store"
    assert push(built / "kg.ttl", store) in (200, 201, 204)
    assert push(built / "kg.ttl", store) in (200, 201, 204)  # replace, not append
    count = _remote_rows(oxigraph_server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", {})
    assert count == {(str(len(rdflib.Graph().parse(built / "kg.ttl"))),)}
    for name, canned in canned_queries().items():
        local = query(name, data=built / "kg.ttl", params=PARAMS.get(name, {}))
        remote = _remote_rows(oxigraph_server, canned.path.read_text(encoding="utf-8"), PARAMS.get(name, {}))
        assert {tuple(r) for r in local.rows} == remote, name


def test_canned_queries_give_the_same_rows_on_rdflib(built):
    graph = rdflib.Graph().parse(built / "kg.ttl")
    for name, canned in canned_queries().items():
        if name == "conflicts":  # GROUP_CONCAT order is engine-defined; compared without it below
            continue
        params = {k: rdflib.Literal(v) for k, v in PARAMS.get(name, {}).items()}
        theirs = {tuple(None if v is None else str(v) for v in row)
                  for row in graph.query(canned.path.read_text(encoding="utf-8"), initBindings=params)}
        ours = {tuple(r) for r in query(name, data=built / "kg.ttl", params=PARAMS.get(name, {})).rows}
        assert ours == theirs, name


class _Flaky(http.server.BaseHTTPRequestHandler):
    script: list[int] = []
    seen: list[str] = []

    def do_PUT(self):  # noqa: N802 - http.server's naming
        self.rfile.read(int(self.headers["Content-Length"]))
        type(self).seen.append(self.headers.get("Authorization", ""))
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
    assert len(handler.seen) == 1 and handler.seen[0].startswith("Basic ")


def test_push_to_an_unreachable_host_is_a_clear_error(built):
    port = _free_port()
    with pytest.raises(EndpointError, match="cannot reach the endpoint.*gave up after 2 attempts"):
        push(built / "kg.ttl", f"http://127.0.0.1:{port}/store", retries=1, backoff=0.01, timeout=2)


def test_serve_answers_queries_and_stops_on_ctrl_c(built):
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--port", str(port),
                                "--data", str(built / "kg.trig")], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        rows = None
        for _ in range(150):
            try:
                rows = _remote_rows(f"http://127.0.0.1:{port}", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", {})
                break
            except OSError:
                time.sleep(0.1)
        assert rows == {(str(_rdflib_count(built / "kg.trig", "trig")),)}
        busy = subprocess.run([sys.executable, "-m", "kg.cli", "serve", "--port", str(port),
                               "--data", str(built / "kg.trig")], capture_output=True, text=True)
        assert busy.returncode == 2 and f"port {port} on 127.0.0.1 is busy" in busy.stderr
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=15) == 0
