"""Triple stores: serve the graph with the Oxigraph server, push it to any
SPARQL 1.1 Graph Store HTTP Protocol endpoint."""

from __future__ import annotations

import base64
import contextlib
import errno
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from .errors import KGError

__all__ = ["EndpointError", "push", "serve", "oxigraph_binary"]


class EndpointError(KGError):
    """A store endpoint refused, failed or could not be reached."""


def oxigraph_binary() -> str:
    """The `oxigraph` server (PyPI package `oxigraph`) beside this Python, else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise KGError("the Oxigraph server is not installed: pip install oxigraph")
    return found


def _check_listen(bind: str, port: int) -> None:
    """KGError unless the server could listen on `bind`:`port`."""
    if not 1 <= port <= 65535:
        raise KGError(f"--port {port}: give a port between 1 and 65535")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((bind, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise KGError(f"port {port} on {bind} is busy: choose another with --port") from None
            raise KGError(f"--bind {bind}: cannot listen there: {exc.strerror or exc}") from None


@contextlib.contextmanager
def _sigterm_as_ctrl_c():
    """SIGTERM (what `kill` and service managers send) interrupts like Ctrl-C,
    so the server is stopped and its store removed either way."""
    if threading.current_thread() is not threading.main_thread():  # only the main thread may set handlers
        yield
        return
    previous = signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        # A server busy with a kept-alive connection may not honour SIGTERM promptly; it must still stop.
        process.kill()
        process.wait()


def serve(data: Path, port: int = 7878, bind: str = "127.0.0.1", location: Path | None = None,
          ready: callable = None, notice: callable = None) -> int:
    """Serve the graph of `data` read-only with the Oxigraph server until interrupted.

    When `data` is a graph file of a build and still has the content it was
    built with, the build's store is served (linked, not loaded); otherwise
    `data` is loaded into a fresh store first. As for `kg query`, the
    default graph is the union of the file's graphs, each triple once; the
    named graphs stay. Ctrl-C and SIGTERM stop the
    server and remove the store it was given (unless `location` is ours to
    keep). `notice(text)` is told, as `kg query` tells, why the file is
    loaded instead, or that the store served is newer than the file.
    Returns the server's exit status, 0 when interrupted.
    """
    from .graphstore import copy_store, store_copy_folder
    from .sparql import UNION_INTO_DEFAULT, rdf_format

    _check_listen(bind, port)
    if not data.exists():
        raise KGError(f"{data}: not found; run `kg build` first")
    rdf_format(data)  # a file Oxigraph reads, by its extension
    binary = oxigraph_binary()
    owned = location is None
    process = None
    with _sigterm_as_ctrl_c():
        folder = store_copy_folder() if owned else location
        try:
            # The build's store when current, by hard links: the server keeps the graph it started
            # with while a new build replaces out/ (see kg.graphstore.link_store).
            copied = copy_store(data, folder) if owned else None
            if copied is not None and copied.notice and notice:
                notice(copied.notice + ("" if copied.used else "; loading the file instead"))
            if copied is None or not copied.used:
                load = [binary, "load", "--location", str(folder), "--file", str(data)]
                union = [binary, "update", "--location", str(folder), "--update", UNION_INTO_DEFAULT]
                for command in (load, union):
                    subprocess.run(command, check=True, capture_output=True, text=True)
            process = subprocess.Popen([binary, "serve-read-only", "--location", str(folder),
                                        "--bind", f"{bind}:{port}"])
            if ready:
                ready(f"http://{bind}:{port}/")
            return process.wait()
        except KeyboardInterrupt:
            return 0
        except subprocess.CalledProcessError as exc:
            raise KGError(f"{data}: oxigraph could not load it: {_reason(exc.stderr, data)}") from None
        finally:
            if process is not None:
                _stop(process)
            if owned:
                shutil.rmtree(folder, ignore_errors=True)


def _reason(stderr: str, data: Path) -> str:
    """The line of an oxigraph command's error output that says what is wrong in `data` (it adds advice
    on options `kg serve` does not have, and a backtrace)."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for line in lines:
        if line.startswith("Error while loading file"):
            return line.removeprefix(f"Error while loading file {data}: ")
    return next((line for line in lines if "--lenient" not in line), "no reason given")


