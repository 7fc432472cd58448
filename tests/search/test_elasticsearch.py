"""The Elasticsearch 7 path (SEARCH_URL=elasticsearch://...).

Without a cluster: the index settings and mapping we generate, the query bodies we send (through a
recording fake of the client) and how the answers become a SearchPage, and index writes through
the sync queue. With ARCHIVE_TEST_ELASTICSEARCH_URL (e.g. http://127.0.0.1:9200): the behaviours
the Whoosh tests check, against a real cluster, in a throwaway index.
"""

from __future__ import annotations

import copy
import os
import uuid
from contextlib import contextmanager
from datetime import date

import pytest
from django.db.models import Count
from haystack import connections
from whoosh.analysis import RegexTokenizer

from archive.models import Article
from archive.search import sync
from archive.search.analysis import FOLD_MAP
from archive.search.es import backend as es_backend
from archive.search.es import client as es_client
from archive.search.es import query as dsl
from archive.search.es.backend import ArchiveElasticsearch7SearchBackend, analysis_settings
from archive.search.querysyntax import parse
from archive.search.service import SearchParams, search
from archive.settings import search_config
from tests.factories import ArticleFactory, EventFactory, OutletFactory, PersonFactory

# The engine's HTTP address; under ARCHIVE_TEST_SEARCH_URL (the whole folder on the engine, see
# conftest.py) that engine's.
_ENGINE = os.environ.get("ARCHIVE_TEST_SEARCH_URL", "").replace("elasticsearch://", "http://", 1)
ES_URL = os.environ.get("ARCHIVE_TEST_ELASTICSEARCH_URL") or _ENGINE
ES_URL = ES_URL.rsplit("/", 1)[0] if ES_URL.count("/") > 2 else ES_URL.rstrip("/")
TO_LAM_BODY = "Party General Secretary Tô Lâm received the Japanese Ambassador in Hà Nội."
OTHER_BODY = "Prime Minister Pham Minh Chinh went to Quang Ninh for a forum with Japan."


@contextmanager
def elasticsearch_connection(url: str):
    """The default haystack connection made our Elasticsearch backend, on a fresh index name."""
    saved = copy.deepcopy(connections.connections_info)
    connections.connections_info["default"] = {
        "ENGINE": "archive.search.es.backend.ArchiveElasticsearch7SearchEngine",
        "URL": url,
        "INDEX_NAME": f"archive-test-{uuid.uuid4().hex[:12]}",
    }
    connections.reload("default")
    try:
        yield connections["default"].get_backend()
    finally:
        connections.connections_info.clear()
        connections.connections_info.update(saved)
        connections.reload("default")


@pytest.fixture
def elasticsearch(db):
    """Our Elasticsearch backend as the default connection, pointing at no server (tests give it
    a fake client)."""
    with elasticsearch_connection("http://127.0.0.1:9/") as backend:
        yield backend


# -- settings ---------------------------------------------------------------------------------


def test_search_url_selects_our_engine(monkeypatch, tmp_path):
    monkeypatch.setenv("SEARCH_URL", "elasticsearch://search.internal:9200/archive")
    config = search_config(tmp_path)
    assert config == {
        "ENGINE": "archive.search.es.backend.ArchiveElasticsearch7SearchEngine",
        "URL": "http://search.internal:9200/",
        "INDEX_NAME": "archive",
    }


# -- analysis and mapping ---------------------------------------------------------------------


def test_analyzers_fold_stem_per_language_and_keep_stop_words():
    analysis = analysis_settings()["settings"]["analysis"]
    analyzers = analysis["analyzer"]
    assert set(analyzers) == {f"archive_{group}" for group in ("en", "no", "other", "ja", "cjk")}
    for group in ("ja", "cjk"):  # Elasticsearch's own bigrams, folded too, no stop words
        analyzer = analyzers.pop(f"archive_{group}")
        assert analyzer["filter"] == ["cjk_width", "lowercase", "asciifolding", "cjk_bigram"]
        assert analyzer["tokenizer"] == "standard"
    for analyzer in analyzers.values():
        assert analyzer["filter"][:2] == ["lowercase", "asciifolding"]
        assert analyzer["char_filter"] == ["archive_drop_marks", "archive_fold_letters"]
        assert analyzer["tokenizer"] == "archive_words"
        assert not any("stop" in name for name in analyzer["filter"])
    assert analyzers["archive_en"]["filter"][2:] == ["archive_stem_en"]
    # Norwegian: stemmed until it stops changing, as LanguageStemFilter(repeat=True).
    assert analyzers["archive_no"]["filter"][2:] == ["archive_stem_no"] * 4
    assert analyzers["archive_other"]["filter"][2:] == []
    assert analysis["filter"]["archive_stem_en"] == {"type": "snowball", "language": "English"}
    assert analysis["filter"]["archive_stem_no"] == {"type": "snowball", "language": "Norwegian"}


