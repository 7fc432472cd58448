"""Server-rendered pages: the home page, an article, the officials and an official's events, the
outlets and an outlet's stories. (An event's page is in events.py, search in search.py.)"""

from collections import Counter

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from archive.ingest.text import fold, slugify
from archive.models import UNPUBLISHED, Article, Event, Outlet, Person, PersonRedirect
from archive.naming import name_events
from archive.provenance import describe
from archive.views import dates
from archive.views.discovery import cite, description
from archive.views.params import page_number

COMPANIONS = 8


def companions(person: Person) -> list[Person]:
    """The officials who appear in the most events with `person` (each with `shared`)."""
    return list(
        Person.objects.filter(events__people=person, events__status=Event.Status.PUBLISHED)
        .exclude(pk=person.pk)
        .annotate(shared=Count("events", distinct=True))
        .order_by("-shared", "name")[:COMPANIONS]
    )


HOME_EVENTS = 12
HOME_MONTHS = 12  # the home page's strip: the most recent months that have events
TOP_OFFICIALS = 8
OUTLET_ARTICLES = 50  # per page
PERSON_EVENTS = 50  # per page


def published_counts(rows, *fields: str) -> Counter:
    """How many of `rows` (articles, or event-official links) belong to published events, per
    value of `fields` (a tuple of values with several fields).

    All rows are counted, then those of events not published (few, found through the event
    status index) are taken off: counted on the published events directly, every row is joined
    to its event to check its status, which on a large archive costs several times more
    (docs/measurements.md).
    """
    grouped = rows.order_by().values(*fields).annotate(n=Count("pk")).values_list(*fields, "n")

    def keyed(grouped) -> Counter:
        return Counter({row[0] if len(fields) == 1 else row[:-1]: row[-1] for row in grouped})

    counts = keyed(grouped)
    counts.subtract(keyed(grouped.filter(event__status__in=UNPUBLISHED)))
    return +counts  # without the values left at zero


def most_active_officials() -> list[Person]:
    """The officials taking part in the most published events (each with `event_count`, and
    `mentioned_count`: events that only mention them), ties by name.

    A link is unique per (event, official), so a count of links is a count of events. An
    official only mentioned in passing (named by no version's headline or lead: the importer's
    "principals") does not take part: the leading candidates' links are checked against their
    versions' principals (`participation`), so a former prime minister named in passing does not
    fill the list.
    """
    counts = published_counts(Event.people.through.objects.all(), "person_id")
    ranked = sorted(counts.values(), reverse=True)
    if not ranked:
        return []
    # Taking part is checked for a few times the list's length: mentions only ever lower a count.
    cut = ranked[min(TOP_OFFICIALS * CANDIDATE_FACTOR, len(ranked)) - 1]
    candidates = [pk for pk, n in counts.items() if n >= cut]
    taking_part, mentioned = participation(candidates)
    officials = Person.objects.in_bulk([pk for pk in candidates if taking_part[pk]])
    for pk, person in officials.items():
        person.event_count = taking_part[pk]
        person.mentioned_count = mentioned[pk]
    return sorted(officials.values(), key=lambda p: (-p.event_count, p.name))[:TOP_OFFICIALS]


CANDIDATE_FACTOR = 3


def participation(person_ids: list[int]) -> tuple[Counter, Counter]:
    """Per official, the published events they take part in, and those that only mention them.

    Two queries: the officials' published events, and those events' versions' principals. An
    official none of whose event's versions names in its headline or lead is only mentioned;
    an event whose versions record no principals (stored before the importer kept them)
    counts its officials as taking part.
    """
    links = Event.people.through.objects.filter(
        person_id__in=person_ids, event__status=Event.Status.PUBLISHED
    ).order_by()
    rows = Article.objects.filter(event_id__in=links.values("event_id")).values_list(
        "event_id", "fingerprint__principals"
    )
    named: dict[int, set[str]] = {}
    for event_id, principals in rows.order_by():
        if principals is not None:
            named.setdefault(event_id, set()).update(principals)
    taking_part, mentioned = Counter(), Counter()
    for person_id, slug, event_id in links.values_list("person_id", "person__slug", "event_id"):
        takes_part = event_id not in named or slug in named[event_id]
        (taking_part if takes_part else mentioned)[person_id] += 1
    return taking_part, mentioned


