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
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import cache
from itertools import accumulate

from archive.ingest.date_words import (
    BUDDHIST_ERA_OFFSET,
    CASED_WEEKDAYS,
    DAY_CUES,
    ENGLISH_MONTHS,
    FOLDED_WEEKDAYS,
    JAPANESE_ERAS,
    LANGUAGE_TABLE,
    MONTH_NAMES_NEEDING_A_YEAR,
    MONTHS_BY_LANGUAGE,
    RELATIVE_DAYS,
    THAI_MONTHS,
    VIETNAMESE_MONTH_WORDS,
)
from archive.ingest.text import fold

__all__ = [
    "EARLIEST_YEAR",
    "LATEST_YEAR",
    "DayMonth",
    "PageDate",
    "PublicationDate",
    "dating_lead",
    "find_written_date",
    "latest_on_or_before",
    "parse_day_month_year",
    "parse_iso_date",
    "parse_iso_month",
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
class PageDate:
    """The date a page's URL or export field gives: a year and month (``/201810/``,
    ``date 2022-05``), or a whole day (``/2015/09/16/``)."""

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
# With dashes, as some papers write them: "ngày 19-10", "sáng nay 19-10", "Sáng 19-10, ..."
# ("sáng 8-10 người" is eight to ten people: a part of the day needs "nay" or a pause after).
_VIETNAMESE_DASHED = (
    re.compile(
        r"\b(?:(?:sang|chieu|toi|trua|dem|hom)\s+nay|ngay)\s+(?P<day>\d{1,2})-"
        r"(?P<month>\d{1,2})(?:-(?P<year>\d{4}))?(?![\d/-])"
    ),
    re.compile(
        r"\b(?:sang|chieu|toi|trua|dem)\s+(?P<day>\d{1,2})-(?P<month>\d{1,2})"
        r"(?:-(?P<year>\d{4}))?(?=\s*[,.;:])"
    ),
)
# With dots, as Thanh Niên and Tuổi Trẻ write them: "Chiều 11.9, ...", "ngày 5.12.2024"; a part
# of the day or "ngày" before it, and no unit after it ("mỗi ngày 5.5 triệu" is a figure).
_VIETNAMESE_DOTTED = re.compile(
    r"\b(?:(?:sang|chieu|toi|trua|dem|hom)(?:\s+nay)?|ngay)\s+(?P<day>\d{1,2})\."
    r"(?P<month>\d{1,2})(?:\.(?P<year>\d{4}))?(?![\d.]*\d)"
    r"(?!\s*(?:%|trieu|ty|nghin|ngan|lan|usd|dong|km|ha|tan|nguoi)\b)"
)
# The date in brackets after the part of the day, as Vietnamese papers write it: "hôm qua (8/8)"
# (yesterday, 8 August), "sáng nay (1.8)" (this morning, 1 August).
_VIETNAMESE_BRACKETED = re.compile(
    r"\b(?:sang|chieu|toi|trua|dem|hom)\s+(?:nay|qua)\s*\(\s*(?P<day>\d{1,2})\s*[/.-]\s*"
    r"(?P<month>\d{1,2})(?:\s*[/.-]\s*(?P<year>\d{4}))?\s*\)"
)
# A Spanish-language wire's dateline: "Hanói, 28 abr (Prensa Latina)", "Hanoi, 1 mar (RHC)".
_SPANISH_ABBREVIATED_MONTHS = {
    "ene": 1, "feb": 2, "mar": 3, "abr": 4, "may": 5, "jun": 6, "jul": 7, "ago": 8,
    "sep": 9, "set": 9, "oct": 10, "nov": 11, "dic": 12,
}  # fmt: skip
_SPANISH_DATELINE = re.compile(
    r"(?:^|\n)[^\W\d_][^,\n(]{0,40},\s*(?P<day>\d{1,2})\s+"
    rf"(?P<month>{'|'.join(_SPANISH_ABBREVIATED_MONTHS)})\.?\s*\("
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

# Thai "2 พฤษภาคม พ.ศ.2565", "3 พ.ค.", "16 พฤษภาคม 2568": a Buddhist-era year (``_year_of``).
_FOLDED_THAI_MONTHS = {fold(name): month for name, month in THAI_MONTHS.items()}
_THAI_SCRIPT = re.compile("[\u0e00-\u0e7f]")
THAI_DATE = re.compile(
    rf"(?<!\d)(?P<day>\d{{1,2}})\s*(?P<month>{_names(_FOLDED_THAI_MONTHS)})"
    rf"(?:\s*(?:(?P<common_era>{re.escape(fold('ค.ศ.'))})|{re.escape(fold('พ.ศ.'))})?"
    r"\s*(?P<thai_year>\d{4})(?!\d))?"
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
    if groups.get("thai_year"):
        year = int(groups["thai_year"])  # type: ignore[arg-type]
        return year if groups.get("common_era") else year - BUDDHIST_ERA_OFFSET
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

    ``folded`` is ``fold(text)`` when the caller has it. Positions are in the folded text,
    where callers look around a date (`in_a_range`); English dates, read in the text itself
    ("May" the month is not "may"), have theirs moved there.
    """
    folded = fold(text) if folded is None else folded
    in_folded = folded_position(text, folded)
    for pattern in _ENGLISH_PATTERNS:
        for match in pattern.finditer(text):
            written = read_match(match, ENGLISH_MONTHS)
            if written is not None:
                yield in_folded(match.start()), in_folded(match.end()), written
    for match in _FOLDED_DAY_FIRST.finditer(folded):
        written = read_match(match, FOLDED_MONTHS)
        if written is not None and _counts_without_year(folded, match, written):
            yield match.start(), match.end(), written
    for match in _FILIPINO_MONTH_FIRST.finditer(folded):
        written = read_match(match, FOLDED_MONTHS)
        if written is not None and _counts_without_year(folded, match, written):
            yield match.start(), match.end(), written
    for pattern in (
        _VIETNAMESE_NUMERIC,
        *_VIETNAMESE_DASHED,
        _VIETNAMESE_DOTTED,
        _VIETNAMESE_BRACKETED,
    ):
        for match in pattern.finditer(folded):
            written = read_match(match)
            if written is not None:
                yield match.start(), match.end(), written
    for match in _SPANISH_DATELINE.finditer(folded):
        written = read_match(match, _SPANISH_ABBREVIATED_MONTHS)
        if written is not None:
            yield match.start("day"), match.end("month"), written
    for match in _VIETNAMESE_WORDS.finditer(folded):
        written = read_match(match)
        if written is not None and (match.group("ngay") or written.year is not None):
            yield match.start(), match.end(), written
    if _THAI_SCRIPT.search(text):
        for match in THAI_DATE.finditer(folded):
            written = read_match(match, _FOLDED_THAI_MONTHS)
            if written is not None:
                yield match.start(), match.end(), written
    if _has_cjk(text):
        for pattern in (CJK_DATE, KOREAN_DATE):
            for match in pattern.finditer(folded):
                written = read_match(match)
                if written is not None:
                    yield match.start(), match.end(), written


# "du 16 au 19 mars", "from 16 to 19 March", "16-19/3", "11月16日から17日にかけて", Chinese
# "12月16日到18日" / "至": a visit's (or a summit's) days, not the day of one of its meetings.
# A weekday in brackets may follow either day: "3月16日(日曜日)から19日(水曜日)まで".
_WEEKDAY_IN_BRACKETS = r"(?:\s*[(（][^)）]{1,12}[)）])?"
_RANGE_BEFORE = re.compile(
    r"\d{1,2}(?:er|st|nd|rd|th|日)?" + _WEEKDAY_IN_BRACKETS
    + r"\s*(?:au|to|until|den|et|and|bis|-|–|~|〜|～|から|より|到|至)\s*$"
)  # fmt: skip
_RANGE_AFTER = re.compile(
    _WEEKDAY_IN_BRACKETS + r"\s*(?:から|より|~|〜|～|到|至|–|-|au|to|den)\s*\d{1,2}(?![\d:.h])"
)


def folded_position(text: str, folded: str) -> Callable[[int], int]:
    """Where a position of ``text`` falls in ``fold(text)``: the same, unless folding changed
    a letter's length before it ("…" becomes "...", a decomposed mark disappears)."""
    if len(text) == len(folded):
        return int
    table: list[int] = []

    def position(index: int) -> int:
        if not table:  # built when first asked: most texts have no English date to place
            table.extend(accumulate((len(fold(letter)) for letter in text), initial=0))
        return table[index]

    return position


def in_a_range(folded: str, start: int, end: int) -> bool:
    """Whether the date ``folded[start:end]`` opens or closes a span of days."""
    return bool(
        _RANGE_BEFORE.search(folded[max(0, start - 16) : start]) or _RANGE_AFTER.match(folded, end)
    )


_CJK_MARKS = re.compile("[年月日월일]")


def _has_cjk(text: str) -> bool:
    return _CJK_MARKS.search(text) is not None


def _counts_without_year(folded: str, match: re.Match[str], written: DayMonth) -> bool:
    if written.year is not None or match.group("month") not in MONTH_NAMES_NEEDING_A_YEAR:
        return True
    before = folded[max(0, match.start() - 12) : match.start()].split()
    # "3. mai" (German, Nordic) and "1er mai" (French) are dates by their form.
    return match.groupdict().get("mark") in (".", "er") or (bool(before) and before[-1] in DAY_CUES)


def find_written_date(text: str) -> DayMonth | None:
    """The first day-and-month written in ``text`` ("on April 3", "25. november")."""
    first = min(written_dates(text), key=lambda found: found[0], default=None)
    return first[2] if first else None


def _first_date_outside_ranges(text: str) -> tuple[int, int, DayMonth] | None:
    """The first day-and-month of ``text`` that is not one end of a span of days ("a state
    visit from 16 to 19 March" tells the visit's days, not the day the story was written), with
    where it stands in ``fold(text)``."""
    folded = fold(text)
    found = (
        (start, end, written)
        for start, end, written in written_dates(text, folded)
        if not in_a_range(folded, start, end)
    )
    return min(found, key=lambda found: found[0], default=None)


# How far after a lead's date a "yesterday" still qualifies it: "on Saturday, 11 January 2025,
# yesterday morning" (the date of the meeting, written the day after).
_YESTERDAY_REACH = 40
_CLAUSE_END = re.compile(r"[.!?。！？;]")


@cache
def _yesterday_words(language: str | None) -> re.Pattern[str]:
    """The page's language's words for the day before the day of writing, folded (English
    without a language: they mean nothing else)."""
    table = LANGUAGE_TABLE.get(language or "", language)
    words = RELATIVE_DAYS.get(table or "en") or RELATIVE_DAYS["en"]
    return words_pattern([fold(word) for word, days in words.items() if days == -1])


def _written_the_day_after(paragraph: str, start: int, end: int, language: str | None) -> bool:
    """Whether the lead's date, at ``start:end`` in the folded paragraph, is qualified as the
    day before the story was written: "11 January, yesterday morning" or "yesterday (11
    January)"."""
    folded = fold(paragraph)
    words = _yesterday_words(language)
    after = _CLAUSE_END.split(folded[end : end + _YESTERDAY_REACH], maxsplit=1)[0]
    before = folded[max(0, start - _YESTERDAY_REACH) : start]
    last = max(words.finditer(before), key=lambda match: match.start(), default=None)
    return words.search(after) is not None or (
        last is not None and _JUST_BEFORE_THE_DATE.fullmatch(before[last.end() :]) is not None
    )


# What may stand between "yesterday" and the date it names: "yesterday (11 January)".
_JUST_BEFORE_THE_DATE = re.compile(r"[\s,(（]*")


# --- Dates in fixed formats ------------------------------------------------------------------

_ISO_DATE = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})")
_ISO_MONTH = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})")
_DAY_MONTH_YEAR = re.compile(r"(?P<day>\d{1,2})[/.](?P<month>\d{1,2})[/.](?P<year>\d{4})")


