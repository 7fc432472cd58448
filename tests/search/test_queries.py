"""Exact phrases: the same documents and scores as Whoosh's own phrase query.

Part of the Whoosh upgrade check (archive/search/whoosh_internals/__init__.py): run it against a
new Whoosh release before adding it to TESTED_VERSIONS.
"""

import random

from whoosh import analysis, fields, query
from whoosh.filedb.filestore import RamStorage

from archive.search.queries import ExactPhrase
from archive.search.whoosh_internals.matchers import ExactPhraseMatcher

VOCABULARY = ["to", "lam", "dang", "japan", "viet", "nam", "minister", "visit", "to", "to"]
WORDS = analysis.RegexTokenizer() | analysis.LowercaseFilter()  # no stop list: "to" is a word


def _index(rng: random.Random, documents: int = 300):
    schema = fields.Schema(id=fields.ID(stored=True), body=fields.TEXT(analyzer=WORDS, phrase=True))
    index = RamStorage().create_index(schema)
    with index.writer() as writer:
        for n in range(documents):
            words = [rng.choice(VOCABULARY) for _ in range(rng.randint(0, 40))]
            writer.add_document(id=str(n), body=" ".join(words))
    return index


def _results(searcher, q):
    return [(hit["id"], round(hit.score, 9)) for hit in searcher.search(q, limit=None)]


def test_exact_phrases_find_what_whoosh_phrases_find():
    rng = random.Random(3)
    index = _index(rng)
    with index.searcher() as searcher:
        phrases = 0
        for _ in range(200):
            words = [rng.choice(VOCABULARY) for _ in range(rng.randint(2, 4))]
            boost = rng.choice([1.0, 2.5])
            expected = _results(searcher, query.Phrase("body", words, boost=boost))
            assert _results(searcher, ExactPhrase("body", words, boost=boost)) == expected, words
            phrases += bool(expected)
        assert phrases > 50  # the corpus is dense enough that most phrases occur somewhere


def test_spans_are_the_phrase_occurrences():
    schema = fields.Schema(body=fields.TEXT(analyzer=WORDS, phrase=True))
    index = RamStorage().create_index(schema)
    with index.writer() as writer:
        writer.add_document(body="to lam to lam lam to lam")
    with index.searcher() as searcher:
        matcher = ExactPhrase("body", ["to", "lam"]).matcher(searcher)
        assert isinstance(matcher, ExactPhraseMatcher)
        assert [(span.start, span.end) for span in matcher.spans()] == [(0, 1), (2, 3), (5, 6)]


def test_a_word_no_document_holds_matches_nothing():
    rng = random.Random(4)
    with _index(rng, 20).searcher() as searcher:
        assert _results(searcher, ExactPhrase("body", ["to", "unheard"])) == []
        assert _results(searcher, ExactPhrase("nofield", ["to", "lam"])) == []


def test_an_exclusion_checks_the_first_document_too():
    # The excluded word's first document (0) comes before the first candidate (1), which holds
    # the excluded word as well: Whoosh's own AndNot keeps document 1.
    from archive.search.queries import AndNot

    schema = fields.Schema(id=fields.ID(stored=True), body=fields.TEXT(analyzer=WORDS))
    index = RamStorage().create_index(schema)
    with index.writer() as writer:
        for n, body in enumerate(["china", "japan china", "japan", "japan china", "japan"]):
            writer.add_document(id=str(n), body=body)
    japan, china = query.Term("body", "japan"), query.Term("body", "china")
    with index.searcher() as searcher:
        assert "1" in {hit for hit, _ in _results(searcher, query.AndNot(japan, china))}
        assert sorted(hit for hit, _ in _results(searcher, AndNot(japan, china))) == ["2", "4"]


def test_exclusions_equal_set_difference_on_random_documents():
    from archive.search.queries import AndNot

    rng = random.Random(5)
    index = _index(rng)
    with index.searcher() as searcher:
        for _ in range(100):
            kept, dropped = rng.sample(VOCABULARY[:8], 2)
            keep, drop = query.Term("body", kept), query.Term("body", dropped)
            expected = {h for h, _ in _results(searcher, keep)} - {
                h for h, _ in _results(searcher, drop)
            }
            assert {h for h, _ in _results(searcher, AndNot(keep, drop))} == expected
