"""One pass over a query's hits: the top events, their matching versions and exact facet counts.

Whoosh can collapse (`collapse=`) and count facets (`groupedby=`) in one search, but not correctly
together, and not with a `filter=` (Whoosh-Reloaded 2.7.5):

- it wraps the facet collector inside the collapse collector, so facets count only the documents
  that survive collapsing (one per event);
- its `FilterCollector` calls the wrapped collector's `collect()` directly, which bypasses the
  collapse collector's logic: a filtered search is silently not collapsed;
- a `TopCollector` with block-quality skipping or matcher replacement (its defaults) stops
  visiting documents that cannot reach the top N, so counts made while collecting come out low
  (docs/WHOOSH-NOTES.md: counts).

`EventCollector` visits every hit once. Per segment it only gathers the hits' document numbers
(and scores when ranking by relevance), read a block at a time (`postings.term_hits`) or as sets
(`filters.filter_docnums`) where it can, through the query's matcher otherwise; it counts facet
values and groups hits by event afterwards with C-level helpers (`Counter(map(...))`) over the
cached whole-column arrays (`columns.SegmentColumns`): reading a column value per hit through
Whoosh costs several Python calls. A search that matches most of a segment counts its facets on
the documents it misses and takes them from the segment's totals.
"""

from __future__ import annotations

import operator
from collections import Counter
from itertools import chain, compress, repeat

from whoosh import collectors, scoring
from whoosh import query as wq

from archive.search.columns import COLUMNS, SegmentColumns, missing_raw, segment_id
from archive.search.filters import Unscored, allowed_docnums, filter_docnums, kept_rows
from archive.search.postings import POSTINGS, alternatives, term_hits
from archive.search.whoosh_internals.bm25 import CachedLengthBM25F