def test_letters_folded_on_purpose_are_folded_as_fold_map_does():
    rules = analysis_settings()["settings"]["analysis"]["char_filter"]["archive_fold_letters"]
    mappings = set(rules["mappings"])
    for rule in ("đ => d", "Đ => d", "ø => o", "Ø => o", "æ => ae", "Æ => ae", "ß => ss"):
        assert rule in mappings
    for rule in mappings:
        char, replacement = rule.split(" => ")
        assert FOLD_MAP[ord(char)] == replacement


def test_words_are_tokenized_like_whoosh():
    tokenizer = analysis_settings()["settings"]["analysis"]["tokenizer"]["archive_words"]
    assert tokenizer["pattern"] == RegexTokenizer().expression.pattern == r"[\w\*]+(\.?[\w\*]+)*"
    assert tokenizer["flags"] == "UNICODE_CHARACTER_CLASS"  # \w beyond ASCII, as in Python


def test_mapping_splits_text_by_language_and_keeps_facets_as_keywords(elasticsearch):
    fields = connections["default"].get_unified_index().all_searchfields()
    content, mapping = elasticsearch.build_schema(fields)
    assert content == "text"
    assert "text" not in mapping  # the document lives in one language field
    for group in ("en", "no", "other", "ja", "cjk"):
        assert mapping[f"text_{group}"] == {
            "type": "text", "analyzer": f"archive_{group}", "copy_to": "spelling",
        }  # fmt: skip
    assert mapping["spelling"]["analyzer"] == "archive_other"  # folded, never stemmed
    for name in ("outlet_exact", "original_outlet", "language_exact", "person_exact", "event"):
        assert mapping[name] == {"type": "keyword"}
    for name in ("year_exact", "month_exact", "event_id"):
        assert mapping[name] == {"type": "long"}
    assert mapping["published_on"] == {"type": "date"}
    assert mapping["title"]["index"] is False and mapping["checksum"]["index"] is False


def test_writes_fail_loudly_by_default(elasticsearch):
    # A swallowed failure would let the sync queue drop rows the index never received.
    assert elasticsearch.silently_fail is False


# -- query bodies -----------------------------------------------------------------------------


def test_words_are_phrases_over_every_language_field():
    query = dsl.compile_tree(parse("To Lam").tree)
    fields = ["text_en", "text_no", "text_other", "text_ja", "text_cjk"]
    assert query == {
        "bool": {
            "must": [
                {"multi_match": {"query": "To", "type": "phrase", "fields": fields}},
                {"multi_match": {"query": "Lam", "type": "phrase", "fields": fields}},
            ]
        }
    }
    assert dsl.compile_tree(parse('"Tô Lâm"').tree) == {
        "multi_match": {"query": "Tô Lâm", "type": "phrase", "fields": fields}
    }


def test_operators_and_field_prefixes():
    query = dsl.compile_tree(parse("(japan OR korea) -trade person:to-lam").tree)
    must = query["bool"]["must"]
    assert must[0]["bool"]["minimum_should_match"] == 1
    assert [q["multi_match"]["query"] for q in must[0]["bool"]["should"]] == ["japan", "korea"]
    assert must[1] == {"term": {"person_exact": "to-lam"}}
    assert query["bool"]["must_not"][0]["multi_match"]["query"] == "trade"
    alone = dsl.compile_tree(parse("NOT trade").tree)
    assert alone["bool"]["must_not"][0]["multi_match"]["query"] == "trade"


def test_filters_never_score_and_cover_every_parameter():
    params = SearchParams(
        outlet=["vnexpress"], language=["en", "no"], person=["to-lam"], year=2025, month=4,
        date_from=date(2025, 4, 1), date_to=date(2025, 4, 30),
    )  # fmt: skip
    clauses = dsl.filters(params)
    assert clauses == [
        # Its stories: published by it or republished from it.
        {"bool": {"should": [{"terms": {"outlet_exact": ["vnexpress"]}},
                             {"terms": {"original_outlet": ["vnexpress"]}}]}},
        {"terms": {"language_exact": ["en", "no"]}},
        {"terms": {"person_exact": ["to-lam"]}},
        {"term": {"year_exact": 2025}},
        {"term": {"month_exact": 4}},
        {"range": {"published_on": {"format": "strict_date", "gte": "2025-04-01",
                                    "lte": "2025-04-30"}}},
    ]  # fmt: skip
    text = dsl.text_query("japan")
    assert dsl.restricted(text, clauses) == {"bool": {"must": [text], "filter": clauses}}


