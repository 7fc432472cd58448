"""Words and exact phrases scored a block of postings at a time give Whoosh's own hits and
scores.

Part of the Whoosh upgrade check (archive/search/whoosh_internals/__init__.py): run it against a
new Whoosh release before adding it to TESTED_VERSIONS.
"""

import random

import pytest
from whoosh import analysis, fields, scoring
from whoosh import query as wq
from whoosh.filedb.filestore import RamStorage

from archive.search.columns import COLUMNS
from archive.search.postings import POSTINGS, PostingsCache, term_hits
from archive.search.queries import ExactPhrase
from archive.search.querysyntax import LazyOr
from archive.search.whoosh_internals.bm25 import CachedLengthBM25F, addition_tree
from archive.search.whoosh_internals.codec import ArchiveCodec

FIELDS = ("en", "no", "other")
VOCABULARY = [f"w{n}" for n in range(12)] + ["common"] * 6
WORDS = analysis.RegexTokenizer() | analysis.LowercaseFilter()


def _index(rng: random.Random, *, segments: int = 3, per_segment: int = 250, both: bool = False):
    """Documents with their text in one field each (or, with `both`, one also in a second),
    written in `segments` segments, a few of them deleted. Segments alternate between Whoosh's
    codec and ours (`ArchiveCodec`: blocks pickled with protocol 3), as in an index written
    before ours and merged since."""
    schema = fields.Schema(
        id=fields.ID(stored=True, unique=True),
        **{name: fields.TEXT(analyzer=WORDS) for name in FIELDS},
    )
    index = RamStorage().create_index(schema)
    n = 0
    for segment in range(segments):
        with index.writer(codec=ArchiveCodec() if segment % 2 == 0 else None) as writer:
            writer.merge = False
            for _ in range(per_segment):
                words = " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(1, 60)))
                writer.add_document(id=str(n), **{rng.choice(FIELDS): words})
                n += 1
    with index.writer() as writer:
        writer.merge = False
        for docnum in rng.sample(range(n), 40):
            writer.delete_by_term("id", str(docnum))
        if both:
            writer.add_document(id="both", en="common w1", no="common w2")
    return index


def one_word(word: str) -> wq.Query:
    return wq.Or([wq.Term(name, word) for name in FIELDS])


def bulk(searcher, q, weighting):
    found = {}
    for sub, offset in searcher.leaf_searchers():
        hits = term_hits(q, sub, weighting)
        if hits is None:
            return None
        found.update({offset + docnum: score for docnum, score in zip(*hits, strict=True)})
    return found


def weighting_of(searcher, cached_lengths: bool):
    if cached_lengths:
        return CachedLengthBM25F(searcher.weighting, COLUMNS)
    return searcher.weighting


def assert_like_whoosh(searcher, q, weighting) -> bool:
    """The block path's hits and scores (equal floats, not close) and its unscored hits are
    Whoosh's; True when `q` has hits."""
    expected = {hit.docnum: hit.score for hit in searcher.search(q, limit=None)}
    assert bulk(searcher, q, weighting) == expected, q
    unscored = [
        offset + docnum
        for sub, offset in searcher.leaf_searchers()
        for docnum in term_hits(q, sub, None)[0]
    ]
    assert sorted(unscored) == sorted(searcher.docs_for_query(q)), q
    return bool(expected)


@pytest.mark.parametrize("cached_lengths", [False, True])
def test_block_scores_are_whooshs_scores(cached_lengths):
    index = _index(random.Random(5))
    with index.searcher() as searcher:
        assert len(list(searcher.leaf_searchers())) == 3 and searcher.reader().has_deletions()
        weighting = weighting_of(searcher, cached_lengths)
        for word in ["common", "w0", "w7", "w11", "never"]:
            for q in [one_word(word), wq.Term("no", word)]:
                expected = {hit.docnum: hit.score for hit in searcher.search(q, limit=None)}
                assert bulk(searcher, q, weighting) == expected, q  # equal floats, not close
                # Sorted by date, the hits without scores.
                unscored = [
                    (offset, term_hits(q, sub, None)) for sub, offset in searcher.leaf_searchers()
                ]
                assert all(scores is None for _, (_, scores) in unscored)
                docnums = sorted(offset + d for offset, (ids, _) in unscored for d in ids)
                assert docnums == sorted(searcher.docs_for_query(q)) == sorted(expected)
        # "common" has over a block (128) of postings in each field of each segment.
        assert len(searcher.search(one_word("common"), limit=None)) > 3 * 128


