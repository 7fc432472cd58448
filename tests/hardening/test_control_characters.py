"""Control characters in what visitors and editors send never reach the database.

PostgreSQL refuses NUL in text: `/people/?q=%00` was a DataError (a 500) there, and SQLite let
it through. Every page's and admin list's parameters, and the cookies, are sent NUL and other
control characters; nothing may fail. CI runs this on PostgreSQL too (`.ci/postgres.sh`).
"""

import re
from html import unescape
from urllib.parse import parse_qsl, quote

import pytest
from django.contrib.admin.sites import site
from django.contrib.auth.models import User

from tests.factories import ArticleFactory, EventFactory, OutletFactory, PersonAliasFactory

CONTROLS = ["\x00", "a\x00b", "\x01\x1f", "\x7f", "\x85x", "\x00" * 3 + "to-lam"]
SEARCH_PARAMETERS = [
    "q", "outlet", "language", "person", "year", "month", "date_from", "date_to", "sort",
    "page", "facet_more", "view", "unknown",
]  # fmt: skip


@pytest.fixture
def archive(search_index):
    person_alias = PersonAliasFactory(person__name="Tô Lâm", person__slug="to-lam")
    outlet = OutletFactory(slug="vna", name="VNA")
    event = EventFactory(slug="talks")
    article = ArticleFactory(event=event, outlet=outlet, people=[person_alias.person])
    event.people.add(person_alias.person)
    return article


def public_urls(article) -> list[str]:
    return [
        "/", "/search/", "/api/search/", "/feeds/search/", "/people/", "/people/to-lam/",
        "/api/people/to-lam/", "/outlets/", "/outlets/vna/", "/events/talks/",
        "/api/events/talks/", f"/articles/{article.pk}/", f"/api/articles/{article.pk}/",
        "/dates/", "/dates/2025/", "/dates/2025/04/", "/dates/2025/04/03/", "/dates/undated/",
        "/feeds/events/", "/feeds/people/to-lam/", "/feeds/outlets/vna/", "/sitemap.xml",
    ]  # fmt: skip


def assert_answers(client, url: str) -> None:
    response = client.get(url)
    assert response.status_code < 500, url


def test_every_public_parameter_takes_control_characters(client, archive):
    for url in public_urls(archive):
        for name in SEARCH_PARAMETERS:
            for value in CONTROLS:
                assert_answers(client, f"{url}?q=japan&{name}={quote(value)}")
        assert_answers(client, f"{url}?{quote(chr(0))}=1")  # in a name, too
    # A control character separates words, as a space does: the official is still found.
    response = client.get("/people/", {"q": "Tô\x00Lâm"})
    assert [person.slug for person in response.context["people"]] == ["to-lam"]


def admin_lists() -> list[str]:
    return [f"/admin/{model._meta.app_label}/{model._meta.model_name}/" for model in site._registry]


def test_every_admin_list_search_and_filter_takes_control_characters(client, archive):
    client.force_login(User.objects.create_superuser("chief", "chief@example.org", "pass"))
    for url in admin_lists():
        page = client.get(url)
        assert page.status_code == 200, url
        # Every parameter the list's own links use (filters, ordering, pages), and its search.
        links = re.findall(r'href="\?([^"]*)"', page.content.decode())
        names = {"q", "o", "p", "e", "_to_field", "_popup"}
        names |= {name for link in links for name, _ in parse_qsl(unescape(link))}
        for name in sorted(names):
            for value in CONTROLS[:3]:
                assert_answers(client, f"{url}?{quote(name)}={quote(value)}")
    for model, field in (("article", "event"), ("article", "outlet"), ("article", "people")):
        for value in CONTROLS[:3]:
            assert_answers(
                client,
                f"/admin/autocomplete/?term={quote(value)}&app_label=archive"
                f"&model_name={model}&field_name={field}",
            )


def test_a_cookie_with_control_characters_is_no_session(client, archive):
    # Django reads a quoted cookie's octal escapes back: "\\000" is NUL. A session key is
    # looked up in the database once it is 8 characters or more.
    for value in ('"' + "\\000" * 40 + '"', '"abcdefghij\\000klmnopqrstuvwxyz012345"'):
        cookie = f"sessionid={value}; csrftoken={value}; django_language={value}"
        for url in ("/", "/search/?q=japan", "/admin/", "/admin/login/"):
            response = client.get(url, HTTP_COOKIE=cookie)
            assert response.status_code < 500, url
            assert "\x00" not in "".join(response.wsgi_request.COOKIES.values())
