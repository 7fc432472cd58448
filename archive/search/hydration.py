"""What a search reads from the database: the people a query names, and the page's events and
versions with their snippets. Both engines' paths call it with the ids their index gave.
"""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse

from archive.ingest.text import fold, slugify
from archive.models import Article, Event, Outlet, Person
from archive.search.contract import ArticleHit, EventHit
from archive.search.highlight import snippet
from archive.search.names import as_name_phrases
from archive.search.querysyntax import ParsedQuery
from archive.search.segmenting import CJK


def people_named_in(q: str) -> list[str]:
    """Slugs of the people whose name or alias the query spells out (2 to 4 words in a row, or
    one word in a script written without spaces: `石破茂`)."""
    words = fold(q).replace('"', " ").split()
    spans = {" ".join(words[i : i + n]) for n in (2, 3, 4) for i in range(len(words) - n + 1)}
    spans |= {word for word in words if CJK.search(word)}
    if not spans:
        return []
    spelled = Q(aliases__folded__in=spans) | Q(slug__in=[slugify(span) for span in spans])
    return sorted(set(Person.objects.filter(spelled).values_list("slug", flat=True)))


# What a result shows of its event, read with its versions; in the model's field order, as
# `Model.from_db` takes values.
EVENT_FIELDS = ("id", "title", "slug", "date")


def event_hits(event_ids: list[int], article_ids: list[int], parsed: ParsedQuery):
    """The page's events with their matching versions (`article_ids`, best first), snippets cut.

    One query reads the versions as rows of values joined with their outlets and events: models
    built for ~30 versions, their outlets and events cost more than the query (1.6 against 0.5
    ms for a page of a rare word). Each event is built once, holding the fields a result shows
    (the others are deferred, as `only()` would leave them).
    """
    rows = Article.objects.filter(pk__in=article_ids).values_list(
        "pk",
        "title",
        "language",
        "published_on",
        "body",
        "outlet__slug",
        "outlet__name",
        *(f"event__{name}" for name in EVENT_FIELDS),
    )
    articles = {row[0]: row for row in rows}
    leaves = as_name_phrases(parsed.positive_leaves())  # `To Lam` marked as a name, not "to"
    grouped: dict[int, EventHit] = {}
    order = {event_id: i for i, event_id in enumerate(event_ids)}
    db = Article.objects.db
    for article_id in article_ids:
        row = articles.get(article_id)
        if row is None:  # deleted since it was indexed; the queue will remove it
            continue
        pk, title, language, published_on, body, outlet_slug, outlet_name, *event = row
        hit = grouped.get(event[0])
        if hit is None:
            hit = grouped[event[0]] = EventHit(Event.from_db(db, EVENT_FIELDS, event), [])
        hit.articles.append(
            ArticleHit(
                id=pk,
                title=title,
                outlet=outlet_name,
                language=language,
                url=reverse("article_detail", args=[pk]),
                snippet=snippet(body, leaves, language),
                outlet_slug=outlet_slug,
                published_on=published_on,
            )
        )
    return sorted(grouped.values(), key=lambda hit: order.get(hit.event.pk, len(order)))


def person_names(slugs: list[str]) -> dict[str, str]:
    """{slug: name} of the people of a facet."""
    if not slugs:
        return {}
    return dict(Person.objects.filter(slug__in=slugs).values_list("slug", "name"))


def outlet_names() -> dict[str, str]:
    """{slug: name} of every outlet (the index holds outlet slugs)."""
    return dict(Outlet.objects.values_list("slug", "name"))
