"""Officials' records in the database: matching articles to officials, and merging officials.

Finding names in text is archive.ingest.people (pure); here the registry is read from the
database, mentions become Person links and roles, new officials become candidates for review.
"""

import dataclasses
from collections.abc import Iterable

from django.db import transaction
from django.db.models import prefetch_related_objects

from archive.ingest import cjk_names, romanise
from archive.ingest.name_words import MIN_NAME_WORDS
from archive.ingest.offices import office_key, office_title
from archive.ingest.people import (
    KnownPerson,
    Mention,
    Registry,
    alias_variants,
    known_people,
)
from archive.ingest.text import fold
from archive.models import Article, Person, PersonAlias, PersonRedirect, Role, unique_slug
from archive.search import sync


def registry_from_db() -> Registry:
    """Every person with every alias, compiled for matching (once per import batch)."""
    return Registry(registry_entries(Person.objects.order_by("pk")))


def registry_entries(persons: Iterable[Person]) -> list[KnownPerson]:
    """`persons` as the matcher knows people: every spelling, under the database's slug (a
    person renamed or suffixed keeps their URL)."""
    persons = list(persons)
    prefetch_related_objects(persons, "aliases", "roles")
    rows = [
        {
            "name": p.name,
            "country": p.country,
            "aliases": [a.name for a in p.aliases.all()],
            "roles": [{"title": role.title} for role in p.roles.all()],
        }
        for p in persons
    ]
    known = known_people(rows)
    return [
        dataclasses.replace(k, slug=p.slug, candidate=p.needs_review)
        for k, p in zip(known, persons, strict=True)
    ]


def add_aliases(person: Person, spellings: Iterable[str], *, new: bool = False) -> None:
    """Store spellings not yet known for `person` (aliases are unique by folded form); a `new`
    person has none yet."""
    # The name's own plain spelling ("To Lam" for "Tô Lâm") is an alias too: it is how many
    # stories write it, and what an editor searching the aliases types.
    known: set[str] = set()
    if not new:
        known |= set(person.aliases.values_list("folded", flat=True))
    for spelling in spellings:
        if spelling != person.name and fold(spelling) not in known:
            known.add(fold(spelling))
            PersonAlias.objects.create(person=person, name=spelling)


def create_person(name: str, country: str = "", *, needs_review: bool, aliases=()) -> Person:
    # A name in Japanese script has no letters to make a slug of: its proposed reading gives
    # one ("石破茂" -> ishiba-shigeru), a URL only; the reading itself waits for an editor.
    person = Person.objects.create(
        name=name,
        slug=unique_slug(Person, romanise.candidate_slug(name)),
        country=country,
        needs_review=needs_review,
    )
    spellings = [*aliases, *alias_variants(name, country or None)]
    add_aliases(person, spellings, new=True)
    return person


# The roles an import batch has read or written, by (person id, title): a capture naming
# officials in offices seen before costs no query unless it widens their dates. The importer
# empties it when a capture's transaction fails (the dates it holds may not have been stored).
SeenRoles = dict[tuple[int, str], Role]


def people_for(
    mentions: list[Mention], spellings_checked: set[tuple[int, str]] | None = None
) -> tuple[list[Person], bool, list[tuple[Person, str]]]:
    """The Person of each mention, creating candidates for new officials. Returns (people,
    whether a new candidate was created, the (person, office) pairs the mentions name), the
    offices to record with `record_roles` once the article is stored.

    A known person's full spelling not yet among their aliases (``To Lam`` for ``Tô Lâm``) is
    added to them: aliases list every spelling seen (`spellings_checked`: the batch's memory of
    the spellings it has checked)."""
    slugs = [m.slug for m in mentions if m.slug]
    by_slug = Person.objects.order_by().in_bulk(slugs, field_name="slug")
    found: list[Person] = []
    roles_seen: list[tuple[Person, str]] = []
    created = False
    for mention in mentions:
        person = by_slug.get(mention.slug) if mention.slug else None
        if person is None:
            # A name found by its title: kept, but flagged until an editor confirms it.
            person = Person.objects.filter(aliases__folded=fold(mention.name)).first()
            if person is None:
                person = create_person(mention.name, needs_review=True, aliases=[mention.surface])
                created = True
        elif spellings_checked is not None:
            _saw_spelling(person, mention.surface, spellings_checked)
        if mention.role and fold(mention.role) != "counterpart":  # someone's office, not one
            roles_seen.append((person, office_title(mention.role)[:300]))
        if person not in found:
            found.append(person)
    return found, created, roles_seen


def _saw_spelling(person: Person, surface: str, checked: set[tuple[int, str]]) -> None:
    """Store `surface` as an alias of `person` if it is a full spelling not stored yet. A batch
    checks each (person, spelling) once (`checked`), so a spelling seen again costs nothing."""
    if (person.pk, surface) in checked:
        return
    checked.add((person.pk, surface))
    if surface == person.name:
        return
    if len(surface.split()) < MIN_NAME_WORDS and not cjk_names.is_full_name(surface):
        return
    if not person.aliases.filter(folded=fold(surface)).exists():
        PersonAlias.objects.create(person=person, name=surface)


