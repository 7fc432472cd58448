"""Printing an import report, the same for `ingest`, `capture` and `watch` (INTERFACE.md)."""

import json
import sys

from django.core.management.base import CommandError

from archive.importer import FileResult, ImportReport


def print_report(command, report: ImportReport, *, as_json: bool, dry_run: bool = False) -> None:
    """The report on stdout: one JSON document, or rejections (stderr) and a summary line."""
    if as_json:
        command.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return
    for result in report.files:
        if result.status == "rejected":
            command.stderr.write(f"rejected {result.path}: {result.error}")
    summary = report.summary
    prefix = "Dry run (nothing written): " if dry_run else ""
    command.stdout.write(
        f"{prefix}{summary['created']} created, {summary['updated']} updated, "
        f"{summary['duplicate']} duplicate, {summary['rejected']} rejected; "
        f"{summary['events_created']} new events."
    )
    if any(report.skipped.values()):
        skipped = ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in report.skipped.items())
        command.stdout.write(f"Skipped: {skipped}.")


def fail_on_rejections(report: ImportReport) -> None:
    """Exit status 1 when some captures were rejected (the others are imported)."""
    if not report.ok:
        raise CommandError(f"{report.count('rejected')} captures rejected", returncode=1)


def progress_for(as_json: bool):
    """A progress counter on a terminal (stderr, so stdout stays clean for pipes), or None."""
    return Progress(sys.stderr) if sys.stderr.isatty() and not as_json else None


class Progress:
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
