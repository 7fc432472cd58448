"""Assigning articles to events, and keeping each event's metadata derived from its versions.

Which two articles tell the same event is decided by archive.ingest.grouping (pure, symmetric).
Here we find the candidates in the database (by date, never all pairs), join, create or merge
events, and derive an event's date, place, title and people from its versions. Because matching is
pairwise and symmetric and a new article that matches two events merges them, the events are the
connected groups of matching articles whatever order the captures arrive in.
"""

import datetime
from collections import Counter
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import Count

from archive.event_candidates import candidate_articles, evidence_for, forget_text, remember_text
from archive.ingest import grouping
from archive.ingest.tenures import shifted
from archive.models import (
    UNPUBLISHED,
    Article,
    Event,
    EventRedirect,
    MergeProposal,
    Person,
    record_history,
    saves_without_history,
    unique_slug,
)
from archive.search import sync


# No savepoint of its own: an import calls it inside the capture's transaction, and a failure
# here fails that whole capture anyway.
@transaction.atomic(savepoint=False)
def assign_event(
    article: Article, people: list[Person] | None = None, *, reconsider: bool = True
) -> tuple[Event, bool]:
    """Put `article` in the event it tells, save it, and return (event, created).

    `article` may be new (unsaved, with its `people` given) or already stored (re-assignment: it
    leaves its old event, which is deleted if that leaves it empty).

    An undated story joins the one event it fits (`_events_told`); that event may arrive after
    it. So the undated stories of the events this article only may tell are asked again
    (`reconsider`): the order in which captures arrive does not decide where they end.
    """
    thresholds = grouping.Thresholds(window_days=settings.ARCHIVE_EVENT_WINDOW_DAYS)
    if people is None:
        slugs = [person.slug for person in article.people.all()]
    else:
        slugs = [person.slug for person in people]
    evidence = evidence_for(article, slugs)
    matched, possible, uncertain = _events_told(article, evidence, slugs, thresholds)
    if uncertain != ("event_uncertain" in article.review_reasons):
        others = [flag for flag in article.review_reasons if flag != "event_uncertain"]
        article.review_reasons = [*others, "event_uncertain"] if uncertain else others
    if not matched:
        event = Event(
            title=article.title[:300],
            slug=unique_slug(Event, article.title, 100),  # no date in it: the date may change
            # The meeting's day, never a guessed year.
            date=None if article.year_inferred else article.occurred_on or article.published_on,
            place=article.place,
        )
        with saves_without_history(event):  # one record once it has its officials (below)
            event.save(force_insert=True)
        created = True
    else:
        event = Event.objects.get(pk=min(matched))
        if len(matched) > 1:  # The article bridges events: they were one event all along.
            merge_events(event, Event.objects.filter(pk__in=matched - {event.pk}))
        created = False
    bridged = not created and len(matched) > 1
    previous = article.event_id
    is_new = article._state.adding
    article.event = event
    article.save()
    if is_new:
        remember_text(article.pk, article.content_hash, evidence)
    if people is not None:
        if is_new:
            # It has no links yet (set() would first read them), and saving it just queued it
            # for indexing: the links are inserted as they are, without a second queue row.
            links = Article.people.through
            links.objects.bulk_create(
                [links(article_id=article.pk, person_id=person.pk) for person in people]
            )
        else:
            article.people.set(people)
    if possible:
        _propose_merges(event, possible)
    if previous and previous != event.pk:
        _after_leaving(previous, event)
    if created:
        with saves_without_history(event):
            if people is not None:
                # Its only version gave it its title, date and place: only the officials are
                # left, and it has none yet (add() would first read them).
                links = Event.people.through
                links.objects.bulk_create(
                    [links(event_id=event.pk, person_id=person.pk) for person in set(people)]
                )
            else:
                _refresh(event)
        record_history(event, "+")
    else:
        refresh_event(event)
    if possible and reconsider:
        _reconsider_undated(set(possible), thresholds)
    if bridged and reconsider:
        _reconsider_proposed(event, thresholds)
    return event, created


