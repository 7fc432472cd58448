"""Words and exact phrases read and scored a block of postings at a time (`term_hits`).

A word (its term in each language field) or an exact phrase, filtered or not, is the commonest
search and has the most hits: it is read and scored a block of postings at a time, not through a
matcher's calls per hit, with Whoosh's BM25F formula and the same scores
(`whoosh_internals.bm25`). Several words are read rarest first, and each next word only in the
blocks that hold documents still possible. The decoded postings of recent words are kept per
segment, with their scores once computed (`PostingsCache`).
"""

from __future__ import annotations

import gc
import threading
from array import array
from bisect import bisect_left
from collections import OrderedDict
from contextlib import contextmanager
from itertools import compress, repeat
from types import SimpleNamespace

from whoosh import query as wq
from whoosh import scoring

from archive.search.columns import COLUMNS, SegmentColumns, segment_id
from archive.search.queries import ExactPhrase
from archive.search.whoosh_internals.blocks import (
    MISSING,
    BlockPostings,
    leaf_postings,
    positions_decoder,
)
from archive.search.whoosh_internals.bm25 import (
    CachedLengthBM25F,
    addition_tree,
    bm25_scores,
    length_norms,
    score_inputs,
    tree_sum,
)


class PostingsCache:
    """The decoded postings (docnums and term frequencies) of the words read most recently, per
    segment, and their BM25F scores once computed; up to `limit` of them in all (a posting 12
    bytes, a score 8).

    Whoosh stores a block's postings as one zlib-compressed pickle with their positions, and
    decoding it is most of a common word's search. A segment's postings never
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


def alternatives(q: wq.Query) -> list[wq.Query] | None:
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


def _word_postings(term: wq.Term, subsearcher, weighting, only=None):
    """A word's postings in one field (`scorer`, `ids` and `tfs`), from `POSTINGS` when it
    holds them (with `only`, at least those among `only`, see `BlockPostings`); MISSING when no
    document here holds the word, None when its postings or scoring are of another kind."""
    leaf = leaf_postings(subsearcher, term.fieldname, term.text, weighting)
    if leaf is None or leaf is MISSING:
        return leaf
    key = (segment_id(subsearcher), term.fieldname, term.text)
    if (cached := POSTINGS.get(key)) is not None:
        ids, tfs = list(cached[0]), list(cached[1])
        return SimpleNamespace(scorer=leaf.scorer, ids=ids, tfs=tfs, cache_key=key)
    postings = BlockPostings(leaf, weights=True, values=False, only=only)
    if only is None and key[0] is not None:
        POSTINGS.put(key, postings.ids, postings.tfs)
        postings.cache_key = key
    return postings


def _word_scores(postings, rows, subsearcher, fieldname: str, columns: SegmentColumns):
    """The BM25F scores of the postings at `rows`.

    A cached word's scores are computed for all its postings when `rows` are a good part of
    them, and kept (`PostingsCache.scores`): a common word's scores are a good part of its
    search once its postings are cached (docs/measurements.md).
    """
    key = getattr(postings, "cache_key", None)
    if key is not None:
        scorer = postings.scorer
        inputs = score_inputs(scorer)
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
    norms = length_norms(postings.scorer, docnums, subsearcher.reader(), fieldname, columns)
    return bm25_scores(postings, rows, norms)


def _word_hits(term: wq.Term, subsearcher, weighting, columns: SegmentColumns, only=None):
    """A word's hits in one field, scored as its term matcher scores them (with `only`, at
    least those among `only`, see `BlockPostings`)."""
    postings = _word_postings(term, subsearcher, weighting, only)
    if postings is None or postings is MISSING:
        return None if postings is None else ([], [] if weighting is not None else None)
    if weighting is None:
        return postings.ids, None
    rows = range(len(postings.ids))
    return postings.ids, _word_scores(postings, rows, subsearcher, term.fieldname, columns)


@contextmanager
def collector_paused():
    """No garbage collection inside: for work that makes tens of thousands of short-lived lists
    at once (a phrase's positions). Alive together, they made the collector run a full
    collection in every such search; freed before the end, they never reach it."""
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
    leaves = [
        leaf_postings(subsearcher, phrase.fieldname, word, weighting) for word in phrase.words
    ]
    if any(leaf is None for leaf in leaves):
        return None
    if any(leaf is MISSING for leaf in leaves):  # a word no document here holds
        return [], ([] if weighting is not None else None)
    # The rarest word first; the others only in the blocks of documents that hold the words
    # read so far.
    reader = subsearcher.reader()
    order = sorted(
        range(len(leaves)), key=lambda k: reader.doc_frequency(phrase.fieldname, phrase.words[k])
    )
    words: list = [None] * len(leaves)
    for k in order:
        words[k] = BlockPostings(leaves[k], weights=weighting is not None, values=True, only=only)
        only = sorted(set(words[k].ids).intersection(only) if only is not None else words[k].ids)
    # The documents holding every word (`only` is now those, among the first `only` if one was
    # given), then each word's positions in them, shifted back by the word's place in the
    # phrase: the phrase starts where they all meet. A word's postings ascend, as `holding`
    # does: its rows for them are where its ids are in `holding`, in the same order.
    holding, among = only, set(only).__contains__
    rows = [list(compress(range(len(w.ids)), map(among, w.ids))) for w in words]
    decode = positions_decoder(field.format)
    with collector_paused():
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
        length_norms(leaves[0].scorer, docnums, subsearcher.reader(), phrase.fieldname, columns)
    )
    per_word = [
        bm25_scores(word, word_rows, norms) for word, word_rows in zip(words, rows, strict=True)
    ]
    return docnums, tree_sum(per_word)


def _all_hits(conjunction: wq.And, subsearcher, weighting, columns: SegmentColumns, only=None):
    """The documents holding every word and phrase of an And in one field, scored as Whoosh's
    tree of intersection matchers adds the parts' scores (`addition_tree`)."""
    reader = subsearcher.reader()
    parts = conjunction.subqueries
    sizes = [part.estimate_size(reader) for part in parts]
    # The rarest part first; each next one only in the blocks of the documents left.
    # A word's postings are scored only for the documents holding every part.
    found: list = [None] * len(parts)
    for k in sorted(range(len(parts)), key=sizes.__getitem__):
        if type(parts[k]) is wq.Term:
            found[k] = _word_postings(parts[k], subsearcher, weighting, only)
            if found[k] is MISSING:
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
    tree = addition_tree([0 - size for size in sizes])
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
    parts = alternatives(q)
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
        live = columns.live(reader)[1]  # a set lookup per hit, not a call into the reader
        kept = [i for i, docnum in enumerate(docnums) if docnum in live]
        docnums = [docnums[i] for i in kept]
        scores = [scores[i] for i in kept] if weighting is not None else scores
    return docnums, scores if weighting is not None else None
