"""The WSGI entry point gunicorn's workers load."""

import os
import subprocess
import sys

from tests.live import REPO, archive_env

CHECK = """
import gc
before = gc.get_freeze_count()
import archive.wsgi
print(before, gc.get_freeze_count(), gc.isenabled())
"""


def test_a_worker_freezes_what_it_loaded_before_serving(tmp_path):
    env = archive_env(tmp_path / "var", os.environ, own_database=True)
    ran = subprocess.run(
        [sys.executable, "-c", CHECK], cwd=REPO, env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr[-3000:]
    before, after, enabled = ran.stdout.split()
    assert int(before) == 0
    assert int(after) > 10_000  # Django and the archive's modules
    assert enabled == "True"  # frozen objects are left alone, the rest is still collected
