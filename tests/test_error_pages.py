"""The site's own error pages (translated; JSON under /api/), and 405 for a POST to a page that
only reads."""

import pytest
from django.test import Client
from django.urls import include, path

from archive.urls import handler400, handler404, handler500  # noqa: F401 (this URLconf's)


def broken_view(request):
    raise RuntimeError("a bug in a view")


# This module is the URLconf of the tests marked with it: the archive's, plus views that fail.
urlpatterns = [
    path("broken/", broken_view),
    path("api/broken/", broken_view),
    path("", include("archive.urls")),
]


@pytest.mark.parametrize(
    ("language", "heading"), [("en", "Page not found"), ("vi", "Không tìm thấy trang")]
)
def test_a_missing_page_is_the_sites_own_in_the_visitors_language(client, db, language, heading):
    for url in ("/no-such-page/", "/events/no-such-event/", "/people/nobody/"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 404
        html = response.content.decode()
        assert f"<h1>{heading}</h1>" in html, url
        assert 'class="search-form"' in html  # the site's header, with its search box
        assert f'<html lang="{language}">' in html


def test_a_missing_api_address_answers_json(client, db):
    for url in ("/api/", "/api/no-such-thing/", "/api/events/no-such-event/"):
        response = client.get(url)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json()["error"]


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    ("language", "heading"), [("en", "Something went wrong"), ("vi", "Đã xảy ra lỗi")]
)
def test_a_server_error_is_the_sites_own_page_in_the_visitors_language(db, language, heading):
    response = Client(raise_request_exception=False).get("/broken/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 500
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert f'<html lang="{language}">' in html
    assert "RuntimeError" not in html


@pytest.mark.urls(__name__)
def test_a_server_error_under_the_api_answers_json(db):
    response = Client(raise_request_exception=False).get("/api/broken/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"error": "server error"}


def test_a_bad_request_is_the_sites_own_page(client, db):
    response = client.get("/", headers={"host": "attacker.example"})  # DisallowedHost: 400
    assert response.status_code == 400
    assert "<h1>Bad request</h1>" in response.content.decode()


READ_ONLY = [
    "/", "/search/", "/search/?q=japan", "/api/search/?q=japan", "/feeds/search/?q=japan",
    "/people/", "/outlets/", "/dates/", "/feeds/events/", "/sitemap.xml", "/opensearch.xml",
    "/robots.txt",
]  # fmt: skip


def test_a_post_to_a_page_that_only_reads_is_405(db):
    client = Client(enforce_csrf_checks=True)  # as a browser's request is checked
    for url in READ_ONLY:
        for method in (client.post, client.put, client.delete):
            response = method(url, {"q": "japan"})
            assert response.status_code == 405, (method.__name__, url)
            assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD"}
    # Forms that write still need their token.
    assert client.post("/i18n/setlang/", {"language": "vi"}).status_code == 403
