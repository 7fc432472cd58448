"""How each capture reached the archive: a file, a web archive's record, a page fetched from the
web, an outlet's feed. Stored on the article (`capture_method`, `capture_detail`) and shown on its
page (`describe`).

A capture read from the web carries its provenance with it (`SourcedCapture`), through the same
import pipeline as a file's; a plain `Capture` was read from a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath

from django.utils.translation import gettext_lazy as _

from archive.ingest import Capture
from archive.ingest.weburl import web_url
from archive.models import Article, CaptureMethod


@dataclass(frozen=True, eq=False)
class SourcedCapture(Capture):
    """A capture with its provenance: `method` (a CaptureMethod) and `detail` (JSON-able)."""

    method: str = CaptureMethod.FILE
    detail: dict = field(default_factory=dict)


def provenance_of(capture: Capture) -> tuple[str, dict]:
    """The capture method and detail to store with `capture`'s article."""
    if isinstance(capture, SourcedCapture):
        return str(capture.method), dict(capture.detail)
    # A file's name, not its path: a path on the importing machine says nothing to a reader.
    return CaptureMethod.FILE, {"file": PurePath(capture.path).name}


_HOW = {
    CaptureMethod.FILE: _("Imported from a file"),
    CaptureMethod.WARC: _("Imported from a web archive (WARC record)"),
    CaptureMethod.URL: _("Captured from the web by the archive"),
    CaptureMethod.FEED: _("Captured from the outlet's feed by the archive"),
}


@dataclass(frozen=True)
class Provenance:
    """What the article page says about a capture: how, the lines under it, and whether the
    viewer may open the raw capture."""

    how: str
    lines: list[tuple[str, str, str | None]]  # (label, value, link or None)
    raw_allowed: bool


def may_see_raw(user) -> bool:
    """The raw-capture rule: whoever may view articles in the admin (editors, administrators)."""
    return bool(user and user.is_active and user.is_staff and user.has_perm("archive.view_article"))


def describe(article: Article, user=None) -> Provenance:
    """The provenance block of `article`'s page. Visitors see how and from where; the file names
    an import came from, and the raw capture, only who may see raw captures."""
    detail = article.capture_detail if isinstance(article.capture_detail, dict) else {}
    staff = may_see_raw(user)
    lines: list[tuple[str, str, str | None]] = []

    def add(label, value, link=None):
        if value not in (None, ""):
            lines.append((label, str(value), web_url(link) if link else None))

    method = article.capture_method
    if method == CaptureMethod.WARC:
        add(_("Record"), detail.get("record_id"))
        add(_("Archived from"), detail.get("target_url"), detail.get("target_url"))
        add(_("Digest"), detail.get("digest"))
        if staff:
            add(_("Web archive"), detail.get("file"))
    elif method in (CaptureMethod.URL, CaptureMethod.FEED):
        if detail.get("feed"):
            add(_("Feed"), detail["feed"], detail["feed"])
        requested = detail.get("requested_url")
        if requested and requested != article.url:
            add(_("Asked for"), requested, requested)
    elif staff:
        add(_("File"), detail.get("file"))
    return Provenance(
        how=_HOW.get(method, _HOW[CaptureMethod.FILE]), lines=lines, raw_allowed=staff
    )
