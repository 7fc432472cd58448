"""The search page lists the first values of each facet (and every selected one), with an "All …"
link to the full list (issue #9): at 10,000 articles a results page has hundreds of officials, and
rendering each with its toggle link was a third of the page's time."""

import html as htmllib
import re
from urllib.parse import parse_qs

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.search.service import RESULTS
from archive.views import search as search_view
from archive.views.search import FACET_SHOWN
from tests.factories import ArticleFactory, PersonFactory

OFFICIALS = FACET_SHOWN + 4


def slug(n: int) -> str:
    return f"official-{n:02d}"


@pytest.fixture
def officials(search_index, django_capture_on_commit_callbacks):
    """OFFICIALS officials, official-00 in OFFICIALS articles, official-01 in one fewer, … the
    last in one; every article on its own outlet, all of them about "cooperation"."""
    with django_capture_on_commit_callbacks(execute=True):
        people = [PersonFactory(name=f"Official {n:02d}", slug=slug(n)) for n in range(OFFICIALS)]
        for n in range(OFFICIALS):
            ArticleFactory(people=people[: OFFICIALS - n])
    return people


def get(client, query: str, **headers) -> str:
    RESULTS.clear()  # each request runs its search (and its queries)
    response = client.get(f"/search/?{query}", **headers)
    assert response.status_code == 200, query
    return response.content.decode()


def section(html: str, name: str) -> str:
    found = re.search(rf'<section id="facet-{name}">(.*?)</section>', html, re.S)
    assert found, f"no {name} facet"
    return found.group(1)


def values(html: str, name: str) -> list[tuple[str, str]]:
    """(label, toggle query) of the values a facet lists."""
    links = re.findall(r'<li><a href="\?([^"]*)"[^>]*>([^<]*)</a>', section(html, name))
    return [(htmllib.unescape(label), htmllib.unescape(href)) for href, label in links]


def labels(html: str, name: str) -> list[str]:
    return [label for label, _ in values(html, name)]


def more_link(html: str, name: str) -> tuple[str, str] | None:
    """(query, text) of a facet's "All …" (or "Show fewer") link."""
    found = re.search(r'<p class="facet-more"><a href="\?([^"]*)">(.*?)</a>', section(html, name))
    if not found:
        return None
    return htmllib.unescape(found.group(1)), re.sub(r"<[^>]+>", "", found.group(2))


def test_a_long_facet_lists_its_first_values_and_links_to_all(client, officials):
    html = get(client, "q=cooperation")
    assert labels(html, "person") == [f"Official {n:02d}" for n in range(FACET_SHOWN)]
    query, text = more_link(html, "person")
    assert text == f"All officials ({OFFICIALS})"
    assert parse_qs(query.split("#")[0]) == {"q": ["cooperation"], "facet_more": ["person"]}
    assert query.endswith("#facet-person")  # the reloaded page opens at the list
    assert f"Official {OFFICIALS - 1:02d}" not in html


def test_the_all_link_lists_every_value_and_offers_fewer(client, officials):
    html = get(client, "q=cooperation&facet_more=person")
    assert labels(html, "person") == [f"Official {n:02d}" for n in range(OFFICIALS)]
    query, text = more_link(html, "person")
    assert text == "Show fewer: Official"  # ": Official" is visually hidden
    assert parse_qs(query.split("#")[0]) == {"q": ["cooperation"]}
    # Only the asked facet is listed in full: the outlets (one per article) are still cut short.
    assert len(labels(html, "outlet")) == FACET_SHOWN
    assert "facet_more=outlet" in more_link(html, "outlet")[0]
    # Picking a value starts new results: the list is cut short again (the pick stays listed).
    for _, toggle in values(html, "person"):
        assert "facet_more" not in toggle


def test_the_full_list_has_a_ceiling_and_says_how_many_are_left_out(client, officials, monkeypatch):
    monkeypatch.setattr(search_view, "FACET_MORE_MAX", OFFICIALS - 3)
    html = get(client, "q=cooperation&facet_more=person")
    assert len(labels(html, "person")) == OFFICIALS - 3
    assert "3 more not listed: narrow the search to see them." in section(html, "person")


