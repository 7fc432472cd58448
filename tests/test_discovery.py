"""How the archive is found and cited: sitemap, OpenSearch, robots.txt, canonical/OpenGraph/citation
metadata; and the pages that lead into it: outlets and the home page."""

import datetime
import re
from xml.etree import ElementTree

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from archive.models import Article, Event, Outlet, Person
from archive.views.discovery import bibtex_escape, cite
from tests.factories import ArticleFactory, EventFactory, OutletFactory, PersonFactory
from tests.test_dates import grow

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_locations(client) -> set[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    tree = ElementTree.fromstring(response.content)
    return {loc.text for loc in tree.findall("s:url/s:loc", SITEMAP_NS)}


def head_tags(page: str) -> dict[str, str]:
    """<meta property|name=… content=…> of a page, by property or name."""
    found = {}
    for key, value in re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', page):
        found.setdefault(key, value)
    return found


# -- sitemap ---------------------------------------------------------------------------------


def test_sitemap_lists_every_public_event_person_and_outlet(client, db):
    public = [EventFactory() for _ in range(3)] + [EventFactory(date=None)]
    draft = EventFactory(status=Event.Status.DRAFT)
    hidden = EventFactory(status=Event.Status.HIDDEN)
    person = PersonFactory()
    outlet = OutletFactory()
    locations = sitemap_locations(client)
    for event in public:
        assert f"http://testserver{event.get_absolute_url()}" in locations
    assert f"http://testserver{draft.get_absolute_url()}" not in locations
    assert f"http://testserver{hidden.get_absolute_url()}" not in locations
    for obj in [person, outlet, *Person.objects.all(), *Outlet.objects.all()]:
        assert f"http://testserver{obj.get_absolute_url()}" in locations
    for path in ("/", "/people/", "/outlets/", "/dates/", "/dates/undated/", "/dates/2025/04/"):
        assert f"http://testserver{path}" in locations


def test_sitemap_on_the_seeds(client, seeded_archive):
    locations = sitemap_locations(client)
    for event in Event.objects.public():
        assert f"http://testserver{event.get_absolute_url()}" in locations
    assert "http://testserver/dates/2025/11/" in locations


def test_robots_txt_names_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


# -- OpenSearch ------------------------------------------------------------------------------


def test_opensearch_description(client, db):
    response = client.get("/opensearch.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/opensearchdescription+xml")
    tree = ElementTree.fromstring(response.content)
    ns = {"o": "http://a9.com/-/spec/opensearch/1.1/"}
    assert len(tree.find("o:ShortName", ns).text) <= 16
    templates = {url.get("type"): url.get("template") for url in tree.findall("o:Url", ns)}
    assert templates["text/html"] == "http://testserver/search/?q={searchTerms}"
    assert templates["application/atom+xml"] == "http://testserver/feeds/search/?q={searchTerms}"


def test_every_page_links_opensearch(client, db):
    page = client.get("/").content.decode()
    assert (
        '<link rel="search" type="application/opensearchdescription+xml" '
        'title="Diplomatic news archive" href="/opensearch.xml">'
    ) in page


# -- article and event metadata --------------------------------------------------------------


def test_article_page_has_canonical_opengraph_and_citation_metadata(client, db):
    article = ArticleFactory(
        title="Leaders meet & agree",
        # The registry's outlets (loaded by a migration), as a factory finds them by slug.
        outlet=OutletFactory(name="VietnamPlus", slug="vietnamplus"),
        original_outlet=OutletFactory(name="VNA", slug="vna"),
        credit="VNA",
        source_url="https://example.org/story_1",
        language="en",
        published_on=datetime.date(2025, 11, 25),
    )
    page = client.get(article.get_absolute_url()).content.decode()
    canonical = f"http://testserver/articles/{article.pk}/"
    assert f'<link rel="canonical" href="{canonical}">' in page
    tags = head_tags(page)
    assert tags["og:title"] == "Leaders meet &amp; agree"
    assert tags["og:type"] == "article"
    assert tags["og:url"] == canonical
    assert tags["og:description"].startswith("The two sides discussed trade")
    assert "\n" not in tags["og:description"]
    assert tags["citation_title"] == "Leaders meet &amp; agree"
    assert tags["citation_publication_date"] == "2025/11/25"
    assert tags["citation_publisher"] == "VietnamPlus"
    assert tags["citation_language"] == "en"
    assert '<details class="cite">' in page
    assert "@misc{vietnamplus-2025-" in page
    assert "Archived at http://testserver/articles/" in page


def test_citation_text_and_bibtex():
    article = Article(
        pk=7,
        title="50% of trade & {more}",
        outlet=Outlet(name="Việt Nam News", slug="vns"),
        language="en",
        published_on=datetime.date(2025, 4, 3),
        url="https://vietnamnews.vn/a",
    )
    article.captured_at = datetime.datetime(2025, 4, 4, 9, 30, tzinfo=datetime.UTC)
    accessed = datetime.date(2026, 1, 2)
    citation = cite(article, "https://archive.example/articles/7/", accessed)
    assert citation.text == (
        "“50% of trade & {more}”. Việt Nam News, 3 April 2025. https://vietnamnews.vn/a. "
        "Captured 4 April 2025. Archived at https://archive.example/articles/7/. "
        "Accessed 2 January 2026."
    )
    assert "captured 2025-04-04" in citation.bibtex and "urldate = {2026-01-02}" in citation.bibtex
    assert citation.bibtex.startswith("@misc{vns-2025-7,\n")
    assert r"title = {{50\% of trade \& \{more\}}}" in citation.bibtex
    assert "month = apr," in citation.bibtex
    assert "url = {https://vietnamnews.vn/a}" in citation.bibtex
    assert citation.bibtex.endswith("}")
    undated = cite(Article(pk=8, title="T", outlet=article.outlet, language="en"), "x")
    assert "n.d." in undated.text and "@misc{vns-nd-8" in undated.bibtex
    assert "n.d.." not in undated.text  # one full stop after "n.d."
    untitled = Article(
        pk=9, title="Việt Nam considers Japan…", outlet=article.outlet, language="en",
        review_flags="no_headline",
    )  # fmt: skip
    assert cite(untitled, "x").text.startswith(
        "[Untitled; begins “Việt Nam considers Japan…”]. Việt Nam News"
    )
    assert bibtex_escape("a\\b ~ c^") == r"a\textbackslash{}b \textasciitilde{} c\^{}"


def test_articles_of_drafts_are_not_shown(client, db):
    article = ArticleFactory(event=EventFactory(status=Event.Status.DRAFT))
    assert client.get(article.get_absolute_url()).status_code == 404


def test_event_meta_include(db):
    event = EventFactory(title="Forum <one>", summary="")
    person = PersonFactory(name="Tô Lâm", slug="to-lam")
    event.people.add(person)
    versions = [ArticleFactory(event=event, outlet=OutletFactory(name="VNA", slug="vna"))]
    request = RequestFactory().get(event.get_absolute_url())
    html = render_to_string(
        "archive/includes/event_meta.html",
        {"event": event, "versions": versions, "request": request},
    )
    canonical = f"http://testserver{event.get_absolute_url()}"
    assert f'<link rel="canonical" href="{canonical}">' in html
    tags = head_tags(html)
    assert tags["og:title"] == "Forum &lt;one&gt;"
    assert tags["og:url"] == canonical
    assert tags["og:type"] == "article"
    assert tags["og:description"] == "3 April 2025, Hanoi: 1 version side by side"
    assert 'href="/feeds/people/to-lam/"' in html


# -- outlets ---------------------------------------------------------------------------------


@pytest.fixture
def outlets(db):
    vna = OutletFactory(name="VNA", slug="vna")
    plus = OutletFactory(name="Vietnam+", slug="vietnamplus")
    aggregator = OutletFactory(name="Aggregator", slug="aggregator")
    for language in ("en", "en", "vi"):
        ArticleFactory(outlet=vna, language=language)
    ArticleFactory(outlet=plus, original_outlet=vna, language="no")
    ArticleFactory(outlet=aggregator, original_outlet=vna)
    ArticleFactory(outlet=aggregator, original_outlet=vna)
    ArticleFactory(outlet=aggregator, original_outlet=plus)
    draft = EventFactory(status=Event.Status.DRAFT)
    ArticleFactory(event=draft, outlet=vna, title="Secret draft version", language="ja")
    ArticleFactory(event=draft, outlet=plus, original_outlet=aggregator, title="Secret copy")
    hidden = EventFactory(status=Event.Status.HIDDEN)  # in a language with published versions
    ArticleFactory(event=hidden, outlet=vna, original_outlet=plus, language="en")
    return {"vna": vna, "plus": plus, "aggregator": aggregator}


def test_outlet_list_shows_counts_and_languages(client, outlets):
    response = client.get("/outlets/")
    assert response.status_code == 200
    rows = {outlet.slug: outlet for outlet in response.context["outlets"]}
    # Its own 3 (the draft's version is not counted) and the 3 others republished from it.
    assert rows["vna"].article_count == 6
    assert rows["vna"].languages == [("en", 2), ("vi", 1)]
    assert rows["vna"].republished_count == 3
    assert rows["aggregator"].article_count == 3
    assert rows["vietnamplus"].republished_count == 1
    assert rows["vietnamplus"].article_count == 2
    # The registry's outlets the archive has no story of are not listed.
    assert "nhk" not in rows and len(rows) == 3
    page = response.content.decode()
    assert "ja" not in re.findall(r'<span class="language"[^>]*>(\w+)</span>', page)


def test_outlet_page_shows_languages_and_republishing(client, outlets):
    response = client.get("/outlets/aggregator/")
    assert response.status_code == 200
    republishes = [(o.slug, o.n) for o in response.context["republishes"]]
    assert republishes == [("vna", 2), ("vietnamplus", 1)]
    assert list(response.context["republished_by"]) == []  # the only copy is a draft's
    vna = client.get("/outlets/vna/")
    assert [(o.slug, o.n) for o in vna.context["republished_by"]] == [
        ("aggregator", 2),
        ("vietnamplus", 1),
    ]
    assert list(vna.context["republishes"]) == []
    assert [(row["language"], row["n"]) for row in vna.context["languages"]] == [
        ("en", 2),
        ("vi", 1),
    ]
    assert "Secret" not in vna.content.decode()
    assert "Secret" not in client.get("/outlets/vietnamplus/").content.decode()


def test_outlet_page_lists_the_stories_republished_from_it(client, outlets):
    response = client.get("/outlets/vna/")
    assert response.context["page"].paginator.count == 6  # 3 its own, 3 republished by others
    page = response.content.decode()
    assert page.count("via Aggregator") == 2 and page.count("via Vietnam+") == 1
    assert "Secret" not in page
    plus = client.get("/outlets/vietnamplus/").content.decode()
    assert "via Aggregator" in plus and "from VNA" in plus  # its own copy of VNA's story
    assert "via Vietnam+" not in plus


def test_outlet_page_is_paginated_by_50(client, db):
    outlet = OutletFactory(name="Busy", slug="busy")
    event = EventFactory()
    for _ in range(51):
        ArticleFactory(outlet=outlet, event=event)
    first = client.get("/outlets/busy/")
    assert len(first.context["articles"]) == 50
    assert b'href="?page=2"' in first.content
    second = client.get("/outlets/busy/", {"page": 2})
    assert len(second.context["articles"]) == 1
    assert client.get("/outlets/busy/", {"page": "x"}).status_code == 200


def test_outlet_pages_on_the_seeds(client, seeded_archive):
    assert client.get("/outlets/").status_code == 200
    norwegian = Article.objects.get(language="no")
    response = client.get(norwegian.outlet.get_absolute_url())
    assert norwegian.original_outlet in list(response.context["republishes"])
    original = client.get(norwegian.original_outlet.get_absolute_url())
    assert norwegian.outlet in list(original.context["republished_by"])


# -- home ------------------------------------------------------------------------------------


def test_home_shows_the_most_active_officials(client, db):
    people = [PersonFactory(name=f"Official {n:02d}") for n in range(10)]
    for rank, person in enumerate(people):
        for _ in range(10 - rank):
            EventFactory().people.add(person)
    for _ in range(20):  # drafts do not make anyone more active
        EventFactory(status=Event.Status.DRAFT).people.add(people[9])
    response = client.get("/")
    officials = response.context["officials"]
    assert [p.pk for p in officials] == [p.pk for p in people[:8]]
    assert officials[0].event_count == 10
    page = response.content.decode()
    section = page[page.index('id="officials"') :]
    section = section[: section.index("</section>")]
    assert people[0].get_absolute_url() in section
    assert people[9].get_absolute_url() not in section


def test_home_breaks_ties_among_the_most_active_officials_by_name(client, db):
    names = ["Vo", "Abe", "Tran", "Le", "Kishida", "Ueda", "Nguyen", "Bui", "Mori", "Ishiba"]
    people = [PersonFactory(name=name) for name in names]  # ids in another order than names
    for person in people[:3]:
        for _ in range(5):
            EventFactory().people.add(person)
    for person in people[3:]:
        for _ in range(2):
            EventFactory().people.add(person)
    EventFactory(status=Event.Status.HIDDEN).people.add(people[9])  # no third for Ishiba
    officials = client.get("/").context["officials"]
    assert [p.name for p in officials] == [
        *["Abe", "Tran", "Vo"],
        *["Bui", "Ishiba", "Kishida", "Le", "Mori"],
    ]
    assert [p.event_count for p in officials] == [5, 5, 5, 2, 2, 2, 2, 2]


def test_home_keeps_its_officials_until_the_published_counts_change(client, db, monkeypatch):
    from archive.views import pages

    first, second = PersonFactory(name="First"), PersonFactory(name="Second")
    events = [EventFactory() for _ in range(3)]
    for event in events:
        event.people.add(first)
    EventFactory().people.add(second)
    ArticleFactory(event=events[0])
    assert client.get("/").context["officials"][0].name == "First"

    computed = []
    second.event_count, second.mentioned_count = 1, 0

    def asked_again():
        computed.append(1)
        return [second]

    monkeypatch.setattr(pages, "most_active_officials", asked_again)
    client.get("/")
    assert computed == []  # the same counts: kept
    for event in events:  # hidden: fewer published events, so asked again
        event.status = Event.Status.HIDDEN
        event.save()
    assert [p.name for p in client.get("/").context["officials"]] == ["Second"]
    assert computed == [1]


def test_people_list_goes_by_country_then_most_events_then_name(
    client, db, django_assert_num_queries
):
    def official(name: str, country: str, events: int, drafts: int = 0):
        person = PersonFactory(name=name, country=country)
        for _ in range(events):
            EventFactory().people.add(person)
        for _ in range(drafts):
            EventFactory(status=Event.Status.DRAFT).people.add(person)

    official("Vo", "Vietnam", 1)
    official("Abe", "Japan", 1)
    official("Bui", "Vietnam", 3)
    official("An", "Vietnam", 1, drafts=4)  # drafts do not count
    official("Ueda", "Japan", 2)
    official("Cao", "Vietnam", 0)
    with django_assert_num_queries(3):  # officials, their links, the unpublished links
        response = client.get("/people/")
    mine = {"Vo", "Abe", "Bui", "An", "Ueda", "Cao"}  # not the starter registry's officials
    people = [p for p in response.context["people"] if p.name in mine]
    listed = [(p.country, p.name, p.event_count) for p in people]
    assert listed == [
        ("Japan", "Ueda", 2),
        ("Japan", "Abe", 1),
        ("Vietnam", "Bui", 3),
        ("Vietnam", "An", 1),
        ("Vietnam", "Vo", 1),
        ("Vietnam", "Cao", 0),
    ]


def test_home_leaves_out_drafts(client, db):
    EventFactory(title="Public meeting")
    ArticleFactory(event=EventFactory(title="Secret meeting", status=Event.Status.DRAFT))
    response = client.get("/")
    page = response.content.decode()
    assert "Public meeting" in page
    assert "Secret meeting" not in page
    assert response.context["event_total"] == 1
    assert response.context["article_total"] == 0


def test_home_on_the_seeds(client, seeded_archive):
    response = client.get("/")
    assert response.status_code == 200
    assert "/dates/2025/11/" in response.content.decode()
    assert response.context["officials"]


# -- query counts ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "bound"),
    # The home page: + the events' names (their versions' openings, their principals' names)
    # and the most active officials' participation (their events, those events' principals).
    [("/", 12), ("/outlets/", 5), ("/outlets/wire/", 7), ("/sitemap.xml", 7)],
)
def test_list_pages_query_counts_do_not_grow(
    client, db, django_assert_max_num_queries, path, bound
):
    for start, n in ((0, 3), (3, 9)):
        grow(start, n)
        with django_assert_max_num_queries(bound):
            response = client.get(path)
        assert response.status_code == 200
