"""Pages and the JSON API on the seeds and on factory-made records."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.models import Article, Event
from archive.views.pages import OUTLET_ARTICLES, PERSON_EVENTS
from tests.factories import ArticleFactory, EventFactory, OutletFactory, PersonFactory


@pytest.fixture
def seeds(search_index, seeds_dir):
    call_command("ingest", str(seeds_dir), stdout=StringIO(), stderr=StringIO())
    return {article.raw[:40]: article for article in Article.objects.all()}


def event_of(text: str) -> Event:
    """The event of the articles whose capture contains `text` (they must share one)."""
    events = {article.event for article in Article.objects.filter(raw__contains=text)}
    assert len(events) == 1, events
    return events.pop()


def api_event_slugs(client, **params) -> set[str]:
    response = client.get("/api/search/", params)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return {result["event"]["slug"] for result in response.json()["results"]}


def test_takebe_finds_the_forum_and_the_meeting(client, seeds):
    forum = event_of("Local Cooperation Forum")
    meeting = event_of("Lê Minh Hưng")
    assert api_event_slugs(client, q="Takebe") == {forum.slug, meeting.slug}


def test_to_lam_without_diacritics_finds_the_vns_version(client, seeds):
    response = client.get("/api/search/", {"q": "To Lam"})
    article_ids = {a["id"] for r in response.json()["results"] for a in r["articles"]}
    vns = Article.objects.get(raw__contains="Tô Lâm said while receiving")
    assert vns.pk in article_ids


def test_search_page_shows_results_and_facets(client, seeds):
    response = client.get("/search/", {"q": "Japan"})
    assert response.status_code == 200
    html = response.content.decode()
    assert event_of("Local Cooperation Forum").get_absolute_url() in html
    assert "Vietnam.vn" in html  # an outlet facet


def test_unclosed_quote_answers_200_with_a_message(client, seeds):
    response = client.get("/search/", {"q": '"unclosed'})
    assert response.status_code == 200
    assert response.context["page"].notice


def test_query_is_shown_escaped(client, seeds):
    response = client.get("/search/", {"q": "<script>alert(1)</script>"})
    assert response.status_code == 200
    assert b"<script>alert(1)" not in response.content
    assert b"&lt;script&gt;" in response.content


def test_bad_parameters_are_explained(client, db):
    response = client.get("/search/", {"q": "Japan", "date_from": "2025-13-45"})
    assert response.status_code == 400
    assert b"date_from" in response.content
    api = client.get("/api/search/", {"q": "Japan", "date_from": "2025-13-45"})
    assert api.status_code == 400
    assert "date_from" in api.json()["error"]


def test_event_page_shows_every_version_side_by_side(client, seeds):
    event = event_of("Local Cooperation Forum")
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<th scope="col"') == 2
    for article in event.articles.all():
        assert article.title in html or article.title.replace('"', "&quot;") in html
        assert article.outlet.name in html
    assert 'lang="no"' in html
    assert "https://www.vietnamplus.vn/" in html  # the Norwegian version's source link


def test_event_page_queries_do_not_grow_with_versions(client, db, django_assert_max_num_queries):
    event = EventFactory()
    person = PersonFactory(name="Tô Lâm", slug="to-lam")
    for _ in range(6):
        ArticleFactory(event=event, outlet=OutletFactory(), people=[person])
    event.people.add(person)
    with django_assert_max_num_queries(4):
        response = client.get(event.get_absolute_url())
    assert response.status_code == 200


def test_article_page_and_api(client, seeds):
    article = Article.objects.get(language="no")
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    assert 'lang="no"' in page.content.decode()
    data = client.get(f"/api/articles/{article.pk}/").json()
    assert data["id"] == article.pk
    assert data["language"] == "no"
    assert data["original_outlet"] == article.original_outlet.name
    assert data["body"] == article.body


def test_event_api_lists_the_versions(client, seeds):
    event = event_of("Local Cooperation Forum")
    data = client.get(f"/api/events/{event.slug}/").json()
    assert data["slug"] == event.slug
    assert data["date"] == "2025-11-25"
    assert {a["language"] for a in data["articles"]} == {"en", "no"}
    assert set(data) >= {"id", "title", "place", "people", "articles"}


@pytest.mark.parametrize(
    "url", ["/events/no-such-event/", "/articles/999999/", "/people/nobody/", "/outlets/none/"]
)
def test_missing_objects_answer_404(client, db, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "url", ["/api/events/no-such-event/", "/api/articles/999999/", "/api/people/x/"]
)
def test_missing_objects_answer_json_404(client, db, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "error" in json.loads(response.content)


def test_home_lists_latest_events(client, seeds):
    response = client.get("/")
    assert response.status_code == 200
    for event in Event.objects.all():
        assert event.get_absolute_url() in response.content.decode()


@pytest.mark.parametrize("url", ["/people/", "/outlets/"])
def test_list_pages_answer(client, seeds, url):
    assert client.get(url).status_code == 200


def test_outlet_page_lists_its_articles(client, seeds):
    article = Article.objects.get(language="no")
    response = client.get(article.outlet.get_absolute_url())
    assert response.status_code == 200
    assert article.get_absolute_url() in response.content.decode()


# -- list pages: paginated, at a fixed number of queries ---------------------------------------


def person_with_events(n: int, person=None):
    person = person or PersonFactory(name="Tô Lâm", slug="to-lam")
    for i in range(n):
        event = EventFactory(date=datetime.date(2020, 1, 1) + datetime.timedelta(days=i))
        ArticleFactory(event=event, people=[person])
        ArticleFactory(event=event, people=[person])
        event.people.add(person)
    return person


def queries_for(url: str, client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_person_page_is_paginated(client, db):
    person = person_with_events(PERSON_EVENTS + 3)
    first = client.get(person.get_absolute_url())
    assert len(first.context["events"]) == PERSON_EVENTS
    assert first.context["page"].paginator.count == PERSON_EVENTS + 3
    assert b'href="?page=2"' in first.content
    second = client.get(person.get_absolute_url(), {"page": 2})
    assert [e.date for e in second.context["events"]] == [
        datetime.date(2020, 1, 1) + datetime.timedelta(days=i)
        for i in range(PERSON_EVENTS, PERSON_EVENTS + 3)
    ]
    # A page number past the end or not a number shows a page, never an error.
    assert client.get(person.get_absolute_url(), {"page": "x"}).status_code == 200
    assert client.get(person.get_absolute_url(), {"page": 99}).status_code == 200


def test_person_page_queries_do_not_grow_with_events(client, db, django_assert_num_queries):
    person = person_with_events(2)
    few = queries_for(person.get_absolute_url(), client)
    person_with_events(PERSON_EVENTS + 10, person)
    with django_assert_num_queries(few):
        response = client.get(person.get_absolute_url())
    assert len(response.context["events"]) == PERSON_EVENTS


def test_outlet_page_queries_do_not_grow_with_articles(client, db, django_assert_num_queries):
    outlet = OutletFactory()
    ArticleFactory(outlet=outlet)
    few = queries_for(outlet.get_absolute_url(), client)
    for _ in range(OUTLET_ARTICLES + 5):
        ArticleFactory(outlet=outlet, original_outlet=OutletFactory())
    with django_assert_num_queries(few):
        response = client.get(outlet.get_absolute_url())
    assert len(response.context["articles"]) == OUTLET_ARTICLES
