"""The search service's contract, whatever the engine: what a search takes, what it answers, how
it fails, and the index's field names.

Both engines' paths import it, Whoosh's (`service`, `backend`, `querysyntax`) and
Elasticsearch's (`es/`); it imports neither engine.

- `SearchForm` reads a search's parameters from a GET (the search page, `/api/search/`, the
  search feed) into `SearchParams`; a parameter the visitor must fix raises `InvalidSearch`,
  whose `str()` is English (the JSON API's errors do not change with the language) and whose
  `translated()` is in the page's language.
- `SearchPage`, `EventHit`, `ArticleHit`: one page of results.
- `LANGUAGE_GROUPS`, `TEXT_FIELD_BY_GROUP`, `FACET_FIELDS`, `ORIGINAL_OUTLET_FIELD`: the index's
  field names, defined once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_noop

if TYPE_CHECKING:
    from archive.models import Event

# -- the index's fields -----------------------------------------------------------------------

# The analysis groups of the text: a document's text is in the field of its language's group
# (`analysis.language_group`), analysed the group's way.
LANGUAGE_GROUPS = ("en", "no", "other", "ja", "cjk")
TEXT_FIELD_BY_GROUP: dict[str, str] = {group: f"text_{group}" for group in LANGUAGE_GROUPS}

# Facet name (as parameters and the API name them) -> the index's exact-value field.
FACET_FIELDS = {
    "outlet": "outlet_exact",
    "language": "language_exact",
    "person": "person_exact",
    "year": "year_exact",
    "month": "month_exact",
}
# The outlet whose story a republished article is (not a facet: the outlet facet counts
# publishers).
ORIGINAL_OUTLET_FIELD = "original_outlet"
# How much more an article tagged with a person the query names weighs than a plain text match.
PERSON_BOOST = 4.0

NO_WORDS_NOTICE = "Your search has no words to look for."

# -- parameters -------------------------------------------------------------------------------

SORTS = ("relevance", "newest", "oldest")
MAX_PAGE = 10_000
MAX_VALUES = 50  # values of one repeated filter
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$")
# Only ASCII digits are numbers: `str.isdigit()` also accepts "²" (which `int()` refuses) and
# `int()` reads "٣" as 3. A date is the calendar form only (fromisoformat takes "2025-W01-1").
_NUMBER = re.compile(r"[0-9]{1,6}")
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

# The messages, marked for translation (locale/*/LC_MESSAGES/django.po); `InvalidSearch` fills
# them in English or in the page's language.
TOO_LONG = gettext_noop(
    "The search text is too long (%(length)s characters); the limit is %(limit)s."
)
TOO_MANY_VALUES = gettext_noop("Too many %(name)s values (at most %(limit)s).")
BAD_OUTLET = gettext_noop("outlet must be an outlet slug such as vietnam-news, not “%(value)s”.")
BAD_PERSON = gettext_noop("person must be a person slug such as to-lam, not “%(value)s”.")
BAD_LANGUAGE = gettext_noop("language must be a language code such as en, not “%(value)s”.")
BAD_YEAR = gettext_noop("year must be a year such as 2025, not “%(value)s”.")
BAD_MONTH = gettext_noop("month must be a month number from 1 to 12, not “%(value)s”.")
MONTH_WITHOUT_YEAR = gettext_noop("month needs a year (month=4&year=2025).")
BAD_DATE = gettext_noop("%(name)s must be a date written YYYY-MM-DD, not “%(value)s”.")
DATES_REVERSED = gettext_noop("date_from must not be after date_to.")
BAD_SORT = gettext_noop("sort must be one of %(sorts)s, not “%(value)s”.")
BAD_PAGE = gettext_noop("page must be a page number from 1 to %(limit)s, not “%(value)s”.")


class InvalidSearch(ValueError):
    """A parameter the visitor must fix; the message says what. `str()` is English (the JSON
    API's errors); pages show `translated()`."""

    def __init__(self, message: str, **values):
        super().__init__(message % values)
        self.message, self.values = message, values

    def translated(self) -> str:
        return gettext(self.message) % self.values


def check_length(q: str) -> None:
    """Refuse search text over `ARCHIVE_SEARCH_MAX_QUERY_LENGTH` characters."""
    limit = settings.ARCHIVE_SEARCH_MAX_QUERY_LENGTH
    if len(q) > limit:
        raise InvalidSearch(TOO_LONG, length=len(q), limit=limit)


class _Last(forms.Widget):
    """The parameter's last value, stripped ("" when absent)."""

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name, "")]
        values = [value for value in values if value is not None]
        return str(values[-1]).strip() if values else ""


