"""Uncached pages: many different searches, each run once through `/api/search/`.

The fixed query classes (`measure.search_cases`) repeat one search and say what a search costs;
a user mostly types a search nobody typed just before, so no result cache and no cached postings
help, and the page's fixed cost (the database, snippets, facets, JSON) counts in full. This class
samples its queries from the stored articles themselves, with the seed (`sample_queries`): rare
and common words, two words, three-word phrases, names (two capitalised words that recur), and a
common word with a filter (an outlet, or a year). Each is requested once with Django's test
client, the per-process result cache and the postings cache emptied first, and the time of each
step of the page recorded (`STEPS`). FTS5 runs each once too, bare and doing the page's work
(bench/fts5.py), on a copy of the same articles.
"""

from __future__ import annotations

import random
import re
import statistics
import time
from urllib.parse import urlencode

from bench import fts5
from bench.measure import PhaseTimer, percentile, stats
from bench.report import STEP_NAMES

KINDS = {  # kind: how many of the queries
    "rare word": 30,
    "common word": 20,
    "two words": 20,
    "phrase": 15,
    "name": 15,
    "word + filter": 20,
}
SAMPLE_ARTICLES = 3000  # words' document frequencies are counted on this many articles
_WORD = re.compile(r"\b[a-z]{3,}\b")
_NAME = re.compile(r"\b([A-Z][a-z]{2,}) ([A-Z][a-z]{2,})\b")
_SENTENCE_WORDS = re.compile(r"[A-Za-z]+")

# The page's steps, timed by wrapping the functions that do them (measure.PhaseTimer). Nested
# ones are taken off the step they are part of in `steps_of`.
STEPS = (
    ("archive.views.api", "run_search", "service"),
    ("archive.search.service", "collect_hits", "search"),
    ("archive.search.service", "_facet_counts", "facets"),
    ("archive.search.hydration", "outlet_names", "names"),
    ("archive.search.hydration", "person_names", "names: people"),
    ("archive.search.service", "suggest", "suggestion"),
    ("archive.search.hydration", "event_hits", "hydration"),
    ("archive.search.hydration", "snippet", "snippets"),
)


def steps_of(seconds: dict[str, float], total: float) -> dict[str, float]:
    """The page's disjoint steps (seconds) from the wrapped functions' cumulative times."""
    names = seconds.get("names", 0.0) + seconds.get("names: people", 0.0)
    facets = seconds.get("facets", 0.0)
    snippets = seconds.get("snippets", 0.0)
    service = seconds.get("service", 0.0)
    parts = {
        "search": seconds.get("search", 0.0) - facets,
        "facets and names": facets + names,
        "suggestion": seconds.get("suggestion", 0.0),
        "hydration (database)": seconds.get("hydration", 0.0) - snippets,
        "snippets": snippets,
    }
    parts["versions and rest of the service"] = max(0.0, service - sum(parts.values()))
    parts["view and JSON"] = max(0.0, total - service)
    return parts


def _document_frequencies(rng: random.Random) -> tuple[dict[str, int], dict[str, int], list]:
    """Lower-case words' and names' document frequencies over a sample of the published
    articles, and the sample's (pk, body) pairs."""
    from archive.models import Article

    ids = list(Article.objects.public().order_by("pk").values_list("pk", flat=True))
    chosen = sorted(rng.sample(ids, min(SAMPLE_ARTICLES, len(ids))))
    rows = list(Article.objects.filter(pk__in=chosen).order_by("pk").values_list("pk", "body"))
    words: dict[str, int] = {}
    names: dict[str, int] = {}
    for _, body in rows:
        for word in set(_WORD.findall(body)):
            words[word] = words.get(word, 0) + 1
        for name in {" ".join(match) for match in _NAME.findall(body)}:
            names[name] = names.get(name, 0) + 1
    return words, names, rows


