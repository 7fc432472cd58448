"""Fetching pages and feeds from the web, politely (`manage.py capture` and `watch`).

- A User-Agent naming the archive and how to reach whoever runs it (`CONTACT_URL`).
- robots.txt obeyed, for the archive's own agent token or `*`: read once per site and run; a
  robots.txt that is missing (404) allows everything, one that refuses us (401, 403) or cannot be
  read (5xx, network) allows nothing until the next run. Its `Crawl-delay` is honoured (capped).
- One request at a time per host, at least `FETCH_HOST_DELAY` seconds apart.
- A timeout on every read and on the whole response (a server trickling bytes is cut off).
- A size cap: a response declared or found larger than `FETCH_MAX_BYTES` is refused unread.
- Redirects followed (5 at most) to http(s) URLs only, each one checked against its robots.txt.

Stdlib only (urllib): the HTTP this needs is small, and every step of it is ours to bound.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from django.conf import settings

from archive.ingest.weburl import web_url

AGENT_TOKEN = "DiplomaticNewsArchive"
MAX_REDIRECTS = 5
ROBOTS_MAX_BYTES = 500_000
MAX_CRAWL_DELAY = 30.0
_CHUNK = 65536
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


def user_agent() -> str:
    contact = settings.ARCHIVE_CONTACT_URL
    about = f"+{contact}" if contact else "news archive; no contact configured"
    return f"{AGENT_TOKEN}/1.0 ({about})"


class FetchError(Exception):
    """A URL that could not be fetched, and why. `transient` errors (network, 429, 5xx,
    timeouts) are worth trying again later; the others (robots.txt, 404, too large) are not."""

    def __init__(
        self,
        reason: str,
        *,
        status: int | None = None,
        transient: bool = False,
        retry_after: float | None = None,
    ):
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.transient = transient
        self.retry_after = retry_after  # seconds the server asked us to wait (Retry-After)


@dataclass
class Response:
    url: str  # where the body came from, after redirects
    requested_url: str
    status: int
    headers: dict[str, str]  # lower-cased names
    body: bytes
    fetched_at: datetime
    redirects: list[str] = field(default_factory=list)

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects are ours to follow (`Fetcher.get`): each target is checked first."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


class Fetcher:
    """One run's fetching: it remembers each site's robots.txt and when each host was last
    asked, so that a run is polite however many URLs it fetches."""

    def __init__(
        self,
        *,
        timeout: float | None = None,
        max_bytes: int | None = None,
        host_delay: float | None = None,
        sleep=time.sleep,
        clock=time.monotonic,
    ):
        self.timeout = settings.ARCHIVE_FETCH_TIMEOUT if timeout is None else timeout
        self.max_bytes = settings.ARCHIVE_FETCH_MAX_BYTES if max_bytes is None else max_bytes
        self.host_delay = settings.ARCHIVE_FETCH_HOST_DELAY if host_delay is None else host_delay
        self.agent = user_agent()
        self._sleep, self._clock = sleep, clock
        self._robots: dict[str, RobotFileParser] = {}
        self._robots_failed: dict[str, str] = {}  # site -> why its robots.txt could not be read
        self._last_request: dict[str, float] = {}
        self._opener = urllib.request.build_opener(_NoRedirects())

    # -- robots.txt ------------------------------------------------------------------------

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets the archive fetch `url`."""
        return self._robots_for(url).can_fetch(AGENT_TOKEN, url)

    def _robots_for(self, url: str) -> RobotFileParser:
        site = _site(url)
        robots = self._robots.get(site)
        if robots is None:
            robots = RobotFileParser(f"{site}/robots.txt")
            try:
                response = self._request(f"{site}/robots.txt", {}, ROBOTS_MAX_BYTES)
            except FetchError as error:
                if error.status in (401, 403) or error.status is None or error.status >= 500:
                    robots.disallow_all = True  # refused, or no answer: nothing is allowed
                    if error.status not in (401, 403):
                        self._robots_failed[site] = error.reason
                else:
                    robots.allow_all = True  # none (404, 410…): everything is
            else:
                if response.status in _REDIRECTS:
                    robots.allow_all = True  # a robots.txt moved elsewhere: treated as none
                else:
                    text = response.body.decode("utf-8", errors="replace")
                    robots.parse(text.splitlines())
            self._robots[site] = robots
        return robots

    def _delay_for(self, url: str) -> float:
        delay = self.host_delay
        robots = self._robots.get(_site(url))
        if robots is not None:
            try:
                asked = robots.crawl_delay(AGENT_TOKEN)
            except (AttributeError, TypeError):  # robotparser with no entries
                asked = None
            if asked:
                delay = max(delay, min(float(asked), MAX_CRAWL_DELAY))
        return delay

    # -- requests --------------------------------------------------------------------------

    def get(
        self, url: str, headers: dict[str, str] | None = None, max_bytes: int | None = None
    ) -> Response:
        """GET `url`, following redirects; raise FetchError for anything but a 2xx or a 304."""
        requested = url
        redirects: list[str] = []
        while True:
            if web_url(url) is None:
                raise FetchError(f"not an http(s) URL: {url[:200]}")
            if not self.allowed(url):
                failed = self._robots_failed.get(_site(url))
                if failed:  # worth trying again later, like any failure of the site
                    raise FetchError(
                        f"robots.txt could not be read, so nothing is fetched: {failed}",
                        transient=True,
                    )
                raise FetchError(f"refused by robots.txt: {url}")
            response = self._request(url, headers or {}, max_bytes or self.max_bytes)
            if response.status not in _REDIRECTS:
                response.requested_url, response.redirects = requested, redirects
                return response
            location = response.headers.get("location")
            if not location:
                raise FetchError(f"redirect without a Location ({response.status})")
            if len(redirects) >= MAX_REDIRECTS:
                raise FetchError(f"more than {MAX_REDIRECTS} redirects")
            target = urljoin(url, location.strip())
            if web_url(target) is None:
                raise FetchError(f"redirected to a URL that is not http(s): {target[:200]}")
            redirects.append(url)
            url = target

    def _request(self, url: str, headers: dict[str, str], max_bytes: int) -> Response:
        self._wait_for_host(url)
        request = urllib.request.Request(
            url, headers={"User-Agent": self.agent, "Accept-Encoding": "identity", **headers}
        )
        fetched_at = datetime.now(UTC)
        deadline = self._clock() + self.timeout
        try:
            answer = self._opener.open(request, timeout=self.timeout)
        except urllib.error.HTTPError as error:
            answer = error  # a 3xx, 304, 4xx or 5xx: its status and headers are the answer
        except (urllib.error.URLError, OSError, ValueError) as error:
            reason = getattr(error, "reason", error)
            raise FetchError(f"could not fetch {url}: {reason}", transient=True) from None
        finally:
            self._last_request[host_of(url)] = self._clock()
        with answer:
            status = answer.status if hasattr(answer, "status") else answer.code
            found = {name.lower(): value for name, value in answer.headers.items()}
            if status >= 400:
                raise FetchError(
                    f"{url} answered {status}",
                    status=status,
                    transient=status == 429 or status >= 500,
                    retry_after=retry_after(found),
                )
            body = b""
            if status not in _REDIRECTS and status != 304:
                body = self._read(answer, url, found, max_bytes, deadline)
        self._last_request[host_of(url)] = self._clock()
        return Response(url, url, status, found, body, fetched_at)

    def _read(self, answer, url: str, headers: dict[str, str], limit: int, deadline: float):
        declared = headers.get("content-length", "").strip()
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(f"{url} is too large ({int(declared):,} bytes > {limit:,})")
        chunks, size = [], 0
        try:
            while chunk := answer.read(min(_CHUNK, limit + 1 - size)):
                chunks.append(chunk)
                size += len(chunk)
                if size > limit:
                    raise FetchError(f"{url} is too large (over {limit:,} bytes)")
                if self._clock() > deadline:
                    raise FetchError(f"{url} took over {self.timeout:g} s to send", transient=True)
        except (OSError, ValueError) as error:  # a timeout, a reset connection
            raise FetchError(f"could not read {url}: {error}", transient=True) from None
        return b"".join(chunks)

    def _wait_for_host(self, url: str) -> None:
        last = self._last_request.get(host_of(url))
        if last is not None:
            wait = last + self._delay_for(url) - self._clock()
            if wait > 0:
                self._sleep(wait)


def _site(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def retry_after(error_headers: dict[str, str] | None) -> float | None:
    """Seconds a `Retry-After` header asks for (a number or an HTTP date), if any."""
    value = (error_headers or {}).get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, (parsedate_to_datetime(value) - datetime.now(UTC)).total_seconds())
    except (TypeError, ValueError):
        return None
