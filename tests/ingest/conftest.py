"""Fixtures for the ingest tests: the real seed captures, read at test time.

The seeds live outside the repo (``../shared/seeds``); their text is never copied here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from archive.ingest import Capture, Extracted, extract, read_captures

REPO_ROOT = Path(__file__).resolve().parents[2]
INGEST_SEEDS_DIR = REPO_ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def ingest_seed_files() -> dict[str, Path]:
    """Seed capture files by number ("000"...), or skip when the seeds are not beside the repo."""
    if not INGEST_SEEDS_DIR.is_dir():
        pytest.skip(f"seed captures not found at {INGEST_SEEDS_DIR} (CI has them beside the repo)")
    return {p.name[:3]: p for p in sorted(INGEST_SEEDS_DIR.iterdir()) if p.is_file()}


@pytest.fixture(scope="session")
def seed_capture(ingest_seed_files) -> Callable[[str], Capture]:
    """The seed numbered ``number`` as ``read_captures`` reads it."""

    def read(number: str) -> Capture:
        (item,) = read_captures([ingest_seed_files[number]])
        assert isinstance(item, Capture), item
        return item

    return read


@pytest.fixture(scope="session")
def seed_lines(ingest_seed_files) -> Callable[[str], list[str]]:
    """The seed's non-empty lines, stripped: what a test compares the extraction against."""

    def lines(number: str) -> list[str]:
        text = ingest_seed_files[number].read_text(encoding="utf-8")
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
