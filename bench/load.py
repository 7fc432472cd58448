"""``python -m bench.load``: the archive served by gunicorn, under concurrent load.

    python -m bench.load --data-dir DIR [--duration 20] [--concurrency 8,32] [--workers 2]
                         [--tool auto|wrk|python] [--out bench/results]

DIR is an archive data dir (``archive.sqlite3`` and ``whoosh/`` inside), or a folder holding one
as ``var/`` (what ``python -m bench --data-dir DIR`` keeps per size: ``DIR/n1000/var``), or the
``--data-dir`` of such a run when it holds exactly one size. Gunicorn serves it on loopback with
``--workers`` sync workers; each page kind (the search page over a fixed set of queries, which
the workers' result caches soon hold; event pages from the sitemap; the search page over searches
none of them has seen) is driven for ``--duration`` seconds at each concurrency, with wrk when it
is installed (a Lua script cycles through the URL list) or else a bounded pool of Python threads.
Prints requests/s, latency percentiles and errors (connection errors, timeouts, HTTP >= 400) per
page and concurrency, and each worker's resident memory; writes ``load.json`` and ``load.md``
to ``--out``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET_SEARCH_PER_SECOND = 50  # at concurrency 8, with no errors (issue #9)
# The search page's fixed query set: common words, names without diacritics, a phrase, operators,
# filters, sorts and a second page. A few find nothing in one of the corpora (the sample corpus or
# bench's synthetic one), as real searches sometimes do; that page is part of the load too.
SEARCH_QUERIES = [
    {"q": "Japan"},
    {"q": "Vietnam Japan"},
    {"q": "cooperation"},
    {"q": "To Lam"},
    {"q": '"strategic partnership"'},
    {"q": "Hanoi", "sort": "newest"},
    {"q": "investment OR trade"},
    {"q": "Japan -trade"},
    {"q": "minister", "language": "en"},
    {"q": "Japan", "page": "2"},
    {"q": "forum", "sort": "oldest"},
    {"q": "Nguyen Van"},
]
# Searches no worker has answered before (the result cache cannot help): two words from this list
# and a filter, in a fixed shuffled order; more of them than a run can send.
FRESH_WORDS = [
    "Japan", "Vietnam", "cooperation", "minister", "investment", "trade", "visit", "agreement",
    "economic", "culture", "labour", "energy", "security", "education", "tourism", "technology",
    "infrastructure", "climate", "health", "agriculture", "partnership", "forum", "summit",
    "delegation", "ambassador", "embassy", "students", "workers", "exports", "aid",
]  # fmt: skip
FRESH_FILTERS = [{}, {"language": "en"}, {"sort": "newest"}] + [
    {"year": str(year)} for year in range(2015, 2025)
]
FRESH_SEARCHES = 4000
MAX_EVENT_PAGES = 50
REQUEST_TIMEOUT = 30.0


def search_paths() -> list[str]:
    return ["/search/?" + urllib.parse.urlencode(params) for params in SEARCH_QUERIES]


def fresh_search_paths(count: int = FRESH_SEARCHES) -> list[str]:
    """`count` distinct searches (see FRESH_WORDS), the same ones on every run."""
    import itertools
    import random

    pairs = list(itertools.permutations(FRESH_WORDS, 2))
    combos = [(a, b, n) for a, b in pairs for n in range(len(FRESH_FILTERS))]
    random.Random(7).shuffle(combos)
    return [
        "/search/?" + urllib.parse.urlencode({"q": f"{a} {b}", **FRESH_FILTERS[n]})
        for a, b, n in combos[:count]
    ]


def event_paths(base: str, limit: int = MAX_EVENT_PAGES) -> list[str]:
    """Event page paths from the archive's sitemap (whatever the corpus, no database access)."""
    with urllib.request.urlopen(base + "/sitemap.xml", timeout=REQUEST_TIMEOUT) as response:
        xml = response.read().decode("utf-8")
    paths = []
    for url in re.findall(r"<loc>([^<]+)</loc>", xml):
        path = urllib.parse.urlsplit(url).path
        if path.startswith("/events/") and path not in paths:
            paths.append(path)
    return paths[:limit]


# -- the server's workers ---------------------------------------------------------------------


def _ppid(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])


def gunicorn_workers(port: int) -> list[int]:
    """Pids of the workers of the gunicorn serving 127.0.0.1:`port` (children of its master)."""
    masters = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"gunicorn" in b" ".join(cmdline) and f"127.0.0.1:{port}".encode() in cmdline:
            masters.add(int(entry.name))
    # The master and its workers share the command line; the workers are the master's children.
    return sorted(pid for pid in masters if _ppid(pid) in masters)


