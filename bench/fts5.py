"""The same searches on SQLite FTS5, as a yardstick for the Whoosh figures (issue #9).

The corpus is what the archive stored: the published articles read back from its database after
ingest (title, body, captions, outlet and people names: the words the Whoosh document holds), put
in an FTS5 table (`porter unicode61 remove_diacritics 2`) beside a plain table of the filter
columns. Each search case is timed twice, as SQL:

- bare (`run_case`): the exact number of hits and of events, the top 10 articles (by bm25, or by
  date) with their titles, and for the all-facets class the counts by outlet, language and year.
  Whoosh's search does much more, so Whoosh/bare overstates Whoosh's cost of the same work.
- same work (`run_page`): what `archive.search.service.search` does for every query: both exact
  counts, the five facets (outlet, language, person, year, month), the top 10 events ordered by
  their best hit, and every matching version of those events with its title, outlet, language,
  date and a snippet with the matches marked. Whoosh/page compares the same work.

FTS5's `remove_diacritics` does not fold đ, ø or æ (docs/WHOOSH-NOTES.md): `Dang` misses `Đảng`, so
its hit counts can be lower.
"""

from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path

from bench.measure import repeat_timed, stats

TOKENIZE = "porter unicode61 remove_diacritics 2"
ALL_FACETS = "everything, all facets"
_WORD = re.compile(r"\w+")


def load(path: Path | str = ":memory:") -> tuple[sqlite3.Connection, dict]:
    """An FTS5 copy of the archive's published articles (from Django's database)."""
    from archive.models import Article

    if path != ":memory:":
        Path(path).unlink(missing_ok=True)
    db = sqlite3.connect(str(path))
    db.executescript(
        f"""
        CREATE VIRTUAL TABLE fts USING fts5(text, tokenize = '{TOKENIZE}');
        CREATE TABLE meta (id INTEGER PRIMARY KEY, title TEXT, outlet TEXT, language TEXT,
                           year INTEGER, published_on TEXT, event_id INTEGER);
        CREATE TABLE person (article_id INTEGER, slug TEXT);
        """
    )
    start = time.perf_counter()
    articles = (
        Article.objects.public()
        .select_related("outlet", "original_outlet")
        .prefetch_related("people__aliases")
        .order_by("pk")
    )
    n = 0
    for article in articles.iterator(chunk_size=2000):
        people = list(article.people.all())
        words = [article.title, article.body, *article.captions, article.outlet.name]
        if article.original_outlet:
            words.append(article.original_outlet.name)
        words.append(article.place)
        for person in people:
            words += [person.name, *(alias.name for alias in person.aliases.all())]
        day = article.published_on
        db.execute("INSERT INTO fts (rowid, text) VALUES (?, ?)", (article.pk, "\n".join(words)))
        db.execute(
            "INSERT INTO meta VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                article.pk,
                article.title,
                article.outlet.slug,
                article.language,
                day.year if day else None,
                day.isoformat() if day else None,
                article.event_id,
            ),
        )
        db.executemany(
            "INSERT INTO person VALUES (?, ?)", [(article.pk, person.slug) for person in people]
        )
        n += 1
    db.executescript(
        """
        CREATE INDEX meta_date ON meta (published_on);
        CREATE INDEX person_slug ON person (slug, article_id);
        INSERT INTO fts (fts) VALUES ('optimize');
        """
    )
    db.commit()
    return db, {"articles": n, "load_s": round(time.perf_counter() - start, 2)}


def match_expression(q: str) -> str:
    """Our query text as an FTS5 MATCH: `"phrases"` kept, every other word quoted (implicit AND)."""
    parts = []
    for i, piece in enumerate(q.split('"')):
        words = _WORD.findall(piece)
        if not words:
            continue
        if i % 2:  # inside quotes
            parts.append('"' + " ".join(words) + '"')
        else:
            parts += [f'"{word}"' for word in words if word not in ("AND", "OR", "NOT")]
    return " ".join(parts)


def _values(raw, name: str) -> list[str]:
    value = raw.get(name) or []
    return [value] if isinstance(value, str) else list(value)


