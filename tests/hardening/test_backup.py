"""`manage.py backup` and `restore`, as a user runs them: a backup taken while another connection
keeps writing is consistent, and an archive restored from it into a fresh data dir answers every
search as the original does."""

import json
import os
import secrets
import sqlite3
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.conftest import SAMPLES_DIR
from tests.live import archive_env, manage

QUERIES = [
    "q=Japan",
    "q=metro",
    "q=Kishida&sort=newest",
    'q="Ho Chi Minh City"',
    "q=Ishiba&language=en",
    "q=Vietnam&page=2",
    "q=Chinh",
]
BATCH = 10  # rows the writer commits per transaction


def searches(env: dict) -> dict[str, dict]:
    """/api/search/ for every query, through Django's test client inside the archive of `env`."""
    probe = (
        "import json; from django.test import Client; client = Client(); "
        f"print(json.dumps({{q: client.get('/api/search/?' + q).json() for q in {QUERIES!r}}}))"
    )
    result = manage({**env, "ALLOWED_HOSTS": "testserver"}, "shell", "--no-imports", "-c", probe)
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def original(tmp_path_factory) -> dict:
    data_dir = tmp_path_factory.mktemp("original")
    env = archive_env(data_dir, os.environ, own_database=True)
    manage(env, "migrate", "--noinput")
    manage(env, "ingest", str(SAMPLES_DIR))
    return env


class SessionWriter(threading.Thread):
    """Another connection writing while the backup runs: batches of BATCH session rows, one
    transaction each, so a backup holding a part of a batch would show it."""

    def __init__(self, database: Path):
        super().__init__(daemon=True)
        self.database = database
        self.batches = 0
        self.stop = threading.Event()
        self.error: BaseException | None = None

    def run(self):
        db = sqlite3.connect(self.database, timeout=20, isolation_level=None)
        # Its commits stay in the write-ahead log, not in the database file, as they do on a busy
        # site while a long read holds checkpoints back: a backup must read them from there.
        db.execute("PRAGMA wal_autocheckpoint=0")
        try:
            while not self.stop.is_set():
                db.execute("BEGIN IMMEDIATE")
                for _ in range(BATCH):
                    db.execute(
                        "INSERT INTO django_session (session_key, session_data, expire_date) "
                        "VALUES (?, 'x', '2100-01-01 00:00:00')",
                        (secrets.token_hex(16),),
                    )
                db.execute("COMMIT")
                self.batches += 1
                time.sleep(0.002)
        except BaseException as exc:  # reported by the test, not lost in the thread
            self.error = exc
        finally:
            db.close()


@pytest.mark.slow
def test_a_backup_taken_during_writes_restores_to_the_same_searches(original, tmp_path):
    database = Path(original["ARCHIVE_DATA_DIR"]) / "archive.sqlite3"
    backup_file = tmp_path / "archive-backup.sqlite3"

    writer = SessionWriter(database)
    writer.start()
    try:
        while writer.batches < 3 and writer.is_alive():
            time.sleep(0.01)
        written_before_start = writer.batches
        made = manage(original, "backup", str(backup_file))
        written_before_end = writer.batches
        while writer.batches < written_before_end + 3 and writer.is_alive():
            time.sleep(0.01)  # the writer was still going after the backup ended
    finally:
        writer.stop.set()
        writer.join(timeout=30)
    assert writer.error is None, writer.error
    assert "Backed up" in made.stdout

    copy = sqlite3.connect(backup_file)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        (sessions,) = copy.execute("SELECT count(*) FROM django_session").fetchone()
        (articles,) = copy.execute("SELECT count(*) FROM archive_article").fetchone()
    finally:
        copy.close()
    assert sessions % BATCH == 0, f"the backup holds part of a transaction: {sessions} rows"
    assert written_before_start * BATCH <= sessions <= writer.batches * BATCH
    assert articles > 10
    assert not list(tmp_path.glob(".*partial")), "no partial file left behind"

    restored = archive_env(tmp_path / "restored", os.environ, own_database=True)
    result = manage(restored, "restore", str(backup_file))
    assert f"Restored {articles} articles" in result.stdout
    manage(restored, "rebuild_index", "--noinput")

    expected, got = searches(original), searches(restored)
    assert sum(1 for answer in expected.values() if answer["count"]) >= 5, expected
    for query in QUERIES:
        assert got[query] == expected[query], query
    manage(restored, "check_index")