def _reconsider_proposed(event: Event, thresholds: grouping.Thresholds) -> None:
    """Ask again the lone stories of the events proposed for merging with `event`, which was
    just made of several: a story that fitted two events of its day (the day's round-up, come
    before its versions were one event) may fit one now, and joins it."""
    proposed = {
        *MergeProposal.objects.filter(event=event).values_list("candidate_id", flat=True),
        *MergeProposal.objects.filter(candidate=event).values_list("event_id", flat=True),
    }
    lone = (
        Event.objects.filter(pk__in=proposed, curated=False)
        .annotate(versions=Count("articles"))
        .filter(versions=1)
        .values_list("pk", flat=True)
    )
    stories = Article.objects.filter(event_id__in=list(lone), occurred_on__isnull=False)
    for article in stories.order_by("pk").prefetch_related("people"):
        slugs = [person.slug for person in article.people.all()]
        evidence = evidence_for(article, slugs)
        matched, possible, uncertain = _events_told(article, evidence, slugs, thresholds)
        if matched == {event.pk}:
            move_article(article, event)
            _flag_uncertain(article, uncertain)
            _propose_merges(event, possible)


def _events_told(
    article: Article,
    evidence: grouping.Evidence,
    slugs: list[str],
    thresholds: grouping.Thresholds,
    ignore: frozenset[int] = frozenset(),
) -> tuple[set[int], dict[int, str], bool]:
    """The events `article` tells (by `grouping.match`), those it only may tell with why (to
    propose to an editor), and whether it was joined to one of those without certainty.
    The articles `ignore` lists are not compared (`_reconsider_undated`)."""
    matched: set[int] = set()
    possible: dict[int, str] = {}  # events it may tell (grouping.Match.uncertain), with why
    likely: set[int] = set()  # of those, the ones only a date is missing for
    dated: set[int] = set()  # of those, the ones a dated version fits (not only undated ones)
    alike: set[int] = set()  # of those, the ones with a version whose lead names the same people
    contradicted: set[int] = set()  # events with a version that gives another place or day
    overlap: dict[int, int] = {}  # of those, the most names and figures a version shares
    by_dated: set[int] = set()  # the events it tells through a version dated with its year
    of_the_day: set[int] = set()  # events it may tell as the day's round-up or its meeting
    other_meeting: set[int] = set()  # events with a version telling another meeting that day
    by_names: set[int] = set()  # the events it tells by names alone (grouping's rule 2)...
    firmly: set[int] = set()  # ...and those it tells by another rule too
    # Its officials, and whom its lead says the meeting is between (a new name in Japanese
    # script reads as someone known: `officials.principals`).
    sharing = [*slugs, *sorted(evidence.principals - set(slugs))]
    for candidate in candidate_articles(
        article, thresholds.window_days, sharing, like=evidence, thresholds=thresholds
    ):
        if candidate.pk in ignore:
            continue
        result = grouping.match(evidence, candidate.evidence, thresholds)
        if result.same_event:
            matched.add(candidate.event_id)
            (by_names if result.by_names else firmly).add(candidate.event_id)
            if candidate.evidence.occurred_on is not None and not candidate.evidence.year_inferred:
                by_dated.add(candidate.event_id)
        elif result.uncertain:
            possible.setdefault(candidate.event_id, result.reason)
            if result.likely:
                likely.add(candidate.event_id)
            if result.round_up:
                of_the_day.add(candidate.event_id)
            if candidate.evidence.occurred_on is not None:
                dated.add(candidate.event_id)
            if grouping.principals_of(candidate.evidence) == grouping.principals_of(evidence):
                alike.add(candidate.event_id)
            shared = grouping.shared_names(evidence, candidate.evidence)[0]
            overlap[candidate.event_id] = max(overlap.get(candidate.event_id, 0), shared)
        if grouping.contradicts(evidence, candidate.evidence):
            contradicted.add(candidate.event_id)
        if not result.same_event and grouping.another_meeting_of_the_day(
            evidence, candidate.evidence
        ):
            other_meeting.add(candidate.event_id)
    years_apart = len(matched) > 1 and _years_apart(matched, thresholds.window_days)
    if years_apart:
        # Events of dates far apart are not one event, whatever bridges them (a guessed year,
        # an undated story): an editor decides, and the story joins none of them.
        possible.update(dict.fromkeys(matched, "it would join events of different dates"))
        matched = set()
    shaky = (by_names - firmly) & other_meeting
    if shaky:
        # The same names as one version (a paper writes each meeting of a visit with its whole
        # cast), but another version's lead tells another meeting of that day.
        possible.update(dict.fromkeys(shaky, "the same names, but another meeting of the day"))
        matched -= shaky
    far = _dated_far_from(matched - by_dated, evidence, thresholds.window_days)
    if far:
        # A dated story that an undated version ties to an event of another date: that version
        # joined without a date (`_events_told`'s uncertain joins), or with a guessed year (the
        # same day of another year's meeting); the dates say otherwise.
        possible.update(
            dict.fromkeys(far, "a version without its date or year ties it to another date")
        )
        matched -= far
    # An undated story that fits one event best (`_best_fits`), not counting the events a
    # version of which contradicts it; or a dated story and the round-up of its day (or a
    # round-up and the one meeting of its day it fits), not counting the events of another
    # meeting that day: joined, flagged for an editor to check; the others are proposed.
    if years_apart:
        fits = set()
    elif evidence.occurred_on is None:
        fits = _best_fits(set(possible) - contradicted, likely, dated, alike, overlap)
    else:
        fits = of_the_day - contradicted - other_meeting
    uncertain = not matched and len(fits) == 1
    if uncertain:
        matched = fits
    return matched, {pk: why for pk, why in possible.items() if pk not in matched}, uncertain


