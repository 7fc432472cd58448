"""One corpus size, in its own process: ``python -m bench.size --dir DIR [--mode …]``.

The data directory must be chosen before Django reads its settings, so each size runs in a fresh
process: this one sets ``ARCHIVE_DATA_DIR`` (and the other variables the settings read) first, then
sets Django up, migrates, and measures what ``--mode`` asks for. ``DIR`` holds ``corpus/`` (from
``bench.corpus.generate``) and gets ``var/`` (database, index) and ``result.json``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import time
from pathlib import Path


def configure_environment(data_dir: Path) -> None:
    """Point the settings at `data_dir` and nowhere else (never a user's own database)."""
    os.environ["ARCHIVE_DATA_DIR"] = str(data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "archive.settings"
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("SEARCH_URL", None)
    os.environ["DEBUG"] = "0"
    hosts = [h for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1").split(",") if h]
    if "testserver" not in hosts:  # django.test.Client's host name
        hosts.append("testserver")
    os.environ["ALLOWED_HOSTS"] = ",".join(hosts)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.size", description=__doc__)
    parser.add_argument("--dir", type=Path, required=True, help="the size's folder")
    parser.add_argument("--mode", choices=("all", "ingest", "queries", "bulk"), default="all")
    parser.add_argument(
        "--bulk-from", type=Path, help="(mode bulk) the folder of an ingested smaller size"
    )
    parser.add_argument("--size", type=int, help="(mode bulk) articles to reach")
    parser.add_argument("--repeat", type=int, default=15, help="timed runs per query or page")
    parser.add_argument("--budget", type=float, default=5.0, help="seconds per query or page")
    parser.add_argument("--profile", type=Path, help="write a cProfile of the ingest here")
    parser.add_argument("--optimize", action="store_true", help="optimize_index before searches")
    parser.add_argument("--seed", type=int, default=0, help="seed of the uncached queries' sample")
    parser.add_argument(
        "--uncached-only",
        action="store_true",
        help="time only the uncached pages (bench/uncached.py), not the fixed classes and pages",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    folder = args.dir.resolve()
    data_dir = folder / "var"
    if args.mode == "bulk":
        from bench.bulk import copy_database

        copy_database(args.bulk_from.resolve() / "var", data_dir)
    configure_environment(data_dir)

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from bench import fts5, measure, uncached

    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)  # whitenoise warns otherwise
    result: dict = {}
    start = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    result["setup"] = {"migrate_s": round(time.perf_counter() - start, 2)}

    manifest = json.loads((folder / "corpus" / "manifest.json").read_text(encoding="utf-8"))
    result_path = folder / "result.json"
    if args.mode == "queries" and result_path.is_file():
        # Keep what the run that filled this folder measured (ingest, or a bulk load).
        earlier = json.loads(result_path.read_text(encoding="utf-8"))
        result.update({k: earlier[k] for k in ("ingest", "loaded") if earlier.get(k)})

    def save() -> None:
        # After every step: a failure later on keeps what was measured so far.
        result["peak_rss_mb"] = measure.peak_rss_mb()
        result["database_mb"] = measure.database_mb(data_dir)
        result["index_mb"] = measure.folder_mb(data_dir / "whoosh")
        result_path.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")

    if args.mode in ("all", "ingest"):
        print(f"  ingesting {manifest['captures']} captures…", file=sys.stderr, flush=True)
        captures = folder / "corpus" / "captures"
        result["ingest"] = measure.measure_ingest(captures, data_dir, args.profile)
        result["ingest"]["grouping"] = measure.grouping_pairs(manifest)
        save()
    if args.mode == "bulk":
        from archive.models import Article
        from bench import bulk

        have = Article.objects.count()
        if not have or args.size % have:
            raise SystemExit(
                f"--sizes {args.size} must be a multiple of the {have} articles copied"
            )
        print(f"  bulk-loading {args.size} articles (x{args.size // have})…", file=sys.stderr)
        result["loaded"] = {"from": str(args.bulk_from), **bulk.replicate(args.size // have)}
        save()
        print("  building the search index once…", file=sys.stderr, flush=True)
        result["loaded"]["index"] = bulk.build_index()
        save()
    if args.mode in ("all", "queries", "bulk"):
        if args.optimize:
            print("  merging the index's segments…", file=sys.stderr, flush=True)
            result["optimize"] = measure.optimize_index()
        result["index_segments"] = measure.index_segments()
        result["people"] = measure.link_people_from_manifest(manifest)
        del manifest
        targets = measure.targets()
        result["targets"] = targets
        # Searches are timed in the state a gunicorn worker serves them in (archive/wsgi.py):
        # what is loaded by now is frozen after a full collection. Without it every full
        # collection walked what this process loaded to set the run up (the corpus's manifest
        # above all): 150 ms, inside one phrase search of fifteen, where a worker's take 12-15.
        gc.collect()
        gc.freeze()
        print("  timing uncached pages (each search once)…", file=sys.stderr, flush=True)
        result["uncached"] = uncached.measure(args.seed)
        save()
        gc.collect()  # the sample's article bodies and the FTS5 copy
    if args.mode in ("all", "queries", "bulk") and not args.uncached_only:
        print("  timing searches…", file=sys.stderr, flush=True)
        cases = measure.search_cases(targets)
        result["search"] = measure.measure_search(cases, args.repeat, args.budget)
        save()
        print("  the same searches on SQLite FTS5…", file=sys.stderr, flush=True)
        result["fts5"] = fts5.measure(cases, args.repeat, args.budget)
        for name, ratio in fts5.ratios(result["search"], result["fts5"]).items():
            result["fts5"]["classes"][name]["whoosh_over_fts5"] = ratio
        page_ratios = fts5.ratios(result["search"], result["fts5"], key="page_median_ms")
        for name, ratio in page_ratios.items():
            result["fts5"]["classes"][name]["whoosh_over_fts5_page"] = ratio
        alone = fts5.ratios(result["search"], result["fts5"], whoosh_key="alone_median_ms")
        for name, ratio in alone.items():
            result["fts5"]["classes"][name]["alone_over_fts5"] = ratio
        save()
        print("  timing pages…", file=sys.stderr, flush=True)
        # What the FTS5 copy left behind (100,000 articles read through the ORM) is freed by the
        # next full collection: without this one, a page timed later paid for it (the person
        # page's p95 was ~380 ms for a median of 38).
        gc.collect()
        pages = measure.page_cases(targets)
        result["pages"] = measure.measure_pages(pages, args.repeat, args.budget)
    save()
    return 0


if __name__ == "__main__":
    sys.exit(main())
