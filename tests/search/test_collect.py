"""The one-pass collector's shortcuts give exactly what Whoosh's own paths give."""

import datetime
import gc
from collections import Counter

import pytest
from whoosh import query as wq

from archive.models import Article
from archive.search import sync
from archive.search.collector import EventCollector
from archive.search.columns import COLUMNS, missing_raw
from archive.search.contract import TEXT_FIELD_BY_GROUP
from archive.search.filters import (
    ColumnRange,
    column_test,
    filter_docnums,
    filter_parts,
    with_filter,
)
from archive.search.postings import collector_paused
from archive.search.querysyntax import LazyOr
from archive.search.service import RESULTS, SearchParams, search
from archive.search.whoosh_internals.bm25 import CachedLengthBM25F
from tests.factories import ArticleFactory, EventFactory, OutletFactory, PersonFactory

WORDS = ["cooperation", "trade", "investment", "culture", "labour"]


@pytest.fixture
def many(index):
    """Articles of different lengths and dates, written in two batches (two segments)."""
    for i in range(24):
        if i == 12:
            index()
        body = " ".join(WORDS[: 1 + i % 5] * (1 + i % 7)) + " filler" * (i % 11)
        event = EventFactory(date=datetime.date(2020 + i % 4, 1 + i % 12, 1 + i % 28))
        ArticleFactory(event=event, body=body, published_on=event.date)
    index()


def any_field(word: str) -> wq.Query:
    return wq.Or([wq.Term(field, word) for field in TEXT_FIELD_BY_GROUP.values()])


def test_cached_lengths_score_exactly_like_bm25f(many, search_index):
    searcher = search_index.searcher()
    assert len(list(searcher.leaf_searchers())) >= 2
    q = wq.Or([any_field("cooperation"), any_field("labour")])
    expected = {hit.docnum: hit.score for hit in searcher.search(q, limit=None)}
    cached = CachedLengthBM25F(searcher.weighting, COLUMNS)
    got = {}
    for sub, offset in searcher.leaf_searchers():
        matcher = q.matcher(sub, searcher.context(weighting=cached))
        while matcher.is_active():
            got[offset + matcher.id()] = matcher.score()
            matcher.next()
    assert got == pytest.approx(expected, rel=1e-12)
    assert len(set(got.values())) > 3  # lengths differ, so scores do


def test_collector_ranks_and_counts_like_whoosh(many, search_index):
    searcher = search_index.searcher()
    q = any_field("trade")
    collector = EventCollector(100, {"language": "language_exact"})
    searcher.search_with_collector(q, collector)
    hits = searcher.search(q, limit=None)
    assert collector.total == len(hits) > 0
    # Each event here has one article: the collector's order is Whoosh's order by score.
    by_score = sorted(hits, key=lambda hit: (-hit.score, hit.docnum))
    assert [docnum for _, docnum in collector.top] == [hit.docnum for hit in by_score]
    assert collector.counts["language"] == {"en": len(hits)}


def test_column_range_selects_what_a_date_range_selects(many, search_index):
    searcher = search_index.searcher()
    # Both ends fall on an article's date: they are included.
    start, end = datetime.datetime(2021, 2, 2), datetime.datetime(2022, 7, 7)
    expected = set(searcher.docs_for_query(wq.DateRange("published_on", start, end)))
    got = set(searcher.docs_for_query(ColumnRange("published_on", start, end)))
    assert got == expected and 0 < len(got) < searcher.doc_count()
    assert set(searcher.docs_for_query(ColumnRange("published_on", start, None))) == set(
        searcher.docs_for_query(wq.DateRange("published_on", start, None))
    )


def test_column_cache_forgets_segments_that_left_the_index(many, search_index):
    searcher = search_index.searcher()
    COLUMNS.keep_only(set())
    searcher.search_with_collector(any_field("trade"), EventCollector(10, {"l": "language_exact"}))
    assert len(COLUMNS) > 0
    search_index.clear()
    ArticleFactory(body="trade again")
    from archive.search import sync

    sync.drain()
    fresh = search_index.searcher()
    collector = EventCollector(10, {"l": "language_exact"})
    fresh.search_with_collector(any_field("trade"), collector)
    assert collector.total == 1
    live = {sub.reader().segment().segment_id() for sub, _ in fresh.leaf_searchers()}
    assert {segment for segment, _ in COLUMNS._arrays} <= live


