"""The starter registry's new officials in an archive that has 0002 already: both countries'
defence ministers and the neighbours' leaders (archive/ingest/registry_region.py), with their
spellings and roles. Idempotent (archive/registry_sync.py): an archive created after them has
them from 0002 and this adds nothing."""

from django.db import migrations


def sync_starter_registry(apps, schema_editor):
    from archive.registry_sync import sync_in_migration

    sync_in_migration(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("archive", "0002_first_release_data")]

    operations = [migrations.RunPython(sync_starter_registry, migrations.RunPython.noop)]
