"""Browser tests: the real archive (gunicorn on loopback, its own data dir) in Debian's Chromium,
driven by Playwright, checked by axe-core.

Needs three things a plain checkout lacks. On a user's machine a missing one skips these tests with
a message saying how to install it; where CI is set (CI sets CI=true) it is a failure instead:

- Chromium: `apt-get install chromium` (/usr/bin/chromium; CHROMIUM=/path/to/chrome to use another);
- Playwright for Python, only as the driver: `pip install -r requirements-dev.txt` (never
  `playwright install`: the tests launch the system Chromium);
- axe-core: `npm ci --prefix tests/browser`.

Nothing leaves the machine at run time: any request to a host other than the archive is aborted and
recorded, and the journeys assert there were none. Screenshots go to var/screenshots/ (CI keeps
that folder as an artefact; BROWSER_SCREENSHOTS names another).
The archive serves ../shared/seeds where present, else samples/captures (BROWSER_TESTS_CAPTURES
names another folder).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from tests.browser.support import AXE_FINDINGS, AXE_JS, AXE_PAGES, QUERY, SCREENSHOTS, VIEWPORTS
from tests.conftest import SAMPLES_DIR, SEEDS_DIR
from tests.live import archive_env, gunicorn, manage

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def missing(what: str, how: str) -> None:
    """A prerequisite is absent: skip on a user's machine, fail in CI."""
    message = f"{what}; install it with: {how}"
    if os.environ.get("CI"):
        pytest.fail(f"browser tests in CI: {message}", pytrace=False)
    pytest.skip(message)


def chromium_path() -> str:
    """$CHROMIUM if set, else Debian's /usr/bin/chromium, else `chromium` on the PATH."""
    wanted = os.environ.get("CHROMIUM")
    candidates = [wanted] if wanted else ["/usr/bin/chromium", shutil.which("chromium")]
    for candidate in candidates:
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    missing(f"Chromium not found at {wanted or '/usr/bin/chromium'}", "apt-get install chromium")
    raise AssertionError  # not reached


@pytest.fixture(scope="session")
def archive_url(tmp_path_factory) -> Iterator[str]:
    """The archive as a user runs it: own data dir, migrated, the seed captures (or the sample
    corpus where ../shared/seeds is absent) ingested, gunicorn with 2 workers on a free port."""
    data = tmp_path_factory.mktemp("browser-archive")
    env = archive_env(data / "data", os.environ, own_database=True)
    chosen = os.environ.get("BROWSER_TESTS_CAPTURES")  # to try another corpus by hand
    captures = Path(chosen) if chosen else SEEDS_DIR if SEEDS_DIR.is_dir() else SAMPLES_DIR
    manage(env, "migrate", "--noinput")
    manage(env, "ingest", str(captures))
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")  # gunicorn serves the CSS
    log_path = data / "gunicorn.log"
    with gunicorn(env, log_path) as base:
        print(f"\narchive at {base} with the captures in {captures}")
        yield base
    server_log = log_path.read_text()
    assert "Traceback" not in server_log, server_log[-3000:]


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode()


@pytest.fixture(scope="session")
def site(archive_url) -> dict[str, str]:
    """Paths of one page of each kind, found through the public JSON API: the search for QUERY,
    its event with the most versions, that event's first official and day, and its first outlet."""
    found = json.loads(get(f"{archive_url}/api/search/?q={quote(QUERY)}"))
    assert found["results"], f"the search for {QUERY!r} found nothing in the test corpus"
    events = [
        json.loads(get(f"{archive_url}/api/events/{hit['event']['slug']}/"))
        for hit in found["results"]
    ]
    event = max(events, key=lambda e: (len(e["articles"]), bool(e["people"]), bool(e["date"])))
    assert len(event["articles"]) > 1 and event["people"] and event["date"], event["slug"]
    year, month, day = event["date"].split("-")
    outlet = re.search(r'href="(/outlets/[^"/]+/)"', get(f"{archive_url}/events/{event['slug']}/"))
    return {
        "home": "/",
        "search": f"/search/?q={quote(QUERY)}",
        "event": f"/events/{event['slug']}/",
        "person": f"/people/{event['people'][0]}/",
        "date": f"/dates/{year}/{month}/{day}/",
        "outlet": outlet.group(1),
    }


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright for Python is not installed", "pip install -r requirements-dev.txt")
    executable = chromium_path()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe_source() -> Path:
    if not AXE_JS.is_file():
        missing(f"axe-core not found at {AXE_JS}", "npm ci --prefix tests/browser")
    return AXE_JS


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def viewport(request) -> str:
    return request.param


@pytest.fixture
def page(browser, archive_url, viewport):
    """A fresh page at the viewport's size; every request off the archive's host is aborted and
    listed in `page.offsite` (so a page that would need the internet shows up); responses of 400
    and over are listed in `page.failed`."""
    context = browser.new_context(
        viewport=VIEWPORTS[viewport],
        is_mobile=viewport == "phone",
        has_touch=viewport == "phone",
        base_url=archive_url,
        locale="en-GB",
        reduced_motion="reduce",
    )
    context.set_default_timeout(15_000)
    archive_host = urlsplit(archive_url).netloc
    offsite: list[str] = []

    def keep_on_loopback(route):
        url = route.request.url
        if urlsplit(url).netloc == archive_host or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            offsite.append(url)
            route.abort()

    context.route("**/*", keep_on_loopback)
    page = context.new_page()
    page.offsite = offsite
    page.failed = []  # responses of 400 and over, with their URLs (a missing stylesheet, say)
    page.on("response", lambda r: r.status >= 400 and page.failed.append(f"{r.status} {r.url}"))
    yield page
    context.close()


def pytest_terminal_summary(terminalreporter):
    if not AXE_PAGES:
        return
    terminalreporter.section("axe-core")
    terminalreporter.write_line(
        f"{len(AXE_PAGES)} page checks, {len(AXE_FINDINGS)} violations (any impact)"
    )
    for page_name, viewport, violation in AXE_FINDINGS:
        targets = ", ".join(" ".join(map(str, n["target"])) for n in violation["nodes"][:3])
        terminalreporter.write_line(
            f"{page_name} @ {viewport}: [{violation['impact']}] {violation['id']}: "
            f"{violation['help']} ({len(violation['nodes'])} nodes, e.g. {targets})"
        )
