"""The search service on a real (per-test) Whoosh index, checked against the database."""

import datetime
import time
from collections import Counter

import pytest
from django.db.models import Count, Q

from archive.models import Article, Event
from archive.search import sync
from archive.search.service import RESULTS, InvalidSearch, SearchParams, search
from tests.factories import ArticleFactory, EventFactory, OutletFactory, PersonFactory

TO_LAM_BODY = (
    "HÀ NỘI — Party General Secretary Tô Lâm received the Japanese Ambassador in Hà Nội.\n\n"
    "The Đảng Cộng Sản newspaper reported the meeting."
)
OTHER_BODY = (
    "Prime Minister Pham Minh Chinh went to Quang Ninh for a forum on cooperation with Japan."
)
NORWEGIAN_BODY = (
    "I en tale på forumet oppfordret statsministeren japanske lokaliteter til samarbeid."
)


def ids(page) -> set[int]:
    return {article.id for hit in page.results for article in hit.articles}


def run(q="", **params):
    return search(SearchParams(q=q, **params))


@pytest.fixture
def two_articles(index):
    to_lam = ArticleFactory(title="Party chief receives ambassador", body=TO_LAM_BODY)
    other = ArticleFactory(title="Forum in Quang Ninh", body=OTHER_BODY)
    index()
    return to_lam, other


# -- analysis, end to end ---------------------------------------------------------------------


@pytest.mark.parametrize("q", ["To Lam", '"To Lam"', "tô lâm", "TO LAM", "Tô Lâm"])
def test_to_lam_in_any_spelling_finds_only_the_article_with_it(two_articles, q):
    to_lam, _ = two_articles
    page = run(q)
    assert ids(page) == {to_lam.pk}
    assert page.count == 1 and page.notice is None


@pytest.mark.parametrize("q", ["Dang Cong San", '"dang cong san"', "Ha Noi", '"ha noi"'])
def test_names_without_diacritics(two_articles, q):
    assert ids(run(q)) == {two_articles[0].pk}


def test_to_is_not_a_stop_word(index):
    adjacent = ArticleFactory(body="General Secretary Tô Lâm spoke.")
    apart = ArticleFactory(body="Lam said he went to the market.")
    index()
    # Were `to` dropped, the phrase would be just `lam` and match both.
    assert ids(run('"To Lam"')) == {adjacent.pk}
    assert ids(run("to lam")) == {adjacent.pk, apart.pk}


@pytest.mark.parametrize("q", ["statsminister", "statsministeren", "Statsministeren"])
def test_norwegian_stemming(index, q):
    norwegian = ArticleFactory(body=NORWEGIAN_BODY, language="no")
    ArticleFactory(body=OTHER_BODY, language="en")
    index()
    assert ids(run(q)) == {norwegian.pk}


def test_english_stemming_does_not_leak_into_other_languages(index):
    english = ArticleFactory(body="The ministers discussed cooperation.", language="en")
    vietnamese = ArticleFactory(body="ministers", language="vi")
    index()
    assert ids(run("minister")) == {english.pk}
    assert ids(run("ministers")) == {english.pk, vietnamese.pk}


# -- syntax -----------------------------------------------------------------------------------


@pytest.fixture
def trio(index):
    a = ArticleFactory(body="Japan and Vietnam signed a trade deal.")
    b = ArticleFactory(body="Japan and Korea discussed security.")
    c = ArticleFactory(body="Vietnam and Laos discussed a deal on trade.")
    index()
    return a, b, c


def test_operators(trio):
    a, b, c = trio
    assert ids(run("Japan")) == {a.pk, b.pk}
    assert ids(run("Japan -Vietnam")) == {b.pk}
    assert ids(run("Japan NOT Vietnam")) == {b.pk}
    assert ids(run("Japan AND Vietnam")) == {a.pk}
    assert ids(run("Korea OR Laos")) == {b.pk, c.pk}
    assert ids(run("(Korea OR Laos) discussed -security")) == {c.pk}
    assert ids(run("-Japan")) == {c.pk}


def test_phrases(trio):
    a, _, c = trio
    assert ids(run('"trade deal"')) == {a.pk}
    assert ids(run("trade deal")) == {a.pk, c.pk}
    assert ids(run('deal -"trade deal"')) == {c.pk}


