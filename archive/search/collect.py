"""One pass over a query's hits: the top events, their matching versions and exact facet counts.

Whoosh can collapse (`collapse=`) and count facets (`groupedby=`) in one search, but not correctly
together, and not with a `filter=` (Whoosh-Reloaded 2.7.5):

- it wraps the facet collector inside the collapse collector, so facets count only the documents
  that survive collapsing (one per event);
- its `FilterCollector` calls the wrapped collector's `collect()` directly, which bypasses the
  collapse collector's logic: a filtered search is silently not collapsed;
- a `TopCollector` with block-quality skipping or matcher replacement (its defaults) stops
  visiting documents that cannot reach the top N, so counts made while collecting come out low
  (WHOOSH-NOTES: 1,081 counted of 5,594).

`EventCollector` visits every hit once. Per segment it only gathers the hits' document numbers
(and scores when ranking by relevance); it counts facet values and groups hits by event afterwards
with C-level helpers (`Counter(map(...))`) over whole-column arrays. Reading a column value per hit
through Whoosh costs several Python calls, which made counting most of a search's time.

Segments never change once written (a deletion only hides documents, which then never match), so
a segment's column arrays are read once and cached by segment id (`SegmentColumns`); segments
that left the index (merged, or the index rebuilt) are dropped from the cache. What depends on
deletions too (the live documents, each facet's totals over them, a column sorted for ranges) is
cached with the segment's deletion count. A search that matches most of a segment counts its
facets on the documents it misses and takes them from the totals.

Filters go into the query itself (`with_filter`), at score zero (`Unscored`), so the ranking is
unchanged. A filter on a column-backed field (language, outlet, official, year, dates) is checked
per hit from the cached columns (`kept_rows`) rather than by reading its postings: `language=en`
alone holds half the archive.

A word (its term in each language field) or an exact phrase, filtered or not, is the commonest
search and has the most hits: it is read and scored a block of postings at a time (`term_hits`),
not through a matcher's calls per hit, with Whoosh's BM25F formula and the same scores. A search
sorted by date, or without words, lists its hits as sets (`filter_docnums`).
"""

from __future__ import annotations

import gc
import operator
import pickle
import re
import threading
import zlib
from array import array
from bisect import bisect_left, bisect_right, insort
from collections import Counter, OrderedDict
from contextlib import contextmanager
from functools import partial
from itertools import accumulate, chain, compress, repeat
from types import SimpleNamespace

from whoosh import collectors, fields, formats, matching, scoring
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.system import _INT_SIZE
from whoosh.util.numeric import byte_to_length

from archive.search.backend import PeopleKeyword
from archive.search.queries import ExactPhrase


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


class SegmentColumns:
    """Whole raw columns of segments (tuples indexed by segment document number), cached.

    Raw values are the column's own (bytes for IDs, encoded numbers); `name` turns one into the
    field's value. A segment without a column file reads as the column's default everywhere.

    What is cached is held in tuples (and sets, dicts), never in lists. Python's garbage
    collector stops visiting a tuple of plain values (numbers, bytes) once it has seen it, but
    visits every element of a list on each full collection: with 100,000 articles the cached
    lists held ~2 million references, and a full collection, which a worker runs every twenty
    searches or so, took ~50 ms of the search it fell in.
    """

    def __init__(self):
        self._arrays: dict[tuple[str, str], tuple] = {}
        self._lock = threading.Lock()

    def array(self, reader, fieldname: str) -> tuple:
        key = (reader.segment().segment_id(), fieldname)
        values = self._arrays.get(key)
        if values is None:
            values = _shared_values(reader.column_reader(fieldname, translate=False))
            with self._lock:
                self._arrays[key] = values
        return values

    def lengths(self, reader, fieldname: str) -> tuple[int, ...] | None:
        """Each document's length in `fieldname` (what BM25 reads per hit), or None when this
        kind of segment does not expose them."""
        key = (reader.segment().segment_id(), f"length of {fieldname}")
        values = self._arrays.get(key)
        if values is None:
            cached_reader = getattr(getattr(reader, "_perdoc", None), "_cached_reader", None)
            if cached_reader is None:
                return None
            column = cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
            if column is None:
                return None
            values = tuple([byte_to_length(byte) if byte else 1 for byte in column])
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
        inputs = (scorer.B, scorer.K1, scorer.avgfl)
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


