"""Everything done to one capture before the database is involved.

Hash it, clean it and extract its metadata, sanitise its HTML, fingerprint its text: about half of
an import's work, and pure, so that an import can run it in a worker process on another core
(archive/ingest/parallel.py) while the main process stores the captures before it.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from archive.ingest import grouping
from archive.ingest.capture import Capture
from archive.ingest.pipeline import Extracted, IngestError, extract
from archive.ingest.sanitize import sanitize_html

log = logging.getLogger(__name__)

# Titles longer than this are cut when stored (Article.title's max_length).
TITLE_LENGTH = 300


@dataclass(slots=True)
class Prepared:
    """A capture made ready to store, or the reason it cannot be."""

    capture: Capture
    content_hash: str
    extracted: Extracted | None = None
    error: str | None = None
    raw: str = ""  # what is stored of the capture: text verbatim, HTML sanitised
    fingerprint: dict | None = None  # grouping.fingerprint of the stored title and body


def content_hash(capture: Capture) -> str:
    return hashlib.sha256(capture.raw.encode("utf-8")).hexdigest()


def prepare(capture: Capture, digest: str | None = None) -> Prepared:
    """Clean and extract `capture`; never raises for a bad capture (`error` says why)."""
    digest = digest or content_hash(capture)
    try:
        extracted = extract(capture)
    except IngestError as exc:
        return Prepared(capture, digest, error=str(exc))
    except Exception as exc:  # A bug on one odd capture must not stop the batch; it is reported.
        log.exception("could not extract %s", capture.path)
        return Prepared(capture, digest, error=f"internal error while cleaning: {exc!r}")
    # Text is kept verbatim; HTML only sanitised (nothing executable is ever stored).
    raw = sanitize_html(capture.raw) if capture.format == "html" else capture.raw
    text = grouping.fingerprint(
        grouping.evidence_of(
            title=extracted.title[:TITLE_LENGTH],
            body=extracted.body,
            published_on=extracted.published_on,
            year_inferred=extracted.year_inferred,
            language=extracted.language,
            people=(),  # not part of a fingerprint: the people are stored on the article
        )
    )
    return Prepared(capture, digest, extracted=extracted, raw=raw, fingerprint=text)
