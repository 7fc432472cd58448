"""Events: assignment in any order, separation of look-alike events, the side-by-side page, and
the editors' event workflows with the search index following (issue 5)."""

import hashlib
import itertools
import json
import shutil
from datetime import date
from io import StringIO
from pathlib import Path

import factory
import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.events import related_events
from archive.models import Article, Event, EventRedirect, unique_slug
from archive.search.service import SearchParams, search
from tests.factories import ArticleFactory, EventFactory, OutletFactory, PersonFactory

GROUPING_CAPTURES = Path(__file__).parent / "ingest" / "captures" / "grouping"


def ingest(*paths) -> dict:
    out = StringIO()
    call_command("ingest", *map(str, paths), "--json", stdout=out, stderr=StringIO())
    return json.loads(out.getvalue())


def groups() -> set[frozenset[str]]:
    """Events as sets of their articles' content hashes."""
    found: dict[int, set[str]] = {}
    for article in Article.objects.all():
        found.setdefault(article.event_id, set()).add(article.content_hash)
    return {frozenset(g) for g in found.values()}


@pytest.mark.parametrize(
    "order",
    # Each seed first once, and both ends reversed: the orders most likely to differ.
    [("000", "001", "002", "003", "004"), ("004", "003", "002", "001", "000"),
     ("001", "004", "000", "003", "002"), ("002", "000", "004", "001", "003"),
     ("003", "002", "001", "004", "000")],
)  # fmt: skip
def test_seeds_form_the_same_three_events_in_any_order(search_index, seed_paths, tmp_path, order):
    for position, number in enumerate(order):
        # One folder per capture, ingested one after another: arrival order is `order`.
        folder = tmp_path / f"{position}"
        folder.mkdir()
        shutil.copy(seed_paths[number], folder / seed_paths[number].name)
        ingest(folder)
    by_number = {n: hashlib.sha256(path.read_bytes()).hexdigest() for n, path in seed_paths.items()}
    expected = {
        frozenset({by_number["000"], by_number["001"]}),
        frozenset({by_number["002"], by_number["004"]}),
        frozenset({by_number["003"]}),
    }
    assert groups() == expected
    wire = Article.objects.get(content_hash=by_number["000"])
    assert wire.published_on == date(2025, 4, 3)
    assert wire.event.date == date(2025, 4, 3)
    forum = Article.objects.get(content_hash=by_number["004"]).event
    assert (forum.date, forum.place) == (date(2025, 11, 25), "Quang Ninh")


def capture_line(name: str) -> str:
    """A fixture capture as a .jsonl line: its text, captured on its date (so the year of an
    "on June 15" in the text is inferred from it)."""
    header, body = (GROUPING_CAPTURES / f"{name}.txt").read_text(encoding="utf-8").split("\n\n", 1)
    fields = dict(line.split(": ", 1) for line in header.splitlines())
    return json.dumps(
        {
            "text": f"{fields['title']}\n{body}",
            "url": f"https://news.example.org/{name}",
            "captured_at": f"{fields['date']}T23:00:00Z",
        }
    )


def test_the_same_officials_meeting_again_forty_days_later_is_a_new_event(search_index, tmp_path):
    path = tmp_path / "meetings.jsonl"
    path.write_text("\n".join(capture_line(n) for n in ("meeting_first", "meeting_again")))
    report = ingest(path)
    assert report["summary"]["created"] == 2
    assert Event.objects.count() == 2


def test_three_days_of_one_trip_are_three_events(search_index, tmp_path):
    names = ("trip_day1_arrival", "trip_day2_talks", "trip_day3_osaka")
    for order in itertools.islice(itertools.permutations(names), 0, 6, 5):
        Article.objects.all().delete()
        Event.objects.all().delete()
        path = tmp_path / f"trip-{'-'.join(order)}.jsonl"
        path.write_text("\n".join(capture_line(n) for n in order))
        ingest(path)
        assert Event.objects.count() == 3, order


