"""What an import batch remembers between captures (stored captures, officials' roles) and the
history it writes: fewer queries per capture, the same records."""

import datetime
import json
import shutil

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.events import refresh_event
from archive.importer import _Batch, import_capture, import_captures
from archive.ingest import read_captures
from archive.ingest.prepare import prepare
from archive.models import Article, Event, Role
from archive.person_records import _saw_roles
from tests.conftest import SAMPLES_DIR
from tests.factories import ArticleFactory, PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)

STORY = (
    "Vietnam and Japan open a new coastal research station\n\n"
    "Da Nang (VNA) - Researchers from Vietnam and Japan opened a coastal research station in "
    "Da Nang on March 4, 2025, to study erosion along the central coast.\n\n"
    "The station will share its data with universities in both countries./."
)


def record(text: str, url: str = "https://example.org/station") -> str:
    return json.dumps({"text": text, "url": url, "outlet": "Vietnam News Agency"})


def test_repeated_and_replaced_captures_in_one_batch(search_index, tmp_path):
    changed = STORY.replace("erosion", "erosion and storms")
    lines = [record(STORY), record(STORY), record(changed), record(STORY)]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")

    files = import_captures([tmp_path]).files

    assert [result.status for result in files] == ["created", "duplicate", "updated", "duplicate"]
    article = Article.objects.get()
    assert files[1].article_id == article.pk  # the same capture again
    assert files[3].article_id is None  # the older version of a URL now captured anew
    assert "storms" in article.body
    assert article.revisions.count() == 1


def test_a_capture_another_import_stored_meanwhile_is_a_duplicate(search_index, tmp_path):
    (tmp_path / "story.jsonl").write_text(record(STORY) + "\n", encoding="utf-8")
    (capture,) = read_captures([tmp_path])
    prepared = prepare(capture)  # checked against the database when handed out: not there yet
    other = ArticleFactory(content_hash=prepared.content_hash)  # then another import stored it

    result, event_id = import_capture(capture, _Batch(), prepared)

    assert (result.status, result.article_id, event_id) == ("duplicate", other.pk, None)
    assert Article.objects.count() == 1


def test_roles_seen_again_cost_no_query_until_their_dates_widen():
    person = PersonFactory()
    known = {}
    _saw_roles([(person, "Minister")], datetime.date(2025, 3, 4), known)

    with CaptureQueriesContext(connection) as queries:
        _saw_roles([(person, "Minister")], datetime.date(2025, 3, 4), known)
    assert len(queries) == 0

    with CaptureQueriesContext(connection) as queries:
        _saw_roles([(person, "Minister")], datetime.date(2026, 1, 2), known)
    assert len(queries) == 1
    role = Role.objects.get(person=person, title="Minister")
    assert (role.first_seen, role.last_seen) == (
        datetime.date(2025, 3, 4),
        datetime.date(2026, 1, 2),
    )


def test_roles_read_from_the_database_are_widened_not_replaced():
    person = PersonFactory()
    Role.objects.create(
        person=person,
        title="Ambassador",
        first_seen=datetime.date(2020, 1, 1),
        last_seen=datetime.date(2021, 1, 1),
    )
    _saw_roles([(person, "Ambassador")], datetime.date(2019, 6, 1), {})

    role = Role.objects.get(person=person, title="Ambassador")
    assert (role.first_seen, role.last_seen) == (
        datetime.date(2019, 6, 1),
        datetime.date(2021, 1, 1),
    )


def test_a_failed_capture_makes_the_batch_forget_the_roles_it_saw():
    batch = _Batch()
    batch.roles[(1, "Minister")] = Role(person_id=1, title="Minister")
    batch.keep()
    assert batch.roles
    batch.forget()
    assert batch.roles == {}


def test_a_new_event_gets_one_history_record_with_its_officials(search_index, tmp_path):
    shutil.copy(SAMPLES_DIR / "s07_vna_ishiba_visit_hanoi.txt", tmp_path)
    import_captures([tmp_path])

    event = Event.objects.get()
    assert event.people.exists()
    (created,) = event.history.all()
    assert created.history_type == "+"
    assert {row.person_id for row in created.people.all()} == set(
        event.people.values_list("pk", flat=True)
    )

    refresh_event(event)  # nothing changed: nothing to record
    assert event.history.count() == 1


def test_a_new_version_adds_at_most_one_history_record(search_index, tmp_path):
    for name in ("s07_vna_ishiba_visit_hanoi.txt", "s08_vns_ishiba_visit_hanoi.txt"):
        shutil.copy(SAMPLES_DIR / name, tmp_path)
    import_captures([tmp_path])

    event = Event.objects.get()
    assert event.articles.count() == 2
    records = list(event.history.order_by("history_id"))
    assert 1 <= len(records) <= 2
    assert records[0].history_type == "+"
    latest = records[-1]
    assert latest.title == event.title
    assert {row.person_id for row in latest.people.all()} == set(
        event.people.values_list("pk", flat=True)
    )


def test_a_later_import_knows_stored_captures_and_older_versions(search_index, tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir(), new.mkdir()
    (old / "a.jsonl").write_text(record(STORY) + "\n", encoding="utf-8")
    (new / "a.jsonl").write_text(record(STORY.replace("erosion", "floods")) + "\n", "utf-8")
    import_captures([old])
    import_captures([new])  # the same URL, changed: the first capture becomes a revision
    article = Article.objects.get()

    again = import_captures([old, new]).files

    assert [(r.status, r.article_id) for r in again] == [
        ("duplicate", None),  # an older version of the article
        ("duplicate", article.pk),
    ]
