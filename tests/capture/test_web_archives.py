"""`ingest` reads web archives: .warc, .warc.gz and .wacz, streamed (issue 29)."""

import gzip
import json
import random
import tracemalloc
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.models import Article, CaptureMethod
from archive.webarchive import read_all
from tests.capture.conftest import STORIES, story_page
from tests.capture.warcs import Rec, wacz_file, warc_file

pytestmark = pytest.mark.django_db

PAGE = STORIES["/page.html"].encode("utf-8")
SECOND = STORIES["/news/2.html"].encode("utf-8")
URL = "https://harbour-gazette.example/2025/03/twinning.html"


def ingest(*paths):
    out = StringIO()
    try:
        call_command("ingest", *map(str, paths), "--json", stdout=out, stderr=StringIO())
        status = 0
    except CommandError as error:
        status = error.returncode
    return status, json.loads(out.getvalue())


def test_a_warc_gz_response_record_imports_with_its_url_date_and_digest(tmp_path, search_index):
    path = warc_file(tmp_path / "crawl.warc.gz", [Rec(URL, PAGE, date="2025-03-14T08:30:00Z")])

    status, report = ingest(path)

    assert status == 0
    assert report["summary"]["created"] == 1
    [entry] = report["files"]
    assert entry["path"].startswith(f"{path}@")
    article = Article.objects.get(pk=entry["article"]["id"])
    assert article.url == URL
    assert article.captured_at == datetime(2025, 3, 14, 8, 30, tzinfo=UTC)
    assert article.capture_method == CaptureMethod.WARC
    detail = article.capture_detail
    assert detail["file"] == "crawl.warc.gz"
    assert detail["record_id"].startswith("<urn:uuid:")
    assert detail["digest"].startswith("sha1:")
    assert detail["warc_date"] == "2025-03-14T08:30:00Z"
    assert "twinning pact" in article.raw


def test_what_is_no_html_page_is_skipped_and_counted(tmp_path, search_index):
    path = warc_file(
        tmp_path / "mixed.warc.gz",
        [
            Rec(URL, kind="request"),
            Rec(URL, PAGE),
            Rec("https://harbour-gazette.example/logo.png", b"\x89PNG", content_type="image/png"),
            Rec("https://harbour-gazette.example/old", b"", status="301 Moved Permanently"),
            Rec(URL, kind="revisit"),
            Rec("https://harbour-gazette.example/gone", b"<html></html>", status="404 Not Found"),
        ],
    )

    status, report = ingest(path)

    assert status == 0
    assert report["summary"] == {
        "created": 1, "duplicate": 0, "updated": 0, "rejected": 0, "events_created": 1
    }  # fmt: skip
    assert report["skipped"] == {
        "http_error": 1, "non_html": 1, "other_record": 1, "redirect": 1, "revisit": 1
    }  # fmt: skip


def test_a_wacz_and_a_plain_warc_in_a_folder_import(tmp_path, search_index):
    folder = tmp_path / "crawls"
    folder.mkdir()
    wacz_file(folder / "a.wacz", [Rec(URL, PAGE)])
    warc_file(
        folder / "b.warc",
        [Rec("https://rail.example/seminar", SECOND, date="2025-05-02T10:00:00Z")],
        gzip=False,
    )

    status, report = ingest(folder)

    assert status == 0
    assert report["summary"]["created"] == 2
    urls = set(Article.objects.values_list("url", flat=True))
    assert urls == {URL, "https://rail.example/seminar"}
    wacz_article = Article.objects.get(url=URL)
    assert wacz_article.capture_detail["member"] == "archive/data.warc.gz"
    assert "a.wacz!archive/data.warc.gz@" in report["files"][0]["path"]


def test_a_web_archive_imported_again_is_all_duplicates(tmp_path, search_index):
    path = warc_file(tmp_path / "crawl.warc.gz", [Rec(URL, PAGE)])
    ingest(path)
    status, report = ingest(path)
    assert status == 0
    assert report["summary"]["duplicate"] == 1
    assert report["summary"]["created"] == 0


