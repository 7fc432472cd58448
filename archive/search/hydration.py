"""What a search reads from the database: the people a query names, and the page's events and
versions with their snippets. Both engines' paths call it with the ids their index gave.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.db.models import Q
from django.urls import NoReverseMatch, reverse

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


# What Django's `int` and `slug` path converters take; anything else goes through `reverse`.
_INT = re.compile(r"[0-9]+\Z")
_SLUG = re.compile(r"[-a-zA-Z0-9_]+\Z")
_SENTINEL = "9073614825"  # a value both converters take, found nowhere else in a URL


def url_maker(name: str) -> Callable[[object], str]:
    """`value -> reverse(name, args=[value])` for a URL with one `int` or `slug` part, reversed
    once for the page: `reverse` costs ~25 us, a page shows ~40 links. The URL's text around its
    part is taken from reversing a sentinel value, and checked against a second one; a value that
    is not plain digits or slug characters (which `reverse` would quote or refuse) is reversed."""
    head, found, tail = reverse(name, args=[_SENTINEL]).rpartition(_SENTINEL)
    if not found or reverse(name, args=["24"]) != f"{head}24{tail}":
        return lambda value: reverse(name, args=[value])
    try:
        reverse(name, args=["ab"])
        plain = _SLUG
    except NoReverseMatch:  # an `int` part
        plain = _INT

    def url(value) -> str:
        text = str(value)
        return f"{head}{text}{tail}" if plain.match(text) else reverse(name, args=[value])

    return url


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
    article_url = url_maker("article_detail")
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
                url=article_url(pk),
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
