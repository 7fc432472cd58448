"""Every page of INTERFACE.md answers on the sample corpus and the seeds; impossible ones 404."""

from io import StringIO

import pytest
from django.core.management import call_command

from archive.models import Article, Event, Outlet, Person
from tests.conftest import SAMPLES_DIR


@pytest.fixture
def archive(search_index, seeds_dir):
    call_command("ingest", str(SAMPLES_DIR), str(seeds_dir), stdout=StringIO(), stderr=StringIO())


def interface_urls() -> list[str]:
    urls = ["/", "/search/?q=Japan", "/people/", "/outlets/", "/dates/", "/dates/undated/",
            "/feeds/events/", "/sitemap.xml", "/opensearch.xml", "/admin/login/",
            "/api/search/?q=Japan"]  # fmt: skip
    for event in Event.objects.all():
        urls += [event.get_absolute_url(), f"/api/events/{event.slug}/"]
        if event.date:
            d = event.date
            urls += [f"/dates/{d:%Y}/", f"/dates/{d:%Y}/{d:%m}/", f"/dates/{d:%Y}/{d:%m}/{d:%d}/"]
    for article in Article.objects.all():
        urls += [article.get_absolute_url(), f"/api/articles/{article.pk}/"]
    for person in Person.objects.all():
        urls += [person.get_absolute_url(), f"/api/people/{person.slug}/"]
        urls += [f"/feeds/people/{person.slug}/"]
    for outlet in Outlet.objects.all():
        urls += [outlet.get_absolute_url(), f"/feeds/outlets/{outlet.slug}/"]
    return sorted(set(urls))


def test_every_page_answers_200(client, archive):
    urls = interface_urls()
    assert len(urls) > 100
    failures = {url: client.get(url).status_code for url in urls}
    assert {url: code for url, code in failures.items() if code != 200} == {}


def test_the_admin_sends_visitors_to_log_in(client, archive):
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize(
    "url",
    ["/dates/2025/13/", "/dates/2025/02/30/", "/dates/0000/", "/events/nothing-here/",
     "/articles/99999999/", "/people/nobody-at-all/", "/outlets/no-outlet/",
     "/feeds/people/nobody-at-all/"],
)  # fmt: skip
def test_missing_or_impossible_pages_answer_404(client, archive, url):
    assert client.get(url).status_code == 404