def _parts(raw: dict) -> tuple[str, list[str], list, str]:
    """(FROM source, WHERE conditions, their parameters, ORDER BY) for one search case."""
    where, args = [], []
    q = raw.get("q") or ""
    if q:
        source = "fts JOIN meta ON meta.id = fts.rowid"
        where.append("fts MATCH ?")
        args.append(match_expression(q))
        order = "fts.rank"
    else:
        source = "meta"
        order = "meta.published_on IS NULL, meta.published_on DESC"
    if raw.get("sort") in ("newest", "oldest"):
        direction = "DESC" if raw["sort"] == "newest" else "ASC"
        order = f"meta.published_on IS NULL, meta.published_on {direction}"
    for name, column in (("outlet", "meta.outlet"), ("language", "meta.language")):
        values = _values(raw, name)
        if values:
            where.append(f"{column} IN ({', '.join('?' * len(values))})")
            args += values
    people = _values(raw, "person")
    if people:
        marks = ", ".join("?" * len(people))
        where.append(
            f"EXISTS (SELECT 1 FROM person WHERE person.article_id = meta.id AND slug IN ({marks}))"
        )
        args += people
    if raw.get("year"):
        where.append("meta.year = ?")
        args.append(int(raw["year"]))
    if raw.get("date_from"):
        where.append("meta.published_on >= ?")
        args.append(raw["date_from"])
    if raw.get("date_to"):
        where.append("meta.published_on <= ?")
        args.append(raw["date_to"])
    return source, where, args, order


def _clause(source: str, where: list[str]) -> str:
    return f"FROM {source}" + (f" WHERE {' AND '.join(where)}" if where else "")


def sql_for(raw: dict) -> tuple[str, list, str]:
    """(FROM … WHERE …, its parameters, ORDER BY) for one search case's parameters."""
    source, where, args, order = _parts(raw)
    return _clause(source, where), args, order


def run_case(db: sqlite3.Connection, raw: dict, facets: bool) -> dict:
    """One search: exact counts, the top 10 with titles, and (with `facets`) counts by value."""
    clause, args, order = sql_for(raw)
    count, events = db.execute(
        f"SELECT COUNT(*), COUNT(DISTINCT meta.event_id) {clause}", args
    ).fetchone()
    top = db.execute(f"SELECT meta.id, meta.title {clause} ORDER BY {order} LIMIT 10", args)
    result = {"count": count, "events": events, "top": top.fetchall()}
    if facets:
        for column in ("outlet", "language", "year"):
            rows = db.execute(
                f"SELECT meta.{column}, COUNT(*) {clause} GROUP BY meta.{column} "
                "ORDER BY COUNT(*) DESC",
                args,
            )
            result[column] = rows.fetchall()
    return result


# The page's facets as SQL expressions over `meta`, and how the page orders each one's values.
PAGE_FACETS = {
    "outlet": ("meta.outlet", "COUNT(*) DESC, value"),
    "language": ("meta.language", "COUNT(*) DESC, value"),
    "year": ("meta.year", "value DESC"),
    "month": ("CAST(substr(meta.published_on, 6, 2) AS INTEGER)", "value"),
}
SNIPPET_CHARS = 240  # without words to mark, the page shows the text's start (highlight.py)


