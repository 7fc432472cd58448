"""The stored outlets as the importer finds them, and the registry loaded into them.

An import names each capture's outlet (archive.ingest: an `OutletInfo`, from the registry or
from the page's own signals). `OutletDirectory` finds the stored outlet it means before one is
created: by its web domain (the outlet's domain or other domains, or a subdomain of one), by
slug, by name or alias, accent and case aside. So an outlet is stored once whether a capture
names it by URL or by name, and what an editor sets in the admin (a domain, another name) is
used by the next import.
"""

from __future__ import annotations

from collections.abc import Iterable

from archive.ingest import OutletInfo
from archive.ingest.outlet_registry import REGISTRY, KnownOutlet, known_by_domain, known_by_slug
from archive.ingest.outlet_registry import name_key as _name_key
from archive.ingest.outlets import readable_name, registrable_domain


class OutletDirectory:
    """The stored outlets by domain, slug and name (loaded once per import batch)."""

    def __init__(self, outlets: Iterable):
        self._by_domain: dict[str, object] = {}
        self._by_slug: dict[str, object] = {}
        self._by_name: dict[str, object] = {}
        for outlet in outlets:
            self.add(outlet)

    @classmethod
    def load(cls) -> OutletDirectory:
        from archive.models import Outlet

        return cls(Outlet.objects.all())

    def add(self, outlet) -> None:
        self._by_slug[outlet.slug] = outlet
        for domain in domains_of(outlet):
            self._by_domain.setdefault(domain, outlet)
        for name in (outlet.name, *(outlet.aliases or ())):
            if isinstance(name, str) and name.strip():
                self._by_name.setdefault(_name_key(name), outlet)

    def find(self, info: OutletInfo):
        """The stored outlet `info` names, or None.

        The registry's own slug first (an outlet the registry knows is that row); then the
        web domain, so that a page of a domain an editor gave an outlet is that outlet's; then
        the slug and the names (the registry's aliases too).
        """
        known = known_by_slug(info.slug) if not info.needs_review else None
        if known is not None and info.slug in self._by_slug:
            return self._by_slug[info.slug]
        found = self._for_domain(info.domain) or self._by_slug.get(info.slug)
        if found is not None:
            return found
        for name in (info.name, *(known.aliases if known else ())):
            found = self._by_name.get(_name_key(name))
            if found is not None:
                return found
        return None

    def _for_domain(self, domain: str | None):
        if not domain:
            return None
        labels = domain.lower().split(".")
        for start in range(len(labels) - 1):  # the longest stored domain it is part of
            found = self._by_domain.get(".".join(labels[start:]))
            if found is not None:
                return found
        return None


def domains_of(outlet) -> list[str]:
    """An outlet's web domains, its own first, lowercased and without "www."."""
    raw = [outlet.domain, *(outlet.other_domains or ())]
    cleaned = (d.strip().lower().removeprefix("www.") for d in raw if isinstance(d, str))
    return list(dict.fromkeys(d for d in cleaned if d))


def new_outlet_fields(info: OutletInfo) -> dict:
    """What a new row for `info` holds: the registry's record when it has one."""
    known = None if info.needs_review else known_by_slug(info.slug)
    if known is not None:
        return _registry_fields(known)
    return {
        "name": info.name[:200],
        "domain": info.domain or "",
        "country": info.country or "",
        "needs_review": info.needs_review,
    }


def _registry_fields(known: KnownOutlet) -> dict:
    return {
        "name": known.name,
        "domain": known.domains[0] if known.domains else "",
        "other_domains": list(known.domains[1:]),
        "aliases": list(known.aliases),
        "country": known.country,
        "language": known.language,
        "needs_review": False,
    }


# --- The registry into the table (migration 0002_first_release_data) ------------------------