def sample_queries(seed: int) -> list[tuple[str, dict]]:
    """(kind, GET parameters) of about 120 different searches drawn from the stored articles."""
    from archive.models import Article, Outlet

    rng = random.Random(seed)
    words, names, rows = _document_frequencies(rng)
    n = max(1, len(rows))
    by_share = sorted(
        ((w, df) for w, df in words.items() if len(w) >= 4), key=lambda item: (item[1], item[0])
    )
    rare = [w for w, df in by_share if 2 <= df <= max(2, n // 500)]
    common = [w for w, df in by_share if n // 20 <= df <= n // 4]
    middle = [w for w, df in by_share if n // 200 <= df < n // 20]
    lower = {w for w, df in words.items() if df > n // 200}
    # A name: two capitalised words, neither a common word at a sentence's start ("The Bank").
    named = [
        name
        for name, df in sorted(names.items())
        if df >= 3 and not any(part.lower() in lower for part in name.split())
    ]
    used: set[str] = set()

    def draw(pool: list[str], count: int) -> list[str]:
        left = sorted(set(pool) - used)
        picked = rng.sample(left, min(count, len(left)))
        used.update(picked)
        return picked

    def draw_again(pool: list[str]) -> list[str]:
        return rng.sample(sorted(set(pool)), min(KINDS["word + filter"], len(set(pool))))

    queries: list[tuple[str, dict]] = []
    queries += [("rare word", {"q": w}) for w in draw(rare, KINDS["rare word"])]
    queries += [("common word", {"q": w}) for w in draw(common, KINDS["common word"])]
    firsts = draw(common, KINDS["two words"])
    seconds = draw(middle, len(firsts))
    queries += [("two words", {"q": f"{a} {b}"}) for a, b in zip(firsts, seconds, strict=False)]
    for _ in range(KINDS["phrase"]):
        phrase = _phrase(rng, rows)
        if phrase:
            queries.append(("phrase", {"q": f'"{phrase}"'}))
    queries += [("name", {"q": name}) for name in draw(named, KINDS["name"])]
    outlets = list(
        Outlet.objects.filter(articles__isnull=False).distinct().values_list("slug", flat=True)
    )
    years = sorted({d.year for d in Article.objects.dates("published_on", "year")} if n else set())
    # The filter makes the search new: its word may have been searched alone (a small corpus).
    filtered = draw(common + middle, KINDS["word + filter"]) or draw_again(common + middle)
    for i, word in enumerate(filtered):
        if i % 2 and years:
            queries.append(("word + filter", {"q": word, "year": str(rng.choice(years))}))
        elif outlets:
            queries.append(("word + filter", {"q": word, "outlet": [rng.choice(sorted(outlets))]}))
    seen: set[str] = set()
    distinct = []
    for kind, params in queries:
        key = urlencode(params, doseq=True)
        if key not in seen:
            seen.add(key)
            distinct.append((kind, params))
    return distinct


def _phrase(rng: random.Random, rows: list) -> str | None:
    """Three words in a row from a sampled article (a real phrase, found at least there)."""
    for _ in range(20):
        _, body = rng.choice(rows)
        words = _SENTENCE_WORDS.findall(body)
        if len(words) < 10:
            continue
        start = rng.randrange(len(words) - 3)
        phrase = words[start : start + 3]
        if sum(len(word) >= 4 for word in phrase) >= 2:
            return " ".join(word.lower() for word in phrase)
    return None


def warm_up(queries: list[tuple[str, dict]]) -> list[dict]:
    """Searches that fill the caches a worker keeps between pages (not the result cache)."""
    from archive.models import Article

    seen: dict[str, int] = {}
    for body in Article.objects.public().order_by("pk").values_list("body", flat=True)[:200]:
        for found in set(_WORD.findall(body)):
            seen[found] = seen.get(found, 0) + 1
    word = max(sorted(seen), key=seen.__getitem__) if seen else "the"
    filters = [params for _, params in queries if set(params) - {"q"}]
    return [{"q": word}, *({**params, "q": word} for params in filters)]


def measure_uncached(queries: list[tuple[str, dict]]) -> dict:
    """Each query once through `/api/search/` (result and postings caches emptied first)."""
    from django.test import Client

    from archive.search.postings import POSTINGS
    from archive.search.service import RESULTS

    client = Client()
    # Warm, as a worker that has served pages: the searcher open and the columns the queries
    # read cached (facets, events, lengths, years). The most frequent word of all is searched
    # (a page of it has hits in every segment), never one of the queries (at most a quarter of
    # the articles).
    for params in warm_up(queries):
        client.get("/api/search/", params)
    timer = PhaseTimer(STEPS)
    per_query = []
    with timer.active():
        for kind, params in queries:
            RESULTS.clear()
            POSTINGS.clear()
            before = dict(timer.seconds)
            start, cpu = time.perf_counter(), time.thread_time()
            response = client.get("/api/search/", params)
            total, cpu = time.perf_counter() - start, time.thread_time() - cpu
            spent = {label: timer.seconds[label] - before[label] for label in timer.seconds}
            body = response.json()
            per_query.append(
                {
                    "kind": kind,
                    "params": params,
                    "status": response.status_code,
                    "ms": round(total * 1000, 2),
                    "cpu_ms": round(cpu * 1000, 2),
                    "hits": body.get("count"),
                    "versions": sum(len(r["articles"]) for r in body.get("results") or []),
                    "steps_ms": {k: round(v * 1000, 3) for k, v in steps_of(spent, total).items()},
                }
            )
    return summarise(per_query)


def summarise(per_query: list[dict]) -> dict:
    times = [entry["ms"] for entry in per_query]
    steps = {
        name: round(statistics.median(e["steps_ms"][name] for e in per_query), 2)
        for name in STEP_NAMES
    }
    steps_mean = {
        name: round(statistics.fmean(e["steps_ms"][name] for e in per_query), 2)
        for name in STEP_NAMES
    }
    kinds = {}
    for kind in KINDS:
        mine = [e["ms"] for e in per_query if e["kind"] == kind]
        if mine:
            kinds[kind] = {
                "queries": len(mine),
                "median_ms": round(statistics.median(mine), 2),
                "p95_ms": round(percentile(mine, 0.95), 2),
                "hits_median": statistics.median(
                    e["hits"] or 0 for e in per_query if e["kind"] == kind
                ),
            }
    return {
        "queries": len(per_query),
        "errors": sum(entry["status"] != 200 for entry in per_query),
        **stats(times),
        "mean_ms": round(statistics.fmean(times), 2),
        # CPU time of the request's thread: what other work on the machine changes least.
        "cpu": stats([entry["cpu_ms"] for entry in per_query]),
        "steps_median_ms": steps,
        "steps_mean_ms": steps_mean,
        "kinds": kinds,
        "per_query": per_query,
    }


def measure_fts5(queries: list[tuple[str, dict]], path=":memory:") -> dict:
    """Each query once on the FTS5 copy, bare and doing the page's work."""
    db, loaded = fts5.load(path)
    bare, page, bare_cpu, kinds = [], [], [], {}
    try:
        for params in warm_up(queries):
            fts5.run_case(db, params, False)
            fts5.run_page(db, params)
        for kind, params in queries:
            start, cpu = time.perf_counter(), time.thread_time()
            fts5.run_case(db, params, False)
            bare.append((time.perf_counter() - start) * 1000)
            bare_cpu.append((time.thread_time() - cpu) * 1000)
            start = time.perf_counter()
            fts5.run_page(db, params)
            page.append((time.perf_counter() - start) * 1000)
            kinds.setdefault(kind, []).append(bare[-1])
    finally:
        db.close()
    return {
        "tokenize": fts5.TOKENIZE,
        **loaded,
        "bare": stats(bare),
        "bare_cpu": stats(bare_cpu),
        "page": stats(page),
        "kinds": {kind: round(statistics.median(ms), 2) for kind, ms in kinds.items()},
    }


def measure(seed: int) -> dict:
    """The uncached class: sample the queries, time them on the archive and on FTS5."""
    queries = sample_queries(seed)
    archive = measure_uncached(queries)
    compared = measure_fts5(queries)
    ratios = {}
    for key in ("median_ms", "p95_ms"):
        for name in ("bare", "page"):
            if compared[name][key] > 0:
                ratios[f"{key}_over_fts5_{name}"] = round(archive[key] / compared[name][key], 1)
        if compared["bare_cpu"][key] > 0:
            ratio = archive["cpu"][key] / compared["bare_cpu"][key]
            ratios[f"cpu_{key}_over_fts5_bare"] = round(ratio, 1)
    return {"seed": seed, **archive, "fts5": compared, "ratios": ratios}
