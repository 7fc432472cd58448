"""BM25F as Whoosh computes it, written out so that a block of postings is scored in one pass
with the same floats: the scorer's figures (`BM25FScorer`'s `idf`, `K1`, `B`, `avgfl`, `dfl`,
`BM25F._field_B`) and the order in which Whoosh's trees of intersection matchers add their parts'
scores (`make_binary_tree`, `make_weighted_tree`). `tests/search/test_term_hits.py` compares the
floats with Whoosh's own.
"""

from __future__ import annotations

from bisect import insort

from whoosh import scoring


class CachedLengthBM25F(scoring.BM25F):
    """Whoosh's BM25F with the same parameters and scores, reading document lengths from cached
    arrays instead of a column lookup per hit (docs/measurements.md): `columns` is
    an `archive.search.columns.SegmentColumns`."""

    def __init__(self, base: scoring.BM25F, columns):
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


def bm25_scores(postings, rows, norms) -> list[float]:
    """whoosh.scoring.bm25 for the postings at `rows` (`postings` has their `scorer` and term
    frequencies `tfs`), given their documents' length norms (`length_norms`), written out
    operand for operand: a call per hit is what the block path saves, and the norms computed
    once per document, not once per posting."""
    scorer, tfs = postings.scorer, postings.tfs
    idf, K1 = scorer.idf, scorer.K1
    return [
        idf * ((tf * (K1 + 1)) / (tf + norm))
        for tf, norm in zip(map(tfs.__getitem__, rows), norms, strict=True)
    ]


def score_inputs(scorer) -> tuple:
    """What a BM25F scorer's scores of a term's postings depend on besides the postings: the
    term's idf, the field's average length, B and K1."""
    return (scorer.idf, scorer.avgfl, scorer.B, scorer.K1)


def length_inputs(scorer) -> tuple:
    """What a document's length norm depends on besides its length: B, K1, the field's average
    length."""
    return (scorer.B, scorer.K1, scorer.avgfl)


def length_norms(scorer, docnums, reader, fieldname: str, columns):
    """The length norm of each of `docnums` (`SegmentColumns.length_norms`), the same floats
    whether cached or computed here from the scorer's own lengths."""
    norms = columns.length_norms(reader, fieldname, scorer)
    if norms is not None:
        return map(norms.__getitem__, docnums)
    B, K1, avgfl, length = scorer.B, scorer.K1, scorer.avgfl, scorer.dfl
    return [K1 * ((1 - B) + B * length(docnum) / avgfl) for docnum in docnums]


def tree_sum(columns: list[list[float]]) -> list[float]:
    """Per document, the words' scores added as Whoosh's `make_binary_tree` of intersection
    matchers adds them, so the floats come out the same: w0 + (w1 + w2), (w0 + w1) + (w2 + w3)."""
    if len(columns) == 1:
        return columns[0]
    half = len(columns) // 2
    left, right = tree_sum(columns[:half]), tree_sum(columns[half:])
    return [a + b for a, b in zip(left, right, strict=True)]


def addition_tree(weights: list[int]):
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
