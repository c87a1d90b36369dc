"""Run part of a build in a child process and hand its result back.

A process that builds a large graph keeps most of the memory it freed:
millions of small objects leave Python's arenas and the allocator's heap
scattered, not empty. Run in a forked child, those stages give all of it
back when the child exits. The child reports events (a file extracted, a
stage started) as they happen, and this process calls the caller's
callbacks for them, so progress shows as before.
"""

from __future__ import annotations

import os
import pickle
import signal
from typing import Callable, TypeVar

from .errors import KGError

__all__ = ["run_apart"]

T = TypeVar("T")
Emit = Callable[[str, object], None]


def run_apart(work: Callable[[Emit], T], callbacks: dict[str, Callable | None]) -> T:
    """`work(emit)` in a forked child (in this process where there is no fork); `emit(kind, value)`
    calls `callbacks[kind](value)` here. Returns what `work` returned or raises what it raised. The
    child dies with this process (SIGKILL included) and is killed if this process stops waiting."""

    def relay(kind: str, value: object) -> None:
        callback = callbacks.get(kind)
        if callback is not None:
            callback(value)

    if not hasattr(os, "fork"):
        return work(relay)
    parent = os.getpid()
    readable, writable = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(readable)
        _child(work, writable, parent)
    os.close(writable)
    try:
        with os.fdopen(readable, "rb") as pipe:
            while True:
                try:
                    kind, value = pickle.load(pipe)
                except EOFError:
                    _, status = os.waitpid(pid, 0)
                    pid = None
                    raise KGError(f"the build's worker process ended without a result ({_how(status)})") from None
                if kind == "result":
                    return value
                if kind == "error":
                    raise value
                relay(kind, value)
    finally:
        if pid is not None:
            _end(pid)


def _child(work: Callable[[Emit], object], writable: int, parent: int) -> None:
    """Run `work`, send its events and then its result or error; never returns."""
    try:
        _die_with(parent)
        with os.fdopen(writable, "wb") as pipe:

            def send(message: tuple) -> None:
                pickle.dump(message, pipe, protocol=pickle.HIGHEST_PROTOCOL)
                pipe.flush()

            try:
                message = ("result", work(lambda kind, value: send((kind, value))))
            except BaseException as exc:  # noqa: BLE001 - raised again in the parent
                message = ("error", exc)
            try:
                send(message)
            except Exception as exc:  # noqa: BLE001 - an error that cannot be pickled: its text
                send(("error", KGError(f"{type(message[1]).__name__}: {message[1]} ({exc})")))
    finally:
        os._exit(0)  # no atexit handlers, no buffers of the parent's flushed twice, no teardown


def _die_with(parent: int) -> None:
    """Be killed when the parent dies, however it dies (Linux; elsewhere the parent's `finally` does it)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)


def _end(pid: int) -> None:
    """Reap the child, stopping it first if it still runs (the parent leaves early: an error or Ctrl-C)."""
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)


def _how(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"