class _Every(forms.Widget):
    """Every value of a repeatable parameter, each comma-separated one apart, lowercased, once."""

    def value_from_datadict(self, data, files, name):
        if hasattr(data, "getlist"):
            raw = data.getlist(name)
        else:
            raw = data.get(name, [])
            raw = [raw] if isinstance(raw, str) else list(raw)
        out: list[str] = []
        for item in raw:
            for value in str(item).split(","):
                value = value.strip().lower()
                if value and value not in out:
                    out.append(value)
        return out


class _Text(forms.Widget):
    """The search text as given (its last value)."""

    def value_from_datadict(self, data, files, name):
        q = data.get(name, "") or ""
        if isinstance(q, list):
            q = q[-1] if q else ""
        return q


def _invalid(message: str, **values) -> ValidationError:
    return ValidationError(message, code="invalid", params=values)


class SearchTextField(forms.Field):
    widget = _Text

    def to_python(self, value):
        value = str(value)
        limit = settings.ARCHIVE_SEARCH_MAX_QUERY_LENGTH
        if len(value) > limit:
            raise _invalid(TOO_LONG, length=len(value), limit=limit)
        # Control characters (NUL above all, which PostgreSQL refuses in text) never belong to
        # a search; they separate words like spaces do.
        return " ".join(_CONTROL.sub(" ", value).split())


class ValuesField(forms.Field):
    """A repeatable filter's values (outlet, person or language), each checked by `pattern`."""

    widget = _Every

    def __init__(self, name: str, pattern: re.Pattern, message: str, **kwargs):
        super().__init__(required=False, **kwargs)
        self.name, self.pattern, self.message = name, pattern, message

    def to_python(self, value):
        values = list(value or [])
        if len(values) > MAX_VALUES:
            raise _invalid(TOO_MANY_VALUES, name=self.name, limit=MAX_VALUES)
        for item in values:
            if len(item) > 80 or not self.pattern.match(item):
                raise _invalid(self.message, value=item[:40])
        return values


class NumberField(forms.Field):
    """A number of ASCII digits from `low` to `high`, or None."""

    widget = _Last

    def __init__(self, low: int, high: int, message: str, **kwargs):
        super().__init__(required=False, **kwargs)
        self.low, self.high, self.message = low, high, message

    def to_python(self, value):
        if not value:
            return None
        if not _NUMBER.fullmatch(value) or not self.low <= int(value) <= self.high:
            raise _invalid(self.message, value=value[:40], limit=self.high)
        return int(value)


class DayField(forms.Field):
    """A calendar date written YYYY-MM-DD, or None."""

    widget = _Last

    def __init__(self, name: str, **kwargs):
        super().__init__(required=False, **kwargs)
        self.name = name

    def to_python(self, value):
        if not value:
            return None
        try:
            if not _ISO_DAY.fullmatch(value):
                raise ValueError
            return date.fromisoformat(value)
        except ValueError:
            raise _invalid(BAD_DATE, name=self.name, value=value[:40]) from None


class SortField(forms.Field):
    widget = _Last

    def to_python(self, value):
        sort = (value or "").lower() or "relevance"
        if sort not in SORTS:
            raise _invalid(BAD_SORT, sorts=", ".join(SORTS), value=sort[:40])
        return sort


