"""Backing up and restoring the archive's database while the site serves.

Only the database is saved: it is the source of truth, and the search index is rebuilt from it
after a restore (`rebuild_index --noinput`). Each engine uses its own consistent snapshot:

- SQLite: the online backup API (`sqlite3.Connection.backup`) copies the database in one step
  from a single read snapshot, so an ingest committing meanwhile is either wholly in the copy or
  not at all, and (WAL mode) it never waits for us. The backup is a plain SQLite file that
  `sqlite3` opens directly.
- PostgreSQL: `pg_dump --format=custom` (one transaction snapshot) and `pg_restore`.

A dumpdata/loaddata JSON was the alternative: portable between engines, but slow, held in
memory, and loaddata's save signals would re-queue every article and write history rows.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.db import connections

SQLITE_HEADER = b"SQLite format 3\x00"
PG_DUMP_HEADER = b"PGDMP"
# Tables a backup of this archive must hold; anything else is some other database.
REQUIRED_TABLES = {"django_migrations", "archive_article", "archive_event"}


class BackupError(Exception):
    """A backup or restore that cannot be done, with the reason in words for the command line."""


@dataclass
class Summary:
    articles: int
    events: int

    def __str__(self) -> str:
        return f"{self.articles} articles, {self.events} events"


def _engine(alias: str) -> str:
    return connections[alias].vendor  # "sqlite" or "postgresql"


def backup(destination: Path, *, overwrite: bool = False, alias: str = "default") -> Summary:
    destination = Path(destination).expanduser().absolute()
    if destination.is_dir():
        raise BackupError(f"{destination} is a folder; give the backup file's name")
    if destination.exists() and not overwrite:
        raise BackupError(f"{destination} already exists (pass --overwrite to replace it)")
    if not destination.parent.is_dir():
        raise BackupError(f"folder {destination.parent} does not exist")
    # Written beside the destination and renamed at the end: a failed backup never leaves a
    # half-written file under the name a restore would use.
    partial = destination.with_name(f".{destination.name}.partial")
    try:
        if _engine(alias) == "sqlite":
            summary = _sqlite_backup(Path(connections[alias].settings_dict["NAME"]), partial)
        else:
            summary = _postgres_backup(alias, partial)
        os.replace(partial, destination)
    finally:
        partial.unlink(missing_ok=True)
    return summary


def restore(source: Path, *, replace: bool = False, alias: str = "default") -> Summary:
    source = Path(source).expanduser().absolute()
    if not source.is_file():
        raise BackupError(f"{source} is not a file")
    with source.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    engine = _engine(alias)
    kind = {SQLITE_HEADER: "sqlite"}.get(header) or (
        "postgresql" if header.startswith(PG_DUMP_HEADER) else None
    )
    if kind is None:
        raise BackupError(f"{source} is not a backup made by `manage.py backup`")
    if kind != engine:
        raise BackupError(
            f"{source} is a {kind} backup but this archive's database is {engine}: restore it "
            f"into an archive on {kind}"
        )
    existing = _count(alias)
    if existing and existing.articles and not replace:
        raise BackupError(f"the database already holds {existing}; pass --replace to overwrite it")
    if engine == "sqlite":
        return _sqlite_restore(source, Path(connections[alias].settings_dict["NAME"]), alias)
    return _postgres_restore(source, alias)


# --- SQLite --------------------------------------------------------------------------------------


def _sqlite_summary(db: sqlite3.Connection, where: str) -> Summary:
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not tables.issuperset(REQUIRED_TABLES):
        raise BackupError(f"{where} is an SQLite database but not this archive's")
    (articles,) = db.execute("SELECT count(*) FROM archive_article").fetchone()
    (events,) = db.execute("SELECT count(*) FROM archive_event").fetchone()
    return Summary(articles, events)


def _sqlite_backup(database: Path, partial: Path) -> Summary:
    if not database.is_file():
        raise BackupError(f"the database {database} does not exist (run `manage.py migrate`)")
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(database, timeout=20)
    copy = sqlite3.connect(partial)
    try:
        source.backup(copy)  # pages=-1: the whole database in one step, from one snapshot
        # The copy stands alone: no -wal/-shm files beside it.
        copy.execute("PRAGMA journal_mode=DELETE")
        _check_integrity(copy, "the backup")
        summary = _sqlite_summary(copy, "the database")
    finally:
        copy.close()
        source.close()
    with partial.open("rb") as handle:
        os.fsync(handle.fileno())
    return summary


def _check_integrity(db: sqlite3.Connection, what: str) -> None:
    result = [row[0] for row in db.execute("PRAGMA integrity_check")]
    if result != ["ok"]:
        raise BackupError(f"{what} is damaged: {'; '.join(result[:5])}")


def _sqlite_restore(source: Path, database: Path, alias: str) -> Summary:
    backup_db = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
    try:
        try:
            _check_integrity(backup_db, str(source))
            summary = _sqlite_summary(backup_db, str(source))
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"{source} cannot be read as a database: {exc}") from exc
        connections[alias].close()
        target = sqlite3.connect(database, timeout=20)
        try:
            # Into the live file under SQLite's write lock: a server reading meanwhile sees the
            # old database or the restored one, never a mixture.
            backup_db.backup(target)
            target.execute("PRAGMA journal_mode=WAL")
        finally:
            target.close()
    finally:
        backup_db.close()
    return summary


def _count(alias: str) -> Summary | None:
    connection = connections[alias]
    tables = set(connection.introspection.table_names())
    if not tables.issuperset(REQUIRED_TABLES):
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM archive_article")
        (articles,) = cursor.fetchone()
        cursor.execute("SELECT count(*) FROM archive_event")
        (events,) = cursor.fetchone()
    return Summary(articles, events)


# --- PostgreSQL ----------------------------------------------------------------------------------


# libpq's environment variables for the connection settings Django may hold, at the top level of
# DATABASES or (as DATABASE_URL's query string puts them) in OPTIONS.
_LIBPQ_ENVIRONMENT = {
    "NAME": "PGDATABASE", "USER": "PGUSER", "PASSWORD": "PGPASSWORD", "HOST": "PGHOST",
    "PORT": "PGPORT", "host": "PGHOST", "port": "PGPORT", "user": "PGUSER",
    "password": "PGPASSWORD", "passfile": "PGPASSFILE", "service": "PGSERVICE",
    "sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY", "connect_timeout": "PGCONNECT_TIMEOUT",
}  # fmt: skip


def _pg_environment(alias: str) -> dict:
    """libpq's environment for the database of `alias`: the password stays out of argv."""
    config = connections[alias].settings_dict
    env = dict(os.environ)
    for settings in (config, config.get("OPTIONS") or {}):
        for key, variable in _LIBPQ_ENVIRONMENT.items():
            if settings.get(key) not in (None, ""):
                env[variable] = str(settings[key])
    return env


def _pg_tool(name: str) -> str:
    tool = shutil.which(name)
    if tool is None:
        raise BackupError(
            f"{name} not found: install PostgreSQL's client tools (postgresql-client)"
        )
    return tool


def _run(command: list[str], alias: str) -> None:
    result = subprocess.run(command, env=_pg_environment(alias), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()[-2000:]}")


def _postgres_backup(alias: str, partial: Path) -> Summary:
    _run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={partial}"], alias)
    return _count(alias) or Summary(0, 0)


def _postgres_restore(source: Path, alias: str) -> Summary:
    connections[alias].close()
    _run([_pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-acl",
          "--single-transaction", "--dbname", _pg_environment(alias)["PGDATABASE"], str(source)],
         alias)  # fmt: skip
    return _count(alias) or Summary(0, 0)
