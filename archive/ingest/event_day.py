"""The day the event happened, which is not always the day the story was published.

A report names the meeting's day in its lead: a date ("on April 3", "ngày 3/4", "3日"), a
weekday ("on Thursday", "jeudi", "木曜日") or a word relative to the day of writing
("yesterday", "hôm qua"). The first such mention in the first paragraphs, read against the
publication date, is the event's day; without one, the event is taken to be of the day the
story was published.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from archive.ingest.date_words import (
    CASED_WEEKDAYS,
    FOLDED_WEEKDAYS,
    FUTURE_AFTER_WEEKDAY,
    FUTURE_BEFORE_WEEKDAY,
    LANGUAGE_TABLE,
    PAST_AFTER_WEEKDAY,
    PAST_BEFORE_WEEKDAY,
    RELATIVE_DAYS,
)
from archive.ingest.dates import (
    DayMonth,
    in_a_range,
    latest_on_or_before,
    words_pattern,
    written_dates,
)
from archive.ingest.text import fold

__all__ = ["EVENT_RECALL", "event_day"]

# A report tells of a meeting days after it at most; a date further back in its lead is
# history it recalls (the ties established in 1973, last month's forum), not the event.
EVENT_RECALL = timedelta(days=31)
# The lead's date is in its first sentences; a paragraph that runs on is not read to its end.
_LEAD_CHARS = 1500
# "on Monday (Jan 16)", "Thursday, April 3": the date beside a weekday is the precise one.
_DATE_BESIDE_WEEKDAY = 4


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    written: DayMonth | None = None  # "April 3"
    weekday: int | None = None  # Monday = 0
    before_publication: bool = False  # "last Thursday": not the day of writing itself
    days_back: int | None = None  # "today" 0, "yesterday" 1
    day_of_month: int | None = None  # Japanese "3日", Korean "3일"


def event_day(
    lead_paragraphs: Iterable[str], published_on: date | None, language: str | None = None
) -> date | None:
    """The day the story's event happened: the day its lead names (``written_event_day``),
    else the publication date; without that, None."""
    return written_event_day(lead_paragraphs, published_on, language) or published_on


def written_event_day(
    lead_paragraphs: Iterable[str],
    published_on: date | None,
    language: str | None = None,
    *,
    year_guessed: bool = False,
) -> date | None:
    """The day the story's event happened, read from its lead against ``published_on``.

    The first mention in the lead wins: a written date (a yearless one takes the year of
    the latest such day not after the publication date plus a day), a weekday (the latest
    such day on or before the publication date), "today"/"yesterday", or a Japanese,
    Chinese or Korean day of the month. A mention that falls after the publication date
    plus a day, or more than ``EVENT_RECALL`` before it, is another happening and skipped.
    Without any (or without a publication date), None. ``language`` (ISO 639-1) picks
    the words read: "hier" is yesterday in French and "here" in German. A wire's dateline
    yields to the day its lead gives next, unless the publication's year is guessed
    (``year_guessed``): a weekday is then read against a day of the wrong year.
    """
    if published_on is None:
        return None
    latest = published_on + timedelta(days=1)
    earliest = published_on - EVENT_RECALL
    dateline_day = None
    for paragraph in lead_paragraphs:
        lead = paragraph[:_LEAD_CHARS]
        mentions = sorted(_mentions(lead, language), key=lambda m: m.start)
        for index, mention in enumerate(mentions):
            following = mentions[index + 1] if index + 1 < len(mentions) else None
            if (
                mention.weekday is not None
                and following is not None
                and following.written is not None
                and following.start - mention.end <= _DATE_BESIDE_WEEKDAY
            ):
                continue
            day = _resolve(mention, published_on, latest)
            if day is None or not earliest <= day <= latest:
                continue
            if dateline_day is None and not year_guessed and _in_dateline(lead, mention):
                dateline_day = day
                continue
            return day
    # The dateline's, when no paragraph of the lead gives another: a release's dateline
    # stands alone on its first paragraph ("PÉKIN, 2 novembre 2022 /PRNewswire/ -- ...").
    return dateline_day


# "Hanoi, Oct. 20 (Jiji Press)--", "HANOI, Oct 13, 2020, VNS.", "San Francisco, US, Nov 16":
# a wire's dateline dates the story; the day its lead then gives ("met ... on Monday") is
# the meeting's, and only without one is the dateline's.
_DATELINE_HEAD = re.compile(
    r"\s*[^\W\d_][^\W\d_.'-]*(?:[ .'-]+[^\W\d_]+){0,3}(?:,\s*[^\W\d_]+(?:\s+[^\W\d_]+){0,2})?"
    r"\s*,\s*"
)
_DATELINE_TAIL = re.compile(r"\s*(?:,\s*\d{4})?\s*[(,/.\-–—]")


def _in_dateline(paragraph: str, mention: _Mention) -> bool:
    return (
        mention.written is not None
        and _DATELINE_HEAD.fullmatch(paragraph, 0, mention.start) is not None
        and _DATELINE_TAIL.match(paragraph, mention.end) is not None
    )


def written_weekday(lead_paragraphs: Iterable[str], language: str | None = None) -> int | None:
    """The weekday an undated story's lead gives its event ("a eu jeudi un entretien", "on
    Thursday"; Monday 0), when the first mention of a day in the lead is one; else None."""
    for paragraph in lead_paragraphs:
        mentions = sorted(_mentions(paragraph[:_LEAD_CHARS], language), key=lambda m: m.start)
        if mentions:
            return mentions[0].weekday
    return None


