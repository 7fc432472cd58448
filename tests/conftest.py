"""Shared fixtures: the seed captures and a clean search index.

Index writes run after the transaction commits; inside a test's transaction, wrap the change in
`django_capture_on_commit_callbacks(execute=True)` to run them as production would.
"""

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO_ROOT.parent / "shared" / "seeds"
SAMPLES_DIR = REPO_ROOT / "samples" / "captures"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The five real captures. CI always has them; a user's clone usually does not."""
    if not SEEDS_DIR.is_dir():
        pytest.skip(f"seed captures not found at {SEEDS_DIR} (they live beside the repo in CI)")
    return SEEDS_DIR


@pytest.fixture(scope="session")
def seed_paths(seeds_dir: Path) -> dict[str, Path]:
    """Seed files by their number: {"000": Path, ...}."""
    return {path.name[:3]: path for path in sorted(seeds_dir.iterdir()) if path.is_file()}


@pytest.fixture
def search_index(db):
    """An empty search index for this test (the database is rolled back after each test; this
    makes the index start from nothing too)."""
    from haystack import connections

    backend = connections["default"].get_backend()
    backend.clear()
    yield backend
    backend.clear()


@pytest.fixture(autouse=True)
def _forget_compared_texts():
    """Event matching caches articles' text evidence by (id, content hash); a test's rolled-back
    rows give their ids to the next test's, so each test starts with an empty cache."""
    from archive import events

    events._text_cache.clear()
    yield
    events._text_cache.clear()
