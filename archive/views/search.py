"""The search page: keyword search with facets, results grouped by event."""

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_safe

from archive.models import Person
from archive.search.service import InvalidSearch, SearchPage, SearchParams, search

FACET_LABELS = {"outlet": "Outlet", "language": "Language", "person": "Official", "year": "Year"}


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
    values: list[FacetValue]


def _toggled(query: QueryDict, name: str, value: str) -> str:
    """`query` with `value` added to (or removed from) parameter `name`, back on page 1."""
    query = query.copy()
    query.pop("page", None)
    values = query.getlist(name)
    if value in values:
        values.remove(value)
    elif name == "year":
        values = [value]  # one year at a time
    else:
        values.append(value)
    query.setlist(name, values)
    return query.urlencode()


def _with_page(query: QueryDict, page: int) -> str:
    query = query.copy()
    query["page"] = str(page)
    return query.urlencode()


def facet_groups(page: SearchPage, query: QueryDict) -> list[FacetGroup]:
    person_names = dict(
        Person.objects.filter(
            slug__in=[slug for slug, _ in page.facets.get("person", [])]
        ).values_list("slug", "name")
    )
    labels = {"outlet": page.outlet_names, "person": person_names}
    groups = []
    for name, label in FACET_LABELS.items():
        values = [
            FacetValue(
                label=labels.get(name, {}).get(value, value),
                count=count,
                selected=value in query.getlist(name),
                query=_toggled(query, name, value),
            )
            for value, count in page.facets.get(name, [])
        ]
        groups.append(FacetGroup(name, label, values))
    return groups


@require_safe
def search_page(request: HttpRequest) -> HttpResponse:
    try:
        params = SearchParams.from_querydict(request.GET)
    except InvalidSearch as exc:
        # A bad parameter is the visitor's to fix: say what is wrong, keep the form, answer 400.
        context = {"error": str(exc), "q": request.GET.get("q", "")[:200]}
        return render(request, "archive/search.html", context, status=400)
    context = {"params": params, "q": params.q, "page": None}
    if not params.is_empty():
        page = search(params)
        context.update(
            page=page,
            facets=facet_groups(page, request.GET),
            previous_query=_with_page(request.GET, page.page - 1) if page.page > 1 else None,
            next_query=_with_page(request.GET, page.page + 1) if page.page < page.pages else None,
        )
    return render(request, "archive/search.html", context)
