"""Browsing by date: years, a year's heatmap, a month's calendar, a day's events, undated events.

Only published events are shown (`Event.objects.public()`). Every page runs a fixed number of
queries whatever the number of events: counts are grouped in the database, and a period's
neighbours (the previous and next periods that have events, skipping empty ones) cost one query
each.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.dates import MONTHS, WEEKDAYS_ABBR
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_safe

from archive.models import Event
from archive.naming import name_event_from_versions
from archive.views.params import page_number

LEVELS = 4  # heatmap shades besides "none"
UNDATED_PER_PAGE = 50
DAY_EVENTS_PER_PAGE = 50
# Event titles shown in one day of a month's calendar; the rest are on the day's page.
MONTH_DAY_TITLES = 5
# Names in the active language, looked up when a page is drawn (lazy): Django's own translated
# month and weekday names, and the shorter forms that the strips and heatmaps have room for.
WEEKDAYS = tuple(WEEKDAYS_ABBR[n] for n in range(7))  # Monday first
WEEKDAY_INITIALS = (
    pgettext_lazy("initial of Monday", "M"),
    pgettext_lazy("initial of Tuesday", "T"),
    pgettext_lazy("initial of Wednesday", "W"),
    pgettext_lazy("initial of Thursday", "T"),
    pgettext_lazy("initial of Friday", "F"),
    pgettext_lazy("initial of Saturday", "S"),
    pgettext_lazy("initial of Sunday", "S"),
)
MONTH_ABBREVIATIONS = (
    pgettext_lazy("abbreviated month", "Jan"),
    pgettext_lazy("abbreviated month", "Feb"),
    pgettext_lazy("abbreviated month", "Mar"),
    pgettext_lazy("abbreviated month", "Apr"),
    pgettext_lazy("abbreviated month", "May"),
    pgettext_lazy("abbreviated month", "Jun"),
    pgettext_lazy("abbreviated month", "Jul"),
    pgettext_lazy("abbreviated month", "Aug"),
    pgettext_lazy("abbreviated month", "Sep"),
    pgettext_lazy("abbreviated month", "Oct"),
    pgettext_lazy("abbreviated month", "Nov"),
    pgettext_lazy("abbreviated month", "Dec"),
)


def month_label(year: int, month: int) -> str:
    """The month and its year in the active language: "April 2025", "tháng 4 năm 2025" (as
    written within a sentence: templates apply `capfirst` where it starts one)."""
    return date_format(date(year, month, 1), "YEAR_MONTH_FORMAT")


# -- URL converters: the shape of a date part; the view checks that the date exists ------------


class YearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        year = int(value)
        if year < 1:  # year 0 does not exist
            raise ValueError(value)
        return year

    def to_url(self, value: int) -> str:
        return f"{int(value):04d}"


class MonthConverter:
    regex = "[0-9]{2}"

    def to_python(self, value: str) -> int:
        month = int(value)
        if not 1 <= month <= 12:
            raise ValueError(value)
        return month

    def to_url(self, value: int) -> str:
        return f"{int(value):02d}"


class DayConverter(MonthConverter):
    def to_python(self, value: str) -> int:
        day = int(value)
        if not 1 <= day <= 31:
            raise ValueError(value)
        return day


# -- queries ---------------------------------------------------------------------------------


def dated():
    """Published events that have a date, with no ordering (so that grouping works)."""
    return Event.objects.public().filter(date__isnull=False).order_by()


def _days_with_events():
    """(date, number of events) of each day with published events, newest first.

    Grouped by the date column in the database; months are summed here. `ExtractYear` and
    `ExtractMonth` would call a Python function for every event on SQLite, where grouping by the
    column is a walk of its index.
    """
    return dated().values("date").annotate(n=Count("pk")).order_by("-date").values_list("date", "n")


def month_counts() -> dict[tuple[int, int], int]:
    """Events per (year, month), in one query."""
    counts: dict[tuple[int, int], int] = {}
    for day, n in _days_with_events():
        counts[day.year, day.month] = counts.get((day.year, day.month), 0) + n
    return counts


def recent_months(limit: int = 12) -> list[MonthCell]:
    """The `limit` most recent months that have events, oldest first (the home page's strip)."""
    counts: dict[tuple[int, int], int] = {}
    for day, n in _days_with_events().iterator():
        key = (day.year, day.month)
        if key not in counts and len(counts) == limit:
            break  # the days come newest first: every later one is in an older month
        counts[key] = counts.get(key, 0) + n
    top = max(counts.values(), default=0)
    return [month_cell(year, month, n, top) for (year, month), n in reversed(counts.items())]


def before(day: date) -> date | None:
    """The latest event date before `day`."""
    return dated().filter(date__lt=day).order_by("-date").values_list("date", flat=True).first()


def after(day: date) -> date | None:
    """The earliest event date after `day`."""
    return dated().filter(date__gt=day).order_by("date").values_list("date", flat=True).first()


# -- what the templates draw -----------------------------------------------------------------


def level(count: int, top: int) -> int:
    """A heatmap shade from 0 (no events) to LEVELS (the busiest period shown)."""
    if count <= 0 or top <= 0:
        return 0
    return max(1, -(-count * LEVELS // top))  # ceiling division


@dataclass
class MonthCell:
    year: int
    month: int
    count: int
    level: int

    @property
    def name(self) -> str:
        return str(MONTHS[self.month])

    @property
    def abbr(self) -> str:
        return str(MONTH_ABBREVIATIONS[self.month - 1])

    @property
    def label(self) -> str:
        return month_label(self.year, self.month)

    @property
    def url(self) -> str:
        return reverse("dates_month", args=[self.year, self.month])


def month_cell(year: int, month: int, count: int, top: int) -> MonthCell:
    return MonthCell(year, month, count, level(count, top))


@dataclass
class YearRow:
    year: int
    count: int
    months: list[MonthCell]

    @property
    def url(self) -> str:
        return reverse("dates_year", args=[self.year])


def year_rows(counts: dict[tuple[int, int], int]) -> list[YearRow]:
    """Each year that has events, newest first, with its twelve months."""
    top = max(counts.values(), default=0)
    rows = []
    for year in sorted({year for year, _ in counts}, reverse=True):
        months = [month_cell(year, m, counts.get((year, m), 0), top) for m in range(1, 13)]
        rows.append(YearRow(year, sum(cell.count for cell in months), months))
    return rows


@dataclass
class DayCell:
    day: date
    count: int
    level: int

    @property
    def url(self) -> str:
        return reverse("dates_day", args=[self.day.year, self.day.month, self.day.day])


@dataclass
class MonthGrid:
    cell: MonthCell
    offset: int  # weekday of the 1st, 1 = Monday … 7 = Sunday (the grid column it starts in)
    days: list[DayCell]


def heatmap(year: int, day_counts: dict[date, int]) -> list[MonthGrid]:
    """Twelve month grids of days, each shaded by its number of events."""
    top = max(day_counts.values(), default=0)
    month_top = 0
    months: list[tuple[int, list[DayCell]]] = []
    for month in range(1, 13):
        _, length = calendar.monthrange(year, month)
        days = []
        for n in range(1, length + 1):
            day = date(year, month, n)
            count = day_counts.get(day, 0)
            days.append(DayCell(day, count, level(count, top)))
        months.append((month, days))
        month_top = max(month_top, sum(cell.count for cell in days))
    return [
        MonthGrid(
            month_cell(year, month, sum(cell.count for cell in days), month_top),
            days[0].day.isoweekday(),
            days,
        )
        for month, days in months
    ]


@dataclass
class CalendarDay:
    day: date
    in_month: bool
    events: list[Event] = field(default_factory=list)  # the first MONTH_DAY_TITLES of them
    more: int = 0  # the day's other events, listed on its page

    @property
    def url(self) -> str:
        return reverse("dates_day", args=[self.day.year, self.day.month, self.day.day])


def month_weeks(year: int, month: int, events: list[Event]) -> list[list[CalendarDay]]:
    """The month's weeks (Monday first), each day with its events."""
    by_day: dict[date, list[Event]] = {}
    for event in events:
        by_day.setdefault(event.date, []).append(event)

    def cell(day: date) -> CalendarDay:
        events = by_day.get(day, [])
        shown = events[:MONTH_DAY_TITLES]
        return CalendarDay(day, day.month == month, shown, len(events) - len(shown))

    return [
        [cell(day) for day in week]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]


@dataclass
class Link:
    label: str
    url: str


def year_link(day: date | None) -> Link | None:
    return Link(str(day.year), reverse("dates_year", args=[day.year])) if day else None


def month_link(day: date | None) -> Link | None:
    if day is None:
        return None
    url = reverse("dates_month", args=[day.year, day.month])
    return Link(capfirst(month_label(day.year, day.month)), url)


def day_link(day: date | None) -> Link | None:
    if day is None:
        return None
    label = date_format(day, "DATE_FORMAT")
    return Link(label, reverse("dates_day", args=[day.year, day.month, day.day]))


def _undated_count() -> int:
    return Event.objects.public().filter(date__isnull=True).count()


# -- views -----------------------------------------------------------------------------------


@require_safe
def dates_index(request: HttpRequest) -> HttpResponse:
    years = year_rows(month_counts())
    context = {
        "years": years,
        "total": sum(row.count for row in years),
        "undated_count": _undated_count(),
    }
    return render(request, "archive/dates/index.html", context)


@require_safe
def dates_year(request: HttpRequest, year: int) -> HttpResponse:
    rows = (
        dated()
        .filter(date__range=(date(year, 1, 1), date(year, 12, 31)))
        .values("date")
        .annotate(n=Count("pk"))
        .order_by()
    )
    months = heatmap(year, {row["date"]: row["n"] for row in rows})
    total = sum(grid.cell.count for grid in months)
    context = {
        "year": year,
        "months": months,
        "total": total,
        "weekdays": WEEKDAY_INITIALS,
        "previous": year_link(before(date(year, 1, 1))),
        "next": year_link(after(date(year, 12, 31))),
    }
    return render(request, "archive/dates/year.html", context)


@require_safe
def dates_month(request: HttpRequest, year: int, month: int) -> HttpResponse:
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    events = list(
        Event.objects.public()
        .filter(date__range=(first, last))
        .annotate(version_count=Count("articles"))
        .order_by("date", "pk")
    )
    context = {
        "year": year,
        "month": month,
        "month_name": str(MONTHS[month]),
        "month_label": month_label(year, month),
        "events": events,
        "weeks": month_weeks(year, month, events),
        "weekdays": WEEKDAYS,
        "previous": month_link(before(first)),
        "next": month_link(after(last)),
    }
    return render(request, "archive/dates/month.html", context)


@require_safe
def dates_day(request: HttpRequest, year: int, month: int, day: int) -> HttpResponse:
    try:
        when = date(year, month, day)
    except ValueError:
        raise Http404("No such date") from None
    events = (
        Event.objects.public()
        .filter(date=when)
        .with_versions()
        .prefetch_related("people")
        .order_by("pk")
    )
    page = Paginator(events, DAY_EVENTS_PER_PAGE).get_page(page_number(request))
    context = {
        "day": when,
        "month_name": str(MONTHS[month]),
        "page": page,
        "events": named(page.object_list),
        "previous": day_link(before(when)),
        "next": day_link(after(when)),
    }
    return render(request, "archive/dates/day.html", context)


@require_safe
def dates_undated(request: HttpRequest) -> HttpResponse:
    events = (
        Event.objects.public()
        .filter(date__isnull=True)
        .with_versions()
        .prefetch_related("people")
        .order_by("title", "pk")
    )
    page = Paginator(events, UNDATED_PER_PAGE).get_page(page_number(request))
    context = {"page": page, "events": named(page.object_list)}
    return render(request, "archive/dates/undated.html", context)


def named(events) -> list[Event]:
    """The events as a list, each with its display name, from its prefetched versions and
    officials (`naming.name_event_from_versions`: no query)."""
    events = list(events)
    for event in events:
        name_event_from_versions(event, list(event.articles.all()))
    return events
