"""Whoosh queries of our own: exact phrases matched faster, exclusions matched correctly.

Exact phrases. Whoosh answers `wq.Phrase` with its general span query (`SpanNear2`): for every
document holding all the words it builds a `Span` object per position and walks them pairwise
with bisection and distance checks, to allow for slop and unordered matches. An exact phrase
needs less: word k of the phrase at position p + k for some p. Its starts are one set
intersection per word, which is what `ExactPhrase` does here; everything else (which documents
hold every word, their scores, boosts) is Whoosh's own intersection of the words' term matchers.

Exclusions (`japan -china`). Whoosh's `AndNotMatcher` checks its first document against the
excluded matcher only when that matcher happens to sit on the same document: when the excluded
matcher starts earlier, the first document is kept even if it holds the excluded word. `AndNot`
here skips the excluded matcher forward first.
"""

from __future__ import annotations

from whoosh import matching
from whoosh import query as wq
from whoosh.matching import binary
from whoosh.query.spans import Span, SpanWrappingMatcher
from whoosh.util import make_binary_tree


class ExactPhrase(wq.Phrase):
    """`wq.Phrase` whose exact form (slop 1) is matched by `ExactPhraseMatcher`."""

    def matcher(self, searcher, context=None):
        if self.slop != 1 or len(self.words) < 2:
            return super().matcher(searcher, context)
        fieldname = self.fieldname
        if fieldname not in searcher.schema:
            return matching.NullMatcher()
        field = searcher.schema[fieldname]
        if not field.format or not field.format.supports("positions"):
            return super().matcher(searcher, context)  # Whoosh raises its own QueryError
        reader = searcher.reader()
        terms = []
        for word in self.words:
            try:
                word = field.to_bytes(word)
            except ValueError:
                return matching.NullMatcher()
            if (fieldname, word) not in reader:
                return matching.NullMatcher()  # a word no document holds: no phrase either
            terms.append(wq.Term(fieldname, word))
        found = ExactPhraseMatcher([term.matcher(searcher, context) for term in terms])
        if self.boost != 1.0:
            return matching.WrappingMatcher(found, boost=self.boost)
        return found


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


class AndNot(wq.AndNot):
    """`wq.AndNot` with `FirstCheckedAndNotMatcher`."""

    def matcher(self, searcher, context=None):
        scored = self.a.matcher(searcher, context)
        excluded = self.b.matcher(searcher, searcher.boolean_context())
        return FirstCheckedAndNotMatcher(scored, excluded)
