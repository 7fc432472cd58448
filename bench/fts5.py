"""The same searches on SQLite FTS5, as a yardstick for the Whoosh figures (issue #9).

The corpus is what the archive stored: the published articles read back from its database after
ingest (title, body, captions, outlet and people names: the words the Whoosh document holds), put
in an FTS5 table (`porter unicode61 remove_diacritics 2`) beside a plain table of the filter
columns. Each search case then runs as SQL: the exact number of hits and of events, the top 10
(by bm25, or by date), and for the all-facets class the counts by outlet, language and year
(GROUP BY).

The Whoosh side does more per search (facets by person and month for every class, grouping by
event, the page's versions, snippets, database loads), so a ratio overstates Whoosh's cost of the
same work. FTS5's `remove_diacritics` does not fold đ, ø or æ (WHOOSH-NOTES): `Dang` misses
`Đảng` there, so its hit counts can be lower.
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


def sql_for(raw: dict) -> tuple[str, list, str]:
    """(FROM … WHERE …, its parameters, ORDER BY) for one search case's parameters."""
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
    clause = f"FROM {source}" + (f" WHERE {' AND '.join(where)}" if where else "")
    return clause, args, order


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


def measure(cases: list[tuple[str, dict]], repeat: int, budget_s: float, path=":memory:") -> dict:
    """Load the FTS5 copy and time every case; what Whoosh took goes beside it in the report."""
    db, loaded = load(path)
    try:
        classes = {}
        for name, raw in cases:
            facets = name == ALL_FACETS
            found = run_case(db, raw, facets)
            samples = repeat_timed(lambda raw=raw, f=facets: run_case(db, raw, f), repeat, budget_s)
            classes[name] = {
                "match": match_expression(raw.get("q") or ""),
                **stats(samples),
                "articles": found["count"],
                "events": found["events"],
                "facets": facets,
            }
    finally:
        db.close()
    return {"tokenize": TOKENIZE, **loaded, "classes": classes}


def ratios(search: dict, fts5: dict) -> dict[str, float]:
    """Whoosh median / FTS5 median per class present in both."""
    out = {}
    for name, entry in (fts5.get("classes") or {}).items():
        whoosh = search.get(name)
        if whoosh and entry["median_ms"] > 0:
            out[name] = round(whoosh["median_ms"] / entry["median_ms"], 1)
    return out
