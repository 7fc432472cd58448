"""Atom feeds: latest events, per official, per outlet, per search. They must parse."""

import datetime

import feedparser
import pytest

from archive.models import Article, Event
from tests.factories import ArticleFactory, EventFactory, OutletFactory, PersonFactory
from tests.test_dates import grow

ATOM = "application/atom+xml; charset=utf-8"


def parse(client, url: str, **params) -> feedparser.FeedParserDict:
    response = client.get(url, params)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == ATOM
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def links(feed) -> list[str]:
    return [entry.link for entry in feed.entries]


def url(event: Event) -> str:
    return f"http://testserver{event.get_absolute_url()}"


@pytest.fixture
def archive(db):
    lam = PersonFactory(name="Tô Lâm", slug="to-lam")
    chinh = PersonFactory(name="Phạm Minh Chính", slug="pham-minh-chinh")
    vna = OutletFactory(name="VNA", slug="vna")
    vns = OutletFactory(name="Việt Nam News", slug="vns")
    old = EventFactory(title="Older meeting", date=datetime.date(2024, 9, 1), place="Tokyo")
    new = EventFactory(title="Newer meeting", date=datetime.date(2025, 4, 3))
    undated = EventFactory(title="Undated call", date=None)
    old.people.add(lam)
    new.people.add(lam, chinh)
    undated.people.add(chinh)
    ArticleFactory(event=old, outlet=vna, people=[lam])
    ArticleFactory(event=new, outlet=vna, people=[lam, chinh])
    ArticleFactory(event=new, outlet=vns, original_outlet=vna, language="vi")
    ArticleFactory(event=undated, outlet=vns)
    draft = EventFactory(title="Draft meeting", date=datetime.date(2025, 5, 1), status="draft")
    hidden = EventFactory(title="Hidden meeting", date=datetime.date(2025, 5, 2), status="hidden")
    for secret in (draft, hidden):
        secret.people.add(lam, chinh)
        ArticleFactory(event=secret, outlet=vna, people=[lam])
        ArticleFactory(event=secret, outlet=vns)
    return {"old": old, "new": new, "undated": undated, "draft": draft, "hidden": hidden}


def test_latest_events_feed(client, archive):
    feed = parse(client, "/feeds/events/")
    assert links(feed) == [url(archive["new"]), url(archive["old"]), url(archive["undated"])]
    first = feed.entries[0]
    assert first.title == "Newer meeting"
    assert first.published_parsed[:3] == (2025, 4, 3)
    assert first.updated_parsed
    assert "VNA" in first.summary and "Việt Nam News" in first.summary
    assert {tag.term for tag in first.tags} == {"Tô Lâm", "Phạm Minh Chính"}
    assert feed.feed.title.startswith("Latest events")
    assert feed.feed.link == "http://testserver/"


def test_person_feed_lists_their_public_events(client, archive):
    feed = parse(client, "/feeds/people/to-lam/")
    assert links(feed) == [url(archive["new"]), url(archive["old"])]
    assert "Tô Lâm" in feed.feed.title
    assert feed.feed.link == "http://testserver/people/to-lam/"


def test_outlet_feed_lists_the_events_it_reported(client, archive):
    assert links(parse(client, "/feeds/outlets/vns/")) == [
        url(archive["new"]),
        url(archive["undated"]),
    ]
    feed = parse(client, "/feeds/outlets/vna/")
    assert links(feed) == [url(archive["new"]), url(archive["old"])]  # once each
    assert feed.feed.link == "http://testserver/outlets/vna/"


def test_drafts_never_appear_in_feeds(client, archive):
    for path in ("/feeds/events/", "/feeds/people/to-lam/", "/feeds/outlets/vna/"):
        feed = parse(client, path)
        assert url(archive["draft"]) not in links(feed)
        assert url(archive["hidden"]) not in links(feed)
        assert all(
            "Draft" not in entry.title and "Hidden" not in entry.title for entry in feed.entries
        )


@pytest.mark.parametrize("path", ["/feeds/people/nobody/", "/feeds/outlets/nothing/"])
def test_feeds_of_missing_objects_answer_404(client, db, path):
    assert client.get(path).status_code == 404


def test_feeds_refuse_writes(client, archive):
    assert client.post("/feeds/events/").status_code == 405


def test_search_feed_on_the_seeds(client, seeded_archive):
    forum = {a.event for a in Article.objects.filter(raw__contains="Local Cooperation Forum")}
    meeting = {a.event for a in Article.objects.filter(raw__contains="Lê Minh Hưng")}
    feed = parse(client, "/feeds/search/", q="Takebe")
    assert set(links(feed)) == {url(event) for event in forum | meeting}
    assert links(feed)[0] == url(forum.pop())  # newest first by default; the meeting is undated
    assert "Takebe" in feed.feed.title
    assert feed.feed.link == "http://testserver/search/?q=Takebe"


def test_search_feed_leaves_out_drafts(client, seeded_archive):
    forum = Article.objects.filter(raw__contains="Local Cooperation Forum").first().event
    Event.objects.filter(pk=forum.pk).update(status=Event.Status.DRAFT)  # index not yet updated
    assert url(forum) not in links(parse(client, "/feeds/search/", q="Takebe"))


@pytest.mark.parametrize(
    "params",
    [{"q": "Japan", "date_from": "2025-13-45"}, {"q": "Japan", "sort": "sideways"}, {}, {"q": " "}],
)
def test_search_feed_bad_parameters_answer_400_in_plain_text(client, db, params):
    response = client.get("/feeds/search/", params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert response.content


def test_pages_link_their_feeds(client, archive):
    home = client.get("/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in home
    assert 'href="/feeds/events/"' in home
    outlet = client.get("/outlets/vna/").content.decode()
    assert (
        'type="application/atom+xml" title="Events reported by VNA" href="/feeds/outlets/vna/"'
        in (outlet)
    )


@pytest.mark.parametrize(
    ("path", "bound"),
    [
        ("/feeds/events/", 3),
        ("/feeds/people/lead/", 4),
        ("/feeds/outlets/wire/", 4),
        ("/feeds/search/?q=cooperation", 6),
    ],
)
def test_feed_query_counts_do_not_grow(
    client,
    search_index,
    django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
    path,
    bound,
):
    for start, n in ((0, 3), (3, 9)):
        with django_capture_on_commit_callbacks(execute=True):
            grow(start, n)
        with django_assert_max_num_queries(bound):
            response = client.get(path)
        assert response.status_code == 200
        assert len(feedparser.parse(response.content).entries) >= n
