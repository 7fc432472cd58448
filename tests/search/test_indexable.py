"""Which of a batch of articles the index should hold, as the index writer reads them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.models import Event
from archive.search.indexes import ArticleIndex
from tests.factories import ArticleFactory, EventFactory, PersonFactory


@pytest.mark.django_db
def test_indexable_articles_are_those_of_the_index_queryset(django_assert_num_queries):
    published = [ArticleFactory(people=[PersonFactory()]) for _ in range(3)]
    draft = ArticleFactory(event=EventFactory(status=Event.Status.DRAFT))
    hidden = ArticleFactory(event=EventFactory(status=Event.Status.HIDDEN))
    other = ArticleFactory()  # published, not asked for
    asked = [*(a.pk for a in published), draft.pk, hidden.pk, 10**9]  # and one deleted

    with django_assert_num_queries(3):  # articles with outlets and events, people, aliases
        found = ArticleIndex().indexable(asked)
        assert [person.slug for a in found for person in a.people.all()]

    assert sorted(a.pk for a in found) == sorted(a.pk for a in published)
    expected = ArticleIndex().index_queryset().filter(pk__in=asked)
    assert sorted(a.pk for a in found) == sorted(a.pk for a in expected)
    assert other.pk not in {a.pk for a in found}


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="a SQLite query plan")
def test_indexable_articles_are_looked_up_by_id_not_by_walking_published_events():
    # Without table statistics, SQLite plans the same on a few rows as on 100,000: asked for
    # `public()` articles among a batch's ids, it led with the event status index and read every
    # published event's articles. (A batch is hundreds of ids; with a handful it chose well.)
    ids = [ArticleFactory().pk for _ in range(3)] + list(range(10**6, 10**6 + 497))
    with CaptureQueriesContext(connection) as queries:
        ArticleIndex().indexable(ids)
    articles_query = queries.captured_queries[0]["sql"]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {articles_query}")
        plan = [row[-1] for row in cursor.fetchall()]
    first_table = next(step for step in plan if step.startswith("SEARCH"))
    assert "archive_article" in first_table and "PRIMARY KEY" in first_table, plan
