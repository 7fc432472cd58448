"""`manage.py restore PATH [--replace]`: put a backup made by `manage.py backup` back as the
archive's database, bring its schema up to date, and say how to rebuild the search index."""

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from archive.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore the archive's database from a backup made by `manage.py backup`."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the backup file to restore")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="overwrite a database that already holds articles",
        )

    def handle(self, *args, path: str, replace: bool, **options):
        try:
            summary = restore(Path(path), replace=replace)
        except BackupError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        # A backup from an older version of the archive gets this version's migrations.
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(
            f"Restored {summary} from {path}. The search index does not match it yet: run "
            "`manage.py rebuild_index --noinput`."
        )
