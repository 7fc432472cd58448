"""Hostile files through the importer (archive.importer.import_captures) and `ingest --json`.

Each hostile file goes into a batch with good files: it is imported or rejected with a reason,
without a traceback, in bounded time and memory, and the good files are imported all the same.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import signal
import time
import tracemalloc
from contextlib import contextmanager
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.importer import import_captures
from archive.ingest.metadata import detect_language
from archive.models import Article
from tests.conftest import SAMPLES_DIR

from .hostile import EXECUTABLE_TRACES, EXPECTED, GOOD_FILES, HOSTILE, IMPORTED

# Generous bounds for a shared 2-core machine; a good capture takes well under a second.
WALL_SECONDS = 60
PEAK_MEMORY_BYTES = 150_000_000
RUNNING_AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
ROOT_READS_ANYTHING = (
    "running as root, which reads a chmod 000 file anyway, so the file cannot be made unreadable; "
    "test_a_file_that_cannot_be_read_is_rejected covers the read error instead"
)


class WallClockExceeded(Exception):  # not an OSError, which the capture reader catches
    pass


@contextmanager
def wall_clock_limit(seconds: int):
    """Fail (instead of hanging the suite) when the block runs longer than ``seconds``."""

    def expire(signum, frame):
        raise WallClockExceeded(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def good_files(folder: Path) -> list[Path]:
    folder.mkdir()
    for name in GOOD_FILES:
        shutil.copy(SAMPLES_DIR / name, folder / name)
    return [folder / name for name in GOOD_FILES]


def assert_no_traceback(entry: dict, caplog) -> None:
    error = entry["error"] or ""
    assert "Traceback" not in error and "internal error" not in error, entry
    assert not [record for record in caplog.records if record.exc_info], "a traceback was logged"


def assert_stored_safely(article_id: int) -> None:
    article = Article.objects.get(pk=article_id)
    assert article.title and article.body
    for text in (article.raw.lower(), article.body.lower(), article.title.lower()):
        for trace in EXECUTABLE_TRACES:
            assert trace not in text, trace


@pytest.fixture(scope="module")
def warm_pipeline():
    """Load what the first capture loads once per process (the language model, about 100 MB),
    so that the memory measured is what the hostile file costs."""
    detect_language("The two sides agreed to expand cooperation.")


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_a_hostile_file_beside_good_files(kind, search_index, tmp_path, caplog, warm_pipeline):
    if kind == "an unreadable file" and RUNNING_AS_ROOT:
        pytest.skip(ROOT_READS_ANYTHING)
    caplog.set_level(logging.WARNING)
    hostile_folder = tmp_path / "hostile"
    hostile_folder.mkdir()
    hostile = HOSTILE[kind](hostile_folder)
    good = good_files(tmp_path / "good")

    tracemalloc.start()
    started = time.perf_counter()
    try:
        with wall_clock_limit(WALL_SECONDS):
            report = import_captures([hostile, *good]).as_dict()
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    by_path = {entry["path"]: entry for entry in report["files"]}
    for path in good:
        assert by_path.pop(str(path))["status"] == "created", kind
    print(f"\n{kind}: {sorted(e['status'] for e in by_path.values())}", end=" ")
    assert by_path, f"nothing reported for {kind}"
    statuses, reason = EXPECTED[kind]
    for entry in by_path.values():
        assert entry["status"] in statuses, entry
        if entry["status"] == "rejected":
            assert entry["error"] and len(entry["error"]) < 300, entry
            assert reason is None or reason in entry["error"], entry
        else:
            assert_stored_safely(entry["article"]["id"])
        assert_no_traceback(entry, caplog)
    print(f"{elapsed:.1f} s, peak {peak / 1e6:.1f} MB (traced)")
    assert elapsed < WALL_SECONDS
    assert peak < PEAK_MEMORY_BYTES, f"{kind}: {peak / 1e6:.0f} MB"


def test_malformed_json_lines_are_each_reported(search_index, tmp_path):
    path = HOSTILE["malformed JSON lines"](tmp_path)
    report = import_captures([path]).as_dict()
    statuses = [entry["status"] for entry in report["files"]]
    assert statuses.count("created") == 1  # the one good line
    assert len(statuses) == 17  # one entry a line, none lost
    errors = " | ".join(entry["error"] or "" for entry in report["files"])
    for reason in ("invalid JSON", "needs a JSON object", '"text" must be a string',
                   'needs "text" or "html"', "too large", "not UTF-8", "captured_at",
                   "NUL", "nested too deeply"):  # fmt: skip
        assert reason in errors


def test_a_huge_json_line_is_not_held_in_memory(db, tmp_path):
    from archive.ingest import Capture, read_captures

    path = tmp_path / "huge.jsonl"
    with path.open("wb") as handle:
        handle.write(b'{"text": "')
        for _ in range(40):
            handle.write(b"word " * 200_000)  # 40 MB in one line
        handle.write(b'"}\n')
        handle.write(json.dumps({"text": "Hanoi talks " * 30}).encode() + b"\n")
    tracemalloc.start()
    try:
        items = list(read_captures([path]))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "too large" in items[0].reason
    assert isinstance(items[1], Capture)
    assert peak < 20_000_000, f"{peak / 1e6:.0f} MB to skip a 40 MB line"


def test_a_file_that_cannot_be_read_is_rejected(search_index, tmp_path, monkeypatch):
    """The read error an unreadable file gives a non-root user, simulated for root too."""
    path = HOSTILE["an empty file"](tmp_path)
    path.write_text("Hanoi talks " * 30, encoding="utf-8")
    real_open = Path.open

    def refuse(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    monkeypatch.setattr(Path, "read_bytes", lambda self: refuse(self).read())
    (entry,) = import_captures([path]).as_dict()["files"]
    assert entry["status"] == "rejected"
    assert entry["error"] == "cannot read file: Permission denied"


def test_ingest_json_on_a_folder_of_hostile_files(search_index, tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    for kind, build in HOSTILE.items():
        if kind == "an unreadable file" and RUNNING_AS_ROOT:
            continue  # see ROOT_READS_ANYTHING
        sub = folder / re.sub(r"\W+", "-", kind)
        sub.mkdir()
        build(sub)
    good = good_files(folder / "good")
    out, err = StringIO(), StringIO()
    with wall_clock_limit(WALL_SECONDS * 4):
        try:
            call_command("ingest", str(folder), "--json", stdout=out, stderr=err)
            status = 0
        except CommandError as exc:
            status = exc.returncode
    report = json.loads(out.getvalue())  # exactly one JSON document on stdout
    assert status == 1  # some rejected, the rest imported
    by_path = {entry["path"]: entry for entry in report["files"]}
    for path in good:
        assert by_path[str(path)]["status"] == "created"
    for entry in report["files"]:
        assert entry["status"] in IMPORTED | {"rejected"}
        if entry["article"]:
            assert_stored_safely(entry["article"]["id"])
        assert (entry["status"] == "rejected") == bool(entry["error"])
        assert "Traceback" not in (entry["error"] or "")
    assert "Traceback" not in err.getvalue()
    created = report["summary"]["created"]
    # The good files, UTF-16, the padded story, two pages and a JSON line at least.
    assert created == Article.objects.count() >= len(good) + 5
