"""The per-username login limit counts every spelling that reaches one account under one name.

Django's login form reads a username in NFKC (`ｖｉｃｔｉｍ` logs in as `victim`): counting the
failures under the name as typed let a look-alike spelling try on, and log in while locked.
"""

import unicodedata

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import caches
from django.test import Client, RequestFactory
from hypothesis import given
from hypothesis import strategies as st

from archive.security import login_name, record_failure, seconds_blocked

FORMS = ("NFC", "NFD", "NFKC", "NFKD")
LIMIT = settings.ARCHIVE_LOGIN_MAX_FAILURES_PER_USER


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def bold(text: str) -> str:  # MATHEMATICAL BOLD SMALL letters, NFKC to ASCII
    return "".join(chr(0x1D41A + ord(c) - ord("a")) if "a" <= c <= "z" else c for c in text)


def spellings(name: str) -> set[str]:
    """Ways to write `name` that Django's form (NFKC) or a case-insensitive eye take for it."""
    base = {name, name.upper(), name.title(), full_width(name), full_width(name.upper()),
            bold(name), f" {name} ", f"\u3000{name}\u3000"}  # fmt: skip
    return {unicodedata.normalize(form, spelling) for spelling in base for form in FORMS} | base


NAMES = ["victim", "josé", "nguyễn.văn", "straße"]


@given(st.text(max_size=30))
def test_every_normalisation_of_a_name_counts_as_the_name(name):
    key = login_name(name)
    for form in FORMS:
        assert login_name(unicodedata.normalize(form, name)) == key
    assert login_name(full_width(name)) == login_name(unicodedata.normalize("NFKC", name))


@pytest.mark.parametrize("name", NAMES)
def test_failures_under_any_spelling_lock_every_spelling(db, name):
    request = RequestFactory().post("/admin/login/", REMOTE_ADDR="192.0.2.1")
    variants = sorted(spellings(name))
    for failing in variants:
        caches[settings.ARCHIVE_LOGIN_CACHE].clear()
        for _ in range(LIMIT):
            record_failure(request, failing)
        elsewhere = RequestFactory().post("/admin/login/", REMOTE_ADDR="203.0.113.9")
        assert [v for v in variants if not seconds_blocked(elsewhere, v)] == [], failing


def log_in(username, password, address):
    client = Client(REMOTE_ADDR=address)
    return client.post("/admin/login/", {"username": username, "password": password})


def test_a_look_alike_name_neither_escapes_the_count_nor_logs_in_while_locked(db):
    User.objects.create_user("victim", password="the right passphrase", is_staff=True)
    # The look-alike logs in as `victim` (Django's form reads it in NFKC) ...
    assert log_in("ｖｉｃｔｉｍ", "the right passphrase", "192.0.2.1").status_code == 302
    # ... so its failures count for `victim`, and `victim`'s lock holds it out.
    for attempt in range(LIMIT):
        assert log_in("victim", "a wrong guess", f"198.51.100.{attempt}").status_code == 200
    for spelling in ("ｖｉｃｔｉｍ", "𝐯𝐢𝐜𝐭𝐢𝐦", "VICTIM", " victim"):
        assert log_in(spelling, "the right passphrase", "203.0.113.9").status_code == 429
    caches[settings.ARCHIVE_LOGIN_CACHE].clear()
    for attempt in range(LIMIT):
        assert log_in("ｖｉｃｔｉｍ", "a wrong guess", f"198.51.100.{attempt}").status_code == 200
    assert log_in("victim", "the right passphrase", "203.0.113.9").status_code == 429