def test_field_prefixes(index):
    lam = PersonFactory(name="To Lam", slug="to-lam")
    vns = OutletFactory(name="Việt Nam News (VNS)", slug="vns")
    with_lam = ArticleFactory(body="A meeting.", people=[lam])
    in_vns = ArticleFactory(body="A meeting.", outlet=vns)
    ArticleFactory(body="A meeting.")
    index()
    assert ids(run("meeting person:to-lam")) == {with_lam.pk}
    assert ids(run("person:to-lam")) == {with_lam.pk}
    assert ids(run("outlet:vns")) == {in_vns.pk}
    assert ids(run("meeting -outlet:vns -person:to-lam")) == set(
        Article.objects.exclude(pk__in=[with_lam.pk, in_vns.pk]).values_list("pk", flat=True)
    )
    assert run("outlet:no-such-outlet").count == 0


def test_bad_syntax_falls_back_with_a_notice(trio):
    page = run('"Korea (')
    assert page.notice and "Korea" in page.notice
    assert ids(page) == {trio[1].pk}


def test_script_query_is_safe(trio):
    page = run("<script>alert(1)</script> Japan")
    for hit in page.results:
        for article in hit.articles:
            assert "<script" not in article.snippet


def test_a_huge_query_is_refused_quickly(trio):
    started = time.monotonic()
    with pytest.raises(InvalidSearch, match="too long"):
        SearchParams.from_querydict({"q": "Japan " * 2000})
    with pytest.raises(InvalidSearch, match="too long"):
        search(SearchParams(q='"(' * 5000))
    assert time.monotonic() - started < 1