def test_page_body_counts_exactly_and_collapses_on_events():
    body = dsl.page_body(dsl.MATCH_ALL, dsl.sort_clause("oldest"), start=20, size=10)
    assert body["track_total_hits"] is True
    assert body["collapse"] == {"field": "event_id"}
    assert (body["from"], body["size"]) == (20, 10)
    assert body["sort"][0] == {"published_on": {"order": "asc", "missing": "_last"}}
    assert body["aggs"]["events"]["composite"]["sources"] == [
        {"event": {"terms": {"field": "event_id"}}}
    ]
    assert body["aggs"]["person"] == {"terms": {"field": "person_exact", "size": 1000}}


# -- the service, on a recording fake of the client -------------------------------------------


class FakeIndices:
    def __init__(self):
        self.calls = []

    def get_mapping(self, index):
        return {}

    def exists(self, index):
        return False

    def create(self, **kwargs):
        self.calls.append(("create", kwargs))

    def put_mapping(self, **kwargs):
        self.calls.append(("put_mapping", kwargs))

    def refresh(self, index):
        self.calls.append(("refresh", index))


class FakeElasticsearch:
    """Answers searches from a queue of canned responses and records every body."""

    def __init__(self, responses=()):
        self.indices = FakeIndices()
        self.responses = list(responses)
        self.bodies = []
        self.deleted = []

    def search(self, index, body):
        self.bodies.append(body)
        return self.responses.pop(0)

    def delete(self, index, id, ignore=None):
        self.deleted.append(id)


def _hit(article):
    return {"_source": {"django_id": str(article.pk), "event_id": article.event_id}}


def _buckets(*pairs):
    return {"buckets": [{"key": key, "doc_count": n} for key, n in pairs]}


def test_search_page_from_elasticsearch_answers(elasticsearch):
    outlet = OutletFactory(name="Việt Nam News (VNS)", slug="vns")  # the registry's row
    to_lam = PersonFactory(name="Tô Lâm", slug="to-lam")
    first = ArticleFactory(body=TO_LAM_BODY, outlet=outlet, people=[to_lam])
    version = ArticleFactory(body=TO_LAM_BODY, event=first.event, language="no")
    second = ArticleFactory(body=OTHER_BODY)
    page_answer = {
        "hits": {"total": {"value": 3}, "hits": [_hit(second), _hit(first)]},
        "aggregations": {
            "outlet": _buckets(("vns", 1), (second.outlet.slug, 2)),
            "language": _buckets(("en", 2), ("no", 1)),
            "person": _buckets(("to-lam", 1)),
            "year": _buckets((2024, 1), (2025, 2)),
            "month": _buckets((11, 1), (4, 2)),
            "events": {"buckets": [{"key": {"event": 1}}, {"key": {"event": 2}}]},
        },
    }
    suggest_answer = {"suggest": {"w0": [{"text": "ambasador", "options": [
        {"text": "ambassador", "score": 0.9, "freq": 2}]}]}}  # fmt: skip
    unknown_answer = {"hits": {"total": {"value": 0}, "hits": []}}
    visible_answer = {"hits": {"total": {"value": 1}, "hits": []}}
    versions_answer = {"hits": {"hits": [_hit(second), _hit(version), _hit(first)]}}
    fake = FakeElasticsearch(
        [page_answer | suggest_answer, unknown_answer, visible_answer, versions_answer]
    )
    elasticsearch.conn = fake

    page = search(SearchParams(q="ambasador", sort="newest"))

    page_body, known_body, _, versions_body = fake.bodies
    assert known_body["query"] == dsl.text_query("ambasador")
    assert page_body["sort"][0] == {"published_on": {"order": "desc", "missing": "_last"}}
    assert page_body["query"]["multi_match"]["query"] == "ambasador"
    # The suggester is asked with the page.
    assert page_body["suggest"]["w0"]["text"] == "ambasador"
    assert page_body["suggest"]["w0"]["term"]["field"] == "spelling"
    assert versions_body["query"]["bool"]["filter"] == [
        {"terms": {"event_id": [second.event_id, first.event_id]}}
    ]
    assert (page.count, page.event_count, page.pages) == (3, 2, 1)
    assert [hit.event.pk for hit in page.results] == [second.event_id, first.event_id]
    assert [a.id for a in page.results[1].articles] == [version.pk, first.pk]
    assert page.facets["outlet"] == [(second.outlet.slug, 2), ("vns", 1)]
    assert page.facets["year"] == [("2025", 2), ("2024", 1)]
    assert page.facets["month"] == [("4", 2), ("11", 1)]
    assert page.person_names == {"to-lam": "Tô Lâm"}
    assert page.api_facets()["outlet"][1] == ["Việt Nam News (VNS)", 1]
    assert page.suggestion == "ambassador"
    assert "<mark>" not in page.results[0].articles[0].snippet  # no match of the typo