def load_registry(apps) -> None:
    """Store every registry outlet once: a row that already stands for it (its slug, a domain
    of it, or one of its names) gets the fields it lacks, and other such rows are merged into
    it (their articles moved, their pages re-indexed); otherwise a row is created. Rows named
    after a bare web domain get a readable name ("en.example.org" -> "Example.org")."""
    Outlet = apps.get_model("archive", "Outlet")
    for known in REGISTRY:
        rows = [row for row in Outlet.objects.order_by("pk") if _stands_for(row, known)]
        if not rows:
            Outlet.objects.create(slug=known.slug, **_registry_fields(known))
            continue
        keeper = next((row for row in rows if row.slug == known.slug), rows[0])
        _merge(apps, keeper, [row for row in rows if row.pk != keeper.pk])
        _complete(keeper, known)
    # Rows of outlets the registry lacks, named after a web domain: one per registered domain
    # ("en.example.org" and "example.org" are one outlet), under a readable name, for review.
    by_domain: dict[str, list] = {}
    for row in Outlet.objects.order_by("pk"):
        if row.domain and row.name.strip().lower().removeprefix("www.") == _bare(row.domain):
            by_domain.setdefault(registrable_domain(_bare(row.domain)), []).append(row)
    for domain, rows in by_domain.items():
        keeper = rows[0]
        _merge(apps, keeper, rows[1:])
        keeper.name, keeper.domain, keeper.needs_review = readable_name(domain), domain, True
        keeper.save()


def _bare(domain: str) -> str:
    return domain.strip().lower().removeprefix("www.")


def _stands_for(row, known: KnownOutlet) -> bool:
    if row.slug == known.slug:
        return True
    if any(known_by_domain(domain) == known for domain in domains_of(row)):
        return True
    names = {_name_key(n) for n in (known.name, known.slug, *known.aliases, *known.domains)}
    return _name_key(row.name) in names


def _complete(row, known: KnownOutlet) -> None:
    fields = _registry_fields(known)
    if not row.name.strip() or _looks_like_a_domain(row.name):
        row.name = fields["name"]
    row.slug = known.slug  # free: any row of that slug was this one or merged into it
    old_domains = domains_of(row)
    row.domain = fields["domain"]
    # Its own domains the registry lacks stay, unless they are one of the registry's subdomains.
    kept = [d for d in old_domains if known_by_domain(d) != known]
    row.other_domains = list(dict.fromkeys([*fields["other_domains"], *kept]))
    row.aliases = list(dict.fromkeys([*(row.aliases or []), *fields["aliases"]]))
    row.country = row.country or fields["country"]
    row.language = row.language or fields["language"]
    row.needs_review = False
    row.save()


def _looks_like_a_domain(name: str) -> bool:
    return " " not in name.strip() and "." in name


def _merge(apps, keeper, others: list) -> None:
    """Move the articles and sources of `others` to `keeper`, queue them for the index, and
    delete `others`."""
    if not others:
        return
    Article = apps.get_model("archive", "Article")
    IndexQueue = apps.get_model("archive", "IndexQueue")
    Through = apps.get_model("archive", "Outlet").republishes.through
    ids = [row.pk for row in others]
    moved = set(Article.objects.filter(outlet_id__in=ids).values_list("pk", flat=True))
    moved |= set(Article.objects.filter(original_outlet_id__in=ids).values_list("pk", flat=True))
    Article.objects.filter(outlet_id__in=ids).update(outlet_id=keeper.pk)
    Article.objects.filter(original_outlet_id__in=ids).update(original_outlet_id=keeper.pk)
    # An article of the keeper now "republished" from itself is its own.
    Article.objects.filter(outlet_id=keeper.pk, original_outlet_id=keeper.pk).update(
        original_outlet_id=None
    )
    pairs = set(Through.objects.values_list("from_outlet_id", "to_outlet_id"))
    merged = {(keeper.pk if a in ids else a, keeper.pk if b in ids else b) for a, b in pairs}
    Through.objects.filter(from_outlet_id__in=ids).delete()
    Through.objects.filter(to_outlet_id__in=ids).delete()
    existing = set(Through.objects.values_list("from_outlet_id", "to_outlet_id"))
    Through.objects.bulk_create(
        [
            Through(from_outlet_id=a, to_outlet_id=b)
            for a, b in sorted(merged - existing)
            if a != b and keeper.pk in (a, b)
        ]
    )
    IndexQueue.objects.bulk_create([IndexQueue(article_id=pk) for pk in sorted(moved)])
    # The names it was stored under become other names of it (not bare domains: those match).
    names = [row.name for row in others if not _looks_like_a_domain(row.name)]
    keeper.aliases = list(dict.fromkeys([*(keeper.aliases or []), *names]))
    type(keeper).objects.filter(pk__in=ids).delete()
