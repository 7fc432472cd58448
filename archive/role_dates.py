"""Officials' roles dated again when an editor changes an article's date.

A role's dates (`Role.first_seen`, `Role.last_seen`) are the confirmed dates of the articles
that give the person that office. An article re-dated by an editor moves them: its new date
widens the roles it gives, and a role one of whose ends was its old date is dated again from
every article that gives it (only those: reading every article of a leader is the costly part).
"""

from collections import defaultdict
from datetime import date

from archive.ingest.offices import office_key
from archive.ingest.people import Mention, find_people
from archive.models import Article, Role
from archive.person_records import registry_from_db


def article_redated(article: Article, old_day: date | None) -> None:
    """After `article`'s date changed from `old_day` (its old confirmed date, or None)."""
    registry = registry_from_db()
    slug_of = {person.pk: person.slug for person in article.people.all()}
    new_day = None if article.year_inferred else article.published_on
    offices = _offices_given(article, registry, set(slug_of.values()))
    for role in Role.objects.filter(person_id__in=slug_of).select_related("person"):
        if old_day is not None and old_day in (role.first_seen, role.last_seen):
            _date_from_articles(role, registry)
        elif office_key(role.title) in offices[slug_of[role.person_id]] and role.seen(new_day):
            role.source = article
            role.save(update_fields=["first_seen", "last_seen", "source"])


def _offices_given(article: Article, registry, slugs: set[str]) -> dict[str, set[frozenset]]:
    """The office keys `article` gives each of these officials."""
    offices: dict[str, set[frozenset]] = defaultdict(set)
    for mention in _mentions(article, registry):
        if mention.slug in slugs and mention.role:
            offices[mention.slug].add(office_key(mention.role))
    return offices


def _mentions(article: Article, registry) -> list[Mention]:
    text = "\n\n".join([article.title, article.body, *article.captions])
    return find_people(text, registry, article.language or "en")


def _date_from_articles(role: Role, registry) -> None:
    """Date `role` again from the confirmed dates of every article giving that office."""
    key = office_key(role.title)
    slug = role.person.slug
    days: list[tuple[date, int]] = []
    articles = Article.objects.filter(people=role.person_id, year_inferred=False).exclude(
        published_on=None
    )
    for article in articles.only("pk", "title", "body", "captions", "language", "published_on"):
        mentions = _mentions(article, registry)
        if any(m.slug == slug and m.role and office_key(m.role) == key for m in mentions):
            days.append((article.published_on, article.pk))
    role.first_seen = min(days)[0] if days else None
    role.last_seen = max(days)[0] if days else None
    role.source_id = max(days)[1] if days else None
    role.save(update_fields=["first_seen", "last_seen", "source"])
