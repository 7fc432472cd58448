"""Browsing by date: years, a year's heatmap, a month's calendar, a day, undated events."""

import datetime

import pytest

from archive.models import Article, Event
from archive.views.dates import DAY_EVENTS_PER_PAGE, MONTH_DAY_TITLES
from tests.factories import ArticleFactory, EventFactory, OutletFactory, PersonFactory

DAY = datetime.date(2025, 4, 3)


def event_of(text: str) -> Event:
    events = {article.event for article in Article.objects.filter(raw__contains=text)}
    assert len(events) == 1, events
    return events.pop()


def grow(start: int, n: int) -> None:
    """Add `n` of everything the list pages show: events on one day (each with two versions, one
    republishing a wire), events spread over years and months, undated events, drafts, officials
    and outlets. Used to check that query counts do not grow with the data."""
    wire = OutletFactory(name="Wire", slug="wire")
    lead = PersonFactory(name="Lead", slug="lead")
    for i in range(start, start + n):
        person = PersonFactory()
        outlet = OutletFactory()
        same_day = EventFactory(date=DAY)
        same_day.people.add(lead, person)
        ArticleFactory(event=same_day, outlet=outlet, original_outlet=wire, people=[lead, person])
        ArticleFactory(event=same_day, outlet=wire, people=[lead])
        spread = EventFactory(date=datetime.date(2000 + i, i % 12 + 1, i % 28 + 1))
        spread.people.add(person)
        ArticleFactory(event=spread, outlet=wire, people=[person])
        undated = EventFactory(date=None)
        undated.people.add(lead)
        ArticleFactory(event=undated, outlet=outlet, original_outlet=wire)
        draft = EventFactory(date=DAY, status=Event.Status.DRAFT)
        draft.people.add(lead)
        ArticleFactory(event=draft, outlet=wire)


def html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


# -- pages answer ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/dates/",
        "/dates/2025/",
        "/dates/2025/04/",
        "/dates/2025/04/03/",
        "/dates/undated/",
        "/dates/1999/",  # empty periods answer too, with their neighbours
        "/dates/2025/06/",
        "/dates/2025/06/15/",
        "/dates/2024/02/29/",
    ],
)
def test_date_pages_answer(client, db, url):
    grow(0, 2)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/dates/2025/13/",
        "/dates/2025/00/",
        "/dates/2025/02/30/",
        "/dates/2025/02/29/",  # 2025 is not a leap year
        "/dates/2025/04/31/",
        "/dates/2025/04/00/",
        "/dates/2025/04/32/",
        "/dates/0000/",
        "/dates/0000/01/",
        "/dates/0/",
        "/dates/2025/4/",
        "/dates/20255/",
        "/dates/year/",
    ],
)
def test_impossible_dates_answer_404(client, db, url):
    assert client.get(url).status_code == 404


def test_urls_are_zero_padded():
    from django.urls import reverse

    assert reverse("dates_year", args=[987]) == "/dates/0987/"
    assert reverse("dates_month", args=[2025, 4]) == "/dates/2025/04/"
    assert reverse("dates_day", args=[2025, 4, 3]) == "/dates/2025/04/03/"
    assert reverse("dates_undated") == "/dates/undated/"
    assert reverse("dates") == "/dates/"


# -- the seeds -------------------------------------------------------------------------------


def test_month_page_lists_the_forum_of_seed_002(client, seeded_archive):
    forum = event_of("Local Cooperation Forum")
    assert forum.date == datetime.date(2025, 11, 25)
    page = html(client, "/dates/2025/11/")
    assert forum.get_absolute_url() in page
    assert "/dates/2025/11/25/" in page


def test_day_page_lists_the_forum_with_its_versions(client, seeded_archive):
    forum = event_of("Local Cooperation Forum")
    page = html(client, "/dates/2025/11/25/")
    assert forum.get_absolute_url() in page
    for article in forum.articles.all():
        assert article.get_absolute_url() in page
    assert 'lang="no"' in page


def test_index_links_the_undated_page_which_lists_seed_003(client, seeded_archive):
    meeting = event_of("Lê Minh Hưng, Secretary of the Party Central Committee")
    assert meeting.date is None
    assert "/dates/undated/" in html(client, "/dates/")
    assert meeting.get_absolute_url() in html(client, "/dates/undated/")


