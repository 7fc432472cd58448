"""A term's postings read a block at a time, through Whoosh's undocumented block readers.

Whoosh's `W3LeafMatcher` decodes one block of postings (a zlib-compressed pickle of ids, term
frequencies and positions) when its matcher moves into it. Here its block readers (`_read_ids`,
`_read_weights`, `_read_values`, `_next_block`) are called directly to take a block's arrays
whole, a block can be decompressed and unpickled without its positions (`read_without_values`),
and many postings' positions are decoded in one call (`positions_decoder`). Each falls back to
Whoosh's own decoding where the data is not what it expects; the equivalence tests
(`tests/search/test_block_reads.py`, `tests/search/test_term_hits.py`) compare them with it.
"""

from __future__ import annotations

import operator
import pickle
import re
import zlib
from bisect import bisect_right
from functools import partial
from itertools import accumulate, chain, repeat

from whoosh import formats, scoring
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.system import _INT_SIZE
from whoosh.util.numeric import byte_to_length


class BlockPostings:
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
                read_without_values(leaf)
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

# Decompressed a chunk at a time until the pattern shows: ids and frequencies come first, the
# positions (most of a block) after them.
_DECOMPRESS_CHUNK = 2048

_WITHOUT_POSITIONS = b"N\x87."  # None for the positions, TUPLE3, STOP


def read_without_values(leaf) -> None:
    """Load the leaf's current block and its ids without its positions, for a reader that never
    asks for them (its `_values` are then wrong): decoding them is most of a block's cost
    (docs/measurements.md).

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


def merged_postings(reader, schema, startdoc: int, docmap: dict | None):
    """Every live posting of a segment reader as `(fieldname, term, docnum, weight, value)`, in
    the order of Whoosh's `iter_postings` and numbered for the segment being written (after
    `startdoc`, or by `docmap` where the segment has deletions), as Whoosh's writer numbers a
    merged segment's (`SegmentWriter._process_posts`). Decoded a block at a time: Whoosh's
    `iter_postings` makes five matcher calls per posting."""
    deleted = reader.deleted_docs_set
    for fieldname, term in reader.all_terms():
        if fieldname not in schema:
            continue
        matcher = reader.postings(fieldname, term)
        leaf = matcher.child if isinstance(matcher, FilterMatcher) else matcher
        while leaf.is_active():
            if leaf._data is None:
                leaf._read_data()
            ids = leaf._data[0]
            ids = ids if leaf._byteids else accumulate(ids)  # `_read_ids`' decoding, in C
            leaf._read_weights()
            leaf._read_values()
            # Not strict: a spelling field's values can be cut into more pieces than the block
            # has postings (its format's fixed size); Whoosh reads the first ones, as zip does.
            postings = zip(ids, leaf._weights, leaf._values, strict=False)
            if docmap is not None:
                for docnum, weight, value in postings:
                    if docnum not in deleted:
                        yield fieldname, term, docmap[docnum], weight, value
            else:
                for docnum, weight, value in postings:
                    yield fieldname, term, startdoc + docnum, weight, value
            leaf._next_block()


MISSING = object()  # a term no document of the segment holds


def leaf_postings(subsearcher, fieldname: str, word, weighting):
    """The postings reader of one term: a `W3LeafMatcher` (its segment's deletions not applied),
    MISSING, or None when it is of another kind or scored otherwise."""
    field = subsearcher.schema[fieldname]
    try:
        text = field.to_bytes(word)
    except ValueError:
        return MISSING
    if (fieldname, text) not in subsearcher.reader():
        return MISSING
    leaf = subsearcher.postings(fieldname, text, weighting=weighting)
    if isinstance(leaf, FilterMatcher):  # the segment's deletions: dropped by the caller
        leaf = leaf.child
    if type(leaf) is not W3LeafMatcher:
        return None
    if weighting is not None and type(leaf.scorer) is not scoring.BM25FScorer:
        return None
    return leaf


def positions_decoder(field_format):
    """Decodes the positions of many postings at once: `decode(values)` gives an iterable of
    positions per value, to be read once; `decode(values, shift)` with `shift` > 0 gives
    -shift, then each position minus `shift` (a phrase's word k is shifted back by k, and
    -k is no position: the sums of the gaps in C start there).

    Whoosh's own `Positions` format stores a posting's positions as a 4-byte count and a pickle
    (protocol 2) of the gaps between them, and its `decode_positions` unpickles each and adds
    the gaps up in a Python loop. Here the pickles (each a list) are laid end to end inside one
    list and unpickled in one call, and the gaps are added up in C, far cheaper than one call
    each (docs/measurements.md). Any other format, or values
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


def stored_lengths(reader, fieldname: str) -> tuple[int, ...] | None:
    """Each document's length in `fieldname` as Whoosh stores it (one byte per document, read
    through its per-document reader's cached length column), or None when this kind of segment
    does not expose them."""
    cached_reader = getattr(getattr(reader, "_perdoc", None), "_cached_reader", None)
    if cached_reader is None:
        return None
    column = cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
    if column is None:
        return None
    return tuple([byte_to_length(byte) if byte else 1 for byte in column])
