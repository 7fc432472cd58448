"""The archive's records: outlets, officials, events, and the articles (versions) that tell them.

The database is the source of truth; the search index (archive/search/) is derived from it and can
always be rebuilt.
"""

from collections import OrderedDict
from contextlib import contextmanager

from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from simple_history.models import HistoricalRecords, HistoryDescriptor

from archive.ingest.spellings import spellings_of_places_in
from archive.ingest.text import fold, slugify

REVIEW_FLAGS = {
    "no_headline": "No headline: title derived from the text",
    "no_date": "No publication date found",
    "year_inferred": "Year of the date inferred, not given",
    "date_disputed": "The page's dates disagree (the first one found is kept)",
    "date_from_text": "No date on the page: the date the story tells is shown",
    "unknown_outlet": "Outlet not recognised",
    "new_person": "New official found by a title pattern",
    "event_uncertain": "Joined its event on officials and place alone (no date to check)",
}


def month_day(day) -> int | None:
    return day.month * 100 + day.day if day else None


def unique_slug(model: type[models.Model], text: str, max_length: int = 80) -> str:
    """A slug for `text`, suffixed -2, -3… until no row of `model` has it."""
    base = slugify(text, max_length=max_length - 4) or "item"
    # The suffixes are looked up a hundred at a time, not one query per suffix tried: wire stories
    # repeat their headlines, and at 50,000 articles half the events' slugs were numbered (up to
    # -53). By exact values (the unique index), not a range of slugs, which would depend on the
    # database's collation. The look-up starts from the suffix this process last gave the same
    # base (a hint; every slug is still checked): a headline repeated a thousand times in an
    # import would otherwise cost ten queries for its thousandth event, a cost that grew with
    # the archive (docs/measurements.md).
    # The base itself is always tried first: once its row is gone it is free again.
    key = (model._meta.label, base)
    first = _SUFFIX_HINTS.pop(key, 2)
    while True:
        numbers = [1, *range(first, first + 99)] if first > 1 else range(1, 100)
        tried = {number: base if number == 1 else f"{base}-{number}" for number in numbers}
        taken = set(model.objects.filter(slug__in=tried.values()).values_list("slug", flat=True))
        for number, slug in tried.items():
            if slug not in taken:
                _SUFFIX_HINTS[key] = max(number + 1, 2)
                while len(_SUFFIX_HINTS) > SUFFIX_HINTS:
                    _SUFFIX_HINTS.popitem(last=False)
                return slug
        first = max(tried) + 1


# The next suffix to try per (model, base slug), the most recently used last.
SUFFIX_HINTS = 10_000
_SUFFIX_HINTS: OrderedDict[tuple[str, str], int] = OrderedDict()


class _HistoryDescriptor(HistoryDescriptor):
    """`Model.history`, with its manager class made once: simple_history makes it anew (with
    `inspect.getmembers`) on every access, and each history record written accesses it: about a
    tenth of the cost of saving an article during an import."""

    @cached_property
    def _manager_type(self):
        return self.manager_class.from_queryset(self.queryset_class)

    def __get__(self, instance, owner):
        return self._manager_type(self.model, instance)


class History(HistoricalRecords):
    """simple_history's records, reachable from the model, so that several saves of one object
    can write one record (`saves_without_history`, then `record_history`)."""

    def contribute_to_class(self, cls, name):
        super().contribute_to_class(cls, name)
        cls._history_records = self

    def finalize(self, sender, **kwargs):
        super().finalize(sender, **kwargs)
        descriptor = sender.__dict__.get(self.manager_name)
        if sender is self.cls and type(descriptor) is HistoryDescriptor:
            setattr(
                sender,
                self.manager_name,
                _HistoryDescriptor(
                    descriptor.model, descriptor.manager_class, descriptor.queryset_class
                ),
            )


@contextmanager
def saves_without_history(instance: models.Model):
    """Saves of `instance` (and changes to its many-to-many fields) in the block write no history
    record; the caller writes one for the end state with `record_history`. An import changes a
    new event three times (created, officials added, refreshed): one record says it all, and a
    record of an event copies all its officials' links."""
    instance.skip_history_when_saving = True
    try:
        yield
    finally:
        del instance.skip_history_when_saving


def record_history(instance: models.Model, history_type: str = "~") -> None:
    """Write a history record of `instance` as it is now ("+" created, "~" changed)."""
    type(instance)._history_records.create_historical_record(instance, history_type)


class Timestamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Outlet(Timestamped):
    """A publisher: a news agency, a newspaper, or an aggregator that republishes others."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    domain = models.CharField(max_length=200, blank=True, help_text="e.g. vietnamplus.vn")
    country = models.CharField(max_length=100, blank=True)
    homepage = models.URLField(blank=True)
    language = models.CharField(max_length=12, blank=True, help_text="Its usual language: en, vi…")
    aliases = models.JSONField(
        default=list,
        blank=True,
        help_text='Other names and credits it goes by, e.g. ["VNA", "TTXVN"].',
    )
    other_domains = models.JSONField(
        default=list, blank=True, help_text="Other web domains it publishes on."
    )
    needs_review = models.BooleanField(
        default=False,
        help_text="Named by the importer from a page (not from the registry of outlets) and "
        "not yet confirmed by an editor.",
    )
    republishes = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="republished_by",
        help_text="Outlets whose stories this one republishes (an aggregator's sources).",
    )
    history = History()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("outlet_detail", args=[self.slug])


class Person(Timestamped):
    """An official, under the canonical spelling of their name (with diacritics)."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    country = models.CharField(max_length=100, blank=True)
    needs_review = models.BooleanField(
        default=False, help_text="Found by the importer and not yet confirmed by an editor."
    )
    history = History()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("person_detail", args=[self.slug])


class PersonAlias(models.Model):
    """Another spelling of a person's name: without diacritics, other name order, a short form."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    folded = models.CharField(max_length=200, db_index=True, editable=False)
    history = History()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "person aliases"
        constraints = [
            models.UniqueConstraint(fields=["person", "folded"], name="unique_alias_per_person")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.folded = fold(self.name)
        super().save(*args, **kwargs)


class Role(models.Model):
    """An office a person was seen holding, with the dates of the articles that gave it."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="roles")
    title = models.CharField(max_length=300)
    organisation = models.CharField(max_length=200, blank=True)
    first_seen = models.DateField(null=True, blank=True)
    last_seen = models.DateField(null=True, blank=True)
    source = models.ForeignKey(
        "Article",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The article that last confirmed this role.",
    )
    history = History()

    class Meta:
        ordering = ["first_seen", "title"]
        constraints = [
            models.UniqueConstraint(fields=["person", "title"], name="unique_role_title_per_person")
        ]

    def __str__(self) -> str:
        return self.title

    def seen(self, day) -> bool:
        """Widen the dates this role was seen on to include `day`; True if they changed."""
        if day is None:
            return False
        changed = False
        if self.first_seen is None or day < self.first_seen:
            self.first_seen, changed = day, True
        if self.last_seen is None or day > self.last_seen:
            self.last_seen, changed = day, True
        return changed


class PersonRedirect(models.Model):
    """The slug of a person merged into another, so old links keep working."""

    old_slug = models.SlugField(max_length=80, unique=True)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="redirects")

    def __str__(self) -> str:
        return f"{self.old_slug} → {self.person.slug}"


class EventQuerySet(models.QuerySet):
    def public(self) -> "EventQuerySet":
        """What visitors see: published events only (drafts and hidden ones are editors')."""
        return self.filter(status=Event.Status.PUBLISHED)

    def with_versions(self) -> "EventQuerySet":
        """Each event's articles, oldest first, with their outlets: one query for all events."""
        articles = Article.objects.select_related("outlet", "original_outlet")
        return self.prefetch_related(
            models.Prefetch("articles", queryset=articles.order_by("published_on", "pk"))
        )


class Event(Timestamped):
    """One real-world happening (a meeting, a call, a forum), grouping the versions that tell it."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        HIDDEN = "hidden", "Hidden"

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=120, unique=True)
    date = models.DateField(null=True, blank=True, db_index=True)
    place = models.CharField(max_length=200, blank=True)
    summary = models.TextField(blank=True, help_text="For editors: what happened, in a sentence.")
    people = models.ManyToManyField(Person, blank=True, related_name="events")
    curated = models.BooleanField(
        default=False,
        help_text="Set when an editor fixed the title, date or place: imports then keep them.",
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PUBLISHED, db_index=True
    )
    history = History(m2m_fields=[people])

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [
            # Published events newest first, read in order from the index and stopped at the
            # page's end (SQLite's entries end with the id, the next sort key): with the status
            # alone, the home page sorted all published events, and counted every one's
            # versions first, to show ten.
            models.Index(fields=["status", "date"], name="event_status_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.date or 'undated'}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("event_detail", args=[self.slug])

    @property
    def is_public(self) -> bool:
        """Whether visitors see it: EventQuerySet.public's rule, for an event already loaded."""
        return self.status == Event.Status.PUBLISHED


# Every status but published. Visitors see published events only (`EventQuerySet.public`), which
# are most events: counts over them take the rows of these few off a count of all rows
# (views.pages.published_counts), and a query that must not start from every published event
# asks for "none of these", which SQLite cannot start from (events.related_events).
UNPUBLISHED = [status for status in Event.Status.values if status != Event.Status.PUBLISHED]


