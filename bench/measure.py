"""What the benchmark measures, once Django is set up: ingest, search and pages.

Every function here works on whatever database and index the settings point at, so the test suite
runs them on its throwaway ones and ``bench.size`` on a fresh data directory per corpus size.
"""

from __future__ import annotations

import cProfile
import importlib
import io
import math
import pstats
import resource
import statistics
import time
from array import array
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.corpus import COMMON_WORD, PHRASE, RARE_WORD

# -- timing -------------------------------------------------------------------------------------


def percentile(samples: list[float], share: float) -> float:
    """Nearest-rank percentile: the smallest sample with at least `share` of them at or below."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def stats(samples_ms: list[float]) -> dict:
    return {
        "median_ms": round(statistics.median(samples_ms), 2),
        "p95_ms": round(percentile(samples_ms, 0.95), 2),
        "min_ms": round(min(samples_ms), 2),
        "runs": len(samples_ms),
    }


def repeat_timed(fn: Callable[[], object], repeat: int, budget_s: float) -> list[float]:
    """Call `fn` once to warm up, then up to `repeat` times (at least 3, within `budget_s`);
    return each call's wall time in milliseconds."""
    fn()
    samples: list[float] = []
    deadline = time.perf_counter() + budget_s
    while len(samples) < repeat and (len(samples) < 3 or time.perf_counter() < deadline):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def cpu_seconds() -> dict[str, float]:
    own, children = (
        resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return {
        "main": own.ru_utime + own.ru_stime,
        "workers": children.ru_utime + children.ru_stime,
    }


def peak_child_rss_mb() -> float:
    """The largest peak of the child processes waited for so far (the import's workers)."""
    return round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)


def folder_mb(path: Path) -> float:
    if not path.exists():
        return 0.0
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return round(sum(p.stat().st_size for p in files) / 1e6, 2)


def database_mb(data_dir: Path) -> float:
    """The SQLite database with its write-ahead log (where recent writes still are)."""
    name = "archive.sqlite3"
    return round(sum(folder_mb(data_dir / f"{name}{suffix}") for suffix in ("", "-wal")), 2)


# -- where ingest time goes -------------------------------------------------------------------

# (module, attribute, label). Top-level phases of one capture are disjoint; the indented ones
# ("a / b") are parts of the phase before the slash.
PHASES = (
    ("archive.importer", "read_captures", "read files"),
    # With a worker process (INGEST_WORKERS), cleaning runs there: what this process spends is
    # the first few captures, cleaned here, and waiting for the worker.
    ("archive.ingest.parallel", "_result", "clean (here, or waiting for the worker)"),
    ("archive.ingest.prepare", "extract", "clean / extract"),
    ("archive.ingest.pipeline", "clean_text", "clean / extract: text"),
    ("archive.ingest.pipeline", "clean_story", "clean / extract: paragraphs"),
    ("archive.ingest.pipeline", "page_text", "clean / extract: html (trafilatura)"),
    ("archive.ingest.pipeline", "publication_date", "clean / extract: date"),
    ("archive.ingest.pipeline", "detect_language", "clean / extract: language"),
    ("archive.ingest.prepare", "sanitize_html", "clean / sanitise html"),
    ("archive.ingest.prepare.grouping", "evidence_of", "clean / fingerprint"),
    ("archive.importer", "registry_from_db", "people: load registry"),
    ("archive.importer", "find_people", "people: find names"),
    ("archive.importer", "people_for", "people: link, add new"),
    ("archive.importer._Batch", "outlet", "outlets"),
    ("archive.importer", "assign_event", "assign event"),
    ("archive.events", "candidate_articles", "assign event / load candidates"),
    ("archive.events.grouping", "match", "assign event / compare"),
    ("archive.events", "merge_events", "assign event / merge events"),
    ("archive.events", "refresh_event", "assign event / refresh event"),
    # With a writer process (INGEST_WORKERS), the index is written there: what this process
    # spends is waiting for it to finish at the end, then draining what is left.
    ("archive.search.sync", "drain", "index"),
    ("archive.search.sync.IndexWriterProcess", "_stop", "index: wait for the writer process"),
    ("archive.search.backend.ArchiveWhooshBackend", "document", "index / build documents"),
    ("whoosh.writing.SegmentWriter", "commit", "index / whoosh commit"),
)


