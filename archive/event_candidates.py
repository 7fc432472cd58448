"""The stored articles event matching compares a new one with, and their evidence.

`candidate_articles` runs for every capture an import stores. Its rows are read in one SQL
statement (`candidate_rows`): written with the ORM, its four queries spent most of their time
being built and compiled, not run, and were a large share of the importer's time
(docs/measurements.md). Here they are written once, in SQL that SQLite and PostgreSQL both run.
tests/test_event_candidates.py checks them against the same conditions written with the ORM, on
both databases (CI runs the suite on each). Their text evidence comes from the stored
fingerprints, decoded once and cached.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from django.db import connection

from archive.ingest import grouping
from archive.models import Article, Person, month_day


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


def _people_ids(slugs: list[str]) -> str:
    """SQL: the ids of the officials `slugs` (one %s each). Not correlated with the article a
    condition is on, so the database finds them once per statement, and the links are then
    read by (article, person) alone, without the officials' rows."""
    return f"SELECT p.id FROM {_names().person} p WHERE p.slug IN ({_marks(slugs)})"


def _names_one_of(alias: str, slugs: list[str]) -> str:
    """SQL: article `alias` names one of the officials `slugs` (one %s each)."""
    n = _names()
    return (
        f"EXISTS (SELECT 1 FROM {n.links} l WHERE l.{n.link_article} = {alias}.id"
        f" AND l.{n.link_person} IN ({_people_ids(slugs)}))"
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
    told_between: tuple[datetime.date, datetime.date] | None = None,
    month_days: list[int] = (),
    year_inferred_only: bool = False,
    sharing: list[str] = (),
    undated_limit: int = 0,
    ids: list[int] = (),
) -> list[CandidateRow]:
    """Articles other than `exclude`, each with the slugs of its officials:

    - dated between the two dates;
    - whose text dates their meeting between `told_between`'s two dates;
    - with one of `month_days` (only those whose year was inferred, with `year_inferred_only`),
      naming one of the officials `sharing`;
    - the newest `undated_limit` undated articles naming one of them;
    - or one of `ids`.

    The undated ones are looked for among undated articles, not among the officials' articles:
    a leader is named in a good part of the archive, undated articles are few.
    """
    branches = _branches(
        exclude,
        dated_between,
        told_between,
        month_days,
        year_inferred_only,
        sharing,
        undated_limit,
        ids,
    )
    if not branches:
        return []
    n = _names()
    select = (
        "SELECT a.id, a.event_id, a.published_on, a.year_inferred, a.language, a.content_hash,"
        f" p.slug FROM {n.article} a"
        f" LEFT JOIN {n.links} l ON l.{n.link_article} = a.id"
        f" LEFT JOIN {n.person} p ON p.id = l.{n.link_person}"
        " WHERE a.id <> %s AND "
    )
    found: dict[int, tuple] = {}
    people: dict[int, set[str]] = {}
    for *row, slug in _union(select, [], exclude, branches):
        found.setdefault(row[0], row)
        if slug is not None:
            people.setdefault(row[0], set()).add(slug)
    return [_row(values, tuple(sorted(people.get(values[0], ())))) for values in found.values()]


@dataclass(frozen=True, slots=True)
class CountedRow:
    """A candidate's row with, instead of its officials, how many it names and how many of
    them are among the given ones (`counted_rows`)."""

    row: CandidateRow  # its `people` left empty
    officials: int
    named: int


def counted_rows(
    exclude: int | None,
    principals: list[str],
    *,
    dated_between: tuple[datetime.date, datetime.date] | None = None,
    told_between: tuple[datetime.date, datetime.date] | None = None,
    month_days: list[int] = (),
    year_inferred_only: bool = False,
    sharing: list[str] = (),
    undated_limit: int = 0,
) -> list[CountedRow]:
    """`candidate_rows`' articles, each with how many officials it names and how many of them
    are `principals`, counted by the database: an import's new article is compared with every
    article of the days around it, and most of them are ruled out on these counts and their
    text alone (`grouping.could_match_named`), without their officials being read."""
    branches = _branches(
        exclude,
        dated_between,
        told_between,
        month_days,
        year_inferred_only,
        sharing,
        undated_limit,
        (),
    )
    if not branches:
        return []
    n = _names()
    named = (
        f"(SELECT COUNT(*) FROM {n.links} l WHERE l.{n.link_article} = a.id"
        f" AND l.{n.link_person} IN ({_people_ids(principals)}))"
        if principals
        else "0"
    )
    select = (
        "SELECT a.id, a.event_id, a.published_on, a.year_inferred, a.language, a.content_hash,"
        f" (SELECT COUNT(*) FROM {n.links} l WHERE l.{n.link_article} = a.id), {named}"
        f" FROM {n.article} a WHERE a.id <> %s AND "
    )
    found: dict[int, CountedRow] = {}
    for *values, officials, count in _union(select, list(principals), exclude, branches):
        found.setdefault(values[0], CountedRow(_row(values, ()), officials, count))
    return list(found.values())


