"""Test settings: the real settings with a throwaway data dir (database, Whoosh index) per run."""

import atexit
import os
import shutil
import tempfile

_data_dir = tempfile.mkdtemp(prefix="archive-tests-")
atexit.register(shutil.rmtree, _data_dir, ignore_errors=True)
os.environ["ARCHIVE_DATA_DIR"] = _data_dir
# Tests never touch a user's own index, whatever their environment says.
os.environ.pop("SEARCH_URL", None)

from archive.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, tests only
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(exist_ok=True)  # noqa: F405 (whitenoise warns about a missing folder)
# An admin import's job runs in the request that queued it (no runner process: the test's
# transaction would hide the upload from it); tests/test_import_jobs.py runs the real runner.
ARCHIVE_IMPORT_JOBS_INLINE = True
