"""A local web site for the capture, web archive and watch tests: a threading HTTP server on
127.0.0.1 serving pages, feeds, a robots.txt, redirects, slow and huge responses. No test reaches
outside the machine.

Every page here is written by us for the tests: fictional stories (clearly marked), in the shape
of a news page, never copied from any outlet.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings

FIXTURE_NOTE = "Test fixture written for the archive's tests: a fictional story, not news."


def story_page(title: str, day: str, paragraphs: list[str], site: str = "Harbour Gazette") -> str:
    """A news page of ours: headline, date, a few paragraphs, some site chrome."""
    body = "\n".join(f"<p>{text}</p>" for text in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<!-- {FIXTURE_NOTE} -->
<title>{title} | {site}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{site}">
<meta property="article:published_time" content="{day}T09:00:00+07:00">
</head>
<body>
<header><a href="/">{site}</a>
<nav><a href="/news">News</a> <a href="/world">World</a></nav></header>
<main><article>
<h1>{title}</h1>
<p class="meta"><time datetime="{day}T09:00:00+07:00">{day}</time></p>
{body}
</article></main>
<footer>{site} (test fixture)</footer>
</body>
</html>
"""


STORIES = {
    "/page.html": story_page(
        "Harbour towns of Vietnam and Japan sign a fictional twinning pact",
        "2025-03-14",
        [
            "HANOI, March 14 (Test) - Two harbour towns, one in central Vietnam and one on "
            "Japan's Seto Inland Sea, agreed on Friday to a twinning pact, in a story written "
            "only for these tests.",
            "The invented mayors said the pact would bring school exchanges, a shared festival "
            "of boats every spring and a joint study of fishing ports over the next three years.",
            "Officials from both towns, none of them real, said the agreement grew out of a "
            "decade of visits by fishermen and students between the two coasts.",
        ],
    ),
    "/news/2.html": story_page(
        "A fictional Vietnam-Japan rail seminar opens in Da Nang",
        "2025-05-02",
        [
            "DA NANG, May 2 (Test) - Engineers from Vietnam and Japan met on Friday for an "
            "imaginary seminar on urban railways, a story made up for the archive's tests.",
            "Speakers, all invented, compared signalling systems, station design and the "
            "training of drivers, and promised to meet again in Osaka next autumn.",
            "The seminar closed with a visit to a depot that exists only in this fixture.",
        ],
    ),
    "/news/3.html": story_page(
        "Students from Hue and Kyoto plant a fictional friendship garden",
        "2025-06-20",
        [
            "HUE, June 20 (Test) - Students from Hue and Kyoto planted a friendship garden of "
            "lotus and maple on Friday, in an event written only for the archive's tests.",
            "The invented organisers said the garden would host a tea afternoon each year and "
            "a small library of books in both languages for visiting classes.",
            "Teachers from the two cities, none of them real, read poems beside the pond.",
        ],
    ),
}


def rss(items: list[str], base: str) -> str:
    entries = "\n".join(
        f"<item><title>Item {n}</title><link>{base}{path}</link>"
        f"<pubDate>Fri, 0{n + 1} May 2025 09:00:00 GMT</pubDate></item>"
        for n, path in enumerate(items)
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<!-- {FIXTURE_NOTE} -->
<rss version="2.0"><channel><title>Harbour Gazette (test)</title><link>{base}/</link>
<description>Fixture feed</description>
{entries}
</channel></rss>
"""


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    stream: int = 0  # bytes streamed after the body, without a Content-Length (huge pages)


@dataclass
class Site:
    """The routes the server answers, editable by a test; the requests it received."""

    base: str = ""
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def page(self, path: str, html: str, content_type="text/html; charset=utf-8", **kw):
        headers = {"Content-Type": content_type}
        self.routes[path] = Route(body=html.encode("utf-8"), headers=headers, **kw)

    def set(self, path: str, **kw) -> None:
        self.routes[path] = Route(**kw)

    def asked(self, path: str) -> int:
        return sum(1 for _, asked, _ in self.requests if asked == path)


def _handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            path = self.path.split("?")[0]
            site.requests.append(("GET", path, {k.lower(): v for k, v in self.headers.items()}))
            route = site.routes.get(path)
            if route is not None and "Content-Length" in route.headers:
                self.close_connection = True  # a declared length it does not send
            if route is None:
                route = Route(status=404, body=b"not here", headers={"Content-Type": "text/plain"})
            if route.delay:
                time.sleep(route.delay)
            etag = route.headers.get("ETag")
            if etag and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            try:
                self.send_response(route.status)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                if route.stream:
                    self.send_header("Connection", "close")
                    self.close_connection = True
                elif "Content-Length" not in route.headers:
                    self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)
                chunk = b"<p>" + b"x" * 65536 + b"</p>"
                sent = 0
                while sent < route.stream:
                    self.wfile.write(chunk)
                    sent += len(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading: what a size cap does

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture
def site():
    """A local web site on 127.0.0.1: pages, a robots.txt refusing /private/, a feed."""
    served = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(served))
    server.daemon_threads = True
    served.base = f"http://127.0.0.1:{server.server_address[1]}"
    served.set(
        "/robots.txt",
        body=b"# test fixture\nUser-agent: *\nDisallow: /private/\n",
        headers={"Content-Type": "text/plain"},
    )
    for path, html in STORIES.items():
        served.page(path, html)
    served.page("/private/secret.html", STORIES["/page.html"].replace("Harbour", "Private"))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    with override_settings(
        ARCHIVE_FETCH_HOST_DELAY=0, ARCHIVE_FETCH_TIMEOUT=2, ARCHIVE_CONTACT_URL=served.base
    ):
        yield served
    server.shutdown()
    server.server_close()
    thread.join(5)
