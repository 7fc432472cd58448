"""`manage.py backup PATH [--overwrite]`: a consistent copy of the database, taken while the
site serves (archive/backup.py says how)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the archive's database to PATH (safe while the site serves and ingests)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the backup file to write")
        parser.add_argument("--overwrite", action="store_true", help="replace PATH if it exists")

    def handle(self, *args, path: str, overwrite: bool, **options):
        try:
            summary = backup(Path(path), overwrite=overwrite)
        except BackupError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        self.stdout.write(f"Backed up {summary} to {path}.")
