"""Running a pure function over a stream in worker processes, results in the stream's order.

An import stores captures one by one (the database decides duplicates and events, in order), but
cleaning them needs no database: `in_order` cleans the next few captures on another core while the
current one is stored. The stream is read lazily and at most `ahead` items are in flight, so memory
stays flat however long the batch.

Workers are forked (they start with the parent's modules already imported), and only from a
process with a single thread; elsewhere (a threaded web server, a test's event loop) it all runs
here. A worker that dies (killed, out of memory) loses nothing: the items it held are run again in
this process, and so is the rest of the stream. A worker whose parent dies exits rather than
lingering as an orphan.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

log = logging.getLogger(__name__)

Item = TypeVar("Item")
Result = TypeVar("Result")

# How often a worker checks that its parent is still alive.
PARENT_CHECK_SECONDS = 1.0


def can_fork() -> bool:
    """Forking is safe only from a process with one thread: a lock another thread holds at that
    moment (logging's, a database driver's) would stay locked forever in the child."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def in_order(
    fn: Callable[[Item], Result],
    items: Iterable[Item],
    *,
    wanted: Callable[[Item], bool] = lambda item: True,
    workers: int = 1,
    ahead: int = 16,
    here_first: int = 8,
) -> Iterator[tuple[Item, Result | None]]:
    """Yield `(item, fn(item))` for every item, in order; `(item, None)` for an item not `wanted`.

    `wanted` runs in this process, just before the item is handed out (e.g. "not a duplicate of a
    stored capture"): unwanted items cost no work. The first `here_first` wanted items run here
    (starting a worker costs more than a handful of items); so does everything with `workers=0`
    or where processes cannot be forked.
    """
    pool = None
    window: deque[tuple[Item, Future | _Here | None]] = deque()
    broken = workers < 1 or not can_fork()
    handed_out = 0
    try:
        for item in items:
            job: Future | _Here | None = None
            if wanted(item):
                job = _Here(fn, item)
                handed_out += 1
                if not broken and handed_out > here_first:
                    try:
                        pool = pool or _start_pool(workers)
                        job = pool.submit(fn, item)
                    except BrokenProcessPool:
                        broken = True
            window.append((item, job))
            while len(window) > ahead:
                outcome, broken = _result(window.popleft(), fn, broken)
                yield outcome
        while window:
            outcome, broken = _result(window.popleft(), fn, broken)
            yield outcome
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _start_pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_exit_with_parent,
        initargs=(os.getpid(),),
    )


class _Here:
    """An item to run in this process when its turn comes (one of the first few, or every item
    once there is no pool)."""

    def __init__(self, fn, item):
        self.fn, self.item = fn, item


def _result(entry, fn, broken: bool):
    item, job = entry
    if job is None:
        return (item, None), broken
    if isinstance(job, _Here):
        return (item, job.fn(job.item)), broken
    try:
        return (item, job.result()), broken
    except BrokenProcessPool:
        if not broken:
            log.warning("a cleaning worker process died; cleaning the rest in this process")
        return (item, fn(item)), True


def _exit_with_parent(parent_pid: int) -> None:
    """In a worker: exit as soon as the parent is gone (it cannot be waiting for us any more)."""

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()
