"""``python -m bench.extrapolate``: the archive's figures at sizes not run, from sizes that were.

    python -m bench.extrapolate D/n10000/result.json D/n100000/result.json
                                [--counts LOG] [--to 200000,400000,1000000]

Each figure is fitted to a straight line in the number of articles, by least squares over the
points measured, and read at the sizes asked for:

- **ingest**: the cost of one capture (ms of wall time) against the archive's size when it was
  stored, from each run's rate by tenth (``ingest.tenths``) or from a log of the articles counted
  once a minute during a run (``--counts``: lines of ``unix-seconds count``). The time to ingest
  up to a size is the sum of that cost over every capture before it.
- the **database and index** (MB) and the importer's peak memory (MB), one point per run;
- each search class's **p95** (ms), one point per run that timed searches.

A straight line is what the design predicts: an import's candidates, a word's postings and the
cached columns all grow with the archive. The table shows the points each line was fitted to,
so a reader can see how far it is carried. It is an estimate, not a run: docs/deploy.md says so
where it quotes one.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

DEFAULT_SIZES = (200_000, 400_000, 1_000_000)


def fit(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """(intercept, slope) of the least-squares line through `points`; None below two sizes."""
    if len({x for x, _ in points}) < 2:
        return None
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / sum(
        (x - mean_x) ** 2 for x, _ in points
    )
    return mean_y - slope * mean_x, slope


def ingest_points(result: dict) -> list[tuple[float, float]]:
    """(articles already stored, ms a capture) for each tenth of a run's ingest."""
    ingest = result.get("ingest") or {}
    tenths, total = ingest.get("tenths") or [], ingest.get("captures") or 0
    return [((i + 0.5) * total / 10, 1000 / rate) for i, rate in enumerate(tenths) if rate]


def count_points(lines: list[str]) -> list[tuple[float, float]]:
    """(articles, ms a capture) between each two lines of a once-a-minute count."""
    samples = []
    for line in lines:
        parts = line.split()
        if len(parts) >= 2 and parts[1].isdigit():
            samples.append((float(parts[0]), int(parts[1])))
    return [
        ((c1 + c2) / 2, (t2 - t1) * 1000 / (c2 - c1))
        for (t1, c1), (t2, c2) in itertools.pairwise(samples)
        if c2 > c1
    ]


def ingest_seconds(line: tuple[float, float], size: int) -> float:
    """Seconds to ingest `size` captures into an empty archive at `line`'s cost a capture."""
    intercept, slope = line
    return (intercept * size + slope * size * size / 2) / 1000


def size_figures(results: list[dict]) -> dict[str, list[tuple[float, float]]]:
    """Figure name -> (articles, value) for every run that measured it."""
    figures: dict[str, list[tuple[float, float]]] = {}

    def add(name: str, n: float, value) -> None:
        if value is not None:
            figures.setdefault(name, []).append((n, float(value)))

    for result in results:
        ingest = result.get("ingest") or {}
        n = result.get("n") or ingest.get("articles") or 0
        add("database (MB)", n, result.get("database_mb") or ingest.get("database_mb"))
        add("index (MB)", n, result.get("index_mb") or ingest.get("index_mb"))
        add("importer peak RSS (MB)", n, ingest.get("peak_rss_mb"))
        add("importer's workers peak RSS (MB)", n, ingest.get("peak_worker_rss_mb"))
        for name, entry in (result.get("search") or {}).items():
            add(f"search p95 (ms): {name}", n, entry.get("p95_ms"))
    return figures


def report(results: list[dict], counts: list[str], sizes: tuple[int, ...]) -> str:
    header = "| figure | measured at | " + " | ".join(f"{s:,}" for s in sizes) + " |"
    lines = [header, "|" + " --- |" * (len(sizes) + 2)]
    ingest = [p for result in results for p in ingest_points(result)] + count_points(counts)
    line = fit(ingest)
    if line:
        span = f"{min(x for x, _ in ingest):,.0f}–{max(x for x, _ in ingest):,.0f} articles"
        rates = [f"{1000 / (line[0] + line[1] * s):.0f}" for s in sizes]
        lines.append(_row("ingest rate at that size (captures/s)", span, rates))
        hours = [f"{ingest_seconds(line, s) / 3600:.1f} h" for s in sizes]
        lines.append(_row("ingest from empty to that size", span, hours))
    for name, points in size_figures(results).items():
        line = fit(points)
        at = ", ".join(f"{x:,.0f}" for x, _ in points)
        values = [f"{line[0] + line[1] * s:,.0f}" for s in sizes] if line else ["?"] * len(sizes)
        lines.append(_row(name, at, values))
    return "\n".join(lines)


def _row(name: str, measured: str, values: list[str]) -> str:
    return f"| {name} | {measured} | " + " | ".join(values) + " |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.extrapolate", description=__doc__)
    parser.add_argument("results", nargs="*", type=Path, help="result.json of bench runs")
    parser.add_argument("--counts", type=Path, help="'unix-seconds count' lines of one ingest")
    parser.add_argument("--to", default=",".join(map(str, DEFAULT_SIZES)))
    args = parser.parse_args(argv)
    sizes = tuple(int(s.replace("_", "")) for s in args.to.split(",") if s.strip())
    results = [json.loads(path.read_text("utf-8")) for path in args.results]
    counts = args.counts.read_text("utf-8").splitlines() if args.counts else []
    if not results and not counts:
        parser.error("give result.json files, --counts, or both")
    print(report(results, counts, sizes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
