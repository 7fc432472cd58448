"""Filters: restricting a search to documents without changing its scores, and checking hits
against the filters' cached columns.

Filters go into the query itself (`with_filter`), at score zero (`Unscored`), so the ranking is
unchanged. A filter on a column-backed field (language, outlet, official, year, dates) is checked
per hit from the cached columns (`kept_rows`) rather than by reading its postings: `language=en`
alone holds half the archive. A search sorted by date, or without words, lists its hits as sets
(`filter_docnums`); date, year and month ranges are read from the cached columns (`ColumnRange`).
"""

from __future__ import annotations

import operator
from bisect import bisect_left, bisect_right
from itertools import compress

from whoosh import fields, matching
from whoosh import query as wq

from archive.search.backend import PeopleKeyword
from archive.search.columns import COLUMNS, SegmentColumns, segment_id
from archive.search.postings import term_hits


class Unscored(wq.WrappingQuery):
    """`child`'s documents, adding 0.0 to any score.

    Whoosh's `ConstantScoreQuery(child, 0.0)` does that only when nothing needs the current
    document; a search ranked by score does, and then it hands back the child's own matcher,
    scores included: a filter on a year added 1.0 to every hit, one on an official the BM25
    score of their name in the person field.
    """

    def matcher(self, searcher, context=None):
        child = self.child.matcher(searcher, context)
        if isinstance(child, matching.NullMatcherClass):
            return child
        return matching.WrappingMatcher(child, boost=0.0)


def with_filter(q: wq.Query, restrict: wq.Query | None) -> wq.Query:
    """`q` restricted to the documents of `restrict`, whose terms add nothing to the score."""
    if restrict is None:
        return q
    return wq.And([q, Unscored(restrict)])


class ColumnRange(wq.Query):
    """Documents whose `fieldname` column holds a value from `low` to `high` (inclusive; None is
    open), read from the cached column arrays; documents without a value never match.

    Whoosh's own `DateRange` turns a range into an OR of hundreds of terms (one per shifted
    date prefix) and builds their union on every search; the column is already in memory.
    """

    def __init__(self, fieldname: str, low, high, columns: SegmentColumns = COLUMNS):
        self.fieldname, self.low, self.high, self.columns = fieldname, low, high, columns
        self.boost = 1.0

    def __repr__(self):
        return f"{self.__class__.__name__}({self.fieldname!r}, {self.low!r}, {self.high!r})"

    def __eq__(self, other):
        return other.__class__ is self.__class__ and (self.fieldname, self.low, self.high) == (
            other.fieldname,
            other.low,
            other.high,
        )

    def __hash__(self):
        return hash((self.__class__, self.fieldname, self.low, self.high))

    def estimate_size(self, ixreader):
        return ixreader.doc_count()

    def _raw(self, field, value):
        return None if value is None else field.to_column_value(value)

    def docnums(self, subsearcher) -> list[int]:
        """The matching documents of one segment, in no particular order."""
        if segment_id(subsearcher) is None:
            return []
        field = subsearcher.schema[self.fieldname]
        low, high = self._raw(field, self.low), self._raw(field, self.high)
        values, docnums = self.columns.by_value(subsearcher.reader(), self.fieldname)
        start = 0 if low is None else bisect_left(values, low)
        end = len(values) if high is None else bisect_right(values, high)
        return docnums[start:end]

    def matcher(self, searcher, context=None):
        ids: list[int] = []
        for sub, offset in searcher.leaf_searchers():
            found = sorted(self.docnums(sub))
            ids.extend([i + offset for i in found] if offset else found)
        if not ids:
            return matching.NullMatcher()
        return matching.ListMatcher(ids, all_weights=self.boost)


def filter_docnums(q: wq.Query, subsearcher) -> list[int]:
    """The docnums (in any order) of `q`'s hits in one segment, unscored.

    Unions and intersections are taken on sets, words read a postings block at a time
    (`term_hits`) and column ranges from their cached arrays; any other query is left to its own
    matcher. Whoosh's matchers would step through every hit in Python, several calls each: a
    search of everything in a date range, sorted by date, visits every article.
    """
    if type(q) is wq.Every:
        reader = subsearcher.reader()
        if getattr(reader, "segment", None) and reader.segment() is not None:
            return COLUMNS.live(reader)[0]
        return list(reader.all_doc_ids())
    if type(q) in (Unscored, wq.ConstantScoreQuery):
        return filter_docnums(q.child, subsearcher)
    if isinstance(q, ColumnRange):
        return q.docnums(subsearcher)
    hits = term_hits(q, subsearcher, None)
    if hits is not None:
        return hits[0]
    if type(q) is wq.And and q.subqueries:
        # Every part gives live documents only, so `Every` (a search with filters and no words)
        # adds nothing beside another part: intersecting with it cost a set of the whole
        # segment, and testing every document of it against the filters.
        parts = [part for part in filter_parts(q) if type(part) is not wq.Every]
        if not parts:
            return filter_docnums(wq.Every(), subsearcher)
        if len(parts) == 1:
            return filter_docnums(parts[0], subsearcher)
        tested = [part for part in parts if column_test(part, subsearcher) is not None]
        rest = [part for part in parts if part not in tested]
        if not (rest and tested):
            found = sorted((filter_docnums(part, subsearcher) for part in parts), key=len)
            return list(set(found[0]).intersection(*found[1:]))
        # Words read only in the blocks the column-backed parts allow, then checked per
        # document against those parts' columns.
        allowed = allowed_docnums(wq.And(tested), subsearcher)
        found = []
        for part in rest:
            hits = term_hits(part, subsearcher, None, only=allowed)
            found.append(hits[0] if hits is not None else filter_docnums(part, subsearcher))
        found.sort(key=len)
        docnums = list(set(found[0]).intersection(*found[1:]))
        return [docnums[row] for row in kept_rows(wq.And(tested), subsearcher, docnums)]
    if isinstance(q, wq.Or) and not q.minmatch and q.subqueries:
        return list(set().union(*(filter_docnums(sub, subsearcher) for sub in q.subqueries)))
    return list(q.matcher(subsearcher, subsearcher.boolean_context()).all_ids())