@pytest.mark.parametrize("order", list(itertools.permutations(("2015", "2022", "wire"))))
def test_a_wire_without_its_year_does_not_join_meetings_of_two_years(search_index, tmp_path, order):
    """The same two officials met in the same city on January 6 of 2015 and of 2022; a wire
    says "on January 6" without the year. Whichever event the wire joins, its guessed year must
    not carry the other year's dated report into that event."""
    path = tmp_path / "anniversary.jsonl"
    path.write_text("\n".join(capture_line(f"anniversary_{name}") for name in order))
    ingest(path)
    dated = {a.published_on.year: a.event_id for a in Article.objects.filter(year_inferred=False)}
    assert set(dated) == {2015, 2022}
    assert dated[2015] != dated[2022]


def test_near_copies_join_one_event(search_index, tmp_path):
    path = tmp_path / "copies.jsonl"
    path.write_text("\n".join(capture_line(n) for n in ("copy_wire", "copy_rewrite")))
    ingest(path)
    assert Event.objects.count() == 1
    assert Event.objects.get().articles.count() == 2


def test_event_page_marks_word_differences_between_near_copies(client, seeded_archive):
    event = Article.objects.get(raw__startswith="Vietnam considers Japan").event
    html = client.get(event.get_absolute_url()).content.decode()
    assert html.count('<th scope="col"') == 2
    assert "<del>industrialsation</del>" in html
    assert "<ins>industrialisation</ins>" in html
    assert "Hà" in html and "Nội" in html
    # Full texts: every paragraph of every version, no diff marks.
    full = client.get(event.get_absolute_url(), {"view": "full"}).content.decode()
    assert "<ins>" not in full
    for article in event.articles.all():
        for paragraph in article.paragraphs[:3]:
            assert paragraph.replace("'", "&#x27;") in full


def test_event_page_summarises_what_differs(client, seeded_archive):
    forum = Article.objects.get(language="no").event
    html = client.get(forum.get_absolute_url()).content.decode()
    assert "What differs" in html
    assert "only in" in html


def test_event_page_with_six_long_versions_runs_constant_queries(
    client, db, django_assert_max_num_queries
):
    event = EventFactory()
    paragraph = "The ministers discussed trade, investment and labour cooperation at length. " * 6
    for n in range(6):
        body = "\n\n".join(f"{paragraph} Point {n}-{i}." for i in range(40))  # ~2,000 words
        ArticleFactory(event=event, outlet=OutletFactory(), body=body)
    with django_assert_max_num_queries(4):
        response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    assert response.content.decode().count('<th scope="col"') == 6


# --- Editors' workflows ---------------------------------------------------------------------


@pytest.fixture
def editor_client(client, db):
    client.force_login(User.objects.create_superuser("editor", "e@example.org", "long passphrase"))
    return client


def event_slugs(**params) -> list[str]:
    return [hit.event.slug for hit in search(SearchParams(**params)).results]


def test_merging_events_moves_articles_redirects_and_reindexes(
    editor_client, search_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        a = ArticleFactory(title="Ministers meet on semiconductors")
        b = ArticleFactory(title="Semiconductors top the ministers' agenda")
    keep, drop = a.event, b.event
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            "/admin/archive/event/",
            {"action": "merge_selected_events", "_selected_action": [keep.pk, drop.pk],
             "target": keep.pk},
        )  # fmt: skip
    assert response.status_code == 302
    assert set(keep.articles.all()) == {a, b}
    assert not Event.objects.filter(pk=drop.pk).exists()
    assert EventRedirect.objects.get(old_slug=drop.slug).event == keep
    assert editor_client.get(f"/events/{drop.slug}/").url == keep.get_absolute_url()
    assert event_slugs(q="semiconductors") == [keep.slug]


def test_splitting_articles_into_a_new_event(
    editor_client, search_index, django_capture_on_commit_callbacks
):
    event = EventFactory()
    with django_capture_on_commit_callbacks(execute=True):
        stay = ArticleFactory(event=event, title="Talks on rail in Hanoi")
        leave = ArticleFactory(event=event, title="Separate visit to Osaka port")
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            "/admin/archive/article/",
            {"action": "split_to_new_event", "_selected_action": [leave.pk]},
        )
    leave.refresh_from_db()
    assert leave.event_id != event.pk
    assert list(event.articles.all()) == [stay]
    assert event_slugs(q="Osaka") == [leave.event.slug]


