"""The starter registry's officials added since 0003: the leaders of Thailand, Malaysia,
Singapore, Laos and Australia who preceded or followed those already there, Thai spellings of
Thailand's leaders, and Iwaya Takeshi's office as defence minister (archive/ingest/
registry_region.py, registry.py). Idempotent (archive/registry_sync.py), as 0003."""

from django.db import migrations


def sync_starter_registry(apps, schema_editor):
    from archive.registry_sync import sync_registry

    sync_registry(
        apps.get_model("archive", "Person"),
        apps.get_model("archive", "PersonAlias"),
        apps.get_model("archive", "Role"),
    )


class Migration(migrations.Migration):
    dependencies = [("archive", "0003_registry_defence_and_neighbours")]

    operations = [migrations.RunPython(sync_starter_registry, migrations.RunPython.noop)]
