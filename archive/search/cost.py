"""What one search may cost, so that no search the interface allows stalls the site.

A 500-character search of 60 common words joined with OR read every one of their postings (2 s
at 100,000 articles), and four clients sending such searches took the workers from everyone
else. Three bounds, cheapest first:

- clauses: at most `MAX_CLAUSES` different words, phrase words and field values in one search
  (parsing, compiling, snippets and suggestions grow with them);
- expansions: before it runs, a search's cost is estimated from its words' document frequencies
  (the postings it must read, each at the rate of the path that reads it: `estimate`); over
  `MAX_COST` (300 ms) it is refused with a message saying what to change, in the time it takes
  to look those frequencies up;
- time: a search that has used more than `TIME_BUDGET` seconds of its thread's CPU time (not
  wall time: a busy machine does not make a search fail) is stopped, with the same kind of
  message (`Deadline`): a backstop for what the estimate misses.

The rates were measured at 100,000 articles (`python -m bench.costly`, README "Bounded searches").
"""

from __future__ import annotations

import time

from django.utils.translation import gettext, gettext_noop
from whoosh import query as wq

from archive.search.querysyntax import And, FieldValue, Node, Not, Or, Phrase, Word

MAX_CLAUSES = 32
# The estimate's unit is a microsecond: a search estimated above this is refused.
MAX_COST = 300_000
# A backstop, in seconds of the thread's CPU time, for what the estimate misses. Well above
# MAX_COST's 0.3 s: the first search of a new worker, or after an index commit, also builds the
# segments' column caches (up to ~1.5 s at 100,000 articles in 20 segments).
TIME_BUDGET = 3.0
# Microseconds per posting, measured at 100,000 articles (python -m bench.costly): read a block
# at a time and scored (words, phrases, their conjunctions), read as sets in a search sorted by
# date, or stepped through hit by hit by Whoosh's matchers (unions of different words,
# exclusions, brackets).
BLOCK_RATE = 1.4
SET_RATE = 0.7
MATCHER_RATE = 4.0
EVERY_RATE = 0.5  # per document, a search of everything (filters alone)
PHRASE_WEIGHT = 1.1  # a phrase also decodes its words' positions


class SearchTooCostly(ValueError):
    """A search refused or stopped for its cost; the message says what to change. `str()` is
    English (the JSON API's errors do not change with the language); pages show `translated()`.
    """

    def __init__(self, message: str, **values):
        super().__init__(message % values)
        self.message, self.values = message, values

    def translated(self) -> str:
        return gettext(self.message) % self.values


def clauses(node: Node | None) -> int:
    """The different words, phrase words and field values of a parsed search (a word repeated
    is searched once)."""
    return len(_leaves(node, set()))


def _leaves(node: Node | None, found: set) -> set:
    if isinstance(node, Word):
        found.add(("word", node.text))
    elif isinstance(node, FieldValue):
        found.add((node.field, node.value))
    elif isinstance(node, Phrase):
        words = node.text.split() or [""]
        found.update(("phrase", node.text, n) for n in range(len(words)))
    elif isinstance(node, Not):
        _leaves(node.child, found)
    elif isinstance(node, And | Or):
        for child in node.children:
            _leaves(child, found)
    return found


def check_clauses(node: Node | None) -> None:
    count = clauses(node)
    if count > MAX_CLAUSES:
        raise SearchTooCostly(
            gettext_noop(
                "This search has %(count)s words, phrase words and names; at most %(limit)s "
                "are searched at once. Keep the ones that matter most."
            ),
            count=count,
            limit=MAX_CLAUSES,
        )


def estimate(q: wq.Query | None, reader, ranked: bool = True) -> float:
    """What `q` costs to search, in microseconds at the rates measured at 100,000 articles: its
    postings, each at the rate of the path that reads it (see the rates above). `ranked`: by
    relevance (scores computed), else sorted by date (sets of document numbers)."""
    if q is None or q is wq.NullQuery:
        return 0
    if _blockwise(q):
        return _postings(q, reader) * (BLOCK_RATE if ranked else SET_RATE)
    if isinstance(q, wq.Every):  # every live document, from the cached columns
        return reader.doc_count_all() * EVERY_RATE
    if not ranked and isinstance(q, wq.Or | wq.And) and not isinstance(q, wq.AndMaybe):
        return sum(estimate(child, reader, ranked) for child in q.children())
    if isinstance(q, wq.And) and type(q) is wq.And:
        # The words read a block at a time, within what the filters allow; the filters' own
        # columns are cached (a facet's term is read like a word).
        return sum(estimate(child, reader, ranked) for child in q.children())
    if type(q).__name__ in ("Unscored", "ConstantScoreQuery", "WrappingQuery"):
        return estimate(q.child, reader, ranked)
    # Anything else goes hit by hit through Whoosh's matchers: unions of different searches,
    # exclusions, a name's boost, everything.
    return _postings(q, reader) * MATCHER_RATE


def _blockwise(q: wq.Query) -> bool:
    """A word, a phrase, one of them in each language's field, or a conjunction of them: what
    `postings.term_hits` reads a postings block at a time."""
    if isinstance(q, wq.Term | wq.Phrase):
        return True
    if type(q) is wq.And:
        return all(isinstance(child, wq.Term | wq.Phrase) for child in q.children())
    if isinstance(q, wq.Or) and not isinstance(q, wq.AndMaybe):
        children = list(q.children())
        fields = [_field(child) for child in children]
        return None not in fields and len(set(fields)) == len(children)
    return False


def _field(q: wq.Query) -> str | None:
    """The one text field a blockwise search reads (None: several, or not blockwise)."""
    if isinstance(q, wq.Term | wq.Phrase):
        return q.fieldname
    if type(q) is wq.And and _blockwise(q):
        fields = {_field(child) for child in q.children()}
        return fields.pop() if len(fields) == 1 else None
    return None


def _postings(q: wq.Query, reader) -> float:
    """The postings `q`'s words hold (a phrase's words' positions weigh more; a search of
    everything, every document)."""
    if isinstance(q, wq.Term):
        return _frequency(reader, q.fieldname, q.text)
    if isinstance(q, wq.Phrase):
        return PHRASE_WEIGHT * sum(_frequency(reader, q.fieldname, w) for w in q.words)
    if isinstance(q, wq.Every):
        return reader.doc_count_all()
    children = list(q.children()) if hasattr(q, "children") else []
    # Filters on cached columns (ColumnRange) read no postings.
    return sum(_postings(child, reader) for child in children)


def _frequency(reader, fieldname: str, text) -> int:
    try:
        return reader.doc_frequency(fieldname, text)
    except (KeyError, ValueError):
        return 0


def check_cost(q: wq.Query | None, reader, ranked: bool = True) -> float:
    cost = estimate(q, reader, ranked)
    if cost > MAX_COST:
        raise SearchTooCostly(
            gettext_noop(
                "This search would read too much of the archive to answer in time: its words "
                "are common and joined in too many ways. Use fewer words joined by OR, fewer "
                "common words in a phrase, or add a filter (a year, an outlet, an official)."
            )
        )
    return cost


class Deadline:
    """The time budget of one search, in its thread's CPU time; `check()` raises past it."""

    def __init__(self, seconds: float | None = None):
        self.ends = time.thread_time() + (TIME_BUDGET if seconds is None else seconds)

    def check(self) -> None:
        if time.thread_time() > self.ends:
            raise SearchTooCostly(
                gettext_noop(
                    "This search took too long and was stopped. Use fewer or rarer words, or "
                    "add a filter (a year, an outlet, an official)."
                )
            )
