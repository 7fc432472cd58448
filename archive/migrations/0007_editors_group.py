"""The `editors` group: exactly what curating the archive needs.

Editors view, add and change every record of the archive; they delete only aliases and roles
(merging events or people deletes through the merge workflows, which keep redirects). Users,
groups and the index queue stay with administrators.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITABLE = ["article", "event", "outlet", "person", "personalias", "role"]
DELETABLE = ["personalias", "role"]
VIEW_ONLY = ["articlerevision", "eventredirect", "personredirect"]
HISTORY = [f"historical{model}" for model in EDITABLE]


def codenames() -> list[str]:
    names = [f"{action}_{model}" for model in EDITABLE for action in ("view", "add", "change")]
    names += [f"delete_{model}" for model in DELETABLE]
    names += [f"view_{model}" for model in VIEW_ONLY + HISTORY]
    return names


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


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0006_history_and_outlet_sources"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors, remove_editors)]
