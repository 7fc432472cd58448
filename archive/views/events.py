"""The event page: every version of one event side by side, aligned, with differences marked."""

from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_safe

from archive import compare, diffs
from archive.events import related_events
from archive.models import Article, Event, EventRedirect

VIEWS = ("aligned", "full")


@dataclass
class Cell:
    html: SafeString | None  # None: this version has no counterpart paragraph here
    language: str


@dataclass
class Comparison:
    rows: list[list[Cell]]
    only_in: list[tuple[Article, int]]  # versions with paragraphs no other version has
    numbers: list[tuple[str, list[tuple[Article, list[str]]]]]  # numbers some versions lack


# Aligning and diffing long versions costs tens of milliseconds; the result only changes when a
# version does, so it is kept (per process, Django's cache) under the versions' ids and times.
COMPARISON_CACHE_SECONDS = 24 * 3600


def compare_versions(articles: list[Article]) -> Comparison:
    """Align the versions' paragraphs; within a language, mark word differences against the
    first version in that language (its own column shows what the second one lacks)."""
    key = "compare:" + ",".join(f"{a.pk}:{a.updated_at.timestamp()}" for a in articles)
    rows, only_in, numbers = cache.get_or_set(
        key, lambda: _aligned(articles), COMPARISON_CACHE_SECONDS
    )
    by_key = {a.pk: a for a in articles}
    return Comparison(
        rows=[[Cell(html, language) for html, language in row] for row in rows],
        only_in=[(by_key[key], n) for key, n in only_in if n],
        numbers=[
            (label, [(by_key[key], found) for key, found in per_version])
            for label, per_version in numbers
        ],
    )


def _aligned(articles: list[Article]):
    """The comparison as plain data (HTML strings and version ids), fit for the cache."""
    versions = [compare.Version(a.pk, a.language, tuple(a.paragraphs)) for a in articles]
    rows = compare.align(versions)
    first_of_language: dict[str, int] = {}
    for position, article in enumerate(articles):
        first_of_language.setdefault(article.language, position)
    html_rows = [
        [
            (_cell_html(position, row, articles, first_of_language), article.language)
            for position, article in enumerate(articles)
        ]
        for row in rows
    ]
    summary = compare.summarize(versions, rows)
    numbers = [(label, list(found.items())) for label, found in summary.numbers]
    return html_rows, list(summary.only_in.items()), numbers


def _cell_html(position, row, articles, first_of_language) -> SafeString | None:
    text = row.cells[position]
    if text is None:
        return None
    language = articles[position].language
    pivot = first_of_language[language]
    if position != pivot and row.cells[pivot] is not None:
        if row.cells[pivot] == text:  # most paragraphs of near-copies: nothing to mark
            return mark_safe(diffs.render_diff([diffs.Segment(diffs.SAME, text)]))
        _, mine = diffs.word_diff(row.cells[pivot], text)
        return mark_safe(diffs.render_diff(mine))  # render_diff escapes every word
    partner = next(
        (
            other
            for other in range(len(articles))
            if other != position
            and articles[other].language == language
            and row.cells[other] is not None
        ),
        None,
    )
    if partner is None or row.cells[partner] == text:
        return mark_safe(diffs.render_diff([diffs.Segment(diffs.SAME, text)]))
    mine, _ = diffs.word_diff(text, row.cells[partner])
    return mark_safe(diffs.render_diff(mine))


@require_safe
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    events = Event.objects.with_versions().prefetch_related("people")
    if not request.user.is_staff:  # editors preview drafts; visitors see published events only
        events = events.public()
    event = events.filter(slug=slug).first()
    if event is None:
        moved = get_object_or_404(EventRedirect.objects.select_related("event"), old_slug=slug)
        return redirect(moved.event, permanent=True)
    view = request.GET.get("view", "aligned")
    if view not in VIEWS:
        view = "aligned"
    versions = list(event.articles.all())
    context = {
        "event": event,
        "versions": versions,
        "view": view,
        "comparison": compare_versions(versions) if view == "aligned" and versions else None,
        "related": related_events(event),
    }
    return render(request, "archive/event_detail.html", context)