def test_moving_an_article_refreshes_and_removes_the_emptied_event(
    editor_client, search_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        home = ArticleFactory(title="Forum opens in Quang Ninh").event
        stray = ArticleFactory(title="Quang Ninh forum, second report")
    old_event = stray.event
    form = editor_client.get(f"/admin/archive/article/{stray.pk}/change/").context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "people"}
    data.update(event=home.pk, captions="[]", review_flags="")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(f"/admin/archive/article/{stray.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    stray.refresh_from_db()
    assert stray.event == home
    assert not Event.objects.filter(pk=old_event.pk).exists()
    assert event_slugs(q="second report") == [home.slug]


def test_rerunning_assignment_regroups_articles(
    editor_client, seeded_archive, django_capture_on_commit_callbacks
):
    wire = Article.objects.get(raw__startswith="Vietnam considers Japan")
    original = wire.event
    with django_capture_on_commit_callbacks(execute=True):
        lone = Event.objects.create(title="Wrongly split", slug="wrongly-split")
        Article.objects.filter(pk=wire.pk).update(event=lone)
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            "/admin/archive/article/",
            {"action": "rerun_assignment", "_selected_action": [wire.pk]},
        )
    wire.refresh_from_db()
    assert wire.event == original
    assert not Event.objects.filter(slug="wrongly-split").exists()


def test_the_kept_comparison_follows_an_edited_version(client, db):
    event = EventFactory()
    first = ArticleFactory(event=event, body="The ministers met in Hanoi.\n\nThey spoke of rice.")
    ArticleFactory(event=event, body="The ministers met in Hanoi.\n\nThey spoke of rail.")
    assert "rice" in client.get(event.get_absolute_url()).content.decode()
    first.body = "The ministers met in Hanoi.\n\nThey spoke of coffee."
    first.save()
    html = client.get(event.get_absolute_url()).content.decode()
    assert "coffee" in html and "rice" not in html


def test_phones_get_one_tab_per_version(client, db):
    event = EventFactory()
    for _ in range(3):
        ArticleFactory(event=event, outlet=OutletFactory())
    html = client.get(event.get_absolute_url()).content.decode()
    assert html.count('name="version-tab"') == 3
    assert html.count("checked") == 1


def test_a_repeated_headline_numbers_its_slugs_a_hundred_suffixes_a_query(
    db, django_assert_num_queries
):
    for suffix in ["", "-2", "-4", "-on-trade"]:
        EventFactory(slug=f"talks-in-hanoi{suffix}")
    with django_assert_num_queries(1):
        assert unique_slug(Event, "Talks in Hanoi") == "talks-in-hanoi-3"  # the first free one
    EventFactory(slug="talks-in-hanoi-3")
    assert unique_slug(Event, "Talks in Hanoi") == "talks-in-hanoi-5"
    assert unique_slug(Event, "Talks in Hanoi on trade") == "talks-in-hanoi-on-trade-2"
    assert unique_slug(Event, "Talks in Ha") == "talks-in-ha"  # a prefix of others is free
    EventFactory.create_batch(
        100, slug=factory.Iterator(["visit"] + [f"visit-{n}" for n in range(2, 101)])
    )
    with django_assert_num_queries(2):  # a hundred suffixes a query
        assert unique_slug(Event, "Visit") == "visit-101"
    EventFactory(slug="visit-101")
    # The next repeat starts where the last one ended: one query, however many came before.
    with django_assert_num_queries(1):
        assert unique_slug(Event, "Visit") == "visit-102"
    # Once the headline's own slug is free again, it is given first.
    Event.objects.filter(slug="visit").delete()
    assert unique_slug(Event, "Visit") == "visit"


