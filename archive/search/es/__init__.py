"""The Elasticsearch 7 path of the search (SEARCH_URL=elasticsearch://host:9200/index).

`archive.search.service.search` is written against Whoosh; when the default haystack connection
is our Elasticsearch backend it hands the whole search to `es.service` through `delegated_search`,
which returns the same `SearchPage` for the same `SearchParams`. This module imports nothing of
Elasticsearch's client, so the Whoosh path runs without it installed.
"""

from __future__ import annotations


def delegated_search(params, per_page: int):
    """The search page from another engine than Whoosh, or None when Whoosh serves the search."""
    from haystack import connections

    backend = connections["default"].get_backend()
    if not getattr(backend, "runs_archive_search", False):
        return None
    from archive.search.es.service import search

    return search(backend, params, per_page)