class PostingsCache:
    """The decoded postings (docnums and term frequencies) of the words read most recently, per
    segment, and their BM25F scores once computed; up to `limit` of them in all (a posting 12
    bytes, a score 8: 60 MB at most by default).

    Whoosh stores a block's postings as one zlib-compressed pickle with their positions, and
    decoding it is most of a common word's search (~1 µs a posting). A segment's postings never
    change (its deletions are applied after), so a word's decoded arrays serve every later
    search of it until the segment leaves the index. Its scores change with the index (a word's
    idf, a field's average length): they are kept with the figures they were computed from, and
    serve only searches that have the same ones.
    """

    def __init__(self, limit: int = 3_000_000):
        self.limit = limit
        self._entries: OrderedDict[tuple, tuple[array, array]] = OrderedDict()
        self._scores: dict[tuple, tuple[tuple, array]] = {}  # key -> (inputs, scores)
        self._held = 0
        self._lock = threading.Lock()

    def get(self, key: tuple) -> tuple[array, array] | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key: tuple, ids: list[int], tfs: list[float]) -> None:
        if len(ids) > self.limit // 4:
            return  # one word would push out most others
        entry = (array("I", ids), array("d", tfs))
        with self._lock:
            if key in self._entries:
                return
            self._entries[key] = entry
            self._held += len(ids)
            self._shrink()

    def scores(self, key: tuple, inputs: tuple) -> array | None:
        """The scores of every posting of `key`, if they were computed from these `inputs`."""
        with self._lock:
            found = self._scores.get(key)
        return found[1] if found is not None and found[0] == inputs else None

    def put_scores(self, key: tuple, inputs: tuple, scores: list[float]) -> None:
        with self._lock:
            if key not in self._entries:
                return
            self._forget_scores(key)
            self._scores[key] = (inputs, array("d", scores))
            self._held += len(scores)
            self._shrink()

    def _forget_scores(self, key: tuple) -> None:
        if (old := self._scores.pop(key, None)) is not None:
            self._held -= len(old[1])

    def _shrink(self) -> None:
        while self._held > self.limit:
            key, (old_ids, _) = self._entries.popitem(last=False)
            self._held -= len(old_ids)
            self._forget_scores(key)

    def keep_only(self, segment_ids: set[str]) -> None:
        """Forget segments that are no longer in the index."""
        with self._lock:
            for key in [key for key in self._entries if key[0] not in segment_ids]:
                self._held -= len(self._entries.pop(key)[0])
                self._forget_scores(key)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._scores.clear()
            self._held = 0

    def __len__(self) -> int:
        return len(self._entries)


POSTINGS = PostingsCache()


def _shared_values(column) -> tuple:
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


class CachedLengthBM25F(scoring.BM25F):
    """Whoosh's BM25F with the same parameters and scores, reading document lengths from cached
    arrays instead of a column lookup per hit (a fifth of a common word's search)."""

    def __init__(self, base: scoring.BM25F, columns: SegmentColumns):
        super().__init__(B=base.B, K1=base.K1)
        self._field_B = dict(base._field_B)
        self.columns = columns

    def scorer(self, searcher, fieldname, text, qf=1):
        scorer = super().scorer(searcher, fieldname, text, qf)
        if isinstance(scorer, scoring.BM25FScorer) and searcher.is_atomic():
            reader = searcher.reader()
            if getattr(reader, "segment", None) and reader.segment() is not None:
                lengths = self.columns.lengths(reader, fieldname)
                if lengths is not None:
                    scorer.dfl = lengths.__getitem__
        return scorer


