"""Web security: the headers on every kind of response, pages the CSP does not break, a clean
`check --deploy` in production settings, and the limit on failed admin logins."""

import base64
import hashlib
import json
import os
import time
from html.parser import HTMLParser
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import include, path

from archive.models import Article, Event, Outlet, Person
from tests.conftest import SAMPLES_DIR
from tests.live import archive_env, manage

# --- A URL that fails, to see the 500 page's headers (this module is that test's URLconf). -------


def broken_view(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [path("broken/", broken_view), path("", include("archive.urls"))]


@pytest.fixture
def archive(search_index):
    call_command("ingest", str(SAMPLES_DIR), stdout=StringIO(), stderr=StringIO())
    assert Article.objects.exists()


@pytest.fixture
def admin_client(client, db):
    client.force_login(User.objects.create_superuser("chief", "chief@example.org", "pass phrase"))
    return client


def policy(response) -> dict[str, list[str]]:
    """The response's Content-Security-Policy as {directive: [sources]}."""
    header = response.headers.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {response.request['PATH_INFO']}"
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: sources for name, *sources in directives}


def assert_security_headers(response):
    where = f"{response.status_code} {response.request['PATH_INFO']}"
    csp = policy(response)
    assert csp["default-src"] == ["'self'"], where
    assert csp["script-src"] == ["'self'"], where  # no 'unsafe-inline', no 'unsafe-eval'
    assert "'unsafe-inline'" not in csp["style-src"], where
    assert csp["frame-ancestors"] == ["'none'"], where
    assert csp["object-src"] == ["'none'"], where
    assert response.headers.get("X-Content-Type-Options") == "nosniff", where
    assert response.headers.get("X-Frame-Options") == "DENY", where
    assert response.headers.get("Referrer-Policy") == "same-origin", where
    assert "camera=()" in response.headers.get("Permissions-Policy", ""), where


def public_urls() -> list[str]:
    # A dated event (its year page is listed): first() alone has no order and may pick an
    # undated one on PostgreSQL.
    event = Event.objects.filter(date__isnull=False).order_by("pk").first()
    article = Article.objects.order_by("pk").first()
    person, outlet = Person.objects.order_by("pk").first(), Outlet.objects.order_by("pk").first()
    return [
        "/", "/search/?q=Japan", event.get_absolute_url(), article.get_absolute_url(),
        "/people/", person.get_absolute_url(), "/outlets/", outlet.get_absolute_url(),
        "/dates/", f"/dates/{event.date:%Y}/", "/dates/undated/",
        "/feeds/events/", "/feeds/search/?q=Japan", f"/feeds/people/{person.slug}/",
        "/sitemap.xml", "/opensearch.xml", "/robots.txt",
        "/api/search/?q=Japan", f"/api/events/{event.slug}/", f"/api/articles/{article.pk}/",
        "/admin/login/", "/static/archive/archive.css", "/static/admin/css/base.css",
    ]  # fmt: skip


def admin_urls() -> list[str]:
    event, article, person = Event.objects.first(), Article.objects.first(), Person.objects.first()
    urls = ["/admin/", "/admin/archive/import/", "/admin/archive/", "/admin/auth/user/add/"]
    for model in ["event", "article", "outlet", "person", "personalias", "articlerevision", "role",
                  "eventredirect", "personredirect", "indexqueue"]:  # fmt: skip
        urls += [f"/admin/archive/{model}/", f"/admin/archive/{model}/?q=Japan"]
    for model, obj in [("event", event), ("article", article), ("person", person)]:
        urls += [f"/admin/archive/{model}/{obj.pk}/change/", f"/admin/archive/{model}/add/",
                 f"/admin/archive/{model}/{obj.pk}/history/"]  # fmt: skip
    return urls


def test_public_pages_api_feeds_and_static_files_carry_the_headers(client, archive):
    for url in public_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        assert_security_headers(response)


def test_admin_pages_carry_the_headers(admin_client, archive):
    for url in admin_urls():
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert_security_headers(response)


