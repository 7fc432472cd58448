"""The per-process cache of search pages: reused for identical searches, never across an index
change, bounded, and aged out."""

from archive.search import service
from archive.search.service import ResultCache, SearchPage, SearchParams, search
from tests.factories import ArticleFactory


def test_an_identical_search_is_answered_without_the_database(index, django_assert_num_queries):
    ArticleFactory(title="Forum in Quang Ninh", body="A forum on cooperation with Japan.")
    index()
    first = search(SearchParams(q="cooperation"))
    assert first.count == 1
    with django_assert_num_queries(0):
        again = search(SearchParams(q="cooperation"))
    assert again is first
    other_page = search(SearchParams(q="cooperation", sort="newest"))
    assert other_page is not first  # other parameters: a search of its own


def test_an_index_change_is_seen_by_the_next_identical_search(index):
    ArticleFactory(body="A forum on cooperation with Japan.")
    index()
    assert search(SearchParams(q="cooperation")).count == 1
    ArticleFactory(body="More cooperation, this time on trade.")
    index()
    assert search(SearchParams(q="cooperation")).count == 2


def test_the_cache_keeps_the_most_recently_used_pages():
    cache = ResultCache(size=2, max_age=60)
    pages = {name: SearchPage(params=SearchParams(q=name)) for name in "abc"}
    cache.put(("a",), pages["a"])
    cache.put(("b",), pages["b"])
    assert cache.get(("a",)) is pages["a"]  # "a" is now the most recently used
    cache.put(("c",), pages["c"])
    assert cache.get(("b",)) is None
    assert cache.get(("a",)) is pages["a"] and cache.get(("c",)) is pages["c"]


def test_an_old_entry_is_not_served(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(service.clock, "monotonic", lambda: now[0])
    cache = ResultCache(size=4, max_age=30)
    page = SearchPage(params=SearchParams(q="a"))
    cache.put(("a",), page)
    now[0] += 29
    assert cache.get(("a",)) is page
    now[0] += 2
    assert cache.get(("a",)) is None


def test_size_zero_caches_nothing():
    cache = ResultCache(size=0, max_age=30)
    cache.put(("a",), SearchPage(params=SearchParams(q="a")))
    assert cache.get(("a",)) is None
