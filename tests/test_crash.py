"""An ingest killed at any moment loses nothing and leaves nothing half-done (issue #10).

`manage.py ingest` runs as a user runs it, in its own data directory, and is killed with SIGKILL
(no handler, no cleanup) three times: at a moment chosen from outside while it stores articles,
while it writes the search index, and from inside just after it inserted an article row. Running
the same command again must then import exactly what is missing, and the archive must end as an
uninterrupted import leaves it: every capture stored once, grouped into the right events with its
officials, and the index in step with the database.

The corpus is bench/corpus.py's synthetic one, whose manifest says which captures tell which event
and whom each names.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from archive.ingest import Capture, read_captures
from bench import corpus
from tests.live import REPO, archive_env, manage

CAPTURES = 400
# The first kill comes once this many articles are stored (about 150: polling is not exact).
FIRST_KILL_AT = 150
DEADLINE_SECONDS = 180


@pytest.fixture
def archive(tmp_path: Path) -> tuple[dict, Path]:
    env = archive_env(tmp_path / "var", os.environ, own_database=True)
    manage(env, "migrate", "--noinput")
    return env, tmp_path / "var"


@pytest.fixture
def synthetic(tmp_path: Path) -> tuple[Path, dict]:
    # No Japanese versions: they start events of their own (the corpus's officials are in no
    # registry in Japanese script), and the archive is compared with the corpus's events.
    manifest = corpus.generate(tmp_path / "corpus", CAPTURES, japanese_percent=0)
    return tmp_path / "corpus" / "captures", manifest


@pytest.mark.slow
def test_a_killed_ingest_resumes_without_loss_or_drift(archive, synthetic):
    env, data_dir = archive
    captures, manifest = synthetic
    database, index = data_dir / "archive.sqlite3", data_dir / "whoosh"

    # 1. Killed while it stores articles.
    ingest = _start_ingest(env, captures)
    _kill_when(ingest, lambda: _article_count(database) >= FIRST_KILL_AT, "articles stored")
    stored = _article_count(database)
    assert FIRST_KILL_AT <= stored < CAPTURES

    # 2. Killed while the index is being written: the next drain (at INDEX_BATCH files) opens a
    # Whoosh writer, which creates its new segment's files at once and commits seconds later.
    # (A new index's first, empty commit is generation 0.)
    before, generation = _segment_files(index), max(_index_generation(index), 0)
    ingest = _start_ingest(env, captures)
    _kill_when(ingest, lambda: _segment_files(index) - before, "an index writer opened")
    assert _index_generation(index) == generation, "killed too late: the writer had committed"

    # 3. Killed inside a capture's transaction, just after its article row was written (before
    # its officials, its event's refresh and the commit): an aimed kill, from inside.
    stored = _article_count(database)
    ingest = _start_ingest(env, captures, kill_after_new_articles=KILL_AFTER_NEW_ARTICLES)
    _kill_when(ingest, lambda: False, "the aimed kill")
    assert stored + KILL_AFTER_NEW_ARTICLES - 1 == _article_count(database) < CAPTURES

    # 4. The same command again finishes the job.
    result = manage(env, "ingest", str(captures), "--json")
    report = json.loads(result.stdout)
    summary = report["summary"]
    assert summary["rejected"] == 0, [f for f in report["files"] if f["status"] == "rejected"]
    assert summary["created"] + summary["duplicate"] == CAPTURES
    assert summary["duplicate"] >= stored
    expected = sorted(item.path for item in read_captures([captures]) if isinstance(item, Capture))
    assert sorted(f["path"] for f in report["files"]) == expected  # every file, once

    _assert_archive_matches_manifest(database, manifest)
    check = manage(env, "check_index", check=False)
    assert check.returncode == 0, f"index drift after the crashes:\n{check.stdout}{check.stderr}"


# `manage.py ingest` that SIGKILLs itself when it has just inserted its n-th new article, inside
# that capture's transaction (a post_save receiver runs right after the INSERT).
KILL_ITSELF = """
import os, runpy, signal, sys
from django.db.models.signals import post_save
inserted = 0
def kill_itself(sender, created, **kwargs):
    global inserted
    if sender._meta.label == "archive.Article" and created:
        inserted += 1
        if inserted == int(os.environ["KILL_AFTER_NEW_ARTICLES"]):
            os.kill(os.getpid(), signal.SIGKILL)
