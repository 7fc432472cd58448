"""Importing captures: read → clean, extract (archive.ingest) → store → assign to an event → index.

`import_captures` does the work and returns a report; the `ingest` command only parses arguments
and prints it. One capture is one transaction: a broken file is reported and the rest imported.

Captures are stored one at a time, in order (the database decides duplicates and events), but the
work that needs no database (archive.ingest.prepare) runs a few captures ahead in a worker
process, and the search index is written by another (sync.IndexWriterProcess): on two cores the
three overlap. `INGEST_WORKERS=0` does everything in this process.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection, transaction

from archive.events import assign_event
from archive.ingest import Capture, OutletInfo, Rejected
from archive.ingest import prepare as preparing
from archive.ingest.officials import officials_named, principals
from archive.ingest.parallel import in_order
from archive.ingest.people import KnownPerson, full_spellings
from archive.ingest.prepare import TITLE_LENGTH, Job, PeopleNews, Prepared, content_hash, prepare
from archive.ingest.romanise import is_japanese_script
from archive.ingest.tenures import era_of, latest_in_era, shifted
from archive.models import Article, ArticleRevision, Event, Outlet, Person
from archive.outlets import OutletDirectory, new_outlet_fields
from archive.person_records import (
    SeenRoles,
    people_for,
    record_roles,
    registry_entries,
    registry_from_db,
)
from archive.provenance import provenance_of
from archive.search import sync

log = logging.getLogger(__name__)

# Queued index updates are written every this many captures, and at the end.
INDEX_BATCH = 200


@dataclass(frozen=True, slots=True)
class EventSummary:
    pk: int
    slug: str
    title: str
    url: str

    def get_absolute_url(self) -> str:
        return self.url


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """What a report says about an article: the `ingest --json` fields (INTERFACE.md), plus the
    title and event the admin's import page links to. Small, unlike an Article with its texts:
    a report of 100,000 captures keeps one per file."""

    pk: int
    title: str
    url: str
    published_on: str | None
    outlet: str
    original_outlet: str | None
    language: str
    source_url: str | None
    people: tuple[str, ...]
    review_reasons: tuple[str, ...]
    event: EventSummary

    def get_absolute_url(self) -> str:
        return self.url

    def as_dict(self) -> dict:
        return {
            "id": self.pk,
            "url": self.url,
            "title": self.title,
            "published_on": self.published_on,
            "outlet": self.outlet,
            "original_outlet": self.original_outlet,
            "language": self.language,
            "source_url": self.source_url,
            "people": list(self.people),
            "needs_review": list(self.review_reasons),
            "event": {"id": self.event.pk, "slug": self.event.slug, "url": self.event.url},
        }


@dataclass
class FileResult:
    path: str
    status: str  # created | duplicate | updated | rejected
    error: str | None = None
    # Filled in when the batch ends (`summarise`), so that it shows the article as the batch
    # left it; until then only `article_id` is known.
    article: ArticleSummary | None = None
    article_id: int | None = None

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "status": self.status,
            "error": self.error,
            "article": self.article.as_dict() if self.article else None,
        }


@dataclass
class ImportReport:
    files: list[FileResult] = field(default_factory=list)
    events_created: int = 0
    dry_run: bool = False
    # What a web archive held that is no capture (non-HTML, redirects, revisits…), by kind.
    skipped: dict[str, int] = field(default_factory=dict)
    # More sections of the JSON report, beside "files" and "summary" (`watch`: "feeds").
    extra: dict = field(default_factory=dict)

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
        report = {"files": [result.as_dict() for result in self.files], "summary": self.summary}
        if any(self.skipped.values()):
            report["skipped"] = dict(sorted(self.skipped.items()))
        return {**report, **self.extra}


def article_summary(article: Article) -> dict:
    """The article as the `ingest --json` report describes it (INTERFACE.md)."""
    return _summary_of(article, sorted(person.slug for person in article.people.all())).as_dict()


def _summary_of(article: Article, people: list[str]) -> ArticleSummary:
    event = article.event
    return ArticleSummary(
        pk=article.pk,
        title=article.title,
        url=article.get_absolute_url(),
        published_on=article.published_on.isoformat() if article.published_on else None,
        outlet=article.outlet.name,
        original_outlet=article.original_outlet.name if article.original_outlet else None,
        language=article.language,
        source_url=article.source_url or None,
        people=tuple(people),
        review_reasons=tuple(article.review_reasons),
        event=EventSummary(event.pk, event.slug, event.title, event.get_absolute_url()),
    )


# Articles summarised per query when a batch ends.
SUMMARY_CHUNK = 1000


def summarise(results: list[FileResult]) -> None:
    """Give each result the summary of its article as it is now: later captures of the batch
    may have dated it (a wire story's inferred year comes from another outlet's version) or
    merged its event. A few queries per thousand articles, never the texts."""
    ids = sorted({result.article_id for result in results if result.article_id})
    summaries: dict[int, ArticleSummary] = {}
    for start in range(0, len(ids), SUMMARY_CHUNK):
        chunk = ids[start : start + SUMMARY_CHUNK]
        people: dict[int, list[str]] = {}
        links = Article.people.through.objects.filter(article_id__in=chunk)
        for article_id, slug in links.values_list("article_id", "person__slug"):
            people.setdefault(article_id, []).append(slug)
        articles = (
            Article.objects.filter(pk__in=chunk)
            .select_related("outlet", "original_outlet", "event")
            .only(*_SUMMARY_FIELDS)
        )
        for article in articles:
            summaries[article.pk] = _summary_of(article, sorted(people.get(article.pk, [])))
    for result in results:
        result.article = summaries.get(result.article_id) if result.article_id else None


_SUMMARY_FIELDS = (
    "id", "title", "published_on", "language", "source_url", "review_flags",
    "outlet__name", "outlet__slug",
    "original_outlet__name", "original_outlet__slug",
    "event__slug", "event__title",
)  # fmt: skip


class _DryRunRollback(Exception):
    def __init__(self, report: "ImportReport"):
        self.report = report


def import_captures(
    paths: Iterable[str | Path],
    *,
    dry_run: bool = False,
    progress: Callable[[FileResult], None] | None = None,
) -> ImportReport:
    """Import every capture under `paths` (web archives' records too); return what happened to
    each.

    A dry run imports inside one transaction and rolls it back, so its report (events found,
    duplicates within the batch) is what a real run would say.
    """
    from archive.webarchive import read_all  # it reads captures the way this module stores them

    skipped: dict[str, int] = {}
    return import_items(
        read_all(paths, skipped), dry_run=dry_run, progress=progress, skipped=skipped
    )


def import_items(
    items: Iterable[Capture | Rejected | FileResult],
    *,
    dry_run: bool = False,
    progress: Callable[[FileResult], None] | None = None,
    skipped: dict[str, int] | None = None,
) -> ImportReport:
    """Import captures however they were read (files, a web archive, pages fetched from the web);
    an item that is already a result (a feed's item already captured) is reported as it is.
    `skipped` is filled while `items` are read, and becomes the report's."""
    if not dry_run:
        report = _import_all(items, dry_run=False, progress=progress)
    else:
        try:
            with transaction.atomic():
                raise _DryRunRollback(_import_all(items, dry_run=True, progress=progress))
        except _DryRunRollback as rollback:
            report = rollback.report
    report.skipped = skipped if skipped is not None else {}
    return report


class _Batch:
    """What one import batch shares: the people registry (rebuilt when a capture adds someone),
    the outlets and officials' roles already stored, and the captures stored so far, so that
    most captures cost no query for any of them.

    What a capture adds becomes shared only once its transaction commits (`keep`); a capture
    that fails leaves nothing behind (`forget`), since its rows were rolled back.
    """

    def __init__(self):
        self._registry = None
        self.added: list[KnownPerson] = []  # people the registry learnt during the batch
        self._spellings: list[tuple[frozenset[str], ...]] = []  # full_spellings of each
        self._news_given = 0
        self._outlets: dict[str, Outlet] = {}  # by the slug of the OutletInfo that named them
        self._directory: OutletDirectory | None = None  # the stored outlets, read once
        self._republishes: set[tuple[int, int]] = set()
        self._pending_outlets: dict[str, Outlet] = {}
        self._pending_republishes: set[tuple[int, int]] = set()
        self.roles: SeenRoles = {}
        self.spellings_checked: set[tuple[int, str]] = set()
        # Content hash -> article id of the captures this batch stored (None: now an older
        # version of its article), kept for the duplicate check (`stored_duplicate`).
        self._stored: dict[str, int | None] = {}
        self._pending_stored: dict[str, int | None] = {}

    @property
    def registry(self):
        if self._registry is None:
            self._registry = registry_from_db()
        return self._registry

    def people_added(self, people: list[Person]) -> None:
        """New officials were created: the registry learns them without a rebuild."""
        if self._registry is not None:
            for known in registry_entries(people):
                size = len(self._registry)
                self._registry.add(known)
                if len(self._registry) > size:
                    self.added.append(known)
                    self._spellings.append(full_spellings(known))
            preparing.registry_grew(len(self.added))

    def news(self) -> PeopleNews:
        """The people added since the last call (for the cleaning worker's registry)."""
        news = PeopleNews(self._news_given, tuple(self.added[self._news_given :]))
        self._news_given = len(self.added)
        return news

    def mentions(self, prepared: Prepared) -> tuple[list, bool]:
        """The officials `prepared` names, as the registry knows them now: found while it was
        prepared, unless someone added since could be among them (then found again, and the
        second value is True: whom the meeting is between must be found again too). A new
        name in Japanese script may read as someone added since (`Registry.reading`)."""
        extracted = prepared.extracted
        if prepared.mentions is not None:
            since = self._spellings[prepared.registry_version :]
            words = prepared.words
            named = any(spelling <= words for spellings in since for spelling in spellings)
            read_as = bool(since) and any(
                m.slug is None and is_japanese_script(m.name) for m in prepared.mentions
            )
            if not (named or read_as):
                return prepared.mentions, False
        return officials_named(extracted, self.registry), True

    @property
    def directory(self) -> OutletDirectory:
        if self._directory is None:
            self._directory = OutletDirectory.load()
        return self._directory

    def outlet(self, info: OutletInfo) -> Outlet:
        """The stored outlet `info` names (by domain, slug, name or alias: see OutletDirectory),
        created when there is none."""
        outlet = self._outlets.get(info.slug) or self._pending_outlets.get(info.slug)
        if outlet is None:
            outlet = self.directory.find(info)
            if outlet is None:
                outlet, _ = Outlet.objects.get_or_create(
                    slug=info.slug, defaults=new_outlet_fields(info)
                )
            self._pending_outlets[info.slug] = outlet
        if info.domain and not outlet.domain:
            # An outlet known by name (a hint, an editor's), now met on the web: the next
            # capture of that domain is its.
            outlet.domain = info.domain
            outlet.save(update_fields=["domain", "updated_at"])
            self._pending_outlets[info.slug] = outlet  # the directory learns it when kept
        return outlet

    def republishes(self, outlet: Outlet, original: Outlet) -> None:
        """Record that `outlet` republishes `original` (once per batch)."""
        pair = (outlet.pk, original.pk)
        if pair not in self._republishes and pair not in self._pending_republishes:
            outlet.republishes.add(original)
            self._pending_republishes.add(pair)

    def stored(self, digest: str, article_id: int | None) -> None:
        self._pending_stored[digest] = article_id

    def stored_duplicate(self, path: str, digest: str) -> FileResult | None:
        """A capture the batch stored after this one was checked against the database."""
        if digest not in self._stored:
            return None
        article_id = self._stored[digest]
        return FileResult(path, "duplicate", article_id=article_id)

    def keep(self) -> None:
        self._outlets.update(self._pending_outlets)
        if self._directory is not None:
            for outlet in self._pending_outlets.values():
                self._directory.add(outlet)
        self._republishes |= self._pending_republishes
        self._stored.update(self._pending_stored)
        self._clear_pending()

    def forget(self) -> None:
        self._clear_pending()
        # They may hold a change that was rolled back (a domain): read again.
        self._directory = None
        self._outlets.clear()
        self.roles.clear()  # may hold dates that were rolled back
        self.spellings_checked.clear()  # and aliases

    def _clear_pending(self) -> None:
        self._pending_outlets.clear()
        self._pending_republishes.clear()
        self._pending_stored.clear()


def _import_all(items, *, dry_run: bool, progress) -> ImportReport:
    report = ImportReport(dry_run=dry_run)
    batch = _Batch()
    new_events: set[int] = set()
    jobs = (Job(item, batch.news()) if isinstance(item, Capture) else item for item in items)
    captures = in_order(
        preparing.prepare_job,
        jobs,
        wanted=_is_new,
        # One worker: the registry's news reach it in order (and it keeps up with the importer).
        workers=min(1, settings.ARCHIVE_INGEST_WORKERS),
    )
    preparing.share_registry(batch.registry)  # before the worker is forked: it takes a copy
    with sync.deferred_indexing():
        index_writer = None if dry_run else sync.IndexWriterProcess()
        try:
            for item, prepared in captures:
                if isinstance(item, FileResult):
                    result = item
                elif isinstance(item, Rejected):
                    result = FileResult(item.path, "rejected", item.reason)
                else:
                    result, event_id = import_capture(item.capture, batch, prepared)
                    if event_id:
                        new_events.add(event_id)
                report.files.append(result)
                if progress:
                    progress(result)
                if index_writer and len(report.files) % INDEX_BATCH == 0:
                    index_writer.request_drain()
            # While the writer process indexes the last captures: events created, less those a
            # later capture merged into another; each result's article as the batch left it.
            report.events_created = Event.objects.filter(pk__in=new_events).count()
            summarise(report.files)
        finally:
            captures.close()  # stops the cleaning worker, also when a capture raised
            preparing.share_registry(None)
            if index_writer:
                # Wait out a lock held by a web worker: the archive is up to date once the queue
                # is empty.
                index_writer.close(wait_seconds=60)
    return report


def _is_new(item: Job | Rejected) -> bool:
    """Worth cleaning: a capture not stored yet (re-importing a folder cleans nothing twice)."""
    if not isinstance(item, Job):
        return False
    return _duplicate(item.capture.path, content_hash(item.capture)) is None


def _duplicate(path: str, digest: str) -> FileResult | None:
    """The capture stored already: as an article (reported with it), or as an older version of
    one. One statement, not two ORM queries: every capture of every import is checked."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {quote(Article._meta.db_table)} WHERE content_hash = %s"
            f" UNION ALL SELECT NULL FROM {quote(ArticleRevision._meta.db_table)}"
            " WHERE content_hash = %s",
            [digest, digest],
        )
        found = [article_id for (article_id,) in cursor.fetchall()]
    if not found:
        return None
    article_id = next((pk for pk in found if pk is not None), None)
    return FileResult(path, "duplicate", article_id=article_id)


def import_capture(
    capture: Capture, batch: _Batch | None = None, prepared: Prepared | None = None
) -> tuple[FileResult, int | None]:
    """Import one capture in its own transaction; return its result and the id of the event it
    created, if it created one. `prepared` is the capture already cleaned (`prepare`) by an
    import batch, which checked it against the database first (`_is_new`): then only the
    captures the batch stored since can be the same."""
    digest = prepared.content_hash if prepared else content_hash(capture)
    if prepared and batch:
        duplicate = batch.stored_duplicate(capture.path, digest)
    else:
        duplicate = _duplicate(capture.path, digest)
    if duplicate:
        return duplicate, None
    prepared = prepared or prepare(capture, digest)
    if prepared.error:
        return FileResult(capture.path, "rejected", prepared.error), None
    batch = batch or _Batch()
    try:
        with transaction.atomic():
            stored = _store(prepared, batch)
    except DatabaseError as exc:  # e.g. a value the database refuses; the batch goes on
        batch.forget()
        # Or another import stored the same capture meanwhile (content hashes are unique).
        duplicate = _duplicate(capture.path, digest)
        if duplicate:
            return duplicate, None
        log.exception("could not store %s", capture.path)
        return FileResult(capture.path, "rejected", f"could not be stored: {exc}"), None
    batch.keep()
    return stored


def _year_within_terms(article: Article) -> None:
    """A guessed year moved into the terms of the officials the meeting is between: a page
    that gives "6 September" and no year, naming two speakers who held office together from
    2021 to 2024, was written in one of those years, not in the year it was imported. The
    year stays marked as inferred."""
    if not article.year_inferred or article.published_on is None:
        return
    day = latest_in_era(article.published_on, era_of(article.fingerprint.get("principals", ())))
    if day is None or day == article.published_on:
        return
    years = day.year - article.published_on.year
    article.published_on = day
    if article.occurred_on is not None:
        article.occurred_on = shifted(article.occurred_on, years)
        article.fingerprint = {**article.fingerprint, "occurred": article.occurred_on.isoformat()}


def _store(prepared: Prepared, batch: _Batch) -> tuple[FileResult, int | None]:
    capture, extracted = prepared.capture, prepared.extracted
    previous = (
        Article.objects.filter(url=capture.url).order_by("-pk").first() if capture.url else None
    )
    article = previous or Article()
    if previous:
        # A changed capture of a URL we have: keep the old capture verbatim, update the article.
        batch.stored(previous.content_hash, None)
        ArticleRevision.objects.create(
            article=previous,
            raw=previous.raw,
            raw_format=previous.raw_format,
            content_hash=previous.content_hash,
            captured_at=previous.captured_at,
            capture_method=previous.capture_method,
            capture_detail=previous.capture_detail,
        )
    article.outlet = batch.outlet(extracted.outlet)
    article.original_outlet = (
        batch.outlet(extracted.original_outlet) if extracted.original_outlet else None
    )
    if article.original_outlet:
        batch.republishes(article.outlet, article.original_outlet)
    article.title = extracted.title[:TITLE_LENGTH]
    article.body = extracted.body
    article.blocks = extracted.blocks
    article.captions = extracted.captions
    article.credit = (extracted.credit or "")[:200]
    article.language = extracted.language
    article.published_on = extracted.published_on
    article.year_inferred = extracted.year_inferred
    article.occurred_on = getattr(extracted, "occurred_on", None)
    article.place = (extracted.place or "")[:200]
    article.url = (capture.url or "")[:500]
    article.source_url = (extracted.source_url or "")[:500]
    article.captured_at = capture.captured_at
    article.capture_method, article.capture_detail = provenance_of(capture)
    article.raw = prepared.raw  # text verbatim, HTML sanitised (nothing executable is stored)
    article.raw_format = capture.format
    article.content_hash = prepared.content_hash
    mentions, found_again = batch.mentions(prepared)
    # Whom the meeting is between, found again with the registry as it is before this story's
    # new officials join it (a new name must not read as itself).
    between = principals(extracted, batch.registry, mentions) if found_again else None
    people, new_person, roles_seen = people_for(mentions, batch.spellings_checked)
    if new_person:
        batch.people_added([person for person in people if person.needs_review])
    # Whether the outlet is new to the archive is the stored outlet's to say: one an editor
    # added or confirmed is known, though the registry lacks it.
    flags = [flag for flag in extracted.review_reasons if flag != "unknown_outlet"]
    if article.outlet.needs_review:
        flags.append("unknown_outlet")
    article.review_reasons = [*flags, *(["new_person"] if new_person else [])]
    article.fingerprint = prepared.fingerprint
    if between is not None:
        article.fingerprint = {**article.fingerprint, "principals": between}
    _year_within_terms(article)
    event, created = assign_event(article, people=people)
    record_roles(roles_seen, article, batch.roles)
    batch.stored(article.content_hash, article.pk)
    status = "updated" if previous else "created"
    return FileResult(capture.path, status, article_id=article.pk), event.pk if created else None
