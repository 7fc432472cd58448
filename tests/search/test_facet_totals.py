"""Facets of a search that matches most of a segment are counted from the segment's cached totals
minus the documents it misses (`EventCollector._count_facets`); date ranges are two binary searches
in a cached sorted column (`ColumnRange.docnums`). Both must give what the hits hold, also after
more documents are deleted.

Part of the Whoosh upgrade check (archive/search/whoosh_internals/__init__.py): run it against a
new Whoosh release before adding it to TESTED_VERSIONS.
"""

import datetime
import random
from collections import Counter

from whoosh import fields
from whoosh import query as wq
from whoosh.filedb.filestore import RamStorage

from archive.search.backend import PeopleKeyword
from archive.search.collector import EventCollector
from archive.search.columns import SegmentColumns
from archive.search.filters import ColumnRange

FACETS = {"language": "language_exact", "person": "person_exact", "year": "year_exact"}
PEOPLE = ["to-lam", "ishiba-shigeru", "pham-minh-chinh", "kishida-fumio"]


def _index(rng: random.Random):
    """Three segments of documents with facet columns; a tenth of them deleted."""
    schema = fields.Schema(
        id=fields.ID(stored=True, unique=True),
        body=fields.TEXT(),
        language_exact=fields.ID(sortable=True),
        person_exact=PeopleKeyword(),
        year_exact=fields.NUMERIC(int, bits=64, sortable=True),
        event_id=fields.ID(sortable=True),
        published_on=fields.DATETIME(sortable=True),
        facts=fields.STORED(),
    )
    index = RamStorage().create_index(schema)
    n = 0
    for _ in range(3):
        with index.writer() as writer:
            writer.merge = False
            for _ in range(120):
                people = rng.sample(PEOPLE, rng.randint(0, 2))
                day = datetime.datetime(2015, 1, 1) + datetime.timedelta(days=rng.randint(0, 3650))
                facts = {"language": rng.choice(["en", "vi", "ja", "no"]), "people": people}
                facts["year"] = day.year
                dated = rng.random() < 0.9
                writer.add_document(
                    id=str(n),
                    body="common" if rng.random() < 0.8 else "rare",
                    language_exact=facts["language"],
                    person_exact=",".join(people),
                    year_exact=day.year,
                    event_id=str(n // 3),
                    published_on=day if dated else None,
                    facts={**facts, "day": day if dated else None},
                )
                n += 1
    _delete(index, rng, 36)
    return index


def _delete(index, rng: random.Random, how_many: int) -> None:
    with index.searcher() as searcher:
        alive = [fields["id"] for fields in searcher.all_stored_fields()]
    with index.writer() as writer:
        writer.merge = False
        for docid in rng.sample(alive, how_many):
            writer.delete_by_term("id", docid)


def _expected(searcher, q) -> dict[str, Counter]:
    counts = {name: Counter() for name in FACETS}
    for docnum in searcher.docs_for_query(q):
        facts = searcher.stored_fields(docnum)["facts"]
        counts["language"][facts["language"]] += 1
        counts["person"].update(facts["people"])
        counts["year"][facts["year"]] += 1
    return counts


def _counted(searcher, q, columns: SegmentColumns) -> dict[str, Counter]:
    collector = EventCollector(5, FACETS, sort="newest", columns=columns)
    searcher.search_with_collector(q, collector)
    assert collector.total == len(list(searcher.docs_for_query(q)))
    return collector.counts


def test_counts_from_totals_are_the_hits_counts():
    rng = random.Random(7)
    index = _index(rng)
    columns = SegmentColumns()
    most = wq.Term("body", "common")  # four documents in five
    few = wq.Term("body", "rare")
    for round_ in range(2):
        with index.searcher() as searcher:
            assert len(searcher.leaf_searchers()) == 3 and searcher.reader().has_deletions()
            for q in [wq.Every(), most, few, wq.And([most, wq.Term("language_exact", "en")])]:
                assert _counted(searcher, q, columns) == _expected(searcher, q), (round_, q)
        _delete(index, rng, 30)  # the cached totals must follow the new deletions


def test_column_range_finds_the_dates_in_range_after_deletions():
    rng = random.Random(11)
    index = _index(rng)
    columns = SegmentColumns()
    ranges = [
        (datetime.datetime(2017, 3, 1), datetime.datetime(2019, 6, 30)),
        (None, datetime.datetime(2016, 1, 1)),
        (datetime.datetime(2023, 1, 1), None),
        (None, None),
    ]
    for _ in range(2):
        with index.searcher() as searcher:
            days = sorted(
                {fields["facts"]["day"] for fields in searcher.all_stored_fields()} - {None}
            )
            ends = [(days[10], days[-10]), (days[5], days[5])]  # documents' own dates: included
            for low, high in ranges + ends:
                expected = set()
                for docnum in searcher.docs_for_query(wq.Every()):
                    day = searcher.stored_fields(docnum)["facts"]["day"]
                    after = day is not None and (low is None or low <= day)
                    if after and (high is None or day <= high):
                        expected.add(docnum)
                got = set(searcher.docs_for_query(ColumnRange("published_on", low, high, columns)))
                assert got == expected and expected, (low, high)
        _delete(index, rng, 30)
