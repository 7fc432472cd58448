"""The search service: the one place the search page, `/api/search/` and the search feed call,
and the one place the engine is chosen.

`search(params)` refuses a search of too many clauses (`cost.check_clauses`), then hands it to
Elasticsearch's path (`archive.search.es.service`) when the default haystack connection is our
Elasticsearch backend, and to the Whoosh path here otherwise; both take the same `SearchParams`
and give the same `SearchPage` (`archive.search.contract`).

The Whoosh path makes one pass over the hits of the query and filters, on one reused Whoosh
searcher (`collector.EventCollector`): it gathers the hits' document numbers (and scores, when
ranking by relevance), then counts articles, events and facet values (outlet, language, person,
year, month) over per-segment column arrays cached by segment id, keeps the best hit of each
event and, from the same hits, the matching versions of the page's events. Date, year and month
filters read the cached columns too (`filters.ColumnRange`), and a filtered search checks its
hits against the filters' columns (`filters.kept_rows`).

Then the database is read (`hydration`): the page's articles with their outlets and events
(snippets come from their text), the outlets (slug <-> name: the index holds outlet slugs) and
the facet's people names.
"""

from __future__ import annotations

import math
import threading
import time as clock
from collections import OrderedDict
from dataclasses import astuple, dataclass, field
from datetime import date, datetime, time

from django.conf import settings
from haystack import connections
from whoosh import query as wq

from archive.search import cost, hydration
from archive.search.collector import EventCollector
from archive.search.contract import (
    FACET_FIELDS,
    NO_WORDS_NOTICE,
    ORIGINAL_OUTLET_FIELD,
    PERSON_BOOST,
    TEXT_FIELD_BY_GROUP,
    InvalidSearch,
    SearchPage,
    SearchParams,
    check_length,
    ordered_facet,
)
from archive.search.filters import ColumnRange, with_filter
from archive.search.querysyntax import Compiler, LazyOr, ParsedQuery, parse
from archive.search.suggestions import suggest

__all__ = ["RESULTS", "InvalidSearch", "SearchPage", "SearchParams", "search"]


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
        facets[name] = ordered_facet(name, counts.items())
    return facets


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
    """One page of results for `params`, from the configured engine."""
    if params.q:
        cost.check_clauses(parse(params.q).tree)  # either engine: refused before it runs
    backend = _backend()
    if getattr(backend, "runs_archive_search", False):
        # Elasticsearch's path: imported only when configured, as it needs the client library.
        from archive.search.es.service import elasticsearch_page

        return elasticsearch_page(backend, params, per_page)
    return _cached_whoosh_page(backend, params, per_page)


def _cached_whoosh_page(backend, params: SearchParams, per_page: int) -> SearchPage:
    check_length(params.q)
    if params.is_empty():
        return SearchPage(params=params, page=params.page, per_page=per_page)
    searcher = backend.searcher()
    # Only a version that names the commit's TOC file (generation, inode, mtime) is a safe key:
    # an in-memory index, or a cleared one, has no such identity.
    version = getattr(backend, "_searcher_version", None)
    cacheable = isinstance(version, tuple) and len(version) == 3
    key = (version, _params_key(params), per_page)
    if cacheable and (cached := RESULTS.get(key)) is not None:
        return cached
    page = _whoosh_page(params, per_page, searcher)
    if cacheable:
        RESULTS.put(key, page)
    return page


@dataclass
class Hits:
    """One pass over every hit of a search (`collect_hits`): the page's figures, and its events."""

    page: SearchPage  # with its counts, facets, number of pages and notice
    parsed: ParsedQuery
    collector: EventCollector | None = None  # None when there was nothing to search
    event_ids: list[int] = field(default_factory=list)  # the page's events, best first


def collect_hits(params: SearchParams, per_page: int, searcher, deadline=None) -> Hits:
    """The search itself: exact counts of articles and events, the facets, and the best events
    of the requested page, in one pass over every hit (`EventCollector`: from cached column
    arrays). What the page shows of them (`_whoosh_page`) is read after."""
    page = SearchPage(params=params, page=params.page, per_page=per_page)
    parsed = parse(params.q) if params.q else ParsedQuery(None)
    cost.check_clauses(parsed.tree)
    page.notice = parsed.notice
    compiler = Compiler(
        TEXT_FIELD_BY_GROUP,
        lambda prefix, slug: wq.Term(FACET_FIELDS[prefix], slug),
    )
    text_query = compiler.compile(parsed.tree)
    if text_query is None:
        if params.q and not page.notice:
            page.notice = NO_WORDS_NOTICE
        if not params.has_filters():
            return Hits(page, parsed)
    main = text_query if text_query is not None else wq.Every()
    named = hydration.people_named_in(params.q)
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


def _whoosh_page(params: SearchParams, per_page: int, searcher) -> SearchPage:
    # 1. The search: counts, facets and the page's events.
    deadline = cost.Deadline()
    hits = collect_hits(params, per_page, searcher, deadline)
    page, parsed = hits.page, hits.parsed
    page.outlet_names = hydration.outlet_names()
    if hits.collector is None:
        return page
    if params.q and parsed.tree is not None:
        deadline.check()
        page.suggestion = suggest(searcher, params.q, parsed, TEXT_FIELD_BY_GROUP)

    # 2. The matching versions of the page's events, from the hits already collected.
    if hits.event_ids:
        versions = hits.collector.versions(hits.event_ids)
        article_ids = [int(searcher.stored_fields(docnum)["django_id"]) for docnum in versions]
        page.results = hydration.event_hits(hits.event_ids, article_ids, parsed)

    page.person_names = hydration.person_names([slug for slug, _ in page.facets.get("person", [])])
    return page
