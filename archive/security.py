"""Web security the framework leaves to us: a Content-Security-Policy and Permissions-Policy on
every response, and a limit on failed admin logins.

Django 5.2 has no CSP support of its own; the archive needs one fixed policy and no nonces (its
pages carry no inline script or style), so a few lines here beat a new dependency.
"""

from __future__ import annotations

import base64
import hashlib
import math
import re
import time
import unicodedata
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import caches
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, QueryDict
from django.template.response import TemplateResponse

# Every resource from our own origin only, nothing inline. Two exceptions, both narrow:
# - images may be data: URLs (the admin's widgets draw a few that way);
# - django-simple-history's history list has one fixed style attribute, `border-top: 0`, allowed
#   by its hash alone ('unsafe-hashes' lets a hash match an attribute, never a <style> element).
HISTORY_LIST_STYLE_HASH = (
    f"'sha256-{base64.b64encode(hashlib.sha256(b'border-top: 0').digest()).decode()}'"
)
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        f"style-src 'self' 'unsafe-hashes' {HISTORY_LIST_STYLE_HASH}",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# Powerful features the archive never uses, switched off for it and anything it might embed.
PERMISSIONS_POLICY = "camera=(), geolocation=(), microphone=(), payment=()"


class SecurityHeadersMiddleware:
    """Adds the CSP and Permissions-Policy headers. Listed before WhiteNoise so that static files,
    which WhiteNoise answers without going further down the stack, get them too."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


# --- Control characters in what visitors send ---------------------------------------------------
#
# PostgreSQL refuses NUL in text (`/people/?q=%00` was a DataError, a 500) and no parameter or
# cookie of the archive means anything with a control character in it. Every query parameter's
# name and values, and every cookie (the session key is looked up in the database), have them
# replaced by a space, as the search box does, before any view or middleware reads them. Form
# bodies are left alone: reading them here would bypass the admin import's upload limits, and
# Django's form fields already refuse NUL.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def without_controls(text: str) -> str:
    return CONTROL_CHARACTERS.sub(" ", text)


class ControlCharactersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.GET
        if any(CONTROL_CHARACTERS.search(key + "".join(query.getlist(key))) for key in query):
            cleaned = QueryDict(mutable=True)
            for key, values in query.lists():
                cleaned.setlist(without_controls(key), [without_controls(v) for v in values])
            cleaned._mutable = False
            request.GET = cleaned
        cookies = request.COOKIES
        if any(CONTROL_CHARACTERS.search(key + value) for key, value in cookies.items()):
            request.COOKIES = {
                without_controls(key): without_controls(value) for key, value in cookies.items()
            }
        return self.get_response(request)


# --- Failed admin logins -------------------------------------------------------------------------
#
# Counted per client address and per username in a fixed window, in the "logins" cache (a file
# cache in the data dir, shared by every gunicorn worker). Once either count reaches its limit,
# the login form answers 429 until the window that started with the first failure has passed,
# even for the right password: otherwise guessing could go on and only be told apart by success.


def _login_cache():
    return caches[settings.ARCHIVE_LOGIN_CACHE]


def _client_address(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR") or "unknown"


def login_name(username: str) -> str:
    """The name a username's attempts are counted under: NFKC as Django's login form reads it
    (`ｖｉｃｔｉｍ` logs in as `victim`), then case-folded, and NFKC again since folding can
    undo it. Every spelling that can reach one account counts towards one limit."""
    name = unicodedata.normalize("NFKC", username.strip())
    return unicodedata.normalize("NFKC", name.casefold()).strip()


def _keys(request: HttpRequest, username: str | None) -> list[tuple[str, int]]:
    """The counters this attempt touches, each with its limit."""
    address = _client_address(request)
    keys = [(f"login-failures:address:{address}", settings.ARCHIVE_LOGIN_MAX_FAILURES_PER_ADDRESS)]
    if username and (name := login_name(username)):
        digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()
        keys.append((f"login-failures:user:{digest}", settings.ARCHIVE_LOGIN_MAX_FAILURES_PER_USER))
    return keys


def seconds_blocked(request: HttpRequest, username: str | None) -> int:
    """How long this address or username stays refused; 0 when it may try."""
    now = time.time()
    cache = _login_cache()
    waits = [
        ends - now
        for key, limit in _keys(request, username)
        for count, ends in [cache.get(key, (0, now))]
        if count >= limit and ends > now
    ]
    return math.ceil(max(waits)) if waits else 0


def record_failure(request: HttpRequest, username: str | None) -> None:
    now = time.time()
    cache = _login_cache()
    for key, _limit in _keys(request, username):
        count, ends = cache.get(key, (0, 0.0))
        if ends <= now:  # the previous window is over: this failure opens a new one
            count, ends = 0, now + settings.ARCHIVE_LOGIN_WINDOW_SECONDS
        cache.set(key, (count + 1, ends), timeout=math.ceil(ends - now))


@receiver(user_login_failed)
def _count_failed_login(sender, credentials, request=None, **kwargs):
    if request is not None:  # authenticate() outside a request (a shell, a test) is not a login
        record_failure(request, credentials.get("username"))


@receiver(user_logged_in)
def _forget_username_failures(sender, request, user, **kwargs):
    # The owner got in: their earlier typos should not count towards a later lock-out. The
    # address's count stays, so one valid account cannot be used to reset an attack on others.
    if request is not None:
        _login_cache().delete_many([key for key, _ in _keys(request, user.get_username())[1:]])


def limit_failed_logins(login_view: Callable) -> Callable:
    """Wraps the admin's login view: a refused address or username gets a 429 page saying when
    to try again, and the view (and the password check) is not run at all."""

    @wraps(login_view)
    def view(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "POST":
            wait = seconds_blocked(request, request.POST.get("username"))
            if wait:
                response = TemplateResponse(
                    request,
                    "admin/login_refused.html",
                    {"title": "Too many failed logins", "minutes": math.ceil(wait / 60)},
                    status=429,
                )
                response["Retry-After"] = str(wait)
                return response
        return login_view(request, *args, **kwargs)

    return view