# What `kg push` sends, by the file's extension: one graph, or a dataset (named graphs).
_GRAPH_TYPES = {".ttl": "text/turtle", ".nt": "application/n-triples"}
_DATASET_TYPES = {".trig": ("application/trig", "TRIG"), ".nq": ("application/n-quads", "N_QUADS")}
_ENDPOINT_FORMS = {
    "graph": "Oxigraph http://HOST:7878/store, Fuseki http://HOST:3030/DATASET/data, "
             "GraphDB http://HOST:7200/repositories/REPO/rdf-graphs/service",
    "dataset": "Oxigraph http://HOST:7878/store, Fuseki http://HOST:3030/DATASET/data, "
               "GraphDB http://HOST:7200/repositories/REPO/statements",
}


def _check_endpoint(endpoint: str) -> None:
    """EndpointError, before any request, unless `endpoint` is a whole http(s) URL."""
    parts = urllib.parse.urlsplit(endpoint)
    try:
        parts.port  # noqa: B018 - raises on a port that is no number or out of range
    except ValueError as exc:
        raise EndpointError(f"--endpoint {endpoint}: {exc}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EndpointError(f"--endpoint {endpoint}: not an http(s) URL; write it whole, "
                            "e.g. http://localhost:7878/store")


def _graph_url(endpoint: str, graph: str | None) -> str:
    query = urllib.parse.urlencode({"graph": graph} if graph else {"default": ""})
    separator = "&" if "?" in endpoint else "?"
    return f"{endpoint}{separator}{query}"


def _request(data: Path, endpoint: str, graph: str | None) -> tuple[str, bytes, str, str]:
    """URL, body, content type and kind ("graph" or "dataset") of the PUT for `data`.

    A dataset is sent with the union of its graphs as its default graph, so
    that plain queries on the store see each triple once, as `kg query` does."""
    suffix = data.suffix.lower()
    if suffix in _GRAPH_TYPES:
        return _graph_url(endpoint, graph), data.read_bytes(), _GRAPH_TYPES[suffix], "graph"
    if suffix not in _DATASET_TYPES:
        raise EndpointError(f"{data}: push sends .ttl or .nt (one graph) or .trig or .nq (a dataset)")
    if graph:
        raise EndpointError(f"--graph: {data} is a dataset with its own named graphs; "
                            "push a .ttl or .nt file into one graph")
    import pyoxigraph

    from .namespaces import PREFIXES
    from .sparql import load_store

    content_type, name = _DATASET_TYPES[suffix]
    body = load_store(data).dump(format=getattr(pyoxigraph.RdfFormat, name), prefixes=PREFIXES)
    return endpoint, body, content_type, "dataset"


def _hint(status: int, kind: str) -> str:
    if status in (401, 403):
        return " (check --user/--password)"
    if status in (404, 405):
        return f" (no {kind} endpoint at this URL; the forms are {_ENDPOINT_FORMS[kind]})"
    return ""


def push(data: Path, endpoint: str, graph: str | None = None, user: str | None = None, password: str | None = None,
         timeout: float = 30.0, retries: int = 4, backoff: float = 0.5) -> int:
    """PUT `data` to a Graph Store Protocol endpoint: Turtle or N-Triples
    replace one graph (`graph`, else the default graph), TriG or N-Quads the
    store's whole dataset.

    PUT is all-or-nothing on the server side, so a failed push leaves the
    store as it was. 5xx answers and dropped connections are retried with
    exponential backoff; 4xx answers fail at once. Returns the HTTP status.
    """
    _check_endpoint(endpoint)
    if not data.exists():
        raise EndpointError(f"{data}: not found; run `kg build` first")
    url, body, content_type, kind = _request(data, endpoint, graph)
    headers = {"Content-Type": f"{content_type}; charset=utf-8"}
    if user is not None:
        token = base64.b64encode(f"{user}:{password or ''}".encode()).decode()
        headers["Authorization"] = f"Basic {token}"
    last_error = ""
    for attempt in range(retries + 1):
        request = urllib.request.Request(url, data=body, method="PUT", headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            detail = " ".join(exc.read().decode("utf-8", "replace").split())[:300]
            if exc.code < 500:
                raise EndpointError(f"{url}: HTTP {exc.code} {exc.reason}{_hint(exc.code, kind)}: {detail}")
            last_error = f"HTTP {exc.code} {exc.reason}: {detail}"
        except (urllib.error.URLError, TimeoutError, ConnectionError, socket.timeout) as exc:
            reason = getattr(exc, "reason", exc)
            # A store that takes the connection but never answers is reachable: say it is stuck, not away.
            last_error = (f"timed out: no answer within {timeout:g} s" if isinstance(reason, TimeoutError)
                          else f"cannot reach the endpoint: {reason}")
        if attempt < retries:
            time.sleep(backoff * 2**attempt)
    raise EndpointError(f"{url}: {last_error} (gave up after {retries + 1} attempts)")