def _resolve(mention: _Mention, published_on: date, latest: date) -> date | None:
    if mention.written is not None:
        written = mention.written
        if written.year is not None:
            return written.full
        return latest_on_or_before(written.day, written.month, latest)
    if mention.weekday is not None:
        back = (published_on.weekday() - mention.weekday) % 7
        if back == 0 and mention.before_publication:
            back = 7
        return published_on - timedelta(days=back)
    if mention.days_back is not None:
        return published_on - timedelta(days=mention.days_back)
    if mention.day_of_month is not None:
        return _latest_day_of_month(mention.day_of_month, latest)
    return None


def _latest_day_of_month(day: int, latest: date) -> date | None:
    year, month = latest.year, latest.month
    for _ in range(3):
        try:
            candidate = date(year, month, day)
        except ValueError:
            candidate = None
        if candidate is not None and candidate <= latest:
            return candidate
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return None


# --- Mentions ------------------------------------------------------------------------------------


def _mentions(text: str, language: str | None) -> Iterator[_Mention]:
    folded = fold(text)
    for start, end, written in written_dates(text, folded):
        if not in_a_range(folded, start, end) and not _SINCE.search(folded, 0, start):
            yield _Mention(start, end, written=written)
    patterns = _patterns(LANGUAGE_TABLE.get(language or "", language))
    for pattern, source, names in (
        (patterns.cased_weekdays, text, patterns.weekday_numbers),
        (patterns.folded_weekdays, folded, patterns.weekday_numbers),
    ):
        if pattern is None:
            continue
        for match in pattern.finditer(source):
            if source[max(0, match.start() - 1) : match.start()] in ("(", "（"):
                continue  # "3月16日(日曜日)": the weekday of a date written before it
            before, after = _word_before(folded, match.start()), _word_after(folded, match.end())
            if before in FUTURE_BEFORE_WEEKDAY or after in FUTURE_AFTER_WEEKDAY:
                continue
            yield _Mention(
                match.start(),
                match.end(),
                weekday=names[match.group()],
                before_publication=before in PAST_BEFORE_WEEKDAY or after in PAST_AFTER_WEEKDAY,
            )
    if patterns.relative is not None:
        for match in patterns.relative.finditer(folded):
            offset = patterns.relative_offsets[match.group()]
            yield _Mention(match.start(), match.end(), days_back=-offset)
    if patterns.days_of_month is not None:
        for match in patterns.days_of_month.finditer(text):
            if _RANGE_END.search(text, max(0, match.start() - 3), match.start()):
                continue  # "16日から17日", "16日到18日": the last day of a span
            day = int(match["day"] or match["korean_day"])
            yield _Mention(match.start(), match.end(), day_of_month=day)