def events_named(events) -> list[Event]:
    events = list(events)
    name_events(events)
    return events


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    # Each event's versions counted in a subquery on the article index: a join groups every
    # event with all its articles before the newest few are picked.
    versions = (
        Article.objects.filter(event=OuterRef("pk"))
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    events = (
        Event.objects.public()
        .annotate(version_count=Coalesce(Subquery(versions), 0))
        .prefetch_related("people")
        .order_by(F("date").desc(nulls_last=True), "-pk")[:HOME_EVENTS]
    )
    events = list(events)
    name_events(events)
    totals = published_totals()
    context = {
        "events": events,
        "officials": cache.get_or_set(
            f"home-officials:{totals[0]}-{totals[1]}",
            most_active_officials,
            PARTICIPATION_CACHE_SECONDS,
        ),
        "months": dates.recent_months(HOME_MONTHS),
        "event_total": totals[0],
        "article_total": totals[1],
    }
    return render(request, "archive/home.html", context)


def published_totals() -> tuple[int, int]:
    """The published events and their articles, counted as `published_counts` counts (all
    articles, less those of unpublished events: no join)."""
    unpublished = Article.objects.filter(event__status__in=UNPUBLISHED).count()
    return Event.objects.public().count(), Article.objects.count() - unpublished


# Who takes part in which events reads the headline officials of every version of their events,
# the largest cost of the home and person pages in a large archive (docs/measurements.md). It is
# kept per process (Django's cache) under `published_totals`, which an import, a merge, an event
# hidden, published or deleted all change; after an edit that changes neither total (an
# official's place in a version's lead), for at most this long.
PARTICIPATION_CACHE_SECONDS = 600


@require_safe
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(
        Article.objects.public()
        .select_related("outlet", "original_outlet", "event")
        .prefetch_related("people"),
        pk=pk,
    )
    siblings = article.event.articles.exclude(pk=article.pk).select_related("outlet").order_by("pk")
    canonical = request.build_absolute_uri(article.get_absolute_url())
    name_events([article.event])
    context = {
        "article": article,
        "siblings": siblings,
        "canonical": canonical,
        "citation": cite(article, canonical),
        "description": description(article.body),
        "provenance": describe(article, request.user),
    }
    return render(request, "archive/article_detail.html", context)


@require_safe
def person_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    people = Person.objects.order_by("country", "name")
    if query:
        folded = fold(query)
        people = people.filter(
            Q(aliases__folded__contains=folded) | Q(slug__contains=slugify(query))
        )
        people = people.distinct()
    # By country, most events first, then by name: the database sorts countries and names (in
    # its collation), a stable sort here by event counts (`published_counts`: one grouped count,
    # where a subquery per official grows with the archive).
    people = list(people)
    counts = published_counts(Event.people.through.objects.all(), "person_id")
    countries: dict[str, int] = {}
    for person in people:
        person.event_count = counts[person.pk]
        countries.setdefault(person.country, len(countries))
    people.sort(key=lambda person: (countries[person.country], -person.event_count))
    return render(request, "archive/person_list.html", {"people": people, "filter": query})


@require_safe
def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    person = Person.objects.prefetch_related("aliases", "roles").filter(slug=slug).first()
    if person is None:
        moved = get_object_or_404(PersonRedirect.objects.select_related("person"), old_slug=slug)
        return redirect(moved.person, permanent=True)
    # Each event's versions, oldest first, loading only what the timeline shows (an article's
    # raw capture, body and blocks are most of its row).
    versions = (
        Article.objects.select_related("outlet")
        .only("id", "event_id", "language", "published_on", "outlet__name", "outlet__slug")
        .order_by("published_on", "pk")
    )
    events = (
        person.events.public()
        .prefetch_related(Prefetch("articles", queryset=versions))
        .order_by(F("date").asc(nulls_last=True), "pk")
    )
    # Paginated: a busy official is in hundreds of events; a page costs the same queries whatever
    # the total.
    page = Paginator(events, PERSON_EVENTS).get_page(page_number(request))
    events = events_named(page.object_list)
    for event in events:  # named in passing only: no version's headline or lead names them
        event.only_mentioned = (
            event.principal_slugs is not None and person.slug not in event.principal_slugs
        )
    taking_part, mentioned = cache.get_or_set(
        "participation:{}:{}-{}".format(person.pk, *published_totals()),
        lambda: participation([person.pk]),
        PARTICIPATION_CACHE_SECONDS,
    )
    context = {
        "person": person,
        "page": page,
        "events": events,
        "companions": companions(person),
        "participant_count": taking_part[person.pk],
        "mentioned_count": mentioned[person.pk],
    }
    return render(request, "archive/person_detail.html", context)


@require_safe
def outlet_list(request: HttpRequest) -> HttpResponse:
    outlets = list(Outlet.objects.order_by("name"))
    languages: dict[int, list[tuple[str, int]]] = {}
    per_language = published_counts(Article.objects.all(), "outlet_id", "language")
    for (outlet_id, language), n in sorted(per_language.items(), key=lambda i: (-i[1], i[0][1])):
        languages.setdefault(outlet_id, []).append((language, n))  # commonest language first
    republished = published_counts(
        Article.objects.filter(original_outlet__isnull=False), "original_outlet_id"
    )
    for outlet in outlets:
        outlet.languages = languages.get(outlet.pk, [])
        outlet.republished_count = republished.get(outlet.pk, 0)
        # Its stories: those it published and those others republished from it.
        outlet.article_count = sum(n for _, n in outlet.languages) + outlet.republished_count
    # The registry's outlets the archive has no story of yet are not listed.
    outlets = [outlet for outlet in outlets if outlet.article_count]
    return render(request, "archive/outlet_list.html", {"outlets": outlets})


@require_safe
def outlet_detail(request: HttpRequest, slug: str) -> HttpResponse:
    outlet = get_object_or_404(Outlet, slug=slug)
    published = Article.objects.public()
    # Its stories: those it published, and those others republished from it ("via Vietnam.vn").
    newest_first = published.filter(Q(outlet=outlet) | Q(original_outlet=outlet)).order_by(
        F("published_on").desc(nulls_last=True), "-pk"
    )
    # The page's ids first, then their rows: sorting ids needs only the indexes of the two
    # columns (`article_outlet_idx`, the original outlet's), where sorting rows reads every one
    # of the outlet's articles, large rows, from the table.
    page = Paginator(newest_first.values_list("pk", flat=True), OUTLET_ARTICLES).get_page(
        page_number(request)
    )
    articles = (
        newest_first.filter(pk__in=list(page.object_list))
        .select_related("event", "outlet", "original_outlet")
        .defer("raw", "body", "blocks", "fingerprint")  # most of a row; the list shows none
    )
    languages = (
        published.filter(outlet=outlet)
        .values("language")
        .annotate(n=Count("pk"))
        .order_by("-n", "language")
    )
    # Whose stories it republishes, and who republishes its stories (published events only).
    republishes = (
        Outlet.objects.filter(
            republished_articles__outlet=outlet,
            republished_articles__event__status=Event.Status.PUBLISHED,
        )
        .annotate(n=Count("republished_articles"))
        .order_by("-n", "name")
    )
    republished_by = (
        Outlet.objects.filter(
            articles__original_outlet=outlet, articles__event__status=Event.Status.PUBLISHED
        )
        .annotate(n=Count("articles"))
        .order_by("-n", "name")
    )
    context = {
        "outlet": outlet,
        "page": page,
        "articles": articles,
        "languages": languages,
        "republishes": republishes,
        "republished_by": republished_by,
    }
    return render(request, "archive/outlet_detail.html", context)
