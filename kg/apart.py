"""Run part of a build in a child process and hand its result back.

A process that builds a large graph keeps most of the memory it freed:
millions of small objects leave Python's arenas and the allocator's heap
scattered, not empty. Run in a forked child, those stages give all of it
back when the child exits. The child reports events (a file extracted, a
stage started) as they happen, and this process calls the caller's
callbacks for them, so progress shows as before.

The child leads its own process group, which holds the extraction workers
it starts: when the parent stops waiting (an error, Ctrl-C) or the child
dies, the whole group is killed, so no worker is left holding the build's
lock. The child and its workers also die with their parent (Linux).
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import struct
from typing import Callable, TypeVar

from .errors import KGError

__all__ = ["run_apart", "die_with"]

T = TypeVar("T")
Emit = Callable[[str, object], None]
_HEADER = struct.Struct("!Q")  # the length of the pickled message that follows


def run_apart(work: Callable[[Emit], T], callbacks: dict[str, Callable | None]) -> T:
    """`work(emit)` in a forked child (in this process where there is no fork); `emit(kind, value)`
    calls `callbacks[kind](value)` here. Returns what `work` returned or raises what it raised."""

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
    child = _Child(pid)
    try:
        while True:
            kind, value = child.receive(readable)
            if kind == "result":
                return value
            if kind == "error":
                raise value
            relay(kind, value)
    finally:
        os.close(readable)
        child.end()


def die_with(parent: int) -> None:
    """Be killed when process `parent` dies, however it dies (Linux). For the child and the
    extraction workers it starts, so that killing a build kills all of them."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)


def _child(work: Callable[[Emit], object], writable: int, parent: int) -> None:
    """Run `work`, send its events and then its result or error; never returns."""
    try:
        os.setpgid(0, 0)
        die_with(parent)

        def send(message: tuple) -> None:
            data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)  # whole, before a byte is sent
            view = memoryview(_HEADER.pack(len(data)) + data)
            while view:
                view = view[os.write(writable, view):]

        try:
            message = ("result", work(lambda kind, value: send((kind, value))))
        except BaseException as exc:  # noqa: BLE001 - raised again in the parent
            message = ("error", exc)
        try:
            send(message)
        except Exception as exc:  # noqa: BLE001 - something that cannot be pickled: its text
            send(("error", KGError(f"{type(message[1]).__name__}: {message[1]} ({exc})")))
    finally:
        os._exit(0)  # no atexit handlers, no buffers of the parent's flushed twice, no teardown


class _Child:
    """The parent's side: the child's messages, and its end."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.status: int | None = None  # its wait status, once reaped
        try:
            os.setpgid(pid, pid)  # as the child does, so that the group exists whichever runs first
        except OSError:  # the child has done it, or has exited already
            pass

    def receive(self, readable: int) -> tuple[str, object]:
        """The child's next message. A child that died, or whose message cannot be read, is an error."""
        size = _HEADER.unpack(self._read(readable, _HEADER.size))[0]
        data = self._read(readable, size)
        try:
            return pickle.loads(data)
        except Exception as exc:  # noqa: BLE001 - e.g. an error whose class cannot be rebuilt here
            raise KGError(f"the build's worker process sent what cannot be read back: {type(exc).__name__}: "
                          f"{exc}") from None

    def _read(self, readable: int, size: int) -> bytes:
        """`size` bytes from the pipe, checking every second that the child still runs: its
        workers may keep the pipe open after it died."""
        chunks, missing = [], size
        while missing:
            if not select.select([readable], [], [], 1.0)[0]:
                if os.waitid(os.P_PID, self.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None:
                    self._gone()  # left to be reaped by `_gone`, after its group
                continue
            chunk = os.read(readable, min(missing, 1 << 20))
            if not chunk:
                self._gone()
            chunks.append(chunk)
            missing -= len(chunk)
        return b"".join(chunks)

    def _gone(self) -> None:
        """The child has ended before sending its result: end its group, and say how it ended."""
        status = self.end()
        raise KGError(f"the build's worker process ended without a result ({_how(status)})")

    def end(self) -> int:
        """Kill the child's process group (the child and any worker it left) and reap the child,
        once; its wait status. The group goes first: until the child is reaped, its id names no other."""
        if self.status is None:
            try:
                os.killpg(self.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):  # the child never made its group
                os.kill(self.pid, signal.SIGKILL)
            self.status = os.waitpid(self.pid, 0)[1]
        return self.status


def _how(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"