def test_top_events_are_ranked_by_their_best_hit(index, search_index):
    """Events of several versions: each event's best hit ranks it, and its versions come back
    best first (the rule written out on Whoosh's own hits)."""
    for e in range(9):
        event = EventFactory(date=datetime.date(2021, 1 + e, 1))
        for v in range(1 + e % 4):
            body = " ".join(["trade"] * (1 + (e * 3 + v * 5) % 7)) + " filler" * ((e + v) % 9)
            ArticleFactory(event=event, body=body, published_on=event.date)
        if e == 4:
            index()  # two segments
    index()
    searcher = search_index.searcher()
    q = any_field("trade")
    hits = searcher.search(q, limit=None)
    event_of = {hit.docnum: int(hit["event_id"]) for hit in hits}
    ranked = sorted(hits, key=lambda hit: (-hit.score, hit.docnum))
    best: dict[int, int] = {}
    for hit in ranked:
        best.setdefault(event_of[hit.docnum], hit.docnum)
    for limit in (3, 100):
        collector = EventCollector(limit, {})
        searcher.search_with_collector(q, collector)
        assert [docnum for _, docnum in collector.top] == list(best.values())[:limit]
        assert collector.event_count == len(best) == 9
        assert collector.events == Counter(event_of.values())
        for docnum in best.values():
            assert collector.event_of(docnum) == event_of[docnum]
        chosen = list(best)[:2]
        expected = [hit.docnum for hit in ranked if event_of[hit.docnum] in chosen]
        assert collector.versions(chosen) == expected and len(expected) > 2
    # Any collected hit, not only an event's best, says its event.
    other = next(hit.docnum for hit in ranked if hit.docnum not in best.values())
    assert collector.event_of(other) == event_of[other]


def test_filter_docnums_are_the_documents_whoosh_finds(many, search_index):
    """Filters and date-sorted searches list their hits without a matcher; the same set."""
    # An update re-adds one article: a segment with a deleted document.
    article = Article.objects.filter(body__contains="trade").first()
    article.title = "Changed"
    article.save()
    sync.drain()
    searcher = search_index.searcher()
    assert searcher.reader().has_deletions()
    start, end = datetime.datetime(2021, 2, 2), datetime.datetime(2022, 7, 7)
    english, trade = wq.Term("language_exact", "en"), any_field("trade")
    queries = [
        wq.Every(),
        ColumnRange("published_on", start, end),
        english,
        wq.Or([english, wq.Term("language_exact", "no")]),
        wq.NumericRange("year", 2021, 2022),
        trade,
        with_filter(wq.Every(), wq.And([english, ColumnRange("published_on", start, end)])),
        # Filters without words: `Every` beside them is dropped, the deleted document too.
        with_filter(wq.Every(), ColumnRange("published_on", None, None)),
        with_filter(wq.Every(), english),
        wq.And([wq.Every(), wq.Every()]),
        with_filter(trade, wq.NumericRange("year", 2021, 2021)),
        wq.Or([trade, any_field("labour")]),
        wq.And([trade, wq.Not(any_field("labour"))]),
    ]
    for q in queries:
        expected = sorted(searcher.docs_for_query(q))
        got = sorted(
            offset + docnum
            for sub, offset in searcher.leaf_searchers()
            for docnum in filter_docnums(q, sub)
        )
        assert got == expected, q
    assert 0 < len(sorted(searcher.docs_for_query(queries[6]))) < searcher.doc_count()
    assert len(list(searcher.docs_for_query(queries[7]))) == searcher.doc_count()


def test_a_filtered_word_scores_like_whoosh(many, search_index):
    searcher = search_index.searcher()
    q = with_filter(any_field("trade"), wq.NumericRange("year", 2021, 2022))
    expected = {hit.docnum: 0 - hit.score for hit in searcher.search(q, limit=None)}
    collector = EventCollector(100, {})
    searcher.search_with_collector(q, collector)
    assert dict(zip(collector._docnums, collector._keys, strict=True)) == expected
    assert 0 < len(expected) < len(searcher.search(any_field("trade"), limit=None))


