"""WSGI entry point, served by gunicorn: `gunicorn archive.wsgi`."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")

application = get_wsgi_application()

# What is loaded by now (Django, the archive's modules, settings, URL patterns) lives as long as
# the worker. Frozen, the garbage collector stops visiting it on every full collection, which a
# worker runs every fifty pages or so and the page it falls in waits for (docs/measurements.md).
# Collected first, so that no garbage is kept for good.
gc.collect()
gc.freeze()
