"""Two changes since 0003.

- The starter registry's officials added since: the leaders of Thailand, Malaysia, Singapore,
  Laos and Australia who preceded or followed those already there, Thai spellings of Thailand's
  leaders, and Iwaya Takeshi's office as defence minister (archive/ingest/registry_region.py,
  registry.py). Idempotent (archive/registry_sync.py), as 0003.
- An index of articles by the day their text gives the meeting (`article_told_idx`): event
  matching finds the versions published long after their meeting (archive.event_candidates).
"""

from django.db import migrations, models


def sync_starter_registry(apps, schema_editor):
    from archive.registry_sync import sync_in_migration

    sync_in_migration(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("archive", "0003_registry_defence_and_neighbours")]

    operations = [
        migrations.RunPython(sync_starter_registry, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=[
                    "occurred_on",
                    "published_on",
                    "event",
                    "year_inferred",
                    "language",
                    "content_hash",
                ],
                name="article_told_idx",
            ),
        ),
    ]