def _is_word(q: wq.Query) -> bool:
    """A plain Term or an exact phrase (`ExactPhrase` of two words or more), unboosted."""
    if type(q) is wq.Term:
        return q.boost == 1.0 and not q.minquality
    return type(q) is ExactPhrase and q.slop == 1 and len(q.words) >= 2 and q.boost == 1.0


def _field_of(part: wq.Query) -> str | None:
    """The field of a word, a phrase, or an And of them all in one field; None otherwise."""
    if _is_word(part):
        return part.fieldname
    if type(part) is wq.And and part.boost == 1.0 and len(part.subqueries) >= 2:
        fields = {sub.fieldname if _is_word(sub) else None for sub in part.subqueries}
        if len(fields) == 1 and None not in fields:
            return fields.pop()
    return None


def _alternatives(q: wq.Query) -> list[wq.Query] | None:
    """A query for words in each language field: per field a word (Term), an exact phrase
    (`ExactPhrase`) or an And of them, as a plain Or of those, each field once; None for any
    other query."""
    parts = [q]
    if isinstance(q, wq.Or) and q.boost == 1.0 and not q.minmatch and not q.scale:
        parts = list(q.subqueries)
    fields = [_field_of(part) for part in parts]
    if None in fields or len(set(fields)) < len(fields):
        return None
    return parts


class _Postings:
    """A term's postings in one segment, read whole a block at a time: ids, term frequencies
    (`weights`) and encoded positions (`values`) as asked.

    With `only` (sorted docnums), a block holding none of them is skipped without being
    decoded, as Whoosh's `skip_to` does (a block's header gives its last id): the postings of a
    common word next to a rare one cost the blocks the rare word's documents fall in.
    """

    def __init__(self, leaf, *, weights: bool, values: bool, only: list[int] | None = None):
        self.scorer = leaf.scorer
        self.ids: list[int] = []
        self.tfs: list[float] = []
        self.values: list = []
        start = 0  # in `only`: the first docnum after the blocks already passed
        # `_read_ids` and friends decode one block; Whoosh's matcher calls them as it moves.
        while leaf.is_active():
            if only is not None:
                if start == len(only):
                    break
                end = bisect_right(only, leaf.block_max_id(), start)
                if end == start:
                    leaf._next_block()
                    continue
                start = end
            if not values:
                _read_without_values(leaf)
            if leaf._ids is None:
                leaf._read_ids()
            self.ids.extend(leaf._ids)
            if weights:
                leaf._read_weights()
                self.tfs.extend(leaf._weights)
            if values:
                leaf._read_values()
                self.values.extend(leaf._values)
            leaf._next_block()


# Where a block's positions start in its decompressed pickle, when the block holds more than
# three postings (smaller tuples are pickled without a MARK), by the pickle's protocol. A block is
# the pickled tuple (ids, term frequencies, positions); ids and frequencies are opcodes K/M/J and
# G every few bytes, and neither pattern can occur among them.
_POSITIONS_START = {
    # Whoosh's protocol 2 pickles each posting's encoded positions (bytes) as a call to
    # `_codecs.encode`.
    2: re.compile(re.escape(b"(c_codecs\nencode\n")),
    # `ArchiveCodec`'s protocol 3 pickles them as bytes: MARK, then the first posting's value as
    # SHORT_BINBYTES (C and a length byte) or BINBYTES (B and four), which starts with the
    # 4-byte count and the protocol-2 pickle of a list (`formats.Positions`).
    3: re.compile(rb"\((?:C.|B.{4}).{4}\x80\x02\]", re.S),
}
# Decompressed a chunk at a time until the pattern shows: ids and frequencies are the first
# ~1.5 KB of a full block's ~5-7 KB.
_DECOMPRESS_CHUNK = 2048
_WITHOUT_POSITIONS = b"N\x87."  # None for the positions, TUPLE3, STOP


