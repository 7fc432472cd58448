"""Where a page prints its own date outside the story: a date line near the headline, the URL.

A date line is a short line that is a date and nothing else but page furniture: a weekday,
a time and time zone, separators and a label ("Thứ Năm, 03/04/2025, 10:15 (GMT+7)",
"08:15 JST, April 3, 2025", "Publié le 03/04/2025 à 10h15", "2025/04/03 10:15 JST配信",
"By VnExpress   March 1, 2017 | 03:07 pm GMT+7"). It dates the page, and it is no part of
the story, so ``take_date_line`` takes it out of the paragraphs. A sentence that merely
contains a date keeps words that are not furniture, and stays.

A URL may carry the day (``/2015/09/16/``, ``/20181008/``, ``…-20100610162839000.htm``) or
only the year and month (``/201810/34847.vgp``): ``url_date`` reads both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from archive.ingest.date_words import (
    CASED_WEEKDAYS,
    DATE_LINE_JOINERS,
    DATE_LINE_WEEKDAYS,
    FOLDED_WEEKDAYS,
    PUBLISHED_LABELS,
    SHARE_BUTTONS,
    TIME_ZONE_NAMES,
    UPDATED_LABELS,
)
from archive.ingest.dates import (
    CJK_DATE,
    FOLDED_ENGLISH_MONTHS,
    FOLDED_MONTHS,
    KOREAN_DATE,
    DayMonth,
    PageDate,
    day_first_pattern,
    month_first_pattern,
    read_match,
)
from archive.ingest.outlet_registry import known_by_domain
from archive.ingest.text import fold, word_count

__all__ = ["DateLine", "read_date_line", "take_date_line", "url_date"]


@dataclass(frozen=True)
class DateLine:
    text: str  # the line as the page prints it
    written: DayMonth  # its date; the year is None when the line gives none ("6月1日 4時34分")
    updated: bool = False  # labelled as the day of an update ("Updated", "Cập nhật", "更新")
    # The other days the page's head prints (not updates): a page that dates itself twice,
    # differently, has its date disputed.
    also: tuple[DayMonth, ...] = ()


# --- Reading one line -------------------------------------------------------------------------

# In a line that is only a date, any month name in any case is a month: "may 3, 2025" there
# cannot be the verb.
_LINE_MONTHS = {**FOLDED_MONTHS, **FOLDED_ENGLISH_MONTHS}
# Numbers: year first (ISO, Japanese and Chinese "2025/04/03", "2018-6-2") or day first
# ("03/04/2025", "16.09.2015"), as Vietnamese and European pages print them.
_YEAR_FIRST = re.compile(
    r"(?<![\d/.-])(?P<year>\d{4})\s*[-/.]\s*(?P<month>\d{1,2})\s*[-/.]\s*(?P<day>\d{1,2})(?![\d/])"
)
_DAY_FIRST = re.compile(
    r"(?<![\d/.-])(?P<day>\d{1,2})\s*[-/.]\s*(?P<month>\d{1,2})\s*[-/.]\s*(?P<year>\d{4})(?![\d/])"
)
_LINE_DATES = (
    _YEAR_FIRST,
    _DAY_FIRST,
    day_first_pattern(_LINE_MONTHS),
    month_first_pattern(_LINE_MONTHS),
    CJK_DATE,
    KOREAN_DATE,
)


def _words(names) -> str:
    """Folded words as a regex alternation, longest first, never inside a Latin word.

    Only a Latin edge is guarded: "JST配信" is a time zone and a label side by side.
    """
    folded = sorted({fold(name) for name in names}, key=len, reverse=True)
    return "|".join(
        (r"(?<![a-z0-9])" if name[0].isascii() and name[0].isalnum() else "")
        + re.escape(name)
        + (r"(?![a-z0-9])" if name[-1].isascii() and name[-1].isalnum() else "")
        for name in folded
    )


_WEEKDAY_NAMES = {
    fold(name): weekday
    for table in (*CASED_WEEKDAYS.values(), *FOLDED_WEEKDAYS.values(), DATE_LINE_WEEKDAYS)
    for name, weekday in table.items()
}
_WEEKDAY = re.compile(_words(_WEEKDAY_NAMES))
_UPDATED = re.compile(_words(UPDATED_LABELS))
# "Thứ 2" is Monday ... "Thứ 7" Saturday; "Thu 3 Apr" is English, so a separator must follow.
_NUMBERED_WEEKDAY = re.compile(r"(?<![a-z])thu\s+(?P<number>[2-7])(?=\s*[,|·\-])")
_HOUR = r"\d{1,2}"
# What may stand beside the date in a date line. Folded text: Korean syllables are split
# into their letters there, hence fold() on the Korean words.
_FURNITURE = re.compile(
    "|".join(
        (
            # times: "10:15", "10h15", "10.15", "7:32pm", "02:51 am", "9 p.m.", "10時15分"
            rf"{_HOUR}\s*[:h.]\s*\d{{2}}(?:\s*[:.]\s*\d{{2}})?(?:\s*[ap]\.?\s*m(?![a-z])\.?)?",
            rf"{_HOUR}\s*[ap]\.?\s*m(?![a-z])\.?",
            rf"{_HOUR}\s*時(?:\s*\d{{1,2}}\s*分)?(?:\s*\d{{1,2}}\s*秒)?",
            rf"{_HOUR}\s*{fold('시')}(?:\s*\d{{1,2}}\s*{fold('분')})?",
            rf"午前|午後|上午|下午|{fold('오전')}|{fold('오후')}",
            # time zones: "GMT+7", "UTC", "+07:00", "JST"
            r"(?<![a-z])(?:gmt|utc)\s*(?:[+\-−]?\s*\d{1,2}(?::?\d{2})?)?",
            r"[+\-−]\d{2}:?\d{2}(?!\d)",
            _words(TIME_ZONE_NAMES),
            # Vietnamese "Thứ 5, 03/04/2025" (Thursday), before the English "Thu".
            _NUMBERED_WEEKDAY.pattern,
            _WEEKDAY.pattern,
            _words(PUBLISHED_LABELS + UPDATED_LABELS + DATE_LINE_JOINERS + SHARE_BUTTONS),
            # a count at the end: the last button's, or comments' ("17/03/2014 | 0")
            r"(?<![\d/.:-])\d{1,6}\s*$",
            # separators and brackets
            r"[\s|·•,:/()\[\]（）【】.\-–—]+",
        )
    )
)
# "By Reuters, VnExpress" before the date: a byline printed on the date's line.
_AUTHOR = re.compile(r"(?:by|por|par|von|av|oleh)\s+[^\d|]{2,60}")
_MAX_AUTHOR_WORDS = 6
# A date line is short; a longer line is a sentence even if it is mostly numbers.
_MAX_LINE_CHARS = 120
_MAX_LINE_WORDS = 16
_MAX_LINE_WITH_LINK_CHARS = 500
_DIGIT = re.compile(r"\d")
_LINK = re.compile(r"https?://\S+")


def read_date_line(line: str) -> DateLine | None:
    """``line`` as a date line, or None when it says anything but a date and its furniture."""
    if len(line) > _MAX_LINE_WITH_LINK_CHARS or not _DIGIT.search(line):
        return None
    # A page's link printed beside its date ("6月1日 4時34分 https://...") is furniture too.
    bare = _LINK.sub(" ", line) if "://" in line else line
    if len(bare) > _MAX_LINE_CHARS or word_count(bare) > _MAX_LINE_WORDS:
        return None
    folded = fold(bare)
    spans = _date_spans(folded)
    if not spans:
        return None
    first_start, first_end, written = spans[0]
    rest = folded
    for start, end, _ in reversed(spans):
        rest = rest[:start] + " " * (end - start) + rest[end:]
    head = _FURNITURE.sub(" ", rest[:first_start]).strip()
    tail = _FURNITURE.sub(" ", rest[first_end:]).strip()
    if tail and _AGENCY_AT_END.search(line):
        tail = ""  # "Sunday September 4, 2016 11:34 AM, IANS": the agency's credit
    if (
        (tail or (head and not _is_author(head)))
        and not _is_wire_dateline(head, rest[first_end:])
        and not (not tail and _is_signature(line, head))
        and not _is_credit(bare, folded, head, tail, first_start, first_end)
    ):
        return None
    written = _agreeing_with_weekday(folded, written, spans[0])
    if written is None:
        return None
    written = _month_first_with_am_pm(folded, written, spans[0])
    return DateLine(text=line, written=written, updated=_UPDATED.search(folded) is not None)


# A date written year first in figures: "2019.02.27", "2015/11/6".
_YEAR_FIRST_FIGURES = re.compile(r"\d{4}\s*[./-]\s*\d{1,2}\s*[./-]\s*\d{1,2}")
_CREDIT_WORDS = 3
_CREDIT_CHARS = 24


def _is_credit(
    line: str, folded: str, head: str, tail: str, first_start: int, first_end: int
) -> bool:
    """Whether what stands beside the date is who published it: an author after it ("Nov. 2,
    2015 - 13:09 By Korea Herald"), a desk's or outlet's capitalised name before it ("FP News
    Desk August 29, 2025, 21:06:14 IST"), or a short label or name before a date written year
    first in figures ("중앙일보 2019.02.27 14:40", "作者:...时间:2015/11/6")."""
    if tail:
        return not head and _is_author(tail)
    if _DIGIT.search(head) or len(head.split()) > _CREDIT_WORDS:
        return False
    if _YEAR_FIRST_FIGURES.fullmatch(folded[first_start:first_end].strip()):
        # A name or label in a script without capitals, set off by a space or a colon: not
        # a sentence in Latin letters, nor a headline with its date in brackets.
        before = folded[:first_start].rstrip(" ")
        return (
            len(head) <= _CREDIT_CHARS
            and not _LATIN_LETTER.search(head)
            and not _CLAUSE_MARKS.search(head)
            and _PRESS_WORD.search(head) is not None
            and (before.endswith((":", "：")) or folded[first_start - 1 : first_start] == " ")
        )
    words = line[:first_start].split() if len(line) == len(folded) else []
    # With the time it was posted: a title-case headline ends at its date.
    return (
        bool(words)
        and all(word[:1].isupper() for word in words)
        and _CLOCK.search(folded[first_end:]) is not None
    )


_LATIN_LETTER = re.compile(r"[a-z]")
_CLAUSE_MARKS = re.compile(r"[、。，,]")
# What names a paper, an agency or a writer in Korean, Japanese and Chinese: "중앙일보",
# "時事通信", "作者", "来源". Folded, as the line is (Korean syllables in letters).
_PRESS_WORD = re.compile(
    "|".join(
        fold(word)
        for word in (
            "일보", "신문", "뉴스", "통신", "기자", "新聞", "新闻", "通信", "通讯", "日報",
            "日报", "時報", "时报", "晚报", "作者", "来源", "來源", "出处", "記者", "记者",
        )
    )
)  # fmt: skip
_CLOCK = re.compile(r"\d{1,2}:\d{2}")


# A wire agency's initials closing a date line: "…, 11:34 AM, IANS", "| AFP".
_AGENCY_AT_END = re.compile(r"[,|·–—-]\s*[A-Z]{2,6}\s*$")


# A wire's dateline printed on its own line: a place, the date, the agency in brackets or
# slashes ("東京, 9月6日, /AJMEDIA/", "HANOI, Sept. 6 (Xinhua)").
_AGENCY_TAG = re.compile(r"[\s,]*[(/\[（【]\s*[^\W\d_][^\W\d]{1,15}\s*[)/\]）】][\s,.:\-–—]*")
_PLACE_WORDS = 2


def _is_wire_dateline(head: str, after_date: str) -> bool:
    """Whether what stands before the date (furniture removed) is a place and what follows
    it is an agency's tag."""
    return (
        bool(head)
        and word_count(head) <= _PLACE_WORDS
        and not _DIGIT.search(head)
        and _AGENCY_TAG.fullmatch(after_date) is not None
    )


# "Minh Châu - 15/09/2021 20:30 (GMT+7)": the writer's name, a dash, the date: a byline on the
# date's line without "By".
_SIGNATURE = re.compile(r"\s*(?P<name>[^\W\d_][^\d|\-–—]{0,40}?)\s+[-–—|]\s+")
_SIGNATURE_WORDS = 4


def _is_signature(line: str, head: str) -> bool:
    """Whether what stands before the date is a name signing the line: a few capitalised
    words, then a dash or a bar."""
    match = _SIGNATURE.match(line)
    if match is None:
        return False
    words = match.group("name").split()
    return (
        1 <= len(words) <= _SIGNATURE_WORDS
        and all(word[0].isupper() for word in words)
        and fold(match.group("name")).strip() == head
    )


def _date_spans(folded: str) -> list[tuple[int, int, DayMonth]]:
    """The dates in the line, first first, none overlapping another."""
    found = []
    for pattern in _LINE_DATES:
        for match in pattern.finditer(folded):
            written = read_match(match, _LINE_MONTHS)
            if written is None and pattern is _DAY_FIRST:
                written = _month_first_numbers(match)
            if written is not None:
                found.append((match.start(), match.end(), written))
    found.sort(key=lambda item: (item[0], -item[1]))
    spans: list[tuple[int, int, DayMonth]] = []
    for start, end, written in found:
        if not spans or start >= spans[-1][1]:
            spans.append((start, end, written))
    return spans


def _month_first_numbers(match: re.Match[str]) -> DayMonth | None:
    # "11/25/2025": no month 25, so an American month-first date.
    swapped = DayMonth(int(match["month"]), int(match["day"]), int(match["year"]))
    return swapped if swapped.full else None


def _is_author(head: str) -> bool:
    return _AUTHOR.fullmatch(head) is not None and word_count(head) <= _MAX_AUTHOR_WORDS


def _agreeing_with_weekday(
    folded: str, written: DayMonth, span: tuple[int, int, DayMonth]
) -> DayMonth | None:
    """The date, checked against a weekday printed beside it ("Thứ Năm, 03/04/2025").

    A weekday that disagrees may mean the numbers were month first ("Thu 04/03/2025"); if
    the swapped date agrees it is taken, and if neither does the line dates nothing.
    """
    day = written.full
    numbered = _NUMBERED_WEEKDAY.search(folded)
    weekday = None if numbered else _WEEKDAY.search(folded)
    if day is None or not (numbered or weekday):
        return written
    named = int(numbered["number"]) - 2 if numbered else _WEEKDAY_NAMES[weekday.group()]
    if day.weekday() == named:
        return written
    swapped = DayMonth(written.month, written.day, written.year)
    numeric = folded[span[0] : span[1]].replace(" ", "")
    if _DIGITS_ONLY_DATE.fullmatch(numeric) and swapped.full and swapped.full.weekday() == named:
        return swapped
    return None


_DIGITS_ONLY_DATE = re.compile(r"[\d./-]+")
# "7/3/2019 9:30:05 AM": the 12-hour clock of an American locale (a CMS's default), whose
# numeric dates are month first.
_TWELVE_HOUR_CLOCK = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?\s*[ap]\.?m\b")


def _month_first_with_am_pm(
    folded: str, written: DayMonth, span: tuple[int, int, DayMonth]
) -> DayMonth:
    numeric = folded[span[0] : span[1]].replace(" ", "")
    if "/" not in numeric or not _DIGITS_ONLY_DATE.fullmatch(numeric):
        return written
    if not _TWELVE_HOUR_CLOCK.search(folded[span[1] :]) or int(numeric.split("/")[0]) != (
        written.day
    ):
        return written  # no 12-hour clock, or the year first ("2025/04/03 7:32pm")
    swapped = DayMonth(written.month, written.day, written.year)
    return swapped if swapped.full else written


# --- Taking it out of the story -----------------------------------------------------------------

# Date lines sit in the page's head, around the headline: the first lines, and the lines
# around the story's first paragraph (a headline, a standfirst, the date, a caption), which
# a page of navigation links pushes far down.
_HEAD_SIZE = 6
_BEFORE_STORY = 2
_AFTER_STORY = 4
_LOOK_FOR_STORY_START = 100
_STORY_PARAGRAPH_WORDS = 15
# "共産党の書記長夫妻と懇談[2017/03/03 21:06]": a headline with its date in brackets.
_BRACKETED_DATE = re.compile(
    r"(?P<rest>.*\S)\s*[\[(（【](?P<date>[^\[\]()（）【】]{6,40})[\])）】]"
)


def take_date_line(paragraphs: list[str]) -> tuple[list[str], DateLine | None]:
    """Remove the date lines from the page's head; return the page's publication date line.

    Every date line in the head goes (a page may print the date twice, or its publication
    and its update); the one returned is the first that is not an update, else the first.
    A date in brackets after a head line goes, and the line stays.
    """
    kept: list[str] = []
    found: list[tuple[int, DateLine]] = []
    head = _head_indexes(paragraphs)
    story_start = _story_start(paragraphs)
    for index, paragraph in enumerate(paragraphs):
        line = read_date_line(paragraph) if index in head else None
        if line is not None:
            found.append((index, line))
            continue
        # Past the story's first paragraph, a date in brackets dates what its line tells (a
        # visit's programme: "2. Bilateral meeting ... (26 May 2022)"), not the page.
        before_story = story_start is None or index <= story_start
        bracketed = _bracketed_date(paragraph) if index in head and before_story else None
        line = read_date_line(bracketed["date"]) if bracketed else None
        if line is not None:
            found.append((index, line))
            paragraph = bracketed["rest"]
        kept.append(paragraph)
    if not found:
        return paragraphs, None
    published = [(index, line) for index, line in found if not line.updated]
    if not published:
        return kept, found[0][1]
    index, chosen = published[0]
    for later, line in published[1:]:
        if line.written != chosen.written and _headline_between(paragraphs, index, later):
            # The site's clock above the page ("Thứ ba 16/09/2025"), then the story's own
            # date under its headline: the story's.
            index, chosen = later, line
    if index == published[0][0] and _WEEKDAY.search(fold(chosen.text)):
        # The site's clock with its weekday above the page, and under the headline only the
        # story's update stamp ("Updated: 16:48, 21/10/2025"): the stamp is the story's day
        # or later, the clock the day the page was captured. The clock stays as another date
        # (the page's date is disputed, for an editor to check).
        index, chosen = next(
            (
                (later, line)
                for later, line in found
                if later > index
                and line.written != chosen.written
                and _headline_between(paragraphs, index, later)
            ),
            (index, chosen),
        )
    others = tuple(dict.fromkeys(line.written for _, line in published if line is not chosen))
    return kept, replace(chosen, also=others)


def _headline_between(paragraphs: list[str], first: int, last: int) -> bool:
    """Whether a line that reads as a headline (a few words, no full stop) stands between."""
    return any(
        _HEADLINE_WORDS[0] <= len(p.split()) <= _HEADLINE_WORDS[1] and not p.rstrip().endswith(".")
        for p in paragraphs[first + 1 : last]
    )


_HEADLINE_WORDS = (5, 30)


def _bracketed_date(paragraph: str) -> re.Match[str] | None:
    if len(paragraph) > _MAX_LINE_WITH_LINK_CHARS or not paragraph.endswith(_CLOSING_BRACKETS):
        return None
    return _BRACKETED_DATE.fullmatch(paragraph)


_CLOSING_BRACKETS = ("]", ")", "）", "】")


def _story_start(paragraphs: list[str]) -> int | None:
    """The index of the first paragraph that reads as the story's, if one does early on."""
    return next(
        (
            index
            for index, paragraph in enumerate(paragraphs[:_LOOK_FOR_STORY_START])
            if _reads_as_story(paragraph)
        ),
        None,
    )


def _head_indexes(paragraphs: list[str]) -> set[int]:
    head = set(range(min(_HEAD_SIZE, len(paragraphs))))
    story_start = _story_start(paragraphs)
    if story_start is not None:
        end = min(story_start + _AFTER_STORY + 1, len(paragraphs))
        head.update(range(max(0, story_start - _BEFORE_STORY), end))
    return head


def _reads_as_story(paragraph: str) -> bool:
    # Many words, or (Chinese, Japanese) a long line with hardly a space.
    start = paragraph[:400]
    return word_count(start) >= _STORY_PARAGRAPH_WORDS or (
        len(start) >= 50 and start.count(" ") < len(start) // 20
    )


# --- URLs ----------------------------------------------------------------------------------------

# Our own patterns rather than htmldate's ``extract_url_date``: that one reads only dates with
# separators ("/2015/09/16/"), not a run of digits ("/20181008/", "-20100610162839000.htm") nor
# a year and month ("/201810/"), and importing it loads lxml and dateparser, a second that
# text captures never need. Years as htmldate takes them: 1990 on.
_URL_YEAR = r"(?P<year>199\d|20\d\d)"
_URL_DAY = re.compile(
    rf"(?<!\d){_URL_YEAR}[/_-](?P<month>\d{{1,2}})[/_-](?P<day>\d{{1,2}})(?![\d])"
)
# A date glued to a time or a number of the day: "20181008", "20100610162839000" (to the
# millisecond), "news2020102202", "yjj2023112700701". An id that happens to start with a
# real date is the risk; ids rarely start with 19 or 20 and a month and day that exist.
_URL_DIGITS = re.compile(rf"(?<!\d){_URL_YEAR}(?P<month>\d\d)(?P<day>\d\d)\d{{0,9}}(?!\d)")
# Two-digit years only with a whole time after them, every part a real clock:
# "170302064529" is 2017-03-02 06:45:29.
_URL_SHORT_YEAR_CLOCK = re.compile(
    r"(?<!\d)(?P<year>[0-3]\d|9\d)(?P<month>\d\d)(?P<day>\d\d)"
    r"(?P<hour>[01]\d|2[0-3])(?P<minute>[0-5]\d)[0-5]\d(?!\d)"
)
_URL_MONTH = re.compile(rf"/{_URL_YEAR}[/_-]?(?P<month>\d\d)(?:/|$)")
# The year, then month and day as one folder: "/n/2015/1106/", "/2018/0911/".
_URL_YEAR_MONTHDAY = re.compile(rf"/{_URL_YEAR}/(?P<month>\d\d)(?P<day>\d\d)(?=/|$)")
# Day first: "/17/03/2014/". Only a day past the 12th tells it from a month.
_URL_DAY_FIRST = re.compile(rf"/(?P<day>1[3-9]|2\d|3[01])/(?P<month>\d{{1,2}})/{_URL_YEAR}(?=/|$)")
# A folder or a name opening with six digits, year first ("/141111/", "/130726_talks"):
# read only when the path confirms it (below), as an id of six digits is often a valid day.
_URL_SHORT_DAY = re.compile(r"/(?P<year>[0-3]\d)(?P<month>\d\d)(?P<day>\d\d)(?=[/_])")


def url_date(url: str | None) -> PageDate | None:
    """The date in a page's URL path: its day, or only its year and month; None if none.

    An aggregator's address that carries the story's own (``article.cgi?...&https://...``)
    is read in that one's path."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    embedded = parts.query.find("http")
    if embedded >= 0:
        found = url_date(parts.query[embedded:])
        if found is not None:
            return found
    by_outlet = _outlet_url_date(parts.hostname, parts.path)
    if by_outlet is not None:
        return by_outlet
    return _path_date(parts.path)


def _outlet_url_date(host: str | None, path: str) -> PageDate | None:
    """The day as the outlet's own rule reads it (``outlet_registry``: ``url_date``)."""
    outlet = known_by_domain(host)
    if outlet is None or not outlet.url_date:
        return None
    match = re.search(outlet.url_date, path)
    return _valid_day(match) if match else None


def _valid_day(match: re.Match) -> PageDate | None:
    year = int(match["year"])
    if year < 100:
        year += 1900 if year >= 90 else 2000
    found = PageDate(year, int(match["month"]), int(match["day"]))
    return found if 1 <= found.month <= 12 and found.full is not None else None


def _short_day_confirmed(match: re.Match, path: str) -> bool:
    """Six digits read as a day when the path writes them again ("/141111/exa141111...") or
    writes their year and month as a folder too ("/2013/07/130726_...")."""
    digits = match.group()[1:]
    year_month = f"/20{match['year']}/{match['month']}/"
    return path.count(digits) > 1 or year_month in path


def _path_date(path: str) -> PageDate | None:
    for pattern in (_URL_DAY, _URL_YEAR_MONTHDAY, _URL_DAY_FIRST):
        for match in pattern.finditer(path):
            found = _valid_day(match)
            if found is not None:
                return found
    for match in _URL_SHORT_DAY.finditer(path):
        found = _valid_day(match)
        if found is not None and _short_day_confirmed(match, path):
            return found
    for pattern in (_URL_DIGITS, _URL_SHORT_YEAR_CLOCK):
        for match in pattern.finditer(path):
            found = _valid_day(match)
            if found is not None:
                return found
    for match in _URL_MONTH.finditer(path):
        if 1 <= int(match["month"]) <= 12:
            return PageDate(int(match["year"]), int(match["month"]))
    return None
