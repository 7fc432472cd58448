"""Haystack's Elasticsearch 7 backend with the archive's analysis and document layout.

The index mirrors the Whoosh one (archive/search/backend.py, archive/search/analysis.py):

- the document (`text`) goes to ONE of `text_en`, `text_no`, `text_other`, `text_ja`,
  `text_cjk` by the article's language. Japanese, Chinese and Korean are cut into character
  bigrams here (Elasticsearch's `cjk` analysis: no Japanese analyser is built in). The others
  are analysed like the Whoosh fields: words of Whoosh's pattern (its RegexTokenizer),
  lowercased, folded to ASCII (asciifolding, plus a char filter with the letters our FOLD_MAP
  folds on purpose: đ ø æ œ ß þ ł ...), then the Snowball stemmer for English, or for Norwegian
  applied until it stops changing (see LanguageStemFilter). No stop words: `To` of `To Lam`
  must stay a word. Combining marks are removed first, because text in decomposed form would
  otherwise split words (Whoosh normalises to NFC; Elasticsearch has no NFC without the ICU
  plugin, and dropping the marks folds the same way).
- `spelling` holds every text folded and unstemmed (copy_to), for "did you mean".
- facets and filters are keywords (never analysed: `Việt Nam News (VNS)` is one value), numbers
  `long`, dates `date`; stored-only fields are not indexed.

Writes fail loudly (`SILENTLY_FAIL` is off by default here): the sync queue deletes its rows after
a write returns, so a swallowed failure would leave the index behind the database.
"""

from __future__ import annotations

from elasticsearch import exceptions as es_errors
from haystack.backends.elasticsearch7_backend import (
    Elasticsearch7SearchBackend,
    Elasticsearch7SearchEngine,
    Elasticsearch7SearchQuery,
)
from haystack.constants import DJANGO_CT, DJANGO_ID, ID

from archive.search.analysis import (
    FOLD_MAP,
    SEGMENTED_GROUPS,
    ArchiveTokenizer,
    language_group,
)
from archive.search.contract import LANGUAGE_GROUPS, TEXT_FIELD_BY_GROUP
from archive.search.es.client import ProductCheckedTransport, setup_error

SPELLING_FIELD = "spelling"
# Norwegian Snowball stems `statsministeren` to `statsminister` and that to `statsminist`: applied
# four times, as LanguageStemFilter(repeat=True) does at most, both meet.
NORWEGIAN_STEM_PASSES = 4
# Deep pages of events need `from + size` within this window (Elasticsearch's default).
MAX_RESULT_WINDOW = 10_000


# Whoosh's word pattern (Java reads it alike; UNICODE_CHARACTER_CLASS makes \w Unicode, as in
# Python).
WORD_PATTERN = ArchiveTokenizer().expression.pattern
# The letters analysis.FOLD_MAP folds on purpose beyond "a base letter plus a mark"; asciifolding
# folds most of them alike, and this char filter makes sure of it (`đ` → `d`, `æ` → `ae`).
OWN_FOLDS = "đĐðÐøØåÅæÆœŒßþÞłŁ\u0131"


def _fold_mappings() -> list[str]:
    """OWN_FOLDS as `mapping` char filter rules, with FOLD_MAP's replacements."""
    return [f"{char} => {FOLD_MAP[ord(char)]}" for char in OWN_FOLDS]


def analysis_settings() -> dict:
    """The index settings: our analyzers (one per language group) and the result window."""
    folding = ["lowercase", "asciifolding"]
    return {
        "settings": {
            "index": {"max_result_window": MAX_RESULT_WINDOW},
            "analysis": {
                "char_filter": {
                    "archive_drop_marks": {
                        "type": "pattern_replace",
                        "pattern": "\\p{M}+",
                        "replacement": "",
                    },
                    "archive_fold_letters": {"type": "mapping", "mappings": _fold_mappings()},
                },
                "tokenizer": {
                    "archive_words": {
                        "type": "pattern",
                        "pattern": WORD_PATTERN,
                        "group": 0,
                        "flags": "UNICODE_CHARACTER_CLASS",
                    }
                },
                "filter": {
                    "archive_stem_en": {"type": "snowball", "language": "English"},
                    "archive_stem_no": {"type": "snowball", "language": "Norwegian"},
                },
                "analyzer": {
                    f"archive_{group}": {
                        "type": "custom",
                        "char_filter": ["archive_drop_marks", "archive_fold_letters"],
                        "tokenizer": "archive_words",
                        "filter": folding + _stemmers(group),
                    }
                    for group in LANGUAGE_GROUPS
                    if group not in SEGMENTED_GROUPS
                }
                | {
                    # Japanese, Chinese and Korean by character bigrams (Elasticsearch's own
                    # `cjk` analysis, without its stop words): no Japanese analyser is built
                    # in (the Whoosh index cuts Japanese with Sudachi; README).
                    f"archive_{group}": {
                        "type": "custom",
                        "char_filter": ["archive_fold_letters"],
                        "tokenizer": "standard",
                        "filter": ["cjk_width", *folding, "cjk_bigram"],
                    }
                    for group in SEGMENTED_GROUPS
                },
            },
        }
    }


