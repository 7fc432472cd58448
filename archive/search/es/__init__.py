"""The Elasticsearch 7 path of the search (SEARCH_URL=elasticsearch://host:9200/index).

`archive.search.service.search` chooses the engine: when the default haystack connection is our
Elasticsearch backend (`backend.runs_archive_search`) it hands the whole search to
`es.service.elasticsearch_page`, which returns the same `SearchPage` for the same `SearchParams`
(`archive.search.contract`). This package's `__init__` imports nothing of Elasticsearch's
client, so the Whoosh path runs without it installed.
"""
