"""Gunicorn reads this file from the folder it starts in (`make run`, `make serve`, the tests'
servers); elsewhere pass it with `-c /path/to/gunicorn.conf.py` (docs/deploy.md)."""

from archive.gunicorn_errors import install

install()  # gunicorn's own error responses (414, 431, 400) carry the security headers too