def test_a_suggestion_is_a_word_of_a_document_still_in_the_index(elasticsearch):
    # The suggester reads the terms of deleted documents (an event hidden after it was indexed)
    # until their segment merges: its options are each checked against the live documents.
    nothing = {"hits": {"total": {"value": 0}, "hits": []}, "aggregations": {}}
    options = [{"text": "kurashiki", "score": 0.9, "freq": 1}, {"text": "kurashima", "score": 0.8}]
    suggest_answer = {"suggest": {"w0": [{"text": "kurashikk", "options": options}]}}
    found = {"hits": {"total": {"value": 1}}}
    fake = FakeElasticsearch([nothing | suggest_answer, nothing, nothing, found])
    elasticsearch.conn = fake
    assert search(SearchParams(q="kurashikk")).suggestion == "kurashima"
    checked = [body["query"] for body in fake.bodies[2:]]
    assert checked == [{"term": {"spelling": "kurashiki"}}, {"term": {"spelling": "kurashima"}}]
    fake.responses = [nothing | suggest_answer, nothing, nothing, nothing]
    assert search(SearchParams(q="kurashikk", page=2)).suggestion is None


def test_suggestions_follow_the_whoosh_paths_rules(elasticsearch):
    # A word of an official's name is left as typed, and a stop word is never offered.
    PersonFactory(name="Abe Shinzo", slug="abe-shinzo")
    nothing = {"hits": {"total": {"value": 0}, "hits": []}, "aggregations": {}}
    options = [{"text": "are", "score": 0.9, "freq": 9}]
    page = nothing | {"suggest": {"w0": [{"text": "abe", "options": options}]}}
    fake = FakeElasticsearch([page, nothing])  # `abe` finds nothing (unknown): a name's word
    elasticsearch.conn = fake
    assert search(SearchParams(q="abe")).suggestion is None
    options = [{"text": "the", "score": 0.9, "freq": 9}]
    fake.responses = [nothing | {"suggest": {"w0": [{"text": "thw", "options": options}]}}, nothing]
    assert search(SearchParams(q="thw")).suggestion is None


def test_a_typed_name_boosts_that_persons_articles(elasticsearch):
    PersonFactory(name="Tô Lâm", slug="to-lam")
    answer = {"hits": {"total": {"value": 0}, "hits": []}, "aggregations": {}}
    known = {"hits": {"total": {"value": 1}, "hits": []}}
    fake = FakeElasticsearch([answer, known, known])
    elasticsearch.conn = fake
    search(SearchParams(q="To Lam"))
    query = fake.bodies[0]["query"]
    assert query["bool"]["should"] == [
        {"term": {"person_exact": {"value": "to-lam", "boost": dsl.PERSON_BOOST}}}
    ]
    assert "sort" not in fake.bodies[0]  # by relevance


def test_event_count_pages_through_every_event(elasticsearch, monkeypatch):
    monkeypatch.setattr(dsl, "EVENT_COUNT_PAGE", 2)
    full = {"buckets": [{"key": {"event": 1}}, {"key": {"event": 2}}], "after_key": {"event": 2}}
    last = {"buckets": [{"key": {"event": 3}}], "after_key": {"event": 3}}
    answer = {"hits": {"total": {"value": 3}, "hits": []}, "aggregations": {"events": full}}
    fake = FakeElasticsearch([answer, {"aggregations": {"events": last}}])
    elasticsearch.conn = fake
    page = search(SearchParams(year=2025))
    assert page.event_count == 3
    assert fake.bodies[1]["aggs"]["events"]["composite"]["after"] == {"event": 2}


