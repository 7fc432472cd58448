"""`manage.py watch`: outlets' feeds polled, new items captured, known ones duplicates
(issue 29)."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import timezone

from archive.models import Article, CaptureMethod, Feed
from archive.watch import FeedError, parse_feed
from tests.capture.conftest import FIXTURE_NOTE, rss
from tests.factories import OutletFactory

pytestmark = pytest.mark.django_db

RSS = "application/rss+xml; charset=utf-8"


def watch(*args):
    out = StringIO()
    try:
        call_command("watch", *args, "--json", stdout=out, stderr=StringIO())
        status = 0
    except CommandError as error:
        status = error.returncode
    return status, json.loads(out.getvalue()) if out.getvalue() else None


def serve_feed(site, paths, path="/feed.xml", **headers):
    site.set(
        path,
        body=rss(paths, site.base).encode("utf-8"),
        headers={"Content-Type": RSS, **headers},
    )
    return site.url(path)


def test_watch_captures_new_items_and_counts_a_captured_one_as_duplicate(site, search_index):
    call_command("capture", site.url("/page.html"), stdout=StringIO())
    feed_url = serve_feed(site, ["/page.html", "/news/2.html"])

    status, report = watch("--feed", feed_url, "--once")

    assert status == 0
    assert set(report) == {"files", "summary", "feeds"}
    assert report["summary"] == {
        "created": 1, "duplicate": 1, "updated": 0, "rejected": 0, "events_created": 1
    }  # fmt: skip
    by_path = {entry["path"]: entry for entry in report["files"]}
    assert by_path[site.url("/page.html")]["status"] == "duplicate"
    assert (
        by_path[site.url("/page.html")]["article"]["id"]
        == Article.objects.get(url=site.url("/page.html")).pk
    )
    assert by_path[site.url("/news/2.html")]["status"] == "created"
    assert site.asked("/page.html") == 1  # the captured item was not fetched again
    new = Article.objects.get(url=site.url("/news/2.html"))
    assert new.capture_method == CaptureMethod.FEED
    assert new.capture_detail["feed"] == feed_url
    feed = Feed.objects.get(url=feed_url)
    assert feed.last_status == Feed.Status.OK
    assert (feed.last_items, feed.last_new, feed.failures) == (2, 1, 0)
    assert feed.last_polled_at is not None
    assert report["feeds"] == [
        {
            "url": feed_url, "outlet": None, "status": "ok", "error": None, "items": 2, "new": 1,
            "next_poll_at": None,
        }
    ]  # fmt: skip


def test_an_unchanged_feed_is_asked_conditionally(site, search_index):
    feed_url = serve_feed(site, ["/news/2.html"], ETag='"v1"')
    watch("--feed", feed_url, "--once")
    assert Feed.objects.get(url=feed_url).etag == '"v1"'

    status, report = watch("--feed", feed_url, "--once")

    assert status == 0
    assert site.requests[-1][2]["if-none-match"] == '"v1"'
    assert site.asked("/news/2.html") == 1
    assert report["feeds"][0]["status"] == "not_modified"
    assert report["summary"]["created"] == 0


def test_every_active_feed_of_the_outlets_is_polled(site, search_index):
    outlet = OutletFactory(name="Harbour Gazette")
    first = serve_feed(site, ["/news/2.html"], path="/a.xml")
    second = serve_feed(site, ["/news/3.html"], path="/b.xml")
    idle = serve_feed(site, ["/page.html"], path="/idle.xml")
    Feed.objects.create(url=first, outlet=outlet)
    Feed.objects.create(url=second, outlet=outlet)
    Feed.objects.create(url=idle, outlet=outlet, active=False)

    status, report = watch("--once")

    assert status == 0
    assert report["summary"]["created"] == 2
    assert {feed["url"] for feed in report["feeds"]} == {first, second}
    assert site.asked("/idle.xml") == 0
    assert set(Article.objects.values_list("outlet__name", flat=True)) == {"Harbour Gazette"}


def test_a_failing_feed_backs_off_with_its_host(site, search_index):
    broken = site.url("/broken.xml")
    site.set("/broken.xml", status=503, body=b"busy", headers={"Retry-After": "120"})
    sibling = serve_feed(site, ["/news/2.html"], path="/sibling.xml")

    status, report = watch("--feed", broken, "--once")

    assert status == 1
    feed = Feed.objects.get(url=broken)
    assert feed.last_status == Feed.Status.UNREACHABLE
    assert "503" in feed.last_error
    assert feed.failures == 1
    assert feed.next_poll_at > timezone.now() + timedelta(seconds=100)

    # The next run leaves the host alone: neither feed is asked.
    asked = len(site.requests)
    status, report = watch("--feed", broken, "--feed", sibling, "--once")
    assert len(site.requests) == asked
    statuses = {feed["url"]: feed["status"] for feed in report["feeds"]}
    assert statuses == {broken: "unreachable", sibling: "waiting"}
    assert Feed.objects.get(url=broken).failures == 1  # not polled: not failed again


def test_a_feed_gone_waits_alone_not_its_host(site, search_index):
    gone = site.url("/gone.xml")  # 404
    sibling = serve_feed(site, ["/news/2.html"], path="/sibling.xml")

    status, report = watch("--feed", gone, "--once")
    assert status == 1
    assert report["feeds"][0]["status"] == "error"
    assert Feed.objects.get(url=gone).next_poll_at > timezone.now()

    status, report = watch("--feed", gone, "--feed", sibling, "--once")
    statuses = {feed["url"]: feed["status"] for feed in report["feeds"]}
    assert statuses == {gone: "error", sibling: "ok"}
    assert site.asked("/gone.xml") == 1  # waiting out its own backoff
    assert report["summary"]["created"] == 1


def test_a_backoff_doubles_with_each_failure(site, search_index):
    url = site.url("/broken.xml")
    site.set("/broken.xml", status=500, body=b"")
    waits = []
    with override_settings(ARCHIVE_WATCH_BACKOFF=60):
        for _ in range(3):
            Feed.objects.filter(url=url).update(next_poll_at=None)
            before = timezone.now()
            watch("--feed", url, "--once")
            waits.append((Feed.objects.get(url=url).next_poll_at - before).total_seconds())
    assert [round(wait / 60) for wait in waits] == [1, 2, 4]


def test_a_failed_item_leaves_the_feed_to_be_read_again(site, search_index):
    site.set("/news/2.html", status=503, body=b"")
    feed_url = serve_feed(site, ["/news/2.html"], ETag='"v1"')

    status, report = watch("--feed", feed_url, "--once")

    assert status == 1
    assert report["files"][0]["status"] == "rejected"
    assert Feed.objects.get(url=feed_url).etag == ""  # so the next poll reads it whole


@override_settings(ARCHIVE_WATCH_MAX_ITEMS=1)
def test_a_poll_takes_a_bounded_number_of_new_items(site, search_index):
    feed_url = serve_feed(site, ["/news/2.html", "/news/3.html"], ETag='"v1"')
    status, report = watch("--feed", feed_url, "--once")
    assert status == 0
    assert report["summary"]["created"] == 1
    assert report["skipped"] == {"over_item_limit": 1}
    assert Feed.objects.get(url=feed_url).etag == ""
    _, report = watch("--feed", feed_url, "--once")
    assert report["summary"] == {
        "created": 1, "duplicate": 1, "updated": 0, "rejected": 0, "events_created": 1
    }  # fmt: skip


def test_a_feed_robots_txt_refuses_is_not_read(site, search_index):
    feed_url = serve_feed(site, ["/news/2.html"], path="/private/feed.xml")
    status, report = watch("--feed", feed_url, "--once")
    assert status == 1
    assert report["feeds"][0]["status"] == "robots"
    assert site.asked("/private/feed.xml") == 0


def test_atom_feeds_and_news_sitemaps_are_read():
    base = "http://127.0.0.1:9/"
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><!-- {FIXTURE_NOTE} --><title>t</title><id>x</id>
<updated>2025-05-01T00:00:00Z</updated>
<entry><title>One</title><id>1</id><updated>2025-05-01T00:00:00Z</updated>
<link rel="alternate" href="/news/1.html"/></entry>
<entry><title>Bad</title><id>2</id><updated>2025-05-01T00:00:00Z</updated>
<link rel="alternate" href="javascript:alert(1)"/></entry>
</feed>"""
    items, _ = parse_feed(atom.encode(), base)
    assert [item.url for item in items] == ["http://127.0.0.1:9/news/1.html"]

    sitemap = f"""<?xml version="1.0" encoding="UTF-8"?><!-- {FIXTURE_NOTE} -->
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>http://127.0.0.1:9/old.html</loc><news:news><news:publication_date>2025-04-01</news:publication_date><news:title>Old</news:title></news:news></url>
<url><loc>http://127.0.0.1:9/new.html</loc><news:news><news:publication_date>2025-05-01</news:publication_date><news:title>New</news:title></news:news></url>
</urlset>"""
    items, _ = parse_feed(sitemap.encode(), base)
    assert [(item.url, item.title) for item in items] == [
        ("http://127.0.0.1:9/new.html", "New"),
        ("http://127.0.0.1:9/old.html", "Old"),
    ]

    index = """<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>http://127.0.0.1:9/news-sitemap.xml</loc></sitemap></sitemapindex>"""
    assert parse_feed(index.encode(), base) == ([], ["http://127.0.0.1:9/news-sitemap.xml"])

    with pytest.raises(FeedError):
        parse_feed(b"<html><body>a page, not a feed</body></html>", base)