def people_of(ids: list[int]) -> dict[int, tuple[str, ...]]:
    """The slugs of the officials each of these articles names."""
    if not ids:
        return {}
    n = _names()
    sql = (
        f"SELECT l.{n.link_article}, p.slug FROM {n.links} l"
        f" JOIN {n.person} p ON p.id = l.{n.link_person}"
        f" WHERE l.{n.link_article} IN ({_marks(ids)})"
    )
    people: dict[int, list[str]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, ids)
        for pk, slug in cursor.fetchall():
            people.setdefault(pk, []).append(slug)
    return {pk: tuple(sorted(slugs)) for pk, slugs in people.items()}


def _branches(
    exclude,
    dated_between,
    told_between,
    month_days,
    year_inferred_only,
    sharing,
    undated_limit,
    ids,
) -> list[tuple[str, list]]:
    """`candidate_rows`' conditions, each with its parameters."""
    n = _names()
    # One SELECT per condition, joined by UNION ALL rather than OR: SQLite answers an OR of
    # conditions on different indexes with their row ids, then reads each row from the table.
    # An article's row holds its capture and body before `event_id`, so that read walks the
    # row's overflow pages. Each branch alone is answered from an index that holds every column
    # selected (Article.Meta.indexes). An article in two branches comes twice: merged after.
    branches: list[tuple[str, list]] = []
    if dated_between:
        branches.append(("a.published_on BETWEEN %s AND %s", list(dated_between)))
    if told_between:
        # Those dated in the window came above; the others are write-ups published long after.
        outside = "a.published_on NOT BETWEEN %s AND %s" if dated_between else "1 = 1"
        branches.append(
            (
                f"a.occurred_on BETWEEN %s AND %s AND {outside}",
                [*told_between, *(dated_between or ())],
            )
        )
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
    return branches


def _union(select: str, select_params: list, exclude, branches) -> list[tuple]:
    """The rows of `select` (whose parameters come first, then the excluded id) under each of
    `branches`, joined by UNION ALL."""
    sql = " UNION ALL ".join(select + condition for condition, _ in branches)
    params = [v for _, values in branches for v in [*select_params, exclude or 0, *values]]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _row(values, people: tuple[str, ...]) -> CandidateRow:
    pk, event_id, published_on, year_inferred, language, content_hash = values
    return CandidateRow(
        pk=pk,
        event_id=event_id,
        published_on=_as_date(published_on),
        year_inferred=bool(year_inferred),
        language=language,
        content_hash=content_hash,
        people=people,
    )


def _as_date(value) -> datetime.date | None:
    """A date column as a date (Django's SQLite connection converts declared dates already;
    this keeps other drivers' strings from slipping through)."""
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value)[:10])


def evidence_for(article: Article, people: Iterable[str] | None = None) -> grouping.Evidence:
    if people is None:
        people = [person.slug for person in article.people.all()]
    if article.fingerprint:
        try:
            return grouping.evidence_from_fingerprint(
                article.fingerprint,
                published_on=article.published_on,
                year_inferred=article.year_inferred,
                language=article.language,
                people=people,
            )
        except ValueError:  # stored by an older version of the matching code: read the text
            pass
    return grouping.evidence_of(
        title=article.title,
        body=article.body,
        published_on=article.published_on,
        year_inferred=article.year_inferred,
        language=article.language,
        people=people,
        place=article.place,
        occurred_on=article.occurred_on,
        captured_on=article.captured_at.date() if article.captured_at else None,
    )


# How many undated articles sharing an official a new article is compared with, newest first.
UNDATED_CANDIDATES = 200


@dataclass(frozen=True, slots=True)
class Candidate:
    """A stored article a new one may be matched with: only what matching reads."""

    pk: int
    event_id: int
    evidence: grouping.Evidence


def candidate_articles(
    article: Article,
    window_days: int,
    people: Iterable[str],
    *,
    like: grouping.Evidence | None = None,
    thresholds: grouping.Thresholds | None = None,
) -> list[Candidate]:
    """Articles that could tell the same event, found by date, never by scanning everything.

    A dated article: those dated within the window, or whose text dates their meeting within
    it (a write-up published weeks later); for an article that is such a write-up itself,
    those dated within the window of the day its text gives; those of the same days of another
    year naming one of its officials, when its year or theirs is only inferred (matching
    compares such dates by month and day, and across years asks for a shared official:
    grouping.years_apart); and undated articles naming one of its officials. An undated
    article: any article naming one of its officials. Both directions use the same conditions,
    so matching stays symmetric.

    Read as plain rows (their stored fingerprints and their officials' slugs), not as Article
    objects, in one statement (archive.event_candidates): a large archive has hundreds of
    articles within a few days of each new one, and an import asks for every capture.

    With `like` (the new article's evidence), the candidates that cannot match it are left out
    before their evidence is built (`grouping.could_match`), and before their officials are
    read, for a dated article (`_likely_candidates`).
    """
    people = list(people)
    thresholds = thresholds or grouping.Thresholds(window_days=window_days)
    if article.published_on is None:
        undated = sharing_people(people, article.pk, limit=UNDATED_CANDIDATES)
        rows = candidate_rows(article.pk, ids=undated)
    else:
        start = article.published_on - datetime.timedelta(days=window_days)
        end = article.published_on + datetime.timedelta(days=window_days)
        days = [start + datetime.timedelta(days=n) for n in range((end - start).days + 1)]
        told = article.occurred_on or article.published_on
        told_between = (
            told - datetime.timedelta(days=window_days),
            told + datetime.timedelta(days=window_days),
        )
        conditions = {
            "dated_between": (start, end),
            "told_between": told_between,
            "month_days": [month_day(day) for day in days],
            "year_inferred_only": not article.year_inferred,
            "sharing": people,
            "undated_limit": UNDATED_CANDIDATES,
        }
        if like is not None:
            return _likely_candidates(article, like, thresholds, conditions)
        rows = candidate_rows(article.pk, **conditions)
    texts = _text_evidence([(row.pk, row.content_hash) for row in rows])
    candidates = []
    for row in rows:
        text = texts.get((row.pk, row.content_hash))
        if (
            like is not None
            and text is not None
            and not grouping.could_match(
                like, text.shingles, row.published_on, thresholds, frozenset(row.people)
            )
        ):
            continue
        candidates.append(_candidate(row, text))
    return candidates