def test_pages_beyond_the_result_window_say_so(elasticsearch):
    events = {"buckets": [{"key": {"event": i}} for i in range(5)]}
    answer = {"hits": {"total": {"value": 5}, "hits": []}, "aggregations": {"events": events}}
    fake = FakeElasticsearch([answer])
    elasticsearch.conn = fake
    page = search(SearchParams(year=2025, page=1001))
    assert fake.bodies[0]["size"] == 0 and page.results == []
    assert page.notice is None  # past the end: simply empty
    events["buckets"] = [{"key": {"event": i}} for i in range(10_020)]
    fake.responses = [answer]
    page = search(SearchParams(year=2025, page=1001))
    assert "first 1000 pages" in page.notice


def test_sync_writes_through_update_and_remove(elasticsearch, monkeypatch):
    written = []
    monkeypatch.setattr(
        "haystack.backends.elasticsearch_backend.bulk",
        lambda conn, docs, index, **kw: written.extend(docs),
    )
    fake = FakeElasticsearch()
    elasticsearch.conn = fake
    norwegian = ArticleFactory(body="Statsministeren talte.", language="no")
    gone = ArticleFactory()
    sync.drain()
    docs = {doc["django_id"]: doc for doc in written}
    assert docs[str(norwegian.pk)]["text_no"].startswith(norwegian.title)
    assert "text" not in docs[str(norwegian.pk)] and "text_en" not in docs[str(norwegian.pk)]
    assert docs[str(gone.pk)]["_id"] == f"archive.article.{gone.pk}"
    gone_pk = gone.pk
    gone.delete()
    sync.drain()
    assert fake.deleted == [f"archive.article.{gone_pk}"]
    assert sync.pending_count() == 0


def test_stored_checksums_scroll_every_article(elasticsearch, monkeypatch):
    calls = []

    def scan(conn, query, index, _source):
        calls.append((query, index, _source))
        return iter([{"_source": {"django_id": "7", "checksum": "abc"}}])

    monkeypatch.setattr("elasticsearch.helpers.scan", scan)
    elasticsearch.conn = FakeElasticsearch()
    assert list(elasticsearch.stored_checksums()) == [(7, "abc")]
    assert calls[0][0] == {"query": {"term": {"django_ct": "archive.article"}}}


# -- the client and index creation -------------------------------------------------------------


def test_the_product_check_accepts_opensearch_and_leaves_the_rest_to_the_client():
    # elasticsearch 7.17.13 refuses OpenSearch ("not Elasticsearch"); 7.13.4, which does not
    # check, needs urllib3 < 2, which trafilatura 2.3 cannot have. Our transport accepts it.
    assert es_client.accepts({"version": {"distribution": "opensearch", "number": "2.19.6"}})
    assert es_client.accepts({"version": {"distribution": "opensearch", "number": "1.3.20"}})
    assert not es_client.accepts({"version": {"distribution": "opensearch", "number": "3.0.0"}})
    assert not es_client.accepts({"version": {"number": "7.17.13"}})  # the client's own check
    assert not es_client.accepts({"tagline": "anything else"})
    backend = ArchiveElasticsearch7SearchBackend("x", URL="http://127.0.0.1:9/", INDEX_NAME="i")
    assert isinstance(backend.conn.transport, es_client.ProductCheckedTransport)


def _transport_error(status, error):
    from elasticsearch.exceptions import RequestError

    return RequestError(status, error["type"], {"error": error, "status": status})


def test_a_refused_index_creation_is_raised_with_the_engines_reason(elasticsearch):
    refused = {
        "type": "illegal_argument_exception",
        "reason": "failed to build analyzer",
        "root_cause": [{"type": "illegal_argument_exception", "reason": "bad pattern \\p{Mx}"}],
    }

    class Refusing(FakeIndices):
        def create(self, **kwargs):
            raise _transport_error(400, refused)

    fake = FakeElasticsearch()
    fake.indices = Refusing()
    elasticsearch.conn = fake
    with pytest.raises(es_client.IndexSetupError, match=r"refused to create the index .*Mx"):
        elasticsearch.ensure_setup()
    assert not elasticsearch.setup_complete
    exists = {"type": "resource_already_exists_exception", "reason": "exists"}
    assert es_client.setup_error("i", _transport_error(400, exists)) is None


