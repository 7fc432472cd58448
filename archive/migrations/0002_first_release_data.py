"""What a new archive starts with: the starter registry of officials, the `editors` group, and
the registry of outlets.

Squashed for the first release from the data migrations of 0001-0019: the starter registry
(0003, brought up to date by 0016 and 0019: loaded once here, as 0019 loads it, then one role per
office as 0016 merged them), the editors group (0007) with the merge proposals (0017) and the feeds (0018) to review, and the
registry of outlets (0015); 0008's filling of `month_day` for articles stored before it had nothing
to do in a new archive. Historical models only (no model methods run here), so later changes
to the models cannot break this migration; the spellings are computed with the pure functions of
archive.ingest, the outlets loaded by archive.outlets.load_registry. An archive migrated by those
migrations has all of this already: this one is recorded as applied there (`replaces`).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# --- the starter registry of officials (archive/ingest/registry.py) -----------------------------


def load_starter_registry(apps, schema_editor):
    """The starter registry's officials, every spelling of them, and their roles
    (archive/registry_sync.py)."""
    from archive.registry_sync import sync_in_migration

    sync_in_migration(apps, schema_editor)


def merge_roles(apps, schema_editor):
    """One role per office (archive/ingest/offices.py): roles recorded under two spellings of
    one office are merged."""
    from archive.ingest.offices import office_key, office_title

    Person = apps.get_model("archive", "Person")
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


# --- the editors group ------------------------------------------------------------------------

# Editors view, add and change every record of the archive; they delete only aliases and roles
# (merging events or people deletes through the merge workflows, which keep redirects). Users,
# groups and the index queue stay with administrators.
EDITABLE = ["article", "event", "outlet", "person", "personalias", "role"]
DELETABLE = ["personalias", "role"]
VIEW_ONLY = ["articlerevision", "eventredirect", "personredirect"]
HISTORY = [f"historical{model}" for model in EDITABLE]
# Editors review the merge proposals: they view them, and merge (change) or dismiss (delete) them.
MERGE_PROPOSALS = ["view_mergeproposal", "change_mergeproposal", "delete_mergeproposal"]
# Editors manage the outlets' feeds that `manage.py watch` polls.
FEEDS = ["view_feed", "add_feed", "change_feed", "delete_feed"]


def codenames() -> list[str]:
    names = [f"{action}_{model}" for model in EDITABLE for action in ("view", "add", "change")]
    names += [f"delete_{model}" for model in DELETABLE]
    names += [f"view_{model}" for model in VIEW_ONLY + HISTORY]
    return names + MERGE_PROPOSALS + FEEDS


def create_editors(apps, schema_editor):
    # Permissions are normally created after all migrations ran; create ours now to use them.
    app_config = apps.get_app_config("archive")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="editors")
    wanted = codenames()
    permissions = list(
        Permission.objects.filter(content_type__app_label="archive", codename__in=wanted)
    )
    missing = set(wanted) - {p.codename for p in permissions}
    if missing:
        raise RuntimeError(f"permissions not found: {sorted(missing)}")
    editors.permissions.set(permissions)


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="editors").delete()


# --- the registry of outlets (archive/ingest/outlet_registry.py) -------------------------------


def load_outlet_registry(apps, schema_editor):
    from archive.outlets import load_registry

    load_registry(apps)


class Migration(migrations.Migration):
    replaces = [
        ("archive", "0003_starter_registry"),
        ("archive", "0007_editors_group"),
        ("archive", "0008_article_month_day"),
        ("archive", "0015_outlet_registry"),
        ("archive", "0016_registry_update"),
        ("archive", "0017_merge_proposals"),
        ("archive", "0018_capture_provenance_and_feeds"),
        ("archive", "0019_registry_update_2"),
    ]

    dependencies = [
        ("archive", "0001_first_release"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(load_starter_registry, migrations.RunPython.noop),
        migrations.RunPython(create_editors, remove_editors),
        migrations.RunPython(load_outlet_registry, migrations.RunPython.noop),
        migrations.RunPython(merge_roles, migrations.RunPython.noop),
    ]
