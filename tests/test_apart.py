"""kg.apart: a build's first stages run in a forked child that reports back and dies with its parent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from kg.apart import run_apart
from kg.errors import InputError, KGError

from .conftest import ROOT


def test_the_work_runs_in_another_process_and_its_events_reach_the_callbacks():
    seen = []

    def work(emit):
        for name in ("a.txt", "b.txt"):
            emit("progress", name)
        emit("stage", "resolve")
        emit("unheard", 1)  # no callback for it: dropped
        return os.getpid(), {"large": list(range(1000))}

    pid, payload = run_apart(work, {"progress": lambda n: seen.append(("p", n)), "stage": lambda n: seen.append(n)})
    assert pid != os.getpid() and payload == {"large": list(range(1000))}
    assert seen == [("p", "a.txt"), ("p", "b.txt"), "resolve"]


def test_an_error_comes_back_as_itself():
    def work(emit):
        raise InputError("seeds/x.txt", "not UTF-8, GB18030 or Big5")

    with pytest.raises(InputError) as caught:
        run_apart(work, {})
    assert caught.value.path == "seeds/x.txt" and str(caught.value) == "seeds/x.txt: not UTF-8, GB18030 or Big5"


def test_an_error_that_cannot_be_pickled_comes_back_as_its_text():
    class Local(Exception):  # a class defined in a function cannot be pickled
        pass

    def work(emit):
        raise Local("the disk is full")

    with pytest.raises(KGError, match="Local: the disk is full"):
        run_apart(work, {})


def test_a_child_that_dies_is_an_error_not_a_hang():
    def work(emit):
        os.kill(os.getpid(), signal.SIGKILL)

    with pytest.raises(KGError, match="ended without a result \\(killed by signal 9\\)"):
        run_apart(work, {})


def _alive(pid: int) -> bool:
    """Whether the process runs (a zombie that no one reaped has ended)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


DIES_WITH_PARENT = """
import sys, time
from kg.apart import run_apart
def work(emit):
    import os
    emit("pid", os.getpid())
    time.sleep(60)
run_apart(work, {"pid": lambda pid: print(pid, flush=True)})
"""


def test_the_child_dies_when_its_parent_is_killed():
    parent = subprocess.Popen([sys.executable, "-c", DIES_WITH_PARENT], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    child = int(parent.stdout.readline())
    assert _alive(child)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child)


def test_a_failing_callback_stops_the_child():
    def work(emit):
        emit("pid", os.getpid())
        time.sleep(60)

    pids = []

    def callback(pid):
        pids.append(pid)
        raise KeyboardInterrupt  # what Ctrl-C raises in the parent while it relays

    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        run_apart(work, {"pid": callback})
    assert time.monotonic() - started < 30 and not _alive(pids[0])


def _sleeper(emit):
    """Forks a grandchild that keeps the pipe to the parent open (as extraction workers do), reports it."""
    grandchild = os.fork()
    if grandchild == 0:
        time.sleep(60)
        os._exit(0)
    emit("grandchild", grandchild)
    return grandchild


def test_a_child_killed_while_its_own_children_hold_the_pipe_is_an_error_and_takes_them_along():
    grandchildren = []

    def work(emit):
        _sleeper(emit)
        os.kill(os.getpid(), signal.SIGKILL)  # the OOM killer, say

    started = time.monotonic()
    with pytest.raises(KGError, match="killed by signal 9"):
        run_apart(work, {"grandchild": grandchildren.append})
    assert time.monotonic() - started < 30
    deadline = time.monotonic() + 10
    while _alive(grandchildren[0]) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(grandchildren[0])


def test_when_the_parent_stops_waiting_the_childs_own_children_go_too():
    grandchildren = []

    def work(emit):
        _sleeper(emit)
        time.sleep(60)

    def stop(pid):
        grandchildren.append(pid)
        raise RuntimeError("the terminal went away")

    with pytest.raises(RuntimeError):
        run_apart(work, {"grandchild": stop})
    deadline = time.monotonic() + 10
    while _alive(grandchildren[0]) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(grandchildren[0])


class NeedsTwo(Exception):
    """Pickles (by name, with its message as the one argument) but cannot be made again from that."""

    def __init__(self, a, b):
        super().__init__(f"{a}{b}")


def test_a_message_that_cannot_be_read_back_is_an_error_not_a_broken_stream():
    def work(emit):
        emit("progress", "x" * 200_000)  # more than a pipe holds, before the error
        raise NeedsTwo("a", "b")

    with pytest.raises(KGError, match="cannot be read back: TypeError"):
        run_apart(work, {})
