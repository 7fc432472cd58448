"""`manage.py capture URL [URL ...] [--json]`: fetch pages politely and import them
(archive/web_capture.py; the same report and exit codes as `ingest`)."""

from django.core.management.base import BaseCommand, CommandError

from archive.ingest.weburl import web_url
from archive.management.commands._report import fail_on_rejections, print_report, progress_for
from archive.web_capture import capture_urls


class Command(BaseCommand):
    help = "Fetch web pages (robots.txt obeyed) and import them into the archive."

    def add_arguments(self, parser):
        parser.add_argument("urls", nargs="+", metavar="URL", help="http(s) addresses of pages")
        parser.add_argument(
            "--json", dest="as_json", action="store_true", help="print one JSON report on stdout"
        )

    def handle(self, *args, urls: list[str], as_json: bool, **options):
        bad = [url for url in urls if web_url(url) is None]
        if bad:
            raise CommandError(f"not an http(s) URL: {', '.join(bad)}", returncode=2)
        progress = progress_for(as_json)
        report = capture_urls([web_url(url) for url in urls], progress=progress)
        if progress:
            progress.done()
        print_report(self, report, as_json=as_json)
        fail_on_rejections(report)
