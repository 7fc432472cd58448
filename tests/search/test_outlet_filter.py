"""The `outlet` filter finds an outlet's stories wherever they were republished: those it
published and those others republished from it. The outlet facet still counts publishers."""

import pytest

from archive.search.service import SearchParams, search
from tests.factories import ArticleFactory, OutletFactory

BODY = "The two ministers met in Hanoi and agreed to expand trade, officials said on {day}."


@pytest.fixture
def republished(index):
    plus = OutletFactory(slug="vietnamplus", name="VietnamPlus")
    aggregator = OutletFactory(slug="vietnam-vn", name="Vietnam.vn")
    party = OutletFactory(slug="dang-cong-san", name="Đảng Cộng Sản")
    articles = {
        "own": ArticleFactory(outlet=plus, body=BODY.format(day="Monday")),
        "copy": ArticleFactory(
            outlet=aggregator, original_outlet=plus, body=BODY.format(day="Tuesday")
        ),
        "other": ArticleFactory(
            outlet=aggregator, original_outlet=party, body=BODY.format(day="Friday")
        ),
    }
    index()
    return articles


def found(**params) -> set[int]:
    page = search(SearchParams(**params))
    return {article.id for hit in page.results for article in hit.articles}


@pytest.mark.parametrize("q", ["", "ministers", '"expand trade"'])
def test_an_outlets_stories_wherever_they_were_republished(republished, q):
    own, copy, other = republished["own"], republished["copy"], republished["other"]
    assert found(q=q, outlet=["vietnamplus"]) == {own.pk, copy.pk}
    assert found(q=q, outlet=["vietnam-vn"]) == {copy.pk, other.pk}
    assert found(q=q, outlet=["dang-cong-san"]) == {other.pk}
    assert found(q=q, outlet=["dang-cong-san", "vietnamplus"]) == {own.pk, copy.pk, other.pk}
    assert found(q=q, outlet=["vietnamplus"], language=["vi"]) == set()


def test_the_outlet_facet_counts_publishers(republished):
    page = search(SearchParams(q="ministers"))
    assert dict(page.facets["outlet"]) == {"vietnamplus": 1, "vietnam-vn": 2}


def test_the_api_keeps_its_shape(client, republished):
    data = client.get("/api/search/", {"outlet": "vietnamplus"}).json()
    assert data["count"] == 2
    assert set(data) >= {"count", "event_count", "page", "pages", "results", "facets"}
    outlets = {a["outlet"] for r in data["results"] for a in r["articles"]}
    assert outlets == {"VietnamPlus", "Vietnam.vn"}
