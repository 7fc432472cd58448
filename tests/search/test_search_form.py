"""Search parameters are read by one Django form (`contract.SearchForm`) for the search page, the
JSON API and the search feed: the same checks, the API's errors in English as INTERFACE.md
documents them, the pages' in the visitor's language."""

import ast
from pathlib import Path

import pytest
from django.http import QueryDict
from django.utils import translation

from archive.search import contract
from archive.search.contract import InvalidSearch, SearchForm, SearchParams

PO = Path(__file__).resolve().parents[2] / "locale" / "vi" / "LC_MESSAGES" / "django.po"

# (query string, the English message as the API answers it)
REFUSED = [
    ("q=" + "a" * 600, "The search text is too long (600 characters); the limit is 500."),
    (
        "outlet=Not%20A%20Slug",
        "outlet must be an outlet slug such as vietnam-news, not “not a slug”.",
    ),
    ("person=to%20lam", "person must be a person slug such as to-lam, not “to lam”."),
    ("language=english!", "language must be a language code such as en, not “english!”."),
    ("language=" + ",".join(f"l{i}x" for i in range(51)), "Too many language values (at most 50)."),
    ("year=20x5", "year must be a year such as 2025, not “20x5”."),
    ("year=2025&month=13", "month must be a month number from 1 to 12, not “13”."),
    ("month=4", "month needs a year (month=4&year=2025)."),
    ("date_from=2025-02-30", "date_from must be a date written YYYY-MM-DD, not “2025-02-30”."),
    ("date_to=2025-W01-1", "date_to must be a date written YYYY-MM-DD, not “2025-W01-1”."),
    ("date_from=2025-02-01&date_to=2025-01-01", "date_from must not be after date_to."),
    ("sort=best", "sort must be one of relevance, newest, oldest, not “best”."),
    ("page=0", "page must be a page number from 1 to 10000, not “0”."),
]


@pytest.fixture(autouse=True)
def query_limit(settings):
    settings.ARCHIVE_SEARCH_MAX_QUERY_LENGTH = 500


@pytest.mark.parametrize(("query", "message"), REFUSED)
def test_the_form_refuses_what_the_visitor_must_fix_with_the_documented_message(query, message):
    form = SearchForm(QueryDict(query))
    assert not form.is_valid()
    with pytest.raises(InvalidSearch) as refused:
        form.search_params()
    assert str(refused.value) == message
    with pytest.raises(InvalidSearch):
        SearchParams.from_querydict(QueryDict(query))  # the same form


def test_the_first_problem_is_reported_in_the_parameters_order():
    error = SearchForm(QueryDict("page=0&year=x&outlet=%21")).first_error()
    assert str(error).startswith("outlet must be")


def test_the_form_reads_querydicts_and_plain_dicts_alike():
    from_get = SearchForm(QueryDict("q=To%00Lam&outlet=VNA,nhk&outlet=vna&sort=NEWEST&page=2"))
    assert from_get.search_params() == SearchParams(
        q="To Lam", outlet=["vna", "nhk"], sort="newest", page=2
    )
    plain = SearchForm({"q": ["old", "To Lam"], "year": "2025", "month": "4", "person": "to-lam"})
    assert plain.search_params() == SearchParams(q="To Lam", year=2025, month=4, person=["to-lam"])
    assert SearchForm({}).search_params() == SearchParams()


def _messages() -> list[str]:
    """The messages `contract` marks for translation."""
    tree = ast.parse(Path(contract.__file__).read_text(encoding="utf-8"))
    return [
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", None) == "gettext_noop"
        and isinstance(node.args[0], ast.Constant)
    ]


def test_every_message_is_translated_into_vietnamese():
    messages = _messages()
    assert len(messages) >= 12
    with translation.override("vi"):
        for message in messages:
            assert translation.gettext(message) != message, message


def test_the_search_page_says_what_is_wrong_in_the_visitors_language(client, db):
    response = client.get("/search/", {"year": "20x5"}, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 400
    assert "year phải là một năm, ví dụ 2025, không phải “20x5”." in response.content.decode()
    response = client.get("/search/", {"year": "20x5"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "year must be a year such as 2025, not “20x5”." in response.content.decode()


def test_the_search_feed_says_it_in_the_visitors_language_too(client, db):
    response = client.get("/feeds/search/", {"month": "4"}, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 400
    assert response.content.decode() == "month cần đi kèm year (month=4&year=2025)."


def test_the_api_answers_in_english_whatever_the_language(client, db):
    response = client.get("/api/search/", {"sort": "best"}, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 400
    assert response.json() == {
        "error": "sort must be one of relevance, newest, oldest, not “best”."
    }
