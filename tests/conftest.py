"""The test world: where the seed captures are, the seeded archive, a clean search index, and the
per-process caches every test starts without.

The seeds are the five real captures in ``../shared/seeds`` (beside the repository, never copied
into it). Where that folder is absent, as on most users' machines, every test that needs it is
skipped with `SEEDS_MISSING`; where CI is set (CI sets CI=true) it always has them, so their
absence fails the test instead. Such tests ask for `seeds_dir`, `seed_paths` or `seeded_archive`
and are marked `seeds` automatically (``pytest -m "not seeds"`` leaves them out).

Index writes run after the transaction commits; inside a test's transaction, wrap the change in
`django_capture_on_commit_callbacks(execute=True)` to run them as production would.
"""

import os
from io import StringIO
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO_ROOT.parent / "shared" / "seeds"
SAMPLES_DIR = REPO_ROOT / "samples" / "captures"
SEEDS_MISSING = f"the seed captures are not at {SEEDS_DIR} (CI has them beside the repository)"
SEED_FIXTURES = {"seeds_dir", "seed_paths", "seeded_archive"}


def require_seeds() -> Path:
    """`SEEDS_DIR`, or skip the calling test where it is absent (fail it where CI is set)."""
    if not SEEDS_DIR.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"in CI: {SEEDS_MISSING}", pytrace=False)
        pytest.skip(SEEDS_MISSING)
    return SEEDS_DIR


def pytest_collection_modifyitems(items):
    """Every test that reads the seeds is marked `seeds`."""
    for item in items:
        if SEED_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.seeds)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The folder of the five real captures."""
    return require_seeds()


@pytest.fixture(scope="session")
def seed_paths(seeds_dir: Path) -> dict[str, Path]:
    """Seed files by their number: {"000": Path, ...}."""
    return {path.name[:3]: path for path in sorted(seeds_dir.iterdir()) if path.is_file()}


@pytest.fixture
def seeded_archive(search_index, seeds_dir, seed_paths) -> dict:
    """The seeds imported by the `ingest` command, in the database and a clean index: their
    articles by seed number. (Each test's rows are rolled back, and tests merge, edit and re-index
    what they find, so every test imports them again: the paths and the importer's caches last
    the session, and an import into them takes a fraction of a second.)"""
    from django.core.management import call_command

    from archive.models import Article

    call_command("ingest", str(seeds_dir), stdout=StringIO(), stderr=StringIO())
    return {
        number: Article.objects.get(raw=path.read_text(encoding="utf-8"))
        for number, path in seed_paths.items()
    }


@pytest.fixture
def editor(db):
    """A member of the editors group (the curation permissions, not a superuser's)."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user("editor", password="a long passphrase", is_staff=True)
    user.groups.add(Group.objects.get(name="editors"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def search_index(db):
    """An empty search index for this test (the database is rolled back after each test; this
    makes the index start from nothing too)."""
    from haystack import connections

    backend = connections["default"].get_backend()
    backend.clear()
    yield backend
    backend.clear()


def _forget_process_state() -> None:
    from django.core.cache import caches
    from django.utils import translation

    from archive import event_candidates, models
    from archive.ingest import prepare
    from archive.search.service import RESULTS

    event_candidates._text_cache.clear()  # text evidence by (article id, content hash)
    models._SUFFIX_HINTS.clear()  # the next slug suffix to try, by base slug
    RESULTS.clear()  # search pages by parameters and index version
    for cache in caches.all():
        cache.clear()  # the event page's comparisons, the failed-login counters
    prepare.share_registry(None)  # the importer's registry, shared with its worker
    translation.deactivate()  # LocaleMiddleware leaves a request's language active


@pytest.fixture(autouse=True)
def _fresh_process_state():
    """Every test starts with the caches a process keeps between requests empty: a rolled-back
    test gives its row ids to the next one's rows, and a search or a page remembered for one
    archive must not answer in another."""
    _forget_process_state()
    yield
    _forget_process_state()
