"""Fixtures for the search tests: articles written to a clean index.

With ARCHIVE_TEST_SEARCH_URL set to an engine's `elasticsearch://host:port/index` (what
`.ci/search-engine.sh start` prints as SEARCH_URL), every test here runs on that engine instead of
Whoosh, in a throwaway index of its own (`<index>-test-<random>`, deleted at the end): CI runs
this folder twice, on Whoosh and on OpenSearch. The tests of Whoosh's own machinery
(`WHOOSH_ONLY`) are skipped there, each with its reason.
"""

from __future__ import annotations

import copy
import os
import uuid
from pathlib import Path
from unittest import mock

import pytest

from archive.search import sync

ENGINE_URL = os.environ.get("ARCHIVE_TEST_SEARCH_URL", "")

# The tests (module, or module::test) of the Whoosh index's own machinery, not of the search's
# behaviour: on an engine they have nothing to test. Everything else runs on both.
_READS_WHOOSH = "reads the Whoosh index itself (its schema, searcher, stored documents)"
_LOCK = "Whoosh's write lock and batch writer; the engine takes concurrent writes"
_SEGMENTS = "Whoosh's segments and their merging; the engine merges its own"
_COLLECTOR = "the Whoosh path's own collector and column cache (BM25F over Whoosh's segments)"
_PAGE_CACHE = (
    "the Whoosh path's per-process page cache, keyed by the index's commit; the engine path asks "
    "the engine every time (it caches requests itself)"
)
WHOOSH_ONLY: dict[str, str] = {
    "test_backend.py::test_schema": _READS_WHOOSH,
    "test_backend.py::test_documents_go_to_their_language_field": _READS_WHOOSH,
    "test_backend.py::test_facet_values_are_not_analysed": _READS_WHOOSH,
    "test_backend.py::test_one_searcher_is_reused_until_the_index_changes": _READS_WHOOSH,
    "test_backend.py::test_rebuild_and_update_index_commands": _READS_WHOOSH,
    "test_backend.py::test_facets_work_across_segments_where_nobody_is_named": _SEGMENTS,
    "test_backend.py::test_segments_are_not_compound": _SEGMENTS,
    "test_backend.py::test_optimize_index_merges_the_segments_and_keeps_every_document": _SEGMENTS,
    "test_backend.py::test_write_batch_raises_index_busy_while_another_writer_holds_the_lock": _LOCK,  # noqa: E501
    "test_backend.py::test_write_batch_updates_in_place_and_removes": _LOCK,
    "test_backend.py::test_a_drain_reads_the_database_only_once_it_holds_the_index_lock": _LOCK,
    "test_backend.py::test_optimize_index_says_so_when_another_writer_holds_the_lock": _LOCK,
    "test_index_writes.py": _LOCK,
    "test_block_reads.py::test_the_archive_writes_blocks_with_protocol_3_into_segments_any_whoosh_reads": (  # noqa: E501
        _SEGMENTS
    ),
    "test_empty_fields.py::test_the_backends_searcher_skips_empty_fields": _READS_WHOOSH,
    "test_held_files.py": _SEGMENTS,
    "test_result_cache.py::test_an_identical_search_is_answered_without_the_database": _PAGE_CACHE,
    "test_service.py::test_corrections_are_remembered_until_the_index_changes": _PAGE_CACHE,
}
# The collector's tests on an index (those without one run on the engine too).
WHOOSH_ONLY |= {
    f"test_collect.py::{name}": _COLLECTOR
    for name in (
        "test_cached_lengths_score_exactly_like_bm25f",
        "test_collector_ranks_and_counts_like_whoosh",
        "test_column_range_selects_what_a_date_range_selects",
        "test_column_cache_forgets_segments_that_left_the_index",
        "test_top_events_are_ranked_by_their_best_hit",
        "test_filter_docnums_are_the_documents_whoosh_finds",
        "test_a_filtered_word_scores_like_whoosh",
        "test_a_filter_adds_nothing_to_the_scores",
        "test_column_arrays_hold_one_object_per_value",
        "test_the_column_cache_holds_nothing_the_garbage_collector_keeps_visiting",
        "test_filters_checked_on_columns_keep_what_whoosh_keeps",
    )
}


def engine_config(url: str) -> dict:
    """The haystack connection of SEARCH_URL=url (archive.settings.search_config), on a fresh
    index name."""
    from archive.settings import search_config

    with mock.patch.dict(os.environ, {"SEARCH_URL": url}):
        config = search_config(Path("."))
    config["INDEX_NAME"] = f"{config['INDEX_NAME']}-test-{uuid.uuid4().hex[:10]}"
    return config


def on_engine() -> bool:
    return bool(ENGINE_URL)


def pytest_collection_modifyitems(config, items):
    if not on_engine():
        return
    here = Path(__file__).parent
    for item in items:
        path = Path(str(item.fspath))
        if path.parent != here:
            continue
        reason = WHOOSH_ONLY.get(path.name) or WHOOSH_ONLY.get(f"{path.name}::{item.originalname}")
        if reason:
            item.add_marker(pytest.mark.skip(reason=f"Whoosh only: {reason}"))


@pytest.fixture(scope="session", autouse=True)
def _search_engine(django_db_blocker):
    """The default search connection made the engine of ARCHIVE_TEST_SEARCH_URL, if set."""
    if not on_engine():
        yield None
        return
    from haystack import connections

    saved = copy.deepcopy(connections.connections_info["default"])
    connections.connections_info["default"] = engine_config(ENGINE_URL)
    connections.reload("default")
    try:
        yield connections["default"].get_backend()
    finally:
        connections["default"].get_backend().clear()
        connections.connections_info["default"] = saved
        connections.reload("default")


@pytest.fixture
def index(search_index):
    """Write every queued article to the (clean) index; call after creating articles."""

    def write() -> None:
        sync.drain()

    return write
