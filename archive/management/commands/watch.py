"""`manage.py watch [--feed URL ...] [--once] [--json]`: poll the outlets' feeds and capture new
items (archive/watch.py; the report of `ingest`, with each feed's poll under "feeds")."""

from django.core.management.base import BaseCommand, CommandError

from archive.ingest.weburl import web_url
from archive.management.commands._report import fail_on_rejections, print_report
from archive.watch import feeds_failed, watch_forever, watch_once


class Command(BaseCommand):
    help = (
        "Poll the outlets' feeds (RSS, Atom, news sitemaps; or those given) and capture new items."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--feed",
            dest="feeds",
            action="append",
            metavar="URL",
            help="poll this feed (repeatable; recorded as a feed); default: every active feed",
        )
        parser.add_argument(
            "--once", action="store_true", help="poll once and exit (for cron or a timer)"
        )
        parser.add_argument(
            "--json", dest="as_json", action="store_true", help="print one JSON report on stdout"
        )

    def handle(self, *args, feeds: list[str] | None, once: bool, as_json: bool, **options):
        bad = [url for url in feeds or [] if web_url(url) is None]
        if bad:
            raise CommandError(f"not an http(s) URL: {', '.join(bad)}", returncode=2)
        feeds = [web_url(url) for url in feeds] if feeds else None
        if not once:
            watch_forever(feeds, lambda report: self._print(report, as_json))
            return
        report = watch_once(feeds)
        self._print(report, as_json)
        fail_on_rejections(report)
        if feeds_failed(report):
            raise CommandError("some feeds could not be polled", returncode=1)

    def _print(self, report, as_json: bool) -> None:
        print_report(self, report, as_json=as_json)
        if not as_json:
            for feed in report.extra.get("feeds", []):
                error = f": {feed['error']}" if feed["error"] else ""
                self.stdout.write(
                    f"{feed['url']}: {feed['status']}, {feed['items']} items, "
                    f"{feed['new']} new{error}"
                )
        self.stdout.flush()
