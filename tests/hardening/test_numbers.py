"""Numbers and dates in parameters: only ASCII digits are numbers, only YYYY-MM-DD is a date.

`str.isdigit()` accepts superscripts ("²", which `int()` refuses: a 500), and `int()` reads every
decimal digit of Unicode ("٣" is 3): both must answer 400, whatever the digit's category.
"""

import datetime
import sys
import unicodedata

import pytest
from django.http import QueryDict

from archive.search.service import InvalidSearch, SearchParams
from archive.views import dates, pages
from tests.factories import ArticleFactory, EventFactory, OutletFactory, PersonFactory


def _numeric_characters() -> dict[str, list[str]]:
    """Every non-ASCII code point Python takes for a digit or number, by Unicode category."""
    found: dict[str, list[str]] = {}
    for code in range(0x80, sys.maxunicode + 1):
        char = chr(code)
        if char.isdigit() or char.isdecimal() or char.isnumeric():
            found.setdefault(unicodedata.category(char), []).append(char)
    return found


NUMERIC = _numeric_characters()
# One of each kind for the page tests: a decimal digit int() reads (Arabic-Indic, full-width),
# a digit int() refuses (superscript), a letter number (Roman) and another number (a fraction).
SAMPLES = ["\u0663", "\uff13", "\u00b2", "\u2162", "\u00bd", "\u0967"]


@pytest.mark.parametrize("name", ["page", "year", "month"])
def test_no_unicode_number_is_read_as_a_number(name):
    # Nd (decimal digits), No (superscripts, circled, fractions), Nl (Roman, Hangzhou numerals).
    assert {"Nd", "No", "Nl"} <= set(NUMERIC)
    base = QueryDict("year=2025" if name == "month" else "")
    for chars in NUMERIC.values():
        for char in chars:
            for raw in (char, f"1{char}", f"{char}1", f"20{char}5"):
                query = base.copy()
                query[name] = raw
                with pytest.raises(InvalidSearch):
                    SearchParams.from_querydict(query)
    # ASCII numbers still are.
    params = SearchParams.from_querydict(QueryDict("page=3&year=2025&month=4"))
    assert (params.page, params.year, params.month) == (3, 2025, 4)


def test_only_the_calendar_form_with_ascii_digits_is_a_date():
    written = ["2025-W01-1", "2025W011", "2025-001", "20250101", "+2025-01-01", "2025-01-01T00"]
    written += [f"2025-01-0{char}" for chars in NUMERIC.values() for char in chars]
    for name in ("date_from", "date_to"):
        for raw in written:
            query = QueryDict(mutable=True)
            query[name] = raw
            with pytest.raises(InvalidSearch):
                SearchParams.from_querydict(query)
    assert SearchParams.from_querydict(QueryDict("date_from=2025-01-02")).date_from.day == 2


@pytest.mark.parametrize("char", SAMPLES)
@pytest.mark.parametrize("name", ["page", "year", "month"])
@pytest.mark.parametrize("path", ["/search/", "/api/search/", "/feeds/search/"])
def test_search_pages_answer_400_to_a_unicode_number(client, db, path, name, char):
    extra = "&year=2025" if name == "month" else ""
    response = client.get(f"{path}?q=japan&{name}={char}{extra}")
    assert response.status_code == 400
    if path.startswith("/api/"):
        assert response["Content-Type"] == "application/json"
        assert response.json()["error"]


@pytest.mark.parametrize("path", ["/search/", "/api/search/", "/feeds/search/"])
def test_search_pages_answer_400_to_a_week_date(client, db, path):
    assert client.get(f"{path}?q=japan&date_from=2025-W01-1").status_code == 400


@pytest.fixture
def listed(db, monkeypatch):
    """Four pages of one event each on the paginated pages: a person's, an outlet's, a day's and
    the undated events'."""
    for name in ("PERSON_EVENTS", "OUTLET_ARTICLES"):
        monkeypatch.setattr(pages, name, 1)
    for name in ("DAY_EVENTS_PER_PAGE", "UNDATED_PER_PAGE"):
        monkeypatch.setattr(dates, name, 1)
    person, outlet = PersonFactory(slug="to-lam", name="Tô Lâm"), OutletFactory(slug="vna")
    for day in [datetime.date(2025, 4, 3)] * 4 + [None] * 4:
        event = EventFactory(date=day)
        event.people.add(person)
        ArticleFactory(event=event, outlet=outlet, people=[person])
    return ["/people/to-lam/", "/outlets/vna/", "/dates/2025/04/03/", "/dates/undated/"]


@pytest.mark.parametrize("char", SAMPLES)
def test_paginated_pages_read_no_unicode_number(client, listed, char):
    # A list page shows its first page for a page "number" it cannot read (as for "x"), never
    # the page a non-ASCII digit would name.
    for path in listed:
        assert client.get(f"{path}?page=3").context["page"].number == 3, path
        assert client.get(f"{path}?page={char}").context["page"].number == 1, path
        assert client.get(f"{path}?page=3{char}").context["page"].number == 1, path
