"""Everything done to one capture before the database is involved.

Hash it, clean it and extract its metadata, sanitise its HTML, fingerprint its text, find the
officials it names: more than half of an import's work, and pure, so that an import can run it in
a worker process on another core (archive/ingest/parallel.py) while the main process stores the
captures before it.

Finding officials needs the people registry, which grows during an import (a capture names someone
new). The importer shares its registry before the worker is forked (`share_registry`), and each
job carries the people added since the previous job (`Job.news`), so the worker's copy is the
importer's as of the moment the job was handed out. The few people added between that moment and
the moment the capture is stored are checked by the importer (`Prepared.words`).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from archive.ingest import grouping
from archive.ingest.capture import Capture
from archive.ingest.officials import officials_named, principals
from archive.ingest.people import KnownPerson, Mention, Registry, story_text, word_keys
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
    # The officials named, as the shared registry knew them at `registry_version` (None: not
    # looked for, no registry was shared); `words` tells whether people added since matter.
    mentions: list[Mention] | None = None
    registry_version: int = 0
    words: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class PeopleNews:
    """People added to the importer's registry: `added[i]` made it version `start + i + 1`."""

    start: int = 0
    added: tuple[KnownPerson, ...] = ()


@dataclass(frozen=True, slots=True)
class Job:
    """A capture to prepare, with the registry's news since the previous job."""

    capture: Capture
    news: PeopleNews = PeopleNews()


class _SharedRegistry:
    registry: Registry | None = None
    version: int = 0  # how many people were added to it during the import


_shared = _SharedRegistry()


def share_registry(registry: Registry | None, version: int = 0) -> None:
    """(The importer) find people with `registry`, which has had `version` people added so far;
    None stops finding people here (the importer does it)."""
    _shared.registry, _shared.version = registry, version


def registry_grew(version: int) -> None:
    """(The importer) it added people to the shared registry itself: now at `version`."""
    _shared.version = version


def _catch_up(news: PeopleNews) -> bool:
    """Add the news this copy of the registry misses; False if some are missing (a gap)."""
    for number, person in enumerate(news.added, start=news.start):
        if number == _shared.version:
            _shared.registry.add(person)
            _shared.version += 1
    return news.start + len(news.added) <= _shared.version


def prepare_job(job: Job) -> Prepared:
    """`prepare` for a worker: bring its registry up to date first."""
    if _shared.registry is not None and not _catch_up(job.news):
        # Never expected (news arrive in order); the importer then finds the people itself.
        return prepare(job.capture, find_officials=False)
    return prepare(job.capture)


def content_hash(capture: Capture) -> str:
    return hashlib.sha256(capture.raw.encode("utf-8")).hexdigest()


def prepare(capture: Capture, digest: str | None = None, *, find_officials=True) -> Prepared:
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
            place=extracted.place,
            occurred_on=extracted.occurred_on,
            day_written=extracted.day_written,
            captured_on=capture.captured_at.date() if capture.captured_at else None,
        )
    )
    prepared = Prepared(capture, digest, extracted=extracted, raw=raw, fingerprint=text)
    if find_officials and _shared.registry is not None:
        story = story_text(extracted)
        prepared.mentions = officials_named(extracted, _shared.registry)
        text["principals"] = principals(extracted, _shared.registry, prepared.mentions)
        prepared.registry_version = _shared.version
        prepared.words = word_keys(story)
    return prepared
