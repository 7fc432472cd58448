"""The event page: every version of one event side by side, aligned, with differences marked."""

import re
from collections import Counter
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from archive import compare, diffs, version_differences
from archive.events import related_events
from archive.models import Article, Event, EventRedirect
from archive.naming import name_event_from_versions, name_events
from archive.views.discovery import cite_event

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
    # the same fact told with different values: (kind's label, [(version, its words)])
    conflicts: list[tuple[str, list[tuple[Article, str]]]]


def fact_label(kind: str) -> str:
    return {
        "date": gettext("Date"),
        "time": gettext("Time"),
        "number": gettext("Number"),
        "name": gettext("Name"),
    }.get(kind, kind)


def short_labels(articles: list[Article]) -> dict[int, str]:
    """What "What differs" calls each version: its outlet's abbreviation when its name ends in
    one ("Vietnam News Agency (VNA)": VNA), with the language when two versions share it."""
    labels = {}
    for article in articles:
        name = article.outlet.name
        found = re.search(r"\(([^()]{2,12})\)$", name)
        labels[article.pk] = found.group(1) if found else name
    repeated = Counter(labels.values())
    return {
        pk: f"{label} ({article.language})" if repeated[label] > 1 else label
        for (pk, label), article in zip(labels.items(), articles, strict=True)
    }


# Aligning and diffing long versions costs tens of milliseconds; the result only changes when a
# version does, so it is kept (per process, Django's cache) under the versions' ids and times.
COMPARISON_CACHE_SECONDS = 24 * 3600


def compare_versions(articles: list[Article]) -> Comparison:
    """Align the versions' paragraphs; within a language, mark word differences against the
    first version in that language (its own column shows what the second one lacks)."""
    key = "compare2:" + ",".join(f"{a.pk}:{a.updated_at.timestamp()}" for a in articles)
    rows, only_in, numbers, conflicts = cache.get_or_set(
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
        conflicts=[
            (fact_label(kind), [(by_key[key], said) for key, said in values])
            for kind, values in conflicts
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
    summary = version_differences.summarize(versions, rows)
    numbers = [(label, list(found.items())) for label, found in summary.numbers]
    conflicts = [(c.kind, list(c.values)) for c in summary.conflicts]
    return html_rows, list(summary.only_in.items()), numbers, conflicts


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
    every = list(event.articles.all())
    chosen = chosen_versions(request, every)
    baseline = baseline_of(request, chosen)
    versions = [baseline, *(a for a in chosen if a is not baseline)] if baseline else chosen
    related = related_events(event)
    name_event_from_versions(event, every)
    name_events(related)
    canonical = request.build_absolute_uri(event.get_absolute_url())
    context = {
        "event": event,
        "versions": versions,
        "every_version": every,
        "chosen_ids": {a.pk for a in chosen} if len(chosen) < len(every) else set(),
        "baseline": baseline,
        "labels": short_labels(every),
        "view": view,
        "comparison": compare_versions(versions) if view == "aligned" and versions else None,
        "related": related,
        **participants_and_mentions(event, every),
        "citation": cite_event(event, canonical, len(every)),
    }
    return render(request, "archive/event_detail.html", context)


# A reader compares two or three versions at a time: more do not fit side by side.
MAX_COMPARED = 3


def chosen_versions(request: HttpRequest, versions: list[Article]) -> list[Article]:
    """The versions the reader ticked (`?compare=<id>`, up to MAX_COMPARED), in the event's
    order; every version when none (or one alone) is ticked."""
    wanted = set(request.GET.getlist("compare"))
    chosen = [a for a in versions if str(a.pk) in wanted][:MAX_COMPARED]
    return chosen if len(chosen) >= 2 else versions


def baseline_of(request: HttpRequest, versions: list[Article]) -> Article | None:
    """The version the others are compared with: `?base=<id>` when it is shown, else the first."""
    wanted = request.GET.get("base")
    return next((a for a in versions if str(a.pk) == wanted), versions[0] if versions else None)


def participants_and_mentions(event: Event, versions: list[Article]) -> dict:
    """The event's officials split: those taking part, those only mentioned in passing."""
    mentioned = mentioned_in(event, versions)
    people = list(event.people.all())
    return {
        "participants": [p for p in people if p.pk not in mentioned],
        "mentioned": [p for p in people if p.pk in mentioned],
    }


def mentioned_in(event: Event, versions: list[Article]) -> set[int]:
    """Ids of the event's officials no version's headline or lead names: named in passing."""
    principals = {slug for a in versions for slug in (a.fingerprint or {}).get("principals", [])}
    if not principals:  # stored before the importer kept principals: every official takes part
        return set()
    return {p.pk for p in event.people.all() if p.slug not in principals}