def _best_fits(
    fits: set[int], likely: set[int], dated: set[int], alike: set[int], overlap: dict[int, int]
) -> set[int]:
    """The events an undated story fits best: those a dated version fits before those of
    undated versions alone (two undated stories of the same officials may be of two of their
    meetings); of those, the ones only a date is missing for; and of several, the one whose
    versions share the most names and figures with it by a clear margin, else the one whose
    versions' leads name the very officials the story's lead names (the Emperor's banquet,
    not the next day's talks where he is named in passing)."""
    for pool in (fits & dated, fits):
        if pool:
            best = (pool & likely) or pool
            if len(best) > 1:
                ranked = sorted(best, key=lambda pk: overlap.get(pk, 0), reverse=True)
                first, second = (overlap.get(pk, 0) for pk in ranked[:2])
                if first >= second + NAMES_MARGIN:
                    return {ranked[0]}
            return best & alike if len(best & alike) == 1 else best
    return set()


# How many more names and figures one meeting's versions must share with an undated story
# than another's for the story to be taken for that meeting: one (a figure, a project) that
# only one meeting has.
NAMES_MARGIN = 1


def _reconsider_undated(event_ids: set[int], thresholds: grouping.Thresholds) -> None:
    """Move each undated story of these events, with the undated copies that followed it,
    into the one event it now fits, if any; out of the event it joined without certainty if it
    fits another too."""
    # Twice: a group that moved may let another story of its old event move too.
    for _ in range(2):
        undated = Article.objects.filter(event_id__in=event_ids, occurred_on__isnull=True)
        for article in undated.order_by("pk").prefetch_related("people"):
            article.refresh_from_db(fields=["event", "review_flags"])
            slugs = [person.slug for person in article.people.all()]
            evidence = evidence_for(article, slugs)
            group = _undated_copies(article, evidence, slugs, thresholds)
            matched, possible, uncertain = _events_told(
                article, evidence, slugs, thresholds, ignore=frozenset(group)
            )
            if matched and article.event_id not in matched:
                target = Event.objects.get(pk=min(matched))
            elif not matched and "event_uncertain" in article.review_reasons:
                # It joined the one event it fitted; now it fits another too: an editor decides.
                target = None
            else:
                continue
            members = [article, *Article.objects.filter(pk__in=group)]
            if target is None:
                target = split_articles(members)
            else:
                for member in members:
                    move_article(member, target)
            event_ids.add(target.pk)
            _flag_uncertain(article, uncertain)
            _propose_merges(target, possible)


def _undated_copies(
    article: Article, evidence: grouping.Evidence, slugs: list[str], thresholds
) -> set[int]:
    """The undated stories of `article`'s event that are one story with it (its copies)."""
    return {
        candidate.pk
        for candidate in candidate_articles(article, thresholds.window_days, slugs)
        if candidate.event_id == article.event_id
        and candidate.evidence.occurred_on is None
        and grouping.match(evidence, candidate.evidence, thresholds).same_event
    }


def _flag_uncertain(article: Article, uncertain: bool) -> None:
    if uncertain != ("event_uncertain" in article.review_reasons):
        others = [flag for flag in article.review_reasons if flag != "event_uncertain"]
        article.review_reasons = [*others, "event_uncertain"] if uncertain else others
        article.save(update_fields=["review_flags", "updated_at"])


def _dated_far_from(event_ids: set[int], evidence: grouping.Evidence, window_days: int) -> set[int]:
    """The events dated further than the window from the story's confirmed date."""
    day = evidence.published_on
    if not event_ids or day is None or evidence.year_inferred:
        return set()
    dates = Event.objects.filter(pk__in=event_ids).exclude(date=None).values_list("pk", "date")
    return {pk for pk, other in dates if abs((other - day).days) > window_days}


