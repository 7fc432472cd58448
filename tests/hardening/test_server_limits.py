"""Responses gunicorn writes itself carry the security headers too.

A request line over gunicorn's limit (414), too many headers (431) or a malformed request (400)
is answered by gunicorn before Django sees it: those answers lacked the CSP and the other headers
every page has. `gunicorn.conf.py` (read by gunicorn from the folder it starts in) gives them.
"""

import os
import socket
from urllib.parse import urlsplit

import pytest

from tests.live import archive_env, gunicorn, manage

SECURITY_HEADERS = {
    "content-security-policy",
    "permissions-policy",
    "x-frame-options",
    "x-content-type-options",
    "referrer-policy",
}


def raw_request(base: str, request: bytes) -> tuple[int, dict[str, str]]:
    """Send `request` as bytes; the status and headers of the answer."""
    parts = urlsplit(base)
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as sock:
        sock.sendall(request)
        data = b""
        while b"\r\n\r\n" not in data and (chunk := sock.recv(65536)):
            data += chunk
    head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    headers = {}
    for line in head[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(head[0].split()[1]), headers


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("server-limits")
    env = archive_env(tmp_path / "data", os.environ, own_database=True)
    manage(env, "migrate", "--noinput")
    with gunicorn(env, tmp_path / "gunicorn.log", workers=1) as base:
        yield base


def test_gunicorns_own_error_responses_carry_the_security_headers(server):
    host = b"Host: 127.0.0.1\r\n"
    cases = {
        414: b"GET /search/?q=" + b"a" * 9000 + b" HTTP/1.1\r\n" + host + b"\r\n",
        431: b"GET / HTTP/1.1\r\n" + host + b"".join(b"X-H%d: v\r\n" % i for i in range(150))
        + b"\r\n",
        400: b"GET / HTTP/1.1\r\n" + host + b"Bad Header Line\r\n\r\n",
    }  # fmt: skip
    for status, request in cases.items():
        answered, headers = raw_request(server, request)
        assert answered == status
        missing = SECURITY_HEADERS - set(headers)
        assert not missing, f"{status} lacks {missing}"
        assert headers["x-frame-options"] == "DENY"
    # The same headers as the archive's own pages.
    answered, page = raw_request(
        server, b"GET / HTTP/1.1\r\n" + host + b"Connection: close\r\n\r\n"
    )
    assert answered == 200
    _, error = raw_request(server, cases[414])
    for name in SECURITY_HEADERS:
        assert error[name] == page[name], name
