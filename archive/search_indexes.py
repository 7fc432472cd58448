"""Haystack discovers indexes in `<app>.search_indexes`; ours live in archive/search/indexes.py."""

from archive.search.indexes import ArticleIndex

__all__ = ["ArticleIndex"]
