"""Keeping the search index in step with the database: one path for every index write.

Every change to an article (or to what its search document shows: its event, outlet, people) puts
the article's id in the IndexQueue table, inside the same transaction as the change. After the
commit, `drain()` rewrites or removes those documents in one Whoosh writer and deletes the queue
rows it handled. So:

- a crash between the database commit and the index write loses nothing (the rows stay queued);
- only one process writes at a time: a drain that finds the index locked leaves its rows to the
  process holding the lock, which re-reads the queue after it releases the lock (see `drain`);
- an ingest defers draining (`deferred_indexing`) and writes its documents in large batches,
  since Whoosh's cost is per commit and per update, not per document; on a machine with cores to
  spare it drains in a child process (`IndexWriterProcess`) while it stores the next captures.
"""

import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress

from django.conf import settings
from django.db import connection, transaction
from django.db import connections as databases
from haystack import connections

from archive.ingest.parallel import can_fork
from archive.models import Article, IndexQueue

log = logging.getLogger(__name__)

BATCH_SIZE = 500
_state = threading.local()


class IndexBusy(Exception):
    """Another process holds the index's write lock."""


def enqueue(article_ids: Iterable[int]) -> None:
    """Queue these articles for re-indexing, and drain once the current transaction commits."""
    ids = sorted(set(article_ids))
    if not ids:
        return
    IndexQueue.objects.bulk_create([IndexQueue(article_id=pk) for pk in ids])
    if not getattr(_state, "deferred", False):
        transaction.on_commit(drain)


@contextmanager
def deferred_indexing() -> Iterator[None]:
    """Queue index updates without draining them; the caller drains when it chooses."""
    previous = getattr(_state, "deferred", False)
    _state.deferred = True
    try:
        yield
    finally:
        _state.deferred = previous


def pending_count() -> int:
    return IndexQueue.objects.count()


def drain(wait_seconds: float = 0.0, *, queued_by_now: bool = False) -> int:
    """Write every queued article to the index; return how many documents were written or removed.

    With `wait_seconds=0` a locked index means "someone else is draining": we leave. That is safe
    because the lock holder reads the queue again after releasing the lock, and our rows were
    committed before we tried. A caller that must see an empty queue (an ingest finishing, the
    `check_index --fix` command) passes a wait and retries until then.

    `queued_by_now` writes only the rows queued when the drain starts: an importer's writer
    process, whose importer queues rows all the time, would otherwise commit a small segment
    for every few rows that arrived during its last commit (Whoosh's cost is per commit).
    """
    deadline = time.monotonic() + wait_seconds
    written = 0
    rows = IndexQueue.objects.order_by("id")
    if queued_by_now:
        last = rows.values_list("id", flat=True).last()
        rows = rows.filter(id__lte=last or 0)
    while True:
        pending = list(rows.values_list("id", "article_id")[:BATCH_SIZE])
        if not pending:
            return written
        try:
            written += _write(pending)
        except IndexBusy:
            if time.monotonic() >= deadline:
                log.info("index busy; %d queued updates left to the lock holder", len(pending))
                return written
            time.sleep(0.1)


def _write(pending: list[tuple[int, int]]) -> int:
    article_ids = {article_id for _, article_id in pending}
    index = connections["default"].get_unified_index().get_index(Article)
    backend = connections["default"].get_backend()

    def load() -> tuple[list[Article], list[str]]:
        articles = index.indexable(article_ids)
        # Deleted articles, and articles of events that are not (or no longer) published.
        gone = article_ids - {article.pk for article in articles}
        return articles, [f"archive.article.{pk}" for pk in sorted(gone)]

    write_batch = getattr(backend, "write_batch", None)
    if write_batch is not None:
        # Read under the index's lock: a drain that read earlier cannot overwrite our newer copy.
        write_batch(index, load=load)
    else:  # A backend without batches (Elasticsearch) takes them one call at a time.
        articles, gone = load()
        if articles:
            backend.update(index, articles)
        for identifier in gone:
            backend.remove(identifier)
    # Delete exactly the rows we handled: a row queued meanwhile (even with a lower id, committed
    # late) stays for the next round.
    IndexQueue.objects.filter(id__in=[row_id for row_id, _ in pending]).delete()
    return len(article_ids)


class IndexWriterProcess:
    """Drains the queue in a child process, on request, while this process goes on.

    An import asks for a drain every few hundred captures; analysing and committing those
    documents is a good part of its work, and here it runs on another core. The child is
    forked at the start (so it has this process's settings) and reads the database through its
    own connections. It only ever runs `drain`, so the queue's guarantees hold: a child that dies
    leaves its rows queued, and `close` drains whatever is left in this process.

    Where a child cannot help, `request_drain` simply drains here: one core, no fork (or other
    threads running: see archive.ingest.parallel.can_fork), inside a transaction (the child would
    not see uncommitted rows), or an in-memory SQLite database (the child would write to its own
    copy).
    """

    def __init__(self):
        self._pipe = None
        self._process = None
        if _child_can_drain():
            databases.close_all()  # the child must not share this process's connections
            context = multiprocessing.get_context("fork")
            self._pipe, child_end = context.Pipe()
            self._process = context.Process(
                target=_serve_drains,
                args=(child_end, self._pipe, os.getpid()),
                name="index-writer",
                daemon=True,
            )
            self._process.start()
            child_end.close()

    def request_drain(self) -> None:
        """Drain soon (in the child), or now (here). Requests made while the child is busy
        wait their turn; each writes what is queued when the child reads it, and `close`
        writes whatever came after the last one, so nothing is missed."""
        if self._process is None:
            drain()
            return
        try:
            self._pipe.send("drain")
        except (BrokenPipeError, OSError):  # the child died: carry on here
            log.warning("the index writer process is gone; indexing in this process")
            self._stop()
            drain()

    def close(self, wait_seconds: float = 60.0) -> None:
        """Wait for the child's drains, then drain what is left here: when this returns the
        queue is empty (unless another process holds the index lock longer than the wait)."""
        self._stop()
        drain(wait_seconds=wait_seconds)

    def _stop(self) -> None:
        if self._process is None:
            return
        with suppress(BrokenPipeError, OSError):
            self._pipe.send("stop")
        self._process.join()
        if self._process.exitcode != 0:
            log.warning("the index writer process ended with status %s", self._process.exitcode)
        self._pipe.close()
        self._process = self._pipe = None


def _child_can_drain() -> bool:
    return (
        settings.ARCHIVE_INGEST_WORKERS > 0
        and can_fork()
        and not connection.in_atomic_block
        and not (connection.vendor == "sqlite" and connection.is_in_memory_db())
    )


def _serve_drains(pipe, parent_end, parent_pid: int) -> None:
    """The child: drain on each request until told to stop (or the parent is gone)."""
    parent_end.close()
    status = 0
    try:
        while True:
            if not pipe.poll(1.0):
                if os.getppid() != parent_pid:  # the parent was killed: nobody waits for us
                    break
                continue
            if pipe.recv() == "stop":
                break
            try:
                drain(wait_seconds=60, queued_by_now=True)
            except Exception:  # the rows stay queued: the parent drains them at the end
                log.exception("the index writer process could not drain the queue")
                status = 1
    except (EOFError, OSError):
        pass
    finally:
        databases.close_all()
        os._exit(status)  # not the parent's exit handlers: they are the parent's business
