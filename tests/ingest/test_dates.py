from datetime import UTC, date, datetime

import pytest

from archive.ingest.dates import (
    DayMonth,
    find_written_date,
    latest_on_or_before,
    parse_day_month_year,
    parse_iso_date,
    publication_date,
)

TODAY = date(2026, 1, 15)


def test_parse_iso_date():
    assert parse_iso_date("2025-04-03") == date(2025, 4, 3)
    assert parse_iso_date("2025-04-03T10:00:00+07:00") == date(2025, 4, 3)
    assert parse_iso_date("2025-02-30") is None
    assert parse_iso_date(None) is None
    assert parse_iso_date("April 3") is None


def test_parse_day_month_year_reads_the_day_first():
    assert parse_day_month_year("25/11/2025") == date(2025, 11, 25)
    assert parse_day_month_year("3/4/2025") == date(2025, 4, 3)
    assert parse_day_month_year("11/25/2025") is None  # no month 25
    assert parse_day_month_year("25/11/2025 extra") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in Hanoi on April 3.", DayMonth(3, 4)),
        ("On the morning of November 25, in Quang Ninh", DayMonth(25, 11)),
        ("signed on November 25, 2025 in Tokyo", DayMonth(25, 11, 2025)),
        ("signed on 3 April 2025 in Tokyo", DayMonth(3, 4, 2025)),
        ("on Sept. 9 the talks", DayMonth(9, 9)),
        ("Om morgenen 25. november deltok", DayMonth(25, 11)),
        ("den 3. April 2024 ble", DayMonth(3, 4, 2024)),
        ("Sáng ngày 25/11, tại Quảng Ninh", DayMonth(25, 11)),
        ("ngày 2 tháng 9 năm 1945", DayMonth(2, 9, 1945)),
        ("first on June 17 and then on June 18", DayMonth(17, 6)),
    ],
)
def test_find_written_date(text, expected):
    assert find_written_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "said on Tuesday.",
        "during the visit in April 2025 by the Prime Minister",
        "you may 3 times check",
        "a 2021-2025 term with 820 decrees",
        "Article 39 and Resolution 59",
    ],
)
def test_texts_without_a_day_and_month(text):
    assert find_written_date(text) is None


def test_latest_on_or_before_picks_the_year_of_the_anchor_or_the_one_before():
    assert latest_on_or_before(3, 4, date(2025, 6, 18)) == date(2025, 4, 3)
    assert latest_on_or_before(3, 4, date(2025, 4, 3)) == date(2025, 4, 3)
    assert latest_on_or_before(3, 4, date(2025, 2, 1)) == date(2024, 4, 3)
    assert latest_on_or_before(29, 2, date(2027, 1, 1)) == date(2024, 2, 29)
    assert latest_on_or_before(31, 2, date(2027, 1, 1)) is None


def test_an_explicit_date_wins_over_the_text():
    result = publication_date(
        explicit=(None, date(2025, 11, 25)),
        lead_paragraphs=["On April 3 they met."],
        captured_at=None,
        today=TODAY,
    )
    assert result.value == date(2025, 11, 25) and not result.year_inferred


def test_a_full_date_in_the_lead_is_not_inferred():
    result = publication_date(
        explicit=(), lead_paragraphs=["On April 3, 2024 they met."], captured_at=None, today=TODAY
    )
    assert result.value == date(2024, 4, 3) and not result.year_inferred


def test_a_yearless_date_takes_its_year_from_the_capture_time():
    captured = datetime(2025, 6, 18, 9, 0, tzinfo=UTC)
    result = publication_date(
        explicit=(), lead_paragraphs=["in Hanoi on April 3."], captured_at=captured, today=TODAY
    )
    assert result.value == date(2025, 4, 3) and result.year_inferred


def test_a_yearless_date_without_capture_time_takes_its_year_from_today():
    result = publication_date(
        explicit=(), lead_paragraphs=["in Hanoi on April 3."], captured_at=None, today=TODAY
    )
    assert result.value == date(2025, 4, 3) and result.year_inferred


def test_a_weekday_alone_gives_no_date():
    result = publication_date(
        explicit=(None,),
        lead_paragraphs=["HÀ NỘI — The minister said on Tuesday."],
        captured_at=datetime(2025, 6, 18, tzinfo=UTC),
        today=TODAY,
    )
    assert result.value is None and not result.year_inferred


def test_a_weekday_lead_is_not_dated_by_a_later_reference():
    # The second paragraph recalls an earlier happening; it does not date this story.
    result = publication_date(
        explicit=(),
        lead_paragraphs=[
            "HÀ NỘI — The two ministers met on Tuesday.",
            "They recalled the forum held in Quảng Ninh on November 25.",
        ],
        captured_at=datetime(2025, 12, 12, tzinfo=UTC),
        today=TODAY,
    )
    assert result.value is None


def test_a_lead_without_weekday_may_take_the_next_paragraphs_date():
    result = publication_date(
        explicit=(),
        lead_paragraphs=["A standfirst without any date.", "Hanoi (VNA) – They met on April 3."],
        captured_at=datetime(2025, 6, 18, tzinfo=UTC),
        today=TODAY,
    )
    assert result.value == date(2025, 4, 3) and result.year_inferred
