"""Importing captures: read → clean, extract (archive.ingest) → store → assign to an event → index.

`import_captures` does the work and returns a report; the `ingest` command only parses arguments
and prints it. One capture is one transaction: a broken file is reported and the rest imported.
"""

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import DatabaseError, transaction

from archive.events import assign_event
from archive.ingest import (
    Capture,
    IngestError,
    OutletInfo,
    Rejected,
    extract,
    grouping,
    read_captures,
)
from archive.ingest.people import find_people, story_text
from archive.ingest.sanitize import sanitize_html
from archive.models import Article, ArticleRevision, Event, Outlet, Person
from archive.people import people_for, registry_entries, registry_from_db
from archive.search import sync

log = logging.getLogger(__name__)

# Queued index updates are written every this many captures, and at the end.
INDEX_BATCH = 200


@dataclass
class FileResult:
    path: str
    status: str  # created | duplicate | updated | rejected
    error: str | None = None
    article: Article | None = None

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "status": self.status,
            "error": self.error,
            "article": article_summary(self.article) if self.article else None,
        }


@dataclass
class ImportReport:
    files: list[FileResult] = field(default_factory=list)
    events_created: int = 0
    dry_run: bool = False

    def count(self, status: str) -> int:
        return sum(1 for result in self.files if result.status == status)

    @property
    def summary(self) -> dict:
        counts = {s: self.count(s) for s in ("created", "duplicate", "updated", "rejected")}
        return {**counts, "events_created": self.events_created}

    @property
    def ok(self) -> bool:
        return self.count("rejected") == 0

    def as_dict(self) -> dict:
        return {"files": [result.as_dict() for result in self.files], "summary": self.summary}


def article_summary(article: Article) -> dict:
    """The article as the `ingest --json` report describes it (INTERFACE.md)."""
    return {
        "id": article.pk,
        "url": article.get_absolute_url(),
        "title": article.title,
        "published_on": article.published_on.isoformat() if article.published_on else None,
        "outlet": article.outlet.name,
        "original_outlet": article.original_outlet.name if article.original_outlet else None,
        "language": article.language,
        "source_url": article.source_url or None,
        "people": sorted(person.slug for person in article.people.all()),
        "needs_review": article.needs_review,
        "event": {
            "id": article.event.pk,
            "slug": article.event.slug,
            "url": article.event.get_absolute_url(),
        },
    }


class _DryRunRollback(Exception):
    def __init__(self, report: "ImportReport"):
        self.report = report


def import_captures(
    paths: Iterable[str | Path],
    *,
    dry_run: bool = False,
    progress: Callable[[FileResult], None] | None = None,
) -> ImportReport:
    """Import every capture under `paths`; return what happened to each.

    A dry run imports inside one transaction and rolls it back, so its report (events found,
    duplicates within the batch) is what a real run would say.
    """
    if not dry_run:
        return _import_all(paths, dry_run=False, progress=progress)
    try:
        with transaction.atomic():
            raise _DryRunRollback(_import_all(paths, dry_run=True, progress=progress))
    except _DryRunRollback as rollback:
        return rollback.report


class _Batch:
    """What one import batch shares: the people registry, rebuilt when a capture adds someone."""

    def __init__(self):
        self._registry = None

    @property
    def registry(self):
        if self._registry is None:
            self._registry = registry_from_db()
        return self._registry

    def people_added(self, people: list[Person]) -> None:
        """New officials were created: the registry learns them without a rebuild."""
        if self._registry is not None:
            for known in registry_entries(people):
                self._registry.add(known)


def _import_all(paths, *, dry_run: bool, progress) -> ImportReport:
    report = ImportReport(dry_run=dry_run)
    batch = _Batch()
    new_events: set[int] = set()
    with sync.deferred_indexing():
        for item in read_captures(paths):
            if isinstance(item, Rejected):
                result = FileResult(item.path, "rejected", item.reason)
            else:
                result, event_id = import_capture(item, batch)
                if event_id:
                    new_events.add(event_id)
            report.files.append(result)
            if progress:
                progress(result)
            if not dry_run and len(report.files) % INDEX_BATCH == 0:
                sync.drain()
        if not dry_run:
            # Wait out a lock held by a web worker: the archive is up to date once this is empty.
            sync.drain(wait_seconds=60)
    # Events created, less those a later capture merged into another.
    report.events_created = Event.objects.filter(pk__in=new_events).count()
    _reload_articles(report)
    return report


