"""The admin's import runs as a job beside the web server, for real (gunicorn, a runner process).

A 10 MB zip of 500 long captures was imported inside the upload request: gunicorn killed the
worker at its 30 s timeout with 367 stored, no report, 167 articles left out of the index and the
staged files left behind. Now the request stages the upload and answers with the job's page; a
runner imports it and the page shows the report. A runner killed mid-import is resumed when the
page is next viewed, and its report is the whole batch's.
"""

import io
import json
import os
import random
import re
import signal
import time
import urllib.request
import uuid
import zipfile
from pathlib import Path

import pytest

from archive import import_jobs
from tests.live import archive_env, gunicorn, manage
from tests.test_concurrency import Browser

WORDS = [
    "cooperation",
    "partnership",
    "investment",
    "ministers",
    "agreed",
    "trade",
    "labour",
    "infrastructure",
    "science",
    "technology",
    "localities",
    "exchange",
    "growth",
    "energy",
    "delegation",
    "ports",
    "semiconductors",
    "rice",
    "tourism",
    "health",
    "students",
    "workers",
    "exports",
    "training",
    "projects",
    "railway",
    "climate",
    "agriculture",
]
PEOPLE = ["Phạm Minh Chính", "Tô Lâm", "Ito Naoki", "Takebe Tsutomu", "Lê Hoài Trung"]


def long_capture(n: int, words: int) -> str:
    """A capture of a meeting of its own, `words` long."""
    rng = random.Random(n)
    host, guest = rng.sample(PEOPLE, 2)
    day = f"{1 + n % 28} {['March', 'April', 'May', 'June'][n % 4]} 2024"
    paragraphs = [
        f"Meeting number {n} on {rng.choice(WORDS)} and {rng.choice(WORDS)}",
        f"Hanoi (VNA) – {host} received {guest} in Hanoi on {day} for meeting number {n}.",
    ]
    while sum(len(p.split()) for p in paragraphs) < words:
        sentence = " ".join(rng.choice(WORDS) for _ in range(18))
        paragraphs.append(f"The sides discussed {sentence} in round {n}-{len(paragraphs)}.")
    return "\n\n".join(paragraphs) + "/."


def zip_of(count: int, words: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(count):
            archive.writestr(f"captures/meeting-{n:03d}.txt", long_capture(n, words))
    return buffer.getvalue()


def upload(editor: Browser, name: str, data: bytes) -> tuple[int, str]:
    """POST the zip as the form does; the status and where it redirects."""
    _, page = editor.get("/admin/archive/import/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
            f"{token}\r\n--{boundary}\r\n"
            f'Content-Disposition: form-data; name="files"; filename="{name}"\r\n'
            "Content-Type: application/zip\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    request = urllib.request.Request(
        editor.base + "/admin/archive/import/",
        data=body,
        headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Referer": editor.base + "/admin/archive/import/",
        },
    )
    try:
        with editor.opener.open(request, timeout=60) as response:
            return response.status, response.headers.get("Location", "")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location", "")


