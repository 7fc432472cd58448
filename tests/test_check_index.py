"""`check_index` finds every kind of drift between database and index, and `--fix` repairs it."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from haystack import connections

from archive.models import Article, IndexQueue
from archive.search import sync
from tests.factories import ArticleFactory


def check(*args) -> tuple[int, str]:
    out = StringIO()
    try:
        call_command("check_index", *args, stdout=out)
        return 0, out.getvalue()
    except CommandError as exc:
        return exc.returncode, out.getvalue()


@pytest.fixture
def indexed(search_index, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return [ArticleFactory(title=f"Talks number {n}") for n in range(3)]


def test_an_index_in_step_is_clean(indexed):
    assert check() == (0, "The index agrees with the database.\n")


def test_missing_extra_and_stale_documents_are_found_and_fixed(indexed):
    missing, stale, extra = indexed
    # Database changes that bypass signals, as a crash between commit and index write would.
    Article.objects.filter(pk=stale.pk).update(title="A new title the index never saw")
    backend = connections["default"].get_backend()
    backend.remove(f"archive.article.{missing.pk}")
    Article.objects.filter(pk=extra.pk).delete()
    IndexQueue.objects.all().delete()  # pretend the queue rows were lost too

    status, out = check()
    assert status == 1
    assert "1 missing" in out and "1 extra" in out and "1 stale" in out

    status, out = check("--fix")
    assert status == 0, out
    assert check() == (0, "The index agrees with the database.\n")


def test_pending_queue_rows_are_drift_until_drained(indexed):
    IndexQueue.objects.create(article_id=indexed[0].pk)
    status, out = check()
    assert status == 1 and "queued" in out
    sync.drain()
    assert check()[0] == 0


def test_a_deleted_index_is_rebuilt(indexed, settings):
    path = settings.HAYSTACK_CONNECTIONS["default"]["PATH"]
    shutil.rmtree(path)
    status, _out = check()
    assert status == 1
    assert check("--fix")[0] == 0
    assert check()[0] == 0


def test_a_damaged_index_is_rebuilt(indexed, settings):
    index_dir = Path(settings.HAYSTACK_CONNECTIONS["default"]["PATH"])
    for toc in index_dir.glob("*.toc"):
        toc.write_bytes(b"garbage")
    connections["default"].reset_sessions() if hasattr(
        connections["default"], "reset_sessions"
    ) else None
    status, out = check()
    assert status == 1, out
    assert check("--fix")[0] == 0
    assert check()[0] == 0
