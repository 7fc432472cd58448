"""The interface in English, Vietnamese (issue 7) and Japanese (issue 26).

The language switch and Accept-Language pick the interface language; article texts, titles and
names stay as written, with their `lang`; dates follow the interface language; the JSON API does
not change; every page renders in both languages; and the committed catalogue (django.po and its
compiled django.mo) is complete and in step, which CI checks without GNU gettext.
"""

import ast
import datetime
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from django.utils.translation.template import templatize

from archive.models import Role
from tests.factories import (
    ArticleFactory,
    EventFactory,
    OutletFactory,
    PersonAliasFactory,
    PersonFactory,
)

LOCALE = Path(settings.BASE_DIR) / "locale"
PO = LOCALE / "vi" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
CATALOGUES = ["vi", "ja"]  # every language of settings.LANGUAGES but English


def catalogue(code: str) -> Path:
    return LOCALE / code / "LC_MESSAGES" / "django.po"


TEMPLATES = Path(settings.BASE_DIR) / "templates"

EN_BODY = (
    "Prime Minister Pham Minh Chinh met Japanese Prime Minister Ishiba Shigeru in Hanoi.\n\n"
    "The two leaders agreed to deepen cooperation in trade and investment."
)
VI_TITLE = "Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Nhật Bản"
VI_BODY = (
    "Chiều 25/11, tại Hà Nội, Thủ tướng Phạm Minh Chính đã hội đàm với Thủ tướng Nhật Bản.\n\n"
    "Hai bên nhất trí thúc đẩy hợp tác về thương mại và đầu tư."
)


@pytest.fixture
def corpus(db, search_index, django_capture_on_commit_callbacks):
    """A small archive made with the factories (no seeds): a dated event with an English and a
    Vietnamese version, an undated event, officials with aliases and roles, two outlets."""
    with django_capture_on_commit_callbacks(execute=True):
        vna = OutletFactory(name="Vietnam News Agency", slug="vna", domain="vnanet.vn")
        vnx = OutletFactory(name="VnExpress", slug="vnexpress")
        an = PersonFactory(name="Nguyễn Văn An", slug="nguyen-van-an", country="Vietnam")
        PersonAliasFactory(person=an, name="Nguyen Van An")
        Role.objects.create(
            person=an,
            title="Minister of Trade",
            first_seen=datetime.date(2024, 3, 1),
            last_seen=datetime.date(2025, 11, 25),
        )
        tanaka = PersonFactory(name="Tanaka Hiroshi", slug="tanaka-hiroshi", country="")
        tanaka.needs_review = True
        tanaka.save()
        forum = EventFactory(
            title="Vietnam–Japan summit talks", slug="summit", date=datetime.date(2025, 11, 25)
        )
        forum.people.add(an, tanaka)
        english = ArticleFactory(
            event=forum,
            outlet=vna,
            title="Vietnamese and Japanese Prime Ministers hold talks",
            body=EN_BODY,
            credit="VNA",
            place="Hanoi",
            source_url="https://vnanet.vn/en/talks",
            url="https://example.org/captured/talks",
            captions=["The two Prime Ministers in Hanoi."],
            people=[an, tanaka],
        )
        vietnamese = ArticleFactory(
            event=forum,
            outlet=vnx,
            original_outlet=vna,
            title=VI_TITLE,
            body=VI_BODY,
            language="vi",
            people=[an],
        )
        call = EventFactory(title="Telephone call", slug="telephone-call", date=None)
        ArticleFactory(event=call, outlet=vna, published_on=None)
    return SimpleNamespace(
        forum=forum, call=call, english=english, vietnamese=vietnamese, an=an, vna=vna
    )


def page(client, url, language=None, status=200):
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    response = client.get(url, **headers)
    assert response.status_code == status, url
    return response.content.decode()


# -- choosing the language ---------------------------------------------------------------------


def test_english_is_the_default(client, db):
    response = client.get("/")
    html = response.content.decode()
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in html
    assert ">Officials</a>" in html and ">Search</button>" in html
    assert "Tìm kiếm" not in html