def test_related_events_share_the_most_officials_then_are_nearest_in_time(
    db, django_assert_num_queries
):
    a, b, c, d = (PersonFactory() for _ in range(4))

    def event(day: date, people, status=Event.Status.PUBLISHED) -> Event:
        made = EventFactory(date=day, status=status)
        made.people.set(people)
        return made

    this = event(date(2025, 4, 3), [a, b, c])
    three_far = event(date(2019, 1, 1), [a, b, c, d])
    two_near = event(date(2025, 4, 1), [a, b])
    two_far = event(date(2023, 4, 1), [b, c])
    one = event(date(2025, 4, 4), [c])
    event(date(2025, 4, 3), [a, b, c], status=Event.Status.DRAFT)  # not for visitors
    event(date(2025, 4, 2), [a, b, c, d], status=Event.Status.HIDDEN)
    event(date(2025, 4, 3), [d])  # no official in common
    this = Event.objects.prefetch_related("people").get(pk=this.pk)
    with django_assert_num_queries(2):  # the ranking, then the events
        related = related_events(this)
    assert [(other.pk, other.shared) for other in related] == [
        (three_far.pk, 3),
        (two_near.pk, 2),
        (two_far.pk, 2),
        (one.pk, 1),
    ]
    assert [other.pk for other in related_events(this, limit=2)] == [three_far.pk, two_near.pk]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="a SQLite query plan")
def test_related_events_start_from_the_officials_links(db):
    # Not from every published event in the (status, date) index, which SQLite, without table
    # statistics, took for the narrower start when asked for "published".
    this = EventFactory()
    this.people.add(*(PersonFactory() for _ in range(5)))  # with one, SQLite chose well
    this = Event.objects.prefetch_related("people").get(pk=this.pk)
    with CaptureQueriesContext(connection) as queries:
        related_events(this)
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {queries.captured_queries[0]['sql']}")
        plan = [row[-1] for row in cursor.fetchall()]
    first = next(step for step in plan if step.startswith("SEARCH"))
    assert "archive_event_people" in first and "person_id" in first, plan


@pytest.mark.django_db
def test_a_guessed_year_corrected_by_the_event_corrects_the_meetings_day_too():
    """A version that writes "on August 23" without a year took the capture's year for its
    publication and its meeting's day; its event's dated version corrects both, so the article
    page, the date pages and matching (the fingerprint) never keep the guessed year."""
    from archive.events import refresh_event

    event = EventFactory(date=None)
    ArticleFactory(event=event, published_on=date(2025, 8, 23))
    guessed = ArticleFactory(
        event=event,
        published_on=date(2026, 8, 24),
        year_inferred=True,
        occurred_on=date(2026, 8, 23),
        fingerprint={"version": 3, "occurred": "2026-08-23", "day": 23},
    )
    ArticleFactory(event=event, published_on=date(2025, 8, 24))
    ArticleFactory(event=event, published_on=date(2025, 8, 24))
    refresh_event(event)
    guessed.refresh_from_db()
    assert guessed.published_on == date(2025, 8, 24)
    assert guessed.occurred_on == date(2025, 8, 23)
    assert guessed.fingerprint["occurred"] == "2025-08-23"
    assert guessed.fingerprint["day"] == 23


@pytest.mark.django_db
def test_an_event_is_dated_by_its_meeting_s_day_not_by_when_most_versions_were_published():
    """Talks on April 3, one report that day and two the next morning ("on Thursday"): the
    event is on April 3, the day the date pages and feeds should list it under."""
    from archive.events import refresh_event

    event = EventFactory(date=None)
    ArticleFactory(event=event, published_on=date(2025, 4, 3), occurred_on=date(2025, 4, 3))
    for _ in range(2):
        ArticleFactory(event=event, published_on=date(2025, 4, 4), occurred_on=date(2025, 4, 3))
    # A version whose year is only guessed does not vote.
    ArticleFactory(
        event=event,
        published_on=date(2026, 4, 5),
        occurred_on=date(2026, 4, 5),
        year_inferred=True,
    )
    refresh_event(event)
    event.refresh_from_db()
    assert event.date == date(2025, 4, 3)
