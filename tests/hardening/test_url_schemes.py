"""URLs from captures and editors: only http(s) URLs are stored and shown as links.

A capture's URL is the article's "Captured from" link and its `citation_public_url`: a
`javascript:` URL there runs in the archive's pages when clicked. Every other scheme is refused
at import, and a URL already stored that is not http(s) is shown as plain text, never a link.
"""

import json
import re
from io import StringIO

import pytest
from django.contrib.admin.sites import site
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory
from hypothesis import given
from hypothesis import strategies as st

from archive.ingest.weburl import web_url
from archive.models import Article
from tests.factories import ArticleFactory

# Named dangers and near-misses: script and data schemes in any case, hidden behind whitespace
# or control characters browsers drop, scheme-relative and host-less forms.
REFUSED = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "\x01javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "javascript://example.org/%0Aalert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "file:///etc/passwd",
    "ftp://example.org/story",
    "mailto:desk@example.org",
    "about:blank",
    "blob:https://example.org/1",
    "//evil.example/story",
    "/relative/story",
    "http:/one-slash.example",
    "http://",
    "https:example.org",
    "http://exa mple.org/",
    "http://example.org/\x00",
    "http://[::1/",
]
ACCEPTED = ["http://example.org/story", "HTTPS://Example.ORG/a?b=c#d", "https://[::1]:8443/x"]

# Any other scheme a URL may have (RFC 3986: a letter, then letters, digits, "+", "-", ".").
other_schemes = st.from_regex(r"\A[A-Za-z][A-Za-z0-9+.\-]{0,15}\Z").filter(
    lambda scheme: scheme.lower() not in ("http", "https")
)


@given(scheme=other_schemes, rest=st.sampled_from(["//example.org/x", "alert(1)", ""]))
def test_no_other_scheme_is_a_web_url(scheme, rest):
    assert web_url(f"{scheme}:{rest}") is None


def test_only_absolute_http_urls_with_a_host_are_web_urls():
    assert [url for url in REFUSED if web_url(url)] == []
    assert [web_url(url) for url in ACCEPTED] == ACCEPTED


def _ingest(path) -> tuple[int, dict]:
    out = StringIO()
    try:
        call_command("ingest", str(path), "--json", stdout=out, stderr=StringIO())
        status = 0
    except CommandError as exc:
        status = exc.returncode
    return status, json.loads(out.getvalue())


STORY = (
    "Leaders meet in Hanoi\n\nHANOI (VNA) – The Prime Minister received the Japanese Ambassador "
    "on Tuesday; the two sides agreed to deepen cooperation in trade, investment and labour. {n}"
)


def test_a_capture_whose_url_is_not_http_is_refused(search_index, tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [{"text": STORY.format(n=i), "url": url} for i, url in enumerate(REFUSED)]
    lines.append({"text": STORY.format(n="ok"), "url": "https://example.org/ok"})
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    status, report = _ingest(path)
    assert status == 1
    statuses = [entry["status"] for entry in report["files"]]
    assert statuses == ["rejected"] * len(REFUSED) + ["created"]
    assert all("url" in entry["error"] for entry in report["files"][:-1]), report["files"]
    assert list(Article.objects.values_list("url", flat=True)) == ["https://example.org/ok"]
    # A page that declares another scheme as its own URL keeps none.
    page = tmp_path / "page.html"
    page.write_text(
        '<html><head><title>Talks</title><link rel="canonical" href="javascript:alert(1)">'
        '<meta property="og:url" content="javascript:alert(2)"></head><body><article>'
        f"<h1>Talks in Tokyo</h1><p>{STORY.format(n='html')}</p></article></body></html>"
    )
    _, report = _ingest(page)
    assert report["files"][0]["status"] == "created"
    assert not Article.objects.get(pk=report["files"][0]["article"]["id"]).url


@pytest.fixture
def stored_before(db):
    """An article stored before the check, with script URLs (kept, never linked)."""
    return ArticleFactory(url="javascript:alert(1)", source_url="javascript:alert(2)")


def test_a_stored_url_that_is_not_http_is_never_a_link(client, stored_before):
    article = stored_before
    for path in (article.get_absolute_url(), article.event.get_absolute_url()):
        html = client.get(path).content.decode()
        assert not re.search(r"""(href|content|src)=["']?\s*javascript""", html, re.I), path
    html = client.get(article.get_absolute_url()).content.decode()
    assert "javascript:alert(1)" in html  # shown as text
    canonical = f"http://testserver{article.get_absolute_url()}"
    assert f'<meta name="citation_public_url" content="{canonical}">' in html
    assert "javascript" not in html.split('id="cite-text"')[1].split("</textarea>")[0]
    api = client.get(f"/api/articles/{article.pk}/").json()
    assert api["source_url"] is None


def test_editors_can_only_give_an_http_source(db):
    request = RequestFactory().get("/admin/")
    request.user = User.objects.create_superuser("chief", "chief@example.org", "pass phrase")
    field = site._registry[Article].get_form(request)().fields["source_url"]
    for url in ("ftp://example.org/story", "ftps://example.org/story"):
        with pytest.raises(ValidationError):
            field.clean(url)
    assert field.clean("https://example.org/story") == "https://example.org/story"
