"""What the costliest searches the interface allows cost, with and without the bounds.

``python -m bench.costly --data-dir D/n100000 [--unbounded] [--load SECONDS]``

Times, on an archive the benchmark built (its ``var/``), one search of each construct of the
syntax made as costly as it can be from the index's commonest words (a union of them, a phrase
of them, a conjunction, exclusions, a 500-character OR of the commonest words), through
`archive.search.service.search` (what the search page and the API call), with the postings and
result caches emptied first. Each line gives the estimate (`archive.search.cost.estimate`, in
postings), the CPU and wall milliseconds, and whether the search ran, was refused or stopped.
``--unbounded`` lifts the bounds (the figures before them). ``--load`` serves the archive with
gunicorn (2 workers) while four clients send the 500-character search, and times an ordinary
search page meanwhile.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from bench.size import configure_environment


def common_words(reader, field: str, count: int, min_length: int = 3) -> list[str]:
    """The `count` words of `field` most documents hold (letters only)."""
    found = []
    for term, info in reader.iter_field(field):
        text = term.decode("utf-8") if isinstance(term, bytes) else term
        if len(text) >= min_length and text.isalpha():
            found.append((info.doc_frequency(), text))
    return [text for _, text in sorted(found, reverse=True)[:count]]


def hostile_or(words: list[str], limit: int = 500) -> str:
    """As many of `words` joined by OR as fit in `limit` characters (the search box's)."""
    query = ""
    for word in words:
        candidate = f"{query} OR {word}" if query else word
        if len(candidate) > limit:
            break
        query = candidate
    return query


def cases(words: list[str]) -> list[tuple[str, dict]]:
    w = words
    return [
        ("one common word", {"q": w[0]}),
        ("two common words", {"q": f"{w[0]} {w[1]}"}),
        ("eight common words (AND)", {"q": " ".join(w[:8])}),
        ("24 common words (AND)", {"q": " ".join(w[:24])}),
        ("four common words OR", {"q": " OR ".join(w[:4])}),
        ("eight common words OR", {"q": " OR ".join(w[:8])}),
        ("32 common words OR", {"q": " OR ".join(w[:32])}),
        ("500 characters of common words OR", {"q": hostile_or(w)}),
        ("phrase of two common words", {"q": f'"{w[0]} {w[1]}"'}),
        ("phrase of eight common words", {"q": '"' + " ".join(w[:8]) + '"'}),
        ("phrase of 32 common words", {"q": '"' + " ".join(w[:32]) + '"'}),
        ("common word minus eight", {"q": w[0] + " " + " ".join(f"-{x}" for x in w[1:9])}),
        ("nothing but exclusions", {"q": " ".join(f"-{x}" for x in w[:8])}),
        ("brackets", {"q": f"({w[0]} OR {w[1]}) ({w[2]} OR {w[3]}) ({w[4]} OR {w[5]})"}),
        ("OR of phrases", {"q": " OR ".join(f'"{a} {b}"' for a, b in itertools.pairwise(w[:9]))}),
        ("OR of common words, newest first", {"q": " OR ".join(w[:8]), "sort": "newest"}),
        ("everything, newest first", {"language": "en", "sort": "newest"}),
    ]


def run_cases(words: list[str], repeat: int) -> list[dict]:
    from django.http import QueryDict

    from archive.search import cost
    from archive.search.postings import POSTINGS
    from archive.search.service import RESULTS, InvalidSearch, SearchParams, _backend, search

    reader = _backend().searcher().reader()
    rows = []
    for name, raw in cases(words):
        query = QueryDict(mutable=True)
        query.update(raw)
        outcome, cpu, wall, count = "ran", [], [], None
        for _ in range(repeat):
            RESULTS.clear()
            POSTINGS.clear()
            start_cpu, start_wall = time.thread_time(), time.perf_counter()
            try:
                page = search(SearchParams.from_querydict(query))
                count = page.count
            except (cost.SearchTooCostly, InvalidSearch) as exc:
                outcome = "stopped" if "took too long" in str(exc) else "refused"
            cpu.append((time.thread_time() - start_cpu) * 1000)
            wall.append((time.perf_counter() - start_wall) * 1000)
        rows.append(
            {
                "case": name,
                "chars": len(raw.get("q", "")),
                "estimate": round(_estimate(raw, reader)),
                "cpu_ms": round(statistics.median(cpu), 1),
                "wall_ms": round(statistics.median(wall), 1),
                "max_wall_ms": round(max(wall), 1),
                "outcome": outcome,
                "hits": count,
            }
        )
        print(_line(rows[-1]), flush=True)
    return rows


def _estimate(raw: dict, reader) -> float:
    from whoosh import query as wq

    from archive.search import cost
    from archive.search.contract import FACET_FIELDS, TEXT_FIELD_BY_GROUP
    from archive.search.querysyntax import Compiler, parse

    compiler = Compiler(
        TEXT_FIELD_BY_GROUP, lambda prefix, slug: wq.Term(FACET_FIELDS[prefix], slug)
    )
    return cost.estimate(compiler.compile(parse(raw.get("q", "")).tree), reader)


def _line(row: dict) -> str:
    return (
        f"| {row['case']} | {row['chars']} | {row['estimate']:,} | {row['cpu_ms']} | "
        f"{row['wall_ms']} | {row['max_wall_ms']} | {row['outcome']} | {row['hits']} |"
    )


def load(data_dir: Path, query: str, seconds: float) -> None:
    """Four clients sending `query` while one times an ordinary search page."""
    import os

    from tests.live import archive_env, gunicorn

    env = archive_env(data_dir, os.environ, own_database=True)
    costly = "/search/?" + urllib.parse.urlencode({"q": query})
    ordinary = ["/search/?q=ambassador", "/", "/search/?q=labour&sort=newest"]

    def get(path: str, base: str) -> int:
        try:
            with urllib.request.urlopen(base + path, timeout=60) as response:
                response.read()
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    with gunicorn(env, data_dir.parent / "costly-gunicorn.log") as base:
        for path in ordinary:
            get(path, base)  # warm
        quiet = []
        for _ in range(20):
            for path in ordinary:
                start = time.perf_counter()
                get(path, base)
                quiet.append((time.perf_counter() - start) * 1000)
        stop = time.monotonic() + seconds
        statuses: list[int] = []

        def attacker():
            while time.monotonic() < stop:
                statuses.append(get(costly, base))

        threads = [threading.Thread(target=attacker) for _ in range(4)]
        for thread in threads:
            thread.start()
        loaded = []
        while time.monotonic() < stop:
            for path in ordinary:
                start = time.perf_counter()
                get(path, base)
                loaded.append((time.perf_counter() - start) * 1000)
        for thread in threads:
            thread.join()
    print(
        f"ordinary pages alone: median {statistics.median(quiet):.0f} ms; with 4 clients "
        f"sending the costly search ({statistics_of(statuses)}): median "
        f"{statistics.median(loaded):.0f} ms, p95 {sorted(loaded)[int(len(loaded) * 0.95)]:.0f} "
        f"ms, max {max(loaded):.0f} ms over {len(loaded)} pages"
    )


def statistics_of(statuses: list[int]) -> str:
    counts: dict[int, int] = {}
    for status in statuses:
        counts[status] = counts.get(status, 0) + 1
    return ", ".join(f"{n}× {status}" for status, n in sorted(counts.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.costly", description=__doc__)
    parser.add_argument("--data-dir", type=Path, required=True, help="a size's folder (var/)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--unbounded", action="store_true", help="lift the bounds")
    parser.add_argument("--load", type=float, default=0, help="seconds of load (gunicorn)")
    args = parser.parse_args(argv)
    data_dir = args.data_dir.resolve() / "var"
    configure_environment(data_dir)
    import django

    django.setup()
    from archive.search import cost
    from archive.search.contract import TEXT_FIELD_BY_GROUP
    from archive.search.service import _backend

    if args.unbounded:
        cost.MAX_CLAUSES, cost.MAX_COST, cost.TIME_BUDGET = 10**9, float("inf"), float("inf")
    reader = _backend().searcher().reader()
    words = common_words(reader, TEXT_FIELD_BY_GROUP["other"], 120)
    print("| search | chars | estimate | CPU ms | wall ms | max wall ms | outcome | hits |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |")
    run_cases(words, args.repeat)
    if args.load:
        if args.unbounded:
            print("(--load serves the code as it is: the bounds apply there)", file=sys.stderr)
        load(data_dir, hostile_or(words), args.load)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