def test_error_pages_carry_the_headers(client, db):
    missing = client.get("/events/no-such-event/")
    assert missing.status_code == 404
    assert_security_headers(missing)
    bad_parameter = client.get("/api/search/?q=x&page=zero")
    assert bad_parameter.status_code == 400
    assert_security_headers(bad_parameter)
    bad_host = client.get("/", headers={"host": "attacker.example"})
    assert bad_host.status_code == 400
    assert_security_headers(bad_host)


@pytest.mark.urls(__name__)
def test_the_server_error_page_carries_the_headers(db):
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    assert_security_headers(response)


# --- Nothing on our pages relies on what the CSP blocks ------------------------------------------


class InlineCode(HTMLParser):
    """Collects what a CSP without 'unsafe-inline' would block: inline scripts, event-handler
    attributes, javascript: URLs, <style> elements and style attributes."""

    def __init__(self):
        super().__init__()
        self.blocked_scripts: list[str] = []
        self.style_attributes: list[str] = []
        self.style_elements = 0
        self._in_inline_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.blocked_scripts.append(f"<{tag} {name}={value!r}>")
            url = (value or "").strip().lower()
            if name in {"href", "src", "action"} and url.startswith("javascript:"):
                self.blocked_scripts.append(f"<{tag} {name}={value!r}>")
        if "style" in attributes:
            self.style_attributes.append(attributes["style"] or "")
        if tag == "style":
            self.style_elements += 1
        data_block = attributes.get("type", "").lower() in {"application/json", "text/template"}
        self._in_inline_script = tag == "script" and "src" not in attributes and not data_block

    def handle_data(self, data):
        if self._in_inline_script and data.strip():
            self.blocked_scripts.append(f"<script>{data.strip()[:60]}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_inline_script = False


def assert_nothing_inline_is_blocked(response):
    url = response.request["PATH_INFO"]
    found = InlineCode()
    found.feed(response.content.decode())
    assert found.blocked_scripts == [], url
    assert found.style_elements == 0, url
    allowed = set(policy(response)["style-src"])
    for style in found.style_attributes:
        digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in allowed, f"style={style!r} on {url} is blocked by the CSP"


def test_public_pages_have_no_inline_script_or_style(client, archive):
    html_pages = public_urls()
    html_pages += [e.get_absolute_url() + "?view=full" for e in Event.objects.all()]
    for url in html_pages:
        response = client.get(url)
        if response["Content-Type"].startswith("text/html"):
            assert_nothing_inline_is_blocked(response)


def test_admin_pages_have_no_inline_script_or_style(admin_client, archive):
    for url in admin_urls():
        assert_nothing_inline_is_blocked(admin_client.get(url))


def test_the_history_lists_one_style_attribute_is_allowed_by_its_hash(admin_client, archive):
    # Guards the hash in the policy: django-simple-history's list has this attribute today.
    event = Event.objects.first()
    response = admin_client.get(f"/admin/archive/event/{event.pk}/history/")
    found = InlineCode()
    found.feed(response.content.decode())
    assert found.style_attributes == ["border-top: 0"]
    assert_nothing_inline_is_blocked(response)


# --- check --deploy in production settings -------------------------------------------------------

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a production secret key that is long, random-looking and 7Qx9!kLp2#vR",
    "ALLOWED_HOSTS": "archive.example.org",
    "SECURE_COOKIES": "1",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
}