def test_the_longest_allowed_query_runs(trio, settings):
    q = " OR ".join(["Japan"] * (settings.ARCHIVE_SEARCH_MAX_QUERY_LENGTH // 9))
    assert len(q) <= settings.ARCHIVE_SEARCH_MAX_QUERY_LENGTH
    page = search(SearchParams.from_querydict({"q": q}))
    assert page.count == 2


# -- suggestions and snippets -----------------------------------------------------------------


def test_did_you_mean(trio):
    page = run("Jaapn")
    assert page.count == 0
    assert page.suggestion == "japan"
    assert run("Jaapn Korea").suggestion == "japan Korea"
    assert run("Japan").suggestion is None


def test_corrections_are_remembered_until_the_index_changes(trio, index, monkeypatch):
    from archive.search import suggestions

    looked_up = []
    closest = suggestions._closest_word

    def counted(searcher, word, text_fields):
        looked_up.append(word)
        return closest(searcher, word, text_fields)

    monkeypatch.setattr(suggestions, "_closest_word", counted)
    assert run("Jaapn").suggestion == "japan"
    RESULTS.clear()
    assert run("Jaapn Korea").suggestion == "japan Korea"
    assert looked_up == ["Jaapn"]  # once: the second search reused the first's correction
    ArticleFactory(body="Jaapn is a misspelling that made it into print.")
    index()  # a new index version: a new searcher, nothing remembered
    RESULTS.clear()
    assert run("Jaapn").suggestion is None
    assert run("Jaapnn").suggestion == "jaapn"
    assert looked_up == ["Jaapn", "Jaapnn"]


def test_snippets_mark_folded_matches_and_escape_the_text(index):
    article = ArticleFactory(body="Tô Lâm wrote <b>bold</b> words & more.")
    index()
    (hit,) = run("To Lam").results
    snippet = hit.articles[0].snippet
    # An official's name (the registry's Tô Lâm) is marked as the name, its words together.
    assert "<mark>Tô Lâm</mark>" in snippet
    assert "&lt;b&gt;bold&lt;/b&gt;" in snippet and "&amp;" in snippet
    assert hit.articles[0].id == article.pk


# -- facets, filters, sorting -----------------------------------------------------------------


@pytest.fixture
def corpus(index):
    vna = OutletFactory(name="Vietnam News Agency", slug="vna")
    vns = OutletFactory(name="Việt Nam News (VNS)", slug="vns")
    nrk = OutletFactory(name="VietnamPlus", slug="vietnamplus")
    lam = PersonFactory(name="Tô Lâm", slug="to-lam")
    chinh = PersonFactory(name="Phạm Minh Chính", slug="pham-minh-chinh")
    days = [datetime.date(2024, 11, 25), datetime.date(2025, 4, 3), datetime.date(2025, 4, 4)]
    made = []
    for i in range(12):
        event = EventFactory(date=days[i % 3])
        people = [[lam], [chinh], [lam, chinh], []][i % 4]
        made.append(
            ArticleFactory(
                event=event,
                outlet=[vna, vns, nrk][i % 3],
                language=["en", "vi", "no", "en"][i % 4],
                body=("Cooperation with Japan. " if i % 5 else "Trade with Korea. ") + f"n{i}",
                people=people,
                published_on=None if i == 7 else days[i % 3],
            )
        )
    index()
    return made


def db_facets(queryset):
    """Articles per outlet, language, person and year, counted by the database."""
    articles = Article.objects.filter(pk__in=queryset.values("pk"))
    outlet = Counter(dict(articles.values_list("outlet__slug").annotate(n=Count("pk"))))
    language = Counter(dict(articles.values_list("language").annotate(n=Count("pk"))))
    person = Counter(
        dict(
            articles.filter(people__isnull=False)
            .values_list("people__slug")
            .annotate(n=Count("pk"))
        )
    )
    year = Counter(
        dict(
            (str(year), n)
            for year, n in articles.filter(published_on__isnull=False)
            .values_list("published_on__year")
            .annotate(n=Count("pk"))
        )
    )
    return {"outlet": outlet, "language": language, "person": person, "year": year}


JAPAN = Q(body__contains="Japan")
KOREA = Q(body__contains="Korea")


@pytest.mark.parametrize(
    ("params", "matching"),
    [
        ({"q": "japan"}, JAPAN),
        ({"q": "japan", "outlet": ["vna", "vns"]}, JAPAN & Q(outlet__slug__in=["vna", "vns"])),
        ({"q": "japan OR korea", "language": ["en"]}, (JAPAN | KOREA) & Q(language="en")),
        ({"q": "", "person": ["to-lam"]}, Q(people__slug="to-lam")),
        ({"q": "japan", "year": 2025}, JAPAN & Q(published_on__year=2025)),
        ({"q": "korea -japan"}, KOREA & ~JAPAN),
    ],
)
def test_facet_counts_equal_database_counts(corpus, params, matching):
    page = search(SearchParams(**params))
    queryset = Article.objects.filter(matching).distinct()
    assert page.count == queryset.count()
    assert ids_all(params) == set(queryset.values_list("pk", flat=True))
    for name, counts in db_facets(queryset).items():
        assert dict(page.facets[name]) == dict(counts), name
    assert page.event_count == queryset.values("event").distinct().count()


def ids_all(params) -> set[int]:
    page = search(SearchParams(**params), per_page=1000)
    return ids(page)


def test_facet_values_are_whole_and_named(corpus):
    page = run("japan")
    assert "vns" in dict(page.facets["outlet"])
    assert page.outlet_names["vns"] == "Việt Nam News (VNS)"
    assert ["Việt Nam News (VNS)", dict(page.facets["outlet"])["vns"]] in page.api_facets()[
        "outlet"
    ]
    assert page.person_names["to-lam"] == "Tô Lâm"
    assert [year for year, _ in page.facets["year"]] == ["2025", "2024"]


def test_filters_combine(corpus):
    def expected(**filters):
        return set(Article.objects.filter(**filters).values_list("pk", flat=True))

    japan = expected(body__contains="Japan")
    assert ids_all({"q": "japan"}) == japan
    assert ids_all({"q": "japan", "outlet": ["vna"]}) == japan & expected(outlet__slug="vna")
    assert ids_all({"q": "japan", "outlet": ["vna", "vns"]}) == japan & expected(
        outlet__slug__in=["vna", "vns"]
    )
    assert ids_all({"q": "japan", "language": ["en", "no"], "outlet": ["vna"]}) == (
        japan & expected(language__in=["en", "no"], outlet__slug="vna")
    )
    assert ids_all({"q": "", "person": ["to-lam", "pham-minh-chinh"]}) == expected(
        people__slug__in=["to-lam", "pham-minh-chinh"]
    )
    assert ids_all({"q": "japan", "year": 2024}) == japan & expected(published_on__year=2024)
    in_april = expected(
        published_on__gte=datetime.date(2025, 4, 1), published_on__lte=datetime.date(2025, 4, 3)
    )
    assert (
        ids_all(
            {"q": "", "date_from": datetime.date(2025, 4, 1), "date_to": datetime.date(2025, 4, 3)}
        )
        == in_april
    )
    assert ids_all({"q": "", "date_from": datetime.date(2025, 4, 4)}) == expected(
        published_on__gte=datetime.date(2025, 4, 4)
    )


def article_dates(page):
    return [a.published_on for hit in page.results for a in hit.articles]


def test_sorting_by_date_puts_undated_last(corpus):
    newest = search(SearchParams(q="japan OR korea", sort="newest"), per_page=100)
    oldest = search(SearchParams(q="japan OR korea", sort="oldest"), per_page=100)
    newest_events = [hit.event.pk for hit in newest.results]
    assert set(newest_events) == {hit.event.pk for hit in oldest.results}
    dated_new = [min(d for d in article_dates_of(hit) if d) for hit in newest.results[:-1]]
    assert dated_new == sorted(dated_new, reverse=True)
    dated_old = [min(d for d in article_dates_of(hit) if d) for hit in oldest.results[:-1]]
    assert dated_old == sorted(dated_old)
    assert article_dates_of(newest.results[-1]) == [None]
    assert article_dates_of(oldest.results[-1]) == [None]


def article_dates_of(hit):
    return [a.published_on for a in hit.articles]


def test_empty_query_with_a_filter_lists_newest_first(corpus):
    page = search(SearchParams(outlet=["vns"]), per_page=100)
    expected = Article.objects.filter(outlet__slug="vns")
    assert page.count == expected.count() and ids(page) == set(
        expected.values_list("pk", flat=True)
    )
    dates = [d for d in article_dates(page) if d]
    assert dates == sorted(dates, reverse=True)


def test_empty_query_without_filters_is_an_empty_page(corpus, django_assert_num_queries):
    with django_assert_num_queries(0):
        page = run("")
    assert page.count == 0 and page.results == [] and page.pages == 0


def test_relevance_ranks_the_better_match_first(index):
    weak = ArticleFactory(body="Japan. " + "Other words here. " * 30)
    strong = ArticleFactory(body="Japan Japan Japan: Japan and Vietnam.")
    index()
    page = run("japan")
    assert [hit.articles[0].id for hit in page.results] == [strong.pk, weak.pk]


# -- grouping and pagination ------------------------------------------------------------------


@pytest.fixture
def events(index):
    lam = PersonFactory(name="Tô Lâm", slug="to-lam")
    made = []
    for i in range(5):
        event = EventFactory(date=datetime.date(2025, 1, 1 + i))
        versions = [
            ArticleFactory(
                event=event,
                body=f"A forum on trade, version {v}.",
                published_on=event.date,
                people=[lam] if v == 0 else [],
            )
            for v in range(3)
        ]
        ArticleFactory(event=event, body="Unrelated text.", published_on=event.date)
        made.append((event, versions))
    index()
    return made


def test_results_are_grouped_by_event_and_paginated_by_event(events):
    pages = [search(SearchParams(q="forum", sort="newest", page=n), per_page=2) for n in (1, 2, 3)]
    assert [p.count for p in pages] == [15, 15, 15]
    assert [p.event_count for p in pages] == [5, 5, 5]
    assert [p.pages for p in pages] == [3, 3, 3]
    assert [len(p.results) for p in pages] == [2, 2, 1]
    seen = [hit.event.pk for p in pages for hit in p.results]
    assert seen == [event.pk for event, _ in reversed(events)]
    for p in pages:
        for hit in p.results:
            versions = next(v for e, v in events if e == hit.event)
            assert {a.id for a in hit.articles} == {a.pk for a in versions}


def test_a_page_past_the_end_is_empty(events):
    page = search(SearchParams(q="forum", page=9), per_page=2)
    assert page.results == [] and page.count == 15 and page.pages == 3


def test_relevance_pages_do_not_repeat_events(events):
    seen = []
    for n in (1, 2, 3):
        seen += [
            hit.event.pk for hit in search(SearchParams(q="forum", page=n), per_page=2).results
        ]
    assert sorted(seen) == sorted(event.pk for event, _ in events)


def test_filtered_relevance_pages_do_not_repeat_events(events):
    # Whoosh's own `filter=` with `collapse=` silently skips collapsing.
    outlets = sorted({a.outlet.slug for _, versions in events for a in versions})
    seen = []
    for n in (1, 2, 3, 4):
        page = search(SearchParams(q="forum", outlet=outlets, page=n), per_page=2)
        seen += [hit.event.pk for hit in page.results]
    assert sorted(seen) == sorted(event.pk for event, _ in events)


def test_counts_are_exact_with_a_small_page(index):
    # A top-k collector that skips documents unable to reach the top counts too few.
    for n in range(60):
        ArticleFactory(body=("rare " if n % 7 == 0 else "") + "common " * (1 + n % 5))
    index()
    page = search(SearchParams(q="rare OR common"), per_page=1)
    assert page.count == 60 and page.event_count == 60 and len(page.results) == 1
    assert search(SearchParams(q="rare"), per_page=1).count == 9


def test_search_on_an_empty_index(search_index):
    page = run("japan", outlet=["nowhere"])
    assert page.count == 0 and page.results == [] and page.pages == 0
    assert page.facets["outlet"] == []


def test_queries_are_bounded(events, django_assert_num_queries):
    search(SearchParams(q="forum"), per_page=2)  # warm-up: open the searcher
    RESULTS.clear()  # the same search again must run, not come from the page cache
    # Outlets, the page's articles (with outlets and events), the facet's people: 3 whatever
    # the page size.
    with django_assert_num_queries(3):
        small = search(SearchParams(q="forum"), per_page=2)
    with django_assert_num_queries(3):
        large = search(SearchParams(q="forum"), per_page=50)
    assert large.person_names == {"to-lam": "Tô Lâm"}
    assert len(small.results) == 2 and len(large.results) == 5


def test_a_result_shows_its_event_and_versions_as_stored(events, django_assert_num_queries):
    page = search(SearchParams(q="forum"), per_page=5)
    assert len(page.results) == 5
    with django_assert_num_queries(0):  # what a result shows was read with its versions
        shown = {
            (
                hit.event.pk,
                hit.event.slug,
                hit.event.title,
                hit.event.date,
                hit.event.get_absolute_url(),
            )
            for hit in page.results
        }
        versions = [
            (a.id, a.title, a.outlet, a.outlet_slug, a.language, a.published_on, a.url)
            for hit in page.results
            for a in hit.articles
        ]
    assert shown == {
        (e.pk, e.slug, e.title, e.date, e.get_absolute_url())
        for e in Event.objects.filter(articles__isnull=False).distinct()
    }
    stored = {
        a.pk: (
            a.pk,
            a.title,
            a.outlet.name,
            a.outlet.slug,
            a.language,
            a.published_on,
            a.get_absolute_url(),
        )
        for a in Article.objects.select_related("outlet")
    }
    assert len(versions) == 15
    assert all(version == stored[version[0]] for version in versions)
    assert all(
        hit.event.pk == Article.objects.get(pk=a.id).event_id
        for hit in page.results
        for a in hit.articles
    )


# -- parameters -------------------------------------------------------------------------------


def test_params_from_querydict():
    from django.http import QueryDict

    qd = QueryDict(
        "q=+To++Lam+&outlet=vns&outlet=vna&language=EN&person=to-lam&year=2025"
        "&date_from=2025-01-01&date_to=2025-12-31&sort=newest&page=2"
    )
    params = SearchParams.from_querydict(qd)
    assert params == SearchParams(
        q="To Lam",
        outlet=["vns", "vna"],
        language=["en"],
        person=["to-lam"],
        year=2025,
        date_from=datetime.date(2025, 1, 1),
        date_to=datetime.date(2025, 12, 31),
        sort="newest",
        page=2,
    )
    assert not params.is_empty()
    assert SearchParams.from_querydict(QueryDict("q=")).is_empty()
    assert not SearchParams.from_querydict(QueryDict("year=2024")).is_empty()


@pytest.mark.parametrize(
    "query",
    [
        "date_from=2025-13-01",
        "date_to=yesterday",
        "date_from=2025-05-01&date_to=2025-04-01",
        "year=twenty",
        "year=99999999",
        "sort=random",
        "page=0",
        "page=-1",
        "page=" + "9" * 5000,
        "outlet=<script>",
        "language=english!",
    ],
)
def test_bad_params_are_refused_with_a_message(query):
    from django.http import QueryDict

    with pytest.raises(InvalidSearch) as caught:
        SearchParams.from_querydict(QueryDict(query))
    assert str(caught.value)


# -- the index --------------------------------------------------------------------------------


def test_a_deleted_article_leaves_the_index(two_articles):
    to_lam, _ = two_articles
    assert run("To Lam").count == 1
    to_lam.delete()
    sync.drain()
    assert run("To Lam").count == 0
    assert ids(run("Japan")) == {two_articles[1].pk}


def test_an_edited_article_is_found_by_its_new_words(two_articles):
    to_lam, _ = two_articles
    to_lam.body = "Nothing about anyone."
    to_lam.save()
    sync.drain()
    assert run("To Lam").count == 0
    assert ids(run("anyone")) == {to_lam.pk}
