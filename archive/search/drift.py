"""Finding and repairing drift between the database and the search index.

Each search document stores a checksum of what it was built from (indexes.document_checksum), so
comparing is a read of stored fields on one side and a digest per article on the other: no
re-rendering of the index and no search per article.
"""

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field

from haystack import connections

from archive.models import Article
from archive.search import sync
from archive.search.indexes import ArticleIndex, document_checksum

log = logging.getLogger(__name__)

ARTICLE_CT = "archive.article"


@dataclass
class DriftReport:
    missing: set[int] = field(default_factory=set)  # in the database, not in the index
    extra: set[int] = field(default_factory=set)  # in the index, no longer (public) in the database
    stale: set[int] = field(default_factory=set)  # in both, but the document is out of date
    pending: int = 0  # queued updates not yet written
    unreadable: str | None = None  # the index could not be read at all

    @property
    def clean(self) -> bool:
        return not (self.missing or self.extra or self.stale or self.pending or self.unreadable)

    def describe(self) -> str:
        if self.unreadable:
            return f"The index cannot be read ({self.unreadable}); it must be rebuilt."
        if self.clean:
            return "The index agrees with the database."
        parts = []
        for label, ids in (("missing", self.missing), ("extra", self.extra), ("stale", self.stale)):
            if ids:
                sample = ", ".join(str(pk) for pk in sorted(ids)[:10])
                parts.append(
                    f"{len(ids)} {label} (articles {sample}{'…' if len(ids) > 10 else ''})"
                )
        if self.pending:
            parts.append(f"{self.pending} queued updates not yet written")
        return "Drift: " + "; ".join(parts) + "."


def database_checksums() -> dict[int, str]:
    queryset = ArticleIndex().index_queryset().order_by("pk")
    return {article.pk: document_checksum(article) for article in queryset.iterator(chunk_size=500)}


def index_checksums() -> dict[int, str | None]:
    return dict(_stored_documents())


def _stored_documents() -> Iterator[tuple[int, str | None]]:
    backend = connections["default"].get_backend()
    if not getattr(backend, "setup_complete", True):
        backend.setup()
    if hasattr(backend, "stored_checksums"):  # Elasticsearch: a scroll over every document
        yield from backend.stored_checksums()
        return
    whoosh_index = getattr(backend, "index", None)
    if whoosh_index is None:
        raise NotImplementedError("check_index reads Whoosh and Elasticsearch indexes only")
    with whoosh_index.refresh().searcher() as searcher:
        for stored in searcher.all_stored_fields():
            if stored.get("django_ct") == ARTICLE_CT:
                yield int(stored["django_id"]), stored.get("checksum")


def compare() -> DriftReport:
    report = DriftReport(pending=sync.pending_count())
    try:
        indexed = index_checksums()
    except NotImplementedError:
        raise
    except Exception as exc:  # A damaged or missing index is drift to repair, not a crash.
        log.warning("index unreadable: %r", exc)
        report.unreadable = repr(exc)
        return report
    stored = database_checksums()
    report.missing = set(stored) - set(indexed)
    report.extra = set(indexed) - set(stored)
    report.stale = {pk for pk in set(stored) & set(indexed) if stored[pk] != indexed[pk]}
    return report


def repair(report: DriftReport) -> None:
    """Queue every drifted article and write the queue. An unreadable index is rebuilt."""
    backend = connections["default"].get_backend()
    if report.unreadable:
        backend.clear()
        sync.enqueue(Article.objects.values_list("pk", flat=True))
    else:
        sync.enqueue(report.missing | report.extra | report.stale)
    sync.drain(wait_seconds=60)
