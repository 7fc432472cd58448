"""What editors hide stays hidden in everything visitors can read.

An event hidden after it was indexed leaves its documents deleted in the index but its words in
the segment's lexicon until a merge: "Did you mean" offered them to visitors. Each output below
is read after an event was published, indexed and hidden, and after a draft was written, and
none may show their words, titles or addresses.
"""

import datetime

import pytest

from archive.models import Event
from archive.search import sync
from archive.search.service import RESULTS
from tests.factories import ArticleFactory, EventFactory, OutletFactory, PersonFactory

SHOWN = "Japan and Vietnam agreed on trade and investment in Hanoi."
HIDDEN_BODY = "The Kurashiki ceramics delegation met the Okayama prefecture governor quietly."
DRAFT_BODY = "The Hokkaido hydrogen consortium drafted a memorandum with Tottori."
# Words only the hidden and draft events have, and the misspellings that would suggest them.
SECRETS = ("kurashiki", "okayama", "ceramics", "hokkaido", "tottori", "consortium", "secret-")
MISSPELT = ("Kurashikk", "Okayamma", "ceramcs", "Hokaido", "Totori", "consortum")


@pytest.fixture
def hidden(search_index, django_capture_on_commit_callbacks):
    person, outlet = PersonFactory(slug="to-lam", name="Tô Lâm"), OutletFactory(slug="vna")
    shown = EventFactory(slug="trade-talks", title="Trade talks", date=datetime.date(2025, 4, 3))
    ArticleFactory(event=shown, outlet=outlet, body=SHOWN, title="Trade talks", people=[person])
    shown.people.add(person)
    secret = EventFactory(
        slug="secret-ceramics", title="Kurashiki ceramics", date=datetime.date(2025, 4, 5)
    )
    ArticleFactory(event=secret, outlet=outlet, body=HIDDEN_BODY, title="Kurashiki ceramics",
                   people=[person])  # fmt: skip
    secret.people.add(person)
    draft = EventFactory(slug="secret-hydrogen", title="Hokkaido hydrogen", date=None,
                         status=Event.Status.DRAFT)  # fmt: skip
    ArticleFactory(event=draft, outlet=outlet, body=DRAFT_BODY, title="Hokkaido hydrogen",
                   people=[person])  # fmt: skip
    draft.people.add(person)
    sync.drain()  # the hidden event's article is in the index, visible for now
    with django_capture_on_commit_callbacks(execute=True):
        secret.status = Event.Status.HIDDEN
        secret.save()
    sync.drain()
    return secret


VISITOR_URLS = [
    "/", "/people/", "/people/to-lam/", "/api/people/to-lam/", "/outlets/", "/outlets/vna/",
    "/dates/", "/dates/2025/", "/dates/2025/04/", "/dates/2025/04/05/", "/dates/undated/",
    "/feeds/events/", "/feeds/people/to-lam/", "/feeds/outlets/vna/", "/sitemap.xml",
    "/events/trade-talks/", "/api/events/trade-talks/", "/opensearch.xml", "/robots.txt",
    "/search/?q=japan", "/api/search/?q=japan", "/feeds/search/?q=japan",
    "/search/?person=to-lam", "/api/search/?person=to-lam&year=2025",
    "/search/?q=trade&facet_more=person",
]  # fmt: skip
SEARCHES = ["/search/?q={q}", "/api/search/?q={q}", "/feeds/search/?q={q}"]


def _assert_shows_nothing_hidden(client, url: str, *, echoed: str = "") -> None:
    response = client.get(url)
    assert response.status_code in (200, 404), url
    text = response.content.decode().lower().replace(echoed.lower(), "")
    leaks = [word for word in SECRETS if word in text]
    assert not leaks, f"{url} shows {leaks}"


def test_no_visitor_output_shows_a_hidden_or_draft_event(client, hidden):
    for url in VISITOR_URLS:
        _assert_shows_nothing_hidden(client, url)
    for pattern in SEARCHES:
        for word in (*SECRETS[:-1], *MISSPELT):  # found nowhere, suggested nothing
            _assert_shows_nothing_hidden(client, pattern.format(q=word), echoed=word)
    article = hidden.articles.get()
    for url in (f"/events/{hidden.slug}/", f"/api/events/{hidden.slug}/",
                f"/articles/{article.pk}/", f"/api/articles/{article.pk}/"):  # fmt: skip
        assert client.get(url).status_code == 404, url


def test_suggestions_come_only_from_what_visitors_may_see(client, hidden):
    assert client.get("/api/search/?q=Kurashikk").json()["suggestion"] is None
    assert client.get("/api/search/?q=Japn").json()["suggestion"] == "japan"
    # Published again, its words are suggested again.
    hidden.status = Event.Status.PUBLISHED
    hidden.save()
    sync.drain()
    RESULTS.clear()
    assert client.get("/api/search/?q=Kurashikk").json()["suggestion"] == "kurashiki"
