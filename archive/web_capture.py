"""Capturing pages from the web (`manage.py capture URL …`, and each new item `watch` finds).

A page is fetched politely (archive.fetching), kept as it was served (HTML, stored sanitised like
every HTML capture, with the SHA-256 of what was fetched), and imported through the same pipeline
and report as `ingest`, with its provenance: the URL asked for, the URL it came from after
redirects, when, and the feed that listed it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from archive.fetching import Fetcher, FetchError
from archive.importer import FileResult, ImportReport, import_items
from archive.ingest import Rejected
from archive.ingest.capture import MAX_CAPTURE_BYTES
from archive.models import CaptureMethod
from archive.provenance import SourcedCapture
from archive.webarchive import decode_page, is_html_type, media_type

ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"


@dataclass(frozen=True)
class FetchRejected(Rejected):
    """A page that could not be captured; `transient` when trying later may succeed."""

    transient: bool = False


def fetch_capture(
    fetcher: Fetcher,
    url: str,
    *,
    feed: str | None = None,
    outlet: str | None = None,
) -> SourcedCapture | FetchRejected:
    """The capture of the page at `url`, or why there is none."""
    try:
        # No larger than a capture may be: a larger page would only be refused after the fetch.
        limit = min(fetcher.max_bytes, MAX_CAPTURE_BYTES)
        response = fetcher.get(url, {"Accept": ACCEPT}, max_bytes=limit)
    except FetchError as error:
        return FetchRejected(url, error.reason, transient=error.transient)
    if response.status != 200:
        return FetchRejected(url, f"{response.url} answered {response.status}, not a page")
    content_type = response.content_type
    if content_type and not is_html_type(content_type):
        return FetchRejected(url, f"not an HTML page ({media_type(content_type)})")
    try:
        raw = decode_page(response.body, content_type)
    except ValueError as error:
        return FetchRejected(url, str(error))
    if not content_type and not raw.lstrip()[:500].lower().startswith(("<!doctype html", "<html")):
        return FetchRejected(url, "not an HTML page (no Content-Type, no <html>)")
    detail = {
        "requested_url": url,
        "url": response.url,
        "fetched_at": response.fetched_at.isoformat(),
        "status": response.status,
        "content_type": content_type,
        "redirects": response.redirects,
        "user_agent": fetcher.agent,
    }
    if feed:
        detail["feed"] = feed
    return SourcedCapture(
        raw=raw,
        format="html",
        path=url,
        url=response.url,
        outlet=outlet,
        captured_at=response.fetched_at,
        method=CaptureMethod.FEED if feed else CaptureMethod.URL,
        detail={key: value for key, value in detail.items() if value not in (None, [])},
    )


def capture_urls(
    urls: Iterable[str],
    *,
    fetcher: Fetcher | None = None,
    progress: Callable[[FileResult], None] | None = None,
) -> ImportReport:
    """Fetch each of `urls` and import it; the report of `ingest` (one entry per URL)."""
    fetcher = fetcher or Fetcher()
    return import_items((fetch_capture(fetcher, url) for url in urls), progress=progress)
