"""Property tests of name folding and slugs (archive/ingest/text.py) and of date parsing
(archive/ingest/dates.py): never raise, stable, and slugs follow INTERFACE.md's rule."""

import re
from datetime import date, timedelta

from hypothesis import example, given
from hypothesis import strategies as st

from archive.ingest.dates import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    DayMonth,
    find_written_date,
    latest_on_or_before,
    parse_day_month_year,
    parse_iso_date,
    publication_date,
)
from archive.ingest.text import fold, slugify

from .strategies import ANY_CHAR, HOSTILE_CHARS, any_text

# INTERFACE.md: "Slugs are lowercase ASCII with diacritics folded" - words joined by hyphens.
SLUG_RULE = re.compile(r"(?:[a-z0-9]+(?:-[a-z0-9]+)*)?")
names = st.one_of(
    st.text(ANY_CHAR, max_size=120),
    st.text(st.sampled_from("Tô Lâm Phạm Minh Chính ĐẢNG Ærø Straße İı ﬁ ℌ ² -_/" + HOSTILE_CHARS)),
)


@given(names)
@example("ℌanoi")  # NFKD turns a lowercase-less letter into a capital
@example("İstanbul")
def test_fold_is_idempotent(name):
    assert fold(fold(name)) == fold(name)


@given(names)
@example("Tô Lâm")
def test_fold_drops_case_and_accents(name):
    folded = fold(name)
    assert folded == folded.lower()
    assert not any(0x300 <= ord(ch) <= 0x36F for ch in folded)


@given(names, st.integers(1, 120))
def test_slugify_follows_the_slug_rule(name, max_length):
    slug = slugify(name, max_length=max_length)
    assert SLUG_RULE.fullmatch(slug), slug
    assert len(slug) <= max_length
    assert slugify(slug, max_length=max_length) == slug
    assert slugify(fold(name), max_length=max_length) == slug


def test_interface_examples():
    assert slugify("Tô Lâm") == "to-lam"
    assert slugify("Phạm Minh Chính") == "pham-minh-chinh"


# -- dates --------------------------------------------------------------------------------------

TODAY = date(2026, 1, 15)
real_dates = st.dates(date(EARLIEST_YEAR, 1, 1), TODAY)
EN_MONTHS = "January February March April May June July August September October November December"
NO_MONTHS = "januar februar mars april mai juni juli august september oktober november desember"


def sane(day: date | None) -> bool:
    return day is None or (EARLIEST_YEAR <= day.year <= LATEST_YEAR)


@given(any_text)
@example("0001-01-01")
@example("31/12/9999")
@example("April 3, 0012")
def test_date_parsers_never_raise_and_answer_sane_dates(text):
    assert sane(parse_iso_date(text))
    assert sane(parse_day_month_year(text))
    written = find_written_date(text)
    if written is not None:
        assert 1 <= written.month <= 12 and 1 <= written.day <= 31


@given(st.lists(any_text, max_size=3), st.datetimes(timezones=st.just(None)).map(lambda d: d))
@example(["The summit on April 3, 2999 was agreed."], None)
@example(["Hanoi (VNA) - The summit on April 3, 2027 was agreed."], None)
@example(["On 3 April 0012 they met."], None)
def test_publication_date_is_real_and_not_after_today(lead, captured):
    from datetime import UTC

    captured_at = captured.replace(tzinfo=UTC) if captured else None
    found = publication_date(
        explicit=(), lead_paragraphs=lead, captured_at=captured_at, today=TODAY
    ).value
    assert sane(found)
    assert found is None or found <= TODAY + timedelta(days=1)


@given(real_dates)
def test_formatted_dates_are_read_back(day):
    month = EN_MONTHS.split()[day.month - 1]
    assert parse_iso_date(day.isoformat()) == day
    assert parse_iso_date(f"{day.isoformat()}T10:00:00+07:00") == day
    assert parse_day_month_year(f"{day.day}/{day.month}/{day.year}") == day
    assert parse_day_month_year(f"{day:%d.%m.%Y}") == day
    full = DayMonth(day.day, day.month, day.year)
    assert find_written_date(f"met on {month} {day.day}, {day.year} in Hanoi") == full
    assert find_written_date(f"met on {day.day} {month} {day.year} in Hanoi") == full
    norwegian = NO_MONTHS.split()[day.month - 1]
    assert find_written_date(f"den {day.day}. {norwegian} {day.year}") == full
    assert find_written_date(f"Sáng ngày {day.day}/{day.month}/{day.year}, tại") == full
    assert find_written_date(f"ngày {day.day} tháng {day.month} năm {day.year}") == full
    lead = [f"Hanoi (VNA) – The leaders met on {month} {day.day}, {day.year}."]
    found = publication_date(explicit=(), lead_paragraphs=lead, captured_at=None, today=TODAY)
    assert found.value == day and not found.year_inferred


@given(real_dates)
def test_a_yearless_date_is_the_latest_one_not_after_the_capture(day):
    month = EN_MONTHS.split()[day.month - 1]
    inferred = latest_on_or_before(day.day, day.month, TODAY)
    if day.month == 2 and day.day == 29:
        assert inferred is not None and inferred.month == 2 and inferred.day == 29
    else:
        assert inferred is not None and inferred.year in (TODAY.year, TODAY.year - 1)
    lead = [f"Hanoi (VNA) – The leaders met on {month} {day.day}."]
    found = publication_date(explicit=(), lead_paragraphs=lead, captured_at=None, today=TODAY)
    assert found.value == inferred and found.year_inferred
