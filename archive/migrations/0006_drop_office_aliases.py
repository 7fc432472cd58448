"""Drop the aliases that are an office, not a name ("天皇陛下", "the Emperor", "Nhật hoàng").

An import stored the office a story named someone by (archive/ingest/title_holders.py) as an
alias of the holder of the day; the alias then named that holder in every later story of the
office, whoever held it then (the Emperor Akihito in stories of 2023). Imports no longer store
them; this removes those already stored. Idempotent; nothing to undo.
"""

from django.db import migrations


def drop_office_aliases(apps, schema_editor):
    from archive.ingest.text import fold
    from archive.ingest.title_holders import OFFICES_BY_TITLE

    offices = {fold(spelling) for office in OFFICES_BY_TITLE for spelling in office.spellings}
    PersonAlias = apps.get_model("archive", "PersonAlias")
    PersonAlias.objects.filter(folded__in=offices).delete()


class Migration(migrations.Migration):
    dependencies = [("archive", "0005_registry_ministers_and_partners")]

    operations = [migrations.RunPython(drop_office_aliases, migrations.RunPython.noop)]
