"""The search service: the one place the search page and `/api/search/` call.

`search(params)` makes one pass over the hits of the query and filters, on one reused Whoosh
searcher (`archive.search.collect.EventCollector`): it gathers the hits' document numbers (and
scores, when ranking by relevance), then counts articles, events and facet values (outlet,
language, person, year, month) over per-segment column arrays cached by segment id, keeps the best
hit of each event and, from the same hits, the matching versions of the page's events. Date,
year and month filters read the cached columns too (`ColumnRange`), and a filtered search checks
its hits against the filters' columns (`collect.kept_rows`).

Then one database query loads the page's articles with their outlets and events (snippets come
from their text), one the outlets (slug <-> name: the index holds outlet slugs) and one the
facet's people names. With Elasticsearch configured, `archive.search.es` takes the whole search.
"""

from __future__ import annotations

import math
import re
import threading
import time as clock
from collections import OrderedDict
from dataclasses import astuple, dataclass, field
from datetime import date, datetime, time

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from haystack import connections
from whoosh import query as wq

from archive.ingest.text import fold, slugify
from archive.models import Article, Event, Outlet, Person
from archive.search import cost
from archive.search.backend import TEXT_FIELDS
from archive.search.collect import ColumnRange, EventCollector, with_filter
from archive.search.es import delegated_search
from archive.search.highlight import snippet
from archive.search.querysyntax import Compiler, LazyOr, ParsedQuery, parse, suggest

SORTS = ("relevance", "newest", "oldest")
MAX_PAGE = 10_000
MAX_VALUES = 50  # values of one repeated filter
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$")
# Only ASCII digits are numbers: `str.isdigit()` also accepts "²" (which `int()` refuses) and
# `int()` reads "٣" as 3. A date is the calendar form only (fromisoformat takes "2025-W01-1").
_NUMBER = re.compile(r"[0-9]{1,6}")
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

FACET_FIELDS = {
    "outlet": "outlet_exact",
    "language": "language_exact",
    "person": "person_exact",
    "year": "year_exact",
    "month": "month_exact",
}

# The outlet whose story a republished article is (not a facet: the outlet facet counts
# publishers).
ORIGINAL_OUTLET_FIELD = "original_outlet"


class InvalidSearch(ValueError):
    """A parameter the visitor must fix; the message is shown to them (or returned as JSON 400)."""


# -- parameters -------------------------------------------------------------------------------


def _values(qd, name: str) -> list[str]:
    if hasattr(qd, "getlist"):
        raw = qd.getlist(name)
    else:
        raw = qd.get(name, [])
        raw = [raw] if isinstance(raw, str) else list(raw)
    out: list[str] = []
    for item in raw:
        for value in str(item).split(","):
            value = value.strip().lower()
            if value and value not in out:
                out.append(value)
    return out


def _single(qd, name: str) -> str:
    values = qd.getlist(name) if hasattr(qd, "getlist") else [qd.get(name, "")]
    values = [v for v in values if v is not None]
    return str(values[-1]).strip() if values else ""


def _date(qd, name: str) -> date | None:
    raw = _single(qd, name)
    if not raw:
        return None
    try:
        if not _ISO_DAY.fullmatch(raw):
            raise ValueError
        return date.fromisoformat(raw)
    except ValueError:
        message = f"{name} must be a date written YYYY-MM-DD, not “{raw[:40]}”."
        raise InvalidSearch(message) from None


def _int(qd, name: str, low: int, high: int, what: str) -> int | None:
    raw = _single(qd, name)
    if not raw:
        return None
    if not _NUMBER.fullmatch(raw) or not low <= int(raw) <= high:
        raise InvalidSearch(f"{name} must be {what}, not “{raw[:40]}”.")
    return int(raw)


def _check_length(q: str) -> None:
    limit = settings.ARCHIVE_SEARCH_MAX_QUERY_LENGTH
    if len(q) > limit:
        raise InvalidSearch(
            f"The search text is too long ({len(q)} characters); the limit is {limit}."
        )


