"""Watching outlets: poll their feeds (RSS, Atom, news sitemaps) and capture the new items
(`manage.py watch`).

A poll of a feed:
- is a conditional GET (the ETag and Last-Modified of the last complete poll): a feed unchanged
  since answers 304 and costs nothing more;
- takes the items the archive has not captured (an item whose URL an article already has is
  reported as a `duplicate`, not fetched again), up to `WATCH_MAX_ITEMS` a poll, fetches each
  page politely and imports it through the same pipeline and report as `ingest`;
- records the feed's state for the admin: when, how it went, the error, how many items and how
  many new ones.

After a failure a feed waits before its next poll (`WATCH_BACKOFF`, doubled by each failure in a
row, up to a day, or longer if the server's Retry-After asks). When the failure was the site's
(unreachable, a timeout, 429, 5xx) its whole host waits too: no feed of that host is polled
meanwhile, and once a host fails during a run nothing more is asked of it in that run.

The validators of a poll are kept only when all its items were dealt with, so that items left
for later (a failure, the item limit) are seen again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urljoin

import feedparser
from django.conf import settings
from django.utils import timezone
from lxml import etree

from archive.fetching import Fetcher, FetchError, host_of
from archive.importer import FileResult, ImportReport, import_items
from archive.ingest.weburl import web_url
from archive.models import Article, Feed
from archive.web_capture import FetchRejected, fetch_capture

log = logging.getLogger(__name__)

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
# A news sitemap index lists sitemaps; a poll reads this many of them (the first listed).
MAX_CHILD_SITEMAPS = 5
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"

# Report counts of items not taken this poll (they are seen again by the next).
HOST_BACKING_OFF = "host_backing_off"
OVER_ITEM_LIMIT = "over_item_limit"


@dataclass(frozen=True)
class Item:
    url: str
    title: str | None = None


@dataclass
class _Poll:
    """One feed's poll, written to the feed when the run's import is over."""

    feed: Feed
    status: str = Feed.Status.OK
    error: str = ""
    items: int = 0
    urls: list[str] = field(default_factory=list)  # the items captured or recognised
    validators: dict | None = None  # etag/last_modified to keep, when the poll was complete
    wait: float | None = None  # seconds before the next poll (a failure)
    counts_failure: bool = False
    polled: bool = True  # False: left alone, its host backing off


class FeedError(Exception):
    pass


def parse_feed(body: bytes, base_url: str) -> tuple[list[Item], list[str]]:
    """The items of a feed, newest first as listed; and, for a sitemap index, its sitemaps."""
    head = body[:4000].lstrip().lower()
    if b"<urlset" in head or b"<sitemapindex" in head:
        return _parse_sitemap(body, base_url)
    parsed = feedparser.parse(body, response_headers={"content-location": base_url})
    if not parsed.entries and (parsed.bozo or not parsed.version):
        reason = getattr(parsed, "bozo_exception", None) or "no RSS, Atom or sitemap"
        raise FeedError(f"not a feed: {reason}")
    items = []
    for entry in parsed.entries:
        link = entry.get("link") or next(
            (link.get("href") for link in entry.get("links", []) if link.get("href")), None
        )
        url = web_url(urljoin(base_url, link)) if link else None
        if url:
            items.append(Item(url, entry.get("title")))
    return items, []


_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


def _parse_sitemap(body: bytes, base_url: str) -> tuple[list[Item], list[str]]:
    try:
        root = etree.fromstring(body, parser=_XML)
    except etree.XMLSyntaxError as error:
        raise FeedError(f"not a sitemap: {error}") from None
    if root.tag == f"{SITEMAP_NS}sitemapindex":
        children = [
            web_url(urljoin(base_url, (loc.text or "").strip()))
            for loc in root.iter(f"{SITEMAP_NS}loc")
        ]
        return [], [url for url in children if url][:MAX_CHILD_SITEMAPS]
    dated: list[tuple[str, int, Item]] = []
    for position, entry in enumerate(root.iter(f"{SITEMAP_NS}url")):
        url = web_url(urljoin(base_url, (entry.findtext(f"{SITEMAP_NS}loc") or "").strip()))
        if not url:
            continue
        title = entry.findtext(f"{NEWS_NS}news/{NEWS_NS}title")
        when = (
            entry.findtext(f"{NEWS_NS}news/{NEWS_NS}publication_date")
            or entry.findtext(f"{SITEMAP_NS}lastmod")
            or ""
        ).strip()
        dated.append((when, -position, Item(url, title)))
    # Newest first (ISO dates sort as text); undated ones last, in their order.
    dated.sort(key=lambda row: (row[0], row[1]), reverse=True)
    return [item for _, _, item in dated], []


def feeds_to_poll(urls: list[str] | None) -> list[Feed]:
    """The feeds given (recorded as feeds when new), or every active feed."""
    if not urls:
        return list(Feed.objects.filter(active=True).select_related("outlet"))
    feeds = []
    for url in urls:
        feed, _ = Feed.objects.select_related("outlet").get_or_create(url=url)
        feeds.append(feed)
    return feeds


class Watcher:
    """One run over some feeds: polls them, then imports every new item in one batch."""

    def __init__(self, feeds: list[Feed], *, fetcher: Fetcher | None = None, now=None):
        self.feeds = feeds
        self.fetcher = fetcher or Fetcher()
        self.now = now or timezone.now()
        self.skipped: dict[str, int] = {}
        self.polls: list[_Poll] = []
        # Hosts to leave alone: one of their feeds is waiting after a failure, or a request to
        # them failed during this run.
        self.waiting_hosts: dict[str, datetime] = {}
        unreachable = Feed.objects.filter(
            next_poll_at__gt=self.now, last_status=Feed.Status.UNREACHABLE
        ).only("url", "next_poll_at")
        for waiting in unreachable:
            host = host_of(waiting.url)
            until = self.waiting_hosts.get(host)
            if until is None or waiting.next_poll_at > until:
                self.waiting_hosts[host] = waiting.next_poll_at

    def run(self, progress: Callable[[FileResult], None] | None = None) -> ImportReport:
        report = import_items(self._items(), progress=progress, skipped=self.skipped)
        self._record(report)
        return report

    def _skip(self, kind: str, n: int = 1) -> None:
        self.skipped[kind] = self.skipped.get(kind, 0) + n

    def _items(self) -> Iterator:
        for feed in self.feeds:
            poll = _Poll(feed)
            self.polls.append(poll)
            yield from self._poll(feed, poll)

    def _poll(self, feed: Feed, poll: _Poll) -> Iterator:
        host = host_of(feed.url)
        if feed.next_poll_at and feed.next_poll_at > self.now:  # its own backoff: as it was
            poll.status, poll.error = feed.last_status, feed.last_error
            poll.items, poll.polled = feed.last_items, False
            return
        if host in self.waiting_hosts:
            poll.status, poll.error = Feed.Status.WAITING, ""
            poll.items, poll.polled = feed.last_items, False
            return
        try:
            items = self._read_feed(feed, poll)
        except FetchError as error:
            self._failed(poll, error.reason, error.retry_after, host, error.transient)
            if error.reason.startswith("refused by robots.txt"):
                poll.status = Feed.Status.ROBOTS
            return
        except FeedError as error:
            self._failed(poll, str(error), None, host, False)
            return
        if items is None:
            poll.status = Feed.Status.NOT_MODIFIED
            poll.items = feed.last_items
            return
        poll.items = len(items)
        known = dict(
            Article.objects.filter(url__in=[item.url for item in items]).values_list("url", "pk")
        )
        complete = True
        taken = 0
        for item in items:
            if item.url in known:
                poll.urls.append(item.url)
                yield FileResult(item.url, "duplicate", article_id=known[item.url])
                continue
            if taken >= settings.ARCHIVE_WATCH_MAX_ITEMS:
                self._skip(OVER_ITEM_LIMIT)
                complete = False
                continue
            if host_of(item.url) in self.waiting_hosts:
                self._skip(HOST_BACKING_OFF)
                complete = False
                continue
            taken += 1
            capture = fetch_capture(
                self.fetcher,
                item.url,
                feed=feed.url,
                outlet=feed.outlet.name if feed.outlet_id else None,
            )
            if isinstance(capture, FetchRejected) and capture.transient:
                complete = False
                self.waiting_hosts[host_of(item.url)] = self.now
            poll.urls.append(item.url)
            yield capture
        if not complete:
            poll.validators = None

    def _read_feed(self, feed: Feed, poll: _Poll) -> list[Item] | None:
        """The feed's items; None when unchanged since the last complete poll."""
        headers = {"Accept": FEED_ACCEPT}
        if feed.etag:
            headers["If-None-Match"] = feed.etag
        if feed.last_modified:
            headers["If-Modified-Since"] = feed.last_modified
        response = self.fetcher.get(feed.url, headers)
        if response.status == 304:
            return None
        items, children = parse_feed(response.body, response.url)
        for child in children:  # a sitemap index: its first sitemaps, unconditionally
            more, _ = parse_feed(self.fetcher.get(child, {"Accept": FEED_ACCEPT}).body, child)
            items.extend(more)
        poll.validators = {
            "etag": response.headers.get("etag", "")[:300],
            "last_modified": response.headers.get("last-modified", "")[:100],
        }
        return _unique(items)

    def _failed(self, poll, reason, retry_after, host, transient) -> None:
        # A site unreachable or busy holds back its whole host; a feed's own fault (gone, not a
        # feed, refused by robots.txt) only that feed.
        poll.status = Feed.Status.UNREACHABLE if transient else Feed.Status.ERROR
        poll.error = reason
        poll.counts_failure = True
        failures = poll.feed.failures + 1
        wait = min(
            settings.ARCHIVE_WATCH_BACKOFF * 2 ** (failures - 1), settings.ARCHIVE_WATCH_MAX_BACKOFF
        )
        poll.wait = max(wait, retry_after or 0)
        if transient:
            self.waiting_hosts[host] = self.now + timedelta(seconds=poll.wait)

    def _record(self, report: ImportReport) -> None:
        """Write each feed's poll to it, and the feeds' part of the report."""
        statuses = {result.path: result.status for result in report.files}
        summaries = []
        for poll in self.polls:
            feed = poll.feed
            new = sum(1 for url in poll.urls if statuses.get(url) in ("created", "updated"))
            rejected = [url for url in poll.urls if statuses.get(url) == "rejected"]
            if poll.status == Feed.Status.OK and rejected and not poll.validators:
                poll.error = f"{len(rejected)} items not captured"
            if poll.polled:
                feed.last_polled_at = self.now
            feed.last_status = poll.status
            feed.last_error = poll.error
            feed.last_items = poll.items
            if poll.status in (Feed.Status.OK, Feed.Status.NOT_MODIFIED):
                feed.last_new = new
                feed.failures = 0
                feed.next_poll_at = None
                if poll.validators is not None:
                    feed.etag = poll.validators["etag"]
                    feed.last_modified = poll.validators["last_modified"]
            elif poll.counts_failure:
                feed.last_new = 0
                feed.failures += 1
                feed.next_poll_at = self.now + timedelta(seconds=poll.wait or 0)
            feed.save()
            summaries.append(
                {
                    "url": feed.url,
                    "outlet": feed.outlet.name if feed.outlet_id else None,
                    "status": feed.last_status,
                    "error": feed.last_error or None,
                    "items": feed.last_items,
                    "new": new,
                    "next_poll_at": feed.next_poll_at.isoformat() if feed.next_poll_at else None,
                }
            )
        report.extra["feeds"] = summaries


