"""The article page says how and when it was captured, and links the raw capture for those who
may see raw captures (issue 29)."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from archive.models import Article, CaptureMethod, Event
from tests.capture.conftest import STORIES
from tests.capture.warcs import Rec, warc_file
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    editor = User.objects.create_user("prov-editor", password="a long passphrase", is_staff=True)
    editor.groups.add(Group.objects.get(name="editors"))
    client.force_login(editor)
    return client


def captured(site) -> Article:
    call_command("capture", site.url("/page.html"), stdout=StringIO())
    return Article.objects.get(url=site.url("/page.html"))


def test_a_page_captured_from_the_web_says_so_and_when(client, site, search_index):
    article = captured(site)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Captured from the web by the archive" in html
    assert f'datetime="{article.captured_at.isoformat()}"' in html


def test_visitors_get_no_raw_capture_link_nor_the_raw_capture(client, site, search_index):
    article = captured(site)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "raw capture" not in html
    assert f"/articles/{article.pk}/capture/" not in html
    assert client.get(f"/articles/{article.pk}/capture/").status_code == 404


def test_editors_follow_the_link_to_the_raw_capture_as_text(editor_client, site, search_index):
    article = captured(site)
    html = editor_client.get(article.get_absolute_url()).content.decode()
    assert f'href="/articles/{article.pk}/capture/"' in html

    raw = editor_client.get(f"/articles/{article.pk}/capture/")

    assert raw.status_code == 200
    assert raw["Content-Type"] == "text/plain; charset=utf-8"
    assert "private" in raw["Cache-Control"]
    assert raw.content.decode() == article.raw
    assert "twinning pact" in article.raw


def test_staff_without_the_right_to_view_articles_get_no_raw_capture(client, site, search_index):
    article = captured(site)
    client.force_login(User.objects.create_user("clerk", password="x" * 12, is_staff=True))
    assert client.get(f"/articles/{article.pk}/capture/").status_code == 404
    assert "raw capture" not in client.get(article.get_absolute_url()).content.decode()


def test_a_hidden_article_stays_hidden_from_visitors(client, site, search_index):
    article = captured(site)
    Event.objects.filter(pk=article.event_id).update(status=Event.Status.HIDDEN)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert client.get(f"/articles/{article.pk}/capture/").status_code == 404


def test_a_web_archive_record_shows_its_record_and_digest(client, tmp_path, search_index):
    url = "https://harbour-gazette.example/2025/03/twinning.html"
    path = warc_file(tmp_path / "crawl.warc.gz", [Rec(url, STORIES["/page.html"].encode())])
    call_command("ingest", str(path), stdout=StringIO())
    article = Article.objects.get(url=url)
    assert article.capture_method == CaptureMethod.WARC

    html = client.get(article.get_absolute_url()).content.decode()

    assert "Imported from a web archive (WARC record)" in html
    assert article.capture_detail["record_id"].replace("<", "&lt;").replace(">", "&gt;") in html
    assert article.capture_detail["digest"] in html
    assert "crawl.warc.gz" not in html  # the file's name is for editors


def test_a_file_import_names_the_file_to_editors_only(client, editor_client, search_index):
    article = ArticleFactory(capture_detail={"file": "s01_story.txt"})
    assert "Imported from a file" in client.get(article.get_absolute_url()).content.decode()
    # `client` and `editor_client` are one client, now logged in.
    html = editor_client.get(article.get_absolute_url()).content.decode()
    assert "s01_story.txt" in html


def test_a_feed_capture_links_its_feed_in_vietnamese_too(client, site, search_index):
    article = captured(site)
    Article.objects.filter(pk=article.pk).update(
        capture_method=CaptureMethod.FEED,
        capture_detail={**article.capture_detail, "feed": site.url("/feed.xml")},
    )
    html = client.get(article.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Được kho lưu trữ thu thập từ nguồn tin (feed) của cơ quan báo chí" in html
    assert f'href="{site.url("/feed.xml")}"' in html
    assert "Nguồn tin (feed)" in html


def test_a_revision_keeps_the_provenance_of_the_capture_it_replaced(site, search_index):
    article = captured(site)
    site.page("/page.html", STORIES["/page.html"].replace("next three years", "next four years"))
    call_command("capture", site.url("/page.html"), stdout=StringIO())
    revision = article.revisions.get()
    assert revision.capture_method == CaptureMethod.URL
    assert revision.capture_detail["requested_url"] == site.url("/page.html")
