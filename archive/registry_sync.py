"""Bring an archive's officials up to the starter registry (archive/ingest/registry.py): the
officials added to it since, and every spelling of it not stored yet. Run by the migrations that
follow a change of the registry's data, with their historical models; idempotent.
"""

from archive.ingest.people import alias_variants
from archive.ingest.registry import STARTER_REGISTRY
from archive.ingest.text import fold, slugify


def sync_registry(person_model, alias_model, role_model) -> None:
    for row in STARTER_REGISTRY:
        person, _ = person_model.objects.get_or_create(
            slug=slugify(row["name"]),
            defaults={"name": row["name"], "country": row.get("country", "")},
        )
        seen = set(person.aliases.values_list("folded", flat=True))
        for spelling in [*row.get("aliases", ()), *alias_variants(person.name, person.country)]:
            if spelling != person.name and fold(spelling) not in seen:
                seen.add(fold(spelling))
                alias_model.objects.create(person=person, name=spelling, folded=fold(spelling))
        for role in row.get("roles", ()):
            role_model.objects.get_or_create(
                person=person, title=role["title"], defaults={"organisation": role["organisation"]}
            )


def sync_in_migration(apps, schema_editor) -> None:
    """`sync_registry` with a migration's historical models (0002-0005 run it)."""
    sync_registry(
        apps.get_model("archive", "Person"),
        apps.get_model("archive", "PersonAlias"),
        apps.get_model("archive", "Role"),
    )