def test_a_filter_adds_nothing_to_the_scores(many, search_index):
    """Whoosh's ConstantScoreQuery(…, 0.0) keeps its child's scores in a ranked search."""
    searcher = search_index.searcher()
    words = wq.And([any_field("trade"), any_field("labour")])  # the matcher's path
    unfiltered = {hit.docnum: hit.score for hit in searcher.search(words, limit=None)}
    for restrict in [wq.NumericRange("year", 2021, 2022), wq.Term("language_exact", "en")]:
        filtered = {
            hit.docnum: hit.score
            for hit in searcher.search(with_filter(words, restrict), limit=None)
        }
        assert filtered and filtered == {d: unfiltered[d] for d in filtered}


def test_column_arrays_hold_one_object_per_value(many, search_index):
    """Facets are counted by identity: equal values must be the same object."""
    searcher = search_index.searcher()
    COLUMNS.keep_only(set())
    for sub, _ in searcher.leaf_searchers():
        languages = COLUMNS.array(sub.reader(), "language_exact")
        assert len({id(value) for value in languages}) == len(set(languages))
        people = [
            p for values in COLUMNS.array(sub.reader(), "person_exact") or [] for p in values or []
        ]
        assert len({id(p) for p in people}) == len(set(people))


def test_the_column_cache_holds_nothing_the_garbage_collector_keeps_visiting(index, search_index):
    """A full collection visits every element of every list it tracks, each time it runs: the
    cache's columns, ranges, sort keys and lengths are tuples, which it stops tracking."""
    person = PersonFactory()
    many_people = [PersonFactory() for _ in range(3)]
    for i in range(30):
        if i == 15:
            index()  # two segments
        day = datetime.date(2020 + i % 3, 1 + i % 12, 1 + i % 28)
        people = [person] if i % 2 else many_people[: i % 4]
        ArticleFactory(body=" ".join(WORDS[: 1 + i % 5]), published_on=day, people=people)
    index()
    COLUMNS.keep_only(set())
    for params in (
        SearchParams(q="trade"),
        SearchParams(q="trade", sort="newest"),
        SearchParams(q="culture", language=["en"], person=[person.slug]),
        SearchParams(date_from=datetime.date(2021, 1, 1), date_to=datetime.date(2021, 12, 31)),
        SearchParams(q="trade", year=2021, month=2),
    ):
        RESULTS.clear()
        assert search(params).count > 0, params
    gc.collect()
    gc.collect()  # a tuple of tuples is let go once its inner tuples have been

    def containers(value):
        yield value
        if isinstance(value, (tuple, list)):
            for item in value:
                yield from containers(item)
        elif isinstance(value, dict):
            for item in value.values():
                yield from containers(item)

    found = [item for value in COLUMNS._arrays.values() for item in containers(value)]
    assert not [item for item in found if isinstance(item, list)]
    long = [item for item in found if isinstance(item, tuple) and len(item) >= 10]
    kinds = {key.split(" ")[0] for _, key in COLUMNS._arrays}
    assert {"person_exact", "length", "published_on", "live"} <= kinds
    assert len(long) >= 20  # every segment's columns, lengths, dates and ranges
    assert not [item for item in long if gc.is_tracked(item)]


def test_a_paused_collector_is_left_as_it_was_found():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("a search that failed")
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # someone else's choice: not ours to undo
    finally:
        gc.enable()


