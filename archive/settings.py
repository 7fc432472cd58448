"""Settings, read strictly from the environment (see INTERFACE.md and README.md).

Every variable is optional; a malformed value stops start-up with an ImproperlyConfigured error that
names the variable, rather than running with a half-understood configuration.
"""

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"", "0", "false", "no", "off"}


def envbool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be a boolean (1/0, true/false, yes/no, on/off), got {raw!r}"
    )


def envlist(name: str, default: str) -> list[str]:
    raw = os.environ.get(name, default)
    items = [item.strip() for item in raw.split(",")]
    if not all(items):
        raise ImproperlyConfigured(
            f"{name} must be a comma-separated list without empty items, got {raw!r}"
        )
    return items


def envint(name: str, default: int, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        value = minimum - 1
    if value < minimum:
        raise ImproperlyConfigured(
            f"{name} must be a whole number of {minimum} or more, got {raw!r}"
        )
    return value


def data_dir() -> Path:
    raw = os.environ.get("ARCHIVE_DATA_DIR", "./var")
    if not raw.strip():
        raise ImproperlyConfigured("ARCHIVE_DATA_DIR must not be empty")
    path = Path(raw).expanduser()
    if not path.is_absolute():
        # Relative to the project, so gunicorn, manage.py and cron agree whatever their cwd.
        path = BASE_DIR / path
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ImproperlyConfigured(
            f"ARCHIVE_DATA_DIR {str(path)!r} cannot be created: {exc}"
        ) from exc
    return path.resolve()


def database_config(default_path: Path) -> dict:
    raw = os.environ.get("DATABASE_URL") or f"sqlite:///{default_path}"
    try:
        config = dj_database_url.parse(raw, conn_max_age=60)
    except (ValueError, KeyError) as exc:  # UnknownSchemeError is a ValueError
        raise ImproperlyConfigured(
            f"DATABASE_URL is not a database URL we understand: {exc}"
        ) from exc
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        # WAL lets readers go on while an ingest writes; the timeout waits out short write locks.
        config["OPTIONS"] = {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    return config


def search_config(default_path: Path) -> dict:
    raw = os.environ.get("SEARCH_URL") or f"whoosh://{default_path}"
    url = urlsplit(raw)
    if url.scheme == "whoosh":
        path = url.netloc + url.path
        if not path:
            raise ImproperlyConfigured(f"SEARCH_URL {raw!r} names no index folder")
        return {"ENGINE": "archive.search.backend.ArchiveWhooshEngine", "PATH": path}
    if url.scheme == "elasticsearch":
        index = url.path.strip("/")
        if not url.hostname or not index or "/" in index:
            raise ImproperlyConfigured(
                f"SEARCH_URL {raw!r} must look like elasticsearch://host:9200/index"
            )
        return {
            "ENGINE": "archive.search.es.backend.ArchiveElasticsearch7SearchEngine",
            "URL": f"http://{url.netloc}/",
            "INDEX_NAME": index,
        }
    raise ImproperlyConfigured(f"SEARCH_URL scheme must be whoosh or elasticsearch, got {raw!r}")


def secret_key(directory: Path) -> str:
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = directory / "secret_key"
    if not key_file.exists():
        # Created once, readable only by us: sessions survive restarts without a key in the repo.
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


ARCHIVE_DATA_DIR = data_dir()
SECRET_KEY = secret_key(ARCHIVE_DATA_DIR)
DEBUG = envbool("DEBUG", False)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "haystack",
    "simple_history",
    "archive",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise, which answers static files itself: they get these headers too.
    "archive.security.SecurityHeadersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Control characters out of parameters and cookies, before anything reads them.
    "archive.security.ControlCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The interface language: the visitor's choice (cookie set by /i18n/setlang/), else their
    # browser's Accept-Language, else LANGUAGE_CODE. URLs carry no language prefix.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "archive.urls"
WSGI_APPLICATION = "archive.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": database_config(ARCHIVE_DATA_DIR / "archive.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

HAYSTACK_CONNECTIONS = {"default": search_config(ARCHIVE_DATA_DIR / "whoosh")}
# Index writes go through a queue table drained after each commit (archive/search/sync.py).
HAYSTACK_SIGNAL_PROCESSOR = "archive.search.signals.QueuedSignalProcessor"
HAYSTACK_SEARCH_RESULTS_PER_PAGE = 20

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# The interface's languages, each named in its own language (the switch in the header shows these
# names). Adding one: an entry here, its catalogue locale/<code>/LC_MESSAGES/django.po and .mo
# (`make messages`), and its date formats archive/formats/<code>/formats.py. Article texts, titles
# and names are never translated: they keep their own language and `lang` attribute.
LANGUAGES = [("en", "English"), ("vi", "Tiếng Việt"), ("ja", "日本語")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Date formats per language (DATE_FORMAT, SHORT_DATE_FORMAT…), over Django's own.
FORMAT_MODULE_PATH = ["archive.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = ARCHIVE_DATA_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve straight from the finders in development and tests, so collectstatic is optional there.
WHITENOISE_USE_FINDERS = DEBUG

LOGIN_URL = "admin:login"
FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6 behaviour now: bare domains become https://

# Security headers: these from SecurityMiddleware and XFrameOptionsMiddleware; the CSP and
# Permissions-Policy from archive/security.py.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# HTTPS, each off by default (a plain-HTTP `make run` must keep working) and switched on by the
# deployer who serves over HTTPS (README, "Serving over HTTPS").
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
# Only behind a proxy that terminates TLS and sets X-Forwarded-Proto itself (never passes on a
# client's): without it, SECURE_SSL_REDIRECT would redirect forever.
if envbool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# "logins", a file cache in the data dir, is shared by every gunicorn worker on this machine and
# needs no table: it holds only the failed-login counters (archive/security.py).
CACHES = {
    # Per process, as before (the event page keeps its comparisons there).
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "logins": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": ARCHIVE_DATA_DIR / "cache" / "logins",
        # Room for the counters of a distributed guessing attack (past this, entries are culled).
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    },
}
ARCHIVE_LOGIN_CACHE = "logins"
# Uploads over 2.5 MB are spooled to disk while the request reads them: here, not /tmp, so that
# what a killed request leaves is swept with the admin's import jobs (archive/import_jobs.py).
FILE_UPLOAD_TEMP_DIR = ARCHIVE_DATA_DIR / "imports"
FILE_UPLOAD_TEMP_DIR.mkdir(exist_ok=True)
# Failed admin logins: at most this many per client address and per username within the window
# (counted from the first failure); then the login form answers 429 until the window ends.
ARCHIVE_LOGIN_MAX_FAILURES_PER_ADDRESS = envint("LOGIN_MAX_FAILURES_PER_ADDRESS", 20, minimum=1)
ARCHIVE_LOGIN_MAX_FAILURES_PER_USER = envint("LOGIN_MAX_FAILURES_PER_USER", 5, minimum=1)
ARCHIVE_LOGIN_WINDOW_SECONDS = envint("LOGIN_WINDOW_SECONDS", 15 * 60, minimum=1)

# Uploads in the admin's import page (archive/admin_import.py): files per request, as its own limit.
DATA_UPLOAD_MAX_NUMBER_FILES = 500

# The archive's own knobs.
ARCHIVE_EVENT_WINDOW_DAYS = 3
ARCHIVE_SEARCH_MAX_QUERY_LENGTH = 500
# Extra processes an import uses: cleaning captures and writing the search index run beside the
# process that stores them. 0 does everything in one process (one core, or to debug).
ARCHIVE_INGEST_WORKERS = envint("INGEST_WORKERS", 1 if (os.cpu_count() or 1) > 1 else 0)

# Fetching pages and feeds from the web (`capture`, `watch`: archive/fetching.py, archive/watch.py).
# CONTACT_URL goes in the User-Agent, so that a site's operator can reach whoever runs the archive.
ARCHIVE_CONTACT_URL = os.environ.get("CONTACT_URL", "").strip()
ARCHIVE_FETCH_TIMEOUT = envint("FETCH_TIMEOUT", 20, minimum=1)  # seconds, per response
ARCHIVE_FETCH_MAX_BYTES = envint("FETCH_MAX_BYTES", 5_000_000, minimum=10_000)
ARCHIVE_FETCH_HOST_DELAY = envint("FETCH_HOST_DELAY", 2)  # seconds between requests to a host
ARCHIVE_WATCH_MAX_ITEMS = envint("WATCH_MAX_ITEMS", 30, minimum=1)  # new items a feed's poll takes
ARCHIVE_WATCH_INTERVAL = envint("WATCH_INTERVAL", 900, minimum=60)  # `watch` without --once
ARCHIVE_WATCH_BACKOFF = envint("WATCH_BACKOFF", 600, minimum=1)  # first wait after a failure
ARCHIVE_WATCH_MAX_BACKOFF = 24 * 3600

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"archive": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
