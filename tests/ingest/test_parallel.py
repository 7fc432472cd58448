"""`in_order`: a pure function over a stream in a worker process, results in the stream's order,
nothing lost when the worker dies, no worker left behind when its parent dies."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from archive.ingest.parallel import in_order

REPO = Path(__file__).resolve().parents[2]
PARENT = os.getpid()


def square_where(item: int) -> tuple[int, int]:
    """The square, and the process that computed it."""
    return item * item, os.getpid()


def die_in_worker_at_12(item: int) -> tuple[int, int]:
    if item == 12 and os.getpid() != PARENT:
        os.kill(os.getpid(), signal.SIGKILL)
    return square_where(item)


# Forking is refused in a process with other threads (see can_fork), and a test session has some
# once the browser tests ran: the checks that need a worker run in a fresh interpreter.
def in_a_fresh_process(check: str) -> None:
    ran = subprocess.run(
        [sys.executable, "-c", f"from tests.ingest import test_parallel as t; t.{check}()"],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr[-3000:]


def test_results_come_in_order_and_most_from_the_worker():
    in_a_fresh_process("check_order_and_where")


def test_a_dead_worker_loses_nothing():
    in_a_fresh_process("check_a_dead_worker_loses_nothing")


def test_stopping_early_stops_the_worker():
    in_a_fresh_process("check_stopping_early_stops_the_worker")


def check_order_and_where():
    results = list(in_order(square_where, range(100), workers=1, ahead=5, here_first=8))
    assert [item for item, _ in results] == list(range(100))
    assert [square for _, (square, _) in results] == [n * n for n in range(100)]
    where = [pid for _, (_, pid) in results]
    assert where[:8] == [PARENT] * 8  # a handful is cleaned here before a worker is worth it
    assert all(pid != PARENT for pid in where[8:])
    assert not multiprocessing.active_children()  # the worker is gone once the stream ends


def test_without_workers_everything_runs_here():
    results = list(in_order(square_where, range(30), workers=0))
    assert [result for _, result in results] == [(n * n, PARENT) for n in range(30)]


def test_unwanted_items_are_passed_through_without_work():
    results = list(in_order(square_where, range(40), wanted=lambda n: n % 3 != 0, here_first=2))
    assert [item for item, _ in results] == list(range(40))
    for item, result in results:
        assert (result is None) == (item % 3 == 0)
        if result is not None:
            assert result[0] == item * item


def check_a_dead_worker_loses_nothing():
    results = list(in_order(die_in_worker_at_12, range(40), workers=1, ahead=4, here_first=2))
    assert [item for item, _ in results] == list(range(40))
    assert [square for _, (square, _) in results] == [n * n for n in range(40)]
    # Before the killed item a worker computed them; from it on, this process.
    assert any(pid != PARENT for _, (_, pid) in results[:12])
    assert all(pid == PARENT for _, (_, pid) in results[12:])


def check_stopping_early_stops_the_worker():
    stream = in_order(square_where, range(10_000), workers=1, here_first=0)
    assert next(stream)[1][0] == 0
    assert multiprocessing.active_children()
    stream.close()
    assert not multiprocessing.active_children()


# A parent that starts a worker, prints its pid, and is killed before the stream ends.
ORPHAN = """
import multiprocessing, os, signal, time
from archive.ingest.parallel import in_order
def slow(item):
    time.sleep(0.05)
    return item
stream = in_order(slow, range(10_000), workers=1, here_first=0)
next(stream)
print(*[child.pid for child in multiprocessing.active_children()], flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_worker_exits_when_its_parent_is_killed():
    parent = subprocess.run(
        [sys.executable, "-c", ORPHAN], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert parent.returncode == -signal.SIGKILL
    workers = [int(pid) for pid in parent.stdout.split()]
    assert workers, parent.stderr
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers):
        assert time.monotonic() < deadline, f"worker {workers} outlived its parent"
        time.sleep(0.1)


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "State:\tZ" not in status  # a zombie has exited; only its entry waits to be reaped


def test_a_process_with_other_threads_does_not_fork():
    # A lock another thread held at the fork would stay locked in the child for ever.
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        results = list(in_order(square_where, range(30), workers=1, here_first=0))
    finally:
        release.set()
        other.join()
    assert [result for _, result in results] == [(n * n, PARENT) for n in range(30)]
