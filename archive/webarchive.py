"""Web archives as input: `.warc`, `.warc.gz` and `.wacz` files (Heritrix, Browsertrix, wget,
ArchiveBox…), read with warcio.

Every HTML response record (or resource record) of status 200 is a capture: its URL is the
record's `WARC-Target-URI`, its capture time the `WARC-Date`, and its provenance the record's id,
digest and place in the file. What is no capture is skipped and counted by kind (`SKIPPED`):
non-HTML responses, redirects, revisits, error statuses, and the records that hold no page
(requests, metadata, warcinfo). A WACZ is a zip whose `archive/*.warc(.gz)` members are read
in turn.

Everything is streamed: records are read one at a time from the (compressed) file, and a page
body is read to the capture size limit at most, so a WARC of any size never sits in memory.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from archive.ingest import Rejected, decode_capture_bytes, read_captures
from archive.ingest.capture import MAX_CAPTURE_BYTES
from archive.ingest.weburl import web_url
from archive.models import CaptureMethod
from archive.provenance import SourcedCapture

WEB_ARCHIVE_SUFFIXES = (".warc", ".warc.gz", ".wacz")
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})

# The kinds of skipped records, as the report counts them.
NON_HTML, REDIRECT, REVISIT, HTTP_ERROR, OTHER_RECORD = (
    "non_html",
    "redirect",
    "revisit",
    "http_error",
    "other_record",
)

_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


def is_web_archive(path: str | Path) -> bool:
    return str(path).lower().endswith(WEB_ARCHIVE_SUFFIXES)


def read_all(paths: Iterable[str | Path], skipped: dict[str, int]) -> Iterator:
    """`read_captures(paths)`, with each web archive met (given, or in a folder) read record by
    record instead of refused as an unsupported file; what it skips is counted in `skipped`."""
    for item in read_captures(paths):
        if (
            isinstance(item, Rejected)
            and item.reason.startswith("unsupported file type")
            and is_web_archive(item.path)
        ):
            yield from read_web_archive(Path(item.path), skipped)
        else:
            yield item


def read_web_archive(path: Path, skipped: dict[str, int]) -> Iterator[SourcedCapture | Rejected]:
    """The captures of one `.warc`, `.warc.gz` or `.wacz` file; a broken file is one Rejected
    (after the captures read before the break)."""
    try:
        if str(path).lower().endswith(".wacz"):
            yield from _read_wacz(path, skipped)
        else:
            with path.open("rb") as stream:
                yield from _read_warc(stream, str(path), path.name, None, skipped)
    except OSError as error:
        yield Rejected(str(path), f"cannot read file: {error.strerror or error}")
    except (ArchiveLoadFailed, zipfile.BadZipFile, EOFError, ValueError) as error:
        yield Rejected(str(path), f"not a readable web archive: {error}")
    except Exception as error:  # warcio trips on some malformed records (AttributeError…)
        yield Rejected(str(path), f"not a readable web archive: {error!r}")


def _read_wacz(path: Path, skipped: dict[str, int]) -> Iterator[SourcedCapture | Rejected]:
    with zipfile.ZipFile(path) as wacz:
        members = sorted(
            name
            for name in wacz.namelist()
            if name.startswith("archive/") and name.lower().endswith((".warc", ".warc.gz"))
        )
        if not members:
            yield Rejected(str(path), "a WACZ without archive/*.warc.gz members")
            return
        for member in members:
            with wacz.open(member) as stream:  # decompressed as it is read
                yield from _read_warc(stream, f"{path}!{member}", path.name, member, skipped)


def _read_warc(
    stream, where: str, file_name: str, member: str | None, skipped: dict[str, int]
) -> Iterator[SourcedCapture | Rejected]:
    records = ArchiveIterator(stream, no_record_parse=False)
    for record in records:
        if record.format != "warc":
            # warcio also reads the older ARC format, and takes any text for it.
            yield Rejected(where, "not a WARC file (no WARC record)")
            return
        kind = _skip_reason(record)
        if kind:
            skipped[kind] = skipped.get(kind, 0) + 1
            continue
        # Read before its offset is asked for: warcio finds the offset by reading to its end.
        data = record.content_stream().read(MAX_CAPTURE_BYTES + 1)
        offset = records.get_record_offset()
        yield _capture_of(record, data, f"{where}@{offset}", file_name, member, offset)


def _skip_reason(record) -> str | None:
    if record.rec_type == "revisit":
        return REVISIT
    if record.rec_type not in ("response", "resource"):
        return OTHER_RECORD
    if record.rec_type == "response":
        if record.http_headers is None:  # a response of another protocol (dns:, ftp:)
            return OTHER_RECORD
        status = record.http_headers.get_statuscode() or ""
        if status.startswith("3"):
            return REDIRECT
        if status != "200":
            return HTTP_ERROR
    if not is_html_type(_content_type(record)):
        return NON_HTML
    return None


def _content_type(record) -> str | None:
    if record.rec_type == "response":
        return record.http_headers.get_header("Content-Type")
    return record.rec_headers.get_header("Content-Type")


def is_html_type(content_type: str | None) -> bool:
    return media_type(content_type) in HTML_TYPES


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower()


def decode_page(data: bytes, content_type: str | None) -> str:
    """A web page's text: in the charset its Content-Type names when it decodes in it, else as
    a file's bytes are decoded (`decode_capture_bytes`). `ValueError` when it is no text."""
    match = _CHARSET.search(content_type or "")
    if match:
        try:
            text = data.decode(match.group(1))
        except (LookupError, UnicodeDecodeError):
            pass
        else:
            if text.strip() and "\x00" not in text:
                return text
    return decode_capture_bytes(data)


def _capture_of(record, data: bytes, where: str, file_name: str, member: str | None, offset):
    """The capture of a page record whose body (`content_stream`, which undoes the transfer and
    content encodings: chunked, gzip) is `data`, read to one byte over the limit."""
    headers = record.rec_headers
    url = web_url(headers.get_header("WARC-Target-URI"))
    if url is None:
        return Rejected(where, "record without an http(s) WARC-Target-URI")
    if len(data) > MAX_CAPTURE_BYTES:
        return Rejected(where, f"page too large (over the {MAX_CAPTURE_BYTES / 1e6:g} MB limit)")
    try:
        raw = decode_page(data, _content_type(record))
    except ValueError as error:
        return Rejected(where, str(error))
    detail = {
        "file": file_name,
        "record_id": headers.get_header("WARC-Record-ID"),
        "warc_date": headers.get_header("WARC-Date"),
        "target_url": url,
        "digest": headers.get_header("WARC-Payload-Digest")
        or headers.get_header("WARC-Block-Digest"),
        "offset": offset,
    }
    if member:
        detail["member"] = member
    return SourcedCapture(
        raw=raw,
        format="html",
        path=where,
        url=url,
        captured_at=warc_date(headers.get_header("WARC-Date")),
        method=CaptureMethod.WARC,
        detail={key: value for key, value in detail.items() if value is not None},
    )


def warc_date(value: str | None) -> datetime | None:
    """A `WARC-Date` (ISO 8601, UTC, to the second or finer) as an aware datetime."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
