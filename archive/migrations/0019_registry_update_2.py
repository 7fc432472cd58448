"""The registry's officials and spellings added since 0016 (prime ministers Fukuda, Aso and
Hatoyama, Nông Đức Mạnh, Sekiguchi Masakazu; Japanese office forms, Russian and Korean
spellings), for an archive migrated before them. Historical models."""

from django.db import migrations


def update(apps, schema_editor):
    from archive.registry_sync import sync_registry

    sync_registry(
        apps.get_model("archive", "Person"),
        apps.get_model("archive", "PersonAlias"),
        apps.get_model("archive", "Role"),
    )


class Migration(migrations.Migration):
    dependencies = [("archive", "0018_capture_provenance_and_feeds")]

    operations = [migrations.RunPython(update, migrations.RunPython.noop)]
