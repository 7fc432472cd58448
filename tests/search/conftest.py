"""Fixtures for the search tests: articles written to a clean index."""

import pytest

from archive.search import sync


@pytest.fixture
def index(search_index):
    """Write every queued article to the (clean) index; call after creating articles."""

    def write() -> None:
        sync.drain()

    return write