@dataclass
class SearchParams:
    q: str = ""
    outlet: list[str] = field(default_factory=list)  # outlet slugs
    language: list[str] = field(default_factory=list)  # language codes
    person: list[str] = field(default_factory=list)  # person slugs
    year: int | None = None
    month: int | None = None  # within `year`
    date_from: date | None = None
    date_to: date | None = None
    sort: str = "relevance"  # or "newest", "oldest"
    page: int = 1

    @classmethod
    def from_querydict(cls, qd) -> SearchParams:
        """Read and check the parameters of a GET (a QueryDict, or a plain dict)."""
        q = qd.get("q", "") or ""
        if isinstance(q, list):
            q = q[-1] if q else ""
        _check_length(q)
        # Control characters (NUL above all, which PostgreSQL refuses in text) never belong to a
        # search; they separate words like spaces do.
        q = " ".join(_CONTROL.sub(" ", q).split())
        lists = {}
        for name, pattern, what in (
            ("outlet", _SLUG, "an outlet slug such as vietnam-news"),
            ("person", _SLUG, "a person slug such as to-lam"),
            ("language", _LANGUAGE, "a language code such as en"),
        ):
            values = _values(qd, name)
            if len(values) > MAX_VALUES:
                raise InvalidSearch(f"Too many {name} values (at most {MAX_VALUES}).")
            for value in values:
                if len(value) > 80 or not pattern.match(value):
                    raise InvalidSearch(f"{name} must be {what}, not “{value[:40]}”.")
            lists[name] = values
        year = _int(qd, "year", 1000, 9999, "a year such as 2025")
        month = _int(qd, "month", 1, 12, "a month number from 1 to 12")
        if month and not year:
            raise InvalidSearch("month needs a year (month=4&year=2025).")
        date_from, date_to = _date(qd, "date_from"), _date(qd, "date_to")
        if date_from and date_to and date_from > date_to:
            raise InvalidSearch("date_from must not be after date_to.")
        sort = _single(qd, "sort").lower() or "relevance"
        if sort not in SORTS:
            raise InvalidSearch(f"sort must be one of {', '.join(SORTS)}, not “{sort[:40]}”.")
        page = _int(qd, "page", 1, MAX_PAGE, f"a page number from 1 to {MAX_PAGE}") or 1
        return cls(
            q=q, year=year, month=month, date_from=date_from, date_to=date_to, sort=sort,
            page=page, **lists,
        )  # fmt: skip

    def has_filters(self) -> bool:
        return bool(
            self.outlet or self.language or self.person or self.year or self.month
            or self.date_from or self.date_to
        )  # fmt: skip

    def is_empty(self) -> bool:
        """No words and no filter: nothing to search for."""
        return not self.q.strip() and not self.has_filters()


# -- results ----------------------------------------------------------------------------------


@dataclass
class ArticleHit:
    id: int
    title: str
    outlet: str  # the outlet's name
    language: str
    url: str
    snippet: str  # safe HTML: escaped text with <mark> around matches
    outlet_slug: str = ""
    published_on: date | None = None


@dataclass
class EventHit:
    event: Event
    articles: list[ArticleHit]


@dataclass
class SearchPage:
    params: SearchParams
    count: int = 0  # articles matched (exact)
    event_count: int = 0  # events they belong to
    page: int = 1
    pages: int = 0  # 0 when nothing matched
    results: list[EventHit] = field(default_factory=list)
    # Matching articles per value, most first: "outlet" and "person" by slug, "language" by code,
    # "year" as "2025" (newest year first).
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    suggestion: str | None = None
    notice: str | None = None
    outlet_names: dict[str, str] = field(default_factory=dict)  # slug -> name, for the facets
    person_names: dict[str, str] = field(default_factory=dict)  # slug -> name, for the facets
    per_page: int = 10

    def api_facets(self) -> dict[str, list[list]]:
        """The facets as INTERFACE.md's JSON has them (outlets by name, the rest as they are)."""
        out: dict[str, list[list]] = {}
        for name in FACET_FIELDS:
            values = self.facets.get(name, [])
            if name == "outlet":
                out[name] = [[self.outlet_names.get(slug, slug), n] for slug, n in values]
            else:
                out[name] = [[value, n] for value, n in values]
        return out


# -- the search -------------------------------------------------------------------------------


def _backend():
    return connections["default"].get_backend()


