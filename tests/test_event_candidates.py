"""Event matching reads its candidates as rows, and decodes each stored fingerprint once."""

import datetime
import random

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from archive import event_candidates
from archive.ingest import grouping
from archive.models import Article, month_day
from tests.factories import ArticleFactory, PersonFactory


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

    (text,) = event_candidates._text_evidence([key]).values()
    assert text.shingles == frozenset(first["shingles"])
    with CaptureQueriesContext(connection) as queries:
        assert event_candidates._text_evidence([key]) == {key: text}
    assert len(queries) == 0

    # A new capture of the same article (same id): a new hash, so its new fingerprint is read.
    second = fingerprint_of("Rice exports to Japan reach a record as farmers adopt new seeds")
    Article.objects.filter(pk=article.pk).update(fingerprint=second, content_hash="f" * 64)
    (text,) = event_candidates._text_evidence([(article.pk, "f" * 64)]).values()
    assert text.shingles == frozenset(second["shingles"]) != frozenset(first["shingles"])


def test_a_year_correction_is_what_the_next_candidate_read_finds(db):
    from archive import events

    article = ArticleFactory(
        published_on=datetime.date(2024, 4, 3), occurred_on=datetime.date(2024, 4, 2)
    )
    fingerprint = {**fingerprint_of("Talks in Tokyo on rail"), "occurred": "2024-04-02"}
    Article.objects.filter(pk=article.pk).update(fingerprint=fingerprint)
    article.refresh_from_db()
    key = (article.pk, article.content_hash)
    assert event_candidates._text_evidence([key])[key].occurred_on == datetime.date(2024, 4, 2)

    events._correct_year(article, 2025)  # cached above: the cache must not keep the old day
    assert event_candidates._text_evidence([key])[key].occurred_on == datetime.date(2025, 4, 2)


def test_an_old_fingerprint_falls_back_to_the_text(db):
    dated = ArticleFactory()
    old = ArticleFactory(event=dated.event, published_on=dated.published_on)
    Article.objects.filter(pk=old.pk).update(fingerprint={"version": 0, "shingles": []})
    new = ArticleFactory.build(event=dated.event, published_on=dated.published_on)
    candidates = {c.pk: c for c in event_candidates.candidate_articles(new, 3, [])}
    assert old.pk in candidates
    # Read from the text, since the stored fingerprint is of another version.
    expected = event_candidates.evidence_for(Article.objects.get(pk=old.pk), [])
    assert candidates[old.pk].evidence.shingles == expected.shingles
    assert candidates[old.pk].event_id == dated.event_id


# -- the SQL of archive.event_candidates, against the same conditions written with the ORM ------


def orm_candidates(article: Article, window_days: int, slugs: list[str]) -> set[tuple]:
    """What `candidate_articles` must find (its docstring, as ORM queries)."""
    sharing = (
        Article.objects.filter(people__slug__in=slugs)
        .exclude(pk=article.pk)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .distinct()
    )
    if article.published_on is None:
        chosen = Q(pk__in=list(sharing[: event_candidates.UNDATED_CANDIDATES]))
    else:
        start = article.published_on - datetime.timedelta(days=window_days)
        end = article.published_on + datetime.timedelta(days=window_days)
        days = [start + datetime.timedelta(days=n) for n in range((end - start).days + 1)]
        other_year = Q(month_day__in=[month_day(day) for day in days], pk__in=list(sharing))
        if not article.year_inferred:
            other_year &= Q(year_inferred=True)
        chosen = Q(published_on__range=(start, end)) | other_year
        told = article.occurred_on or article.published_on
        told_window = (
            told - datetime.timedelta(days=window_days),
            told + datetime.timedelta(days=window_days),
        )
        chosen |= Q(occurred_on__range=told_window)
        undated = sharing.filter(published_on__isnull=True)[: event_candidates.UNDATED_CANDIDATES]
        chosen |= Q(pk__in=list(undated))
    found = Article.objects.filter(chosen).exclude(pk=article.pk).prefetch_related("people")
    return {
        (
            a.pk,
            a.event_id,
            a.published_on,
            a.year_inferred,
            a.language,
            frozenset(p.slug for p in a.people.all()),
        )
        for a in found
    }


def sql_candidates(article: Article, window_days: int, slugs: list[str]) -> set[tuple]:
    return {
        (
            c.pk,
            c.event_id,
            c.evidence.published_on,
            c.evidence.year_inferred,
            c.evidence.language,
            c.evidence.people,
        )
        for c in event_candidates.candidate_articles(article, window_days, slugs)
    }