def _years_apart(event_ids: set[int], window_days: int) -> bool:
    dates = [d for d in Event.objects.filter(pk__in=event_ids).values_list("date", flat=True) if d]
    return bool(dates) and (max(dates) - min(dates)).days > window_days


def _propose_merges(event: Event, possible: dict[int, str]) -> None:
    """Leave the events a story fits only possibly (several of them) to an editor: one proposal
    per pair of events, whichever way round it was found."""
    pairs = {tuple(sorted((event.pk, pk))): why for pk, why in possible.items() if pk != event.pk}
    known = MergeProposal.objects.filter(
        event_id__in={a for a, _ in pairs}, candidate_id__in={b for _, b in pairs}
    ).values_list("event_id", "candidate_id")
    for pair in set(known):
        pairs.pop(pair, None)
    MergeProposal.objects.bulk_create(
        [
            MergeProposal(event_id=a, candidate_id=b, reason=why[:300])
            for (a, b), why in pairs.items()
        ],
        ignore_conflicts=True,
    )


@transaction.atomic
def merge_events(target: Event, others: Iterable[Event]) -> None:
    """Move every article of `others` into `target`, delete the emptied events and keep their
    addresses working (they redirect to `target`)."""
    others = [other for other in others if other.pk != target.pk]
    moved = list(Article.objects.filter(event__in=others).values_list("pk", flat=True))
    Article.objects.filter(pk__in=moved).update(event=target)
    for other in others:
        _delete_into(other, target)
    sync.enqueue(moved)
    refresh_event(target)


@transaction.atomic
def split_articles(articles: Iterable[Article]) -> Event:
    """Move `articles` out of their events into one new event (an editor's correction)."""
    articles = sorted(articles, key=lambda a: (a.published_on is None, a.published_on, a.pk))
    first = articles[0]
    event = Event.objects.create(
        title=first.title[:300],
        slug=unique_slug(Event, first.title, 100),
        date=None if first.year_inferred else first.published_on,
    )
    for article in articles:
        move_article(article, event)
    return event


@transaction.atomic
def move_article(article: Article, event: Event) -> None:
    """Put `article` in `event`; its old event is refreshed, or deleted if it is left empty."""
    previous = article.event_id
    if previous == event.pk:
        return
    article.event = event
    article.save(update_fields=["event", "updated_at"])
    article_moved(article, previous)


def article_moved(article: Article, previous_id: int) -> None:
    """After `article` left event `previous_id` for its current event: refresh both."""
    _after_leaving(previous_id, article.event)
    refresh_event(article.event)


def reassign(articles: Iterable[Article]) -> list[tuple[Article, Event]]:
    """Run event assignment again for `articles` (after a correction, or new thresholds)."""
    return [(article, assign_event(article)[0]) for article in articles]


def _after_leaving(previous_id: int, new_home: Event) -> None:
    previous = Event.objects.filter(pk=previous_id).first()
    if previous is None:
        return
    if previous.articles.exists():
        refresh_event(previous)
    else:
        _delete_into(previous, new_home)


def _delete_into(old: Event, target: Event) -> None:
    """Delete an emptied event; links to it now lead to `target`."""
    target.people.add(*old.people.all())
    EventRedirect.objects.filter(event=old).update(event=target)
    EventRedirect.objects.update_or_create(old_slug=old.slug, defaults={"event": target})
    old.delete()


# An article's texts: what event metadata never reads, and what Article's history leaves out.
_BULKY_TEXTS = ("raw", "body", "blocks", "captions", "fingerprint", "content_hash")


def refresh_event(event: Event) -> None:
    """Derive the event's date, place, title and people from its versions.

    The date is the one most versions state outright (a version whose year was only inferred
    does not count: an event of guessed years alone is undated); year-inferred versions then
    take the event's year, which is how a wire story dated "April 3" gets its year from another
    outlet's dated version. An editor's choices
    (`curated`) are kept. The event's history gets one record if anything changed.
    """
    with saves_without_history(event):
        changed = _refresh(event)
    if changed:
        record_history(event)


