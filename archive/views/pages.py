"""Server-rendered pages: home, events (all versions side by side), articles, people, outlets."""

from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from archive.models import Article, Event, Outlet, Person

HOME_EVENTS = 12


def _versions() -> Prefetch:
    """An event's articles with what their columns show, in one query."""
    return Prefetch(
        "articles",
        queryset=Article.objects.select_related("outlet", "original_outlet").order_by(
            "published_on", "pk"
        ),
    )


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    events = (
        Event.objects.annotate(version_count=Count("articles"))
        .prefetch_related("people")
        .order_by("-date", "-pk")[:HOME_EVENTS]
    )
    context = {
        "events": events,
        "event_total": Event.objects.count(),
        "article_total": Article.objects.count(),
    }
    return render(request, "archive/home.html", context)


@require_safe
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event.objects.prefetch_related(_versions(), "people"), slug=slug)
    versions = list(event.articles.all())
    context = {"event": event, "versions": versions}
    return render(request, "archive/event_detail.html", context)


@require_safe
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(
        Article.objects.select_related("outlet", "original_outlet", "event").prefetch_related(
            "people"
        ),
        pk=pk,
    )
    siblings = article.event.articles.exclude(pk=article.pk).select_related("outlet").order_by("pk")
    return render(
        request, "archive/article_detail.html", {"article": article, "siblings": siblings}
    )


@require_safe
def person_list(request: HttpRequest) -> HttpResponse:
    people = Person.objects.annotate(event_count=Count("events", distinct=True)).order_by(
        "country", "-event_count", "name"
    )
    return render(request, "archive/person_list.html", {"people": people})


@require_safe
def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(Person.objects.prefetch_related("aliases"), slug=slug)
    events = person.events.prefetch_related(_versions()).order_by("date", "pk")
    return render(request, "archive/person_detail.html", {"person": person, "events": events})


@require_safe
def outlet_list(request: HttpRequest) -> HttpResponse:
    outlets = Outlet.objects.annotate(article_count=Count("articles")).order_by("name")
    return render(request, "archive/outlet_list.html", {"outlets": outlets})


@require_safe
def outlet_detail(request: HttpRequest, slug: str) -> HttpResponse:
    outlet = get_object_or_404(Outlet, slug=slug)
    articles = outlet.articles.select_related("event", "original_outlet").order_by(
        "-published_on", "-pk"
    )
    return render(request, "archive/outlet_detail.html", {"outlet": outlet, "articles": articles})