def test_other_queries_and_scorings_are_left_to_the_matcher():
    index = _index(random.Random(6), segments=1, both=True)
    with index.searcher() as searcher:
        bm25 = searcher.weighting
        assert bulk(searcher, one_word("w3"), bm25) is not None
        # A document holding the word in two fields: Whoosh adds up both scores.
        assert bulk(searcher, one_word("common"), bm25) is None
        for q in [
            wq.And([wq.Term("en", "w1"), wq.Term("no", "w2")]),  # an And across fields
            wq.And([wq.Term("en", "w1"), wq.Term("en", "w2")], boost=2.0),
            wq.Or([wq.Term("en", "w1"), wq.Term("en", "w2")]),  # two terms of one field
            wq.Term("en", "w1", boost=2.0),
            wq.Phrase("en", ["w1", "w2"]),
        ]:
            assert bulk(searcher, q, bm25) is None, q
        assert bulk(searcher, one_word("w3"), scoring.TF_IDF()) is None


@pytest.mark.parametrize("cached_lengths", [False, True])
def test_exact_phrases_in_blocks_are_whooshs_hits_and_scores(cached_lengths):
    rng = random.Random(8)
    index = _index(rng)
    with index.searcher() as searcher:
        weighting = weighting_of(searcher, cached_lengths)
        phrases = 0
        for _ in range(60):
            words = [rng.choice(VOCABULARY) for _ in range(rng.randint(2, 4))]
            in_any_field = wq.Or([ExactPhrase(name, words) for name in FIELDS])
            phrases += assert_like_whoosh(searcher, in_any_field, weighting)
            assert_like_whoosh(searcher, ExactPhrase("en", words), weighting)
            mixed = wq.Or([ExactPhrase("en", words), wq.Term("no", words[0])])
            assert_like_whoosh(searcher, mixed, weighting)
        assert phrases > 20  # most phrases occur somewhere: the comparison is not vacuous
        absent = wq.Or([ExactPhrase(name, ["w1", "unheard"]) for name in FIELDS])
        assert bulk(searcher, absent, weighting) == {}


@pytest.mark.parametrize("cached_lengths", [False, True])
def test_all_words_in_blocks_are_whooshs_hits_and_scores(cached_lengths):
    """Several words (or phrases) all required, per field as the query compiler writes them:
    Whoosh adds their scores in a tree weighted by how many documents hold each."""
    rng = random.Random(9)
    index = _index(rng)
    with index.searcher() as searcher:
        weighting = weighting_of(searcher, cached_lengths)
        found = 0
        for _ in range(80):
            words = rng.sample([*VOCABULARY[:12], "common"], rng.randint(2, 5))
            phrase = [rng.choice(VOCABULARY) for _ in range(2)]

            def all_of(name, words=words, phrase=None):
                parts = [wq.Term(name, word) for word in words]
                return wq.And([*parts, ExactPhrase(name, phrase)] if phrase else parts)

            for q in [
                LazyOr([all_of(name) for name in FIELDS]),
                LazyOr([all_of(name, phrase=phrase) for name in FIELDS]),
                all_of("en"),
            ]:
                found += assert_like_whoosh(searcher, q, weighting)
        assert found > 100  # most queries have hits: the comparison is not vacuous


def test_the_addition_tree_is_whooshs():
    """`make_weighted_tree` pairs the two lightest first; parts of equal weight keep their
    order."""
    assert addition_tree([-5, -9]) == (1, 0)
    assert addition_tree([-5, -5]) == (0, 1)
    assert addition_tree([-1, -9, -4]) == ((1, 2), 0)
    assert addition_tree([-1, -2, -3, -4]) == (((3, 2), 1), 0)
    assert addition_tree([-1, -3, -3]) == ((1, 2), 0)
    assert addition_tree([-3, -1, -3]) == ((0, 2), 1)
    assert addition_tree([1, 2, 3]) is None  # 1 + 2 weighs what the third part weighs


