"""Drafts and hidden events: editors see them, visitors and search do not (issue 8)."""

import pytest
from django.contrib.auth.models import User

from archive.models import Event
from archive.search.service import SearchParams, search
from tests.factories import ArticleFactory, PersonFactory


@pytest.fixture
def draft(search_index, django_capture_on_commit_callbacks):
    person = PersonFactory(name="Kamikawa Yoko", slug="kamikawa-yoko-x")
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticleFactory(title="Unannounced consultations on fisheries", people=[person])
        article.event.people.add(person)
        article.event.status = Event.Status.DRAFT
        article.event.save()
    return article


def found(q: str) -> int:
    return search(SearchParams(q=q)).count


def test_a_draft_is_not_searchable(draft):
    assert found("fisheries") == 0


@pytest.mark.parametrize("status", [Event.Status.DRAFT, Event.Status.HIDDEN])
def test_unpublishing_removes_from_search_and_publishing_restores(
    search_index, django_capture_on_commit_callbacks, status
):
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticleFactory(title="Consultations on fisheries")
    assert found("fisheries") == 1
    with django_capture_on_commit_callbacks(execute=True):
        article.event.status = status
        article.event.save()
    assert found("fisheries") == 0
    with django_capture_on_commit_callbacks(execute=True):
        article.event.status = Event.Status.PUBLISHED
        article.event.save()
    assert found("fisheries") == 1


def test_visitors_get_404_on_drafts(client, draft):
    event = draft.event
    assert client.get(event.get_absolute_url()).status_code == 404
    assert client.get(f"/api/events/{event.slug}/").status_code == 404
    assert client.get(f"/api/articles/{draft.pk}/").status_code == 404
    person = client.get("/api/people/kamikawa-yoko-x/").json()
    assert person["events"] == []


def test_editors_preview_drafts(client, draft):
    client.force_login(User.objects.create_user("ed", password="x" * 12, is_staff=True))
    assert client.get(draft.event.get_absolute_url()).status_code == 200


def test_person_pages_show_published_events_only(client, draft):
    html = client.get("/people/kamikawa-yoko-x/").content.decode()
    assert draft.event.get_absolute_url() not in html
    listing = client.get("/people/", {"q": "kamikawa"}).content.decode()
    assert "0 events" in listing