def wait_for_report(editor: Browser, path: str, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status, page = editor.get(path)
        assert status == 200, page[:2000]
        if 'id="import-report"' in page or "The import failed" in page:
            return page
        time.sleep(1)
    raise AssertionError(f"no report after {seconds} s:\n{page[:3000]}")


def summary_of(page: str) -> str:
    return re.search(r'<p class="import-summary">([^<]*)</p>', page).group(1)


@pytest.fixture
def server(tmp_path):
    """The archive served as `make run` serves it (gunicorn's default 30 s timeout)."""
    # Its own database: check_index compares the whole of it with this server's new index.
    env = archive_env(tmp_path / "data", os.environ, own_database=True)
    manage(env, "migrate", "--noinput")
    create_editor = (
        "from django.contrib.auth.models import User; "
        "User.objects.create_superuser('editor', 'e@example.org', 'import test passphrase')"
    )
    manage(env, "shell", "-c", create_editor)
    with gunicorn(env, tmp_path / "gunicorn.log", workers=2, timeout=30) as base:
        editor = Browser(base)
        login = {"username": "editor", "password": "import test passphrase", "next": "/admin/"}
        assert editor.post("/admin/login/?next=/admin/", login) == 302
        yield env, editor, tmp_path / "data"


def assert_nothing_left(env: dict, data_dir: Path) -> None:
    check = manage(env, "check_index", check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    imports = data_dir / "imports"
    assert not list(imports.glob("*/files")), "staged files left behind"
    assert not list(imports.glob("*.staging"))


@pytest.mark.slow
def test_an_import_of_500_long_captures_completes_with_a_report(server):
    env, editor, data_dir = server
    data = zip_of(500, words=3500)  # 12 MB of text
    started = time.monotonic()
    status, location = upload(editor, "meetings.zip", data)
    assert status == 302 and location.startswith("/admin/archive/import/"), (status, location)
    assert time.monotonic() - started < 20  # staged and queued, not imported, in the request
    page = wait_for_report(editor, location, seconds=900)
    assert summary_of(page).startswith("500 created, 0 updated, 0 duplicate, 0 rejected")
    assert page.count('class="status-created"') == 500
    assert "meetings.zip/captures/meeting-499.txt" in page
    assert_nothing_left(env, data_dir)


@pytest.mark.slow
def test_a_killed_import_is_resumed_and_its_report_is_the_whole_batchs(server):
    env, editor, data_dir = server
    status, location = upload(editor, "meetings.zip", zip_of(150, words=1500))
    assert status == 302
    job = import_jobs.Job(location.rstrip("/").rsplit("/", 1)[1])
    folder = data_dir / "imports" / job.id
    deadline = time.monotonic() + 300
    while True:  # until the runner has stored a few captures
        state = json.loads((folder / "state.json").read_text())
        results = folder / "results.jsonl"
        if results.exists() and len(results.read_text().splitlines()) >= 20:
            break
        assert state["status"] in ("queued", "running") and time.monotonic() < deadline, state
        time.sleep(0.2)
    os.killpg(state["pid"], signal.SIGKILL)  # the runner and its workers, mid-import
    time.sleep(1)
    assert json.loads((folder / "state.json").read_text())["status"] == "running"
    page = wait_for_report(editor, location, seconds=600)  # viewing the page resumes it
    assert summary_of(page).startswith("150 created, 0 updated, 0 duplicate, 0 rejected")
    assert_nothing_left(env, data_dir)


def test_the_sweep_removes_what_dead_requests_and_old_jobs_left(settings, tmp_path, db):
    settings.ARCHIVE_DATA_DIR = tmp_path
    imports = import_jobs.jobs_dir()
    now = time.time()

    def folder(name: str, age: float, status: str | None = None) -> Path:
        path = imports / name
        (path / "files").mkdir(parents=True)
        if status:
            (path / "state.json").write_text(json.dumps({"status": status, "created": now}))
        os.utime(path, (now - age, now - age))
        return path

    dead_request = folder(f"{'a' * 32}.staging", age=2 * import_jobs.STALE_STAGING_SECONDS)
    staging_now = folder(f"{'b' * 32}.staging", age=5)
    finished = folder("c" * 32, age=60, status="done")
    old_report = folder("d" * 32, age=2 * import_jobs.KEEP_REPORTS_SECONDS, status="failed")
    waiting = folder("e" * 32, age=60, status="queued")
    spooled = imports / "tmpab12.upload"  # Django's spool of an upload whose request died
    spooled.write_bytes(b"PK")
    os.utime(spooled, (now - 2 * import_jobs.STALE_STAGING_SECONDS,) * 2)
    import_jobs.sweep(now)
    assert not spooled.exists()
    assert not dead_request.exists() and not old_report.exists()
    assert staging_now.exists() and (waiting / "files").exists()
    assert finished.exists() and not (finished / "files").exists()
    assert import_jobs.find("c" * 32) is not None
    assert import_jobs.find("../" + "c" * 29) is None