def test_year_page_on_the_seeds(client, seeded_archive):
    page = html(client, "/dates/2025/")
    assert "/dates/2025/11/" in page
    assert "/dates/2025/04/" in page
    assert "/dates/2025/11/25/" in page  # a day of the heatmap
    assert "/dates/2025/06/" not in page  # no events in June: no link


# -- counts, heatmap, navigation -------------------------------------------------------------


def test_index_counts_years_and_months(client, db):
    for day in (DAY, DAY, datetime.date(2025, 11, 25), datetime.date(2023, 1, 9)):
        EventFactory(date=day)
    EventFactory(date=None)
    response = client.get("/dates/")
    years = {row.year: row for row in response.context["years"]}
    assert list(years) == [2025, 2023]
    assert years[2025].count == 3
    assert [cell.count for cell in years[2025].months][3] == 2
    assert years[2025].months[10].count == 1
    assert response.context["undated_count"] == 1
    page = response.content.decode()
    assert "/dates/2025/04/" in page and "/dates/2023/01/" in page
    assert "/dates/2024/" not in page


def test_heatmap_shades_days_by_their_events(client, db):
    for _ in range(4):
        EventFactory(date=DAY)
    EventFactory(date=datetime.date(2025, 4, 10))
    response = client.get("/dates/2025/")
    april = response.context["months"][3]
    assert april.cell.count == 5
    assert april.offset == DAY.replace(day=1).isoweekday()
    levels = {cell.day.day: cell.level for cell in april.days}
    assert levels[3] == 4  # the busiest day
    assert levels[10] == 1
    assert levels[11] == 0
    page = response.content.decode()
    assert 'href="/dates/2025/04/03/"' in page
    assert 'href="/dates/2025/04/11/"' not in page


def test_month_calendar_places_events_on_their_days(client, db):
    first = EventFactory(date=datetime.date(2025, 4, 1), title="First of April")
    later = EventFactory(date=datetime.date(2025, 4, 30), title="End of April")
    response = client.get("/dates/2025/04/")
    days = {
        cell.day: [event.title for event in cell.events]
        for week in response.context["weeks"]
        for cell in week
        if cell.in_month
    }
    assert len(days) == 30
    assert days[first.date] == ["First of April"]
    assert days[later.date] == ["End of April"]
    assert days[DAY] == []


def test_previous_and_next_skip_empty_months(client, db):
    for day in ((2024, 12, 5), (2025, 4, 3), (2025, 11, 25)):
        EventFactory(date=datetime.date(*day))
    april = client.get("/dates/2025/04/").context
    assert april["previous"].url == "/dates/2024/12/"
    assert april["next"].url == "/dates/2025/11/"
    empty_june = client.get("/dates/2025/06/")
    assert empty_june.status_code == 200
    assert empty_june.context["previous"].url == "/dates/2025/04/"
    assert empty_june.context["next"].url == "/dates/2025/11/"
    assert b'name="robots" content="noindex"' in empty_june.content
    november = client.get("/dates/2025/11/").context
    assert november["previous"].url == "/dates/2025/04/"
    assert november["next"] is None
    page = client.get("/dates/2025/04/").content.decode()
    assert 'rel="prev" href="/dates/2024/12/"' in page
    assert 'rel="next" href="/dates/2025/11/"' in page


def test_previous_and_next_skip_empty_years_and_days(client, db):
    for day in ((2019, 3, 1), (2025, 4, 3), (2025, 4, 20)):
        EventFactory(date=datetime.date(*day))
    year = client.get("/dates/2025/").context
    assert year["previous"].url == "/dates/2019/"
    assert year["next"] is None
    day = client.get("/dates/2025/04/03/").context
    assert day["previous"].url == "/dates/2019/03/01/"
    assert day["next"].url == "/dates/2025/04/20/"


def test_neighbours_ignore_drafts(client, db):
    EventFactory(date=datetime.date(2025, 4, 3))
    EventFactory(date=datetime.date(2025, 2, 3), status=Event.Status.DRAFT)
    EventFactory(date=datetime.date(2025, 6, 3), status=Event.Status.HIDDEN)
    context = client.get("/dates/2025/04/").context
    assert context["previous"] is None
    assert context["next"] is None


