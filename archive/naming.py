"""What to call an event, and a story without a headline: names that say who, what and where.

An event's stored title is the headline of the version the importer met first: one outlet's
slogan ("Promoting the spirit of 'working, working'…") or a headline-less story's first sentence
cut with "…". Readers and citations need a name for the meeting itself, so an event an editor has
not curated is named here from its versions: a gathering their leads name (the "Vietnam–Japan
Local Cooperation Forum"), else the officials their headlines and leads name (the importer's
"principals") and what they do ("Tô Lâm receives Ito Naoki"), with the place. A name made up by
the archive is written in square brackets, as citations mark a supplied title, wherever it is
shown; an editor's title (a curated event) is shown as it is.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from django.db.models.functions import Left

from archive.ingest.spellings import canonical_place
from archive.ingest.text import fold

# How much of a story's opening is read for the gathering it names and what its officials do.
LEAD_CHARACTERS = 700

# A named gathering: capitalised words (a dash or "and" may join two countries) ending in the
# kind of gathering. "the first Vietnam - Japan Local Cooperation Forum".
_GATHERING = re.compile(
    r"(?<![\w-])((?:[A-Z][\w.'’]*(?:\s*[-–—]\s*|\s+(?:and\s+|of\s+|for\s+|on\s+)?)){1,8}"
    r"(?:Forum|Summit|Conference|Festival|Dialogue|Symposium|Expo|Exhibition|Seminar|Meeting"
    r"|Congress|Games|Week|Year))\b"
)
_RECEIVES = re.compile(r"\breceiv|\bhosted\b|\bhosts\b|\btiếp\b|\bmottok\b|\bmottar\b", re.I)
_TALKS = re.compile(r"\btalks\b|\bhội đàm\b|\bsamtaler\b", re.I)
_PHONE = re.compile(r"\bphone\b|\btelephone\b|\bđiện đàm\b|\btelefon", re.I)
_HEADLINE_CUT = "…"


def _gathering(leads: Iterable[str]) -> str | None:
    """The gathering most of the leads name ("Vietnam–Japan Local Cooperation Forum")."""
    found: Counter[str] = Counter()
    spelled: dict[str, str] = {}
    for lead in leads:
        for match in _GATHERING.finditer(lead):
            name = re.sub(r"\s*[-–—]\s*", "–", match.group(1).strip())
            words = name.split()
            while words and fold(words[0]) in {"the", "first", "second", "third", "annual"}:
                words.pop(0)
            if len(words) < 2:  # "Forum" alone names nothing
                continue
            name = " ".join(words)
            key = fold(name)
            found[key] += 1
            spelled.setdefault(key, name)
    if not found:
        return None
    key, _count = max(found.items(), key=lambda item: (item[1], len(item[0])))
    return spelled[key]


def _action(leads: Sequence[str]) -> str:
    text = " ".join(leads)
    if _PHONE.search(text):
        return "phone call"
    if _RECEIVES.search(text):
        return "receives"
    if _TALKS.search(text):
        return "talks"
    return "meets"


def _where(place: str) -> str:
    return canonical_place(place) or (place.title() if place.isupper() else place)


def generated_name(
    place: str, leads: Sequence[str], principals: Sequence[str], *, hosts_first: bool = True
) -> str | None:
    """A name for a meeting from its leads, its principals' names (most named first) and its
    place, or None when the versions name neither a gathering nor an official."""
    where = _where(place) if place else ""
    gathering = _gathering(leads)
    if gathering:
        parts = [gathering, where, f"with {principals[0]}" if principals else ""]
        return ", ".join(part for part in parts if part)
    if not principals:
        return None
    if len(principals) == 1:
        what = principals[0]
    else:
        first, second = principals[0], principals[1]
        what = {
            "phone call": f"{first} and {second}: phone call",
            "receives": f"{first} receives {second}",
            "talks": f"{first} holds talks with {second}",
        }.get(_action(leads), f"{first} meets {second}")
    return f"{what}, {where}" if where else what


def bracketed(name: str) -> str:
    """A name supplied by the archive, marked as citations mark one."""
    return f"[{name}]"


def headline_made_up(article) -> bool:
    """Whether an article's title is its first sentence (the story printed no headline)."""
    return "no_headline" in (article.review_flags or "").split(",")


