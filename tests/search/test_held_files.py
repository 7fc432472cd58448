"""A searcher keeps reading its segments after another process merged them away
(archive/search/whoosh_internals/files.py): this was an HTTP 500 while an ingest ran.

Part of the Whoosh upgrade check (archive/search/whoosh_internals/__init__.py).
"""

import pytest
from haystack import connections
from whoosh import fields
from whoosh import query as wq
from whoosh.filedb.filestore import FileStorage
from whoosh.index import open_dir

from archive.models import Article
from archive.search import backend as backend_module
from archive.search.whoosh_internals.files import hold_segment_files
from tests.factories import ArticleFactory


def _index(folder):
    """Three non-compound segments of five documents each, as the archive writes them."""
    schema = fields.Schema(
        id=fields.ID(stored=True, unique=True),
        day=fields.NUMERIC(stored=True, sortable=True),
        body=fields.TEXT(),
    )
    index = FileStorage(str(folder)).create_index(schema)
    for segment in range(3):
        with index.writer() as writer:
            writer.merge, writer.compound = False, False
            for n in range(5):
                writer.add_document(id=f"{segment}-{n}", day=segment * 10 + n, body="talks hanoi")
    return index


def _merge_everything(folder) -> None:
    """What another process's writer does when it merges: new segment, old files deleted."""
    with open_dir(str(folder)).writer() as writer:
        writer.compound, writer.optimize = False, True


def _answers(searcher):
    hits = searcher.search(wq.Term("body", "hanoi"), sortedby="day", reverse=True, limit=None)
    return [(hit["id"], hit["day"]) for hit in hits]


def test_a_held_searcher_reads_segments_merged_away_since(tmp_path):
    index = _index(tmp_path)
    with index.searcher() as another:
        expected = _answers(another)
    searcher = index.searcher()
    hold_segment_files(searcher)  # nothing read yet: Whoosh would open the columns only now
    old_files = {name for name in index.storage.list() if name.endswith(".col")}
    _merge_everything(tmp_path)
    assert old_files.isdisjoint(index.storage.list())  # the merge deleted them
    assert _answers(searcher) == expected
    assert len(expected) == 15 and expected[0] == ("2-4", 24)


def test_without_holding_a_merge_breaks_an_open_searcher(tmp_path):
    # Why files.py exists: if this stops failing, Whoosh opens column files eagerly now.
    index = _index(tmp_path)
    searcher = index.searcher()
    _merge_everything(tmp_path)
    with pytest.raises(TypeError):
        _answers(searcher)


def test_the_backends_searcher_survives_a_merge_by_another_process(index):
    backend = connections["default"].get_backend()
    for batch in range(3):
        ArticleFactory.create_batch(2, body=f"Talks in Hanoi, batch {batch}.")
        index()
    backend._drop_searcher()
    searcher = backend.searcher()
    _merge_everything(backend.path)
    ids = sorted(int(fields["django_id"]) for fields in searcher.all_stored_fields())
    assert ids == sorted(Article.objects.values_list("pk", flat=True)) and len(ids) == 6


def test_a_commit_while_the_searcher_opens_means_opening_it_again(index, monkeypatch):
    backend = connections["default"].get_backend()
    for batch in range(2):
        ArticleFactory(body=f"Talks in Hanoi, batch {batch}.")
        index()
    calls = []

    def merge_first(searcher):
        calls.append(searcher)
        if len(calls) == 1:
            _merge_everything(backend.path)  # between opening and holding
        hold_segment_files(searcher)

    monkeypatch.setattr(backend_module, "hold_segment_files", merge_first)
    backend._drop_searcher()
    searcher = backend.searcher()
    assert len(calls) == 2 and searcher is calls[1]
    assert searcher.reader().generation() == backend.index.latest_generation()
    assert len(list(searcher.all_stored_fields())) == 2