@pytest.mark.parametrize("accept", ["vi", "vi-VN,vi;q=0.9,en;q=0.5"])
def test_accept_language_vi_picks_vietnamese(client, db, accept):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    html = response.content.decode()
    assert response["Content-Language"] == "vi"
    assert '<html lang="vi">' in html
    assert ">Tìm kiếm</button>" in html
    for label in ("Quan chức", "Cơ quan báo chí", "Theo ngày"):
        assert f">{label}</a>" in html
    assert "Skip to content" not in html and ">Search</button>" not in html


def test_an_unknown_language_falls_back_to_english(client, db):
    assert '<html lang="en">' in page(client, "/", "fr-FR,fr;q=0.9")


def test_the_switch_sets_the_language_and_returns_to_the_page(db):
    client = Client(enforce_csrf_checks=True)  # as a browser: the form must carry its token
    html = page(client, "/outlets/?x=1")
    form = re.search(r'<form class="language-switch" action="([^"]+)" method="post"', html)
    assert form and form.group(1) == "/i18n/setlang/"
    assert '<input type="hidden" name="next" value="/outlets/?x=1">' in html
    assert 'name="language" value="vi" lang="vi">Tiếng Việt</button>' in html
    assert 'value="en" lang="en" aria-current="true">English</button>' in html
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    response = client.post(
        "/i18n/setlang/", {"language": "vi", "next": "/outlets/?x=1", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert response["Location"] == "/outlets/?x=1"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "vi"
    assert cookie["httponly"] and cookie["samesite"] == "Lax"

    html = page(client, "/outlets/")  # the cookie wins over the (absent) Accept-Language
    assert '<html lang="vi">' in html and "<h1>Cơ quan báo chí</h1>" in html
    assert 'value="vi" lang="vi" aria-current="true">Tiếng Việt</button>' in html
    html = page(client, "/outlets/", "en")  # and over the browser's language
    assert '<html lang="vi">' in html

    response = client.post(
        "/i18n/setlang/", {"language": "en", "next": "/outlets/", "csrfmiddlewaretoken": token}
    )
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "<h1>Outlets</h1>" in page(client, "/outlets/", "vi")


def test_the_switch_needs_its_csrf_token_and_stays_on_the_site(db):
    assert (
        Client(enforce_csrf_checks=True)
        .post("/i18n/setlang/", {"language": "vi", "next": "/"})
        .status_code
        == 403
    )
    response = Client().post("/i18n/setlang/", {"language": "vi", "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/"


def test_urls_have_no_language_prefix(client, db):
    assert client.get("/vi/").status_code == 404
    assert page(client, "/people/", "vi")


# -- what is translated, and what is not --------------------------------------------------------


def test_article_texts_stay_as_written_with_their_lang(client, corpus):
    html = page(client, corpus.english.get_absolute_url(), "vi")
    assert '<article class="article" lang="en">' in html
    assert f"<h1>{corpus.english.title}</h1>" in html
    for paragraph in EN_BODY.split("\n\n"):
        assert f"<p>{paragraph}</p>" in html
    assert "<dt>Ngày đăng</dt><dd>25 tháng 11 năm 2025</dd>" in html
    assert '<dl class="provenance" lang="vi">' in html  # the interface's labels are marked vi

    html = page(client, corpus.vietnamese.get_absolute_url(), "en")
    assert '<article class="article" lang="vi">' in html
    assert f"<h1>{VI_TITLE}</h1>" in html
    for paragraph in VI_BODY.split("\n\n"):
        assert f"<p>{paragraph}</p>" in html
    assert "<dt>Published</dt><dd>25 November 2025</dd>" in html

    html = page(client, corpus.forum.get_absolute_url() + "?view=full", "vi")
    assert '<td lang="vi"><div class="article-body">' in html
    assert '<td lang="en"><div class="article-body">' in html
    assert "<h1>Vietnam–Japan summit talks</h1>" in html  # an event title is not translated
    assert ">Nguyễn Văn An</a>" in html and ">Vietnam News Agency</a>" in html


def test_dates_follow_the_interface_language(client, corpus):
    english = page(client, "/dates/2025/11/")
    assert "<h1>November 2025</h1>" in english
    assert ">Mon</th>" in english
    vietnamese = page(client, "/dates/2025/11/", "vi")
    assert "<h1>Tháng 11 năm 2025</h1>" in vietnamese
    assert "November" not in vietnamese
    assert 'aria-label="25 tháng 11 năm 2025"' in vietnamese

    day = page(client, "/dates/2025/11/25/", "vi")
    assert "Thứ 3, 25 tháng 11 năm 2025</time></h1>" in day
    assert ">Tháng 11</a></p>" in day  # the breadcrumb's month, Django's own month name
    assert "Tuesday 25 November 2025</time></h1>" in page(client, "/dates/2025/11/25/")

    year = page(client, "/dates/2025/", "vi")
    assert ">Tháng 11</a>" in year and "November" not in year
    assert 'aria-hidden="true">CN</li>' in year  # Sunday's initial in the heatmap

    home = page(client, "/", "vi")
    assert '<span class="label">Thg 11/2025</span>' in home
    assert "25 tháng 11 năm 2025" in home
    assert '<span class="label">Nov 2025</span>' in page(client, "/")


def test_counts_are_pluralised_in_english_and_translated(client, corpus):
    english = page(client, corpus.forum.get_absolute_url())
    assert "· 2 versions" in english
    assert "1 version</span>" not in english
    assert "· 2 phiên bản" in page(client, corpus.forum.get_absolute_url(), "vi")
    index = page(client, "/dates/")
    assert "1 dated event, and" in index and ">1 undated event</a>" in index
    assert "1 sự kiện có ngày, và" in page(client, "/dates/", "vi")


def test_the_json_api_does_not_change_with_the_language(client, corpus):
    urls = [
        f"/api/events/{corpus.forum.slug}/",
        f"/api/articles/{corpus.vietnamese.pk}/",
        f"/api/people/{corpus.an.slug}/",
        "/api/search/?q=cooperation",
        "/api/search/?q=x&date_from=2025-13-45",
        "/api/events/no-such-event/",
    ]
    for url in urls:
        english = client.get(url)
        vietnamese = client.get(url, HTTP_ACCEPT_LANGUAGE="vi")
        assert english.status_code == vietnamese.status_code, url
        assert english.json() == vietnamese.json(), url
    error = client.get("/api/search/?date_from=2025-13-45", HTTP_ACCEPT_LANGUAGE="vi").json()
    assert error["error"].startswith("date_from must be a date")
    assert client.get(f"/api/events/{corpus.forum.slug}/").json()["date"] == "2025-11-25"


PAGES = [
    "/",
    "/search/",
    "/search/?q=cooperation",
    "/search/?q=cooperation&year=2025&month=11&outlet=vna&date_from=2025-01-01&sort=newest",
    "/search/?q=zzzzzz",
    "/people/",
    "/people/?q=nguyen van an",
    "/people/?q=nobody",
    "/people/nguyen-van-an/",
    "/people/tanaka-hiroshi/",
    "/outlets/",
    "/outlets/vna/",
    "/outlets/vnexpress/",
    "/events/summit/",
    "/events/summit/?view=full",
    "/events/telephone-call/",
    "/dates/",
    "/dates/2025/",
    "/dates/2025/11/",
    "/dates/2025/11/25/",
    "/dates/2025/06/",
    "/dates/undated/",
    "/feeds/events/",
    "/feeds/people/nguyen-van-an/",
    "/feeds/outlets/vna/",
    "/feeds/search/?q=cooperation",
]


# The site's name in each interface language: on every page.
SITE_NAMES = {"vi": "Kho lưu trữ tin tức ngoại giao", "ja": "外交ニュースアーカイブ"}


@pytest.mark.parametrize("language", ["en", "vi", "ja"])
def test_every_page_renders_in_every_language(client, corpus, language):
    urls = [*PAGES, corpus.english.get_absolute_url(), corpus.vietnamese.get_absolute_url()]
    for url in urls:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, url
        assert response["Content-Language"] == language, url
        body = response.content.decode()
        if response["Content-Type"].startswith("text/html"):
            assert f'<html lang="{language}">' in body, url
            if language != "en":
                assert SITE_NAMES[language] in body, url
                assert "Diplomatic news archive" not in body, url
        else:  # an Atom feed
            assert f'xml:lang="{language}"' in body, url
    bad = client.get("/search/?q=x&date_from=2025-13-45", HTTP_ACCEPT_LANGUAGE=language)
    assert bad.status_code == 400
    assert f'<html lang="{language}">' in bad.content.decode()


def test_the_vietnamese_search_page(client, corpus):
    html = page(client, "/search/?q=cooperation&year=2025&outlet=vna", "vi")
    assert "<h1>Tìm kiếm</h1>" in html
    assert "1 bài báo trong 1 sự kiện cho <q>cooperation</q>." in html
    assert ">Cơ quan báo chí: Vietnam News Agency <" in html  # a filter chip
    assert "<h2>Tháng</h2>" in html and ">Tháng 11</a>" in html  # the month facet
    assert '<option value="newest">Mới nhất trước</option>' in html
    english = page(client, "/search/?q=cooperation&year=2025&outlet=vna")
    assert "1 article in 1 event for <q>cooperation</q>." in english
    assert ">November</a>" in english


# -- the catalogue ------------------------------------------------------------------------------


def po_entries(path: Path) -> list[dict]:
    """The entries of a .po file (header excluded): msgctxt, msgid, msgid_plural, msgstr[…],
    flags. A small reader for the subset of the format that makemessages writes."""
    entries, entry, key = [], {"flags": set()}, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry.get("msgid"):
                entries.append(entry)
            entry, key = {"flags": set()}, None
        elif line.startswith("#,"):
            entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[key] += ast.literal_eval(line)
        else:
            key, _, literal = line.partition(" ")
            entry[key] = ast.literal_eval(literal)
    return entries


def translate(entry: dict, n: int = 1) -> str:
    context, msgid = entry.get("msgctxt"), entry["msgid"]
    if "msgid_plural" in entry:
        plural = entry["msgid_plural"]
        if context is not None:
            return translation.npgettext(context, msgid, plural, n)
        return translation.ngettext(msgid, plural, n)
    if context is not None:
        return translation.pgettext(context, msgid)
    return translation.gettext(msgid)


def test_every_language_but_english_has_its_catalogue_tested():
    assert sorted(CATALOGUES) == sorted(code for code, _ in settings.LANGUAGES if code != "en")


@pytest.mark.parametrize("code", CATALOGUES)
def test_the_compiled_catalogue_is_committed_and_in_step_with_the_po(code):
    """Fails when django.mo is missing, or older than django.po (an entry added or changed
    without `make messages`): every translation of the .po must come out of the .mo."""
    po = catalogue(code)
    mo = po.with_suffix(".mo")
    assert mo.is_file(), f"{mo} is missing: run `make messages` (needs GNU gettext)"
    entries = po_entries(po)
    assert len(entries) > 100
    stale = []
    with translation.override(code):
        for entry in entries:
            assert "fuzzy" not in entry["flags"], entry["msgid"]
            expected = entry.get("msgstr", entry.get("msgstr[0]"))
            assert expected, f"untranslated: {entry['msgid']!r}"
            if translate(entry) != expected:
                stale.append(entry["msgid"])
    assert not stale, f"django.mo is older than django.po for {stale}: run `make messages`"


_CALL = re.compile(
    r"\b(gettext|ngettext|pgettext|npgettext|_)\(\s*"
    r"((?:u?'(?:[^'\\]|\\.)*'|u?\"(?:[^\"\\]|\\.)*\")"
    r"(?:\s*,\s*(?:u?'(?:[^'\\]|\\.)*'|u?\"(?:[^\"\\]|\\.)*\"))*)"
)
_STRING = re.compile(r"u?'(?:[^'\\]|\\.)*'|u?\"(?:[^\"\\]|\\.)*\"")
_PY_FUNCTIONS = {
    "gettext": False,
    "gettext_lazy": False,
    "_": False,
    "ngettext": False,
    "ngettext_lazy": False,
    "pgettext": True,
    "pgettext_lazy": True,
    "npgettext": True,
    "npgettext_lazy": True,
}


def template_messages() -> set[tuple[str | None, str]]:
    """(context, msgid) of every string marked in the interface's templates, found as
    makemessages finds them (Django's templatize), without GNU gettext."""
    found = set()
    files = [TEMPLATES / "base.html", *sorted((TEMPLATES / "archive").rglob("*.html"))]
    for path in files:
        for name, args in _CALL.findall(templatize(path.read_text(encoding="utf-8"))):
            strings = [ast.literal_eval(s.lstrip("u")) for s in _STRING.findall(args)]
            if name.startswith(("p", "np")):
                found.add((strings[0], strings[1]))
            else:
                found.add((None, strings[0]))
    return found


def python_messages() -> set[tuple[str | None, str]]:
    found = set()
    for path in sorted((Path(settings.BASE_DIR) / "archive").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            if node.func.id not in _PY_FUNCTIONS:
                continue
            strings = [a.value for a in node.args if isinstance(a, ast.Constant)]
            if len(strings) < (2 if _PY_FUNCTIONS[node.func.id] else 1):
                continue  # not a literal: makemessages cannot see it either
            if _PY_FUNCTIONS[node.func.id]:
                found.add((strings[0], strings[1]))
            else:
                found.add((None, strings[0]))
    return found


@pytest.mark.parametrize("code", CATALOGUES)
def test_every_marked_string_is_in_the_catalogue(code):
    """Fails when a template or view marks a string that django.po lacks (`make messages`
    was not run after the change)."""
    po = catalogue(code)
    known = {(entry.get("msgctxt"), entry["msgid"]) for entry in po_entries(po)}
    marked = template_messages() | python_messages()
    assert ("navigation", "Dates") in marked and (None, "%(counter)s event") in marked
    missing = sorted(marked - known, key=str)
    assert not missing, f"not in {po.relative_to(settings.BASE_DIR)}: {missing}"


def test_every_language_has_a_catalogue_and_date_formats():
    """Adding a language to LANGUAGES needs its catalogue and its date formats (settings.py)."""
    for code, _name in settings.LANGUAGES:
        if code == settings.LANGUAGE_CODE:
            continue
        assert (LOCALE / code / "LC_MESSAGES" / "django.mo").is_file(), code
        assert (Path(settings.BASE_DIR) / "archive" / "formats" / code / "formats.py").is_file()


# -- Japanese ---------------------------------------------------------------------------------


@pytest.mark.parametrize("accept", ["ja", "ja-JP,ja;q=0.9,en;q=0.5"])
def test_accept_language_ja_picks_japanese(client, db, accept):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    html = response.content.decode()
    assert response["Content-Language"] == "ja"
    assert '<html lang="ja">' in html
    assert ">検索</button>" in html and ">本文へ移動</a>" in html
    assert 'value="ja" lang="ja" aria-current="true">日本語</button>' in html
    assert 'name="language" value="vi" lang="vi">Tiếng Việt</button>' in html
    assert ">Search</button>" not in html


def test_the_switch_offers_japanese(db):
    client = Client(enforce_csrf_checks=True)
    html = page(client, "/people/")
    assert 'name="language" value="ja" lang="ja">日本語</button>' in html
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = client.post(
        "/i18n/setlang/", {"language": "ja", "next": "/outlets/", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302 and response["Location"] == "/outlets/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ja"
    html = page(client, "/outlets/")
    assert '<html lang="ja">' in html and "<h1>報道機関</h1>" in html


def test_japanese_dates_and_counts(client, corpus):
    month = page(client, "/dates/2025/11/", "ja")
    assert "<h1>2025年11月</h1>" in month and "November" not in month
    day = page(client, "/dates/2025/11/25/", "ja")
    assert "2025年11月25日（火曜日）</time></h1>" in day
    html = page(client, corpus.english.get_absolute_url(), "ja")
    assert "<dt>掲載日</dt><dd>2025年11月25日</dd>" in html
    assert '<article class="article" lang="en">' in html  # the article stays as written
    assert "· 2版" in page(client, corpus.forum.get_absolute_url(), "ja")
    assert '<span class="label">2025年11月</span>' in page(client, "/", "ja")


def test_the_japanese_search_page(client, corpus):
    html = page(client, "/search/?q=cooperation&year=2025&outlet=vna", "ja")
    assert "<h1>検索</h1>" in html
    assert "<q>cooperation</q>の検索結果：出来事1件の記事1件。" in html
    assert ">報道機関: Vietnam News Agency <" in html  # a filter chip
    assert '<option value="newest">新しい順</option>' in html
    assert ">11月</a>" in html  # the month facet