def _read_without_values(leaf) -> None:
    """Load the leaf's current block and its ids without its positions, for a reader that never
    asks for them (its `_values` are then wrong): decoding them is most of a block's cost, ~200 us
    for 128 postings against ~40 us for the ids and frequencies alone (the 361 blocks of
    `cooperation` in a segment of 70,000 articles: 72 -> 13 ms).

    The block's data is decompressed only up to the positions, and unpickled with None in their
    place; a block without positions, or of a protocol whose positions are not known to start at
    a pattern, is unpickled whole, as Whoosh's `_read_data` does. A block that cannot be read so
    is left to Whoosh, which reports what is wrong with it."""
    if leaf._data is not None or not leaf._compression:
        return
    raw = leaf._postfile.get(leaf._dataoffset, leaf._nextoffset - leaf._dataoffset)
    decompressor = zlib.decompressobj()
    head = more = decompressor.decompress(raw, _DECOMPRESS_CHUNK)
    raw = decompressor.unconsumed_tail
    positions = _POSITIONS_START.get(head[1]) if head[:1] == b"\x80" else None
    while leaf._data is None:
        found = positions.search(head) if positions is not None else None
        if found is not None:
            data = pickle.loads(head[: found.start()] + _WITHOUT_POSITIONS)
            if len(data[0]) == leaf._blocklength:  # cut where the positions start indeed
                leaf._data = data
            else:
                positions = None
        elif decompressor.eof:
            leaf._data = pickle.loads(head)
        elif not raw and not more:
            return
        else:
            more = decompressor.decompress(raw, _DECOMPRESS_CHUNK if positions else 0)
            raw = decompressor.unconsumed_tail
            head += more
    ids = leaf._data[0]
    # As `_read_ids`, with the running sum of the gaps in C (Whoosh's `delta_decode` is a Python
    # generator: a step per posting).
    leaf._ids = ids if leaf._byteids else tuple(accumulate(ids))


_MISSING = object()  # a term no document of the segment holds


def _leaf(subsearcher, fieldname: str, word, weighting):
    """The postings reader of one term: a `W3LeafMatcher` (its segment's deletions not applied),
    _MISSING, or None when it is of another kind or scored otherwise."""
    field = subsearcher.schema[fieldname]
    try:
        text = field.to_bytes(word)
    except ValueError:
        return _MISSING
    if (fieldname, text) not in subsearcher.reader():
        return _MISSING
    leaf = subsearcher.postings(fieldname, text, weighting=weighting)
    if isinstance(leaf, FilterMatcher):  # the segment's deletions: dropped by the caller
        leaf = leaf.child
    if type(leaf) is not W3LeafMatcher:
        return None
    if weighting is not None and type(leaf.scorer) is not scoring.BM25FScorer:
        return None
    return leaf


def _bm25(postings, rows, norms) -> list[float]:
    """whoosh.scoring.bm25 for the postings at `rows` (`postings` has their `scorer` and term
    frequencies `tfs`), given their documents' length norms (`_length_norms`), written out
    operand for operand: a call per hit is what the block path saves, and the norms computed
    once per document, not once per posting, a third of what is left."""
    scorer, tfs = postings.scorer, postings.tfs
    idf, K1 = scorer.idf, scorer.K1
    return [
        idf * ((tf * (K1 + 1)) / (tf + norm))
        for tf, norm in zip(map(tfs.__getitem__, rows), norms, strict=True)
    ]


def _length_norms(scorer, docnums, reader, fieldname: str, columns: SegmentColumns):
    """The length norm of each of `docnums` (`SegmentColumns.length_norms`), the same floats
    whether cached or computed here from the scorer's own lengths."""
    norms = columns.length_norms(reader, fieldname, scorer)
    if norms is not None:
        return map(norms.__getitem__, docnums)
    B, K1, avgfl, length = scorer.B, scorer.K1, scorer.avgfl, scorer.dfl
    return [K1 * ((1 - B) + B * length(docnum) / avgfl) for docnum in docnums]