def record_roles(
    roles_seen: list[tuple[Person, str]], article: Article, known: SeenRoles | None = None
) -> None:
    """Record the offices `article` gives its officials, dated by the article only when its
    date is confirmed (a guessed year never dates a role), and linked to it."""
    day = None if article.year_inferred else article.published_on
    _saw_roles(roles_seen, day, {} if known is None else known, source=article)


def _saw_roles(
    roles_seen: list[tuple[Person, str]], day, known: SeenRoles, source: Article | None = None
) -> None:
    """Record each (person, title) as seen on `day`: at most one query to read the roles not in
    `known`, one to add new ones, and one per role whose dates widen."""
    if not roles_seen:
        return
    wanted = {(person.pk, title) for person, title in roles_seen}
    missing = wanted - known.keys()
    if missing:
        for role in Role.objects.filter(person_id__in={pk for pk, _ in missing}).order_by():
            known.setdefault((role.person_id, role.title), role)
        wanted = {_same_office(pk, title, known) for pk, title in wanted}
    new = [Role(person_id=pk, title=title, source=source) for pk, title in wanted - known.keys()]
    for role in new:
        role.seen(day)
        known[(role.person_id, role.title)] = role
    if new:
        Role.objects.bulk_create(new, ignore_conflicts=True)  # a concurrent import may add it too
    for key in sorted(wanted - {(role.person_id, role.title) for role in new}):
        role = known[key]
        if role.seen(day):
            role.source = source
            Role.objects.filter(person_id=role.person_id, title=role.title).update(
                first_seen=role.first_seen, last_seen=role.last_seen, source=source
            )


def _same_office(pk: int, title: str, known: SeenRoles) -> tuple[int, str]:
    """(pk, the title this person's office is already recorded under, if written otherwise)."""
    if (pk, title) in known:
        return pk, title
    key = office_key(title)
    for other_pk, other_title in known:
        if other_pk == pk and office_key(other_title) == key:
            return pk, other_title
    return pk, title


@transaction.atomic
def merge_people(target: Person, others: Iterable[Person]) -> None:
    """Fold `others` into `target`: their mentions, event links, aliases (their names too) and
    roles move; their slugs redirect to `target`. The search documents follow."""
    others = [other for other in others if other.pk != target.pk]
    if not others:
        return
    article_ids = set(Article.objects.filter(people__in=others).values_list("pk", flat=True)) | set(
        target.articles.values_list("pk", flat=True)
    )
    for other in others:
        target.articles.add(*other.articles.all())
        target.events.add(*other.events.all())
        add_aliases(target, [other.name, *other.aliases.values_list("name", flat=True)])
        for role in other.roles.all():
            mine, _ = Role.objects.get_or_create(
                person=target, title=role.title, defaults={"organisation": role.organisation}
            )
            if mine.seen(role.first_seen) | mine.seen(role.last_seen):
                mine.save(update_fields=["first_seen", "last_seen"])
        PersonRedirect.objects.filter(person=other).update(person=target)
        PersonRedirect.objects.create(old_slug=other.slug, person=target)
        other.delete()
    if target.needs_review and any(not other.needs_review for other in others):
        target.needs_review = False
        target.save(update_fields=["needs_review", "updated_at"])
    sync.enqueue(article_ids)


# --- Names in Japanese script: a proposed reading, for an editor --------------------------


def registry_spellings(exclude: Iterable[int] = ()) -> list[tuple[str, list[str]]]:
    """``(slug, [name, *aliases])`` of every person but those of ``exclude`` (two queries)."""
    spellings: dict[int, tuple[str, list[str]]] = {
        pk: (slug, [name])
        for pk, slug, name in Person.objects.exclude(pk__in=list(exclude))
        .order_by("pk")
        .values_list("pk", "slug", "name")
    }
    for person_id, alias in PersonAlias.objects.order_by().values_list("person_id", "name"):
        if person_id in spellings:
            spellings[person_id][1].append(alias)
    return list(spellings.values())


def romanised_proposals(people: Iterable[Person]) -> dict[int, romanise.Proposal]:
    """For each person flagged for review whose name is in Japanese script: the Latin alias
    proposed for them, or the person of the registry to merge them into. Nothing is applied:
    an editor accepts a proposal in the admin (`accept_romanised`)."""
    flagged = [p for p in people if p.needs_review and romanise.is_japanese_script(p.name)]
    if not flagged:
        return {}
    everyone = registry_spellings()
    proposals = {}
    for person in flagged:
        others = [(slug, spellings) for slug, spellings in everyone if slug != person.slug]
        proposal = romanise.propose(person.name, others)
        if proposal is not None:
            proposals[person.pk] = proposal
    return proposals


def accept_romanised(person: Person, proposal: romanise.Proposal) -> str:
    """Apply what an editor accepted: merge `person` into the proposed person, or add the
    proposed alias. Returns what was done, for the editor's message."""
    if proposal.merge_into:
        target = Person.objects.filter(slug=proposal.merge_into).first()
        if target is None:
            return f"{person.name}: {proposal.merge_into} no longer exists"
        merge_people(target, [person])
        return f"{person.name} merged into {target.name}"
    add_aliases(person, [proposal.alias])
    return f"{person.name}: alias “{proposal.alias}” added"