class EventRedirect(models.Model):
    """The slug of an event merged into another, so old links keep working."""

    old_slug = models.SlugField(max_length=120, unique=True)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="redirects")

    def __str__(self) -> str:
        return f"{self.old_slug} → {self.event.slug}"


class MergeProposal(models.Model):
    """Two events that may tell one meeting: the importer was unsure and leaves it to an editor.

    Made when a story fits several events only on its officials and place (no date tells them
    apart); the editor merges the two events or dismisses the proposal. One row per pair, the
    older event first."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    candidate = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["event", "candidate"], name="unique_merge_proposal")
        ]

    def __str__(self) -> str:
        return f"{self.event} ↔ {self.candidate}"


class ArticleQuerySet(models.QuerySet):
    def public(self) -> "ArticleQuerySet":
        """Articles of published events only."""
        return self.filter(event__status=Event.Status.PUBLISHED)


class CaptureMethod(models.TextChoices):
    """How a capture reached the archive (its provenance, shown on the article's page)."""

    FILE = "file", "Imported from a file"
    WARC = "warc", "Web archive record"
    URL = "url", "Captured from the web"
    FEED = "feed", "Captured from an outlet's feed"


class Article(Timestamped):
    """One captured source version of an event's story, cleaned, with its provenance."""

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="articles")
    # Indexed by `article_outlet_idx` below, which leads with it.
    outlet = models.ForeignKey(
        Outlet, on_delete=models.PROTECT, related_name="articles", db_index=False
    )
    original_outlet = models.ForeignKey(
        Outlet,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="republished_articles",
        help_text="Whose story this is, when the outlet republishes it.",
    )
    title = models.CharField(max_length=300)
    body = models.TextField(
        help_text="The story's clean text, paragraphs separated by blank lines."
    )
    blocks = models.JSONField(default=list, blank=True, help_text="Paragraphs and headings.")
    captions = models.JSONField(default=list, blank=True)
    credit = models.CharField(max_length=200, blank=True)
    language = models.CharField(max_length=12, db_index=True)
    published_on = models.DateField(null=True, blank=True, db_index=True)
    occurred_on = models.DateField(
        null=True,
        blank=True,
        help_text="The day the story's meeting or visit happened, as its text says.",
    )
    place = models.CharField(max_length=200, blank=True)
    url = models.URLField(
        max_length=500, blank=True, db_index=True, help_text="Where it was captured."
    )
    source_url = models.URLField(max_length=500, blank=True, help_text="Original story, if named.")
    captured_at = models.DateTimeField(null=True, blank=True)
    raw = models.TextField(help_text="The capture exactly as imported.")
    raw_format = models.CharField(max_length=10, default="text")
    content_hash = models.CharField(
        max_length=64, unique=True, help_text="SHA-256 of the raw capture."
    )
    capture_method = models.CharField(
        max_length=8, choices=CaptureMethod.choices, default=CaptureMethod.FILE, editable=False
    )
    # Where the capture came from (archive.provenance): the file's name, the WARC's record id,
    # date and digest, the URL asked for and fetched, the feed.
    capture_detail = models.JSONField(default=dict, blank=True, editable=False)
    review_flags = models.CharField(
        max_length=200, blank=True, help_text="Comma-separated: what the importer was unsure about."
    )
    people = models.ManyToManyField(Person, blank=True, related_name="articles")
    # What event matching compares (archive.ingest.grouping.fingerprint), kept so that matching a
    # new article against its candidates does not re-read their whole texts.
    fingerprint = models.JSONField(default=dict, blank=True, editable=False)
    year_inferred = models.BooleanField(default=False, editable=False)
    # month * 100 + day of `published_on`, indexed: event matching compares a date whose year is
    # only inferred by month and day, and must not scan every row to do it.
    month_day = models.PositiveSmallIntegerField(null=True, editable=False)
    # Editors' changes to what an article says about itself; the texts are the capture's and are
    # not copied into every history row.
    history = History(
        excluded_fields=[
            "raw",
            "body",
            "blocks",
            "captions",
            "fingerprint",
            "content_hash",
            "capture_method",
            "capture_detail",
        ]
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["published_on", "id"]
        indexes = [
            # An event's versions by date; and, because it holds them too, each article's outlet,
            # language and original outlet, so that counts over every published article (the
            # outlets list, the home page) read this index and never the table's large rows (raw
            # capture, body).
            models.Index(
                fields=["event", "published_on", "outlet", "language", "original_outlet"],
                name="article_event_date_idx",
            ),
            # An outlet's page counts its published articles and their languages, and sorts them
            # by date, from this index alone, never reading the outlet's large rows from the
            # table.
            models.Index(
                fields=["outlet", "language", "event", "published_on"], name="article_outlet_idx"
            ),
            # Event matching's candidates (archive.event_candidates), read from these two indexes
            # alone: those dated near a new article, and those of the same month-days whose year
            # was inferred. An article's row is large and these columns come after the capture
            # and the body, so SQLite walked each row's overflow pages to read them.
            models.Index(
                fields=["published_on", "event", "year_inferred", "language", "content_hash"],
                name="article_match_idx",
            ),
            models.Index(
                fields=[
                    "month_day",
                    "year_inferred",
                    "published_on",
                    "event",
                    "language",
                    "content_hash",
                ],
                name="article_month_day_idx",
            ),
            # And those whose text dates their meeting near a new article's day, though they
            # were published long after it (a weekly's or a translator's write-up).
            models.Index(
                fields=[
                    "occurred_on",
                    "published_on",
                    "event",
                    "year_inferred",
                    "language",
                    "content_hash",
                ],
                name="article_told_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.outlet}: {self.title}"

    def save(self, *args, **kwargs):
        self.month_day = month_day(self.published_on)
        if kwargs.get("update_fields") is not None and "published_on" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "month_day"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("article_detail", args=[self.pk])

    @property
    def place_spellings(self) -> str:
        """Every spelling of the places the article names ("Viet Nam Vietnam" for "Việt Nam"):
        indexed with its text, so that a search for one spelling finds them all."""
        return " ".join(spellings_of_places_in(f"{self.title}\n{self.body}"))

    @property
    def review_reasons(self) -> list[str]:
        return [flag for flag in self.review_flags.split(",") if flag]

    @review_reasons.setter
    def review_reasons(self, flags: list[str]) -> None:
        self.review_flags = ",".join(sorted(set(flags)))

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body.split("\n\n") if p.strip()]


class ArticleRevision(models.Model):
    """An earlier capture of an article's URL, kept verbatim when a changed capture replaced it."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    raw = models.TextField()
    raw_format = models.CharField(max_length=10, default="text")
    content_hash = models.CharField(max_length=64, unique=True)
    captured_at = models.DateTimeField(null=True, blank=True)
    capture_method = models.CharField(
        max_length=8, choices=CaptureMethod.choices, default=CaptureMethod.FILE, editable=False
    )
    capture_detail = models.JSONField(default=dict, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"revision of {self.article_id} captured {self.captured_at}"


class Feed(Timestamped):
    """An outlet's feed (RSS, Atom or a news sitemap) that `manage.py watch` polls (archive.watch).

    Polled with conditional GET (its ETag and Last-Modified); after a failure it is not polled
    again before `next_poll_at`, which doubles with each failure in a row; while its site is
    unreachable or busy (network, timeouts, 429, 5xx), no feed of the same host is polled."""

    class Status(models.TextChoices):
        NEW = "new", "Not polled yet"
        OK = "ok", "New items read"
        NOT_MODIFIED = "not_modified", "Unchanged since the last poll"
        UNREACHABLE = "unreachable", "Site unreachable or busy (tried again later)"
        ERROR = "error", "Failed (not a feed, or gone)"
        ROBOTS = "robots", "Refused by robots.txt"
        WAITING = "waiting", "Backing off its host"

    url = models.URLField(max_length=500, unique=True, help_text="The feed's address.")
    outlet = models.ForeignKey(
        Outlet,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="feeds",
        help_text="Whose stories it lists (empty: found from each page).",
    )
    active = models.BooleanField(default=True, help_text="Polled by `manage.py watch`.")
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_status = models.CharField(max_length=16, choices=Status.choices, default=Status.NEW)
    last_error = models.TextField(blank=True)
    last_items = models.PositiveIntegerField(
        default=0, help_text="Items the last poll found in the feed."
    )
    last_new = models.PositiveIntegerField(
        default=0, help_text="Items the last poll captured as new or updated articles."
    )
    etag = models.CharField(max_length=300, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    failures = models.PositiveIntegerField(
        default=0, help_text="Failed polls in a row (the wait before the next one doubles)."
    )
    next_poll_at = models.DateTimeField(
        null=True, blank=True, help_text="Not polled before this (backing off after failures)."
    )

    class Meta:
        ordering = ["url"]

    def __str__(self) -> str:
        return self.url


class IndexQueue(models.Model):
    """Articles whose search documents must be rewritten or removed.

    Rows are written in the same transaction as the change, so a crash between the database commit
    and the index write loses nothing: the next drain (or `check_index --fix`) picks them up.
    """

    article_id = models.BigIntegerField(db_index=True)
    queued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"article {self.article_id}"
