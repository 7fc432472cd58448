"""Outlets in the database: one row per outlet whether a capture names it by URL or by name,
the registry loaded into the table (migration 0002_first_release_data), and what editors set
used by the next import."""

import json

import pytest
from django.apps import apps
from django.contrib.auth.models import User

from archive.importer import import_captures
from archive.ingest import OutletInfo
from archive.models import Article, IndexQueue, Outlet
from archive.outlets import OutletDirectory, load_registry
from tests.factories import ArticleFactory, OutletFactory

STORY = (
    "Ministers agree to expand rail links\n\n"
    "The transport ministers of the two countries agreed on {day} to expand rail links between "
    "their main ports and to study a new freight line, officials said after the talks.\n\n"
    "The agreement covers freight and passenger trains, and a joint study will follow."
)


def import_lines(tmp_path, *records: dict) -> list[Article]:
    """Import one .jsonl capture per record (each a different story); their articles."""
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    lines = [
        json.dumps({"text": STORY.format(day=days[i]), **record})
        for i, record in enumerate(records)
    ]
    (tmp_path / "captures.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = import_captures([tmp_path])
    assert {result.status for result in report.files} == {"created"}, report.as_dict()
    return [Article.objects.get(pk=result.article_id) for result in report.files]


def test_one_outlet_named_by_name_and_by_url_is_one_row(search_index, tmp_path):
    by_name, by_url, by_subdomain = import_lines(
        tmp_path,
        {"outlet": "Harbour Gazette"},
        {"outlet": "Harbour Gazette", "url": "https://harbourgazette.com/a"},
        {"url": "https://en.harbourgazette.com/b"},
    )
    assert by_name.outlet == by_url.outlet == by_subdomain.outlet
    outlet = by_name.outlet
    assert (outlet.name, outlet.domain) == ("Harbour Gazette", "harbourgazette.com")
    assert Outlet.objects.filter(domain__contains="harbourgazette").count() == 1


def test_a_registry_outlet_named_by_its_credit_and_by_its_url_is_its_row(search_index, tmp_path):
    registry_row = Outlet.objects.get(slug="philstar")
    outlets = {Outlet.objects.count()}
    by_name, by_url = import_lines(
        tmp_path,
        {"outlet": "The Philippine Star"},
        {"url": "https://www.philstar.com/headlines/2025/04/28/a"},
    )
    assert by_name.outlet == by_url.outlet == registry_row
    assert {Outlet.objects.count()} == outlets
    assert "unknown_outlet" not in by_name.review_reasons + by_url.review_reasons


def test_an_outlet_the_registry_lacks_is_flagged_for_review(search_index, tmp_path):
    (article,) = import_lines(tmp_path, {"outlet": "Harbour Gazette"})
    assert article.outlet.needs_review
    assert "unknown_outlet" in article.review_reasons


def test_an_outlet_an_editor_adds_is_used_by_the_next_import(client, search_index, tmp_path):
    editor = User.objects.create_superuser("editor", "editor@example.org", "a long passphrase")
    client.force_login(editor)
    form = client.get("/admin/archive/outlet/add/").content.decode()
    assert 'name="aliases"' in form and 'name="other_domains"' in form
    response = client.post(
        "/admin/archive/outlet/add/",
        {
            "name": "Harbour Gazette",
            "slug": "harbour-gazette",
            "domain": "https://www.HarbourGazette.com/news",
            "other_domains": "gazette-harbour.net\n\n",
            "aliases": "HG\nThe Gazette of the Harbour",
            "country": "",
            "language": "en",
            "homepage": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    outlet = Outlet.objects.get(slug="harbour-gazette")
    assert outlet.domain == "harbourgazette.com"
    assert outlet.other_domains == ["gazette-harbour.net"]
    assert outlet.aliases == ["HG", "The Gazette of the Harbour"]
    assert not outlet.needs_review

    articles = import_lines(
        tmp_path,
        {"url": "https://news.harbourgazette.com/a"},
        {"url": "https://gazette-harbour.net/b"},
        {"outlet": "HG"},
        {"outlet": "the gazette of the harbour"},
    )
    assert {article.outlet for article in articles} == {outlet}
    assert not any("unknown_outlet" in article.review_reasons for article in articles)

    change = client.get(f"/admin/archive/outlet/{outlet.pk}/change/").content.decode()
    assert "The Gazette of the Harbour" in change and "gazette-harbour.net" in change


def test_the_directory_finds_by_domain_slug_name_and_alias(db):
    editor = OutletFactory(name="Harbour Gazette", slug="harbour-gazette")
    editor.domain, editor.aliases = "harbourgazette.com", ["HG"]
    editor.save()
    directory = OutletDirectory.load()

    def find(**info):
        found = directory.find(OutletInfo(**{"needs_review": True, **info}))
        return found.slug if found else None

    assert find(name="Harbourgazette.com", slug="x", domain="harbourgazette.com") == (
        "harbour-gazette"
    )
    assert find(name="x", slug="x", domain="m.harbourgazette.com") == "harbour-gazette"
    assert find(name="HG", slug="hg") == "harbour-gazette"
    assert find(name="HARBOUR GAZETTE", slug="harbour-gazette-2") == "harbour-gazette"
    assert find(name="Harbour", slug="harbour", domain="notharbourgazette.com") is None
    # The registry's outlets by their slug, and by the registry's names for them.
    vna = Outlet.objects.get(slug="vna")
    assert directory.find(OutletInfo(name="Vietnam News Agency (VNA)", slug="vna")) == vna
    assert find(name="TTXVN", slug="ttxvn") == "vna"
    assert find(name="x", slug="x", domain="vietnam.vnanet.vn") == "vietnam-pictorial"


def test_loading_the_registry_merges_an_outlet_stored_twice(db):
    nhan_dan = Outlet.objects.get(slug="nhan-dan")
    # As earlier imports stored it: a bare domain, and a name the registry knows.
    bare = Outlet.objects.create(name="en.nhandan.vn", slug="en-nhandan-vn", domain="en.nhandan.vn")
    named = Outlet.objects.create(name="Nhan Dan Online", slug="nhan-dan-online")
    own = ArticleFactory(outlet=bare)
    copied = ArticleFactory(outlet=OutletFactory(name="Aggregator"), original_outlet=named)
    unknown = [
        Outlet.objects.create(name=domain, slug=domain.replace(".", "-"), domain=domain)
        for domain in ("en.harbour.org", "harbour.org")
    ]
    moved = ArticleFactory(outlet=unknown[1])
    IndexQueue.objects.all().delete()

    load_registry(apps)

    own.refresh_from_db()
    copied.refresh_from_db()
    assert own.outlet_id == copied.original_outlet_id == nhan_dan.pk
    assert not Outlet.objects.filter(pk__in=[bare.pk, named.pk]).exists()
    nhan_dan.refresh_from_db()
    assert nhan_dan.name == "Nhân Dân" and nhan_dan.domain == "nhandan.vn"
    assert "Nhan Dan Online" in nhan_dan.aliases
    queued = set(IndexQueue.objects.values_list("article_id", flat=True))
    assert queued == {own.pk, copied.pk, moved.pk}
    (harbour,) = Outlet.objects.filter(domain__endswith="harbour.org")
    assert (harbour.name, harbour.domain, harbour.needs_review) == (
        "Harbour.org",
        "harbour.org",
        True,
    )
    assert harbour.articles.count() == 1
    # Run again (a migration may be), nothing changes.
    count = Outlet.objects.count()
    load_registry(apps)
    assert Outlet.objects.count() == count


def test_the_registry_is_in_the_table(db):
    vna = Outlet.objects.get(slug="vna")
    assert "TTXVN" in vna.aliases and vna.domain == "vnanet.vn"
    assert not vna.needs_review
    assert Outlet.objects.filter(slug__in=["nhk", "kyodo", "xinhua", "philstar"]).count() == 4


pytestmark = pytest.mark.django_db
