"""Bring an existing archive's officials up to the starter registry: the leaders added since
(archive/ingest/registry.py), every spelling of it that is not stored yet (in Japanese, Chinese
and Korean script too, and the plain spelling of a name: "To Lam"), and one role per office
(archive/ingest/offices.py): roles recorded under two spellings of one office are merged.
Historical models only; the spellings are computed with the pure functions of archive.ingest.
"""

from django.db import migrations


def update(apps, schema_editor):
    from archive.ingest.offices import office_key, office_title
    from archive.ingest.people import alias_variants
    from archive.ingest.registry import STARTER_REGISTRY
    from archive.ingest.text import fold, slugify

    Person = apps.get_model("archive", "Person")
    PersonAlias = apps.get_model("archive", "PersonAlias")
    Role = apps.get_model("archive", "Role")
    for row in STARTER_REGISTRY:
        person, _ = Person.objects.get_or_create(
            slug=slugify(row["name"]),
            defaults={"name": row["name"], "country": row.get("country", "")},
        )
        seen = set(person.aliases.values_list("folded", flat=True))
        for spelling in [*row.get("aliases", ()), *alias_variants(person.name, person.country)]:
            if spelling != person.name and fold(spelling) not in seen:
                seen.add(fold(spelling))
                PersonAlias.objects.create(person=person, name=spelling, folded=fold(spelling))
        for role in row.get("roles", ()):
            Role.objects.get_or_create(
                person=person, title=role["title"], defaults={"organisation": role["organisation"]}
            )
    for person in Person.objects.all():
        kept: dict[frozenset, object] = {}
        for role in person.roles.order_by("pk"):
            title = office_title(role.title)[:300]
            same = kept.get(office_key(title))
            if same is None:
                if title != role.title and not person.roles.filter(title=title).exists():
                    role.title = title
                    role.save(update_fields=["title"])
                kept[office_key(title)] = role
                continue
            for day in (role.first_seen, role.last_seen):
                if day and (same.first_seen is None or day < same.first_seen):
                    same.first_seen = day
                if day and (same.last_seen is None or day > same.last_seen):
                    same.last_seen = day
            same.save(update_fields=["first_seen", "last_seen"])
            role.delete()


class Migration(migrations.Migration):
    dependencies = [("archive", "0015_outlet_registry")]

    operations = [migrations.RunPython(update, migrations.RunPython.noop)]
