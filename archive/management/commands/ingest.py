"""`manage.py ingest PATH [PATH ...] [--json] [--dry-run]`: import raw captures (INTERFACE.md)."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.importer import FileResult, import_captures


class Command(BaseCommand):
    help = "Import raw captures (.txt, .html, .jsonl files or folders) into the archive."

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

        progress = _Progress(sys.stderr) if sys.stderr.isatty() and not as_json else None
        report = import_captures(paths, dry_run=dry_run, progress=progress)
        if progress:
            progress.done()

        if as_json:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        else:
            for result in report.files:
                if result.status == "rejected":
                    self.stderr.write(f"rejected {result.path}: {result.error}")
            summary = report.summary
            prefix = "Dry run (nothing written): " if dry_run else ""
            self.stdout.write(
                f"{prefix}{summary['created']} created, {summary['updated']} updated, "
                f"{summary['duplicate']} duplicate, {summary['rejected']} rejected; "
                f"{summary['events_created']} new events."
            )
        if not report.ok:
            raise CommandError(f"{report.count('rejected')} captures rejected", returncode=1)


class _Progress:
    """A one-line progress counter on a terminal (stderr), so stdout stays clean for pipes."""

    def __init__(self, stream):
        self.stream = stream
        self.counts: dict[str, int] = {}

    def __call__(self, result: FileResult) -> None:
        self.counts[result.status] = self.counts.get(result.status, 0) + 1
        done = sum(self.counts.values())
        detail = ", ".join(f"{n} {status}" for status, n in sorted(self.counts.items()))
        self.stream.write(f"\r{done} captures: {detail}".ljust(70))
        self.stream.flush()

    def done(self) -> None:
        self.stream.write("\n")
