"""Atom feeds of events: the latest, one official's, one outlet's, and one search's.

Every item is a published event and links to its page; its description lists the versions. Each
feed runs a fixed number of queries (the events, their people, their versions with outlets).
"""

from __future__ import annotations

from datetime import UTC, datetime, time

from django.contrib.syndication.views import Feed
from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from archive.models import Event, Outlet, Person
from archive.naming import name_event_from_versions
from archive.search.contract import InvalidSearch, SearchForm, SearchPage, SearchParams
from archive.search.cost import SearchTooCostly
from archive.search.service import search

FEED_ITEMS = 30
SITE = _("Diplomatic news archive")


def _titled(title: str) -> str:
    """A feed's title followed by the archive's name, in the active language."""
    return f"{title} – {SITE}"


def _latest(events: QuerySet[Event]) -> QuerySet[Event]:
    return (
        events.with_versions()
        .prefetch_related("people")
        .order_by(F("date").desc(nulls_last=True), "-pk")[:FEED_ITEMS]
    )


class EventFeed(Feed):
    """What every feed of events shares: items, their dates, descriptions and categories."""

    feed_type = Atom1Feed
    author_name = SITE
    description_template = "archive/includes/feed_event.html"

    def item_title(self, item: Event) -> str:
        # The event's name, a made-up one in square brackets (its versions are prefetched).
        name_event_from_versions(item, list(item.articles.all()))
        return item.display_name

    def item_link(self, item: Event) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Event) -> datetime:
        if item.date:
            return datetime.combine(item.date, time(), tzinfo=UTC)
        return item.created_at

    def item_updateddate(self, item: Event) -> datetime:
        return max(item.updated_at, self.item_pubdate(item))

    def item_categories(self, item: Event) -> list[str]:
        return [person.name for person in item.people.all()]


class LatestEventsFeed(EventFeed):
    def title(self) -> str:
        return _titled(gettext("Latest events"))

    def subtitle(self) -> str:
        return gettext("Vietnam–Japan diplomacy: the newest events, with every version of each.")

    def link(self) -> str:
        return reverse("home")

    def items(self) -> QuerySet[Event]:
        return _latest(Event.objects.public())


class PersonFeed(EventFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Person:
        return get_object_or_404(Person, slug=slug)

    def title(self, obj: Person) -> str:
        return _titled(obj.name)

    def subtitle(self, obj: Person) -> str:
        return gettext("Events with %(name)s, newest first.") % {"name": obj.name}

    def link(self, obj: Person) -> str:
        return obj.get_absolute_url()

    def items(self, obj: Person) -> QuerySet[Event]:
        return _latest(Event.objects.public().filter(people=obj))


class OutletFeed(EventFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Outlet:
        return get_object_or_404(Outlet, slug=slug)

    def title(self, obj: Outlet) -> str:
        return _titled(obj.name)

    def subtitle(self, obj: Outlet) -> str:
        return gettext("Events reported by %(name)s, newest first.") % {"name": obj.name}

    def link(self, obj: Outlet) -> str:
        return obj.get_absolute_url()

    def items(self, obj: Outlet) -> QuerySet[Event]:
        reported = Event.objects.public().filter(articles__outlet=obj).values("pk")
        return _latest(Event.objects.filter(pk__in=reported))


class SearchFeed(EventFeed):
    def get_object(self, request: HttpRequest, params: SearchParams, page: SearchPage):
        return params, request.GET.urlencode(), page

    def title(self, obj: tuple[SearchParams, str, SearchPage]) -> str:
        params = obj[0]
        if params.q:
            return _titled(gettext("Search “%(q)s”") % {"q": params.q})
        return _titled(gettext("Search"))

    def subtitle(self, obj: tuple[SearchParams, str, SearchPage]) -> str:
        return gettext("Events matching a search of the archive.")

    def link(self, obj: tuple[SearchParams, str, SearchPage]) -> str:
        return f"{reverse('search')}?{obj[1]}"

    def items(self, obj: tuple[SearchParams, str, SearchPage]) -> list[Event]:
        page = obj[2]
        # The index holds published events only; check again, a status may just have changed.
        ids = [hit.event.pk for hit in page.results]
        events = (
            Event.objects.public().filter(pk__in=ids).with_versions().prefetch_related("people")
        )
        by_id = {event.pk: event for event in events}
        return [by_id[pk] for pk in ids if pk in by_id]


@require_safe
def events_feed(request: HttpRequest) -> HttpResponse:
    return LatestEventsFeed()(request)


@require_safe
def person_feed(request: HttpRequest, slug: str) -> HttpResponse:
    return PersonFeed()(request, slug=slug)


@require_safe
def outlet_feed(request: HttpRequest, slug: str) -> HttpResponse:
    return OutletFeed()(request, slug=slug)


@require_safe
def search_feed(request: HttpRequest) -> HttpResponse:
    try:
        params = SearchForm(request.GET).search_params()
    except InvalidSearch as exc:
        return HttpResponseBadRequest(exc.translated(), content_type="text/plain; charset=utf-8")
    if params.is_empty():
        message = gettext(
            "A search feed needs words (q=…) or a filter (outlet, person, language, year…)."
        )
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    if "sort" not in request.GET:
        params.sort = "newest"  # a feed shows what is new unless asked otherwise
    params.page = 1
    try:
        page = search(params, per_page=FEED_ITEMS)
    except SearchTooCostly as exc:
        return HttpResponseBadRequest(exc.translated(), content_type="text/plain; charset=utf-8")
    return SearchFeed()(request, params=params, page=page)
