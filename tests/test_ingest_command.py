"""The `ingest` command on the real seed captures and on bad input (issue 2's acceptance)."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.models import Article, Event, Outlet


def ingest(*paths, json_output=True, dry_run=False):
    """Run the command; return (exit status, stdout)."""
    out, err = StringIO(), StringIO()
    args = (
        [str(p) for p in paths]
        + (["--json"] if json_output else [])
        + (["--dry-run"] if dry_run else [])
    )
    try:
        call_command("ingest", *args, stdout=out, stderr=err)
        status = 0
    except CommandError as exc:
        status = exc.returncode
    return status, out.getvalue()


def events_by_seed(report: dict) -> set[frozenset[str]]:
    """The events as they are now in the database, as sets of seed numbers ("000"...)."""
    groups: dict[int, set[str]] = {}
    for entry in report["files"]:
        event_id = Article.objects.get(pk=entry["article"]["id"]).event_id
        groups.setdefault(event_id, set()).add(Path(entry["path"]).name[:3])
    return {frozenset(group) for group in groups.values()}


@pytest.fixture
def ingested_seeds(search_index, seeds_dir):
    status, out = ingest(seeds_dir)
    return status, json.loads(out)


def test_seeds_become_five_articles_in_three_events(ingested_seeds):
    status, report = ingested_seeds
    assert status == 0
    assert report["summary"] == {
        "created": 5,
        "duplicate": 0,
        "updated": 0,
        "rejected": 0,
        "events_created": 3,
    }
    assert Article.objects.count() == 5
    assert Event.objects.count() == 3
    assert events_by_seed(report) == {
        frozenset({"000", "001"}),
        frozenset({"002", "004"}),
        frozenset({"003"}),
    }


def test_reingesting_the_seeds_creates_nothing(ingested_seeds, seeds_dir):
    status, out = ingest(seeds_dir)
    report = json.loads(out)
    assert status == 0
    assert report["summary"]["duplicate"] == 5
    assert report["summary"]["created"] == 0
    assert report["summary"]["events_created"] == 0
    assert Article.objects.count() == 5
    assert Event.objects.count() == 3


def test_json_report_describes_each_article(ingested_seeds):
    _, report = ingested_seeds
    by_seed = {Path(entry["path"]).name[:3]: entry for entry in report["files"]}
    assert set(by_seed) == {"000", "001", "002", "003", "004"}
    for entry in by_seed.values():
        assert entry["status"] == "created" and entry["error"] is None
        article = entry["article"]
        assert set(article) >= {
            "id",
            "url",
            "title",
            "published_on",
            "outlet",
            "original_outlet",
            "language",
            "source_url",
            "people",
            "needs_review",
            "event",
        }
        assert set(article["event"]) == {"id", "slug", "url"}
    assert by_seed["004"]["article"]["language"] == "no"
    assert by_seed["002"]["article"]["published_on"] == "2025-11-25"
    assert by_seed["001"]["article"]["published_on"] == "2025-04-03"
    assert by_seed["000"]["article"]["published_on"] == "2025-04-03"
    assert by_seed["003"]["article"]["published_on"] is None
    assert "no_date" in by_seed["003"]["article"]["needs_review"]
    assert by_seed["002"]["article"]["source_url"].startswith("https://dangcongsan.org.vn/")


def test_event_dates_and_places_come_from_the_versions(ingested_seeds):
    wire = Article.objects.get(title__startswith="Vietnam considers Japan").event
    assert str(wire.date) == "2025-04-03"
    forum = Article.objects.get(language="no").event
    assert str(forum.date) == "2025-11-25"
    assert forum.place == "Quang Ninh"


def test_dry_run_reports_without_writing(search_index, seeds_dir):
    outlets = Outlet.objects.count()  # the registry's, loaded by a migration
    status, out = ingest(seeds_dir, dry_run=True)
    assert status == 0
    assert json.loads(out)["summary"]["created"] == 5
    assert Article.objects.count() == 0
    assert Event.objects.count() == 0
    assert Outlet.objects.count() == outlets


def test_a_bad_file_is_rejected_and_the_rest_imported(search_index, tmp_path, seed_paths):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "good.txt").write_bytes(seed_paths["003"].read_bytes())
    status, out = ingest(tmp_path)
    report = json.loads(out)
    assert status == 1
    by_name = {Path(entry["path"]).name: entry for entry in report["files"]}
    assert by_name["empty.txt"]["status"] == "rejected"
    assert by_name["empty.txt"]["error"]
    assert by_name["binary.txt"]["status"] == "rejected"
    assert by_name["binary.txt"]["error"]
    assert by_name["good.txt"]["status"] == "created"
    assert Article.objects.count() == 1


def test_missing_path_is_a_bad_argument(db, tmp_path):
    status, _ = ingest(tmp_path / "nowhere")
    assert status == 2


def test_plain_output_ends_with_a_summary(search_index, seeds_dir):
    status, out = ingest(seeds_dir, json_output=False)
    assert status == 0
    assert "5 created, 0 updated, 0 duplicate, 0 rejected; 3 new events." in out


def test_hostile_batch_imports_what_it_can(search_index, tmp_path):
    latin1 = (
        "Ministers meet in Hanoi\n"
        "Hanoi (VNA) - The foreign ministers of Vietnam and Japan met in Hanoi on April 3 "
        "and agreed to expand cooperation in trade, investment, labour and culture, the "
        "ministry said. Both sides welcomed the progress of the café-owners' exchange "
        "programme and pledged to deepen ties./."
    )
    (tmp_path / "latin1.txt").write_bytes(latin1.encode("latin-1"))
    (tmp_path / "huge.txt").write_bytes(b"word" * (5 * 1024 * 1024))  # 20 MB, one word
    (tmp_path / "page.html").write_text(
        "<html><head><title>Ministers meet</title><script>document.cookie</script></head><body>"
        "<article><h1>Vietnam and Japan ministers meet</h1>"
        '<p onclick="steal()">HANOI - The foreign ministers of Vietnam and Japan met in Hanoi '
        "on Tuesday and agreed to expand cooperation in trade, investment and culture, the "
        "ministry said in a statement after the talks.</p>"
        "<p>They also discussed labour cooperation and exchanges between localities, and "
        "agreed to meet again next year in Tokyo.</p></article></body></html>",
        encoding="utf-8",
    )
    status, out = ingest(tmp_path)
    by_name = {Path(e["path"]).name: e for e in json.loads(out)["files"]}
    assert status == 1
    assert by_name["latin1.txt"]["status"] == "created"
    assert by_name["page.html"]["status"] == "created"
    assert by_name["huge.txt"]["status"] == "rejected"
    assert "MB" in by_name["huge.txt"]["error"]
    assert "café-owners" in Article.objects.get(pk=by_name["latin1.txt"]["article"]["id"]).body
    page = Article.objects.get(pk=by_name["page.html"]["article"]["id"])
    for field in (page.raw, page.body, page.title, *page.captions):
        for trace in ("<script", "document.cookie", "onclick", "steal()"):
            assert trace not in field


def test_a_changed_capture_of_a_known_url_updates_the_article(search_index, tmp_path):
    def capture(body_end: str) -> str:
        return json.dumps(
            {
                "text": "Ministers meet in Hanoi\nHanoi (VNA) - The foreign ministers of Vietnam "
                "and Japan met in Hanoi on April 3 and agreed to expand cooperation in trade, "
                f"investment, labour and culture, the ministry said. {body_end}/.",
                "url": "https://example.org/ministers-meet",
                "captured_at": "2025-04-04T08:00:00Z",
            }
        )

    (tmp_path / "first.jsonl").write_text(capture("They will meet again."))
    first = json.loads(ingest(tmp_path / "first.jsonl")[1])["files"][0]
    (tmp_path / "second.jsonl").write_text(capture("They will meet again in Tokyo next year."))
    status, out = ingest(tmp_path / "second.jsonl")
    second = json.loads(out)["files"][0]
    assert status == 0
    assert second["status"] == "updated"
    assert second["article"]["id"] == first["article"]["id"]
    article = Article.objects.get(pk=first["article"]["id"])
    assert "in Tokyo next year" in article.body
    assert article.revisions.count() == 1
    assert "They will meet again./." in article.revisions.get().raw
    # Both captures are now known: neither creates anything again.
    status, out = ingest(tmp_path)
    assert {e["status"] for e in json.loads(out)["files"]} == {"duplicate"}