def test_a_broken_web_archive_is_rejected_with_a_reason(tmp_path, search_index):
    text = tmp_path / "notes.warc"
    text.write_text("these are notes, not a web archive\n\n", encoding="utf-8")
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\n"))
    bad_zip = tmp_path / "bad.wacz"
    bad_zip.write_bytes(b"PK not really a zip")

    status, report = ingest(text, cut, bad_zip)

    assert status == 1
    reasons = {entry["path"].split("/")[-1]: entry["error"] for entry in report["files"]}
    assert set(reasons) >= {"bad.wacz"}
    assert all(entry["status"] == "rejected" for entry in report["files"])
    assert "not a WARC file" in " ".join(filter(None, reasons.values()))
    assert "web archive" in reasons["bad.wacz"]


def test_a_large_web_archive_is_streamed_not_read_whole(tmp_path, search_index):
    """A 40 MB image record and a 6 MB page: neither is ever held whole in memory."""
    # Bytes that do not compress: zeros would decompress a chunk into megabytes at once (a bomb
    # is bounded by the chunk, ~16 MB, not the record), and real pages and images do not.
    noise = random.Random(29).randbytes(40_000_000)
    words = " ".join(f"w{n:x}" for n in range(900_000)).encode()
    huge_page = b"<html><body><p>" + words + b"</p></body></html>"
    path = warc_file(
        tmp_path / "big.warc.gz",
        [
            Rec("https://harbour-gazette.example/big.png", noise, "200 OK", "image/png"),
            Rec("https://harbour-gazette.example/long", huge_page),
            *[Rec(f"https://harbour-gazette.example/i{n}.css", b"a{}", content_type="text/css")
              for n in range(2000)],
            Rec(URL, PAGE),
        ],
    )  # fmt: skip
    skipped: dict[str, int] = {}
    tracemalloc.start()
    try:
        items = list(read_all([path], skipped))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert peak < 15_000_000  # the image alone is 40 MB; the page is read to the 5 MB cap
    assert skipped == {"non_html": 2001}
    assert [type(item).__name__ for item in items] == ["Rejected", "SourcedCapture"]
    assert "too large" in items[0].reason
    assert items[1].url == URL


def test_many_records_go_through_the_cleaning_worker(tmp_path, search_index, settings):
    """Past the first few captures a batch cleans them in a worker process: a WARC's captures,
    with their provenance, travel there and back."""
    settings.ARCHIVE_INGEST_WORKERS = 1
    towns = ["Hoi An", "Nagasaki", "Can Tho", "Sendai", "Vinh", "Kobe", "Quy Nhon", "Sakai",
             "Nha Trang", "Otaru", "Ha Long", "Beppu"]  # fmt: skip
    records = [
        Rec(
            f"https://harbour-gazette.example/2025/{n:02d}.html",
            story_page(
                f"{town} opens a fictional harbour museum, story {n}",
                f"2025-0{1 + n % 9}-1{n % 9}",
                [
                    f"{town.upper()} (Test) - The town of {town} opened a harbour museum on "
                    f"Friday in a story numbered {n}, written only for the archive's tests.",
                    f"Invented curators said the museum in {town} would show {n + 3} old boats, "
                    "maps of the coast and letters between sailors of Vietnam and Japan.",
                ],
            ).encode(),
        )
        for n, town in enumerate(towns)
    ]
    path = warc_file(tmp_path / "many.warc.gz", records)

    status, report = ingest(path)

    assert status == 0
    assert report["summary"]["created"] == len(towns)
    methods = set(Article.objects.values_list("capture_method", flat=True))
    assert methods == {CaptureMethod.WARC}
    assert Article.objects.filter(capture_detail__file="many.warc.gz").count() == len(towns)