def test_a_news_sitemap_index_is_followed(site, search_index):
    site.set(
        "/sitemap-index.xml",
        body=(
            b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            b"<sitemap><loc>/news-sitemap.xml</loc></sitemap></sitemapindex>"
        ),
        headers={"Content-Type": "application/xml"},
    )
    site.set(
        "/news-sitemap.xml",
        body=(
            '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<url><loc>{site.url('/news/3.html')}</loc></url></urlset>"
        ).encode(),
        headers={"Content-Type": "application/xml"},
    )
    status, report = watch("--feed", site.url("/sitemap-index.xml"), "--once")
    assert status == 0
    assert report["summary"]["created"] == 1


def test_an_outlet_page_in_the_admin_shows_its_feeds_polls(client, site, search_index):
    outlet = OutletFactory(name="Harbour Gazette")
    feed_url = serve_feed(site, ["/nowhere.html"])
    Feed.objects.create(url=feed_url, outlet=outlet)
    watch("--once")
    editor = User.objects.create_user("feeds-editor", password="a long passphrase", is_staff=True)
    from django.contrib.auth.models import Group

    editor.groups.add(Group.objects.get(name="editors"))
    client.force_login(editor)

    page = client.get(f"/admin/archive/outlet/{outlet.pk}/change/")
    listing = client.get("/admin/archive/feed/")

    assert page.status_code == 200
    text = page.content.decode()
    assert feed_url in text
    assert "New items read" in text  # its last status
    assert f"/admin/archive/feed/add/?outlet={outlet.pk}" in text
    assert listing.status_code == 200 and feed_url in listing.content.decode()


def test_a_feed_given_must_be_http(db):
    status, _ = watch("--feed", "file:///etc/passwd", "--once")
    assert status == 2
    assert not Feed.objects.exists()


def test_editors_add_an_outlet_feed_in_the_admin_http_only(client, db):
    from django.contrib.auth.models import Group

    outlet = OutletFactory(name="Harbour Gazette")
    editor = User.objects.create_user("feed-adder", password="a long passphrase", is_staff=True)
    editor.groups.add(Group.objects.get(name="editors"))
    client.force_login(editor)

    refused = client.post(
        "/admin/archive/feed/add/", {"url": "ftp://example.org/feed", "outlet": outlet.pk}
    )
    added = client.post(
        "/admin/archive/feed/add/",
        {"url": "https://example.org/rss.xml", "outlet": outlet.pk, "active": "on"},
    )

    assert refused.status_code == 200  # the form again, with its error
    assert added.status_code == 302
    assert list(outlet.feeds.values_list("url", flat=True)) == ["https://example.org/rss.xml"]