def rss_mb(pid: int) -> float | None:
    """Resident memory of a process in MB (VmRSS), or None when it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


# -- load drivers -----------------------------------------------------------------------------


@dataclass
class LoadResult:
    page: str
    concurrency: int
    tool: str
    requests: int = 0
    seconds: float = 0.0
    errors: int = 0  # connection errors, timeouts and HTTP >= 400
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    max_ms: float = 0.0
    error_kinds: dict[str, int] = field(default_factory=dict)

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def fetch(url: str) -> tuple[int | None, str | None]:
    """(HTTP status, error kind or None) of one GET; the body is read whole."""
    try:
        with urllib.request.urlopen(url, timeout=REQUEST_TIMEOUT) as response:
            response.read()
            return response.status, None
    except urllib.error.HTTPError as exc:
        exc.read()
        return exc.code, f"http {exc.code}"
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        return None, f"connection: {type(reason).__name__}"


def drive_threads(
    base: str, paths: list[str], concurrency: int, seconds: float, page: str
) -> LoadResult:
    """`concurrency` threads, each fetching the next path in turn until the time is up."""
    latencies: list[float] = []
    kinds: dict[str, int] = {}
    lock = threading.Lock()
    counter = iter(range(10**12))
    deadline = time.monotonic() + seconds

    def visitor() -> None:
        while time.monotonic() < deadline:
            with lock:
                path = paths[next(counter) % len(paths)]
            started = time.perf_counter()
            status, error = fetch(base + path)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                if error is None and status is not None and status >= 400:
                    error = f"http {status}"
                if error:
                    kinds[error] = kinds.get(error, 0) + 1

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        for future in [pool.submit(visitor) for _ in range(concurrency)]:
            future.result()
    return LoadResult(
        page=page, concurrency=concurrency, tool="python", requests=len(latencies),
        seconds=time.monotonic() - started, errors=sum(kinds.values()),
        p50_ms=percentile(latencies, 0.5), p95_ms=percentile(latencies, 0.95),
        max_ms=max(latencies, default=0.0), error_kinds=kinds,
    )  # fmt: skip


WRK_SCRIPT = """
local paths = {%(paths)s}
local counter = 0
function setup(thread)
  thread:set("offset", math.random(#paths))
end
function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter + (offset or 0)) %% #paths + 1])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %%d, "duration_us": %%d, "connect": %%d, "read": %%d, "write": %%d, ' ..
    '"status": %%d, "timeout": %%d, "p50_us": %%d, "p95_us": %%d, "max_us": %%d}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency.max))
end
"""


def drive_wrk(
    base: str, paths: list[str], concurrency: int, seconds: float, page: str
) -> LoadResult:
    """wrk with a Lua script cycling through `paths`; its summary printed as JSON by `done`."""
    lua_paths = ", ".join(json.dumps(path) for path in paths)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % {"paths": lua_paths})
    try:
        threads = max(1, min(concurrency, os.cpu_count() or 1))
        output = subprocess.run(
            ["wrk", "-t", str(threads), "-c", str(concurrency), "-d", f"{seconds:g}s",
             "--timeout", f"{REQUEST_TIMEOUT:g}s", "-s", script.name, base],
            capture_output=True, text=True, timeout=seconds + REQUEST_TIMEOUT + 30, check=True,
        ).stdout  # fmt: skip
    finally:
        os.unlink(script.name)
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    raw = json.loads(line.removeprefix("RESULT "))
    kinds = {
        ("http >= 400" if key == "status" else f"connection: {key}"): raw[key]
        for key in ("connect", "read", "write", "status", "timeout")
        if raw[key]
    }
    return LoadResult(
        page=page, concurrency=concurrency, tool="wrk", requests=raw["requests"],
        seconds=raw["duration_us"] / 1e6, errors=sum(kinds.values()),
        p50_ms=raw["p50_us"] / 1000, p95_ms=raw["p95_us"] / 1000, max_ms=raw["max_us"] / 1000,
        error_kinds=kinds,
    )  # fmt: skip


# -- the run ----------------------------------------------------------------------------------


def resolve_data_dir(folder: Path) -> Path:
    """The archive data dir in `folder` (see the module's docstring); SystemExit if none."""
    folder = folder.resolve()
    candidates = [folder, folder / "var", *sorted(folder.glob("n*/var"))]
    found = [path for path in candidates if (path / "archive.sqlite3").is_file()]
    if len(found) == 1 or (found and found[0] in (folder, folder / "var")):
        return found[0]
    if not found:
        raise SystemExit(
            f"{folder} holds no archive data (no archive.sqlite3 in it, in var/ or in n*/var/); "
            "make one with `python -m bench --sizes 1000 --data-dir DIR`"
        )
    names = ", ".join(str(path.parent) for path in found)
    raise SystemExit(f"{folder} holds several sizes; name one of them: {names}")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.load", description=__doc__.split("\n\n")[0].strip()
    )
    parser.add_argument("--data-dir", type=Path, required=True, help="an archive data dir")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per run")
    parser.add_argument("--concurrency", default="8,32", help="comma-separated client counts")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--tool", choices=("auto", "wrk", "python"), default="auto")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results")
    args = parser.parse_args(argv)
    try:
        args.levels = [int(level) for level in args.concurrency.split(",") if level.strip()]
    except ValueError:
        parser.error(f"--concurrency must be numbers separated by commas, not {args.concurrency!r}")
    if not args.levels or min(args.levels) < 1 or max(args.levels) > 1000:
        parser.error("--concurrency needs numbers from 1 to 1000")
    if not 1 <= args.duration <= 3600:
        parser.error("--duration must be between 1 and 3600 seconds")
    if not 1 <= args.workers <= 64:
        parser.error("--workers must be between 1 and 64")
    if args.tool == "wrk" and shutil.which("wrk") is None:
        parser.error("--tool wrk: wrk is not installed (apt-get install wrk)")
    return args