@pytest.mark.parametrize("few_at_the_top", [False, True])
@pytest.mark.parametrize("limit", [1, 5, 40, 400, 5000])
def test_best_events_are_the_first_hits_of_each_event_in_order(limit, few_at_the_top):
    """Many hits, tied keys and hits without an event: the events' best hits are what sorting
    every hit by (key, docnum) and keeping each event's first gives. With `few_at_the_top`,
    the best half of the hits belong to a dozen events: the first cut-off holds too few."""
    import random

    from whoosh import fields

    rng = random.Random(limit)
    collector = EventCollector(limit, {})
    collector.schema = fields.Schema(event_id=fields.ID(sortable=True))
    collector._no_event = missing_raw(collector.schema, "event_id")
    n = 3000
    collector._docnums = rng.sample(range(10 * n), n)
    collector._keys = [rng.choice([-1.5, -1.25]) if i % 7 else -rng.random() for i in range(n)]
    events = [str(rng.randrange(800)).encode() for _ in range(n)]
    if few_at_the_top:
        events = [
            str(rng.randrange(12)).encode() if key < -0.5 else event
            for key, event in zip(collector._keys, events, strict=True)
        ]
    collector._events = [e if i % 11 else collector._no_event for i, e in enumerate(events)]

    expected, seen = [], set()
    hits = zip(collector._keys, collector._docnums, collector._events, strict=True)
    for key, docnum, raw in sorted(hits):
        if raw != collector._no_event:
            if raw in seen:
                continue
            seen.add(raw)
        expected.append((key, docnum))
    assert collector._best_events(limit) == expected[:limit]
    assert len(expected) > 400
    for _, docnum in expected[:limit]:
        raw = collector._events[collector._docnums.index(docnum)]
        assert collector.event_of(docnum) == (None if raw == collector._no_event else raw.decode())


def test_filters_checked_on_columns_keep_what_whoosh_keeps(index, search_index):
    """Filters on a column-backed field (language, outlet, official, year) are checked per hit
    from the cached columns; they must keep the documents Whoosh's own queries keep."""
    people = [PersonFactory() for _ in range(3)]
    outlets = [OutletFactory() for _ in range(2)]
    for i in range(36):
        if i == 18:
            index()  # two segments
        event = EventFactory(date=datetime.date(2020 + i % 3, 1 + i % 12, 1))
        body = "trade " * (1 + i % 4) + ("labour" if i % 2 else "culture")
        ArticleFactory(
            event=event,
            body=body,
            published_on=event.date,
            language=["en", "vi", "no"][i % 3],
            outlet=outlets[(i // 3) % 2],
            people=people[: (i // 2) % 4],
        )
    index()
    searcher = search_index.searcher()
    english, norwegian = wq.Term("language_exact", "en"), wq.Term("language_exact", "no")
    someone = wq.Term("person", people[0].slug)
    others = LazyOr([wq.Term("person", person.slug) for person in people[1:]])
    # (ours, Whoosh's own): the year filters are ColumnRanges, which Whoosh has no column check for
    filters = [
        (english, english),
        (LazyOr([english, norwegian]), LazyOr([english, norwegian])),
        (someone, someone),
        (others, others),
        (wq.Term("outlet_exact", outlets[0].slug), wq.Term("outlet_exact", outlets[0].slug)),
        (ColumnRange("year", 2021, 2021), wq.NumericRange("year", 2021, 2021)),
        (
            wq.And([english, ColumnRange("year", 2020, 2021), someone]),
            wq.And([english, wq.NumericRange("year", 2020, 2021), someone]),
        ),
    ]
    for ours, whooshs in filters:
        for sub, _ in searcher.leaf_searchers():
            assert all(column_test(part, sub) is not None for part in filter_parts(ours))
        for words in [any_field("trade"), any_field("labour")]:
            expected = {
                hit.docnum: hit.score
                for hit in searcher.search(wq.And([words, whooshs]), limit=None)
            }
            unfiltered = {hit.docnum: hit.score for hit in searcher.search(words, limit=None)}
            assert 0 < len(expected) < len(unfiltered), ours
            q = with_filter(words, ours)
            got = sorted(
                offset + docnum
                for sub, offset in searcher.leaf_searchers()
                for docnum in filter_docnums(q, sub)
            )
            assert got == sorted(expected), ours
            collector = EventCollector(100, {})
            searcher.search_with_collector(q, collector)
            scores = dict(zip(collector._docnums, collector._keys, strict=True))
            assert scores == {docnum: 0 - unfiltered[docnum] for docnum in expected}, ours