def _tree_sum(columns: list[list[float]]) -> list[float]:
    """Per document, the words' scores added as Whoosh's `make_binary_tree` of intersection
    matchers adds them, so the floats come out the same: w0 + (w1 + w2), (w0 + w1) + (w2 + w3)."""
    if len(columns) == 1:
        return columns[0]
    half = len(columns) // 2
    left, right = _tree_sum(columns[:half]), _tree_sum(columns[half:])
    return [a + b for a, b in zip(left, right, strict=True)]


def _positions_decoder(field_format):
    """Decodes the positions of many postings at once: `decode(values)` gives an iterable of
    positions per value, to be read once; `decode(values, shift)` with `shift` > 0 gives
    -shift, then each position minus `shift` (a phrase's word k is shifted back by k, and
    -k is no position: the sums of the gaps in C start there).

    Whoosh's own `Positions` format stores a posting's positions as a 4-byte count and a pickle
    (protocol 2) of the gaps between them, and its `decode_positions` unpickles each and adds
    the gaps up in a Python loop. Here the pickles (each a list) are laid end to end inside one
    list and unpickled in one call, and the gaps are added up in C: a phrase's ~35,000 postings
    at 100,000 articles cost a third of what one call each did. Any other format, or values
    that are not such pickles, are decoded one by one as Whoosh decodes them."""
    one_by_one = field_format.decoder("positions")

    def each(values: list[bytes], shift: int = 0) -> list:
        positions = map(one_by_one, values)
        if shift:
            positions = map(map, repeat(operator.sub), positions, repeat(repeat(shift)))
            positions = map(chain, repeat((-shift,)), positions)
        return list(positions)

    if type(field_format) is not formats.Positions:
        return each

    def decode(values: list[bytes], shift: int = 0) -> list:
        # Each pickle without its stop code, which would end the whole list (Whoosh's older
        # postings were written without one, as `decode_positions` knows).
        body = b"".join([v[_INT_SIZE:-1] if v[-1:] == b"." else v[_INT_SIZE:] for v in values])
        try:
            gaps = pickle.loads(b"(" + body + b"l.")
        except Exception:
            gaps = None
        if type(gaps) is not list or len(gaps) != len(values):
            return each(values, shift)
        if not shift:
            return list(map(accumulate, gaps))
        return list(map(partial(accumulate, initial=-shift), gaps))

    return decode


def _word_postings(term: wq.Term, subsearcher, weighting, only=None):
    """A word's postings in one field (`scorer`, `ids` and `tfs`), from `POSTINGS` when it
    holds them (with `only`, at least those among `only`, see `_Postings`); _MISSING when no
    document here holds the word, None when its postings or scoring are of another kind."""
    leaf = _leaf(subsearcher, term.fieldname, term.text, weighting)
    if leaf is None or leaf is _MISSING:
        return leaf
    key = (_segment_id(subsearcher), term.fieldname, term.text)
    if (cached := POSTINGS.get(key)) is not None:
        ids, tfs = list(cached[0]), list(cached[1])
        return SimpleNamespace(scorer=leaf.scorer, ids=ids, tfs=tfs, cache_key=key)
    postings = _Postings(leaf, weights=True, values=False, only=only)
    if only is None and key[0] is not None:
        POSTINGS.put(key, postings.ids, postings.tfs)
        postings.cache_key = key
    return postings


def _word_scores(postings, rows, subsearcher, fieldname: str, columns: SegmentColumns):
    """The BM25F scores of the postings at `rows`.

    A cached word's scores are computed for all its postings when `rows` are a good part of
    them, and kept (`PostingsCache.scores`): a common word's 77,000 scores are a third of its
    search once its postings are cached.
    """
    key = getattr(postings, "cache_key", None)
    if key is not None:
        scorer = postings.scorer
        inputs = (scorer.idf, scorer.avgfl, scorer.B, scorer.K1)
        every = POSTINGS.scores(key, inputs)
        if every is None and len(rows) * 4 >= len(postings.ids):
            every = _word_scores(
                SimpleNamespace(scorer=scorer, ids=postings.ids, tfs=postings.tfs),
                range(len(postings.ids)),
                subsearcher,
                fieldname,
                columns,
            )
            POSTINGS.put_scores(key, inputs, every)
        if every is not None:
            return list(map(every.__getitem__, rows))
    docnums = map(postings.ids.__getitem__, rows)
    norms = _length_norms(postings.scorer, docnums, subsearcher.reader(), fieldname, columns)
    return _bm25(postings, rows, norms)


