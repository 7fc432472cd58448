"""The benchmark's results as JSON and as Markdown tables (one column group per corpus size)."""

from __future__ import annotations

import json
from pathlib import Path

RESULT_KEYS = ("benchmark", "generated_at", "machine", "seed", "repeat", "runs")
RUN_KEYS = ("n", "corpus", "setup", "ingest", "people", "targets", "search", "pages")
# Optional per run: "fts5" (bench/fts5.py), "loaded" (--bulk-load), "uncached" (bench/uncached.py).
# A page's steps, as bench/uncached.py times them and the report prints them.
STEP_NAMES = (
    "search",
    "facets and names",
    "suggestion",
    "hydration (database)",
    "snippets",
    "versions and rest of the service",
    "view and JSON",
)


def _n(n: int) -> str:
    return f"n={n:,}"


def _ms(entry: dict | None) -> str:
    if not entry:
        return "–"
    return f"{entry['median_ms']:.1f} / {entry['p95_ms']:.1f}"


def _page_ms(entry: dict | None) -> str:
    """The FTS5 same-work figure (`run_page`); "–" in results from before it was measured."""
    if not entry or "page_median_ms" not in entry:
        return "–"
    return f"{entry['page_median_ms']:.1f} / {entry['page_p95_ms']:.1f}"


def _alone_ms(entry: dict | None) -> str:
    """The search alone (`measure_search`); "–" in results from before it was measured."""
    if not entry or "alone_median_ms" not in entry:
        return "–"
    return f"{entry['alone_median_ms']:.1f} / {entry['alone_p95_ms']:.1f}"


def _ratio(entry: dict | None, key: str) -> str:
    return f"{entry[key]}×" if entry and key in entry else "–"


def _cpu(cpu: dict | None) -> str:
    """CPU seconds of the importing process and of its workers (what idle cores would take)."""
    if not cpu:
        return "–"
    return f"{cpu['main']:.1f} + {cpu['workers']:.1f} s"


def _value(value, suffix: str = "") -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.1f}{suffix}" if value >= 10 else f"{value:.2f}{suffix}"
    return f"{value:,}{suffix}"


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(header: list[str], rows: list[list[str]], align: list[str] | None = None) -> list[str]:
    align = align or ["---"] + ["---:"] * (len(header) - 1)
    return [_row(header), _row(align), *(_row(r) for r in rows)]


def _names(runs: list[dict], section: str) -> list[str]:
    names: list[str] = []
    for run in runs:
        for name in run.get(section) or {}:
            if name not in names:
                names.append(name)
    return names