def _reload_articles(report: ImportReport) -> None:
    """Show each article as the batch left it: later captures may have dated it or merged its
    event (a wire story's inferred year comes from another outlet's version)."""
    ids = [result.article.pk for result in report.files if result.article]
    current = _with_summary_fields(Article.objects.filter(pk__in=ids)).in_bulk()
    for result in report.files:
        if result.article and result.article.pk in current:
            result.article = current[result.article.pk]


def import_capture(capture: Capture, batch: _Batch | None = None) -> tuple[FileResult, int | None]:
    """Import one capture in its own transaction; return its result and the id of the event it
    created, if it created one."""
    content_hash = hashlib.sha256(capture.raw.encode("utf-8")).hexdigest()
    if (
        Article.objects.filter(content_hash=content_hash).exists()
        or ArticleRevision.objects.filter(content_hash=content_hash).exists()
    ):
        existing = Article.objects.filter(content_hash=content_hash).first()
        return FileResult(capture.path, "duplicate", article=existing), None
    try:
        extracted = extract(capture)
    except IngestError as exc:
        return FileResult(capture.path, "rejected", str(exc)), None
    except Exception as exc:  # A bug on one odd capture must not stop the batch; it is reported.
        log.exception("could not extract %s", capture.path)
        return FileResult(capture.path, "rejected", f"internal error while cleaning: {exc!r}"), None
    try:
        with transaction.atomic():
            return _store(capture, extracted, content_hash, batch or _Batch())
    except DatabaseError as exc:  # e.g. a value the database refuses; the batch goes on
        log.exception("could not store %s", capture.path)
        return FileResult(capture.path, "rejected", f"could not be stored: {exc}"), None


def _store(
    capture: Capture, extracted, content_hash: str, batch: _Batch
) -> tuple[FileResult, int | None]:
    previous = (
        Article.objects.filter(url=capture.url).order_by("-pk").first() if capture.url else None
    )
    article = previous or Article()
    if previous:
        # A changed capture of a URL we have: keep the old capture verbatim, update the article.
        ArticleRevision.objects.create(
            article=previous,
            raw=previous.raw,
            raw_format=previous.raw_format,
            content_hash=previous.content_hash,
            captured_at=previous.captured_at,
        )
    article.outlet = _outlet(extracted.outlet)
    article.original_outlet = (
        _outlet(extracted.original_outlet) if extracted.original_outlet else None
    )
    if article.original_outlet:
        article.outlet.republishes.add(article.original_outlet)
    article.title = extracted.title[:300]
    article.body = extracted.body
    article.blocks = extracted.blocks
    article.captions = extracted.captions
    article.credit = (extracted.credit or "")[:200]
    article.language = extracted.language
    article.published_on = extracted.published_on
    article.year_inferred = extracted.year_inferred
    article.place = (extracted.place or "")[:200]
    article.url = (capture.url or "")[:500]
    article.source_url = (extracted.source_url or "")[:500]
    article.captured_at = capture.captured_at
    # Text is kept verbatim; HTML only sanitised (nothing executable is ever stored).
    article.raw = sanitize_html(capture.raw) if capture.format == "html" else capture.raw
    article.raw_format = capture.format
    article.content_hash = content_hash
    mentions = find_people(story_text(extracted), batch.registry, extracted.language)
    people, new_person = people_for(mentions, extracted.published_on)
    if new_person:
        batch.people_added([person for person in people if person.needs_review])
    article.needs_review = [*extracted.needs_review, *(["new_person"] if new_person else [])]
    article.fingerprint = grouping.fingerprint(
        grouping.evidence_of(
            title=article.title,
            body=article.body,
            published_on=article.published_on,
            year_inferred=article.year_inferred,
            language=article.language,
            people=[person.slug for person in people],
        )
    )
    event, created = assign_event(article, people=people)
    status = "updated" if previous else "created"
    return FileResult(capture.path, status, article=article), event.pk if created else None


def _outlet(info: OutletInfo) -> Outlet:
    outlet, _ = Outlet.objects.get_or_create(
        slug=info.slug,
        defaults={"name": info.name, "domain": info.domain or "", "country": info.country or ""},
    )
    return outlet


def _with_summary_fields(queryset):
    return queryset.select_related("outlet", "original_outlet", "event").prefetch_related("people")
