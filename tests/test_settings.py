"""Settings read the environment strictly: a malformed value names the variable."""

import importlib
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured


def load_settings(monkeypatch, tmp_path, **env):
    monkeypatch.setenv("ARCHIVE_DATA_DIR", str(tmp_path))
    for name in ("DATABASE_URL", "SEARCH_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    sys.modules.pop("archive.settings", None)
    try:
        return importlib.import_module("archive.settings")
    finally:
        sys.modules.pop("archive.settings", None)


def test_defaults_are_sqlite_and_whoosh_under_the_data_dir(monkeypatch, tmp_path):
    settings = load_settings(monkeypatch, tmp_path)
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert settings.DATABASES["default"]["NAME"] == str(tmp_path / "archive.sqlite3")
    assert settings.HAYSTACK_CONNECTIONS["default"]["PATH"] == str(tmp_path / "whoosh")
    assert settings.DEBUG is False
    assert settings.ALLOWED_HOSTS == ["localhost", "127.0.0.1"]


def test_secret_key_is_generated_once_and_kept(monkeypatch, tmp_path):
    first = load_settings(monkeypatch, tmp_path).SECRET_KEY
    second = load_settings(monkeypatch, tmp_path).SECRET_KEY
    assert first == second and len(first) >= 40
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_database_and_search_urls(monkeypatch, tmp_path):
    settings = load_settings(
        monkeypatch,
        tmp_path,
        DATABASE_URL="postgres://archive@localhost:5432/archive",
        SEARCH_URL="elasticsearch://search.local:9200/news",
        ALLOWED_HOSTS="archive.example.org, localhost",
        DEBUG="yes",
    )
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    assert settings.DATABASES["default"]["NAME"] == "archive"
    search = settings.HAYSTACK_CONNECTIONS["default"]
    assert search["ENGINE"].endswith("Elasticsearch7SearchEngine")
    assert search["URL"] == "http://search.local:9200/"
    assert search["INDEX_NAME"] == "news"
    assert settings.ALLOWED_HOSTS == ["archive.example.org", "localhost"]
    assert settings.DEBUG is True


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DEBUG", "maybe"),
        ("ALLOWED_HOSTS", "a,,b"),
        ("SEARCH_URL", "solr://localhost/x"),
        ("SEARCH_URL", "elasticsearch://host:9200/"),
        ("DATABASE_URL", "nosuchdb://x"),
    ],
)
def test_malformed_values_name_the_variable(monkeypatch, tmp_path, name, value):
    with pytest.raises(ImproperlyConfigured, match=name):
        load_settings(monkeypatch, tmp_path, **{name: value})
