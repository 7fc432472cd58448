"""`manage.py capture URL …`: pages fetched politely and imported like files (issue 29)."""

import json
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from archive.fetching import AGENT_TOKEN, Fetcher, FetchError
from archive.models import Article, CaptureMethod

pytestmark = pytest.mark.django_db


def capture(*urls):
    out, err = StringIO(), StringIO()
    try:
        call_command("capture", *urls, "--json", stdout=out, stderr=err)
        status = 0
    except CommandError as error:
        status = error.returncode
    return status, (json.loads(out.getvalue()) if out.getvalue() else None)


def test_capture_imports_a_page_with_the_ingest_report(site, search_index):
    url = site.url("/page.html")

    status, report = capture(url)

    assert status == 0
    assert set(report) == {"files", "summary"}
    assert report["summary"] == {
        "created": 1, "duplicate": 0, "updated": 0, "rejected": 0, "events_created": 1
    }  # fmt: skip
    [entry] = report["files"]
    assert entry["path"] == url
    assert entry["status"] == "created"
    assert entry["article"]["title"].startswith("Harbour towns of Vietnam and Japan")
    article = Article.objects.get(pk=entry["article"]["id"])
    assert article.url == url
    assert article.capture_method == CaptureMethod.URL
    assert article.capture_detail["requested_url"] == url
    assert article.capture_detail["status"] == 200
    assert "twinning pact" in article.raw and article.raw_format == "html"
    assert article.captured_at is not None


def test_the_archive_names_itself_and_reads_robots_txt_first(site, search_index):
    capture(site.url("/page.html"))
    paths = [path for _, path, _ in site.requests]
    assert paths == ["/robots.txt", "/page.html"]
    agent = site.requests[1][2]["user-agent"]
    assert agent.startswith(f"{AGENT_TOKEN}/")
    assert site.base in agent  # the contact URL (CONTACT_URL)


def test_a_page_robots_txt_refuses_is_never_fetched(site, search_index):
    status, report = capture(site.url("/private/secret.html"))
    assert status == 1
    assert report["files"][0]["status"] == "rejected"
    assert "robots.txt" in report["files"][0]["error"]
    assert site.asked("/private/secret.html") == 0
    assert not Article.objects.exists()


@pytest.mark.parametrize(("robots_status", "allowed"), [(404, True), (403, False), (503, False)])
def test_a_missing_robots_txt_allows_and_a_refused_or_failing_one_does_not(
    site, robots_status, allowed
):
    site.set("/robots.txt", status=robots_status, body=b"")
    assert Fetcher().allowed(site.url("/page.html")) is allowed


def test_redirects_are_followed_to_the_page(site, search_index):
    site.set("/old.html", status=301, headers={"Location": "/moved.html"})
    site.set("/moved.html", status=302, headers={"Location": site.url("/page.html")})

    status, report = capture(site.url("/old.html"))

    assert status == 0
    article = Article.objects.get(pk=report["files"][0]["article"]["id"])
    assert article.url == site.url("/page.html")
    assert article.capture_detail["requested_url"] == site.url("/old.html")
    assert article.capture_detail["redirects"] == [site.url("/old.html"), site.url("/moved.html")]


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/x.html", "javascript:x"])
def test_a_redirect_out_of_http_is_refused(site, search_index, target):
    site.set("/trap.html", status=302, headers={"Location": target})
    status, report = capture(site.url("/trap.html"))
    assert status == 1
    assert "not http(s)" in report["files"][0]["error"]


def test_a_redirect_loop_ends(site):
    site.set("/loop.html", status=302, headers={"Location": "/loop.html"})
    with pytest.raises(FetchError, match="more than 5 redirects"):
        Fetcher().get(site.url("/loop.html"))


@override_settings(ARCHIVE_FETCH_TIMEOUT=1)
def test_a_slow_page_times_out(site, search_index):
    site.page("/slow.html", "<html><body>late</body></html>", delay=3)
    started = time.monotonic()
    status, report = capture(site.url("/slow.html"))
    assert status == 1
    assert time.monotonic() - started < 2.9
    assert "could not" in report["files"][0]["error"]


def test_a_huge_page_is_refused_without_reading_it(site, search_index):
    site.set(
        "/declared.html",
        body=b"<html>",
        headers={"Content-Type": "text/html", "Content-Length": "900000000"},
    )
    site.page("/endless.html", "<html><body>", stream=50_000_000)  # no Content-Length
    started = time.monotonic()

    status, report = capture(site.url("/declared.html"), site.url("/endless.html"))

    assert status == 1
    errors = [entry["error"] for entry in report["files"]]
    assert all("too large" in error for error in errors), errors
    assert time.monotonic() - started < 10


def test_what_is_not_html_is_refused(site, search_index):
    site.set("/report.pdf", body=b"%PDF-1.4 ...", headers={"Content-Type": "application/pdf"})
    status, report = capture(site.url("/report.pdf"))
    assert status == 1
    assert report["files"][0]["error"] == "not an HTML page (application/pdf)"


def test_a_missing_page_is_rejected_with_its_status(site, search_index):
    status, report = capture(site.url("/nowhere.html"), site.url("/page.html"))
    assert status == 1  # the others are still imported
    assert [entry["status"] for entry in report["files"]] == ["rejected", "created"]
    assert "404" in report["files"][0]["error"]


def test_a_page_captured_again_is_a_duplicate(site, search_index):
    capture(site.url("/page.html"))
    status, report = capture(site.url("/page.html"))
    assert status == 0
    assert report["summary"]["duplicate"] == 1
    assert Article.objects.count() == 1


def test_only_http_urls_are_taken(db):
    status, report = capture("file:///etc/passwd")
    assert status == 2
    assert report is None


def test_requests_to_one_host_are_spaced(site):
    slept = []
    fetcher = Fetcher(host_delay=5, sleep=slept.append)
    fetcher.get(site.url("/page.html"))
    fetcher.get(site.url("/news/2.html"))
    # robots.txt, then the first page (each waited for), then the second.
    assert len(slept) == 2
    assert all(4 < wait <= 5 for wait in slept)


def test_a_robots_crawl_delay_is_honoured(site):
    site.set("/robots.txt", body=b"User-agent: *\nCrawl-delay: 7\n")
    slept = []
    fetcher = Fetcher(host_delay=0, sleep=slept.append)
    fetcher.get(site.url("/page.html"))
    fetcher.get(site.url("/news/2.html"))
    assert slept and all(6 < wait <= 7 for wait in slept)


def test_a_site_whose_robots_txt_fails_is_left_alone_for_now(site):
    site.set("/robots.txt", status=503, body=b"")
    with pytest.raises(FetchError, match=r"robots\.txt could not be read") as failure:
        Fetcher().get(site.url("/page.html"))
    assert failure.value.transient
    assert site.asked("/page.html") == 0