def _day_start(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


def _filters(params: SearchParams) -> wq.Query | None:
    parts: list[wq.Query] = []

    def any_of(queries: list[wq.Query]) -> None:
        if queries:
            parts.append(queries[0] if len(queries) == 1 else LazyOr(queries))

    # An outlet's stories: those it published and those republished from it by others.
    any_of(
        [
            wq.Term(field, slug)
            for slug in params.outlet
            for field in (FACET_FIELDS["outlet"], ORIGINAL_OUTLET_FIELD)
        ]
    )
    any_of([wq.Term(FACET_FIELDS["language"], code) for code in params.language])
    any_of([wq.Term("person", slug) for slug in params.person])
    if params.year:
        parts.append(ColumnRange("year", params.year, params.year))
    if params.month:
        parts.append(ColumnRange("month", params.month, params.month))
    if params.date_from or params.date_to:
        start = _day_start(params.date_from) if params.date_from else None
        # The last instant of date_to (not the next day's start: 9999-12-31 has none).
        end = datetime.combine(params.date_to, time.max) if params.date_to else None
        parts.append(ColumnRange("published_on", start, end))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else wq.And(parts)


def _decode(value) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def _missing_value(schema, fieldname: str):
    """The facet key of a document without a value (a column's default, e.g. max int)."""
    fieldobj = schema[fieldname]
    column = fieldobj.column_type
    if column is None or column.stores_lists():
        return None
    return fieldobj.from_column_value(column.default_value())


def _facet_counts(raw, schema) -> dict[str, list[tuple[str, int]]]:
    facets: dict[str, list[tuple[str, int]]] = {}
    for name, fieldname in FACET_FIELDS.items():
        missing = _missing_value(schema, fieldname)
        counts: dict[str, int] = {}
        for key, n in raw[name].items():
            if key is None or key == "" or key == missing or n <= 0:
                continue
            value = _decode(key)
            counts[value] = counts.get(value, 0) + n
        if name == "month":
            facets[name] = sorted(counts.items(), key=lambda item: int(item[0]))
        elif name == "year":
            facets[name] = sorted(counts.items(), key=lambda item: item[0], reverse=True)
        else:
            facets[name] = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return facets


# How much more an article tagged with a person the query names weighs than a plain text match.
PERSON_BOOST = 4.0


def people_named_in(q: str) -> list[str]:
    """Slugs of the people whose name or alias the query spells out (2 to 4 words in a row)."""
    words = fold(q).replace('"', " ").split()
    spans = {" ".join(words[i : i + n]) for n in (2, 3, 4) for i in range(len(words) - n + 1)}
    if not spans:
        return []
    spelled = Q(aliases__folded__in=spans) | Q(slug__in=[slugify(span) for span in spans])
    return sorted(set(Person.objects.filter(spelled).values_list("slug", flat=True)))


class ResultCache:
    """The last few search pages of this process, keyed by their parameters and the index version.

    A visitor paging back and forth, or many visitors typing the same popular words, run the same
    search; under gunicorn each worker keeps its own cache. A key holds the index version the
    searcher was opened at (generation and TOC file identity, `backend._index_version`), so any
    index commit makes every older entry unreachable. What the index does not see (an outlet
    renamed, a person's name corrected) is picked up once an entry is `max_age` seconds old.
    """

    def __init__(self, size: int, max_age: float):
        self.size, self.max_age = size, max_age
        self._entries: OrderedDict[tuple, tuple[float, SearchPage]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> SearchPage | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if clock.monotonic() - entry[0] > self.max_age:
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return entry[1]

    def put(self, key: tuple, page: SearchPage) -> None:
        if self.size <= 0:
            return
        with self._lock:
            self._entries[key] = (clock.monotonic(), page)
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


def _params_key(params: SearchParams) -> tuple:
    return tuple(tuple(value) if isinstance(value, list) else value for value in astuple(params))


RESULTS = ResultCache(
    size=getattr(settings, "ARCHIVE_SEARCH_CACHE_SIZE", 256),
    max_age=getattr(settings, "ARCHIVE_SEARCH_CACHE_SECONDS", 30.0),
)


def search(params: SearchParams, per_page: int = 10) -> SearchPage:
    if params.q:
        cost.check_clauses(parse(params.q).tree)  # either engine: refused before it runs
    if (delegated := delegated_search(params, per_page)) is not None:  # Elasticsearch's path
        return delegated
    _check_length(params.q)
    if params.is_empty():
        return SearchPage(params=params, page=params.page, per_page=per_page)
    backend = _backend()
    searcher = backend.searcher()
    # Only a version that names the commit's TOC file (generation, inode, mtime) is a safe key:
    # an in-memory index, or a cleared one, has no such identity.
    version = getattr(backend, "_searcher_version", None)
    cacheable = isinstance(version, tuple) and len(version) == 3
    key = (version, _params_key(params), per_page)
    if cacheable and (cached := RESULTS.get(key)) is not None:
        return cached
    page = _search(params, per_page, searcher)
    if cacheable:
        RESULTS.put(key, page)
    return page


@dataclass
class Hits:
    """One pass over every hit of a search (`find`): the page's figures, and its events."""

    page: SearchPage  # with its counts, facets, number of pages and notice
    parsed: ParsedQuery
    collector: EventCollector | None = None  # None when there was nothing to search
    event_ids: list[int] = field(default_factory=list)  # the page's events, best first


def find(params: SearchParams, per_page: int, searcher, deadline=None) -> Hits:
    """The search itself: exact counts of articles and events, the facets, and the best events
    of the requested page, in one pass over every hit (`EventCollector`: from cached column
    arrays). What the page shows of them (`_search`) is read after."""
    page = SearchPage(params=params, page=params.page, per_page=per_page)
    parsed = parse(params.q) if params.q else ParsedQuery(None)
    cost.check_clauses(parsed.tree)
    page.notice = parsed.notice
    compiler = Compiler(
        TEXT_FIELDS,
        lambda prefix, slug: wq.Term(FACET_FIELDS[prefix], slug),
    )
    text_query = compiler.compile(parsed.tree)
    if text_query is None:
        if params.q and not page.notice:
            page.notice = "Your search has no words to look for."
        if not params.has_filters():
            return Hits(page, parsed)
    main = text_query if text_query is not None else wq.Every()
    named = people_named_in(params.q)
    if text_query is not None and named:
        # A name typed in any spelling puts that person's articles first; it filters nothing.
        boost = LazyOr([wq.Term("person", slug, boost=PERSON_BOOST) for slug in named])
        main = wq.AndMaybe(text_query, boost)
    restrict = _filters(params)
    by_relevance = params.sort == "relevance" and text_query is not None
    sort = params.sort if params.sort != "relevance" else "newest"

    # Refused before it runs when its postings are too many, stopped when it runs too long.
    query = with_filter(main, restrict)
    cost.check_cost(query, searcher.reader(), ranked=by_relevance)
    # The top `page * per_page` events are kept, each by its best hit.
    collector = EventCollector(
        params.page * per_page, FACET_FIELDS, sort=None if by_relevance else sort,
        deadline=deadline or cost.Deadline(),
    )  # fmt: skip
    searcher.search_with_collector(query, collector)
    page.count = collector.total
    page.event_count = collector.event_count
    page.facets = _facet_counts(collector.counts, searcher.schema)
    page.pages = math.ceil(page.event_count / per_page) if page.event_count else 0
    start = (params.page - 1) * per_page
    event_ids = [
        collector.event_of(docnum) for _, docnum in collector.top[start : start + per_page]
    ]
    return Hits(
        page, parsed, collector, [event_id for event_id in event_ids if event_id is not None]
    )


def _search(params: SearchParams, per_page: int, searcher) -> SearchPage:
    # 1. The search: counts, facets and the page's events.
    deadline = cost.Deadline()
    hits = find(params, per_page, searcher, deadline)
    page, parsed = hits.page, hits.parsed
    page.outlet_names = dict(Outlet.objects.values_list("slug", "name"))
    if hits.collector is None:
        return page
    if params.q and parsed.tree is not None:
        deadline.check()
        page.suggestion = suggest(searcher, params.q, parsed, TEXT_FIELDS)

    # 2. The matching versions of the page's events, from the hits already collected.
    if hits.event_ids:
        versions = hits.collector.versions(hits.event_ids)
        article_ids = [int(searcher.stored_fields(docnum)["django_id"]) for docnum in versions]
        page.results = _event_hits(hits.event_ids, article_ids, parsed)

    people = [slug for slug, _ in page.facets.get("person", [])]
    if people:
        page.person_names = dict(Person.objects.filter(slug__in=people).values_list("slug", "name"))
    return page


# What a result shows of its event, read with its versions; in the model's field order, as
# `Model.from_db` takes values.
EVENT_FIELDS = ("id", "title", "slug", "date")


def _event_hits(event_ids: list[int], article_ids: list[int], parsed: ParsedQuery):
    """The page's events with their matching versions (`article_ids`, best first), snippets cut.

    One query reads the versions as rows of values joined with their outlets and events: models
    built for ~30 versions, their outlets and events cost more than the query (1.6 against 0.5
    ms for a page of a rare word). Each event is built once, holding the fields a result shows
    (the others are deferred, as `only()` would leave them).
    """
    rows = Article.objects.filter(pk__in=article_ids).values_list(
        "pk",
        "title",
        "language",
        "published_on",
        "body",
        "outlet__slug",
        "outlet__name",
        *(f"event__{name}" for name in EVENT_FIELDS),
    )
    articles = {row[0]: row for row in rows}
    leaves = parsed.positive_leaves()
    grouped: dict[int, EventHit] = {}
    order = {event_id: i for i, event_id in enumerate(event_ids)}
    db = Article.objects.db
    for article_id in article_ids:
        row = articles.get(article_id)
        if row is None:  # deleted since it was indexed; the queue will remove it
            continue
        pk, title, language, published_on, body, outlet_slug, outlet_name, *event = row
        hit = grouped.get(event[0])
        if hit is None:
            hit = grouped[event[0]] = EventHit(Event.from_db(db, EVENT_FIELDS, event), [])
        hit.articles.append(
            ArticleHit(
                id=pk,
                title=title,
                outlet=outlet_name,
                language=language,
                url=reverse("article_detail", args=[pk]),
                snippet=snippet(body, leaves, language),
                outlet_slug=outlet_slug,
                published_on=published_on,
            )
        )
    return sorted(grouped.values(), key=lambda hit: order.get(hit.event.pk, len(order)))