def parse_iso_date(text: str | None) -> date | None:
    """``2025-04-03`` (or the date part of an ISO timestamp) as a date; None if invalid."""
    match = _ISO_DATE.match(text.strip()) if text else None
    return _valid_date(*match.group("year", "month", "day")) if match else None


def parse_iso_month(text: str | None) -> PageDate | None:
    """``2022-05`` (an export field that knows only the month) as a ``PageDate``."""
    match = _ISO_MONTH.fullmatch(text.strip()) if text else None
    if match is None or not 1 <= int(match["month"]) <= 12:
        return None
    if not EARLIEST_YEAR <= int(match["year"]) <= LATEST_YEAR:
        return None
    return PageDate(int(match["year"]), int(match["month"]))


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

# The lead is looked for among a page's first paragraphs: links, a repeated headline and
# share buttons often come first.
_LEAD_SEARCH = 30
_LEAD_SENTENCE_CHARS = 80
_SHORT_SENTENCE_CHARS = 30
_SENTENCE_END = re.compile(r"[.!?。！？…][\"'”’」』)]*$")


def dating_lead(paragraphs: Sequence[str], count: int = 2) -> list[str]:
    """The paragraphs a story's dates are read from: its first ``count`` that read as prose.

    Prose is a long paragraph, or a shorter one that ends like a sentence; "• facebook",
    a headline printed again and "News" are not. Without any, the first paragraphs.
    """
    prose = [p for p in paragraphs[:_LEAD_SEARCH] if _reads_as_prose(p)][:count]
    return prose or list(paragraphs[:count])