_WORD = re.compile(r"[^\W\d_]+")
# A date a period starts on ("on a visit since October 30", "which began on October 30",
# "depuis le 30 octobre") is the visit's first day, not the day of the meeting told.
_SINCE = re.compile(
    r"\b(?:since|began on|started on|depuis(?: le)?|desde(?: el)?|seit(?: dem)?)\s*$"
)


def _word_before(folded: str, start: int) -> str:
    words = _WORD.findall(folded[max(0, start - 16) : start])
    return words[-1] if words else ""


def _word_after(folded: str, end: int) -> str:
    word = _WORD.search(folded[end : end + 16])
    return word.group() if word else ""


# Japanese and Chinese "1日午前", "30日夜", "本28日、"; Korean "3일(현지시간)", "3일 오전": the
# day of the month, this month's or the last. Only before a time of day or a pause, so that
# "3日間" (three days) and "1日1回" (once a day) are not days.
# Chinese "30日傍晚", "27日在大阪" (on the 27th in Osaka); Korean "24일 아베 총리와" (a word
# after a space: not "3일 동안", for three days).
_CJK_DAY_OF_MONTH = re.compile(
    r"(?<![\d年月])(?P<day>\d{1,2})日"
    r"(?=午前|午後|夜|朝|夕|未明|昼|深夜|上午|下午|晚|傍晚|中午|凌晨|早上|清晨|在|、|,|，|に|の|は|\(|（)"
    r"|(?<![\d년월])(?P<korean_day>\d{1,2})일"
    r"(?=\s*(?:\(|오전|오후|저녁|밤|새벽|,)|\s+(?!동안|간|째|만에|이내|이상|이후|전|후)[\uac00-\ud7afA-Za-z])"
)


_RANGE_END = re.compile(r"(?:から|~|〜|～|-|–|到|至)\s*$")


@dataclass(frozen=True)
class _Patterns:
    cased_weekdays: re.Pattern[str] | None
    folded_weekdays: re.Pattern[str] | None
    weekday_numbers: dict[str, int]
    relative: re.Pattern[str] | None
    relative_offsets: dict[str, int]
    days_of_month: re.Pattern[str] | None


@cache
def _patterns(table: str | None) -> _Patterns:
    """The patterns of one language's words (``table`` as in ``date_words``); all when None."""
    known = table in CASED_WEEKDAYS or table in FOLDED_WEEKDAYS or table in RELATIVE_DAYS
    if not known:
        table = None
    cased = _pick(CASED_WEEKDAYS, table)
    folded = {fold(name): day for name, day in _pick(FOLDED_WEEKDAYS, table).items()}
    # Without the page's language, only English relative words, which mean nothing else.
    relative = {fold(word): days for word, days in RELATIVE_DAYS[table or "en"].items()}
    return _Patterns(
        cased_weekdays=_alternation(cased),
        folded_weekdays=_alternation(folded),
        weekday_numbers={**cased, **folded},
        relative=_alternation(relative),
        relative_offsets=relative,
        days_of_month=_CJK_DAY_OF_MONTH if table in (None, "ja", "zh", "ko") else None,
    )


def _pick(tables: dict[str, dict[str, int]], table: str | None) -> dict[str, int]:
    if table is not None:
        return dict(tables.get(table, {}))
    return {name: day for words in tables.values() for name, day in words.items()}


def _alternation(words: dict[str, int]) -> re.Pattern[str] | None:
    return words_pattern(words) if words else None
