"""Finding a story's publication date in the forms news pages write it.

Full dates (``2025-04-03``, ``25/11/2025``, ``April 3, 2025``, ``3 avril 2025``,
``2025年4月3日``) are taken as they are. A day and month without a year ("on April 3") get
the year of the latest such day not after the capture time, and are marked as inferred,
unless the page's URL says the year. Weekday-only mentions ("on Tuesday") give no
publication date: without an anchor date they name no day. They do name the event's day
once the publication date is known (``event_day``, in ``event_days``).

The words (month and weekday names by language) are data, in ``date_words``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from archive.ingest.date_words import (
    DAY_CUES,
    ENGLISH_MONTHS,
    JAPANESE_ERAS,
    MONTH_NAMES_NEEDING_A_YEAR,
    MONTHS_BY_LANGUAGE,
    VIETNAMESE_MONTH_WORDS,
)
from archive.ingest.text import fold

__all__ = [
    "EARLIEST_YEAR",
    "LATEST_YEAR",
    "DayMonth",
    "PublicationDate",
    "UrlDate",
    "find_written_date",
    "latest_on_or_before",
    "parse_day_month_year",
    "parse_iso_date",
    "publication_date",
    "written_dates",
]


@dataclass(frozen=True)
class DayMonth:
    """A date as written in text: the year may be missing."""

    day: int
    month: int
    year: int | None = None

    @property
    def full(self) -> date | None:
        """The date itself when the year is written and the date exists."""
        return _valid_date(self.year, self.month, self.day) if self.year is not None else None


@dataclass(frozen=True)
class UrlDate:
    """The date a page's URL gives: a year and month (``/201810/``), or a whole day."""

    year: int
    month: int
    day: int | None = None

    @property
    def full(self) -> date | None:
        return _valid_date(self.year, self.month, self.day) if self.day else None

    @property
    def first_day(self) -> date:
        return self.full or date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        """The latest day the page can be from: the day itself (plus one for time zones)
        or the last day of the month."""
        if self.full:
            return self.full + timedelta(days=1)
        following = date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return following - timedelta(days=1)


def _names(months: Iterable[str]) -> str:
    return "|".join(re.escape(name) for name in sorted(months, key=len, reverse=True))


# --- Written dates --------------------------------------------------------------------------

# English is read in the text as written (capitalised month names); every other language in
# the folded text (lowercase, no accents), so "Février", "février" and "fevrier" are one.
FOLDED_MONTHS: dict[str, int] = {
    fold(name): month for table in MONTHS_BY_LANGUAGE.values() for name, month in table.items()
}
FOLDED_ENGLISH_MONTHS = {fold(name): month for name, month in ENGLISH_MONTHS.items()}

_EN_MONTH = rf"(?P<month>{_names(ENGLISH_MONTHS)})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?:,?\s+(?P<year>\d{4}))?(?!\d)"
_ENGLISH_PATTERNS = (
    # "April 3", "November 25, 2025", "Sept. 9"
    re.compile(rf"\b{_EN_MONTH}\s+{_DAY}{_YEAR}"),
    # "3 April 2025", "the 3rd of April"
    re.compile(rf"(?<![\d.,:/]){_DAY}\s+(?:of\s+)?{_EN_MONTH}\b{_YEAR}"),
)


def day_first_pattern(months: Iterable[str]) -> re.Pattern[str]:
    """``3 avril 2025``, ``3. april``, ``3 de abril de 2025``, ``1er avril``, on folded text."""
    return re.compile(
        rf"(?<![\d.,:/])(?P<day>\d{{1,2}})(?P<mark>\.|er|º|°|st|nd|rd|th)?\s+"
        rf"(?:(?:de|of)\s+)?(?P<month>{_names(months)})\b\.?"
        rf"(?:,?\s+(?:de\s+|del\s+)?(?P<year>\d{{4}})(?!\d))?"
    )


def month_first_pattern(months: Iterable[str]) -> re.Pattern[str]:
    """``Abril 3, 2025`` (Filipino, and English in a date line), on folded text."""
    return re.compile(
        rf"\b(?P<month>{_names(months)})\b\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)"
        rf"(?:,?\s+(?P<year>\d{{4}})(?!\d))?"
    )


