"""Whoosh's `StemFilter` cache, used directly.

`StemFilter` keeps its stemming function, wrapped in an LRU cache, in the private attribute
`_stem` (set by `clear()`), and the words it leaves alone in `ignore`. `LanguageStemFilter`
installs a repeating stemmer there, and `ArchiveAnalyzer` stems words through it without the
filter's generator. `tests/search/test_analysis_fast_path.py` checks that the terms are the same
as Whoosh's chain of filters gives.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache


def install_stemmer(stem_filter, stem: Callable[[str], str]) -> None:
    """Make `stem` the function `stem_filter` stems with, cached as Whoosh caches its own."""
    stem_filter._stem = lru_cache(maxsize=stem_filter.cachesize)(stem)


def stem_word(stem_filter, word: str) -> str:
    """`word` as `stem_filter` stems a token's text (a word in its `ignore` set unchanged)."""
    return word if word in stem_filter.ignore else stem_filter._stem(word)
