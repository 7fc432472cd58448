"""Outlets an import names from a page are flagged for review; the registry of outlets
(archive/ingest/outlet_registry.py) is loaded into the table.

Rows that already stand for a registry outlet (its slug, one of its domains or subdomains, one of
its names) get the fields they lack and are merged into one, their articles moved and queued for
the index; rows named after a bare web domain get a readable name. Historical models only; the
work is archive.outlets.load_registry, which reads the registry's data as it is when this runs.
"""

from django.db import migrations, models


def load(apps, schema_editor):
    from archive.outlets import load_registry

    load_registry(apps)


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0014_outlet_aliases_occurred_on_role_source'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicaloutlet',
            name='needs_review',
            field=models.BooleanField(default=False, help_text='Named by the importer from a page (not from the registry of outlets) and not yet confirmed by an editor.'),
        ),
        migrations.AddField(
            model_name='outlet',
            name='needs_review',
            field=models.BooleanField(default=False, help_text='Named by the importer from a page (not from the registry of outlets) and not yet confirmed by an editor.'),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
