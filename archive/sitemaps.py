"""`/sitemap.xml`: every published event, every official and outlet, the months that have
events, and the fixed pages. Drafts and hidden events are never listed."""

from __future__ import annotations

from datetime import date

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from archive.models import Event, Outlet, Person
from archive.views.dates import month_counts


class EventSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Event.objects.public().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item: Event):
        return item.updated_at


class PersonSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Person.objects.only("slug", "updated_at").order_by("pk")

    def lastmod(self, item: Person):
        return item.updated_at


class OutletSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Outlet.objects.only("slug", "updated_at").order_by("pk")

    def lastmod(self, item: Outlet):
        return item.updated_at


class MonthSitemap(Sitemap):
    """The calendar pages of the months that have events."""

    changefreq = "monthly"
    priority = 0.4

    def items(self) -> list[date]:
        return [date(year, month, 1) for year, month in sorted(month_counts())]

    def location(self, item: date) -> str:
        return reverse("dates_month", args=[item.year, item.month])


class StaticSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.5

    def items(self) -> list[str]:
        return ["home", "person_list", "outlet_list", "dates", "dates_undated"]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS = {
    "static": StaticSitemap,
    "events": EventSitemap,
    "people": PersonSitemap,
    "outlets": OutletSitemap,
    "months": MonthSitemap,
}
