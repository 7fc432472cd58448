"""No search the interface allows may cost more than a bounded amount of work.

A search of 60 common words joined with OR read all their postings (2 s at 100,000 articles);
four clients sending such searches stalled every other page. Every query construct of the
syntax (words, phrases, AND, OR, NOT, -word, brackets, person: and outlet:, filters, sorts) is
bounded three ways (archive/search/cost.py): by its clauses, by the postings it would read
(estimated before it runs from the words' frequencies) and by a CPU-time budget while it runs.
Each bound is checked here on every construct; the figures at 100,000 articles are in the README.
"""

import time

import pytest
from django.http import QueryDict

from archive.search import collector, cost
from archive.search.service import RESULTS, SearchParams, search
from tests.factories import ArticleFactory, EventFactory, OutletFactory, PersonFactory

COMMON = [
    "Vietnam", "Japan", "cooperation", "minister", "trade", "investment", "agreed", "talks",
    "partnership", "economic", "culture", "labour", "energy", "security", "education",
]  # fmt: skip
BODY = " ".join(COMMON) + " in Hanoi on Tuesday; the two sides signed a strategic partnership."

# One of each construct of the search syntax, with filters and sorts besides.
CONSTRUCTS = {
    "word": {"q": "Japan"},
    "two words": {"q": "Vietnam Japan"},
    "phrase": {"q": '"strategic partnership"'},
    "AND": {"q": "Vietnam AND Japan"},
    "OR": {"q": "trade OR investment"},
    "NOT": {"q": "Japan NOT Osaka"},
    "-word": {"q": "Japan -Osaka"},
    "-phrase": {"q": 'Japan -"partnership Osaka"'},
    "brackets": {"q": "(trade OR investment) AND (Japan OR Vietnam)"},
    "person:": {"q": "person:to-lam Japan"},
    "outlet:": {"q": "outlet:vna Japan"},
    "a name": {"q": "To Lam"},
    "filters only": {"language": "en", "year": "2025"},
    "words and filters": {"q": "Japan", "outlet": "vna", "person": "to-lam", "year": "2025"},
    "date range": {"q": "Japan", "date_from": "2025-01-01", "date_to": "2025-12-31"},
    "newest": {"q": "Japan OR trade", "sort": "newest"},
    "oldest": {"q": "-Osaka", "sort": "oldest"},
    "a later page": {"q": "Japan", "page": "2"},
}


@pytest.fixture
def archive(search_index, django_capture_on_commit_callbacks):
    from archive.search import sync

    person, outlet = PersonFactory(slug="to-lam", name="Tô Lâm"), OutletFactory(slug="vna")
    for n in range(12):
        event = EventFactory()
        extra = "Osaka" if n % 2 else ""
        ArticleFactory(event=event, outlet=outlet, body=f"{BODY} {extra}", people=[person])
    sync.drain()


def run(params: dict):
    RESULTS.clear()
    return search(SearchParams.from_querydict(QueryDict(mutable=True) | params))


def test_every_construct_runs_within_the_bounds(archive):
    for name, params in CONSTRUCTS.items():
        page = run(params)
        assert page.count > 0, name


def test_too_many_clauses_are_refused_with_a_message(client, archive):
    words = [*COMMON, *(f"word{n}" for n in range(cost.MAX_CLAUSES))][: cost.MAX_CLAUSES + 1]
    for q in (" OR ".join(words), " ".join(words), '"' + " ".join(words) + '"'):
        response = client.get("/api/search/", {"q": q})
        assert response.status_code == 400
        assert f"at most {cost.MAX_CLAUSES}" in response.json()["error"]
        page = client.get("/search/", {"q": q}, HTTP_ACCEPT_LANGUAGE="vi")
        assert page.status_code == 400
        assert f"{cost.MAX_CLAUSES}" in page.context["error"]
        assert client.get("/feeds/search/", {"q": q}).status_code == 400
    assert client.get("/api/search/", {"q": " ".join(words[:-1])}).status_code == 200
    repeated = " OR ".join(["Japan"] * (cost.MAX_CLAUSES + 1))  # one word, searched once
    assert client.get("/api/search/", {"q": repeated}).json()["count"] == 12


def test_the_estimate_refuses_every_construct_over_the_budget_before_it_runs(
    client, archive, monkeypatch
):
    """With a budget below one posting, every construct that reads postings is refused, and
    its hits are never collected: no construct escapes the estimate."""
    monkeypatch.setattr(cost, "MAX_COST", 0.5)
    collected = []
    monkeypatch.setattr(
        collector.EventCollector, "collect_matches", lambda self: collected.append(self)
    )
    for name, params in CONSTRUCTS.items():
        if "q" not in params:
            continue  # filters alone read cached columns, not postings
        with pytest.raises(cost.SearchTooCostly):
            run(params)
        assert not collected, name
    response = client.get("/api/search/", {"q": " OR ".join(COMMON)})
    assert response.status_code == 400
    assert "too much of the archive" in response.json()["error"]


def test_the_estimate_counts_what_a_search_reads(archive):
    """The estimate grows with the postings each construct reads: a union of many common words
    is estimated at the sum of theirs, more than any one word."""
    from haystack import connections

    reader = connections["default"].get_backend().searcher().reader()
    from whoosh import query as wq

    from archive.search.contract import TEXT_FIELD_BY_GROUP
    from archive.search.querysyntax import Compiler, parse

    compiler = Compiler(TEXT_FIELD_BY_GROUP, lambda prefix, slug: wq.Term(f"{prefix}_exact", slug))

    def estimated(q: str) -> float:
        return cost.estimate(compiler.compile(parse(q).tree), reader)

    one = estimated("Japan")
    assert one >= 12  # every article has it
    assert estimated(" OR ".join(COMMON)) >= len(COMMON) * one
    assert estimated('"strategic partnership"') >= 2 * one
    assert estimated("Japan -trade") >= 2 * one


def test_a_search_over_its_time_budget_is_stopped_with_a_message(client, archive, monkeypatch):
    """With no time at all, every construct (filters alone too) stops at its first check."""
    monkeypatch.setattr(cost, "TIME_BUDGET", -1.0)
    for params in CONSTRUCTS.values():
        with pytest.raises(cost.SearchTooCostly, match="took too long"):
            run(params)
    response = client.get("/search/", {"q": "Japan"})
    assert response.status_code == 400
    assert "took too long" in response.context["error"]


def test_the_time_budget_is_the_searchs_own_cpu_time(monkeypatch):
    """A busy machine (another process on the cores) does not use up a search's budget."""
    deadline = cost.Deadline(0.05)
    time.sleep(0.1)  # wall time passes, this thread's CPU time does not
    deadline.check()
    ends = time.thread_time() + 0.2
    while time.thread_time() < ends:
        pass
    with pytest.raises(cost.SearchTooCostly):
        deadline.check()