def filter_parts(q: wq.Query) -> list[wq.Query]:
    """The queries a filter requires all of (its Ands flattened, `Unscored` unwrapped)."""
    if type(q) in (Unscored, wq.ConstantScoreQuery):
        return filter_parts(q.child)
    if type(q) is wq.And:
        return [part for sub in q.subqueries for part in filter_parts(sub)]
    return [q]


def column_terms(q: wq.Query, subsearcher):
    """(field name, field, raw values) of a filter that is a term of an ID field or of the people
    list field, or an Or of such terms of one field; None for any other query."""
    terms = [q]
    if isinstance(q, wq.Or) and not q.minmatch and q.subqueries:
        terms = list(q.subqueries)
    if any(type(term) is not wq.Term for term in terms) or len({t.fieldname for t in terms}) > 1:
        return None
    fieldname = terms[0].fieldname
    if fieldname not in subsearcher.schema or segment_id(subsearcher) is None:
        return None
    field = subsearcher.schema[fieldname]
    if field.column_type is None:
        return None
    if any(list(field.process_text(term.text)) != [term.text] for term in terms):
        return None  # the indexed term is not the value as given (e.g. lowercased)
    if type(field) is fields.ID:
        return fieldname, field, {field.to_column_value(term.text) for term in terms}
    if isinstance(field, PeopleKeyword):
        values = [field.to_column_value(term.text) for term in terms]
        if all(len(value) == 1 for value in values):
            return fieldname, field, {value[0] for value in values}
    return None


def column_test(q: wq.Query, subsearcher, columns: SegmentColumns = COLUMNS):
    """For a filter on one column-backed field, a function telling for a list of docnums whether
    each matches, read from the cached columns (in C); None for any other query.

    Filters of that kind: a term of an ID field or of the people list field, an Or of such
    terms of one field (`column_terms`), a `ColumnRange`. A filter like `language=en` holds
    half the archive: checking a search's hits against its column costs less than reading its
    postings.
    """
    if isinstance(q, ColumnRange):
        if segment_id(subsearcher) is None:
            return None

        def in_range(docnums):
            return map(set(q.docnums(subsearcher)).__contains__, docnums)

        return in_range
    found = column_terms(q, subsearcher)
    if found is None:
        return None
    fieldname, field, wanted = found
    array = columns.array(subsearcher.reader(), fieldname)
    if isinstance(field, PeopleKeyword):
        # A document matches unless its list of people and `wanted` are disjoint.
        return lambda docnums: map(
            operator.not_, map(wanted.isdisjoint, map(array.__getitem__, docnums))
        )
    return lambda docnums: map(wanted.__contains__, map(array.__getitem__, docnums))


def allowed_docnums(restrict: wq.Query, subsearcher, columns: SegmentColumns = COLUMNS):
    """Sorted docnums of one segment that the filter's column-backed parts allow (from cached
    lists of each value's documents), or None when it has no such part. The other parts are
    not applied: a superset, for `BlockPostings` to skip the blocks outside it."""
    lists = []
    for part in filter_parts(restrict):
        if isinstance(part, ColumnRange):
            if segment_id(subsearcher) is not None:
                lists.append(part.docnums(subsearcher))
            continue
        found = column_terms(part, subsearcher)
        if found is not None:
            fieldname, _, wanted = found
            holding = columns.value_docnums(subsearcher.reader(), fieldname)
            lists.append([d for value in wanted for d in holding.get(value, ())])
    if not lists:
        return None
    lists.sort(key=len)
    return sorted(set(lists[0]).intersection(*lists[1:]))


def kept_rows(restrict: wq.Query, subsearcher, docnums: list[int]) -> list[int]:
    """The positions in `docnums` (one segment's) of the documents the filter `restrict`
    matches: its column-backed parts checked per document (`column_test`), the others through
    their docnums as a set."""
    rows = list(range(len(docnums)))
    parts = filter_parts(restrict)
    tests = [(column_test(part, subsearcher), part) for part in parts]
    for test, part in sorted(tests, key=lambda pair: pair[0] is None):
        if not rows:
            break
        if test is None:
            test = set(filter_docnums(part, subsearcher)).__contains__
            selectors = map(test, map(docnums.__getitem__, rows))
        else:
            selectors = test(list(map(docnums.__getitem__, rows)))
        rows = list(compress(rows, selectors))
    return rows
