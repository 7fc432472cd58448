"""The only URLs the archive stores and links to: absolute http(s) URLs with a host.

A capture's URL is shown as a link ("Captured from", citations): a `javascript:` or `data:` URL
there would run in the archive's own pages, and a `file:` or `ftp:` one is of no use to a reader.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# No whitespace or control character anywhere: browsers drop tabs and line breaks inside a URL,
# so "java\tscript:" is `javascript:` to them.
_WEB_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f-\x9f]+", re.IGNORECASE)


def web_url(value: str | None) -> str | None:
    """`value` (stripped) when it is an absolute http(s) URL with a host, else None."""
    if not value:
        return None
    value = value.strip()
    if not _WEB_URL.fullmatch(value):
        return None
    try:
        host = urlsplit(value).hostname
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return None
    return value if host else None