_FOLDED_DAY_FIRST = day_first_pattern(FOLDED_MONTHS)
_FILIPINO_MONTH_FIRST = month_first_pattern(MONTHS_BY_LANGUAGE["tl"])
# Vietnamese, folded: "ngày 25/11", "sáng 16/1", "ngày 28-29/5/2025" (its first day).
_VIETNAMESE_NUMERIC = re.compile(
    r"\b(?:ngay|sang|chieu|toi|trua|dem|hom)\s+(?P<day>\d{1,2})(?:\s*-\s*\d{1,2})?\s*/\s*"
    r"(?P<month>\d{1,2})(?:\s*/\s*(?P<year>\d{4}))?(?![\d/])"
)
# "ngày 25 tháng 11 năm 2025", "ngày 3 tháng Tư", "30 tháng 5 năm 2018" (the year then needed:
# "3 tháng" alone is also "three months").
_VIETNAMESE_WORDS = re.compile(
    rf"(?:\b(?P<ngay>ngay)\s+|(?<![\d/]))(?P<day>\d{{1,2}})\s+thang\s+"
    rf"(?P<month>\d{{1,2}}|{_names(VIETNAMESE_MONTH_WORDS)})\b"
    r"(?:\s*,?\s*nam\s+(?P<year>\d{4})(?!\d))?"
)
# Chinese and Japanese "2025年4月3日", "4月3日", "平成30年5月31日"; Korean "2025년 4월 3일".
CJK_DATE = re.compile(
    rf"(?:(?:(?<!\d)(?P<year>\d{{4}})|(?P<era>{_names(JAPANESE_ERAS)})(?P<era_year>\d{{1,2}}|元))"
    r"\s*年\s*)?(?<!\d)(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日"
)
KOREAN_DATE = re.compile(
    rf"(?:(?<!\d)(?P<year>\d{{4}})\s*{fold('년')}\s*)?(?<!\d)(?P<month>\d{{1,2}})\s*{fold('월')}"
    rf"\s*(?P<day>\d{{1,2}})\s*{fold('일')}"
)


def read_match(match: re.Match[str], months: dict[str, int] | None = None) -> DayMonth | None:
    """The date a pattern matched, or None when it is no real day (month 13, "31 February")."""
    groups = match.groupdict()
    month_text = groups["month"]
    if month_text.isdigit():
        month = int(month_text)
    elif months is not None and month_text in months:
        month = months[month_text]
    elif month_text in VIETNAMESE_MONTH_WORDS:
        month = VIETNAMESE_MONTH_WORDS[month_text]
    else:
        return None
    day = int(groups["day"])
    year = _year_of(groups)
    written = DayMonth(day=day, month=month, year=year)
    if year is not None:
        return written if written.full else None
    return written if _possible(day, month) else None


def _year_of(groups: dict[str, str | None]) -> int | None:
    if groups.get("year"):
        return int(groups["year"])  # type: ignore[arg-type]
    era = groups.get("era")
    if era:
        era_year = groups["era_year"] or "元"
        return JAPANESE_ERAS[era] + (1 if era_year == "元" else int(era_year))
    return None


def _possible(day: int, month: int) -> bool:
    # February 29 is possible: its year is found later, from the last leap year.
    return _valid_date(2024, month, day) is not None


def written_dates(text: str, folded: str | None = None) -> Iterator[tuple[int, int, DayMonth]]:
    """Every day-and-month written in ``text``, as (start, end, date), in no set order.

    ``folded`` is ``fold(text)`` when the caller has it. Positions in the folded text stand
    for positions in the text: folding keeps the length of nearly all letters, and the
    positions only order the dates.
    """
    for pattern in _ENGLISH_PATTERNS:
        for match in pattern.finditer(text):
            written = read_match(match, ENGLISH_MONTHS)
            if written is not None:
                yield match.start(), match.end(), written
    folded = fold(text) if folded is None else folded
    for match in _FOLDED_DAY_FIRST.finditer(folded):
        written = read_match(match, FOLDED_MONTHS)
        if written is not None and _counts_without_year(folded, match, written):
            yield match.start(), match.end(), written
    for match in _FILIPINO_MONTH_FIRST.finditer(folded):
        written = read_match(match, FOLDED_MONTHS)
        if written is not None and _counts_without_year(folded, match, written):
            yield match.start(), match.end(), written
    for match in _VIETNAMESE_NUMERIC.finditer(folded):
        written = read_match(match)
        if written is not None:
            yield match.start(), match.end(), written
    for match in _VIETNAMESE_WORDS.finditer(folded):
        written = read_match(match)
        if written is not None and (match.group("ngay") or written.year is not None):
            yield match.start(), match.end(), written
    if _has_cjk(text):
        for pattern in (CJK_DATE, KOREAN_DATE):
            for match in pattern.finditer(folded):
                written = read_match(match)
                if written is not None:
                    yield match.start(), match.end(), written


