"""The search page: keyword search with facets, results grouped by event."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.dates import MONTHS as MONTH_NAMES
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from archive.naming import name_events
from archive.search.contract import InvalidSearch, SearchForm, SearchPage
from archive.search.cost import SearchTooCostly
from archive.search.names import officials_named
from archive.search.service import search

FACET_LABELS = {
    "outlet": _("Outlet"),
    "language": _("Language"),
    "person": _("Official"),
    "year": _("Year"),
    "month": _("Month"),
}
MONTHS = {str(n): MONTH_NAMES[n] for n in range(1, 13)}  # in the active language
SINGLE_VALUED = {"year", "month"}

# A large archive's results page has hundreds of facet values (people above all); rendering
# each, with its toggle link, is a large share of the page's time. A facet group shows its first
# FACET_SHOWN values (most articles first; years newest first) and every selected one; its
# "All …" link reloads the page with `facet_more=<facet>` to list up to FACET_MORE_MAX of them.
FACET_SHOWN = 10
FACET_MORE_MAX = 500
FACET_MORE = "facet_more"
# The facets that can be cut short, with their "All …" link; months (12 at most) never are.
FACET_ALL_LABELS = {
    "outlet": _("All outlets (%(count)s)"),
    "language": _("All languages (%(count)s)"),
    "person": _("All officials (%(count)s)"),
    "year": _("All years (%(count)s)"),
}
# Parameters a toggle or a filter chip drops: a new set of results starts on page 1 with its facet
# lists cut short again (a selected value stays listed whatever its rank).
RESET_ON_TOGGLE = ("page", FACET_MORE)


@dataclass
class FacetValue:
    label: str
    count: int
    selected: bool
    query: str  # the query string that toggles this value


@dataclass
class FacetGroup:
    name: str
    label: str
    values: list[FacetValue]  # the values shown (not necessarily all of them)
    total: int = 0  # how many values the facet has
    unlisted: int = 0  # values left out of the full list (beyond FACET_MORE_MAX)
    more_query: str | None = None  # the query string listing all the facet's values
    more_label: str = ""
    fewer_query: str | None = None  # the query string cutting the full list short again


def _toggled(query: QueryDict, name: str, value: str) -> str:
    """`query` with `value` added to (or removed from) parameter `name`, back on page 1."""
    query = query.copy()
    for reset in RESET_ON_TOGGLE:
        query.pop(reset, None)
    values = query.getlist(name)
    if value in values:
        values.remove(value)
    elif name in SINGLE_VALUED:
        values = [value]  # one year (and month) at a time
    else:
        values.append(value)
    if name == "year":
        query.pop("month", None)  # a month belongs to the year it was chosen in
    query.setlist(name, values)
    return query.urlencode()


def _with_page(query: QueryDict, page: int) -> str:
    query = query.copy()
    query["page"] = str(page)
    return query.urlencode()


class _Toggler:
    """`_toggled` for every value of one facet, without copying the query for each value.

    A large archive's results page offers hundreds of facet values (people above all); a
    QueryDict copy and re-encoding per value would be most of a cached search page's time.
    """

    def __init__(self, query: QueryDict, name: str):
        self.name = name
        self.chosen = query.getlist(name)
        self.before: list[str] = []  # encoded parameters before `name`'s place, and after it
        self.after: list[str] = []
        seen = False
        for key, values in query.lists():
            if key == name:
                seen = True
                continue
            if key in RESET_ON_TOGGLE or (name == "year" and key == "month"):
                continue
            encoded = [urlencode({key: value}) for value in values]
            (self.after if seen else self.before).extend(encoded)

    def __call__(self, value: str) -> str:
        values = list(self.chosen)
        if value in values:
            values.remove(value)
        elif self.name in SINGLE_VALUED:
            values = [value]
        else:
            values.append(value)
        own = [urlencode({self.name: item}) for item in values]
        return "&".join(self.before + own + self.after)


def expanded_facet(query: QueryDict) -> str | None:
    """The facet whose full list the visitor asked for; an unknown name is ignored."""
    names = [name for name in query.getlist(FACET_MORE) if name in FACET_ALL_LABELS]
    return names[-1] if names else None


def shown_values(
    values: list[tuple[str, int]], chosen: set[str], limit: int
) -> list[tuple[str, int]]:
    """The first `limit` values and every chosen one, in the facet's order."""
    if len(values) <= limit:
        return values
    return [item for n, item in enumerate(values) if n < limit or item[0] in chosen]


