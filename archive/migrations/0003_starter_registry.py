"""Load the starter registry of officials (archive/ingest/registry.py) into the database.

Historical models only (no model methods run here), so later changes to the models cannot break
this migration; the spellings are computed with the pure functions of archive.ingest.
"""

from django.db import migrations


def load(apps, schema_editor):
    from archive.ingest.people import alias_variants
    from archive.ingest.registry import STARTER_REGISTRY
    from archive.ingest.text import fold, slugify

    Person = apps.get_model("archive", "Person")
    PersonAlias = apps.get_model("archive", "PersonAlias")
    Role = apps.get_model("archive", "Role")
    for row in STARTER_REGISTRY:
        person, created = Person.objects.get_or_create(
            slug=slugify(row["name"]),
            defaults={"name": row["name"], "country": row.get("country", "")},
        )
        if not created:
            continue
        seen = {fold(person.name)}
        for spelling in [*row.get("aliases", ()), *alias_variants(person.name, person.country)]:
            if fold(spelling) not in seen:
                seen.add(fold(spelling))
                PersonAlias.objects.create(person=person, name=spelling, folded=fold(spelling))
        for role in row.get("roles", ()):
            Role.objects.get_or_create(
                person=person, title=role["title"], defaults={"organisation": role["organisation"]}
            )


class Migration(migrations.Migration):
    dependencies = [("archive", "0002_roles_and_redirects")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
