"""Finding a story's publication date in the forms news pages write it.

Full dates (``2025-04-03``, ``25/11/2025``, ``April 3, 2025``) are taken as they are.
A day and month without a year ("on April 3") get the year of the latest such day not
after the capture time, and are marked as inferred. Weekday-only mentions ("on Tuesday")
are left alone: without an anchor date they name no day.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from archive.ingest.text import fold

# Month names by language, folded (lowercase, no accents). English ones are matched
# capitalised only, so the verbs "may" and "march" are not read as months.
ENGLISH_MONTHS = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6,
    "July": 7, "August": 8, "September": 9, "October": 10, "November": 11, "December": 12,
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8,
    "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}  # fmt: skip
NORWEGIAN_MONTHS = {
    "januar": 1, "februar": 2, "mars": 3, "april": 4, "mai": 5, "juni": 6,
    "juli": 7, "august": 8, "september": 9, "oktober": 10, "november": 11, "desember": 12,
}  # fmt: skip


@dataclass(frozen=True)
class DayMonth:
    """A date as written in text: the year may be missing."""

    day: int
    month: int
    year: int | None = None


def _names(months: Iterable[str]) -> str:
    return "|".join(sorted(months, key=len, reverse=True))


_EN_MONTH = rf"(?P<month>{_names(ENGLISH_MONTHS)})\.?"
_NO_MONTH = rf"(?P<month>{_names(NORWEGIAN_MONTHS)})"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?:,?\s+(?P<year>\d{4}))?(?!\d)"

_TEXT_DATE_PATTERNS = (
    # "April 3", "November 25, 2025"
    (re.compile(rf"\b{_EN_MONTH}\s+{_DAY}{_YEAR}"), ENGLISH_MONTHS),
    # "3 April 2025"
    (re.compile(rf"\b{_DAY}\s+{_EN_MONTH}\b{_YEAR}"), ENGLISH_MONTHS),
    # Norwegian "25. november 2025"
    (re.compile(rf"\b{_DAY}\.\s+{_NO_MONTH}\b{_YEAR}", re.IGNORECASE), NORWEGIAN_MONTHS),
)
# Vietnamese "ngày 25/11", "ngày 25/11/2025" and "ngày 25 tháng 11 năm 2025", folded.
_VIETNAMESE_DATE = re.compile(
    r"\bngay\s+(?P<day>\d{1,2})(?:/|\s+thang\s+)(?P<month>\d{1,2})"
    r"(?:(?:/|\s+nam\s+)(?P<year>\d{4}))?(?!\d)"
)
# "said on Tuesday": the lead dates the story by weekday only. Dates further down then refer to
# other happenings (an earlier visit, a forum last month) and must not date this story.
_WEEKDAY_MENTION = re.compile(
    r"\b(?:on|last|this|på|i|sist)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)\b",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})")
_DAY_MONTH_YEAR = re.compile(r"(?P<day>\d{1,2})[/.](?P<month>\d{1,2})[/.](?P<year>\d{4})")


def parse_iso_date(text: str | None) -> date | None:
    """``2025-04-03`` (or the date part of an ISO timestamp) as a date; None if invalid."""
    match = _ISO_DATE.match(text.strip()) if text else None
    return _valid_date(*match.group("year", "month", "day")) if match else None


def parse_day_month_year(text: str | None) -> date | None:
    """``25/11/2025`` (day first, as Vietnamese and European pages write it)."""
    match = _DAY_MONTH_YEAR.fullmatch(text.strip()) if text else None
    return _valid_date(*match.group("year", "month", "day")) if match else None


# Publication dates the archive believes: no web page predates 1900 ("0012" is a typo or a
# template bug) and none is from the next century. Anything outside is no date at all.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2100


def _valid_date(year: str | int, month: str | int, day: str | int) -> date | None:
    if not EARLIEST_YEAR <= int(year) <= LATEST_YEAR:
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def find_written_date(text: str) -> DayMonth | None:
    """The first day-and-month written in ``text`` ("on April 3", "25. november")."""
    found: list[tuple[int, DayMonth]] = []
    for pattern, months in _TEXT_DATE_PATTERNS:
        match = pattern.search(text)
        if match:
            month = _month_number(match.group("month"), months)
            found.append((match.start(), _day_month(match, month)))
    match = _VIETNAMESE_DATE.search(fold(text))
    if match:
        found.append((match.start(), _day_month(match, int(match.group("month")))))
    plausible = [(start, dm) for start, dm in found if 1 <= dm.month <= 12 and 1 <= dm.day <= 31]
    return min(plausible, key=lambda item: item[0])[1] if plausible else None


def _month_number(name: str, months: dict[str, int]) -> int:
    if name in months:
        return months[name]
    return {k.lower(): v for k, v in months.items()}[name.lower()]


def _day_month(match: re.Match[str], month: int) -> DayMonth:
    year = match.group("year")
    return DayMonth(day=int(match.group("day")), month=month, year=int(year) if year else None)


def latest_on_or_before(day: int, month: int, anchor: date) -> date | None:
    """The latest ``day``/``month`` not after ``anchor``: the year a yearless date means.

    News is written about days just past, so "on April 3" read on 2025-06-18 is 2025-04-03
    and read on 2025-02-01 is 2024-04-03. February 29 goes back to the last leap year.
    """
    for year in range(anchor.year, anchor.year - 8, -1):
        candidate = _valid_date(year, month, day)
        if candidate is not None and candidate <= anchor:
            return candidate
    return None


@dataclass(frozen=True)
class PublicationDate:
    value: date | None
    year_inferred: bool = False


def publication_date(
    *,
    explicit: Iterable[date | None],
    lead_paragraphs: Iterable[str],
    captured_at: datetime | None,
    today: date,
) -> PublicationDate:
    """Pick the publication date.

    ``explicit`` dates come from page furniture meant to date the page (export field,
    byline, HTML metadata), best first; the first one present wins. Otherwise the first
    date written in the lead is used, its year inferred from the capture time when the
    text gives none (or from ``today`` when the capture time is unknown).

    No date after ``today`` (plus a day for time zones ahead of UTC) is taken: nothing
    captured now was published later, and a future date in a lead names the event a story
    announces, not the day it was written.
    """
    latest = today + timedelta(days=1)
    for candidate in explicit:
        if candidate is not None and candidate <= latest:
            return PublicationDate(candidate)
    for paragraph in lead_paragraphs:
        written = find_written_date(paragraph)
        if written is None:
            if _WEEKDAY_MENTION.search(paragraph):
                break
            continue
        if written.year is not None:
            full = _valid_date(written.year, written.month, written.day)
            if full is not None and full <= latest:
                return PublicationDate(full)
            continue
        anchor = min(captured_at.date(), latest) if captured_at else today
        inferred = latest_on_or_before(written.day, written.month, anchor)
        if inferred is not None:
            return PublicationDate(inferred, year_inferred=True)
    return PublicationDate(None)