def markdown(record: dict) -> str:
    lines = [
        f"Load on {record['data_dir']} ({record['articles']} articles), gunicorn with "
        f"{record['workers']} workers, {record['duration']:g} s per run, {record['tool']}; "
        f"{record['machine']['cpus']} CPUs shared with the load generator (and, here, with other "
        "work): figures are pessimistic.",
        "",
        "| page | concurrency | req/s | p50 ms | p95 ms | max ms | requests | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for run in record["runs"]:
        lines.append(
            f"| {run['page']} | {run['concurrency']} | {run['per_second']:.1f} | "
            f"{run['p50_ms']:.0f} | {run['p95_ms']:.0f} | {run['max_ms']:.0f} | "
            f"{run['requests']} | {run['errors']} |"
        )
    rss = ", ".join(f"{mb:.0f} MB" for mb in record["worker_rss_mb"])
    lines += ["", f"Worker resident memory after the runs: {rss}.", "", record["verdict"]]
    return "\n".join(lines) + "\n"


def _verdict(runs: list[LoadResult], page: str) -> str:
    at_8 = next((r for r in runs if r.page == page and r.concurrency == 8), None)
    target = f"Target (>= {TARGET_SEARCH_PER_SECOND} pages/s at concurrency 8, 0 errors), {page}"
    if at_8 is None:
        return f"{target}: not measured."
    met = at_8.per_second >= TARGET_SEARCH_PER_SECOND and not any(r.errors for r in runs)
    errors = sum(r.errors for r in runs)
    return f"{target}: {'met' if met else 'NOT met'} ({at_8.per_second:.1f}/s, {errors} errors)."


def _articles(data_dir: Path) -> int | None:
    import sqlite3

    try:
        with sqlite3.connect(f"file:{data_dir / 'archive.sqlite3'}?mode=ro", uri=True) as db:
            return db.execute("SELECT count(*) FROM archive_article").fetchone()[0]
    except sqlite3.Error:
        return None


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    data_dir = resolve_data_dir(args.data_dir)
    sys.path.insert(0, str(REPO))
    from tests.live import archive_env, gunicorn

    tool = args.tool if args.tool != "auto" else ("wrk" if shutil.which("wrk") else "python")
    drive = drive_wrk if tool == "wrk" else drive_threads
    env = archive_env(data_dir, os.environ, own_database=True)
    runs: list[LoadResult] = []
    args.out.mkdir(parents=True, exist_ok=True)
    log_dir = Path(tempfile.mkdtemp(prefix="archive-load-"))  # gunicorn's log, kept for a look
    with gunicorn(env, log_dir / "gunicorn.log", workers=args.workers) as base:
        port = int(base.rsplit(":", 1)[1])
        pages = {"search page": search_paths(), "event page": event_paths(base)}
        if not pages["event page"]:
            print("the sitemap lists no events: only the search page is driven", file=sys.stderr)
            del pages["event page"]
        for paths in pages.values():  # warm both workers' caches before timing
            for path in paths * args.workers:
                fetch(base + path)
        # Timed cold: each of these searches is sent once (unless a run outlasts the list).
        pages["search page, new queries"] = fresh_search_paths()
        for round_, level in enumerate(args.levels):
            for page, paths in pages.items():
                if page == "search page, new queries":  # each level its own share of the list
                    share = len(paths) // len(args.levels)
                    paths = paths[round_ * share :] + paths[: round_ * share]
                result = drive(base, paths, level, args.duration, page)
                runs.append(result)
                print(
                    f"{page:12} c={level:<4} {result.per_second:7.1f} req/s  "
                    f"p95 {result.p95_ms:6.0f} ms  errors {result.errors}",
                    flush=True,
                )
        rss = [mb for mb in map(rss_mb, gunicorn_workers(port)) if mb is not None]
    verdict = " ".join(_verdict(runs, page) for page in ("search page", "search page, new queries"))
    record = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "data_dir": str(data_dir),
        "articles": _articles(data_dir),
        "workers": args.workers,
        "duration": args.duration,
        "tool": tool,
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "runs": [{**asdict(run), "per_second": round(run.per_second, 1)} for run in runs],
        "worker_rss_mb": [round(mb, 1) for mb in rss],
        "verdict": verdict,
    }
    (args.out / "load.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    text = markdown(record)
    (args.out / "load.md").write_text(text, encoding="utf-8")
    print()
    print(text)
    print(f"gunicorn's log: {log_dir / 'gunicorn.log'}")
    return 0 if not any(run.errors for run in runs) else 1


if __name__ == "__main__":
    raise SystemExit(main())