def _reads_as_prose(paragraph: str) -> bool:
    # A Chinese or Japanese character says about as much as two Latin letters.
    start = paragraph[:_LEAD_SENTENCE_CHARS]
    length = len(paragraph) + sum(1 for ch in start if ch >= "\u2e80")
    return length >= _LEAD_SENTENCE_CHARS or (
        length >= _SHORT_SENTENCE_CHARS and _SENTENCE_END.search(paragraph) is not None
    )


@dataclass(frozen=True)
class PublicationDate:
    value: date | None
    year_inferred: bool = False
    # Another of the page's dating furniture gives another day (an aggregator's URL carries the
    # day it reposted a release that prints its own): the first is kept, for an editor to check.
    disputed: bool = False
    # Read from the story's lead, the page printing no date of its own: the day the story tells
    # (its meeting's, mostly), which the page may have been published days after.
    from_text: bool = False


# A yearless date read with the page's month ("/201810/") is that month's or the month
# before's; a later day or one long before is another happening the lead recalls or announces.
_PAGE_MONTH_REACH = timedelta(days=31)
_LEAD_CHARS = 2000


def publication_date(
    *,
    explicit: Iterable[date | None],
    lead_paragraphs: Iterable[str],
    captured_at: datetime | None,
    today: date,
    yearless: Iterable[DayMonth | None] = (),
    page_date: PageDate | None = None,
    language: str | None = None,
) -> PublicationDate:
    """Pick the publication date.

    ``explicit`` dates come from page furniture meant to date the page (export field,
    byline, date line, HTML metadata, the URL's day), best first; the first one present
    wins, ``disputed`` when another gives another day. Then ``yearless`` dates from such
    furniture (a date line without its year), then the first date written in the lead. A
    date without its year takes it from ``page_date``, the month the page's URL or export
    field gives (a year read, not guessed), else from the capture time (or ``today`` when the
    capture time is unknown), marked as inferred. A lead's date the story calls yesterday ("on
    Saturday, 11 January, yesterday morning", in the page's ``language``) is the day before
    the one it was written.

    No date after ``today`` (plus a day for time zones ahead of UTC) is taken: nothing
    captured now was published later, and a future date in a lead names the event a story
    announces, not the day it was written.
    """
    latest = today + timedelta(days=1)
    given = [candidate for candidate in explicit if candidate is not None and candidate <= latest]
    if given:
        return PublicationDate(given[0], disputed=any(other != given[0] for other in given))
    if page_date is not None and page_date.first_day > latest:
        page_date = None
    anchor = min(captured_at.date(), latest) if captured_at else today
    for written in yearless:
        if written is not None:
            found = _with_a_year(written, page_date, anchor, latest)
            if found.value is not None:
                return found
    for paragraph in lead_paragraphs:
        # The lead's date is in its first sentences; a paragraph that runs on for pages (a
        # capture never split into paragraphs) is not read to its end.
        paragraph = paragraph[:_LEAD_CHARS]
        first = _first_date_outside_ranges(paragraph)
        if first is None:
            if _names_a_weekday(paragraph):
                break
            continue
        start, end, written = first
        found = _with_a_year(written, page_date, anchor, latest)
        if found.value is not None and _written_the_day_after(paragraph, start, end, language):
            found = replace(found, value=found.value + timedelta(days=1))
        if found.value is not None:
            return replace(found, from_text=True)
    return PublicationDate(None)


