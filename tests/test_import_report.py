"""The import report: compact summaries that show each article as the batch left it."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from archive.importer import ArticleSummary, _Batch, import_captures
from archive.ingest import OutletInfo
from archive.models import Article, Outlet
from tests.conftest import SAMPLES_DIR

pytestmark = pytest.mark.django_db(transaction=True)


def test_report_summaries_match_the_stored_articles(search_index):
    report = import_captures([SAMPLES_DIR])
    results = [result for result in report.files if result.status == "created"]
    assert results
    for result in results:
        # A small record, not the Article with its texts (a report may cover 100,000 files).
        assert isinstance(result.article, ArticleSummary)
        stored = Article.objects.get(pk=result.article_id)
        assert result.as_dict()["article"] == interface_summary(stored)


def interface_summary(article: Article) -> dict:
    """The `article` of an `ingest --json` file entry, as INTERFACE.md spells it."""
    return {
        "id": article.pk,
        "url": f"/articles/{article.pk}/",
        "title": article.title,
        "published_on": article.published_on.isoformat() if article.published_on else None,
        "outlet": article.outlet.name,
        "original_outlet": article.original_outlet.name if article.original_outlet else None,
        "language": article.language,
        "source_url": article.source_url or None,
        "people": sorted(article.people.values_list("slug", flat=True)),
        "needs_review": sorted(article.review_flags.split(",")) if article.review_flags else [],
        "event": {
            "id": article.event.pk,
            "slug": article.event.slug,
            "url": f"/events/{article.event.slug}/",
        },
    }


def test_duplicates_report_the_article_they_duplicate(search_index):
    first = {r.path: r.article_id for r in import_captures([SAMPLES_DIR]).files}
    again = import_captures([SAMPLES_DIR])
    assert {r.status for r in again.files} == {"duplicate"}
    for result in again.files:
        assert result.article_id == first[result.path]
        assert result.as_dict()["article"]["id"] == first[result.path]


def test_a_batch_reuses_outlets_but_not_those_of_a_failed_capture():
    batch = _Batch()
    info = OutletInfo(name="Harbour Gazette", slug="harbour-gazette")
    with pytest.raises(RuntimeError), transaction.atomic():
        batch.outlet(info)
        raise RuntimeError("the capture could not be stored")
    batch.forget()
    assert not Outlet.objects.filter(slug="harbour-gazette").exists()

    outlet = batch.outlet(info)  # created again, not the rolled-back one
    assert Outlet.objects.filter(pk=outlet.pk).exists()
    batch.keep()
    with CaptureQueriesContext(connection) as queries:
        assert batch.outlet(info) == outlet
    assert len(queries) == 0