def run_page(db: sqlite3.Connection, raw: dict, per_page: int = 10) -> dict:
    """One search doing the work of the search page (`archive.search.service.search`).

    Exact counts of articles and events; the five facets (person through the `person` table,
    month from `published_on`); the first `per_page` events ordered by their best hit (bm25, or
    date as `sql_for` orders); then every matching version of those events with its title,
    outlet, language, date and a snippet (`snippet()`, matches in `<mark>`). Each part is its own
    statement. The snippet is cut from the FTS5 text column, i.e. title, body, captions and names
    joined (the page cuts it from the body alone). Not done: the page's spelling suggestion and its
    look-ups of outlet and person names.
    """
    source, where, args, order = _parts(raw)
    clause = _clause(source, where)
    count, events = db.execute(
        f"SELECT COUNT(*), COUNT(DISTINCT meta.event_id) {clause}", args
    ).fetchone()
    facets = {}
    for name, (value, facet_order) in PAGE_FACETS.items():
        rows = db.execute(
            f"SELECT {value} AS value, COUNT(*) {clause} "
            f"GROUP BY value HAVING value IS NOT NULL ORDER BY {facet_order}",
            args,
        )
        facets[name] = rows.fetchall()
    facets["person"] = db.execute(
        f"SELECT slug, COUNT(*) FROM person WHERE article_id IN (SELECT meta.id {clause}) "
        "GROUP BY slug ORDER BY COUNT(*) DESC, slug",
        args,
    ).fetchall()
    facets = {name: facets[name] for name in ("outlet", "language", "person", "year", "month")}

    # The events of the page, each placed by its best hit.
    if order == "fts.rank":
        best, best_order = "MIN(fts.rank)", "best"
    else:
        newest = order.endswith("DESC")
        best = f"{'MAX' if newest else 'MIN'}(meta.published_on)"
        best_order = f"best IS NULL, best {'DESC' if newest else 'ASC'}"
    with_event = _clause(source, [*where, "meta.event_id IS NOT NULL"])
    event_ids = [
        event_id
        for event_id, _ in db.execute(
            f"SELECT meta.event_id, {best} AS best {with_event} "
            f"GROUP BY meta.event_id ORDER BY {best_order}, meta.event_id LIMIT ?",
            [*args, per_page],
        )
    ]

    # Their matching versions, with what the page shows of each.
    grouped: dict[int, list[dict]] = {event_id: [] for event_id in event_ids}
    if event_ids:
        if source.startswith("fts"):
            text = "snippet(fts, 0, '<mark>', '</mark>', '…', 40)"
        else:  # no words: the start of the text, read from FTS5's own copy
            source += " JOIN fts ON fts.rowid = meta.id"
            text = f"substr(fts.text, 1, {SNIPPET_CHARS})"
        in_page = f"meta.event_id IN ({', '.join('?' * len(event_ids))})"
        rows = db.execute(
            f"SELECT meta.id, meta.event_id, meta.title, meta.outlet, meta.language, "
            f"meta.published_on, {text} {_clause(source, [*where, in_page])} ORDER BY {order}",
            [*args, *event_ids],
        )
        for article_id, event_id, title, outlet, language, published_on, snippet in rows:
            grouped[event_id].append(
                {
                    "id": article_id,
                    "title": title,
                    "outlet": outlet,
                    "language": language,
                    "published_on": published_on,
                    "snippet": snippet,
                }
            )
    return {
        "count": count,
        "events": events,
        "facets": facets,
        "results": [{"event": event_id, "versions": grouped[event_id]} for event_id in event_ids],
    }


def measure(cases: list[tuple[str, dict]], repeat: int, budget_s: float, path=":memory:") -> dict:
    """Load the FTS5 copy and time every case, bare and as the page; Whoosh's times go beside."""
    db, loaded = load(path)
    try:
        classes = {}
        for name, raw in cases:
            facets = name == ALL_FACETS
            found = run_case(db, raw, facets)
            samples = repeat_timed(lambda raw=raw, f=facets: run_case(db, raw, f), repeat, budget_s)
            page = run_page(db, raw)
            page_samples = repeat_timed(lambda raw=raw: run_page(db, raw), repeat, budget_s)
            classes[name] = {
                "match": match_expression(raw.get("q") or ""),
                **stats(samples),
                **{f"page_{key}": value for key, value in stats(page_samples).items()},
                "page_events": len(page["results"]),
                "page_versions": sum(len(event["versions"]) for event in page["results"]),
                "articles": found["count"],
                "events": found["events"],
                "facets": facets,
            }
    finally:
        db.close()
    return {"tokenize": TOKENIZE, **loaded, "classes": classes}


def ratios(
    search: dict, fts5: dict, key: str = "median_ms", whoosh_key: str = "median_ms"
) -> dict[str, float]:
    """Whoosh median / FTS5 median per class present in both; `key="page_median_ms"` compares
    with the same-work figure (`run_page`) instead of the bare one, and
    `whoosh_key="alone_median_ms"` the search alone (`measure_search`) instead of the page's."""
    out = {}
    for name, entry in (fts5.get("classes") or {}).items():
        whoosh = search.get(name)
        if whoosh and whoosh_key in whoosh and entry.get(key, 0) > 0:
            out[name] = round(whoosh[whoosh_key] / entry[key], 1)
    return out