def _with_a_year(
    written: DayMonth, page_date: PageDate | None, anchor: date, latest: date
) -> PublicationDate:
    if written.year is not None:
        full = written.full
        return PublicationDate(full if full is not None and full <= latest else None)
    if page_date is not None:
        day = latest_on_or_before(written.day, written.month, min(page_date.last_day, latest))
        if day is not None and day >= page_date.first_day - _PAGE_MONTH_REACH:
            return PublicationDate(day)
        return PublicationDate(None)
    inferred = latest_on_or_before(written.day, written.month, anchor)
    return PublicationDate(inferred, year_inferred=inferred is not None)


# "said on Tuesday", "jeudi", "木曜日": the lead dates the story by weekday only. Dates further
# down then refer to other happenings (an earlier visit, a forum last month) and must not date
# this story.
_WEEKDAY_MENTION = re.compile(
    r"\b(?:on|last|this|på|i|sist)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)\b",
    re.IGNORECASE,
)


def words_pattern(names: Iterable[str]) -> re.Pattern[str]:
    """The names as one pattern, longest first, a Latin name never inside a longer word.

    Chinese, Japanese and Korean names are not guarded: those languages write words without
    spaces ("木曜日に", "어제는"). One guard stands around all the Latin names: a guard per
    name would be tried at every position of the text.
    """
    latin = [name for name in names if _is_latin(name[0]) and _is_latin(name[-1])]
    other = [name for name in names if name not in latin]
    parts = [rf"(?<![^\W\d_])(?:{_names(latin)})(?![^\W\d_])"] if latin else []
    if other:
        parts.append(_names(other))
    return re.compile("|".join(parts) or "(?!)")


def _is_latin(letter: str) -> bool:
    code = ord(letter)
    return letter.isalpha() and (code < 0x0250 or 0x1E00 <= code <= 0x1EFF)


_CASED_WEEKDAY = words_pattern([name for table in CASED_WEEKDAYS.values() for name in table])
_FOLDED_WEEKDAY = words_pattern([name for table in FOLDED_WEEKDAYS.values() for name in table])


def _names_a_weekday(paragraph: str) -> bool:
    return bool(
        _WEEKDAY_MENTION.search(paragraph)
        or _CASED_WEEKDAY.search(paragraph)
        or _FOLDED_WEEKDAY.search(fold(paragraph))
    )
