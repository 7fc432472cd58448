"""A segment's look-ups in the text fields none of its documents has are answered without its
terms table (archive/search/whoosh_internals/fields.py), and answered as the table would.

Part of the Whoosh upgrade check (archive/search/whoosh_internals/__init__.py).
"""

import random

import pytest
from whoosh import analysis, fields
from whoosh import query as wq
from whoosh.filedb.filestore import RamStorage
from whoosh.reading import TermNotFound

from archive.search.whoosh_internals.fields import TermsOfFields, empty_fields, skip_empty_fields

FIELDS = ("en", "no", "other")
WORDS = analysis.RegexTokenizer() | analysis.LowercaseFilter()
VOCABULARY = [f"w{n}" for n in range(8)]


def _index():
    """Three segments: English only, English and Norwegian, then "other" only (a few deleted)."""
    rng = random.Random(4)
    schema = fields.Schema(
        id=fields.ID(stored=True, unique=True),
        kind=fields.KEYWORD(stored=True),
        **{name: fields.TEXT(analyzer=WORDS) for name in FIELDS},
    )
    index = RamStorage().create_index(schema)
    n = 0
    for names in (("en",), ("en", "no"), ("other",)):
        with index.writer() as writer:
            writer.merge = False
            for _ in range(60):
                words = " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(1, 20)))
                writer.add_document(id=str(n), kind="news", **{rng.choice(names): words})
                n += 1
    with index.writer() as writer:
        writer.merge = False
        for docnum in rng.sample(range(n), 10):
            writer.delete_by_term("id", str(docnum))
    return index


def _answers(reader, fieldname: str, word: str):
    text = word.encode()
    try:
        info = reader.term_info(fieldname, word)
        info = (info.doc_frequency(), info.weight())
    except TermNotFound:
        info = "not found"
    try:
        ids = list(reader.postings(fieldname, word).all_ids())
    except TermNotFound:
        ids = "not found"
    return (
        (fieldname, text) in reader._terms,
        (fieldname, word) in reader,
        reader.doc_frequency(fieldname, word),
        reader.frequency(fieldname, word),
        info,
        ids,
    )


def test_empty_fields_are_the_scorable_fields_without_tokens():
    with _index().searcher() as searcher:
        empties = [empty_fields(leaf) for leaf, _ in searcher.reader().leaf_readers()]
    assert empties == [frozenset({"no", "other"}), frozenset({"other"}), frozenset({"en", "no"})]


def test_look_ups_are_answered_as_the_terms_table_answers():
    index = _index()
    words = [*VOCABULARY, "absent"]
    with index.searcher() as plain:
        expected = [
            [_answers(leaf, name, word) for name in (*FIELDS, "kind") for word in words]
            for leaf, _ in plain.reader().leaf_readers()
        ]
        searches = {
            word: [(hit.docnum, hit.score) for hit in plain.search(q, limit=None)]
            for word in words
            for q in [wq.Or([wq.Term(name, word) for name in FIELDS])]
        }
    with index.searcher() as searcher:
        skip_empty_fields(searcher)
        skip_empty_fields(searcher)  # once is enough: not wrapped twice
        leaves = [leaf for leaf, _ in searcher.reader().leaf_readers()]
        assert all(type(leaf._terms) is TermsOfFields for leaf in leaves)
        assert all(type(leaf._terms.inner) is not TermsOfFields for leaf in leaves)
        got = [
            [_answers(leaf, name, word) for name in (*FIELDS, "kind") for word in words]
            for leaf in leaves
        ]
        assert got == expected
        for word, hits in searches.items():
            q = wq.Or([wq.Term(name, word) for name in FIELDS])
            assert [(hit.docnum, hit.score) for hit in searcher.search(q, limit=None)] == hits
        assert any(hits for hits in searches.values())


@pytest.mark.django_db
def test_the_backends_searcher_skips_empty_fields(search_index):
    from tests.factories import ArticleFactory

    ArticleFactory(body="Talks on rice tariffs went on for hours.", language="en")
    from archive.search import sync

    sync.drain(wait_seconds=10)
    searcher = search_index.searcher()
    leaves = [leaf for leaf, _ in searcher.reader().leaf_readers()]
    assert leaves and all(type(leaf._terms) is TermsOfFields for leaf in leaves)
    assert all("text_ja" in leaf._terms.empty for leaf in leaves)
    assert all("text_en" not in leaf._terms.empty for leaf in leaves)


def test_a_word_is_in_a_live_document_when_any_segment_has_it_undeleted():
    from archive.search.suggestions import _in_a_live_document

    schema = fields.Schema(id=fields.ID(stored=True, unique=True), en=fields.TEXT(analyzer=WORDS))
    index = RamStorage().create_index(schema)
    for n, text in enumerate(("gone kept", "other", "kept later", "gone again")):
        with index.writer() as writer:
            writer.merge = False
            writer.add_document(id=str(n), en=text)
    with index.writer() as writer:
        writer.merge = False
        writer.delete_by_term("id", "0")
        writer.delete_by_term("id", "3")
    with index.searcher() as searcher:
        reader = searcher.reader()
        assert len(list(reader.leaf_readers())) == 4
        # "gone" is only in deleted documents; "kept" is deleted in the first segment only.
        expected = {"gone": False, "kept": True, "later": True, "other": True, "absent": False}
        for word, live in expected.items():
            assert _in_a_live_document(reader, "en", word) is live, word
            try:
                assert reader.postings("en", word).is_active() is live, word
            except TermNotFound:
                assert not live