class SearchForm(forms.Form):
    """A search's parameters, as INTERFACE.md lists them, read from a GET (a QueryDict, or a
    plain dict of strings or lists); `search_params()` gives them checked, or raises the first
    problem (in the order of the fields) as `InvalidSearch`."""

    q = SearchTextField(required=False)
    outlet = ValuesField("outlet", _SLUG, BAD_OUTLET)
    person = ValuesField("person", _SLUG, BAD_PERSON)
    language = ValuesField("language", _LANGUAGE, BAD_LANGUAGE)
    year = NumberField(1000, 9999, BAD_YEAR)
    month = NumberField(1, 12, BAD_MONTH)
    date_from = DayField("date_from")
    date_to = DayField("date_to")
    sort = SortField(required=False)
    page = NumberField(1, MAX_PAGE, BAD_PAGE)

    def clean_month(self):
        month = self.cleaned_data["month"]
        if month and not self.cleaned_data.get("year"):
            raise _invalid(MONTH_WITHOUT_YEAR)
        return month

    def clean_date_to(self):
        date_from, date_to = self.cleaned_data.get("date_from"), self.cleaned_data["date_to"]
        if date_from and date_to and date_from > date_to:
            raise _invalid(DATES_REVERSED)
        return date_to

    def first_error(self) -> InvalidSearch | None:
        """The first parameter to fix (None when all are right)."""
        for errors in self.errors.as_data().values():
            error = errors[0]
            return InvalidSearch(error.message, **(error.params or {}))
        return None

    def search_params(self) -> SearchParams:
        if (error := self.first_error()) is not None:
            raise error
        data = self.cleaned_data
        return SearchParams(**{**data, "page": data["page"] or 1})


@dataclass
class SearchParams:
    q: str = ""
    outlet: list[str] = field(default_factory=list)  # outlet slugs
    language: list[str] = field(default_factory=list)  # language codes
    person: list[str] = field(default_factory=list)  # person slugs
    year: int | None = None
    month: int | None = None  # within `year`
    date_from: date | None = None
    date_to: date | None = None
    sort: str = "relevance"  # or "newest", "oldest"
    page: int = 1

    @classmethod
    def from_querydict(cls, qd) -> SearchParams:
        """Read and check the parameters of a GET (`SearchForm`)."""
        return SearchForm(qd).search_params()

    def has_filters(self) -> bool:
        return bool(
            self.outlet or self.language or self.person or self.year or self.month
            or self.date_from or self.date_to
        )  # fmt: skip

    def is_empty(self) -> bool:
        """No words and no filter: nothing to search for."""
        return not self.q.strip() and not self.has_filters()


# -- results ----------------------------------------------------------------------------------


@dataclass
class ArticleHit:
    id: int
    title: str
    outlet: str  # the outlet's name
    language: str
    url: str
    snippet: str  # safe HTML: escaped text with <mark> around matches
    outlet_slug: str = ""
    published_on: date | None = None


@dataclass
class EventHit:
    event: Event
    articles: list[ArticleHit]


@dataclass
class SearchPage:
    params: SearchParams
    count: int = 0  # articles matched (exact)
    event_count: int = 0  # events they belong to
    page: int = 1
    pages: int = 0  # 0 when nothing matched
    results: list[EventHit] = field(default_factory=list)
    # Matching articles per value, most first: "outlet" and "person" by slug, "language" by code,
    # "year" as "2025" (newest year first).
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    suggestion: str | None = None
    notice: str | None = None
    outlet_names: dict[str, str] = field(default_factory=dict)  # slug -> name, for the facets
    person_names: dict[str, str] = field(default_factory=dict)  # slug -> name, for the facets
    per_page: int = 10

    def api_facets(self) -> dict[str, list[list]]:
        """The facets as INTERFACE.md's JSON has them (outlets by name, the rest as they are)."""
        out: dict[str, list[list]] = {}
        for name in FACET_FIELDS:
            values = self.facets.get(name, [])
            if name == "outlet":
                out[name] = [[self.outlet_names.get(slug, slug), n] for slug, n in values]
            else:
                out[name] = [[value, n] for value, n in values]
        return out


def ordered_facet(name: str, counts) -> list[tuple[str, int]]:
    """A facet's (value, count) pairs as pages show them: months in order, years newest first,
    the rest most first."""
    if name == "month":
        return sorted(counts, key=lambda item: int(item[0]))
    if name == "year":
        return sorted(counts, key=lambda item: item[0], reverse=True)
    return sorted(counts, key=lambda item: (-item[1], item[0]))
