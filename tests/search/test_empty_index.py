"""Searches of an index that holds nothing yet (a new archive) answer with nothing."""

import pytest

from archive.search.service import SearchParams, search


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_a_sorted_search_of_an_empty_index_finds_nothing(search_index, client, sort):
    # Whoosh's reader of an index without segments has no segment to key the dates by.
    page = search(SearchParams(q="Japan", sort=sort))
    assert (page.count, page.results) == (0, [])
    assert client.get(f"/feeds/search/?q=japan&sort={sort}").status_code == 200