def test_backup_refuses_to_overwrite_a_file(original, tmp_path):
    existing = tmp_path / "backup.sqlite3"
    existing.write_text("an earlier backup")
    result = manage(original, "backup", str(existing), check=False)
    assert result.returncode == 2
    assert "already exists (pass --overwrite to replace it)" in result.stderr
    assert existing.read_text() == "an earlier backup"
    manage(original, "backup", str(existing), "--overwrite")
    assert existing.read_bytes().startswith(b"SQLite format 3\x00")


def test_backup_into_a_missing_folder_says_so(original, tmp_path):
    result = manage(original, "backup", str(tmp_path / "nowhere" / "b.sqlite3"), check=False)
    assert result.returncode == 2
    assert "does not exist" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "content, message",
    [
        (b"just some text, not a backup", "is not a backup made by `manage.py backup`"),
        (b"SQLite format 3\x00" + b"\x00" * 200, "cannot be read as a database"),
    ],
)
def test_restore_refuses_what_is_not_a_backup(tmp_path, content, message):
    not_a_backup = tmp_path / "backup.sqlite3"
    not_a_backup.write_bytes(content)
    env = archive_env(tmp_path / "archive", os.environ, own_database=True)
    result = manage(env, "restore", str(not_a_backup), check=False)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_restore_refuses_another_sqlite_database(tmp_path):
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE notes (text)")
    env = archive_env(tmp_path / "archive", os.environ, own_database=True)
    result = manage(env, "restore", str(other), check=False)
    assert result.returncode == 2
    assert "not this archive's" in result.stderr


def test_restore_keeps_an_archive_with_articles_unless_told_to_replace_it(original, tmp_path):
    backup_file = tmp_path / "backup.sqlite3"
    manage(original, "backup", str(backup_file))
    result = manage(original, "restore", str(backup_file), check=False)
    assert result.returncode == 2
    assert "already holds" in result.stderr and "--replace" in result.stderr
    replaced = manage(original, "restore", str(backup_file), "--replace")
    assert "Restored" in replaced.stdout


# --- PostgreSQL: pg_dump and pg_restore, in two throwaway databases of CI's cluster --------------


@pytest.fixture
def postgres_databases():
    """Two empty databases beside the one DATABASE_URL names; their URLs; dropped afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("needs PostgreSQL: runs in CI's PostgreSQL pass (DATABASE_URL=postgres://…)")
    import psycopg

    parts = urlsplit(url)
    names = [f"archive_backup_{secrets.token_hex(4)}_{role}" for role in ("original", "restored")]
    with psycopg.connect(url, autocommit=True) as admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield [urlunsplit(parts._replace(path=f"/{name}")) for name in names]
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_postgres_backup_restores_to_the_same_searches(postgres_databases, tmp_path):
    original_url, restored_url = postgres_databases
    original = {**archive_env(tmp_path / "original", os.environ, own_database=True),
                "DATABASE_URL": original_url}  # fmt: skip
    manage(original, "migrate", "--noinput")
    manage(original, "ingest", str(SAMPLES_DIR))
    backup_file = tmp_path / "archive.dump"
    manage(original, "backup", str(backup_file))
    assert backup_file.read_bytes().startswith(b"PGDMP")

    restored = {**archive_env(tmp_path / "restored", os.environ, own_database=True),
                "DATABASE_URL": restored_url}  # fmt: skip
    assert "Restored" in manage(restored, "restore", str(backup_file)).stdout
    manage(restored, "rebuild_index", "--noinput")
    expected, got = searches(original), searches(restored)
    assert sum(1 for answer in expected.values() if answer["count"]) >= 5, expected
    assert got == expected