post_save.connect(kill_itself, weak=False)
sys.argv = ["manage.py", *sys.argv[1:]]
runpy.run_path("manage.py", run_name="__main__")
"""
KILL_AFTER_NEW_ARTICLES = 20


def _start_ingest(
    env: dict, captures: Path, kill_after_new_articles: int | None = None
) -> subprocess.Popen:
    command = [sys.executable, "manage.py", "ingest", str(captures)]
    if kill_after_new_articles:
        env = {**env, "KILL_AFTER_NEW_ARTICLES": str(kill_after_new_articles)}
        command[1:2] = ["-c", KILL_ITSELF]
    return subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: the kill reaches any child too
    )  # fmt: skip


def _kill_when(process: subprocess.Popen, condition, what: str) -> None:
    """SIGKILL `process` (and its process group) as soon as `condition()` holds; or wait for it
    to be killed otherwise."""
    deadline = time.monotonic() + DEADLINE_SECONDS
    try:
        while not condition():
            if process.poll() == -signal.SIGKILL:
                return
            if process.poll() is not None:
                pytest.fail(
                    f"ingest ended (status {process.returncode}) before {what}:\n"
                    f"{process.stderr.read().decode(errors='replace')[-3000:]}"
                )
            if time.monotonic() > deadline:
                pytest.fail(f"no {what} within {DEADLINE_SECONDS} s")
            time.sleep(0.01)
        os.killpg(process.pid, signal.SIGKILL)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL


def _article_count(database: Path) -> int:
    """Articles committed so far, read without taking part in the writer's transactions."""
    if not database.exists():
        return 0
    try:
        connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=0.2)
    except sqlite3.OperationalError:
        return 0
    try:
        return connection.execute("SELECT count(*) FROM archive_article").fetchone()[0]
    except sqlite3.OperationalError:  # the writer holds the lock; look again shortly
        return 0
    finally:
        connection.close()


def _index_generation(index: Path) -> int:
    """The generation of the index's latest commit (its TOC file, `_MAIN_<n>.toc`)."""
    tocs = [name for name in os.listdir(index) if name.endswith(".toc")] if index.is_dir() else []
    return max((int(name.rsplit("_", 1)[1].split(".")[0]) for name in tocs), default=-1)


def _segment_files(index: Path) -> set[str]:
    """The index's segment files: a writer creates its new segment's files when it opens."""
    if not index.is_dir():
        return set()
    # Segment files are MAIN_<segment id>.<ext>; commits are _MAIN_<generation>.toc.
    return {
        name for name in os.listdir(index) if name.startswith("MAIN_") and name != "MAIN_WRITELOCK"
    }


def _assert_archive_matches_manifest(database: Path, manifest: dict) -> None:
    """Each capture stored once, in the event the manifest says, naming its event's officials:
    what an uninterrupted import of this corpus gives."""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        rows = connection.execute("SELECT content_hash, event_id FROM archive_article").fetchall()
        links = connection.execute(
            "SELECT a.content_hash, p.slug FROM archive_article a"
            " JOIN archive_article_people ap ON ap.article_id = a.id"
            " JOIN archive_person p ON p.id = ap.person_id"
        ).fetchall()
        queued = connection.execute("SELECT count(*) FROM archive_indexqueue").fetchone()[0]
    connection.close()
    assert len(rows) == CAPTURES
    event_of = dict(rows)
    assert len(event_of) == CAPTURES
    people_of: dict[str, set[str]] = {}
    for content_hash, slug in links:
        people_of.setdefault(content_hash, set()).add(slug)

    found: dict[int, set[str]] = {}
    for content_hash, event_id in rows:
        found.setdefault(event_id, set()).add(content_hash)
    truth = [{version["sha256"] for version in event["versions"]} for event in manifest["events"]]
    assert sorted(map(sorted, found.values())) == sorted(map(sorted, truth))

    for event in manifest["events"]:
        for version in event["versions"]:
            missing = set(event["officials"]) - people_of.get(version["sha256"], set())
            assert not missing, f"{version['path']} lost its officials {missing}"
    assert queued == 0, "index updates left queued after the import finished"