def test_candidates_are_those_the_conditions_describe(db):
    rng = random.Random(7)
    people = [PersonFactory() for _ in range(6)]
    day0 = datetime.date(2024, 4, 10)
    stored = []
    for _ in range(120):
        kind = rng.random()
        published_on = None if kind < 0.15 else day0 + datetime.timedelta(days=rng.randint(-12, 12))
        if published_on and kind > 0.85:  # a wire story whose year was inferred (maybe wrongly)
            published_on = published_on.replace(year=rng.choice([2023, 2024, 2025]))
        told = published_on
        if published_on and 0.7 < kind <= 0.85:  # a write-up of a meeting weeks before
            told = published_on - datetime.timedelta(days=rng.randint(4, 20))
        article = ArticleFactory(
            published_on=published_on,
            occurred_on=told,
            year_inferred=bool(published_on) and kind > 0.85,
            language=rng.choice(["en", "no", "vi"]),
            people=rng.sample(people, rng.randint(0, 3)),
        )
        stored.append(article)
    probes = [
        *stored[:30],  # stored articles (dated, inferred, undated) looking for their neighbours
        ArticleFactory.build(published_on=day0, event=stored[0].event),  # a new one, unsaved
        ArticleFactory.build(published_on=None, event=stored[0].event),
        ArticleFactory.build(published_on=day0.replace(year=2019), year_inferred=True),
        ArticleFactory.build(  # a write-up, weeks after its meeting
            published_on=day0 + datetime.timedelta(days=25), occurred_on=day0
        ),
    ]
    checked = 0
    for probe in probes:
        slugs = [p.slug for p in rng.sample(people, rng.randint(0, 3))]
        for window in (0, 3):
            expected = orm_candidates(probe, window, slugs)
            assert sql_candidates(probe, window, slugs) == expected, (probe, window, slugs)
            checked += bool(expected)
    assert checked > 20  # most probes have candidates: the comparison is not vacuous


def test_candidates_cost_one_query_and_two_for_an_undated_article(db, django_assert_num_queries):
    person = PersonFactory()
    near = ArticleFactory(people=[person])
    ArticleFactory(published_on=None, people=[person])  # undated, sharing the official
    Article.objects.update(fingerprint=fingerprint_of("Ministers meet in Hanoi to talk trade"))
    new = ArticleFactory.build(published_on=near.published_on, event=near.event)
    event_candidates._text_cache.clear()
    with django_assert_num_queries(2):  # rows, fingerprints not cached
        found = event_candidates.candidate_articles(new, 3, [person.slug])
    assert len(found) == 2
    with django_assert_num_queries(1):
        assert len(event_candidates.candidate_articles(new, 3, [person.slug])) == 2
    undated = ArticleFactory.build(published_on=None, event=near.event)
    with django_assert_num_queries(2):  # ids sharing officials, rows
        assert len(event_candidates.candidate_articles(undated, 3, [person.slug])) == 2


@pytest.mark.skipif(connection.vendor != "sqlite", reason="a SQLite query plan")
def test_dated_candidates_are_read_from_indexes_not_from_the_large_rows(db):
    # An article's row holds its capture and body before the columns matching reads: reaching
    # them walks the row's overflow pages. The dated, told-day and month-day candidates come
    # from indexes holding every column the query selects.
    person = PersonFactory()
    article = ArticleFactory(people=[person])
    day = article.published_on
    with CaptureQueriesContext(connection) as queries:
        event_candidates.candidate_rows(
            article.pk,
            dated_between=(day - datetime.timedelta(days=3), day + datetime.timedelta(days=3)),
            told_between=(day - datetime.timedelta(days=3), day + datetime.timedelta(days=3)),
            month_days=[month_day(day)],
            year_inferred_only=True,
            sharing=[person.slug],
        )
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {queries.captured_queries[0]['sql']}")
        plan = [row[-1] for row in cursor.fetchall()]
    reads = [step for step in plan if step.startswith("SEARCH a ")]
    assert len(reads) == 3, plan
    assert all("COVERING INDEX" in step for step in reads), plan


def test_an_import_leaves_out_on_counts_exactly_what_could_match_leaves_out(db):
    """With a new article's evidence, the candidates ruled out on their officials' counts and
    text (`_likely_candidates`) are those `grouping.could_match` rules out on their officials."""
    rng = random.Random(11)
    people = [PersonFactory() for _ in range(5)]
    day0 = datetime.date(2024, 4, 10)
    texts = [
        "Prime Minister meets Japan's envoy in Hanoi to talk about port cooperation",
        "Rice exports to Japan reach a record as farmers in the Mekong adopt new seeds",
        "A trade fair in Osaka shows Vietnamese coffee, pepper and cashew to buyers",
    ]
    for _ in range(80):
        published_on = day0 + datetime.timedelta(days=rng.randint(-4, 4))
        article = ArticleFactory(
            published_on=published_on, people=rng.sample(people, rng.randint(0, 3))
        )
        Article.objects.filter(pk=article.pk).update(fingerprint=fingerprint_of(rng.choice(texts)))
    event_candidates._text_cache.clear()
    compared = ruled_out = 0
    for text in texts:
        for named in (people[:1], people[:2], people[1:4], []):
            new = ArticleFactory.build(published_on=day0)
            slugs = [p.slug for p in named]
            like = grouping.evidence_of(
                title=text,
                body=text,
                published_on=day0,
                year_inferred=False,
                language="en",
                people=slugs,
            )
            every = event_candidates.candidate_articles(new, 3, slugs)
            expected = {
                (c.pk, c.evidence)
                for c in every
                if grouping.could_match(
                    like, c.evidence.shingles, c.evidence.published_on, people=c.evidence.people
                )
            }
            found = event_candidates.candidate_articles(new, 3, slugs, like=like)
            assert {(c.pk, c.evidence) for c in found} == expected
            compared += len(every)
            ruled_out += len(every) - len(expected)
    assert ruled_out and compared > ruled_out  # both kinds were met
