"""Whole columns of the index's segments, read once and cached by segment id.

Segments never change once written (a deletion only hides documents, which then never match), so
a segment's column arrays are read once and cached by segment id (`SegmentColumns`); segments
that left the index (merged, or the index rebuilt) are dropped from the cache. What depends on
deletions too (the live documents, each facet's totals over them, a column sorted for ranges) is
cached with the segment's deletion count. Facets, filters and BM25's document lengths all read
these arrays instead of a column lookup per hit.
"""

from __future__ import annotations

import threading
from collections import Counter
from itertools import chain

from archive.search.whoosh_internals.blocks import stored_lengths
from archive.search.whoosh_internals.bm25 import length_inputs


class SegmentColumns:
    """Whole raw columns of segments (tuples indexed by segment document number), cached.

    Raw values are the column's own (bytes for IDs, encoded numbers); `name` turns one into the
    field's value. A segment without a column file reads as the column's default everywhere.

    What is cached is held in tuples (and sets, dicts), never in lists. Python's garbage
    collector stops visiting a tuple of plain values (numbers, bytes) once it has seen it, but
    visits every element of a list on each full collection, which a worker runs every twenty
    searches or so: with a large archive's millions of cached references, that collection fell
    inside a search (docs/measurements.md).
    """

    def __init__(self):
        self._arrays: dict[tuple[str, str], tuple] = {}
        self._lock = threading.Lock()

    def array(self, reader, fieldname: str) -> tuple:
        key = (reader.segment().segment_id(), fieldname)
        values = self._arrays.get(key)
        if values is None:
            values = shared_values(reader.column_reader(fieldname, translate=False))
            with self._lock:
                self._arrays[key] = values
        return values

    def lengths(self, reader, fieldname: str) -> tuple[int, ...] | None:
        """Each document's length in `fieldname` (what BM25 reads per hit), or None when this
        kind of segment does not expose them."""
        key = (reader.segment().segment_id(), f"length of {fieldname}")
        values = self._arrays.get(key)
        if values is None:
            values = stored_lengths(reader, fieldname)
            if values is None:
                return None
            with self._lock:
                self._arrays[key] = values
        return values

    def length_norms(self, reader, fieldname: str, scorer) -> tuple[float, ...] | None:
        """Per document, the part of BM25's denominator that its length alone decides,
        `K1 * ((1 - B) + B * length / average length)` written as Whoosh's `bm25` writes it, for
        `scorer`'s B, K1 and average length (which every change of the index moves: they are
        computed again then); None where `lengths` is."""
        lengths = self.lengths(reader, fieldname)
        if lengths is None:
            return None
        inputs = length_inputs(scorer)
        key = (reader.segment().segment_id(), f"length norms of {fieldname}")
        cached = self._arrays.get(key)
        if cached is None or cached[0] != inputs:
            B, K1, avgfl = inputs
            cached = (inputs, tuple([K1 * ((1 - B) + B * fl / avgfl) for fl in lengths]))
            with self._lock:
                self._arrays[key] = cached
        return cached[1]

    def _for_deletions(self, reader, what: str, build):
        """`build()`, cached for this segment as long as its deletions stay the same (they only
        ever grow: a new deletion gives a new state and replaces the cached value)."""
        segment = reader.segment()
        key, deleted = (segment.segment_id(), what), segment.deleted_count()
        cached = self._arrays.get(key)
        if cached is None or cached[0] != deleted:
            cached = (deleted, build())
            with self._lock:
                self._arrays[key] = cached
        return cached[1]

    def live(self, reader) -> tuple[tuple[int, ...], set[int]]:
        """The segment's documents that are not deleted, sorted and as a set."""

        def build():
            docnums = tuple(reader.all_doc_ids())  # a Python call per document: done once
            return docnums, set(docnums)

        return self._for_deletions(reader, "live documents", build)

    def totals(self, reader, fieldname: str) -> Counter:
        """How many of the segment's live documents hold each raw value of `fieldname` (a list
        column counts each value), as `EventCollector` counts them."""

        def build():
            values = map(self.array(reader, fieldname).__getitem__, self.live(reader)[0])
            if reader.schema[fieldname].column_type.stores_lists():
                values = chain.from_iterable(values)
            return Counter(values)

        return self._for_deletions(reader, f"totals of {fieldname}", build)

    def date_keys(self, reader, fieldname: str, newest: bool) -> tuple:
        """Per document, the key that sorts it by `fieldname` (newest or oldest first), documents
        without a date last: one number, which compares faster than a (missing, date) pair."""
        if reader.segment() is None:  # an empty index (Whoosh's EmptyReader) has no documents
            return ()
        key = (reader.segment().segment_id(), f"{fieldname} {'newest' if newest else 'oldest'}")
        keys = self._arrays.get(key)
        if keys is None:
            missing, last = missing_raw(reader.schema, fieldname), float("inf")
            days = self.array(reader, fieldname)
            if newest:
                keys = tuple([last if day == missing else -day for day in days])
            else:
                keys = tuple([last if day == missing else day for day in days])
            with self._lock:
                self._arrays[key] = keys
        return keys

    def by_value(self, reader, fieldname: str) -> tuple[tuple, tuple[int, ...]]:
        """The segment's live documents that hold a value of `fieldname`, sorted by it: (values,
        docnums), for a range to be two binary searches."""

        def build():
            values = self.array(reader, fieldname)
            missing = missing_raw(reader.schema, fieldname)
            pairs = sorted((values[i], i) for i in self.live(reader)[0] if values[i] != missing)
            return tuple([value for value, _ in pairs]), tuple([docnum for _, docnum in pairs])

        return self._for_deletions(reader, f"{fieldname} sorted", build)

    def value_docnums(self, reader, fieldname: str) -> dict:
        """{raw value: the sorted live docnums holding it} for a column (a list column gives
        each of its values)."""

        def build():
            values = self.array(reader, fieldname)
            lists = reader.schema[fieldname].column_type.stores_lists()
            holding: dict = {}
            for docnum in self.live(reader)[0]:
                for value in values[docnum] if lists else (values[docnum],):
                    holding.setdefault(value, []).append(docnum)
            return {value: tuple(docnums) for value, docnums in holding.items()}

        return self._for_deletions(reader, f"{fieldname} documents by value", build)

    def keep_only(self, segment_ids: set[str]) -> None:
        """Forget segments that are no longer in the index."""
        with self._lock:
            for key in [key for key in self._arrays if key[0] not in segment_ids]:
                del self._arrays[key]

    def __len__(self) -> int:
        return len(self._arrays)


COLUMNS = SegmentColumns()


def shared_values(column) -> tuple:
    """A column's values with one object per distinct value (list columns: per element, their
    lists as tuples: see `SegmentColumns`).

    Whoosh reads each document's value as a new object; counting facets then compares equal
    values byte by byte. Shared, a Counter finds them by identity: counting a facet over 100,000
    documents took a quarter less.
    """
    shared: dict = {}
    intern = shared.setdefault
    values = []
    for value in column:
        if isinstance(value, (list, tuple)):
            value = tuple([intern(item, item) for item in value])
        elif value is not None:
            value = intern(value, value)
        values.append(value)
    return tuple(values)


def segment_id(subsearcher) -> str | None:
    segment = getattr(subsearcher.reader(), "segment", None)
    segment = segment() if segment else None  # an empty index's reader has no segment
    return segment.segment_id() if segment is not None else None


def missing_raw(schema, fieldname: str):
    """The raw column value of a document without a value (None for list columns)."""
    column = schema[fieldname].column_type
    return None if column.stores_lists() else column.default_value()