def test_hits_within_only_are_the_same_and_blocks_outside_are_skipped():
    """With `only`, the hits among `only` are Whoosh's, and blocks holding none of `only` are
    not read (their documents are missing from the answer)."""
    rng = random.Random(10)
    index = _index(rng, per_segment=600)
    with index.searcher() as searcher:
        weighting = searcher.weighting
        skipped = 0
        for q in [
            one_word("common"),
            LazyOr([ExactPhrase(name, ["common", "common"]) for name in FIELDS]),
            LazyOr([wq.And([wq.Term(name, "common"), wq.Term(name, "w3")]) for name in FIELDS]),
        ]:
            expected = {hit.docnum: hit.score for hit in searcher.search(q, limit=None)}
            for sub, offset in searcher.leaf_searchers():
                n = sub.reader().doc_count_all()
                # The last document of each block of "common" in one field: each the only
                # one wanted in its block.
                postings = sub.reader().postings("en", "common")
                postings = getattr(postings, "child", postings)  # deleted documents too
                block_ends = list(postings.all_ids())[127::128]
                assert block_ends
                for only in [
                    list(range(n // 3, n // 2)),
                    sorted(rng.sample(range(n), 5)),
                    block_ends,
                    [],
                ]:
                    POSTINGS.clear()  # the skipping is what is tested here
                    docnums, scores = term_hits(q, sub, weighting, only=only)
                    got = dict(zip(docnums, scores, strict=True))
                    wanted = {offset + d for d in only}
                    assert {offset + d: s for d, s in got.items() if offset + d in wanted} == {
                        d: s for d, s in expected.items() if d in wanted
                    }, (q, only[:3])
                    every = term_hits(q, sub, weighting)[0]
                    skipped += len(every) - len(docnums)
        assert skipped > 1000


def test_cached_postings_give_the_same_hits_also_after_deletions():
    rng = random.Random(12)
    index = _index(rng)
    words = [one_word(word) for word in ["common", "w2", "w5"]]
    with index.searcher() as searcher:
        POSTINGS.clear()
        first = [bulk(searcher, q, searcher.weighting) for q in words]
        assert len(POSTINGS) >= 3 * 3  # each word, in each field of each segment
        assert [bulk(searcher, q, searcher.weighting) for q in words] == first
    # More deletions in the same segments: cached postings still hold those documents.
    with index.writer() as writer:
        writer.merge = False
        for docnum in rng.sample(range(750), 60):
            writer.delete_by_term("id", str(docnum))
    with index.searcher() as searcher:
        assert len(POSTINGS) >= 9
        for q in words:
            expected = {hit.docnum: hit.score for hit in searcher.search(q, limit=None)}
            assert bulk(searcher, q, searcher.weighting) == expected, q
            assert len(expected) < len(first[words.index(q)])


def test_cached_scores_serve_only_the_index_they_were_computed_for():
    rng = random.Random(13)
    index = _index(rng)
    words = [one_word(word) for word in ["common", "w3"]] + [wq.And([wq.Term("en", "common")] * 2)]
    POSTINGS.clear()
    with index.searcher() as searcher:
        for _ in range(2):  # decoded, then cached with their scores
            for q in words:
                assert_like_whoosh(searcher, q, searcher.weighting)
        assert POSTINGS._scores  # the common words' scores are kept
    # A new segment: the old ones' postings are the same, but every word's idf has changed.
    with index.writer() as writer:
        writer.merge = False
        for n in range(300):
            writer.add_document(id=f"new{n}", en="common common w3 " + "w4 " * rng.randint(0, 40))
    with index.searcher() as searcher:
        for q in words:
            assert assert_like_whoosh(searcher, q, searcher.weighting)


def test_the_postings_cache_keeps_the_latest_words_within_its_limit():
    cache = PostingsCache(limit=1000)
    for n in range(10):
        cache.put(("segment", "en", f"w{n}"), list(range(200)), [1.0] * 200)
    assert len(cache) == 5 and cache._held == 1000
    assert cache.get(("segment", "en", "w0")) is None
    assert list(cache.get(("segment", "en", "w9"))[0]) == list(range(200))
    cache.put(("segment", "en", "huge"), list(range(300)), [1.0] * 300)  # over a quarter
    assert cache.get(("segment", "en", "huge")) is None
    cache.put(("other", "en", "w1"), [1, 2], [2.0, 1.0])
    cache.put_scores(("other", "en", "w1"), (1.5, 3.0), [0.25, 0.5])
    cache.put_scores(("segment", "en", "gone"), (1.5, 3.0), [0.25])  # no postings: not kept
    assert list(cache.scores(("other", "en", "w1"), (1.5, 3.0))) == [0.25, 0.5]
    assert cache.scores(("other", "en", "w1"), (1.5, 3.5)) is None  # other inputs
    assert cache._held == 3 * 200 + 200 + 2 + 2  # w6..w9, w1's postings and its scores
    cache.put_scores(("segment", "en", "w9"), (1.0, 1.0), [0.5] * 200)  # over the limit
    assert cache.get(("segment", "en", "w6")) is None  # the oldest word made room
    assert len(cache.scores(("segment", "en", "w9"), (1.0, 1.0))) == 200
    assert cache._held == 2 * 200 + 200 + 200 + 2 + 2
    cache.keep_only({"other"})
    assert cache.scores(("segment", "en", "w9"), (1.0, 1.0)) is None
    assert len(cache) == 1 and cache._held == 4
    assert list(cache.get(("other", "en", "w1"))[1]) == [2.0, 1.0]
    cache.clear()
    assert cache.scores(("other", "en", "w1"), (1.5, 3.0)) is None and cache._held == 0
