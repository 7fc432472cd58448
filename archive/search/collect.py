"""One pass over a query's hits: the top events and exact facet counts.

Whoosh can collapse (`collapse=`) and count facets (`groupedby=`) in one search, but not correctly
together, and not with a `filter=` (Whoosh-Reloaded 2.7.5):

- it wraps the facet collector inside the collapse collector, so facets count only the documents
  that survive collapsing (one per event);
- its `FilterCollector` calls the wrapped collector's `collect()` directly, which bypasses the
  collapse collector's logic: a filtered search is silently not collapsed;
- a `TopCollector` with block-quality skipping or matcher replacement (its defaults) stops
  visiting documents that cannot reach the top N, so counts made while collecting come out low
  (WHOOSH-NOTES: 1,081 counted of 5,594);
- collapsing under a `SortingCollector` removes displaced documents by a linear scan of all hits.

`EventCollector` visits every hit once: it counts it (facet values read from columns), keeps the
best hit of its event (score, or a sort key), and at the end keeps the top `limit` events. Filters
go into the query itself (`with_filter`), at constant score zero, so Whoosh intersects posting
lists instead of scanning, and the ranking is unchanged.
"""

from __future__ import annotations

import heapq
from collections import Counter

from whoosh import collectors, sorting
from whoosh import query as wq


def with_filter(q: wq.Query, restrict: wq.Query | None) -> wq.Query:
    """`q` restricted to the documents of `restrict`, whose terms add nothing to the score."""
    if restrict is None:
        return q
    return wq.And([q, wq.ConstantScoreQuery(restrict, 0.0)])


def _missing_key(searcher, facet) -> object:
    """The raw column key of a document without a value for `facet`'s field (None if unknown)."""
    fieldname = getattr(facet, "fieldname", None)
    if fieldname is None or fieldname not in searcher.schema:
        return None
    column = searcher.schema[fieldname].column_type
    return None if column is None or column.stores_lists() else column.default_value()


class EventCollector(collectors.Collector):
    """The best `limit` events of a query (ranked by their best hit) and counts over all hits.

    After the search: `top` is a list of (sort key, docnum) of each event's best hit, best first;
    `total` the number of hits; `events` hits per event; `counts[name]` hits per value of each
    facet in `facets` ({name: Facet}; a document without a value counts under the column's
    default). `sortedby=None` ranks by score.
    """

    def __init__(
        self,
        limit: int,
        keyfacet: sorting.FacetType,
        facets: dict[str, sorting.FacetType],
        sortedby: sorting.FacetType | None = None,
    ):
        collectors.Collector.__init__(self)
        self.limit = limit
        self.keyfacet = keyfacet
        self.facets = facets
        self.sortedby = sortedby

    def prepare(self, top_searcher, q, context):
        self.total = 0
        self.events: Counter = Counter()
        self.counts: dict[str, Counter] = {name: Counter() for name in self.facets}
        self.best: dict = {}
        self.keyer = self.keyfacet.categorizer(top_searcher)
        self.categorizers = [
            (name, facet.categorizer(top_searcher)) for name, facet in self.facets.items()
        ]
        self.sorter = self.sortedby.categorizer(top_searcher) if self.sortedby else None
        self._counting = [
            (Counter(), categorizer, categorizer.allow_overlap)
            for _, categorizer in self.categorizers
        ]
        self._raw_events: Counter = Counter()
        self._no_event = _missing_key(top_searcher, self.keyfacet)
        needs_current = self.keyer.needs_current or any(
            categorizer.needs_current for _, categorizer in self.categorizers
        )
        if self.sorter is None:  # by score: the matcher must be on each document
            context = context.set(needs_current=True)
            weighting = top_searcher.weighting
            self.final_fn = weighting.final if weighting.use_final else None
        else:
            context = context.set(
                weighting=None, needs_current=needs_current or self.sorter.needs_current
            )
            self.final_fn = None
        collectors.Collector.prepare(self, top_searcher, q, context)

    def set_subsearcher(self, subsearcher, offset):
        collectors.Collector.set_subsearcher(self, subsearcher, offset)
        self.keyer.set_searcher(subsearcher, offset)
        for _, categorizer in self.categorizers:
            categorizer.set_searcher(subsearcher, offset)
        if self.sorter is not None:
            self.sorter.set_searcher(subsearcher, offset)

    def sort_key(self, sub_docnum):
        if self.sorter is not None:
            return self.sorter.key_for(self.matcher, sub_docnum)
        score = self.matcher.score()
        if self.final_fn:
            score = self.final_fn(self.top_searcher, self.offset + sub_docnum, score)
        return 0 - score

    def collect(self, sub_docnum):
        # Per hit, only raw column keys are read and counted; `finish` names them once per value.
        matcher = self.matcher
        docnum = self.offset + sub_docnum
        self.total += 1
        for counter, categorizer, overlap in self._counting:
            if overlap:
                for key in categorizer.keys_for(matcher, sub_docnum):
                    counter[key] += 1
            else:
                counter[categorizer.key_for(matcher, sub_docnum)] += 1
        key = self.keyer.key_for(matcher, sub_docnum)
        self._raw_events[key] += 1
        entry = (self.sort_key(sub_docnum), docnum)
        best = self.best
        if key is None or key == "" or key == self._no_event:
            best[("document", docnum)] = entry  # no event: ranked on its own
        else:
            current = best.get(key)
            if current is None or entry < current:
                best[key] = entry
        return entry[0]

    def finish(self):
        collectors.Collector.finish(self)
        self.top = heapq.nsmallest(self.limit, self.best.values())
        for (name, categorizer), (counter, _, _) in zip(
            self.categorizers, self._counting, strict=True
        ):
            for key, n in counter.items():
                self.counts[name][categorizer.key_to_name(key)] += n
        for key, n in self._raw_events.items():
            if key is not None and key != "" and key != self._no_event:
                self.events[self.keyer.key_to_name(key)] += n

    def count(self):
        return self.total

    def results(self):
        return self._results(self.top, docset=set())
