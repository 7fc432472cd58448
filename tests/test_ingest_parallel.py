"""An import with worker processes (INGEST_WORKERS=1: cleaning and index writing beside the
process that stores) ends exactly as one done in a single process, with the index in step.

Run as a user runs it (`manage.py ingest` on its own data directory): the test database is an
in-memory one, which the index writer process cannot share, so in-process tests take the
single-process path.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench import corpus
from tests.live import REPO, archive_env, manage

CAPTURES = 450  # past two index drains (importer.INDEX_BATCH) and the first captures done here

# `manage.py ingest` that notes which process runs each drain of the index queue.
RECORD_DRAINS = """
import os, runpy, sys
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
django.setup()
from archive.search import sync
drain = sync.drain
def recorded(*args, **kwargs):
    written = drain(*args, **kwargs)
    with open(os.environ["DRAINS_LOG"], "a") as log:
        log.write(f"{os.getpid()} {written}\\n")
    return written
sync.drain = recorded
sys.argv = ["manage.py", *sys.argv[1:]]
runpy.run_path("manage.py", run_name="__main__")
"""


@pytest.fixture(scope="module")
def captures(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    corpus.generate(folder / "synthetic", CAPTURES)
    return folder / "synthetic" / "captures"


def _ingest(tmp_path: Path, captures: Path, workers: int) -> tuple[dict, list[tuple[int, int]]]:
    env = archive_env(tmp_path / f"var{workers}", os.environ, own_database=True)
    env["INGEST_WORKERS"] = str(workers)
    env["DRAINS_LOG"] = str(tmp_path / f"drains{workers}.log")
    manage(env, "migrate", "--noinput")
    ingest = subprocess.run(
        [sys.executable, "-c", RECORD_DRAINS, "ingest", str(captures), "--json"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert ingest.returncode == 0, ingest.stderr[-3000:]
    check = manage(env, "check_index", check=False)
    assert check.returncode == 0, f"index drift:\n{check.stdout}{check.stderr}"
    log = Path(env["DRAINS_LOG"]).read_text().split("\n")
    drains = [tuple(int(word) for word in line.split()) for line in log if line]
    return json.loads(ingest.stdout), drains


@pytest.mark.slow
def test_workers_change_nothing_but_where_the_work_runs(tmp_path, captures):
    alone, drains_alone = _ingest(tmp_path, captures, workers=0)
    beside, drains_beside = _ingest(tmp_path, captures, workers=1)

    assert alone["summary"]["created"] == CAPTURES
    assert beside["summary"] == alone["summary"]
    # Every file, in the same order, the same article, event and officials (ids may differ).
    assert [_described(entry) for entry in beside["files"]] == [
        _described(entry) for entry in alone["files"]
    ]

    # Alone, one process drained every document (some twice: re-dated by a later version);
    # beside, the last drain is the importer's own (what is left at the end), and another
    # process wrote most documents before it.
    assert len({pid for pid, _ in drains_alone}) == 1
    assert sum(written for _, written in drains_alone) >= CAPTURES
    importer = drains_beside[-1][0]
    by_writer = sum(written for pid, written in drains_beside if pid != importer)
    assert by_writer >= CAPTURES // 2, drains_beside
    assert sum(written for _, written in drains_beside) >= CAPTURES


def _described(entry: dict) -> tuple:
    article = entry["article"]
    return (
        entry["path"],
        entry["status"],
        article["title"],
        article["published_on"],
        article["language"],
        tuple(article["people"]),
        tuple(article["needs_review"]),
        article["event"]["slug"],
    )