def test_drafts_never_appear_on_date_pages(client, db):
    EventFactory(date=DAY, title="Published meeting")
    for status in (Event.Status.DRAFT, Event.Status.HIDDEN):
        ArticleFactory(
            event=EventFactory(date=DAY, status=status, title=f"Secret {status} meeting")
        )
        ArticleFactory(
            event=EventFactory(date=None, status=status, title=f"Secret undated {status}")
        )
    for url in ("/dates/", "/dates/2025/", "/dates/2025/04/", "/dates/2025/04/03/"):
        page = html(client, url)
        assert "Secret" not in page, url
    assert "Published meeting" in html(client, "/dates/2025/04/03/")
    undated = client.get("/dates/undated/")
    assert "Secret" not in undated.content.decode()
    assert undated.context["page"].paginator.count == 0
    index = client.get("/dates/").context
    assert index["total"] == 1
    assert index["undated_count"] == 0


def test_undated_page_is_paginated(client, db):
    for _ in range(51):
        EventFactory(date=None)
    first = client.get("/dates/undated/")
    assert len(first.context["events"]) == 50
    assert b'href="?page=2"' in first.content
    assert len(client.get("/dates/undated/", {"page": 2}).context["events"]) == 1


# -- the home page's strip -------------------------------------------------------------------


def test_home_strip_shows_the_last_months_with_events(client, db):
    for year in range(2010, 2025):
        EventFactory(date=datetime.date(year, 6, 1))
    EventFactory(date=datetime.date(2024, 6, 2))
    EventFactory(date=datetime.date(2025, 1, 1), status=Event.Status.DRAFT)
    response = client.get("/")
    months = response.context["months"]
    assert len(months) == 12
    assert (months[0].year, months[-1].year) == (2013, 2024)  # oldest first, draft ignored
    assert months[-1].count == 2
    page = response.content.decode()
    assert 'href="/dates/2024/06/"' in page
    assert 'href="/dates/2012/06/"' not in page
    assert 'href="/dates/2025/01/"' not in page


# -- query counts ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "bound"),
    [
        ("/dates/", 2),
        ("/dates/2025/", 3),
        ("/dates/2025/04/", 3),
        ("/dates/2025/04/03/", 6),  # the page of events: its count, then its rows
        ("/dates/undated/", 4),
        ("/", 12),  # + the events' names and the officials' participation (issue 27)
    ],
)
def test_date_pages_query_counts_do_not_grow(client, db, django_assert_max_num_queries, url, bound):
    grow(0, 3)
    with django_assert_max_num_queries(bound):
        assert client.get(url).status_code == 200
    grow(3, 9)
    with django_assert_max_num_queries(bound):
        response = client.get(url)
    assert response.status_code == 200


# -- busy days: paginated, and capped in the month's calendar ----------------------------------


def test_day_page_is_paginated(client, db):
    for _ in range(DAY_EVENTS_PER_PAGE + 1):
        EventFactory(date=DAY)
    url = f"/dates/{DAY:%Y/%m/%d}/"
    first = client.get(url)
    assert len(first.context["events"]) == DAY_EVENTS_PER_PAGE
    assert first.context["page"].paginator.count == DAY_EVENTS_PER_PAGE + 1
    assert b'href="?page=2"' in first.content
    assert len(client.get(url, {"page": 2}).context["events"]) == 1
    assert client.get(url, {"page": "last"}).status_code == 200


def test_month_calendar_caps_a_busy_day_and_links_it(client, db):
    for i in range(MONTH_DAY_TITLES + 2):
        EventFactory(date=DAY, title=f"Busy {i:02d}")
    response = client.get(f"/dates/{DAY:%Y/%m}/")
    (cell,) = [c for week in response.context["weeks"] for c in week if c.day == DAY]
    assert [e.title for e in cell.events] == [f"Busy {i:02d}" for i in range(MONTH_DAY_TITLES)]
    assert cell.more == 2
    html = response.content.decode()
    assert "2 more events" in html and f'href="/dates/{DAY:%Y/%m/%d}/"' in html
    assert f"Busy {MONTH_DAY_TITLES + 1:02d}" not in html
