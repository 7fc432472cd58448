"""Whoosh and the engine side by side on one ingested archive: index build rate and search times.

    .venv/bin/python .ci/engine/compare.py --data-dir DIR --search-url elasticsearch://127.0.0.1:PORT/x

DIR is an archive data dir (a `python -m bench --data-dir D` run leaves one in D/n<size>/var); it
is used as it is (copy it first). For each path, in a process of its own: `rebuild_index` (the
whole index written from the database, timed), then bench's fixed query set
(`bench.measure.search_cases`), each search timed `--repeat` times with the Whoosh path's page
cache emptied before every run, median and p95 in milliseconds. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def one_path(repeat: int, rebuild: bool = True) -> dict:
    """In this process: rebuild the configured index (unless told not to), then time the query
    set."""
    import django

    django.setup()
    from django.core.management import call_command

    from archive.models import Article
    from archive.search.service import RESULTS, SearchParams, search
    from bench.measure import search_cases, stats, targets

    articles = Article.objects.count()
    build_s = None
    if rebuild:
        start = time.perf_counter()
        call_command("rebuild_index", "--noinput", verbosity=0)
        build_s = round(time.perf_counter() - start, 1)
    out = {"articles": articles, "build_s": build_s, "searches": {}}
    for name, raw in search_cases(targets()):
        params = SearchParams.from_querydict(raw)
        RESULTS.clear()
        page = search(params)  # warm-up
        samples = []
        for _ in range(repeat):
            RESULTS.clear()
            began = time.perf_counter()
            search(params)
            samples.append((time.perf_counter() - began) * 1000)
        out["searches"][name] = {
            **stats(samples),
            "articles": page.count,
            "events": page.event_count,
        }
    return out


def run(data_dir: Path, search_url: str | None, repeat: int, rebuild: bool = True) -> dict:
    env = {
        **os.environ,
        "ARCHIVE_DATA_DIR": str(data_dir),
        "DJANGO_SETTINGS_MODULE": "archive.settings",
    }
    env.pop("SEARCH_URL", None)
    if search_url:
        env["SEARCH_URL"] = search_url
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=REPO, env=env, check=True
    )
    done = subprocess.run(
        [
            sys.executable,
            __file__,
            "--one-path",
            "--repeat",
            str(repeat),
            *([] if rebuild else ["--keep-whoosh"]),
        ],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--search-url", help="the engine's elasticsearch://... URL")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument(
        "--keep-whoosh",
        action="store_true",
        help="time Whoosh's searches on the index the importer wrote, without rebuilding it "
        "(at 100,000 articles a rebuild takes half an hour; the ingest measured it already)",
    )
    parser.add_argument("--one-path", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_path:  # a child: the environment names the data dir and the engine
        sys.path.insert(0, str(REPO))
        rebuild = not (args.keep_whoosh and not os.environ.get("SEARCH_URL"))
        print(json.dumps(one_path(args.repeat, rebuild)))
        return 0
    whoosh = run(args.data_dir, None, args.repeat, rebuild=not args.keep_whoosh)
    engine = run(args.data_dir, args.search_url, args.repeat)
    n = whoosh["articles"]
    print(f"{n:,} articles. Index built from the database (rebuild_index):")
    for name, result in (("Whoosh", whoosh), ("OpenSearch", engine)):
        if result["build_s"] is None:
            print(f"- {name}: not rebuilt (--keep-whoosh: the index the importer wrote)")
        else:
            print(f"- {name}: {result['build_s']} s, {n / result['build_s']:.0f} articles/s")
    print()
    print("| search | Whoosh median / p95 ms | OpenSearch median / p95 ms | hits (W / O) |")
    print("| --- | ---: | ---: | --- |")
    for name, w in whoosh["searches"].items():
        o = engine["searches"][name]
        print(
            f"| {name} | {w['median_ms']} / {w['p95_ms']} | {o['median_ms']} / {o['p95_ms']} | "
            f"{w['articles']}, {w['events']} / {o['articles']}, {o['events']} |"
        )
    print()
    print(json.dumps({"whoosh": whoosh, "opensearch": engine}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