def markdown(results: dict) -> str:
    runs = results["runs"]
    machine = results["machine"]
    real = any((run.get("corpus") or {}).get("real_text") for run in runs)
    source = (
        "real news (Reuters-21578 and BBC News, bench/realtext.py)"
        if real
        else f"synthetic (bench/corpus.py, seed {results['seed']})"
    )
    lines = [
        f"## Benchmark, {results['generated_at']}",
        "",
        f"Machine: {machine['cpus']} CPUs, Python {machine['python']}, {machine['platform']}. "
        f"Corpus: {source}. Times are server times in "
        f"milliseconds, median / p95 over up to {results['repeat']} warm runs.",
        "",
        "### Ingest (archive.importer.import_captures)",
        "",
    ]
    rows = []
    for run in runs:
        ingest = run.get("ingest") or {}
        corpus = run.get("corpus") or {}
        if not ingest:
            continue
        rows.append(
            [
                _n(run["n"]),
                _value(corpus.get("events")),
                _value(ingest.get("events")),
                _value(ingest["summary"]["rejected"]),
                _value(ingest["wall_s"], " s"),
                _value(ingest["captures_per_s"]),
                _value(ingest["ms_per_capture"]),
                _cpu(ingest.get("cpu_s")),
                _value(ingest["peak_rss_mb"], " MB"),
                _value(ingest.get("peak_worker_rss_mb"), " MB"),
                _value(ingest.get("database_mb"), " MB"),
                _value(ingest.get("index_mb"), " MB"),
                _value(ingest["sql_queries_per_capture"]),
            ]
        )
    header = [
        "corpus",
        "events (true)",
        "events (found)",
        "rejected",
        "wall",
        "captures/s",
        "ms/capture",
        "CPU: main + workers",
        "peak RSS",
        "peak RSS, workers",
        "database",
        "index",
        "SQL/capture",
    ]
    lines += _table(header, rows) if rows else ["(not measured)"]
    for run in runs:
        grouping = (run.get("ingest") or {}).get("grouping")
        if grouping and grouping.get("precision") is not None:
            lines += [
                "",
                f"Grouping at {_n(run['n'])}, over pairs of versions: precision "
                f"{grouping['precision']}, recall {grouping['recall']} "
                f"({grouping['pairs_found']:,} pairs found, {grouping['pairs_true']:,} true); "
                f"{grouping['events_joining_several']:,} events found join versions of several "
                "true ones.",
            ]
    for run in runs:
        tenths = (run.get("ingest") or {}).get("tenths")
        if tenths:
            lines += [
                "",
                f"Captures a second by tenth of the {_n(run['n'])} ingest (the last is the "
                f"archive's largest): {' · '.join(_value(rate) for rate in tenths)}",
            ]

    phase_runs = [run for run in runs if run.get("ingest")]
    if phase_runs:
        lines += [
            "",
            "Where ingest time goes (seconds; indented rows are part of the row above):",
            "",
        ]
        names = list(phase_runs[0]["ingest"]["phases_s"])
        rows = []
        for name in names:
            label = name if " / " not in name else "↳ " + name.split(" / ")[1]
            rows.append([label] + [_value(r["ingest"]["phases_s"].get(name)) for r in phase_runs])
        lines += _table(["phase", *(_n(r["n"]) for r in phase_runs)], rows)

    lines += _uncached(runs)

    query_runs = [run for run in runs if run.get("search")]
    if query_runs:
        lines += ["", "### Search (archive.search.service.search)", ""]
        rows = []
        for name in _names(query_runs, "search"):
            first = next(r["search"][name] for r in query_runs if name in r["search"])
            cells = [name, "`" + _query_text(first["params"]) + "`"]
            for run in query_runs:
                entry = run["search"].get(name)
                cells += [_ms(entry), _alone_ms(entry)]
                cells += [_value((entry or {}).get("cold_cache_ms"))]
                cells += [_value((entry or {}).get("postings_cache_ms"))]
                cells += [_value(entry["articles"]) if entry else "–"]
                if run.get("fts5"):
                    fts = run["fts5"]["classes"].get(name)
                    cells += [
                        _ms(fts),
                        _page_ms(fts),
                        _value(fts["articles"]) if fts else "–",
                        _ratio(fts, "alone_over_fts5"),
                        _ratio(fts, "whoosh_over_fts5_page"),
                        _ratio(fts, "whoosh_over_fts5"),
                    ]
            rows.append(cells)
        header = ["class", "query"]
        for run in query_runs:
            header += [f"{_n(run['n'])} ms", "search alone ms", "first (cold cache)"]
            header += ["words cached", "hits"]
            if run.get("fts5"):
                header += [
                    "FTS5 bare ms",
                    "FTS5 same-work ms",
                    "FTS5 hits",
                    "alone/FTS5 bare",
                    "page/FTS5 same-work",
                    "page/FTS5 bare",
                ]
        lines += _table(header, rows, ["---", "---"] + ["---:"] * (len(header) - 2))
        lines += [
            "",
            "ms: the search with its page (`search`: counts, facets, the page's events, their "
            "matching versions read from the database with their snippets, outlet and people "
            "names). search alone: `collect_hits` (counts, facets, the page's events) and the "
            "titles of their best hits, i.e. what FTS5 bare does, facets included for every "
            "class. first (cold cache): one search just after the per-segment column cache was "
            "emptied (as after an index change that merged segments); the other figures are warm,"
            " but read every word's postings from the index. words cached: one search whose words"
            " were searched just before (their decoded postings kept in memory).",
        ]
        for run in query_runs:
            segments, optimized = run.get("index_segments"), run.get("optimize")
            if optimized:
                lines += [
                    "",
                    f"{_n(run['n'])}: searched on an optimized index (`optimize_index` merged "
                    f"{optimized['segments_before']} segments into {optimized['segments_after']} "
                    f"in {optimized['seconds']:.0f} s).",
                ]
            elif segments:
                lines += ["", f"{_n(run['n'])}: searched on an index of {segments} segments."]
        for run in query_runs:
            loaded = run.get("loaded")
            if loaded:
                index = loaded.get("index") or {}
                lines += [
                    "",
                    f"**{_n(run['n'])} was bulk-loaded, not ingested** (bench/bulk.py): the "
                    f"{loaded['articles_before']:,} articles of an ingested run copied "
                    f"×{loaded['factor']} ({loaded['events']:,} events; same texts, so "
                    f"{loaded['factor']}× the hits), then the index built once "
                    f"({index.get('index_s', '–')} s, {index.get('docs_per_s', '–')} docs/s).",
                ]
            fts5 = run.get("fts5")
            if fts5:
                lines += [
                    "",
                    f"{_n(run['n'])}: FTS5 (`tokenize = '{fts5['tokenize']}'`) on the "
                    f"{fts5['articles']:,} published articles read back from the archive's "
                    f"database (loaded in {fts5['load_s']} s). FTS5 bare: exact hit and event "
                    "counts and the top 10 articles by bm25 or date; GROUP BY outlet, language, "
                    "year for the all-facets class only, so page/FTS5 bare overstates Whoosh's "
                    "cost (alone/FTS5 bare compares the same work). FTS5 same-work "
                    "(bench/fts5.py `run_page`): what the search page does for every query, "
                    "i.e. both counts, GROUP BY outlet, language, person, year "
                    "and month, the top 10 events by their best hit, and every matching version "
                    "of those events with title, outlet, language, date and a `snippet()` with "
                    "the matches marked (no spelling suggestion). FTS5 does not fold đ, ø, æ.",
                ]

        lines += ["", "### Pages (django.test.Client)", ""]
        rows = []
        for name in _names(query_runs, "pages"):
            cells = [name]
            for run in query_runs:
                entry = run["pages"].get(name)
                cells += [_ms(entry), _value(entry["sql_queries"]) if entry else "–"]
            rows.append(cells)
        header = ["page"]
        for run in query_runs:
            header += [f"{_n(run['n'])} ms", "SQL"]
        lines += _table(header, rows)
        for run in query_runs:
            people = run.get("people") or {}
            if people.get("source", "importer") != "importer":
                lines += [
                    "",
                    f"{_n(run['n'])}: officials linked from the corpus manifest "
                    f"({people.get('seconds')} s incl. re-indexing), since the importer linked "
                    "none.",
                ]
    return "\n".join(lines) + "\n"