def _word_hits(term: wq.Term, subsearcher, weighting, columns: SegmentColumns, only=None):
    """A word's hits in one field, scored as its term matcher scores them (with `only`, at
    least those among `only`, see `_Postings`)."""
    postings = _word_postings(term, subsearcher, weighting, only)
    if postings is None or postings is _MISSING:
        return None if postings is None else ([], [] if weighting is not None else None)
    if weighting is None:
        return postings.ids, None
    rows = range(len(postings.ids))
    return postings.ids, _word_scores(postings, rows, subsearcher, term.fieldname, columns)


@contextmanager
def _collector_paused():
    """No garbage collection inside: for work that makes tens of thousands of short-lived lists
    at once (a phrase's positions). Alive together, they made the collector run a full
    collection (~30 ms at 100,000 articles) in every such search; freed before the end, they
    never reach it."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _phrase_hits(phrase: ExactPhrase, subsearcher, weighting, columns: SegmentColumns, only=None):
    """An exact phrase's hits as `ExactPhraseMatcher` finds and scores them: the documents
    holding every word with word k at some position p + k; the score the words' BM25F scores
    added up as Whoosh's intersection tree adds them. With `only`, at least those among `only`.
    """
    field = subsearcher.schema[phrase.fieldname]
    if not field.format or not field.format.supports("positions"):
        return None
    leaves = [_leaf(subsearcher, phrase.fieldname, word, weighting) for word in phrase.words]
    if any(leaf is None for leaf in leaves):
        return None
    if any(leaf is _MISSING for leaf in leaves):  # a word no document here holds
        return [], ([] if weighting is not None else None)
    # The rarest word first; the others only in the blocks of documents that hold the words
    # read so far.
    reader = subsearcher.reader()
    order = sorted(
        range(len(leaves)), key=lambda k: reader.doc_frequency(phrase.fieldname, phrase.words[k])
    )
    words: list = [None] * len(leaves)
    for k in order:
        words[k] = _Postings(leaves[k], weights=weighting is not None, values=True, only=only)
        only = sorted(set(words[k].ids).intersection(only) if only is not None else words[k].ids)
    # The documents holding every word (`only` is now those, among the first `only` if one was
    # given), then each word's positions in them, shifted back by the word's place in the
    # phrase: the phrase starts where they all meet. A word's postings ascend, as `holding`
    # does: its rows for them are where its ids are in `holding`, in the same order.
    holding, among = only, set(only).__contains__
    rows = [list(compress(range(len(w.ids)), map(among, w.ids))) for w in words]
    decode = _positions_decoder(field.format)
    with _collector_paused():
        # Each word's positions shifted back by its place k in the phrase (word k > 0 starts
        # with -k, which no position of the first word equals).
        first, *shifted = [
            decode(list(map(word.values.__getitem__, word_rows)), k)
            for k, (word, word_rows) in enumerate(zip(words, rows, strict=True))
        ]
        # Per document, the first word's positions p with word k at p + k for every k: one
        # `set.intersection`, all of it called from C (no line of Python runs per document).
        starts = map(set.intersection, map(set, first), *shifted)
        kept = list(compress(range(len(holding)), starts))
        del first, shifted
    docnums = list(map(holding.__getitem__, kept))
    rows = [list(map(word_rows.__getitem__, kept)) for word_rows in rows]
    if weighting is None:
        return docnums, None
    # The words of one field share its B, K1 and average length, hence the norms.
    norms = list(
        _length_norms(leaves[0].scorer, docnums, subsearcher.reader(), phrase.fieldname, columns)
    )
    per_word = [_bm25(word, word_rows, norms) for word, word_rows in zip(words, rows, strict=True)]
    return docnums, _tree_sum(per_word)


def _addition_tree(weights: list[int]):
    """How Whoosh's And adds its parts' scores: `make_weighted_tree` pairs the two lightest
    first (weight `0 - estimate_size`, so the commonest part first), as nested (left, right)
    pairs of part indexes. Parts of equal weight keep their order: Whoosh sorts (weight,
    matcher) pairs, and its matchers compare as neither less nor greater than each other.

    None if a pair's sum equals a weight still waiting, where the order would depend on how
    Whoosh compares an intersection matcher; with weights at most zero that needs zeros, and a
    part no document holds leaves no hits to add up anyway.
    """
    nodes = sorted((weight, k) for k, weight in enumerate(weights))
    while len(nodes) > 1:
        (wa, a), (wb, b) = nodes.pop(0), nodes.pop(0)
        if any(weight == wa + wb for weight, _ in nodes):
            return None
        insort(nodes, (wa + wb, (a, b)), key=lambda node: node[0])
    return nodes[0][1]


def _all_hits(conjunction: wq.And, subsearcher, weighting, columns: SegmentColumns, only=None):
    """The documents holding every word and phrase of an And in one field, scored as Whoosh's
    tree of intersection matchers adds the parts' scores (`_addition_tree`)."""
    reader = subsearcher.reader()
    parts = conjunction.subqueries
    sizes = [part.estimate_size(reader) for part in parts]
    # The rarest part first; each next one only in the blocks of the documents left.
    # A word's postings are scored only for the documents holding every part.
    found: list = [None] * len(parts)
    for k in sorted(range(len(parts)), key=sizes.__getitem__):
        if type(parts[k]) is wq.Term:
            found[k] = _word_postings(parts[k], subsearcher, weighting, only)
            if found[k] is _MISSING:
                return [], ([] if weighting is not None else None)
            ids = found[k].ids if found[k] is not None else None
        else:
            found[k] = _phrase_hits(parts[k], subsearcher, weighting, columns, only=only)
            ids = found[k][0] if found[k] is not None else None
        if ids is None:
            return None
        only = sorted(set(ids).intersection(only) if only is not None else ids)
    docnums = only  # in postings order
    if weighting is None:
        return docnums, None
    tree = _addition_tree([0 - size for size in sizes])
    if tree is None:
        return None
    columns_of = []
    for part, hits in zip(parts, found, strict=True):
        if type(part) is wq.Term:  # postings ids ascending: each document's row by bisection
            rows = list(map(bisect_left, repeat(hits.ids), docnums))
            columns_of.append(_word_scores(hits, rows, subsearcher, part.fieldname, columns))
        else:
            columns_of.append(list(map(dict(zip(*hits, strict=True)).__getitem__, docnums)))

    def add(node):
        if isinstance(node, int):
            return columns_of[node]
        return [a + b for a, b in zip(add(node[0]), add(node[1]), strict=True)]

    return docnums, add(tree)