class EventCollector(collectors.Collector):
    """The best `limit` events of a query (ranked by their best hit) and counts over all hits.

    `facets` is {name: fieldname} of column-backed fields (a list column counts each value).
    `sort` is None to rank by score, or "newest" / "oldest" by `published_on` (undated last).

    After the search: `total` hits; `event_count` events; `events` {event id: hits};
    `counts[name]` {value: hits} (a document without a value counts under the field's missing
    value, see `missing_raw`); `top` a list of (sort key, docnum) of each event's best hit, best
    first; `versions(event_ids)` the docnums of every hit of those events, best first.
    """

    def __init__(
        self,
        limit: int,
        facets: dict[str, str],
        sort: str | None = None,
        event_field: str = "event_id",
        date_field: str = "published_on",
        columns: SegmentColumns = COLUMNS,
        deadline=None,
    ):
        collectors.Collector.__init__(self)
        # `check()`ed between segments and every few thousand hits (archive.search.cost).
        self.deadline = deadline
        self.limit = limit
        self.facets = facets
        self.sort = sort
        self.event_field = event_field
        self.date_field = date_field
        self.columns = columns

    def prepare(self, top_searcher, q, context):
        self.total = 0
        self.schema = top_searcher.schema
        self._raw_counts = {name: Counter() for name in self.facets}
        # Per hit, in visiting order: its global docnum, sort key and raw event value.
        self._docnums: list[int] = []
        self._keys: list = []
        self._events: list = []
        self._no_event = missing_raw(self.schema, self.event_field)
        if self.sort is None:  # by score: the matcher must be on each document
            weighting = top_searcher.weighting
            if type(weighting) is scoring.BM25F:
                weighting = CachedLengthBM25F(weighting, self.columns)
            context = context.set(needs_current=True, weighting=weighting)
            self.final_fn = weighting.final if weighting.use_final else None
            self._weighting = weighting
        else:
            context = context.set(weighting=None, needs_current=False)
            self.final_fn = None
            self._weighting = None
        segment_ids = {segment_id(sub) for sub, _ in top_searcher.leaf_searchers()} - {None}
        self.columns.keep_only(segment_ids)
        POSTINGS.keep_only(segment_ids)
        collectors.Collector.prepare(self, top_searcher, q, context)

    def set_subsearcher(self, subsearcher, offset):
        # No matcher yet: the block and set paths read postings themselves, and Whoosh would look
        # every term up again to build one.
        self.subsearcher, self.offset, self.matcher = subsearcher, offset, None

    def collect_matches(self):
        offset = self.offset
        if self.deadline is not None:
            self.deadline.check()
        if self.sort is not None:
            ids = filter_docnums(self.q, self.subsearcher)
            reader, newest = self.subsearcher.reader(), self.sort == "newest"
            keys = list(
                map(self.columns.date_keys(reader, self.date_field, newest).__getitem__, ids)
            )
        elif (hits := self._scored_in_bulk()) is not None:
            ids, scores = hits
            keys = [0 - score for score in scores]
        else:
            ids, keys = [], []
            final, searcher = self.final_fn, self.top_searcher
            matcher = self.matcher = self.q.matcher(self.subsearcher, self.context)
            deadline = self.deadline
            while matcher.is_active():
                if deadline is not None and not len(ids) & 4095:
                    deadline.check()
                docnum = matcher.id()
                score = matcher.score()
                if final:
                    score = final(searcher, offset + docnum, score)
                ids.append(docnum)
                keys.append(0 - score)
                matcher.next()
        if not ids:
            return
        reader = self.subsearcher.reader()
        self.total += len(ids)
        self._count_facets(reader, ids)
        self._events.extend(map(self.columns.array(reader, self.event_field).__getitem__, ids))
        self._docnums.extend([docnum + offset for docnum in ids] if offset else ids)
        self._keys.extend(keys)

    def _count_facets(self, reader, ids: list[int]) -> None:
        """Adds the facet values of this segment's hits `ids` to the counts.

        When the hits are most of the segment, it counts the documents that are not hits and
        takes them from the segment's cached totals: a common word matches three articles in
        four, a search of everything all of them.
        """
        live = None
        if self.facets and getattr(reader, "segment", None) and reader.segment() is not None:
            live = self.columns.live(reader)
        others = live[1].difference(ids) if live and 2 * len(ids) > len(live[0]) else None
        for name, fieldname in self.facets.items():
            array = self.columns.array(reader, fieldname)
            values = map(array.__getitem__, ids if others is None else others)
            if self.schema[fieldname].column_type.stores_lists():
                values = chain.from_iterable(values)
            if others is None:
                self._raw_counts[name].update(values)
            else:
                self._raw_counts[name].update(self.columns.totals(reader, fieldname))
                self._raw_counts[name].subtract(Counter(values))  # counted in C

    def _scored_in_bulk(self) -> tuple[list[int], list[float]] | None:
        """A word's or a phrase's hits and scores in this segment (`term_hits`), also when
        filtered: a filter adds 0.0 (`with_filter`), and a score plus 0.0 is the score."""
        if self.final_fn is not None:
            return None
        q, restrict = self.q, None
        if (
            type(q) is wq.And
            and q.boost == 1.0
            and len(q.subqueries) == 2
            and type(q.subqueries[1]) is Unscored
        ):
            q, restrict = q.subqueries
        if alternatives(q) is None:
            return None  # the matcher's path: no use for the filter's documents
        only = None
        if restrict is not None:
            only = allowed_docnums(restrict, self.subsearcher, self.columns)
        hits = term_hits(q, self.subsearcher, self._weighting, self.columns, only=only)
        if hits is None or restrict is None:
            return hits
        rows = kept_rows(restrict, self.subsearcher, hits[0])
        return list(map(hits[0].__getitem__, rows)), list(map(hits[1].__getitem__, rows))

    def collect(self, sub_docnum):  # pragma: no cover - collect_matches does the work
        raise NotImplementedError

    def sort_key(self, sub_docnum):  # pragma: no cover
        raise NotImplementedError

    def finish(self):
        collectors.Collector.finish(self)
        schema = self.schema
        self.counts = {}
        for name, fieldname in self.facets.items():
            field = schema[fieldname]
            if field.column_type.stores_lists():
                named = {raw: field.from_column_value([raw])[0] for raw in self._raw_counts[name]}
            else:
                named = {raw: field.from_column_value(raw) for raw in self._raw_counts[name]}
            counts: Counter = Counter()
            for raw, n in self._raw_counts[name].items():
                if n > 0:  # a value only non-hits hold is left at zero by `_count_facets`
                    counts[named[raw]] += n
            self.counts[name] = counts

        # How many events the hits belong to, counted in C; named only when asked (`events`).
        self._raw_events = Counter(self._events)
        self.event_count = len(self._raw_events) - (self._no_event in self._raw_events)
        self.top = self._best_events(self.limit)

    def _best_events(self, limit: int) -> list[tuple]:
        """(sort key, docnum) of the best hit of each of the best `limit` events, best first; a
        hit without an event is ranked on its own.

        Hits are taken best first, by (key, docnum), until `limit` events have shown up: an
        event's first hit is its best. Only the hits at or under a cut-off key are sorted; the
        cut-off comes from every sixteenth key, and is raised until the hits under it hold
        `limit` events (or every hit is taken). Sorting, or heaping, every hit of a common word
        cost more than its search.
        """
        keys, docnums = self._keys, self._docnums
        if limit <= 0:
            self._top_events = {}
            return []
        sample = sorted(keys[::16])
        position = limit // 4 + 2
        while True:
            if position < len(sample):
                cut = sample[position]
                rows = compress(range(len(keys)), map(operator.le, keys, repeat(cut)))
            else:
                cut, rows = None, range(len(keys))
            top = self._first_events(sorted(rows, key=lambda row: (keys[row], docnums[row])), limit)
            if len(top) == limit or cut is None:
                return top
            position *= 4

    def _first_events(self, rows, limit: int) -> list[tuple]:
        """(key, docnum) of the first hit of each event among `rows` (in order), up to `limit`."""
        no_event, event_name = self._no_event, self.schema[self.event_field].from_column_value
        top: list[tuple] = []
        seen: set = set()
        self._top_events: dict[int, object] = {}  # docnum -> event id, for `event_of`
        for row in rows:
            raw = self._events[row]
            if raw != no_event:
                if raw in seen:
                    continue
                seen.add(raw)
            docnum = self._docnums[row]
            top.append((self._keys[row], docnum))
            self._top_events[docnum] = None if raw == no_event else event_name(raw)
            if len(top) == limit:
                break
        return top

    @property
    def events(self) -> Counter:
        """{event id: hits} over every hit."""
        name = self.schema[self.event_field].from_column_value
        return Counter(
            {name(raw): n for raw, n in self._raw_events.items() if raw != self._no_event}
        )

    def event_of(self, docnum: int):
        """The event id of a collected hit (None when it has none)."""
        if docnum in self._top_events:
            return self._top_events[docnum]
        raw = self._events[self._docnums.index(docnum)]
        return (
            None if raw == self._no_event else self.schema[self.event_field].from_column_value(raw)
        )

    def versions(self, event_ids) -> list[int]:
        """The docnums of every hit of `event_ids`, best first (by the search's order)."""
        to_raw = self.schema[self.event_field].to_column_value
        wanted = {to_raw(event_id) for event_id in event_ids if event_id is not None}
        rows = compress(range(len(self._events)), map(wanted.__contains__, self._events))
        chosen = [(self._keys[row], self._docnums[row]) for row in rows]
        return [docnum for _, docnum in sorted(chosen)]

    def count(self):
        return self.total