def _uncached(runs: list[dict]) -> list[str]:
    """The uncached pages (bench/uncached.py): each of ~120 searches once, beside FTS5."""
    done = [run for run in runs if run.get("uncached")]
    if not done:
        return []
    lines = ["", "### Uncached pages (each search once through /api/search/)", ""]
    rows = []
    for run in done:
        u = run["uncached"]
        fts = u["fts5"]
        rows.append(
            [
                _n(run["n"]),
                _value(u["queries"]),
                _ms(u),
                _ms(fts["bare"]),
                _ms(fts["page"]),
                _ratio(u["ratios"], "median_ms_over_fts5_bare"),
                _ratio(u["ratios"], "p95_ms_over_fts5_bare"),
                _ratio(u["ratios"], "median_ms_over_fts5_page"),
                _ms(u.get("cpu")),
                _ms(fts.get("bare_cpu")),
                _ratio(u["ratios"], "cpu_median_ms_over_fts5_bare"),
            ]
        )
    header = [
        "corpus",
        "queries",
        "archive ms",
        "FTS5 bare ms",
        "FTS5 same-work ms",
        "median/FTS5 bare",
        "p95/FTS5 bare",
        "median/FTS5 same-work",
        "archive CPU ms",
        "FTS5 bare CPU ms",
        "CPU median/FTS5 bare",
    ]
    lines += _table(header, rows)
    lines += ["", "By kind of query (median / p95 ms; FTS5 bare median):", ""]
    kinds: list[str] = []
    for run in done:
        kinds += [kind for kind in run["uncached"]["kinds"] if kind not in kinds]
    rows = []
    for kind in kinds:
        cells = [kind]
        for run in done:
            entry = run["uncached"]["kinds"].get(kind)
            cells += [
                f"{entry['queries']}" if entry else "–",
                _ms(entry),
                _value(run["uncached"]["fts5"]["kinds"].get(kind)),
                _value(entry["hits_median"]) if entry else "–",
            ]
        rows.append(cells)
    header = ["kind"]
    for run in done:
        header += [f"{_n(run['n'])} queries", "ms", "FTS5 bare", "hits (median)"]
    lines += _table(header, rows)
    lines += ["", "Where a page's time goes (ms, median / mean over the queries):", ""]
    rows = []
    for step in STEP_NAMES:
        cells = [step]
        for run in done:
            u = run["uncached"]
            cells += [
                f"{u['steps_median_ms'].get(step, 0):.2f} / {u['steps_mean_ms'].get(step, 0):.2f}"
            ]
        rows.append(cells)
    lines += _table(["step", *(_n(run["n"]) for run in done)], rows)
    lines += [
        "",
        "Each search is requested once with Django's test client, the result cache and the "
        "postings cache emptied first; the queries are drawn from the stored articles with the "
        "seed (rare and common words, two words, three-word phrases, names, a word with an "
        "outlet or year filter). FTS5 runs each once too, bare (counts and ten titles) and "
        "doing the page's work (bench/fts5.py `run_page`). Steps: search is `collect_hits` "
        "(counting the facets included) without ordering them; facets and names, ordering the "
        "facets and reading outlet and people names; hydration, reading the page's versions "
        "from the database (their snippets apart); view and JSON, the request outside "
        "`service.search`. CPU: the thread's CPU time, which other work on the machine "
        "changes least (wall times include waiting for a core).",
    ]
    return lines


def _query_text(params: dict) -> str:
    parts = []
    for key, value in params.items():
        if value in ("", [], None):
            continue
        value = ",".join(value) if isinstance(value, list) else value
        parts.append(value if key == "q" else f"{key}={value}")
    return " ".join(parts)


def write_results(results: dict, out_dir: Path) -> tuple[Path, Path]:
    """Write `latest.json` and `latest.md` in `out_dir`; return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path, md_path = out_dir / "latest.json", out_dir / "latest.md"
    json_path.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", "utf-8")
    md_path.write_text(markdown(results), encoding="utf-8")
    return json_path, md_path