def _stemmers(group: str) -> list[str]:
    if group == "en":
        return ["archive_stem_en"]
    if group == "no":
        return ["archive_stem_no"] * NORWEGIAN_STEM_PASSES
    return []


def analyzer_name(group: str) -> str:
    return f"archive_{group}"


class ArchiveElasticsearch7SearchBackend(Elasticsearch7SearchBackend):
    # `archive.search.service.search` hands the search to `es.service` for us.
    runs_archive_search = True

    def __init__(self, connection_alias, **connection_options):
        connection_options.setdefault("SILENTLY_FAIL", False)
        # The client's product check, accepting OpenSearch too (archive/search/es/client.py).
        kwargs = dict(connection_options.get("KWARGS") or {})
        kwargs.setdefault("transport_class", ProductCheckedTransport)
        connection_options["KWARGS"] = kwargs
        super().__init__(connection_alias, **connection_options)
        self.DEFAULT_SETTINGS = analysis_settings()

    def setup(self):
        """Haystack's setup, after creating the index ourselves: haystack creates it with
        `ignore=400`, so settings the engine refused surfaced only as a later 404
        (`index_not_found_exception`). Here the engine's reason is raised at once."""
        try:
            # Asked first: the client logs a refused create (the index exists) as a warning.
            if not self.conn.indices.exists(index=self.index_name):
                self.conn.indices.create(index=self.index_name, body=self.DEFAULT_SETTINGS)
        except es_errors.ConnectionError:
            raise
        except es_errors.TransportError as error:
            problem = setup_error(self.index_name, error)
            if problem is not None:
                raise problem from error
        super().setup()

    def build_schema(self, fields):
        mapping: dict = {
            DJANGO_CT: {"type": "keyword"},
            DJANGO_ID: {"type": "keyword"},
            ID: {"type": "keyword"},
        }
        content_field_name = ""
        for field_class in fields.values():
            name = field_class.index_fieldname
            if field_class.document:
                content_field_name = name
                for group, text_name in TEXT_FIELD_BY_GROUP.items():
                    mapping[text_name] = {
                        "type": "text",
                        "analyzer": analyzer_name(group),
                        "copy_to": SPELLING_FIELD,
                    }
                mapping[SPELLING_FIELD] = {"type": "text", "analyzer": analyzer_name("other")}
            elif not field_class.indexed:
                mapping[name] = {"type": "keyword", "index": False, "doc_values": False}
            elif field_class.field_type in ("date", "datetime"):
                mapping[name] = {"type": "date"}
            elif field_class.field_type == "integer":
                mapping[name] = {"type": "long"}
            elif field_class.field_type == "float":
                mapping[name] = {"type": "double"}
            elif field_class.field_type == "boolean":
                mapping[name] = {"type": "boolean"}
            else:
                # Outlet, language, people, event and the `*_exact` facet copies: exact values.
                mapping[name] = {"type": "keyword"}
        return content_field_name, mapping

    def _prepare_object(self, index, obj):
        """Haystack's document, with the text moved to the field of the article's language."""
        prepared = super()._prepare_object(index, obj)
        text = prepared.pop(index.get_content_field(), "")
        prepared[TEXT_FIELD_BY_GROUP[language_group(prepared.get("language"))]] = text
        return prepared

    def build_search_kwargs(self, query_string, **kwargs):
        """Haystack's search body, its text queries aimed at the language fields: the document
        field itself is never indexed here (SearchQuerySet().auto_query keeps working)."""
        body = super().build_search_kwargs(query_string, **kwargs)
        _aim_at_language_fields(body, self.content_field_name or "text")
        return body

    def ensure_setup(self) -> None:
        if not self.setup_complete:
            self.setup()

    def stored_checksums(self):
        """(article id, stored checksum) of every document, for check_index (archive.search.drift
        reads Whoosh's stored fields; this is the same read here, by scroll)."""
        from elasticsearch.helpers import scan

        self.ensure_setup()
        body = {"query": {"term": {DJANGO_CT: "archive.article"}}}
        for hit in scan(
            self.conn, query=body, index=self.index_name, _source=[DJANGO_ID, "checksum"]
        ):
            source = hit["_source"]
            yield int(source[DJANGO_ID]), source.get("checksum")


def _aim_at_language_fields(node, content_field: str) -> None:
    """Every `query_string` of `node` on `content_field` made one on the language fields."""
    if isinstance(node, list):
        for item in node:
            _aim_at_language_fields(item, content_field)
    elif isinstance(node, dict):
        query_string = node.get("query_string")
        if isinstance(query_string, dict) and query_string.get("default_field") == content_field:
            del query_string["default_field"]
            query_string["fields"] = list(TEXT_FIELD_BY_GROUP.values())
        for value in node.values():
            _aim_at_language_fields(value, content_field)


class ArchiveElasticsearch7SearchEngine(Elasticsearch7SearchEngine):
    backend = ArchiveElasticsearch7SearchBackend
    query = Elasticsearch7SearchQuery
