"""Keeping the search index in step with the database: one path for every index write.

Every change to an article (or to what its search document shows: its event, outlet, people) puts
the article's id in the IndexQueue table, inside the same transaction as the change. After the
commit, `drain()` rewrites or removes those documents in one Whoosh writer and deletes the queue
rows it handled. So:

- a crash between the database commit and the index write loses nothing (the rows stay queued);
- only one process writes at a time: a drain that finds the index locked leaves its rows to the
  process holding the lock, which re-reads the queue after it releases the lock (see `drain`);
- an ingest defers draining (`deferred_indexing`) and writes its documents in large batches,
  since Whoosh's cost is per commit and per update, not per document.
"""

import logging
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.db import transaction
from haystack import connections

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


def drain(wait_seconds: float = 0.0) -> int:
    """Write every queued article to the index; return how many documents were written or removed.

    With `wait_seconds=0` a locked index means "someone else is draining": we leave. That is safe
    because the lock holder reads the queue again after releasing the lock, and our rows were
    committed before we tried. A caller that must see an empty queue (an ingest finishing, the
    `check_index --fix` command) passes a wait and retries until then.
    """
    deadline = time.monotonic() + wait_seconds
    written = 0
    while True:
        pending = list(
            IndexQueue.objects.order_by("id").values_list("id", "article_id")[:BATCH_SIZE]
        )
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
        articles = list(index.index_queryset().filter(pk__in=article_ids))
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