def term_hits(q: wq.Query, subsearcher, weighting, columns: SegmentColumns = COLUMNS, only=None):
    """(docnums, scores) of a word's or an exact phrase's hits in one segment, read and scored a
    postings block at a time (scores None when `weighting` is None: a search sorted by date);
    None when the query or its scoring is of another kind (then the matcher goes hit by hit).

    The scores are Whoosh's: the same BM25F formula, operand for operand, on the same term
    frequencies, lengths and statistics, added up in the same order (tests/search/
    test_term_hits.py compares them). Reading a block's arrays whole uses `W3LeafMatcher`'s
    block readers, which Whoosh does not document; another postings reader gives None.

    With `only` (sorted docnums, e.g. a filter's), hits outside `only` may be left out or not
    (blocks without any of them are skipped): the caller filters.
    """
    parts = _alternatives(q)
    if parts is None:
        return None
    if weighting is not None and type(weighting) not in (scoring.BM25F, CachedLengthBM25F):
        return None
    docnums: list[int] = []
    scores: list[float] = []
    for part in parts:
        hits_in = {wq.Term: _word_hits, ExactPhrase: _phrase_hits, wq.And: _all_hits}[type(part)]
        hits = hits_in(part, subsearcher, weighting, columns, only=only)
        if hits is None:
            return None
        docnums += hits[0]
        if weighting is not None:
            scores += hits[1]
    if len(parts) > 1 and len(set(docnums)) < len(docnums):
        return None  # a document in two of the fields: Whoosh adds its scores; let it
    reader = subsearcher.reader()
    if reader.has_deletions():
        kept = [i for i, docnum in enumerate(docnums) if not reader.is_deleted(docnum)]
        docnums = [docnums[i] for i in kept]
        scores = [scores[i] for i in kept] if weighting is not None else scores
    return docnums, scores if weighting is not None else None


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
        parts = [part for part in _filter_parts(q) if type(part) is not wq.Every]
        if not parts:
            return filter_docnums(wq.Every(), subsearcher)
        if len(parts) == 1:
            return filter_docnums(parts[0], subsearcher)
        tested = [part for part in parts if _column_test(part, subsearcher) is not None]
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


