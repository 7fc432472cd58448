"""Soak (issue #10): gunicorn with two workers on the sample corpus under minutes of mixed load.

Threads on loopback search (random valid queries: words, names without diacritics, phrases,
operators, filters, sorts, pages; the HTML page and the JSON API) and open event pages. Checked:
no error at all (no 5xx or other unexpected status, no connection error or timeout), the same two
workers from start to end (none crashed and was replaced), and stable memory: each worker's
resident memory, sampled from /proc, grows by less than RSS_GROWTH_LIMIT_MB between the first and
the last third of the run (after a warm-up pass over every page, so caches filling is not growth).

ARCHIVE_SOAK_SECONDS (default 90) sets the length, ARCHIVE_SOAK_CLIENTS (default 6) the threads,
ARCHIVE_SOAK_RSS_GROWTH_MB (default 12) the bound.
"""

from __future__ import annotations

import os
import random
import statistics
import threading
import time
import urllib.parse

import pytest

from bench.load import event_paths, fetch, gunicorn_workers, rss_mb
from tests.conftest import SAMPLES_DIR
from tests.live import archive_env, gunicorn, manage

SOAK_SECONDS = float(os.environ.get("ARCHIVE_SOAK_SECONDS", "90"))
CLIENTS = int(os.environ.get("ARCHIVE_SOAK_CLIENTS", "6"))
SAMPLE_EVERY = 1.0  # seconds between memory samples
# Growth of a worker's resident memory, mean of the last third over mean of the first third. A
# leak of one search or event page's objects per request (tens of KB, thousands of requests)
# would exceed it; allocator noise and Python's free lists stay well below.
RSS_GROWTH_LIMIT_MB = float(os.environ.get("ARCHIVE_SOAK_RSS_GROWTH_MB", "12"))

WORDS = ["Japan", "Vietnam", "cooperation", "To Lam", "Tô Lâm", "Pham Minh Chinh", "Hanoi",
         "Hà Nội", "forum", "investment", "trade", "minister", "statsminister", "Dang",
         "partnership", "visit", "ambassador", "Takaichi", "semiconductors", "xyzzy"]  # fmt: skip
SYNTAX = ['"strategic partnership"', "Japan OR Korea", "Japan -trade", "NOT trade",
          "(visit OR forum) Japan", "person:to-lam", '"unclosed', "Japan AND"]  # fmt: skip


def random_search(rng: random.Random) -> str:
    """A valid search address: one of the page or the API, a few words or some syntax, maybe
    filters, a sort and a page."""
    params: dict[str, str] = {}
    if rng.random() < 0.75:
        params["q"] = " ".join(rng.sample(WORDS, rng.randint(1, 2)))
    else:
        params["q"] = rng.choice(SYNTAX)
    if rng.random() < 0.3:
        params["language"] = rng.choice(["en", "vi", "no"])
    if rng.random() < 0.2:
        params["year"] = rng.choice(["2024", "2025", "2026"])
    if rng.random() < 0.3:
        params["sort"] = rng.choice(["relevance", "newest", "oldest"])
    if rng.random() < 0.2:
        params["page"] = rng.choice(["1", "2", "3"])
    prefix = "/api/search/?" if rng.random() < 0.3 else "/search/?"
    return prefix + urllib.parse.urlencode(params)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The sample corpus, served by gunicorn with two workers; yields (base URL, port)."""
    data_dir = tmp_path_factory.mktemp("soak")
    env = archive_env(data_dir, os.environ, own_database=True)
    manage(env, "migrate", "--noinput")
    manage(env, "ingest", str(SAMPLES_DIR))
    with gunicorn(env, data_dir / "gunicorn.log", workers=2) as base:
        yield base, int(base.rsplit(":", 1)[1])


@pytest.mark.slow
def test_soak_no_errors_and_stable_memory(served):
    base, port = served
    events = event_paths(base)
    assert events, "the sample corpus has published events"
    workers = gunicorn_workers(port)
    assert len(workers) == 2, f"expected 2 gunicorn workers, found {workers}"
    rng = random.Random(10)
    for path in events + [random_search(rng) for _ in range(40)]:  # warm both workers
        fetch(base + path)

    errors: list[str] = []
    requests = 0
    lock = threading.Lock()
    deadline = time.monotonic() + SOAK_SECONDS

    def visitor(seed: int) -> None:
        nonlocal requests
        local = random.Random(seed)
        while time.monotonic() < deadline:
            path = local.choice(events) if local.random() < 0.35 else random_search(local)
            status, error = fetch(base + path)
            with lock:
                requests += 1
                if error or status != 200:
                    errors.append(f"{path}: {error or status}")

    threads = [threading.Thread(target=visitor, args=(seed,)) for seed in range(CLIENTS)]
    for thread in threads:
        thread.start()
    samples: list[tuple[float, dict[int, float | None]]] = []
    while any(thread.is_alive() for thread in threads):
        samples.append((time.monotonic(), {pid: rss_mb(pid) for pid in workers}))
        time.sleep(SAMPLE_EVERY)
    for thread in threads:
        thread.join()

    assert not errors, f"{len(errors)} of {requests} requests failed, e.g. {errors[:5]}"
    assert requests > SOAK_SECONDS, f"only {requests} requests in {SOAK_SECONDS:g} s"
    assert gunicorn_workers(port) == workers, "a worker died and was replaced during the soak"
    third = max(1, len(samples) // 3)
    for pid in workers:
        series = [sample[pid] for _, sample in samples]
        assert None not in series, f"worker {pid} vanished during the soak"
        first, last = statistics.mean(series[:third]), statistics.mean(series[-third:])
        print(f"soak: worker {pid}: {first:.1f} MB -> {last:.1f} MB, {requests} requests")
        assert last - first < RSS_GROWTH_LIMIT_MB, (
            f"worker {pid} grew from {first:.1f} MB to {last:.1f} MB "
            f"(limit {RSS_GROWTH_LIMIT_MB} MB) over {requests} requests"
        )