def _likely_candidates(
    article: Article, like: grouping.Evidence, thresholds: grouping.Thresholds, conditions: dict
) -> list[Candidate]:
    """`candidate_articles` of a dated article whose evidence is known: the rows come with
    counts of their officials (`counted_rows`), those that cannot match are left out on their
    date, counts and text, and only the others' officials are read. Most of an article's
    neighbours in a large archive are other events: their officials are never sent."""
    principals = sorted(grouping.principals_of(like))
    counted = counted_rows(article.pk, principals, **conditions)
    texts = _text_evidence([(c.row.pk, c.row.content_hash) for c in counted])
    kept = []
    for c in counted:
        text = texts.get((c.row.pk, c.row.content_hash))
        if text is None or grouping.could_match_named(
            like, text.shingles, c.row.published_on, thresholds, (c.officials, c.named)
        ):
            kept.append((c.row, text))
    people = people_of([row.pk for row, _ in kept])
    return [
        _candidate(dataclasses.replace(row, people=people.get(row.pk, ())), text)
        for row, text in kept
    ]


def _candidate(row: CandidateRow, text: grouping.Evidence | None) -> Candidate:
    if text is None:  # no fingerprint of this version of the matching code: read the text
        evidence = evidence_for(Article.objects.get(pk=row.pk), row.people)
    else:
        evidence = dataclasses.replace(
            text,
            published_on=row.published_on,
            year_inferred=row.year_inferred,
            language=row.language,
            people=frozenset(row.people),
        )
    return Candidate(row.pk, row.event_id, evidence)


# The text-derived evidence of recently compared articles, by (id, content_hash): a stored
# fingerprint is decoded once, not once per new article near its date (hundreds of candidates
# per article in a large archive, ~4 KB of JSON each). A fingerprint only changes with the
# capture, hence the hash in the key. An entry is ~20 KB: at most ~200 MB for 10,000.
TEXT_EVIDENCE_CACHE = 10_000
_text_cache: OrderedDict[tuple[int, str], grouping.Evidence] = OrderedDict()


def _text_evidence(keys: list[tuple[int, str]]) -> dict[tuple[int, str], grouping.Evidence]:
    """Evidence (dates and people left empty) from the stored fingerprints of these articles;
    an article whose fingerprint is of an older version is left out."""
    found = {}
    for key in keys:
        if key in _text_cache:
            _text_cache.move_to_end(key)
            found[key] = _text_cache[key]
    missing = [pk for pk, content_hash in keys if (pk, content_hash) not in found]
    if missing:
        stored = Article.objects.filter(pk__in=missing).order_by()
        for pk, content_hash, data in stored.values_list("pk", "content_hash", "fingerprint"):
            try:
                text = grouping.evidence_from_fingerprint(
                    data or {}, published_on=None, year_inferred=False, language=""
                )
            except ValueError:
                continue
            found[(pk, content_hash)] = _text_cache[(pk, content_hash)] = text
        while len(_text_cache) > TEXT_EVIDENCE_CACHE:
            _text_cache.popitem(last=False)
    return found


def remember_text(pk: int, content_hash: str, evidence: grouping.Evidence) -> None:
    """Cache the text evidence of an article just stored: the next captures of its days
    compare with it, and need not read its fingerprint back."""
    _text_cache[(pk, content_hash)] = dataclasses.replace(
        evidence, published_on=None, year_inferred=False, language="", people=frozenset()
    )
    while len(_text_cache) > TEXT_EVIDENCE_CACHE:
        _text_cache.popitem(last=False)


def forget_text(pk: int, content_hash: str) -> None:
    """Drop the cached text evidence of an article whose fingerprint was rewritten in place
    (its meeting's day re-dated: `events`). By its key: a scan of the cache for the article's
    id cost more than the rest of an import's event refreshes (docs/measurements.md)."""
    _text_cache.pop((pk, content_hash), None)
