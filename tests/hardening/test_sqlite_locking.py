"""SQLite under an ingest and web workers at once: WAL mode and a busy timeout (issue #10).

Without WAL a reader would wait for (or block) the ingest's writes; without a busy timeout a
second writer would fail at once with "database is locked" instead of waiting its turn. The test
database lives in memory, so these open a file database with the archive's own connection settings.
"""

import copy
import sqlite3
import threading
import time

import pytest
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's locking only: this run uses another database"
)


@pytest.fixture
def archive_connection(tmp_path, django_db_blocker, monkeypatch):
    """A connection configured exactly as the archive's, to a database file."""
    # The browser tests' Playwright session keeps an event loop in this thread; Django would
    # take a new connection opened under it for async code.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with django_db_blocker.unblock():
        yield from _file_connection(tmp_path)


def _file_connection(tmp_path):
    settings_dict = copy.deepcopy(connection.settings_dict)
    settings_dict["NAME"] = str(tmp_path / "archive.sqlite3")
    ours = DatabaseWrapper(settings_dict, alias="locking-test")
    with ours.cursor() as cursor:
        cursor.execute("CREATE TABLE story (title TEXT)")
        cursor.execute("INSERT INTO story VALUES ('before')")
    yield ours
    ours.close()


def titles(db) -> set[str]:
    with db.cursor() as cursor:
        cursor.execute("SELECT title FROM story")
        return {row[0] for row in cursor.fetchall()}


def test_the_database_is_in_wal_mode_and_waits_for_locks(archive_connection):
    with archive_connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5_000  # milliseconds


def test_a_reader_is_not_blocked_by_a_writer_and_a_writer_waits_its_turn(archive_connection):
    other = sqlite3.connect(
        archive_connection.settings_dict["NAME"], isolation_level=None, check_same_thread=False
    )
    other.execute("BEGIN IMMEDIATE")  # another process in the middle of a write
    other.execute("INSERT INTO story VALUES ('theirs')")
    try:
        # WAL: reading goes on during their write, and sees only what was committed.
        assert titles(archive_connection) == {"before"}
        release = threading.Timer(1.0, other.execute, ["COMMIT"])
        release.start()
        started = time.monotonic()
        with archive_connection.cursor() as cursor:  # our write waits instead of failing
            cursor.execute("INSERT INTO story VALUES ('ours')")
        assert time.monotonic() - started >= 0.5
        release.join()
    finally:
        other.close()
    assert titles(archive_connection) == {"before", "theirs", "ours"}