def citation_title(article) -> str:
    """An article's title as a citation gives it: a made-up one in square brackets."""
    if headline_made_up(article):
        return bracketed(f"Untitled; begins “{article.title.rstrip(_HEADLINE_CUT)}…”")
    return f"“{article.title}”"


def name_event_from_versions(event, versions: Sequence) -> None:
    """`name_events` for one event whose versions (with their fields) and officials (prefetched)
    are already read: no query."""
    if hasattr(event, "display_name"):
        return
    event.display_name, event.name_made_up = event.title, False
    if event.curated or not versions:
        return
    leads = [text for a in versions for text in (a.title, (a.body or "")[:LEAD_CHARACTERS])]
    named = Counter(
        slug for a in versions for slug in ((a.fingerprint or {}).get("principals") or [])
    )
    people = {p.slug: p.name for p in event.people.all()}
    ranked = _in_lead_order([s for s, _ in named.most_common() if s in people], people, leads)
    places = Counter(_where(a.place) for a in versions if a.place)
    place = event.place or (places.most_common(1)[0][0] if places else "")
    name = generated_name(place, leads, [people[slug] for slug in ranked])
    if name:
        event.display_name, event.name_made_up = bracketed(name), True


def name_events(events: Iterable) -> None:
    """Sets `display_name` (and `name_made_up`) on each event: its generated name in square
    brackets, or its title when an editor curated it or nothing names it. Two queries whatever
    the number of events: their versions' openings and principals, and the principals' names."""
    from archive.models import Article, Person

    events = [event for event in events if not hasattr(event, "display_name")]
    for event in events:
        event.display_name, event.name_made_up = event.title, False
        event.principal_slugs = None  # the officials its versions' headlines and leads name
    # Whether an editor curated it, and its place, are read with the versions: a search result's
    # event is built with a few fields only, and reading the others would cost a query each.
    pending = {event.pk: event for event in events}
    if not pending:
        return
    rows = (
        Article.objects.filter(event_id__in=pending)
        .order_by("pk")
        .values_list(
            "event_id",
            "title",
            Left("body", LEAD_CHARACTERS),
            "fingerprint__principals",
            "place",
            "event__curated",
            "event__place",
        )
    )
    leads: dict[int, list[str]] = {pk: [] for pk in pending}
    named: dict[int, Counter[str]] = {pk: Counter() for pk in pending}
    places: dict[int, Counter[str]] = {pk: Counter() for pk in pending}
    curated: set[int] = set()
    event_places: dict[int, str] = {}
    for event_id, title, lead, principals, place, is_curated, event_place in rows:
        if is_curated:
            curated.add(event_id)
        event_places[event_id] = event_place or ""
        leads[event_id] += [title, lead or ""]
        named[event_id].update(principals or [])
        if principals is not None:
            pending[event_id].principal_slugs = {
                *(pending[event_id].principal_slugs or ()),
                *principals,
            }
        if place:
            places[event_id][_where(place)] += 1
    slugs = {slug for counts in named.values() for slug in counts}
    people = dict(Person.objects.filter(slug__in=slugs).values_list("slug", "name"))
    for pk, event in pending.items():
        if pk in curated:
            continue
        ranked = [slug for slug, _ in named[pk].most_common() if slug in people]
        ranked = _in_lead_order(ranked, people, leads[pk])
        place = event_places.get(pk) or (places[pk].most_common(1)[0][0] if places[pk] else "")
        name = generated_name(place, leads[pk], [people[slug] for slug in ranked])
        if name:
            event.display_name, event.name_made_up = bracketed(name), True


def _in_lead_order(slugs: list[str], people: dict[str, str], leads: list[str]) -> list[str]:
    """The two officials most versions name first, the one their leads name first leading
    (the subject: "Tô Lâm … said while receiving Ito Naoki")."""
    top = slugs[:2]
    text = fold(" ".join(leads))

    def first_seen(slug: str) -> int:
        surname_or_name = fold(people[slug])
        where = text.find(surname_or_name)
        return where if where != -1 else len(text)

    return sorted(top, key=first_seen) + slugs[2:]
