"""The archive as a user runs it, for tests that need a real server: its own data dir, manage.py
commands, and gunicorn on a free loopback port."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def archive_env(data_dir: Path, environ: dict, *, own_database: bool) -> dict:
    """The environment of an archive living in `data_dir`. With `own_database`, it keeps to its
    own SQLite file and Whoosh index whatever the caller's environment names (CI's second pass
    exports a PostgreSQL DATABASE_URL for the rest of the suite)."""
    env = {**environ, "ARCHIVE_DATA_DIR": str(data_dir), "DEBUG": "0"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    if own_database:
        env.pop("DATABASE_URL", None)
        env.pop("SEARCH_URL", None)
    return env


def manage(env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    if check:
        assert result.returncode == 0, (
            f"manage.py {' '.join(args)}:\n{result.stdout}{result.stderr}"
        )
    return result


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(env: dict, log_path: Path, workers: int = 2, timeout: int = 60) -> Iterator[str]:
    """Serve the archive of `env` until the block ends; yield its base URL."""
    port = free_port()
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "archive.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", str(workers), "--timeout", str(timeout), "--error-logfile", "-"],
            cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/", timeout=2).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"gunicorn did not serve {base}:\n{log_path.read_text()[-3000:]}"
                    ) from None
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