def _filter_parts(q: wq.Query) -> list[wq.Query]:
    """The queries a filter requires all of (its Ands flattened, `Unscored` unwrapped)."""
    if type(q) in (Unscored, wq.ConstantScoreQuery):
        return _filter_parts(q.child)
    if type(q) is wq.And:
        return [part for sub in q.subqueries for part in _filter_parts(sub)]
    return [q]


def _column_terms(q: wq.Query, subsearcher):
    """(field name, field, raw values) of a filter that is a term of an ID field or of the people
    list field, or an Or of such terms of one field; None for any other query."""
    terms = [q]
    if isinstance(q, wq.Or) and not q.minmatch and q.subqueries:
        terms = list(q.subqueries)
    if any(type(term) is not wq.Term for term in terms) or len({t.fieldname for t in terms}) > 1:
        return None
    fieldname = terms[0].fieldname
    if fieldname not in subsearcher.schema or _segment_id(subsearcher) is None:
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


def _column_test(q: wq.Query, subsearcher, columns: SegmentColumns = COLUMNS):
    """For a filter on one column-backed field, a function telling for a list of docnums whether
    each matches, read from the cached columns (in C); None for any other query.

    Filters of that kind: a term of an ID field or of the people list field, an Or of such
    terms of one field (`_column_terms`), a `ColumnRange`. A filter like `language=en` holds
    half the archive: checking a search's hits against its column costs less than reading its
    postings.
    """
    if isinstance(q, ColumnRange):
        if _segment_id(subsearcher) is None:
            return None

        def in_range(docnums):
            return map(set(q.docnums(subsearcher)).__contains__, docnums)

        return in_range
    found = _column_terms(q, subsearcher)
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
    not applied: a superset, for `_Postings` to skip the blocks outside it."""
    lists = []
    for part in _filter_parts(restrict):
        if isinstance(part, ColumnRange):
            if _segment_id(subsearcher) is not None:
                lists.append(part.docnums(subsearcher))
            continue
        found = _column_terms(part, subsearcher)
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
    matches: its column-backed parts checked per document (`_column_test`), the others through
    their docnums as a set."""
    rows = list(range(len(docnums)))
    parts = _filter_parts(restrict)
    tests = [(_column_test(part, subsearcher), part) for part in parts]
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


def _segment_id(subsearcher) -> str | None:
    segment = getattr(subsearcher.reader(), "segment", None)
    segment = segment() if segment else None  # an empty index's reader has no segment
    return segment.segment_id() if segment is not None else None


def missing_raw(schema, fieldname: str):
    """The raw column value of a document without a value (None for list columns)."""
    column = schema[fieldname].column_type
    return None if column.stores_lists() else column.default_value()


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
        if _segment_id(subsearcher) is None:
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
        segment_ids = {_segment_id(sub) for sub, _ in top_searcher.leaf_searchers()} - {None}
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
        if _alternatives(q) is None:
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
