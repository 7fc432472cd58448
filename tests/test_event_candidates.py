"""Event matching reads its candidates as rows, and decodes each stored fingerprint once."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive import events
from archive.ingest import grouping
from archive.models import Article
from tests.factories import ArticleFactory


def fingerprint_of(text: str) -> dict:
    evidence = grouping.evidence_of(
        title=text, body=text, published_on=None, year_inferred=False, language="en", people=[]
    )
    return grouping.fingerprint(evidence)


def test_a_fingerprint_is_decoded_once_and_again_when_the_capture_changes(db):
    first = fingerprint_of("Hanoi and Tokyo sign a port cooperation agreement in Hai Phong")
    article = ArticleFactory()
    Article.objects.filter(pk=article.pk).update(fingerprint=first)
    key = (article.pk, article.content_hash)

    (text,) = events._text_evidence([key]).values()
    assert text.shingles == frozenset(first["shingles"])
    with CaptureQueriesContext(connection) as queries:
        assert events._text_evidence([key]) == {key: text}
    assert len(queries) == 0

    # A new capture of the same article (same id): a new hash, so its new fingerprint is read.
    second = fingerprint_of("Rice exports to Japan reach a record as farmers adopt new seeds")
    Article.objects.filter(pk=article.pk).update(fingerprint=second, content_hash="f" * 64)
    (text,) = events._text_evidence([(article.pk, "f" * 64)]).values()
    assert text.shingles == frozenset(second["shingles"]) != frozenset(first["shingles"])


def test_an_old_fingerprint_falls_back_to_the_text(db):
    dated = ArticleFactory()
    old = ArticleFactory(event=dated.event, published_on=dated.published_on)
    Article.objects.filter(pk=old.pk).update(fingerprint={"version": 0, "shingles": []})
    new = ArticleFactory.build(event=dated.event, published_on=dated.published_on)
    candidates = {c.pk: c for c in events.candidate_articles(new, 3, [])}
    assert old.pk in candidates
    # Read from the text, since the stored fingerprint is of another version.
    expected = events.evidence_for(Article.objects.get(pk=old.pk), [])
    assert candidates[old.pk].evidence.shingles == expected.shingles
    assert candidates[old.pk].event_id == dated.event_id
