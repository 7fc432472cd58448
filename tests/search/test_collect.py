"""The one-pass collector's shortcuts give exactly what Whoosh's own paths give."""

import datetime

import pytest
from whoosh import query as wq

from archive.search.backend import TEXT_FIELDS
from archive.search.collect import COLUMNS, CachedLengthBM25F, ColumnRange, EventCollector
from tests.factories import ArticleFactory, EventFactory

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
    return wq.Or([wq.Term(field, word) for field in TEXT_FIELDS.values()])


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