def test_check_deploy_is_clean_in_production_settings(tmp_path):
    env = archive_env(tmp_path, {**os.environ, **PRODUCTION}, own_database=True)
    result = manage(env, "check", "--deploy", "--fail-level", "WARNING", check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout + result.stderr


def test_a_malformed_https_setting_stops_start_up_with_its_name(tmp_path):
    env = archive_env(tmp_path, {**os.environ, "SECURE_HSTS_SECONDS": "a year"}, own_database=True)
    result = manage(env, "check", check=False)
    assert result.returncode != 0
    assert "SECURE_HSTS_SECONDS must be a whole number" in result.stderr


# --- Failed admin logins -------------------------------------------------------------------------


@pytest.fixture
def editor(db):
    return User.objects.create_user("ana", password="the right passphrase", is_staff=True)


def log_in(username, password, address="192.0.2.1"):
    client = Client(REMOTE_ADDR=address)
    response = client.post("/admin/login/", {"username": username, "password": password})
    return response, client


def test_too_many_failures_for_one_username_refuse_it_even_from_other_addresses(db, editor):
    for attempt in range(settings.ARCHIVE_LOGIN_MAX_FAILURES_PER_USER):
        response, _ = log_in("ana", "a wrong guess", address=f"198.51.100.{attempt}")
        assert response.status_code == 200  # the form again, with Django's error
    response, client = log_in("ANA", "the right passphrase", address="203.0.113.9")
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    assert 0 < int(response["Retry-After"]) <= settings.ARCHIVE_LOGIN_WINDOW_SECONDS
    assert client.get("/admin/").status_code == 302, "refused, so not logged in"
    # Another editor is not affected.
    User.objects.create_user("binh", password="another passphrase", is_staff=True)
    assert log_in("binh", "another passphrase", address="203.0.113.9")[0].status_code == 302


def test_too_many_failures_from_one_address_refuse_it_for_every_username(db, editor):
    for attempt in range(settings.ARCHIVE_LOGIN_MAX_FAILURES_PER_ADDRESS):
        assert log_in(f"guess{attempt}", "wrong")[0].status_code == 200
    assert log_in("ana", "the right passphrase")[0].status_code == 429
    assert log_in("ana", "the right passphrase", address="192.0.2.2")[0].status_code == 302


def test_the_refusal_ends_with_the_window(db, editor, monkeypatch):
    for _ in range(settings.ARCHIVE_LOGIN_MAX_FAILURES_PER_USER):
        log_in("ana", "a wrong guess")
    assert log_in("ana", "the right passphrase")[0].status_code == 429
    later = time.time() + settings.ARCHIVE_LOGIN_WINDOW_SECONDS + 1
    monkeypatch.setattr(time, "time", lambda: later)
    assert log_in("ana", "the right passphrase")[0].status_code == 302


def test_successful_logins_are_never_limited(db, editor):
    limit = max(settings.ARCHIVE_LOGIN_MAX_FAILURES_PER_USER,
                settings.ARCHIVE_LOGIN_MAX_FAILURES_PER_ADDRESS)  # fmt: skip
    for _ in range(limit + 2):
        assert log_in("ana", "the right passphrase")[0].status_code == 302


def test_a_success_forgets_the_usernames_earlier_typos(db, editor):
    for _ in range(settings.ARCHIVE_LOGIN_MAX_FAILURES_PER_USER - 1):
        log_in("ana", "a typo")
    assert log_in("ana", "the right passphrase")[0].status_code == 302
    log_in("ana", "another typo")
    assert log_in("ana", "the right passphrase")[0].status_code == 302


def test_the_counts_are_shared_between_processes(db, editor):
    """gunicorn's workers are processes: a count kept in one must be seen by the others."""
    for _ in range(settings.ARCHIVE_LOGIN_MAX_FAILURES_PER_USER):
        log_in("ana", "a wrong guess", address="192.0.2.77")
    env = archive_env(settings.ARCHIVE_DATA_DIR, os.environ, own_database=True)
    probe = (
        "import json; from django.test import RequestFactory; "
        "from archive.security import seconds_blocked; "
        "request = RequestFactory().post('/admin/login/', REMOTE_ADDR='192.0.2.8'); "
        "print(json.dumps(seconds_blocked(request, 'ana')))"
    )
    wait = json.loads(manage(env, "shell", "--no-imports", "-c", probe).stdout)
    assert 0 < wait <= settings.ARCHIVE_LOGIN_WINDOW_SECONDS