def _with_expanded(query: QueryDict, name: str | None) -> str:
    query = query.copy()
    query.pop(FACET_MORE, None)
    if name:
        query[FACET_MORE] = name
    return query.urlencode()


def facet_groups(page: SearchPage, query: QueryDict) -> list[FacetGroup]:
    """The facet groups of a results page; toggle links only for the values shown."""
    labels = {"outlet": page.outlet_names, "person": page.person_names, "month": MONTHS}
    expanded = expanded_facet(query)
    groups = []
    for name, label in FACET_LABELS.items():
        if name == "month" and not page.params.year:
            continue  # months are offered within a chosen year
        values = page.facets.get(name, [])
        chosen = set(query.getlist(name))
        if name not in FACET_ALL_LABELS:
            limit = len(values)
        else:
            limit = FACET_MORE_MAX if name == expanded else FACET_SHOWN
        shown = shown_values(values, chosen, limit)
        toggled, names = _Toggler(query, name), labels.get(name, {})
        group = FacetGroup(
            name,
            label,
            [
                FacetValue(
                    label=names.get(value, value),
                    count=count,
                    selected=value in chosen,
                    query=toggled(value),
                )
                for value, count in shown
            ],
            total=len(values),
            unlisted=len(values) - len(shown) if name == expanded else 0,
        )
        if name == expanded and len(values) > FACET_SHOWN:
            group.fewer_query = _with_expanded(query, None)
        elif len(shown) < len(values):
            group.more_query = _with_expanded(query, name)
            group.more_label = FACET_ALL_LABELS[name] % {"count": len(values)}
        groups.append(group)
    return groups


@dataclass
class Chip:
    label: str
    remove_query: str


def active_filters(page: SearchPage, query: QueryDict) -> list[Chip]:
    """The filters in force, each with the query string that removes it."""
    params = page.params
    names = {"outlet": page.outlet_names, "person": page.person_names, "month": MONTHS}
    chips = []
    for name in ("outlet", "language", "person", "year", "month"):
        for value in query.getlist(name):
            label = names.get(name, {}).get(value, value)
            chips.append(Chip(f"{FACET_LABELS[name]}: {label}", _toggled(query, name, value)))
    for name, label in (("date_from", gettext("From %(day)s")), ("date_to", gettext("To %(day)s"))):
        day = getattr(params, name)
        if day:
            without = query.copy()
            for dropped in (name, *RESET_ON_TOGGLE):
                without.pop(dropped, None)
            chips.append(Chip(label % {"day": day.isoformat()}, without.urlencode()))
    return chips


@require_safe
def search_page(request: HttpRequest) -> HttpResponse:
    try:
        params = SearchForm(request.GET).search_params()
        page = None if params.is_empty() else search(params)
    except (InvalidSearch, SearchTooCostly) as exc:
        # A bad parameter, or a search too costly to run, is the visitor's to fix: say what is
        # wrong, keep the form, answer 400.
        error = exc.translated()
        context = {"error": error, "q": request.GET.get("q", "")[:200]}
        return render(request, "archive/search.html", context, status=400)
    context = {"params": params, "q": params.q, "page": None}
    if page is not None:
        name_events([hit.event for hit in page.results])
        context.update(
            page=page,
            officials=officials_named(params.q) if params.q else [],
            facets=facet_groups(page, request.GET),
            chips=active_filters(page, request.GET),
            hidden_filters=[
                (name, value)
                for name in ("outlet", "language", "person", "year", "month")
                for value in request.GET.getlist(name)
            ],
            previous_query=_with_page(request.GET, page.page - 1) if page.page > 1 else None,
            next_query=_with_page(request.GET, page.page + 1) if page.page < page.pages else None,
        )
    return render(request, "archive/search.html", context)
