"""Triple stores: serve the graph with the Oxigraph server, push it to any
SPARQL 1.1 Graph Store HTTP Protocol endpoint."""

from __future__ import annotations

import base64
import shutil
import socket
import subprocess
import sys
import tempfile
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


def _port_is_free(bind: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((bind, port))
        except OSError:
            return False
    return True


def serve(data: Path, port: int = 7878, bind: str = "127.0.0.1", location: Path | None = None,
          ready: callable = None) -> int:
    """Load `data` into an Oxigraph store and serve it until interrupted.

    Returns the server's exit status; Ctrl-C stops it cleanly.
    """
    if not data.exists():
        raise KGError(f"{data}: not found; run `kg build` first")
    if not _port_is_free(bind, port):
        raise KGError(f"port {port} on {bind} is busy: choose another with --port")
    binary = oxigraph_binary()
    owned = location is None
    folder = Path(tempfile.mkdtemp(prefix="kg-store-")) if owned else location
    try:
        subprocess.run([binary, "load", "--location", str(folder), "--file", str(data)], check=True,
                       capture_output=True, text=True)
        process = subprocess.Popen([binary, "serve-read-only", "--location", str(folder), "--bind", f"{bind}:{port}"])
        if ready:
            ready(f"http://{bind}:{port}/")
        try:
            return process.wait()
        except KeyboardInterrupt:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                # A server busy with a kept-alive connection may not honour
                # SIGTERM promptly; Ctrl-C must still stop it.
                process.kill()
                process.wait()
            return 0
    except subprocess.CalledProcessError as exc:
        raise KGError(f"{data}: oxigraph could not load it: {exc.stderr.strip()}")
    finally:
        if owned:
            shutil.rmtree(folder, ignore_errors=True)


def _graph_url(endpoint: str, graph: str | None) -> str:
    query = urllib.parse.urlencode({"graph": graph} if graph else {"default": ""})
    separator = "&" if "?" in endpoint else "?"
    return f"{endpoint}{separator}{query}"


def push(data: Path, endpoint: str, graph: str | None = None, user: str | None = None, password: str | None = None,
         timeout: float = 30.0, retries: int = 4, backoff: float = 0.5) -> int:
    """PUT `data` (Turtle) to a Graph Store Protocol endpoint, replacing the graph.

    PUT is all-or-nothing on the server side, so a failed push leaves the
    store as it was. 5xx answers and dropped connections are retried with
    exponential backoff; 4xx answers fail at once. Returns the HTTP status.
    """
    if not data.exists():
        raise EndpointError(f"{data}: not found; run `kg build` first")
    body = data.read_bytes()
    url = _graph_url(endpoint, graph)
    headers = {"Content-Type": "text/turtle; charset=utf-8"}
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
            detail = exc.read().decode("utf-8", "replace").strip()[:300]
            if exc.code < 500:
                hint = " (check --user/--password)" if exc.code in (401, 403) else ""
                raise EndpointError(f"{url}: HTTP {exc.code} {exc.reason}{hint}: {detail}")
            last_error = f"HTTP {exc.code} {exc.reason}: {detail}"
        except (urllib.error.URLError, TimeoutError, ConnectionError, socket.timeout) as exc:
            reason = getattr(exc, "reason", exc)
            # A store that takes the connection but never answers is reachable: say it is stuck, not away.
            last_error = (f"timed out: no answer within {timeout:g} s" if isinstance(reason, TimeoutError)
                          else f"cannot reach the endpoint: {reason}")
        if attempt < retries:
            time.sleep(backoff * 2**attempt)
    raise EndpointError(f"{url}: {last_error} (gave up after {retries + 1} attempts)")
