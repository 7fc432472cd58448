"""300 random searches through `/search/` and `/api/search/` on a small indexed corpus.

Queries mix the syntax (AND/OR/NOT, quotes, brackets, `-word`, field prefixes, wildcards) with
hostile characters (RTL marks, NUL, CJK) and lengths over the limit; the filters and paging
parameters are drawn from valid and invalid values. Whatever is asked: no 5xx, the API answers
JSON (200, or 400 with {"error"}), the page answers 200 or a 400 page saying what to fix.
"""

import random

import pytest
from django.utils.html import escape

from archive.importer import import_captures
from tests.conftest import SAMPLES_DIR

SEED = 20261126
QUERY_COUNT = 300
WORDS = ["Japan", "Vietnam", "metro", "Tô", "Lâm", "To", "Lam", "Kishida", "Ishiba", "Hà", "Nội"]
WORDS += ["cooperation", "ODA", "Ho", "Chi", "Minh", "festival", "xyzzy", "japn", "2025"]
SYNTAX = ["AND", "OR", "NOT", "and", '"', "(", ")", "-", "*", "?", ":", "person:", "outlet:"]
SYNTAX += ["person:to-lam", "outlet:vietnam-news", "year:2025", "-(", "((", "))", "--", "\\"]
HOSTILE = ["\u200f", "\u202e", "\u2066", "\x00", "\ufeff", "日本", "越南", "\U0001f600", "\u0301"]
HOSTILE += ["%", "&", "<script>", "'", ";", "\t", "\n", "\u3000"]
PARAMETERS = {
    "page": ["1", "2", "3", "0", "-1", "abc", "99999999", "1e3", "", "10000", "10001", " 2"],
    "year": ["2023", "2024", "2025", "1999", "0", "10000", "20x", "", "２０２５"],
    "month": ["4", "12", "13", "0", "x"],
    "person": ["to-lam", "pham-minh-chinh", "ishiba-shigeru", "Tô Lâm", "../../etc", "", "a,b"],
    "outlet": ["vietnam-news", "vna", "vietnam-vn", "BAD SLUG", "x" * 100, "\x00"],
    "language": ["en", "vi", "no", "EN", "e", "english", "zh-hans", "ja"],
    "date_from": ["2023-01-01", "2025-01-01", "2025-13-01", "2025-1-1", "yesterday", "2025-02-30"],
    # 9999-12-31 answers 500 (test_the_last_representable_day_is_a_valid_date_to): left out here.
    "date_to": ["2025-12-31", "2024-06-30", "2000-01-01", "tomorrow", "9999-12-30", "0001-01-01"],
    "sort": ["relevance", "newest", "oldest", "random", "NEWEST", ""],
}
API_KEYS = {"count", "event_count", "page", "pages", "results", "facets", "suggestion"}


def random_query(rng: random.Random, hostile: list[str]) -> str:
    kind = rng.random()
    if kind < 0.05:
        return rng.choice(WORDS) * rng.choice([120, 200])  # around and over the length limit
    pieces = []
    for _ in range(rng.randint(0, 12)):
        pool = rng.choices([WORDS, SYNTAX, hostile], weights=[5, 3, 2])[0]
        piece = rng.choice(pool)
        if pool is WORDS and rng.random() < 0.2:
            piece = rng.choice(["-", '"', "(", "*"]) + piece + rng.choice(["", '"', ")", "*", "?"])
        pieces.append(piece)
    joiner = rng.choice([" ", " ", "", "  "])
    return joiner.join(pieces)


def random_parameters(rng: random.Random, hostile: list[str]) -> dict:
    params: dict = {"q": random_query(rng, hostile)}
    for name in rng.sample(sorted(PARAMETERS), rng.randint(0, 4)):
        values = [rng.choice(PARAMETERS[name]) for _ in range(rng.choice([1, 1, 2]))]
        params[name] = values if len(values) > 1 else values[0]
    return params


@pytest.fixture
def sample_corpus(search_index):
    report = import_captures([SAMPLES_DIR])
    assert report.summary["created"] >= 10
    return report


def test_random_searches_never_fail(client, sample_corpus):
    rng = random.Random(SEED)
    statuses = {"page": {200: 0, 400: 0}, "api": {200: 0, 400: 0}}
    found_something = 0
    for _ in range(QUERY_COUNT):
        params = random_parameters(rng, HOSTILE)
        api = client.get("/api/search/", params)
        assert api.status_code in (200, 400), params
        assert api["Content-Type"].startswith("application/json"), params
        body = api.json()
        if api.status_code == 400:
            assert isinstance(body["error"], str) and body["error"], params
        else:
            assert set(body) >= API_KEYS, params
            found_something += body["count"] > 0
        statuses["api"][api.status_code] += 1

        page = client.get("/search/", params)
        assert page.status_code == api.status_code, params  # one validation for both
        if page.status_code == 400:
            assert escape(page.context["error"]).encode() in page.content, params
        statuses["page"][page.status_code] += 1
    # The generator reaches both answers and real results, or the test proves little.
    assert min(statuses["api"].values()) >= 30, statuses
    assert found_something >= 10, found_something


@pytest.mark.parametrize("url", ["/search/", "/api/search/"])
def test_the_last_representable_day_is_a_valid_date_to(client, search_index, url):
    response = client.get(url, {"q": "Japan", "date_to": "9999-12-31"})
    assert response.status_code in (200, 400)


@pytest.mark.parametrize("url", ["/search/", "/api/search/"])
def test_a_nul_in_the_query_is_answered(client, search_index, url):
    response = client.get(url, {"q": "To\x00 Lam"})
    assert response.status_code in (200, 400)
