"""The read-only JSON API (INTERFACE.md): one function per resource, JSON errors for bad input."""

from django.db.models import F
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe

from archive.ingest.weburl import web_url
from archive.models import Article, Event, EventRedirect, Person, PersonRedirect
from archive.search.contract import InvalidSearch, SearchForm
from archive.search.cost import SearchTooCostly
from archive.search.hydration import url_maker
from archive.search.service import search as run_search


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def _article_json(article: Article) -> dict:
    return {
        "id": article.pk,
        "title": article.title,
        "outlet": article.outlet.name,
        "original_outlet": article.original_outlet.name if article.original_outlet else None,
        "language": article.language,
        "published_on": article.published_on.isoformat() if article.published_on else None,
        "source_url": web_url(article.source_url),
        "url": article.get_absolute_url(),
        "body": article.body,
    }


def _articles():
    return Article.objects.public().select_related("outlet", "original_outlet")


@require_safe
def search(request: HttpRequest) -> JsonResponse:
    try:
        params = SearchForm(request.GET).search_params()
        page = run_search(params)
    except (InvalidSearch, SearchTooCostly) as exc:
        return _error(str(exc), 400)  # English, whatever the language (INTERFACE.md)
    event_url = url_maker("event_detail")  # Event.get_absolute_url, reversed once
    return JsonResponse(
        {
            "count": page.count,
            "event_count": page.event_count,
            "page": page.page,
            "pages": page.pages,
            "results": [
                {
                    "event": {
                        "id": hit.event.pk,
                        "slug": hit.event.slug,
                        "title": hit.event.title,
                        "date": hit.event.date.isoformat() if hit.event.date else None,
                        "url": event_url(hit.event.slug),
                    },
                    "articles": [
                        {
                            "id": a.id,
                            "title": a.title,
                            "outlet": a.outlet,
                            "language": a.language,
                            "url": a.url,
                            "snippet": a.snippet,
                        }
                        for a in hit.articles
                    ],
                }
                for hit in page.results
            ],
            "facets": page.api_facets(),
            "suggestion": page.suggestion,
            "notice": page.notice,
        }
    )


@require_safe
def event_detail(request: HttpRequest, slug: str) -> JsonResponse:
    event = Event.objects.public().prefetch_related("people").filter(slug=slug).first()
    if event is None:
        moved = EventRedirect.objects.filter(old_slug=slug).select_related("event").first()
        if moved is None:
            return _error(f"no event {slug!r}", 404)
        event = moved.event  # merged into another event: answer with that one
    articles = _articles().filter(event=event).order_by("published_on", "pk")
    return JsonResponse(
        {
            "id": event.pk,
            "slug": event.slug,
            "title": event.title,
            "date": event.date.isoformat() if event.date else None,
            "place": event.place or None,
            "people": sorted(person.slug for person in event.people.all()),
            "articles": [_article_json(article) for article in articles],
        }
    )


@require_safe
def article_detail(request: HttpRequest, pk: int) -> JsonResponse:
    article = _articles().filter(pk=pk).first()
    if article is None:
        return _error(f"no article {pk}", 404)
    return JsonResponse(_article_json(article))


@require_safe
def person_detail(request: HttpRequest, slug: str) -> JsonResponse:
    person = Person.objects.prefetch_related("aliases", "roles").filter(slug=slug).first()
    if person is None:
        moved = PersonRedirect.objects.filter(old_slug=slug).select_related("person").first()
        if moved is None:
            return _error(f"no person {slug!r}", 404)
        person = moved.person
    events = person.events.public().order_by(F("date").asc(nulls_last=True), "pk")
    return JsonResponse(
        {
            "slug": person.slug,
            "name": person.name,
            "country": person.country or None,
            "aliases": [alias.name for alias in person.aliases.all()],
            "roles": [
                {
                    "title": role.title,
                    "organisation": role.organisation or None,
                    "first_seen": _iso(role.first_seen),
                    "last_seen": _iso(role.last_seen),
                }
                for role in person.roles.all()
            ],
            "events": [{"slug": e.slug, "date": _iso(e.date), "title": e.title} for e in events],
        }
    )
