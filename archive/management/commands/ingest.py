"""`manage.py ingest PATH [PATH ...] [--json] [--dry-run]`: import raw captures (INTERFACE.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.importer import import_captures
from archive.management.commands._report import fail_on_rejections, print_report, progress_for


class Command(BaseCommand):
    help = (
        "Import raw captures (.txt, .html, .jsonl files, web archives: .warc, .warc.gz, .wacz; "
        "or folders) into the archive."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="capture files or folders (read recursively)")
        parser.add_argument(
            "--json", dest="as_json", action="store_true", help="print one JSON report on stdout"
        )
        parser.add_argument("--dry-run", action="store_true", help="report without writing")

    def handle(self, *args, paths: list[str], as_json: bool, dry_run: bool, **options):
        missing = [path for path in paths if not Path(path).exists()]
        if missing:
            raise CommandError(f"no such file or folder: {', '.join(missing)}", returncode=2)

        progress = progress_for(as_json)
        report = import_captures(paths, dry_run=dry_run, progress=progress)
        if progress:
            progress.done()
        print_report(self, report, as_json=as_json, dry_run=dry_run)
        fail_on_rejections(report)
