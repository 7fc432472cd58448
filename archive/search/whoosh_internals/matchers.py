"""Matchers of our own, built on Whoosh's span-matcher and exclusion-matcher internals.

`ExactPhraseMatcher` subclasses `SpanWrappingMatcher` and overrides its undocumented
`_get_spans`; `FirstCheckedAndNotMatcher` overrides `AndNotMatcher._find_first`. The queries that
use them are in `archive.search.queries`; `tests/search/test_queries.py` compares their hits
with Whoosh's own `Phrase` and `AndNot`.
"""

from __future__ import annotations

from whoosh import matching
from whoosh.matching import binary
from whoosh.query.spans import Span, SpanWrappingMatcher
from whoosh.util import make_binary_tree


class ExactPhraseMatcher(SpanWrappingMatcher):
    """The documents of the intersection of the words' matchers where the words are adjacent,
    in order; `spans()` gives each occurrence as Whoosh's span query would."""

    def __init__(self, words: list[matching.Matcher]):
        self.words = words
        super().__init__(make_binary_tree(binary.IntersectionMatcher, words))

    def copy(self):
        return self.__class__([word.copy() for word in self.words])

    def replace(self, minquality=0):
        # As Whoosh's SpanNear2Matcher: the words' matchers are shared with the tree, so the
        # tree is never swapped for a simpler one.
        return self if self.is_active() else matching.NullMatcher()

    def _get_spans(self):
        words = self.words
        starts = set(words[0].value_as("positions"))
        for k in range(1, len(words)):
            if not starts:
                return []
            starts.intersection_update([p - k for p in words[k].value_as("positions")])
        last = len(words) - 1
        return [Span(start, start + last) for start in sorted(starts)]


class FirstCheckedAndNotMatcher(matching.AndNotMatcher):
    """Whoosh's AndNotMatcher, whose first document is checked like every other."""

    def _find_first(self):
        if self.a.is_active() and self.b.is_active():
            self._find_next()  # skips the excluded matcher to the first document, then compares
