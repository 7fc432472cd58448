"""The backend: schema, batched writes, the write lock, the reused searcher, haystack's commands."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from haystack import connections
from whoosh import fields

from archive.models import Article, IndexQueue
from archive.search import sync
from archive.search.indexes import ArticleIndex
from archive.search.service import SearchParams, search
from tests.factories import ArticleFactory, OutletFactory, PersonFactory


def test_schema(search_index):
    schema = search_index.schema
    for name in ("text_en", "text_no", "text_other"):
        assert isinstance(schema[name], fields.TEXT)
        assert not schema[name].stored and schema[name].column_type is None
    assert "text" not in schema.names()
    for name in ("outlet", "outlet_exact", "language_exact", "event", "event_exact"):
        assert isinstance(schema[name], fields.ID) and schema[name].column_type, name
    for name in ("year", "year_exact", "event_id"):
        assert isinstance(schema[name], fields.NUMERIC) and schema[name].column_type, name
    assert isinstance(schema["published_on"], fields.DATETIME)
    assert schema["published_on"].column_type
    assert isinstance(schema["person"], fields.KEYWORD)
    assert schema["person"].column_type.stores_lists()
    assert schema["title"].stored and not schema["title"].indexed


def test_documents_go_to_their_language_field(index):
    ArticleFactory(body="statsministeren", language="no")
    ArticleFactory(body="ministers", language="en")
    ArticleFactory(body="bộ trưởng", language="vi")
    index()
    reader = connections["default"].get_backend().searcher().reader()
    assert list(reader.lexicon("text_no")).count(b"statsminist") == 1
    assert b"minist" in set(reader.lexicon("text_en"))
    assert b"truong" in set(reader.lexicon("text_other"))
    assert b"statsministeren" not in set(reader.lexicon("text_en"))


def test_facet_values_are_not_analysed(index):
    vns = OutletFactory(name="Việt Nam News (VNS)", slug="vns")
    ArticleFactory(outlet=vns, people=[PersonFactory(name="Tô Lâm", slug="to-lam")])
    index()
    stored = next(connections["default"].get_backend().searcher().all_stored_fields())
    assert stored["outlet_exact"] == "vns"  # the slug, unstemmed: names may repeat
    assert stored["person"] == "to-lam"
    page = search(SearchParams(outlet=["vns"]))
    assert page.facets["outlet"] == [("vns", 1)]


def test_write_batch_raises_index_busy_while_another_writer_holds_the_lock(search_index):
    article = ArticleFactory()
    holder = search_index.index.writer()  # another writer, as another process would hold it
    try:
        with pytest.raises(sync.IndexBusy):
            search_index.write_batch(ArticleIndex(), [article], [])
        # The queue keeps the article for the lock holder (or the next drain).
        assert sync.drain() == 0
        assert set(IndexQueue.objects.values_list("article_id", flat=True)) == {article.pk}
    finally:
        holder.cancel()
    assert sync.drain() == 1
    assert search(SearchParams(q="cooperation")).count == 1


def test_write_batch_updates_in_place_and_removes(search_index):
    first, second = ArticleFactory(), ArticleFactory()
    index = ArticleIndex()
    assert search_index.write_batch(index, [first, second], []) == 2
    assert search_index.write_batch(index, [first], ["archive.article.999999"]) == 2
    reader = search_index.searcher().reader()
    assert reader.doc_count() == 2
    search_index.write_batch(index, [], [f"archive.article.{second.pk}"])
    assert {int(s["django_id"]) for s in search_index.searcher().all_stored_fields()} == {first.pk}


def test_one_searcher_is_reused_until_the_index_changes(index):
    ArticleFactory()
    index()
    backend = connections["default"].get_backend()
    first = backend.searcher()
    search(SearchParams(q="cooperation"))
    assert backend.searcher() is first
    ArticleFactory()
    sync.drain()
    second = backend.searcher()
    assert second is not first
    assert second.doc_count() == 2


def test_segments_are_not_compound(index):
    ArticleFactory()
    index()
    backend = connections["default"].get_backend()
    segments = backend.index._read_toc().segments
    assert segments and not any(segment.is_compound() for segment in segments)


def test_rebuild_and_update_index_commands(search_index):
    with sync.deferred_indexing():
        articles = [ArticleFactory(body=f"Rebuilt text number{n}.") for n in range(3)]
    assert sync.pending_count()  # queued, never written
    call_command("rebuild_index", interactive=False, stdout=StringIO(), stderr=StringIO())
    assert search(SearchParams(q="rebuilt")).count == 3
    Article.objects.filter(pk=articles[0].pk).update(body="Changed.")
    call_command("update_index", stdout=StringIO(), stderr=StringIO())
    assert search(SearchParams(q="rebuilt")).count == 2
    assert search(SearchParams(q="changed")).count == 1
    assert search_index.searcher().doc_count() == 3


def test_haystack_search_query_set_still_works(index):
    from haystack.query import SearchQuerySet

    article = ArticleFactory(body="Tô Lâm met the ambassador.")
    ArticleFactory()
    index()
    results = SearchQuerySet().auto_query("To Lam")
    assert [int(result.pk) for result in results] == [article.pk]


def test_facets_work_across_segments_where_nobody_is_named(index):
    # A segment in which no document names anyone has no people column; Whoosh reads it through
    # a default value its list column did not have (this was an HTTP 500 under load).
    ArticleFactory(title="Talks on rail", people=[PersonFactory(name="Tô Lâm", slug="to-lam")])
    index()
    backend = connections["default"].get_backend()
    nobody = ArticleFactory(title="Talks on rail and ports")
    IndexQueue.objects.all().delete()
    doc = backend.document(ArticleIndex(), nobody)
    doc = {key: value for key, value in doc.items() if not key.startswith("person")}
    writer = backend.index.writer()
    writer.add_document(**doc)
    writer.commit(merge=False)  # keep it a segment of its own, as busy indexes have many
    assert len(backend.index.refresh().reader().leaf_readers()) == 2
    page = search(SearchParams(q="rail"))
    assert page.count == 2
    assert page.facets["person"] == [("to-lam", 1)]


def test_a_drain_reads_the_database_only_once_it_holds_the_index_lock(search_index, monkeypatch):
    """Two drains racing on one article: the one that read the older copy must not be able to
    commit it after the newer one. Reading under the lock rules that out."""
    ArticleFactory()
    reads = []
    original = ArticleIndex.indexable
    monkeypatch.setattr(
        ArticleIndex, "indexable", lambda self, ids: reads.append(1) or original(self, ids)
    )
    holder = search_index.index.writer()
    try:
        assert sync.drain() == 0  # busy: it leaves without having read anything
        assert reads == []
    finally:
        holder.cancel()
    assert sync.drain() == 1
    assert reads


@pytest.mark.parametrize(
    ("fields", "queued"),
    [
        (["title", "date", "place", "updated_at"], False),  # an import's refresh: not indexed
        (["slug", "updated_at"], True),  # the event facet shows the slug
        (["status", "updated_at"], True),  # only published events' articles are in the index
        (None, True),  # a full save (an editor's form) may change anything
    ],
)
def test_an_event_save_queues_its_articles_only_when_their_documents_change(
    search_index, fields, queued
):
    article = ArticleFactory()
    IndexQueue.objects.all().delete()
    event = article.event
    event.title, event.slug, event.status = "Renamed", "renamed", event.Status.HIDDEN
    event.save(update_fields=fields)
    assert IndexQueue.objects.filter(article_id=article.pk).exists() == queued


@pytest.mark.parametrize("queued_by_now", [True, False])
def test_a_drain_of_what_is_queued_by_now_leaves_later_rows(
    search_index, monkeypatch, queued_by_now
):
    first, later = ArticleFactory(), ArticleFactory()
    IndexQueue.objects.all().delete()
    sync.enqueue([first.pk])
    write = sync._write

    def write_then_queue_more(pending):
        if not IndexQueue.objects.filter(article_id=later.pk).exists():
            sync.enqueue([later.pk])  # queued while the first batch is being written
        return write(pending)

    monkeypatch.setattr(sync, "_write", write_then_queue_more)
    sync.drain(queued_by_now=queued_by_now)
    left = set(IndexQueue.objects.values_list("article_id", flat=True))
    assert left == ({later.pk} if queued_by_now else set())


def test_optimize_index_merges_the_segments_and_keeps_every_document(search_index):
    articles = []
    for _ in range(3):  # three drains, three segments
        articles.append(ArticleFactory())
        sync.drain()
    before = search(SearchParams(q="cooperation")).count
    late = ArticleFactory()  # queued, not yet written: the command writes it after merging
    out = StringIO()
    call_command("optimize_index", stdout=out)
    assert "3 segment(s) merged into 1; 1 queued update(s) written since" in out.getvalue()
    assert before == 3
    assert search(SearchParams(q="cooperation")).count == 4
    assert not IndexQueue.objects.filter(article_id=late.pk).exists()
    call_command("check_index", stdout=StringIO())  # raises on drift


def test_optimize_index_says_so_when_another_writer_holds_the_lock(search_index):
    ArticleFactory()
    sync.drain()
    holder = search_index.index.writer()
    try:
        with pytest.raises(CommandError, match="being written by another process"):
            call_command("optimize_index", "--wait", "0.2", stdout=StringIO())
    finally:
        holder.cancel()
