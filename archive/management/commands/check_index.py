"""`manage.py check_index [--fix]`: compare the database (the truth) with the search index."""

from django.core.management.base import BaseCommand, CommandError

from archive.search import drift


class Command(BaseCommand):
    help = "Compare the search index with the database; --fix re-indexes what differs."

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="re-index every drifted article")

    def handle(self, *args, fix: bool, **options):
        report = drift.compare()
        self.stdout.write(report.describe())
        if report.clean:
            return
        if not fix:
            raise CommandError("the index differs from the database (run with --fix)", returncode=1)
        drift.repair(report)
        after = drift.compare()
        self.stdout.write(f"After repair: {after.describe()}")
        if not after.clean:
            raise CommandError("drift remains after repair", returncode=1)