def test_a_selected_value_beyond_the_first_is_listed_and_its_link_removes_it(client, officials):
    last, first = slug(OFFICIALS - 1), slug(0)
    html = get(client, f"q=cooperation&person={first}&person={last}&page=1")
    # Both chosen: every article still matches, the last official still ranks last; the facet
    # lists the first FACET_SHOWN and the chosen one after them, marked as selected.
    listed = values(html, "person")
    assert len(listed) == FACET_SHOWN + 1
    label, toggle = listed[-1]
    assert label == f"Official {OFFICIALS - 1:02d}"
    assert re.search(rf'<a href="[^"]*" aria-current="true" class="selected">{label}</a>', html)
    assert parse_qs(toggle) == {"q": ["cooperation"], "person": [first]}
    # …and the selection is not repeated: the list is cut short as usual, with its "All" link.
    assert more_link(html, "person")[1] == f"All officials ({OFFICIALS})"


@pytest.mark.parametrize(
    "facet_more", ["nonsense", "month", "", "<script>", "person%00", "q", "PERSON"]
)
def test_an_unknown_facet_more_is_ignored(client, officials, facet_more):
    html = get(client, f"q=cooperation&facet_more={facet_more}")
    assert len(labels(html, "person")) == FACET_SHOWN
    assert "<script>" not in html


def test_the_last_known_facet_more_wins(client, officials):
    html = get(client, "q=cooperation&facet_more=person&facet_more=bogus")
    assert len(labels(html, "person")) == OFFICIALS


def test_short_facets_have_no_all_link(client, officials):
    html = get(client, "q=cooperation&year=2025")
    for name in ("language", "year", "month"):
        assert more_link(html, name) is None, name
    assert labels(html, "language") == ["en"]


def test_toggle_links_are_built_only_for_the_values_listed(client, officials, monkeypatch):
    built = []
    toggle = search_view._Toggler.__call__

    def counting(self, value):
        built.append(value)
        return toggle(self, value)

    monkeypatch.setattr(search_view._Toggler, "__call__", counting)
    html = get(client, "q=cooperation")
    assert len(built) == html.count('<span class="count">') < 2 * OFFICIALS
    assert slug(OFFICIALS - 1) not in built


def test_the_number_of_queries_does_not_grow_with_the_facet_values(
    client, officials, django_assert_num_queries
):
    with CaptureQueriesContext(connection) as few:
        get(client, f"q=cooperation&person={slug(OFFICIALS - 1)}")  # one article
    for query in ("q=cooperation", "q=cooperation&facet_more=person"):
        with django_assert_num_queries(len(few)):
            get(client, query)


def test_labels_are_escaped(client, officials, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        person = PersonFactory(name='<b>Ms "X" & co</b>', slug="ms-x")
        ArticleFactory(people=[person, *officials])
    html = get(client, "q=cooperation&facet_more=person")
    assert '<b>Ms "X"' not in html
    assert "&lt;b&gt;Ms &quot;X&quot; &amp; co&lt;/b&gt;" in html
    assert '<a href="?q=cooperation#facet-person">' in html  # the "fewer" link, escaped too


def test_the_all_link_in_vietnamese(client, officials):
    html = get(client, "q=cooperation", HTTP_ACCEPT_LANGUAGE="vi")
    assert more_link(html, "person")[1] == f"Tất cả quan chức ({OFFICIALS})"
    assert "Thu gọn" in get(client, "q=cooperation&facet_more=person", HTTP_ACCEPT_LANGUAGE="vi")


def test_the_json_api_lists_every_value(client, officials):
    for query in ("q=cooperation", "q=cooperation&facet_more=person"):
        RESULTS.clear()
        facets = client.get(f"/api/search/?{query}").json()["facets"]
        assert [value for value, _ in facets["person"]] == [slug(n) for n in range(OFFICIALS)]
