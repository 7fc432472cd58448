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

from archive.search.whoosh_internals.matchers import ExactPhraseMatcher, FirstCheckedAndNotMatcher


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


class AndNot(wq.AndNot):
    """`wq.AndNot` with `FirstCheckedAndNotMatcher`."""

    def matcher(self, searcher, context=None):
        scored = self.a.matcher(searcher, context)
        excluded = self.b.matcher(searcher, searcher.boolean_context())
        return FirstCheckedAndNotMatcher(scored, excluded)
