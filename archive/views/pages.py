"""Server-rendered pages: home, events (all versions side by side), articles, people, outlets."""

from django.db.models import Count, F, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from archive.ingest.text import fold, slugify
from archive.models import Article, Event, Outlet, Person, PersonRedirect

COMPANIONS = 8


def companions(person: Person) -> list[Person]:
    """The officials who appear in the most events with `person` (each with `shared`)."""
    return list(
        Person.objects.filter(events__people=person)
        .exclude(pk=person.pk)
        .annotate(shared=Count("events", distinct=True))
        .order_by("-shared", "name")[:COMPANIONS]
    )


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
    query = request.GET.get("q", "").strip()[:100]
    people = Person.objects.annotate(event_count=Count("events", distinct=True)).order_by(
        "country", "-event_count", "name"
    )
    if query:
        folded = fold(query)
        people = people.filter(
            Q(aliases__folded__contains=folded) | Q(slug__contains=slugify(query))
        )
        people = people.distinct()
    return render(request, "archive/person_list.html", {"people": people, "filter": query})


@require_safe
def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    person = Person.objects.prefetch_related("aliases", "roles").filter(slug=slug).first()
    if person is None:
        moved = get_object_or_404(PersonRedirect.objects.select_related("person"), old_slug=slug)
        return redirect(moved.person, permanent=True)
    events = person.events.prefetch_related(_versions()).order_by(
        F("date").asc(nulls_last=True), "pk"
    )
    context = {"person": person, "events": events, "companions": companions(person)}
    return render(request, "archive/person_detail.html", context)


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
