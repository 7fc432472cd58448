"""The starter registry's officials added since 0004: ministers, party officials and governors
of both countries, the partners' foreign and defence ministers, and the leaders of the United
States and Russia (archive/ingest/registry_officials.py). Idempotent
(archive/registry_sync.py), as 0003 and 0004.
"""

from django.db import migrations


def sync_starter_registry(apps, schema_editor):
    from archive.registry_sync import sync_in_migration

    sync_in_migration(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("archive", "0004_more_neighbours_and_told_day_index")]

    operations = [migrations.RunPython(sync_starter_registry, migrations.RunPython.noop)]
