"""The facet links of the search page, built per facet without a query copy per value, say
exactly what `_toggled` (one copy per value) says."""

import pytest
from django.http import QueryDict

from archive.views.search import _toggled, _Toggler

QUERIES = [
    "q=a+b&outlet=x&page=3&year=2025&month=4",
    "q=%C3%A9t%C3%A9&person=a&person=b&sort=newest",
    "year=2024&q=z&language=en",
    "q=t",
]


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("name", ["outlet", "person", "language", "year", "month"])
def test_facet_links_match_toggled(query, name):
    query = QueryDict(query)
    toggle = _Toggler(query, name)
    for value in ["x", "a", "b", "en", "2025", "2024", "4", "été"]:
        assert toggle(value) == _toggled(query, name, value)
