"""``python -m bench``: generate synthetic corpora, ingest them, time searches and pages.

    python -m bench [--sizes 1000,10000] [--out bench/results] [--data-dir DIR]
                    [--ingest-only | --queries-only] [--repeat 15] [--seed N] [--profile]
                    [--optimize]
                    [--bulk-from DIR/n10000] [--real-text [DIR]] [--uncached-only]

For each size: a synthetic corpus of that many captures (bench/corpus.py), then, in a fresh
process with a fresh data directory (``bench.size``): migrate, ingest with the archive's importer,
and time the fixed query set and the pages. Prints Markdown tables; writes ``latest.json`` and
``latest.md`` to ``--out``.

Without ``--data-dir`` everything goes to a temporary folder, removed afterwards. With it, each
size keeps ``DIR/n<size>/`` (corpus, database, index), and ``--queries-only`` times searches and
pages again on what an earlier run ingested there.

Every search class also runs on SQLite FTS5 (bench/fts5.py) over the same stored articles; the
table shows both and the ratio. ``--bulk-from`` reaches sizes the importer would take hours for:
the ingested database of a smaller run is copied, its articles replicated up to each size and the
index built once (bench/bulk.py); such a size has no ingest figures, and the report says so.

``--real-text`` ingests real news instead of the synthetic corpus: Reuters-21578 and BBC News read
from a folder outside the repository (bench/realtext.py; default ``~/.cache/archive-bench/real``).
Every run also times uncached pages (bench/uncached.py): ~120 different searches sampled from the
stored articles, each requested once through ``/api/search/``, beside FTS5; ``--uncached-only``
times nothing else.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench import corpus, realtext
from bench.report import markdown, write_results

REPO = Path(__file__).resolve().parent.parent


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__.split("\n\n")[0].strip()
    )
    parser.add_argument("--sizes", default="1000", help="comma-separated capture counts")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results")
    parser.add_argument("--data-dir", type=Path, help="keep corpora, databases and indexes here")
    modes = parser.add_mutually_exclusive_group()
    modes.add_argument("--ingest-only", action="store_true", help="skip searches and pages")
    modes.add_argument(
        "--queries-only", action="store_true", help="reuse --data-dir's ingested data"
    )
    parser.add_argument(
        "--bulk-from",
        type=Path,
        help="time searches on a corpus bulk-loaded from this ingested size's folder (its "
        "articles copied until --sizes; ingest NOT measured; see bench/bulk.py)",
    )
    parser.add_argument("--repeat", type=int, default=15, help="timed runs per query or page")
    parser.add_argument("--seed", type=int, default=corpus.DEFAULT_SEED)
    parser.add_argument("--profile", action="store_true", help="cProfile the ingest into --out")
    parser.add_argument(
        "--real-text",
        type=Path,
        nargs="?",
        const=realtext.DEFAULT_DIR,
        help="ingest Reuters-21578 and BBC News from this folder (default %(const)s) instead of "
        "the synthetic corpus; never copied into the repository (bench/realtext.py)",
    )
    parser.add_argument(
        "--uncached-only",
        action="store_true",
        help="after ingest, time only the uncached pages (bench/uncached.py)",
    )
    parser.add_argument(
        "--optimize",
        action="store_true",
        help="merge the index's segments (manage.py optimize_index) before timing searches",
    )
    args = parser.parse_args(argv)
    try:
        args.size_list = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error(f"--sizes must be numbers separated by commas, not {args.sizes!r}")
    if not args.size_list or min(args.size_list) < 1:
        parser.error("--sizes needs at least one positive number")
    if args.queries_only and args.data_dir is None:
        parser.error("--queries-only needs the --data-dir of an earlier run")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def machine() -> dict:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "cpus": os.cpu_count(),
    }


def run_size(n: int, folder: Path, args: argparse.Namespace) -> dict:
    """Generate (unless --queries-only) and measure one size; return its run record."""
    run: dict = {"n": n}
    if args.bulk_from and not args.queries_only:
        source = args.bulk_from.resolve()
        if not (source / "var" / "archive.sqlite3").is_file():
            raise SystemExit(f"{source} has no ingested database (var/archive.sqlite3)")
        if folder.exists():
            shutil.rmtree(folder)
        (folder / "corpus").mkdir(parents=True)
        shutil.copyfile(source / "corpus" / "manifest.json", folder / "corpus" / "manifest.json")
        manifest = json.loads((folder / "corpus" / "manifest.json").read_text("utf-8"))
        run["corpus"] = {"bulk_loaded_from": str(source), "seed": manifest["seed"]}
        earlier = {}
    elif args.queries_only:
        if not (folder / "var").is_dir() or not (folder / "corpus" / "manifest.json").is_file():
            raise SystemExit(f"{folder} has no ingested corpus: run without --queries-only first")
        manifest = json.loads((folder / "corpus" / "manifest.json").read_text("utf-8"))
        previous = folder / "result.json"
        earlier = json.loads(previous.read_text("utf-8")) if previous.is_file() else {}
        run["corpus"] = {**_summary(manifest), "seed": manifest["seed"]}
    elif args.real_text:
        if folder.exists():
            shutil.rmtree(folder)
        print(f"n={n:,}: writing real-text captures…", file=sys.stderr, flush=True)
        start = time.perf_counter()
        manifest = realtext.generate(args.real_text, folder / "corpus", n, args.seed)
        run["corpus"] = {
            **realtext.summary(manifest),
            "seed": args.seed,
            "generate_s": round(time.perf_counter() - start, 2),
            "mb": _folder_mb(folder / "corpus" / "captures"),
        }
        earlier = {}
    else:
        if folder.exists():
            shutil.rmtree(folder)
        print(f"n={n:,}: generating the synthetic corpus…", file=sys.stderr, flush=True)
        start = time.perf_counter()
        manifest = corpus.generate(folder / "corpus", n, args.seed)
        run["corpus"] = {
            **corpus.summary(manifest),
            "seed": args.seed,
            "generate_s": round(time.perf_counter() - start, 2),
            "mb": _folder_mb(folder / "corpus" / "captures"),
        }
        earlier = {}

    mode = "queries" if args.queries_only else "ingest" if args.ingest_only else "all"
    if args.bulk_from and not args.queries_only:
        mode = "bulk"
    command = [sys.executable, "-m", "bench.size", "--dir", str(folder), "--mode", mode]
    if mode == "bulk":
        command += ["--bulk-from", str(args.bulk_from.resolve()), "--size", str(n)]
    command += ["--repeat", str(args.repeat), "--seed", str(args.seed)]
    if args.uncached_only:
        command += ["--uncached-only"]
    if args.optimize:
        command += ["--optimize"]
    if args.profile and mode != "queries":
        command += ["--profile", str(args.out.resolve() / f"profile-ingest-{n}.txt")]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    print(f"n={n:,}: measuring ({mode}) in a fresh process…", file=sys.stderr, flush=True)
    completed = subprocess.run(command, cwd=REPO, env=env, check=False)
    if completed.returncode != 0:
        raise SystemExit(f"n={n}: bench.size failed with exit status {completed.returncode}")
    measured = json.loads((folder / "result.json").read_text("utf-8"))
    if args.queries_only and "ingest" in earlier:
        measured["ingest"] = earlier["ingest"]  # from the run that ingested this folder
    if args.queries_only and "loaded" in earlier:
        measured["loaded"] = earlier["loaded"]  # a bulk-loaded folder (bench/bulk.py)
    keys = ("setup", "ingest", "loaded", "optimize", "index_segments", "people", "targets")
    for key in (*keys, "uncached", "search", "fts5", "pages"):
        run[key] = measured.get(key)
    run["database_mb"] = measured.get("database_mb")
    run["index_mb"] = measured.get("index_mb")
    return run


def _summary(manifest: dict) -> dict:
    return realtext.summary(manifest) if manifest.get("real_text") else corpus.summary(manifest)


def _folder_mb(path: Path) -> float:
    return round(sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6, 2)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    temporary = args.data_dir is None
    base = Path(tempfile.mkdtemp(prefix="archive-bench-")) if temporary else args.data_dir
    base = base.resolve()
    try:
        runs = [run_size(n, base / f"n{n}", args) for n in args.size_list]
    finally:
        if temporary:
            shutil.rmtree(base, ignore_errors=True)
    results = {
        "benchmark": "diplomatic news archive",
        "generated_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "seed": args.seed,
        "repeat": args.repeat,
        "runs": runs,
    }
    json_path, md_path = write_results(results, args.out)
    print(markdown(results))
    print(f"Wrote {json_path} and {md_path}", file=sys.stderr)
    return 0
