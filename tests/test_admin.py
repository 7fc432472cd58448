"""The admin: editors reach every list and form; anonymous visitors are sent to log in."""

import pytest
from django.contrib.auth.models import User

from archive.models import Article, Event
from tests.factories import ArticleFactory, PersonAliasFactory

ADMIN_LISTS = [
    "event", "article", "outlet", "person", "personalias", "articlerevision", "role",
    "eventredirect", "personredirect", "indexqueue",
]  # fmt: skip


@pytest.fixture
def editor(db):
    return User.objects.create_superuser("editor", "editor@example.org", "a long passphrase")


@pytest.mark.parametrize("model", ADMIN_LISTS)
def test_anonymous_visitors_are_sent_to_login(client, db, model):
    response = client.get(f"/admin/archive/{model}/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_login_page_answers(client, db):
    assert client.get("/admin/login/").status_code == 200


@pytest.mark.parametrize("model", ADMIN_LISTS)
def test_editor_sees_every_list(client, editor, model):
    ArticleFactory()
    PersonAliasFactory()
    client.force_login(editor)
    assert client.get(f"/admin/archive/{model}/").status_code == 200


def test_editor_sees_change_forms(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    assert client.get(f"/admin/archive/article/{article.pk}/change/").status_code == 200
    assert client.get(f"/admin/archive/event/{article.event.pk}/change/").status_code == 200


def test_review_filter(client, editor):
    flagged = ArticleFactory(review_flags="no_date")
    ArticleFactory(review_flags="")
    client.force_login(editor)
    response = client.get("/admin/archive/article/", {"flag": "no_date"})
    assert list(response.context["cl"].queryset) == [flagged]


def test_editing_an_event_title_marks_it_curated_and_reindexes(
    client, editor, search_index, django_capture_on_commit_callbacks
):
    from archive.search.service import SearchParams, search

    article = ArticleFactory(title="Leaders meet in Hanoi")
    event = article.event
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/archive/event/{event.pk}/change/",
            {
                "title": "Corrected title",
                "slug": "corrected-title",
                "date": "2025-04-03",
                "place": "Hanoi",
                "summary": "",
                "status": "published",
                "articles-TOTAL_FORMS": "1",
                "articles-INITIAL_FORMS": "1",
                "articles-MIN_NUM_FORMS": "0",
                "articles-MAX_NUM_FORMS": "1000",
                "articles-0-id": str(article.pk),
                "articles-0-event": str(event.pk),
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = Event.objects.get(pk=event.pk)
    assert event.curated and event.title == "Corrected title"
    # The search document follows: the event's new slug is what search returns.
    page = search(SearchParams(q="Hanoi"))
    assert [hit.event.slug for hit in page.results] == ["corrected-title"]


def test_deleting_an_article_removes_it_from_search(
    client, editor, search_index, django_capture_on_commit_callbacks
):
    from archive.search.service import SearchParams, search

    with django_capture_on_commit_callbacks(execute=True):
        article = ArticleFactory(title="Unique headline about semiconductors")
    assert search(SearchParams(q="semiconductors")).count == 1
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/archive/article/{article.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()
    assert search(SearchParams(q="semiconductors")).count == 0
