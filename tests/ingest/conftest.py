"""Fixtures for the ingest tests: the real seed captures, read at test time as the importer reads
them (where they are, and what happens without them: tests/conftest.py)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime

import pytest

from archive.ingest import Capture, Extracted, extract, read_captures


@pytest.fixture(scope="session")
def seed_capture(seed_paths) -> Callable[[str], Capture]:
    """The seed numbered ``number`` as ``read_captures`` reads it."""

    def read(number: str) -> Capture:
        (item,) = read_captures([seed_paths[number]])
        assert isinstance(item, Capture), item
        return item

    return read


@pytest.fixture(scope="session")
def seed_lines(seed_paths) -> Callable[[str], list[str]]:
    """The seed's non-empty lines, stripped: what a test compares the extraction against."""

    def lines(number: str) -> list[str]:
        text = seed_paths[number].read_text(encoding="utf-8")
        return [line.strip() for line in text.splitlines() if line.strip()]

    return lines


@pytest.fixture(scope="session")
def extract_seed(seed_capture) -> Callable[..., Extracted]:
    """Extract a seed, optionally as if captured at ``captured_at``."""

    def run(number: str, captured_at: datetime | None = None) -> Extracted:
        capture = seed_capture(number)
        if captured_at is not None:
            capture = dataclasses.replace(capture, captured_at=captured_at)
        return extract(capture)

    return run