def _resolve(path: str):
    """A module, or a class inside one ("package.module.Class")."""
    try:
        return importlib.import_module(path)
    except ModuleNotFoundError:
        module, _, name = path.rpartition(".")
        return getattr(importlib.import_module(module), name)


class PhaseTimer:
    """Cumulative wall time of selected functions, and of every SQL query, while active."""

    def __init__(self, phases=PHASES):
        self.phases = phases
        self.seconds: dict[str, float] = {label: 0.0 for _, _, label in phases}
        self.calls: dict[str, int] = {label: 0 for _, _, label in phases}
        self.sql_queries = 0
        self.sql_seconds = 0.0
        self._saved: list[tuple[object, str, object]] = []

    def _wrap(self, original, label: str):
        timer = self

        if label == "read files":  # a generator: time each step, not the call

            def generator(*args, **kwargs):
                iterator = original(*args, **kwargs)
                while True:
                    start = time.perf_counter()
                    try:
                        item = next(iterator)
                    except StopIteration:
                        timer.seconds[label] += time.perf_counter() - start
                        return
                    timer.seconds[label] += time.perf_counter() - start
                    timer.calls[label] += 1
                    yield item

            return generator

        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                result = original(*args, **kwargs)
                if label == "assign event / load candidates":
                    result = list(result)  # the query runs when the queryset is read
                return result
            finally:
                timer.seconds[label] += time.perf_counter() - start
                timer.calls[label] += 1

        return wrapper

    def _sql(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.sql_seconds += time.perf_counter() - start
            self.sql_queries += 1

    @contextmanager
    def active(self) -> Iterator[PhaseTimer]:
        for module_path, name, label in self.phases:
            try:
                owner = _resolve(module_path)
                original = getattr(owner, name)
            except (ImportError, AttributeError):  # the code moved on: that phase is not timed
                self.seconds.pop(label, None)
                self.calls.pop(label, None)
                continue
            self._saved.append((owner, name, original))
            setattr(owner, name, self._wrap(original, label))
        try:
            with connection.execute_wrapper(self._sql):
                yield self
        finally:
            for owner, name, original in reversed(self._saved):
                setattr(owner, name, original)
            self._saved.clear()

    def breakdown(self, total: float) -> dict[str, float]:
        top = sum(s for label, s in self.seconds.items() if " / " not in label)
        out = {label: round(s, 3) for label, s in self.seconds.items()}
        out["other (duplicate check, save, commit)"] = round(max(0.0, total - top), 3)
        out["sql (all phases)"] = round(self.sql_seconds, 3)
        return out


def measure_ingest(captures: Path, data_dir: Path | None, profile_to: Path | None = None) -> dict:
    """Import every capture under `captures` with the archive's importer; what it cost."""
    from archive.importer import import_captures
    from archive.models import Article, Event

    rss_before = peak_rss_mb()
    cpu_before = cpu_seconds()
    timer = PhaseTimer()
    profiler = cProfile.Profile() if profile_to else None
    done_at = array("d")  # when each capture was done, seconds from the start

    def progress(_result) -> None:
        done_at.append(time.perf_counter() - start)

    with timer.active():
        start = time.perf_counter()
        if profiler:
            profiler.enable()
        report = import_captures([captures], progress=progress)
        if profiler:
            profiler.disable()
        wall = time.perf_counter() - start
    cpu_after = cpu_seconds()
    if profiler and profile_to:
        write_profile(profiler, profile_to)
    summary = report.summary
    processed = len(report.files)
    result = {
        "captures": processed,
        "wall_s": round(wall, 2),
        "captures_per_s": round(processed / wall, 1) if wall else None,
        "ms_per_capture": round(wall * 1000 / processed, 1) if processed else None,
        "summary": summary,
        "rejected_examples": [
            {"path": f.path, "error": f.error} for f in report.files if f.status == "rejected"
        ][:5],
        "articles": Article.objects.count(),
        "events": Event.objects.count(),
        "rss_before_mb": rss_before,
        "peak_rss_mb": peak_rss_mb(),
        "peak_worker_rss_mb": peak_child_rss_mb(),
        # CPU time, this process and its workers: what the wall time would be on idle cores.
        "cpu_s": {key: round(seconds - cpu_before[key], 2) for key, seconds in cpu_after.items()},
        "tenths": rates_by_tenth(done_at),
        "sql_queries": timer.sql_queries,
        "sql_queries_per_capture": round(timer.sql_queries / processed, 1) if processed else None,
        "phases_s": timer.breakdown(wall),
        "phase_calls": dict(timer.calls),
    }
    if data_dir is not None:
        result["database_mb"] = database_mb(data_dir)
        result["index_mb"] = folder_mb(data_dir / "whoosh")
    return result


def grouping_pairs(manifest: dict) -> dict:
    """How the events found compare with the corpus's, over pairs of versions: of the pairs
    put in one event, the share that are one event (precision), and of the pairs that are, the
    share put in one (recall). Counting events alone hides a split that offsets a merge."""
    from archive.models import Article

    true_event = {
        version["sha256"]: event["id"]
        for event in manifest["events"]
        for version in event["versions"]
    }
    found: dict[int, list[int]] = {}
    true: dict[int, list[int]] = {}
    joining: dict[int, set[int]] = {}  # found event -> the true events of its versions
    rows = Article.objects.values_list("pk", "event_id", "content_hash").iterator()
    for pk, event_id, content_hash in rows:
        if content_hash in true_event:
            found.setdefault(event_id, []).append(pk)
            true.setdefault(true_event[content_hash], []).append(pk)
            joining.setdefault(event_id, set()).add(true_event[content_hash])
    found_pairs, true_pairs = _pairs(found.values()), _pairs(true.values())
    both = len(found_pairs & true_pairs)
    return {
        "pairs_found": len(found_pairs),
        "pairs_true": len(true_pairs),
        "precision": round(both / len(found_pairs), 4) if found_pairs else None,
        "recall": round(both / len(true_pairs), 4) if true_pairs else None,
        "events_joining_several": sum(1 for events in joining.values() if len(events) > 1),
    }


def _pairs(groups) -> set[tuple[int, int]]:
    return {
        (a, b)
        for group in groups
        for i, a in enumerate(sorted(group))
        for b in sorted(group)[i + 1 :]
    }


def rates_by_tenth(done_at) -> list[float]:
    """Captures a second over each tenth of an ingest, from when each capture was done: does
    the rate hold as the archive grows (the last tenth's is the figure to watch)?"""
    total = len(done_at)
    if total < 10:
        return []
    rates, previous = [], 0.0
    for tenth in range(1, 11):
        end = done_at[tenth * total // 10 - 1]
        count = tenth * total // 10 - (tenth - 1) * total // 10
        rates.append(round(count / (end - previous), 1) if end > previous else None)
        previous = end
    return rates


def write_profile(profiler: cProfile.Profile, path: Path) -> None:
    out = io.StringIO()
    for key in ("cumulative", "tottime"):
        out.write(f"==== by {key} ====\n")
        pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(key).print_stats(35)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(out.getvalue(), encoding="utf-8")
    profiler.dump_stats(path.with_suffix(".prof"))  # for pstats / snakeviz: callers, callees


# -- the index's segments ----------------------------------------------------------------------


def index_segments() -> int | None:
    """How many segments the Whoosh index has (None for a backend without segments)."""
    from haystack import connections

    count = getattr(connections["default"].get_backend(), "segment_count", None)
    return count() if count else None


def optimize_index() -> dict:
    """`manage.py optimize_index`, timed."""
    from haystack import connections

    start = time.perf_counter()
    before, after = connections["default"].get_backend().optimize(timeout=600)
    return {
        "seconds": round(time.perf_counter() - start, 1),
        "segments_before": before,
        "segments_after": after,
    }


# -- people ---------------------------------------------------------------------------------------


def link_people_from_manifest(manifest: dict) -> dict:
    """Link the corpus's officials to their articles and events, from the manifest.

    Only when the importer linked no one (it does not detect officials yet): the person filter and
    the person page need people. What the importer does, when it does, is measured instead.
    """
    from archive.ingest.text import fold
    from archive.models import Article, Event, Person, PersonAlias
    from archive.search import sync

    if Article.people.through.objects.exists():
        return {"source": "importer", "seconds": 0.0}
    start = time.perf_counter()
    officials = {o["slug"]: o for o in manifest["officials"]}
    by_hash = dict(Article.objects.values_list("content_hash", "id"))
    article_event = dict(Article.objects.values_list("id", "event_id"))
    with sync.deferred_indexing(), transaction.atomic():
        people = {}
        for slug, official in officials.items():
            people[slug] = Person.objects.create(
                slug=slug, name=official["name"], country=official["country"]
            )
        aliases = [
            PersonAlias(person=people[slug], name=o["ascii"], folded=fold(o["ascii"]))
            for slug, o in officials.items()
            if o["ascii"] != o["name"]
        ]
        PersonAlias.objects.bulk_create(aliases, ignore_conflicts=True)
        article_links, event_links = set(), set()
        for event in manifest["events"]:
            for version in event["versions"]:
                article_id = by_hash.get(version["sha256"])
                if article_id is None:
                    continue
                for slug in event["officials"]:
                    article_links.add((article_id, people[slug].pk))
                    event_links.add((article_event[article_id], people[slug].pk))
        ArticlePeople = Article.people.through
        EventPeople = Event.people.through
        ArticlePeople.objects.bulk_create(
            [ArticlePeople(article_id=a, person_id=p) for a, p in sorted(article_links)]
        )
        EventPeople.objects.bulk_create(
            [EventPeople(event_id=e, person_id=p) for e, p in sorted(event_links)]
        )
        sync.enqueue(sorted({a for a, _ in article_links}))
    written = sync.drain(wait_seconds=60)
    return {
        "source": "bench manifest (the importer linked nobody)",
        "seconds": round(time.perf_counter() - start, 2),
        "people": len(people),
        "article_links": len(article_links),
        "reindexed": written,
    }


# -- what to look at ---------------------------------------------------------------------------


def targets() -> dict:
    """The objects the page and filter measurements use, chosen from what was imported."""
    from archive.models import Article, Event, Outlet, Person

    event = (
        Event.objects.annotate(n=Count("articles")).order_by("-n", "pk").values("slug", "n").first()
    )
    person = (
        Person.objects.annotate(n=Count("events", distinct=True))
        .order_by("-n", "pk")
        .values("slug", "n")
        .first()
    )
    outlet = (
        Outlet.objects.annotate(n=Count("articles"))
        .order_by("-n", "pk")
        .values("slug", "n")
        .first()
    )
    year = (
        Article.objects.filter(published_on__isnull=False)
        .values("published_on__year")
        .annotate(n=Count("id"))
        .order_by("-n", "published_on__year")
        .first()
    )
    article = (
        Article.objects.filter(event__slug=event["slug"]).order_by("pk").first() if event else None
    )
    return {
        "event": event["slug"] if event else None,
        "event_versions": event["n"] if event else 0,
        "person": person["slug"] if person and person["n"] else None,
        "person_events": person["n"] if person else 0,
        "outlet": outlet["slug"] if outlet else None,
        "outlet_articles": outlet["n"] if outlet else 0,
        "year": year["published_on__year"] if year else 2020,
        "article": article.pk if article else None,
    }


def search_cases(t: dict) -> list[tuple[str, dict]]:
    """The fixed query set, one or two per class (parameters as a GET would give them)."""
    person = [t["person"]] if t["person"] else []
    return [
        ("common word", {"q": COMMON_WORD}),
        ("common word, newest first", {"q": COMMON_WORD, "sort": "newest"}),
        ("rare word", {"q": RARE_WORD}),
        ("phrase", {"q": f'"{PHRASE}"'}),
        ("name without diacritics", {"q": "Nguyen Van"}),
        ("Japanese word in a sentence", {"q": "首脳会談"}),
        ("person filter", {"person": person}),
        ("date range (one year)", {"date_from": "2019-01-01", "date_to": "2019-12-31"}),
        ("everything, all facets", {"date_from": "2015-01-01", "date_to": "2024-12-31"}),
        (
            "words + every filter",
            {
                "q": COMMON_WORD,
                "language": ["en"],
                "outlet": [t["outlet"]] if t["outlet"] else [],
                "year": str(t["year"]),
                "date_from": f"{t['year']}-01-01",
                "date_to": f"{t['year']}-12-31",
            },
        ),
    ]


def page_cases(t: dict) -> list[tuple[str, str]]:
    pages = [
        ("home", "/"),
        ("search page", f"/search/?q={COMMON_WORD}"),
        ("search page, filtered", f"/search/?q={COMMON_WORD}&language=en&year={t['year']}"),
        ("search API", f"/api/search/?q={COMMON_WORD}"),
    ]
    if t["event"]:
        pages.append(("event (most versions)", f"/events/{t['event']}/"))
    if t["article"]:
        pages.append(("article", f"/articles/{t['article']}/"))
    if t["person"]:
        pages.append(("person (most events)", f"/people/{t['person']}/"))
    pages.append(("people list", "/people/"))
    pages.append(("outlets list", "/outlets/"))
    if t["outlet"]:
        pages.append(("outlet (most articles)", f"/outlets/{t['outlet']}/"))
    return pages


# -- search and pages ----------------------------------------------------------------------------


def measure_search(cases: list[tuple[str, dict]], repeat: int, budget_s: float = 5.0) -> dict:
    """Server time of `archive.search.service.search` per case, warm (searcher already open).

    Every timed run empties the per-process result cache and the cache of decoded postings
    first: the figures are what a search costs when its words are read from the index, not what
    a repeated one costs (`result_cache_ms` gives that, once, and `postings_cache_ms` what it
    costs when its words were searched before).
    """
    from archive.search.columns import COLUMNS
    from archive.search.postings import POSTINGS
    from archive.search.service import RESULTS, SearchParams, _backend, collect_hits, search

    def uncached(params):
        RESULTS.clear()
        POSTINGS.clear()
        return search(params)

    def search_alone(params):
        """What FTS5's bare figure does (bench/fts5.py `run_case`), by `collect_hits`: exact
        counts of hits and events, the 10 best (events, by their best hit) with those hits'
        titles; and the facets, for every class."""
        POSTINGS.clear()
        searcher = _backend().searcher()
        hits = collect_hits(params, 10, searcher)
        best = hits.collector.top if hits.collector else []
        return [searcher.stored_fields(docnum)["title"] for _, docnum in best]

    results = {}
    for name, raw in cases:
        params = SearchParams.from_querydict(raw)
        # First with the column cache emptied, as after an index change (the index files are in
        # the OS cache): what the first search of a process or after a merge costs.
        COLUMNS.keep_only(set())
        start = time.perf_counter()
        page = uncached(params)
        cold_ms = round((time.perf_counter() - start) * 1000, 2)
        samples = repeat_timed(lambda params=params: uncached(params), repeat, budget_s)
        alone = repeat_timed(lambda params=params: search_alone(params), repeat, budget_s)
        with CaptureQueriesContext(connection) as queries:
            uncached(params)
        RESULTS.clear()
        search(params)  # its words' postings decoded and cached
        RESULTS.clear()
        start = time.perf_counter()
        search(params)  # the same words again, the page computed anew
        postings_ms = round((time.perf_counter() - start) * 1000, 2)
        start = time.perf_counter()
        search(params)  # the same search again: answered by the result cache
        cached_ms = round((time.perf_counter() - start) * 1000, 3)
        results[name] = {
            "params": raw,
            **stats(samples),
            **{f"alone_{key}": value for key, value in stats(alone).items()},
            "cold_cache_ms": cold_ms,
            "result_cache_ms": cached_ms,
            "postings_cache_ms": postings_ms,
            "articles": page.count,
            "events": page.event_count,
            "sql_queries": len(queries),
        }
    return results


def measure_pages(cases: list[tuple[str, str]], repeat: int, budget_s: float = 5.0) -> dict:
    """Server time of each page through Django's test client, and its SQL queries (the search
    result cache and the postings cache emptied before every request, as in `measure_search`)."""
    from archive.search.postings import POSTINGS
    from archive.search.service import RESULTS

    client = Client()
    results = {}
    for name, url in cases:
        status = {}

        def get(url=url, status=status):
            RESULTS.clear()
            POSTINGS.clear()
            response = client.get(url)
            status["code"], status["bytes"] = response.status_code, len(response.content)

        samples = repeat_timed(get, repeat, budget_s)
        with CaptureQueriesContext(connection) as queries:
            get()
        results[name] = {
            "url": url,
            "status": status["code"],
            "kb": round(status["bytes"] / 1024, 1),
            **stats(samples),
            "sql_queries": len(queries),
        }
    return results