def _unique(items: list[Item]) -> list[Item]:
    seen: set[str] = set()
    unique = []
    for item in items:
        if item.url not in seen:
            seen.add(item.url)
            unique.append(item)
    return unique


def watch_once(
    feed_urls: list[str] | None = None,
    *,
    fetcher: Fetcher | None = None,
    progress: Callable[[FileResult], None] | None = None,
) -> ImportReport:
    """Poll the feeds given (or every active feed) once; the import report, with "feeds"."""
    return Watcher(feeds_to_poll(feed_urls), fetcher=fetcher).run(progress)


def feeds_failed(report: ImportReport) -> bool:
    failed = {Feed.Status.ERROR, Feed.Status.UNREACHABLE, Feed.Status.ROBOTS}
    return any(feed["status"] in failed for feed in report.extra.get("feeds", []))


def watch_forever(
    feed_urls: list[str] | None,
    on_report: Callable[[ImportReport], None],
    *,
    interval: float | None = None,
    sleep=time.sleep,
) -> None:
    """Poll every `interval` seconds (WATCH_INTERVAL), each round with a fresh robots.txt."""
    interval = settings.ARCHIVE_WATCH_INTERVAL if interval is None else interval
    while True:
        started = time.monotonic()
        try:
            on_report(watch_once(feed_urls))
        except Exception:  # one bad round (the database away) must not end the watch
            log.exception("watch round failed")
        sleep(max(1.0, interval - (time.monotonic() - started)))