_CJK_MARKS = re.compile("[年月日월일]")


def _has_cjk(text: str) -> bool:
    return _CJK_MARKS.search(text) is not None


def _counts_without_year(folded: str, match: re.Match[str], written: DayMonth) -> bool:
    if written.year is not None or match.group("month") not in MONTH_NAMES_NEEDING_A_YEAR:
        return True
    before = folded[max(0, match.start() - 12) : match.start()].split()
    return match.groupdict().get("mark") == "." or (bool(before) and before[-1] in DAY_CUES)


def find_written_date(text: str) -> DayMonth | None:
    """The first day-and-month written in ``text`` ("on April 3", "25. november")."""
    first = min(written_dates(text), key=lambda found: found[0], default=None)
    return first[2] if first else None


# --- Dates in fixed formats ------------------------------------------------------------------

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


# --- The publication date --------------------------------------------------------------------


@dataclass(frozen=True)
class PublicationDate:
    value: date | None
    year_inferred: bool = False


# A yearless date read with the URL's month ("/201810/") is that month's or the month
# before's; a later day or one long before is another happening the lead recalls or announces.
_URL_MONTH_REACH = timedelta(days=31)
_LEAD_CHARS = 2000


def publication_date(
    *,
    explicit: Iterable[date | None],
    lead_paragraphs: Iterable[str],
    captured_at: datetime | None,
    today: date,
    yearless: Iterable[DayMonth | None] = (),
    url: UrlDate | None = None,
) -> PublicationDate:
    """Pick the publication date.

    ``explicit`` dates come from page furniture meant to date the page (export field,
    byline, date line, HTML metadata, the URL's day), best first; the first one present
    wins. Then ``yearless`` dates from such furniture (a date line without its year), then
    the first date written in the lead. A date without its year takes it from the URL's
    month when the URL has one (a year read, not guessed), else from the capture time (or
    ``today`` when the capture time is unknown), marked as inferred.

    No date after ``today`` (plus a day for time zones ahead of UTC) is taken: nothing
    captured now was published later, and a future date in a lead names the event a story
    announces, not the day it was written.
    """
    latest = today + timedelta(days=1)
    for candidate in explicit:
        if candidate is not None and candidate <= latest:
            return PublicationDate(candidate)
    if url is not None and url.first_day > latest:
        url = None
    anchor = min(captured_at.date(), latest) if captured_at else today
    for written in yearless:
        if written is not None:
            found = _with_a_year(written, url, anchor, latest)
            if found.value is not None:
                return found
    for paragraph in lead_paragraphs:
        # The lead's date is in its first sentences; a paragraph that runs on for pages (a
        # capture never split into paragraphs) is not read to its end.
        paragraph = paragraph[:_LEAD_CHARS]
        written = find_written_date(paragraph)
        if written is None:
            if _WEEKDAY_MENTION.search(paragraph):
                break
            continue
        found = _with_a_year(written, url, anchor, latest)
        if found.value is not None:
            return found
    return PublicationDate(None)


def _with_a_year(
    written: DayMonth, url: UrlDate | None, anchor: date, latest: date
) -> PublicationDate:
    if written.year is not None:
        full = written.full
        return PublicationDate(full if full is not None and full <= latest else None)
    if url is not None:
        day = latest_on_or_before(written.day, written.month, min(url.last_day, latest))
        if day is not None and day >= url.first_day - _URL_MONTH_REACH:
            return PublicationDate(day)
        return PublicationDate(None)
    inferred = latest_on_or_before(written.day, written.month, anchor)
    return PublicationDate(inferred, year_inferred=inferred is not None)


# "said on Tuesday": the lead dates the story by weekday only. Dates further down then refer to
# other happenings (an earlier visit, a forum last month) and must not date this story.
_WEEKDAY_MENTION = re.compile(
    r"\b(?:on|last|this|på|i|sist)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)\b",
    re.IGNORECASE,
)
