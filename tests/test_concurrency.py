"""Editors save while visitors search and an ingest runs: gunicorn with two workers, for real.

One path writes the index (archive/search/sync.py); this checks it holds under load: no 5xx, no
Whoosh lock error in any log, and `check_index` finds the index in step with the database at the
end. It runs the archive as a user would (its own data dir, migrate, gunicorn on loopback).
"""

import http.cookiejar
import json
import os
import random
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.live import archive_env, gunicorn, manage

SAVES, SEARCHES, CAPTURES = 200, 1000, 200
VISITORS = 4  # searching at the same time
SEARCH_WORDS = ["Japan", "To Lam", "cooperation", '"strategic partnership"', "Hanoi", "forum"]


def write_captures(folder: Path, count: int) -> Path:
    """`count` small captures of distinct meetings, as one .jsonl file."""
    rng = random.Random(7)
    people = ["Phạm Minh Chính", "Tô Lâm", "Ito Naoki", "Takebe Tsutomu", "Lê Hoài Trung"]
    topics = ["rail", "ports", "semiconductors", "labour", "rice", "energy", "tourism", "health"]
    lines = []
    for n in range(count):
        day = f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}"
        host, guest = rng.sample(people, 2)
        topic = topics[n % len(topics)]
        text = (
            f"Talks number {n} on {topic}\n"
            f"Hanoi (VNA) - {host} received {guest} in Hanoi on {day}, meeting number {n}, "
            f"to discuss cooperation on {topic}. The two sides reviewed {n + 3} projects and "
            f"agreed to deepen the Comprehensive Strategic Partnership between Vietnam and Japan, "
            f"with {topic} as a priority for the coming {n % 5 + 2} years./."
        )
        lines.append(json.dumps({"text": text, "url": f"https://load.example/{n}",
                                 "captured_at": f"{day}T12:00:00Z", "language": "en"}))  # fmt: skip
    path = folder / "load.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 after a save is the answer we check, not a page to follow


class Browser:
    """A logged-in editor over HTTP: cookies and CSRF tokens, like a browser keeps them."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirects()
        )

    def get(self, path: str) -> tuple[int, str]:
        try:
            with self.opener.open(self.base + path, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def post(self, path: str, data: dict) -> int:
        _, page = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}, doseq=True)
        request = urllib.request.Request(
            self.base + path, data=body.encode(), headers={"Referer": self.base + path}
        )
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code


@pytest.fixture
def archive_server(tmp_path, seeds_dir):
    # The caller's DATABASE_URL is kept: in CI's PostgreSQL pass, this runs on PostgreSQL too.
    env = archive_env(tmp_path / "data", os.environ, own_database=False)
    manage(env, "migrate", "--noinput")
    manage(env, "ingest", str(seeds_dir))
    create_editor = (
        "from django.contrib.auth.models import User; "
        "User.objects.create_superuser('editor', 'e@example.org', 'load test passphrase')"
    )
    manage(env, "shell", "-c", create_editor)
    with gunicorn(env, tmp_path / "gunicorn.log") as base:
        yield env, base, tmp_path


@pytest.mark.slow
def test_saves_searches_and_an_ingest_at_once(archive_server):
    env, base, tmp_path = archive_server
    captures = write_captures(tmp_path, CAPTURES)
    editor = Browser(base)
    login = {"username": "editor", "password": "load test passphrase", "next": "/admin/"}
    assert editor.post("/admin/login/?next=/admin/", login) == 302
    statuses: list[int] = []
    errors: list[str] = []

    def save_people():
        people = ["to-lam", "takebe-tsutomu", "ito-naoki", "pham-minh-chinh"]
        ids = {}
        for slug in people:
            _, page = editor.get(f"/admin/archive/person/?q={slug}")
            ids[slug] = re.search(r'href="/admin/archive/person/(\d+)/change/', page).group(1)
        for n in range(SAVES):
            slug = people[n % len(people)]
            status = editor.post(
                f"/admin/archive/person/{ids[slug]}/change/",
                {"name": editor_name(slug), "slug": slug,
                 "country": "Vietnam" if n % 2 else "Viet Nam",
                 "aliases-TOTAL_FORMS": "0", "aliases-INITIAL_FORMS": "0",
                 "roles-TOTAL_FORMS": "0", "roles-INITIAL_FORMS": "0"},
            )  # fmt: skip
            statuses.append(status)
            if status != 302:
                errors.append(f"save {n} of {slug}: HTTP {status}")

    def search_often(visitor_number: int):
        visitor = Browser(base)
        for n in range(visitor_number, SEARCHES, VISITORS):
            q = urllib.parse.quote(SEARCH_WORDS[n % len(SEARCH_WORDS)])
            status, _ = visitor.get(f"/search/?q={q}" if n % 2 else f"/api/search/?q={q}")
            statuses.append(status)
            if status != 200:
                errors.append(f"search {n}: HTTP {status}")

    def ingest():
        result = manage(env, "ingest", str(captures), "--json", check=False)
        if result.returncode != 0:
            errors.append(f"ingest exited {result.returncode}: {result.stderr[-2000:]}")
        else:
            summary = json.loads(result.stdout)["summary"]
            if summary["created"] != CAPTURES:
                errors.append(f"ingest summary {summary}")

    threads = [threading.Thread(target=save_people), threading.Thread(target=ingest)]
    threads += [threading.Thread(target=search_often, args=(n,)) for n in range(VISITORS)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=900)
    elapsed = time.monotonic() - started

    log = (tmp_path / "gunicorn.log").read_text()
    assert not errors, (errors[:10], log[-4000:])
    assert len(statuses) == SAVES + SEARCHES
    assert not [s for s in statuses if s >= 500]
    assert "LockError" not in log and "Traceback" not in log, log[-3000:]
    check = manage(env, "check_index", check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    print(f"{SAVES} saves, {SEARCHES} searches and {CAPTURES} captures in {elapsed:.1f} s")


def editor_name(slug: str) -> str:
    return {"to-lam": "Tô Lâm", "takebe-tsutomu": "Takebe Tsutomu", "ito-naoki": "Ito Naoki",
            "pham-minh-chinh": "Phạm Minh Chính"}[slug]  # fmt: skip
