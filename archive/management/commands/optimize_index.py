"""`manage.py optimize_index`: merge the Whoosh index's segments into one (searches get faster)."""

from django.core.management.base import BaseCommand, CommandError
from haystack import connections

from archive.search import sync


class Command(BaseCommand):
    help = (
        "Merge the search index's segments into one: each segment costs every search a pass. "
        "Run after a large import, or nightly; it holds the index's write lock while it works "
        "(edits made meanwhile stay queued and are written right after)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--wait", type=float, default=600.0, help="seconds to wait for the write lock"
        )

    def handle(self, *args, wait: float, **options):
        backend = connections["default"].get_backend()
        optimize = getattr(backend, "optimize", None)
        if optimize is None:
            self.stdout.write("Nothing to do: this search backend merges its segments itself.")
            return
        try:
            before, after = optimize(timeout=wait)
        except sync.IndexBusy as exc:
            raise CommandError(f"{exc}; try again later (or with a longer --wait)") from exc
        written = sync.drain(wait_seconds=60)
        self.stdout.write(
            f"Search index: {before} segment(s) merged into {after}; "
            f"{written} queued update(s) written since."
        )
