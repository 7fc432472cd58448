"""The stored articles event matching compares a new one with, read in one SQL statement.

`archive.events.candidate_articles` runs for every capture an import stores. Written with the ORM,
its four queries spent most of their time being built and compiled, not run, and were a large
share of the importer's time (docs/measurements.md). Here they are written once, in SQL that
SQLite and PostgreSQL both run. tests/test_event_candidates.py checks them
against the same conditions written with the ORM, on both databases (CI runs the suite on each).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cache

from django.db import connection

from archive.models import Article, Person


@dataclass(frozen=True, slots=True)
class CandidateRow:
    pk: int
    event_id: int
    published_on: datetime.date | None
    year_inferred: bool
    language: str
    content_hash: str
    people: tuple[str, ...]  # slugs of the officials it names


@dataclass(frozen=True)
class _Names:
    article: str
    links: str
    person: str
    link_article: str
    link_person: str


@cache
def _names() -> _Names:
    quote = connection.ops.quote_name
    links = Article.people.through._meta
    return _Names(
        article=quote(Article._meta.db_table),
        links=quote(links.db_table),
        person=quote(Person._meta.db_table),
        link_article=quote(links.get_field("article").column),
        link_person=quote(links.get_field("person").column),
    )


def _marks(values) -> str:
    return ", ".join(["%s"] * len(values))


def _names_one_of(alias: str, slugs: list[str]) -> str:
    """SQL: article `alias` names one of the officials `slugs` (one %s each)."""
    n = _names()
    return (
        f"EXISTS (SELECT 1 FROM {n.links} l JOIN {n.person} p ON p.id = l.{n.link_person}"
        f" WHERE l.{n.link_article} = {alias}.id AND p.slug IN ({_marks(slugs)}))"
    )


def sharing_people(slugs: list[str], exclude: int | None, *, limit: int) -> list[int]:
    """Ids of the newest `limit` articles naming one of the officials `slugs`, other than article
    `exclude` (an undated article's candidates)."""
    if not slugs:
        return []
    n = _names()
    sql = (
        f"SELECT DISTINCT a.id FROM {n.article} a"
        f" JOIN {n.links} l ON l.{n.link_article} = a.id"
        f" JOIN {n.person} p ON p.id = l.{n.link_person}"
        f" WHERE p.slug IN ({_marks(slugs)}) AND a.id <> %s"
        f" ORDER BY a.id DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*slugs, exclude or 0, limit])
        return [row[0] for row in cursor.fetchall()]


def candidate_rows(
    exclude: int | None,
    *,
    dated_between: tuple[datetime.date, datetime.date] | None = None,
    month_days: list[int] = (),
    year_inferred_only: bool = False,
    sharing: list[str] = (),
    undated_limit: int = 0,
    ids: list[int] = (),
) -> list[CandidateRow]:
    """Articles other than `exclude`, each with the slugs of its officials:

    - dated between the two dates;
    - with one of `month_days` (only those whose year was inferred, with `year_inferred_only`),
      naming one of the officials `sharing`;
    - the newest `undated_limit` undated articles naming one of them;
    - or one of `ids`.

    The undated ones are looked for among undated articles, not among the officials' articles:
    a leader is named in a good part of the archive, undated articles are few.
    """
    n = _names()
    # One SELECT per condition, joined by UNION ALL rather than OR: SQLite answers an OR of
    # conditions on different indexes with their row ids, then reads each row from the table.
    # An article's row holds its capture and body before `event_id`, so that read walks the
    # row's overflow pages. Each branch alone is answered from an index that holds every column
    # selected (Article.Meta.indexes). An article in two branches comes twice: merged below.
    branches: list[tuple[str, list]] = []  # (condition, its parameters)
    if dated_between:
        branches.append(("a.published_on BETWEEN %s AND %s", list(dated_between)))
    if month_days and sharing:
        inferred = " AND a.year_inferred = %s" if year_inferred_only else ""
        branches.append(
            (
                f"a.month_day IN ({_marks(month_days)}){inferred}"
                f" AND {_names_one_of('a', sharing)}",
                [*month_days, *([True] if year_inferred_only else []), *sharing],
            )
        )
    if undated_limit and sharing:
        branches.append(
            (
                f"a.id IN (SELECT u.id FROM {n.article} u WHERE u.published_on IS NULL"
                f" AND u.id <> %s AND {_names_one_of('u', sharing)} ORDER BY u.id DESC LIMIT %s)",
                [exclude or 0, *sharing, undated_limit],
            )
        )
    if ids:
        branches.append((f"a.id IN ({_marks(ids)})", list(ids)))
    if not branches:
        return []
    select = (
        "SELECT a.id, a.event_id, a.published_on, a.year_inferred, a.language, a.content_hash,"
        f" p.slug FROM {n.article} a"
        f" LEFT JOIN {n.links} l ON l.{n.link_article} = a.id"
        f" LEFT JOIN {n.person} p ON p.id = l.{n.link_person}"
        " WHERE a.id <> %s AND "
    )
    sql = " UNION ALL ".join(select + condition for condition, _ in branches)
    params = [value for _, values in branches for value in [exclude or 0, *values]]
    found: dict[int, tuple] = {}
    people: dict[int, set[str]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for *row, slug in cursor.fetchall():
            found.setdefault(row[0], row)
            if slug is not None:
                people.setdefault(row[0], set()).add(slug)
    return [
        CandidateRow(
            pk=pk,
            event_id=event_id,
            published_on=_as_date(published_on),
            year_inferred=bool(year_inferred),
            language=language,
            content_hash=content_hash,
            people=tuple(sorted(people.get(pk, ()))),
        )
        for pk, event_id, published_on, year_inferred, language, content_hash in found.values()
    ]


def _as_date(value) -> datetime.date | None:
    """A date column as a date (Django's SQLite connection converts declared dates already;
    this keeps other drivers' strings from slipping through)."""
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value)[:10])
