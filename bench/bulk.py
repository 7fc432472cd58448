"""A large corpus for timing searches and pages, made without the importer (NOT an ingest figure).

``python -m bench --sizes 100000 --bulk-from DIR/n10000`` copies the database of a smaller run
that went through the whole ingest, replicates its events and articles (with their officials)
until there are `n` articles, then builds the search index once from the database. Each copy of an
article keeps its text, outlet, language and date (so every query class has `factor` times the
hits), with its own id, event, URL and content hash. Ingest at that size is not measured: the
report says the corpus was bulk-loaded.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from django.db import connection, transaction

BATCH = 5000  # documents per index commit


def copy_database(source: Path, data_dir: Path) -> None:
    """The source run's database into `data_dir` (before Django opens it)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        target = data_dir / f"archive.sqlite3{suffix}"
        target.unlink(missing_ok=True)
        if (source / f"archive.sqlite3{suffix}").exists():
            shutil.copyfile(source / f"archive.sqlite3{suffix}", target)
    shutil.rmtree(data_dir / "whoosh", ignore_errors=True)


def replicate(factor: int) -> dict:
    """Copy every event and article (with their officials) `factor - 1` more times."""
    from archive.models import Article, Event

    def top(table: str) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')
            return cursor.fetchone()[0]

    article_people = Article.people.through._meta.db_table
    event_people = Event.people.through._meta.db_table
    start = time.perf_counter()
    base_articles = Article.objects.count()
    with transaction.atomic():
        tops = {
            "event": top(Event._meta.db_table),
            "article": top(Article._meta.db_table),
            "article_people": top(article_people),
            "event_people": top(event_people),
        }
        for copy in range(1, factor):
            # Every copy reads only the original rows (ids up to the originals' maximum).
            shift = {name: copy * value for name, value in tops.items()}
            originals = {name: f"WHERE id <= {value}" for name, value in tops.items()}
            _copy_rows_where(
                Event,
                {"id": f"id + {shift['event']}", "slug": "slug || '-x{c}'"},
                copy,
                originals["event"],
            )
            _copy_rows_where(
                Article,
                {
                    "id": f"id + {shift['article']}",
                    "event_id": f"event_id + {shift['event']}",
                    "url": "url || '#copy-{c}'",
                    "content_hash": f"substr(content_hash, 1, 56) || '{copy:08d}'",
                },
                copy,
                originals["article"],
            )
            _copy_rows_where(
                article_people,
                {
                    "id": f"id + {shift['article_people']}",
                    "article_id": f"article_id + {shift['article']}",
                },
                copy,
                originals["article_people"],
            )
            _copy_rows_where(
                event_people,
                {
                    "id": f"id + {shift['event_people']}",
                    "event_id": f"event_id + {shift['event']}",
                },
                copy,
                originals["event_people"],
            )
    return {
        "factor": factor,
        "articles_before": base_articles,
        "articles": Article.objects.count(),
        "events": Event.objects.count(),
        "insert_s": round(time.perf_counter() - start, 2),
    }


def _copy_rows_where(model_or_table, overrides: dict[str, str], copy: int, where: str) -> None:
    if isinstance(model_or_table, str):
        table = model_or_table
        with connection.cursor() as cursor:
            description = connection.introspection.get_table_description(cursor, table)
        columns = [c.name for c in description]
    else:
        table = model_or_table._meta.db_table
        columns = [field.column for field in model_or_table._meta.concrete_fields]
    select = ", ".join(overrides.get(column, column).format(c=copy) for column in columns)
    names = ", ".join(f'"{column}"' for column in columns)
    with connection.cursor() as cursor:
        cursor.execute(f'INSERT INTO "{table}" ({names}) SELECT {select} FROM "{table}" {where}')


def build_index() -> dict:
    """The whole search index from the database: cleared, then written in batches."""
    from haystack import connections

    from archive.search.indexes import ArticleIndex

    backend = connections["default"].get_backend()
    index = connections["default"].get_unified_index().get_index(ArticleIndex().get_model())
    start = time.perf_counter()
    backend.clear()
    queryset = index.index_queryset().order_by("pk")
    written = 0
    batch = []
    for article in queryset.iterator(chunk_size=BATCH):
        batch.append(article)
        if len(batch) >= BATCH:
            written += backend.write_batch(index, batch, timeout=60)
            batch = []
    if batch:
        written += backend.write_batch(index, batch, timeout=60)
    with transaction.atomic():
        from archive.models import IndexQueue

        IndexQueue.objects.all().delete()  # everything queued is now in the index
    seconds = time.perf_counter() - start
    return {
        "documents": written,
        "index_s": round(seconds, 1),
        "docs_per_s": round(written / seconds, 1) if seconds else None,
    }
