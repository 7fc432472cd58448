"""The cost of a batched index write: Whoosh must not look for files per posting (issue #3)."""

from whoosh.filedb.filestore import FileStorage

from archive.models import Article
from archive.search.indexes import ArticleIndex
from archive.search.service import SearchParams, search
from tests.factories import ArticleFactory

BODY = " ".join(f"word{n} minister visit cooperation" for n in range(60))


def test_a_batch_write_checks_the_disk_a_bounded_number_of_times(search_index, monkeypatch):
    articles = [ArticleFactory(title=f"Harbour talks {n}", body=BODY) for n in range(20)]
    checks = []
    original = FileStorage.file_exists
    monkeypatch.setattr(
        FileStorage, "file_exists", lambda self, name: checks.append(name) or original(self, name)
    )
    objects = list(ArticleIndex().index_queryset().filter(pk__in=[a.pk for a in articles]))
    assert search_index.write_batch(ArticleIndex(), objects) == 20
    # Whoosh's own writer asks once per posting of every field without lengths (the spelling
    # words alone are a few hundred here); remembering the answers leaves a few per field.
    assert len(checks) < 100, f"{len(checks)} file checks for 20 documents"
    monkeypatch.undo()
    assert search(SearchParams(q="harbour")).count == 20
    assert search(SearchParams(q="word59")).count == 20
    assert Article.objects.count() == 20