def _refresh(event: Event) -> bool:
    """`refresh_event`'s work, without history; whether the event changed."""
    # Not the texts: only dates, titles, places and flags decide, and an import refreshes an
    # event once per new version, reading every version again. The deferred fields are those
    # the history leaves out, so a re-dated version saves without reloading anything.
    versions = list(event.articles.order_by().defer(*_BULKY_TEXTS))
    if not versions:
        return False
    # Only dates a version states outright date an event: a guessed year would put the event
    # on date pages and in feeds as fact. An event of guessed years alone stays undated.
    stated = [a for a in versions if a.published_on and not a.year_inferred]
    published = _commonest(Counter(a.published_on for a in stated))
    # The event's date is its meeting's day, as most versions tell it (a story published the
    # next day says "on Monday"), not the day most versions were published.
    date = _commonest(Counter(a.occurred_on or a.published_on for a in stated))

    for article in versions:
        if (
            published
            and article.year_inferred
            and article.published_on
            and (article.published_on.month, article.published_on.day)
            == (published.month, published.day)
            and article.published_on.year != published.year
        ):
            _correct_year(article, published.year)

    changed = []
    if not event.curated:
        best = min(versions, key=_headline_rank)
        places = Counter(a.place for a in versions if a.place)
        place = _best_place(places, versions)
        for field, value in (("date", date), ("title", best.title[:300]), ("place", place)):
            if getattr(event, field) != value:
                setattr(event, field, value)
                changed.append(field)
    if changed:
        event.save(update_fields=[*changed, "updated_at"])
    people = set(
        Article.people.through.objects.filter(article__event=event).values_list(
            "person_id", flat=True
        )
    )
    current = set(event.people.order_by().values_list("pk", flat=True))
    if people - current:
        event.people.add(*(people - current))
    if current - people:
        event.people.remove(*(current - people))
    return bool(changed) or people != current


def _commonest(days: Counter) -> datetime.date | None:
    """The day most often given, the earliest of equals; None if none is."""
    return min(days, key=lambda day: (-days[day], day)) if days else None


def _correct_year(article: Article, year: int) -> None:
    """Give a version whose year was guessed the year its event states, and to the meeting's
    day read against that guess (its field and its fingerprint) the same correction."""
    shift = year - article.published_on.year
    article.published_on = article.published_on.replace(year=year)
    fields = ["published_on", "updated_at"]
    if article.occurred_on is not None:
        article.occurred_on = shifted(article.occurred_on, shift)
        fields.append("occurred_on")
        if "fingerprint" in article.get_deferred_fields():  # `_refresh` defers both
            article.refresh_from_db(fields=["fingerprint", "content_hash"])
        occurred = (article.fingerprint or {}).get("occurred")
        if occurred:
            corrected = shifted(datetime.date.fromisoformat(occurred), shift)
            article.fingerprint = {**article.fingerprint, "occurred": corrected.isoformat()}
            fields.append("fingerprint")
            forget_text(article.pk, article.content_hash)
    article.save(update_fields=fields)


RELATED_EVENTS = 5


def related_events(event: Event, limit: int = RELATED_EVENTS) -> list[Event]:
    """ "More like this": other events with the most officials in common, nearest in time first.

    Officials are what a reader follows from one event to the next (the same ministers' next
    meeting, the visit a call follows up), and the link is exact, unlike shared words.
    """
    people = [person.pk for person in event.people.all()]  # prefetched by the event page
    if not people:
        return []
    # Counted on the event-official links, grouped by event id alone: grouping the events' own
    # rows (every column) cost a third more on a leader's thousands of events. A link is unique
    # per (event, official), so a plain count is the officials in common. "Not unpublished"
    # rather than "published": SQLite would start from every published event in the (status,
    # date) index instead of from these officials' links (docs/measurements.md).
    shared = (
        Event.people.through.objects.filter(person_id__in=people)
        .exclude(event__status__in=UNPUBLISHED)
        .exclude(event_id=event.pk)
        .values("event_id")
        .annotate(shared=Count("person_id"))
        .order_by("-shared", "-event__date", "-event_id")
        .values_list("event_id", "shared")[: limit * 4]
    )
    rows = list(shared)
    found = Event.objects.in_bulk([pk for pk, _ in rows])
    candidates = []
    for pk, count in rows:
        found[pk].shared = count
        candidates.append(found[pk])

    def distance(other: Event) -> int:
        if event.date and other.date:
            return abs((event.date - other.date).days)
        return 10**6

    return sorted(candidates, key=lambda other: (-other.shared, distance(other)))[:limit]


def _headline_rank(article: Article) -> tuple:
    """Real headlines before derived ones, English before other languages, then the oldest."""
    return ("no_headline" in article.review_reasons, article.language != "en", article.pk)


def _best_place(places: Counter, versions: list[Article]) -> str:
    if not places:
        return ""
    english = Counter(a.place for a in versions if a.place and a.language == "en")
    pool = english or places
    return min(pool, key=lambda place: (-pool[place], place))
