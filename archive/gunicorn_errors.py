"""Gunicorn's own error responses with the archive's security headers.

Gunicorn answers some requests itself, before Django sees them: a request line over
`limit_request_line` (414), too many or too large headers (431, 400), a malformed request (400).
Those responses carried none of the headers every page of the archive has (CSP, no framing,
nosniff…). `gunicorn.conf.py` installs `write_error` below in place of gunicorn's own: the same
status and page, with the headers (`archive.security`).
"""

from __future__ import annotations

import html

from gunicorn import util

from archive.security import CONTENT_SECURITY_POLICY, PERMISSIONS_POLICY

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Permissions-Policy": PERMISSIONS_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def write_error(sock, status_int: int, reason: str, mesg: str) -> None:
    reason_html, mesg_html = html.escape(reason), html.escape(mesg)
    body = (
        f"<!doctype html>\n<html><head><title>{reason_html}</title></head>"
        f"<body><h1>{reason_html}</h1><p>{mesg_html}</p></body></html>\n"
    )
    payload = body.encode("utf-8")
    head = [
        f"HTTP/1.1 {status_int} {reason}",
        "Connection: close",
        "Content-Type: text/html; charset=utf-8",
        f"Content-Length: {len(payload)}",
        *(f"{name}: {value}" for name, value in HEADERS.items()),
    ]
    util.write_nonblock(sock, ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + payload)


def install() -> None:
    """Gunicorn's workers call `util.write_error` through the module: replacing it there, in
    the master before the workers fork, covers every worker."""
    util.write_error = write_error