def test_haystacks_own_queries_search_the_language_fields(elasticsearch):
    elasticsearch.content_field_name = "text"
    body = elasticsearch.build_search_kwargs("To Lam", narrow_queries={"language_exact:en"})
    strings = [body["query"]["bool"]["must"]["query_string"]]
    assert strings[0]["fields"] == ["text_en", "text_no", "text_other", "text_ja", "text_cjk"]
    assert "default_field" not in strings[0]


# -- the contract, on a real cluster ----------------------------------------------------------

needs_cluster = pytest.mark.skipif(
    not ES_URL, reason="no Elasticsearch: set ARCHIVE_TEST_ELASTICSEARCH_URL"
)


@pytest.fixture
def cluster(db):
    """A fresh index on the real cluster, removed afterwards."""
    with elasticsearch_connection(ES_URL + "/") as backend:
        backend.clear()
        yield backend
        backend.clear()


def ids(page) -> set[int]:
    return {article.id for hit in page.results for article in hit.articles}


@needs_cluster
@pytest.mark.parametrize("q", ["To Lam", '"To Lam"', "tô lâm", "TO LAM", "Tô Lâm"])
def test_cluster_finds_to_lam_in_any_spelling(cluster, q):
    to_lam = ArticleFactory(body=TO_LAM_BODY)
    ArticleFactory(body=OTHER_BODY)
    sync.drain()
    page = search(SearchParams(q=q))
    assert ids(page) == {to_lam.pk} and page.count == 1


@needs_cluster
def test_cluster_folds_the_letters_we_fold_and_stems_norwegian(cluster):
    dang = ArticleFactory(body="Đảng Cộng Sản og Tromsø", language="vi")
    norwegian = ArticleFactory(body="oppfordret statsministeren", language="no")
    sync.drain()
    assert ids(search(SearchParams(q="Dang Cong San"))) == {dang.pk}
    assert ids(search(SearchParams(q="tromso"))) == {dang.pk}
    assert ids(search(SearchParams(q="statsminister"))) == {norwegian.pk}


@needs_cluster
def test_cluster_counts_and_facets_equal_the_database(cluster):
    outlets = [OutletFactory(), OutletFactory()]
    for i in range(7):
        ArticleFactory(outlet=outlets[i % 2], language=["en", "no", "vi"][i % 3])
    sync.drain()
    page = search(SearchParams(q="cooperation"))
    rows = Article.objects.filter(title__contains="cooperation")
    assert page.count == rows.count() == 7
    assert page.event_count == rows.values("event").distinct().count()
    by_outlet = rows.values("outlet__slug").annotate(n=Count("id"))
    assert dict(page.facets["outlet"]) == {row["outlet__slug"]: row["n"] for row in by_outlet}
    by_language = rows.values("language").annotate(n=Count("id"))
    assert dict(page.facets["language"]) == {row["language"]: row["n"] for row in by_language}


@needs_cluster
def test_cluster_follows_edits_and_deletions(cluster):
    event = EventFactory()
    to_lam = ArticleFactory(body=TO_LAM_BODY, event=event)
    other = ArticleFactory(body=OTHER_BODY)
    sync.drain()
    to_lam.body = "Nothing about anyone."
    to_lam.save()
    sync.drain()
    assert search(SearchParams(q="To Lam")).count == 0
    assert ids(search(SearchParams(q="anyone"))) == {to_lam.pk}
    to_lam.delete()
    sync.drain()
    assert search(SearchParams(q="anyone")).count == 0
    assert ids(search(SearchParams(q="Quang Ninh"))) == {other.pk}


@needs_cluster
def test_cluster_refusing_our_analysis_says_why_at_setup(cluster, monkeypatch):
    settings = analysis_settings()
    settings["settings"]["analysis"]["char_filter"]["archive_drop_marks"]["pattern"] = "\\p{Mx}+"
    monkeypatch.setattr(cluster, "DEFAULT_SETTINGS", settings)
    cluster.clear()
    with pytest.raises(es_client.IndexSetupError, match=r"archive_drop_marks|Mx"):
        cluster.ensure_setup()


def test_backend_module_needs_no_cluster_to_load():
    # The settings of a fresh backend are ours, not haystack's n-gram defaults.
    backend = ArchiveElasticsearch7SearchBackend("x", URL="http://127.0.0.1:9/", INDEX_NAME="i")
    assert analysis_settings() == backend.DEFAULT_SETTINGS
    assert es_backend.MAX_RESULT_WINDOW == 10_000
