"""Reading raw captures from disk: files, folders and JSON Lines batches.

A capture is what a crawler or a person saved from a news page, before any cleaning.
Reading never raises for a bad input: it yields a ``Rejected`` with a human reason, so a
batch import can report every bad file and still import the good ones.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from archive.ingest.weburl import web_url

# Real news pages are well under 1 MB of text; anything this large is a dump or a mistake,
# and reading it whole would stall a batch import.
MAX_CAPTURE_BYTES = 5_000_000

TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl"})

# Share of control characters above which bytes are taken for binary data, not text.
_MAX_CONTROL_SHARE = 0.01
# Latin-1 text in the languages we archive is mostly ASCII; bytes that decode to a page
# of accented letters are more likely another encoding or binary data.
_MAX_NON_ASCII_SHARE_LATIN1 = 0.3
# C0 and C1 control characters except tab, line breaks and form feed, which text files use.
_BINARY_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")

_BOMS_UTF32 = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
_BOMS_UTF16 = (b"\xff\xfe", b"\xfe\xff")
_BOM_UTF8 = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Capture:
    raw: str
    format: str  # "text" or "html"
    path: str  # file path, or "file.jsonl:LINE"
    url: str | None = None
    outlet: str | None = None  # outlet name hint
    captured_at: datetime | None = None  # tz-aware
    language: str | None = None


@dataclass(frozen=True)
class Rejected:
    path: str
    reason: str


def decode_capture_bytes(data: bytes) -> str:
    """Decode a capture's bytes to text, or raise ``ValueError`` with the reason.

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM are trusted; otherwise the bytes
    are read as Windows-1252/Latin-1, the usual encoding of older Western pages, but only
    when the result looks like text.
    """
    if not data.strip():
        raise ValueError("empty file")
    text = _decode_by_bom(data)
    if text is None:
        if b"\x00" in data:
            raise ValueError("binary file (NUL bytes)")
        text = _decode_utf8_or_latin1(data)
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise ValueError("binary file (control characters)")
    _refuse_nul(text, "the file")
    if not text.strip():
        raise ValueError("empty file")
    return text


def _decode_by_bom(data: bytes) -> str | None:
    """Decode text that announces its encoding with a byte-order mark; None if it has none."""
    # UTF-32 first: its little-endian BOM begins with the UTF-16 one.
    if data.startswith(_BOMS_UTF32):
        return _strict_decode(data, "utf-32", "not valid UTF-32 text")
    if data.startswith(_BOMS_UTF16):
        return _strict_decode(data, "utf-16", "not valid UTF-16 text")
    if data.startswith(_BOM_UTF8):
        return _strict_decode(data[len(_BOM_UTF8) :], "utf-8", "not valid UTF-8 text")
    return None


def _strict_decode(data: bytes, encoding: str, reason: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise ValueError(reason) from None


def _decode_utf8_or_latin1(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; Latin-1 maps every byte.
        text = data.decode("latin-1")
    non_ascii = sum(1 for ch in text if ord(ch) > 127)
    if non_ascii > _MAX_NON_ASCII_SHARE_LATIN1 * len(text):
        raise ValueError("not UTF-8 or Latin-1 text")
    return text


def _refuse_nul(text: str, what: str) -> None:
    # Captures are stored verbatim, and PostgreSQL refuses NUL in text: a capture holding
    # one could never be stored. No real page has one; it is a sign of a broken export.
    if "\x00" in text:
        raise ValueError(f"{what} contains a NUL character")


def _control_share(text: str) -> float:
    return len(_BINARY_CONTROLS.findall(text)) / len(text) if text else 0.0


def read_captures(paths: Iterable[str | Path]) -> Iterator[Capture | Rejected]:
    """Yield a ``Capture`` or a ``Rejected`` for every capture found under ``paths``.

    Folders are walked recursively in sorted order, skipping hidden entries; each real
    folder is visited once, so symlink loops end. A symbolic link inside a folder is followed
    only where it stays within that folder: one leading out of it (to `/etc/passwd`, to
    another user's files) is reported as rejected and never read. ``.jsonl`` files yield one
    item per line.
    """
    for given in paths:
        path = Path(given)
        if not path.exists():
            yield Rejected(str(path), "no such file or folder")
        elif path.is_dir():
            for file_path in _walk_sorted(path):
                if isinstance(file_path, Rejected):
                    yield file_path
                else:
                    yield from _read_capture_file(file_path)
        else:
            yield from _read_capture_file(path)


LINK_OUT_OF_FOLDER = "symbolic link out of the folder given (not followed)"


def _within(path: str, root: str) -> bool:
    real = os.path.realpath(path)
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def _walk_sorted(folder: Path) -> Iterator[Path | Rejected]:
    root = os.path.realpath(folder)
    seen_folders: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=True):
        real = os.path.realpath(dirpath)
        if real in seen_folders:
            # A symlink back into a folder already read: reading it again would loop.
            dirnames[:] = []
            continue
        seen_folders.add(real)
        entries = sorted(
            [(name, True) for name in dirnames if not name.startswith(".")]
            + [(name, False) for name in filenames if not name.startswith(".")]
        )
        dirnames[:] = []
        for name, is_dir in entries:
            path = Path(dirpath) / name
            if not _within(str(path), root):
                yield Rejected(str(path), LINK_OUT_OF_FOLDER)
            elif is_dir:
                dirnames.append(name)
            else:
                yield path
        dirnames.sort()


def _read_capture_file(path: Path) -> Iterator[Capture | Rejected]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path)
        return
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        kind = suffix or "(no extension)"
        yield Rejected(str(path), f"unsupported file type {kind}")
        return
    try:
        data = _read_bounded(path)
        raw = decode_capture_bytes(data)
    except ValueError as error:
        yield Rejected(str(path), str(error))
        return
    except OSError as error:
        yield Rejected(str(path), f"cannot read file: {error.strerror or error}")
        return
    fmt = "html" if suffix in HTML_SUFFIXES or _looks_like_html(raw) else "text"
    yield Capture(raw=raw, format=fmt, path=str(path), captured_at=_modified_at(path))


def _read_bounded(path: Path) -> bytes:
    """The file's bytes; ``ValueError`` when it is no regular file or too large."""
    _require_regular_file(path)
    size = path.stat().st_size
    if size > MAX_CAPTURE_BYTES:
        raise ValueError(_too_large_reason("file", size))
    with path.open("rb") as handle:
        # Never more than the limit, even if the file grew since it was measured.
        data = handle.read(MAX_CAPTURE_BYTES + 1)
    if len(data) > MAX_CAPTURE_BYTES:
        raise ValueError(_too_large_reason("file", len(data)))
    return data


def _require_regular_file(path: Path) -> None:
    # A named pipe would block the import waiting for a writer, and a device such as
    # /dev/zero never ends; both report a size of 0, so only the file type tells them.
    if not stat.S_ISREG(path.stat().st_mode):
        raise ValueError("not a regular file (a pipe, device or socket)")


def _too_large_reason(what: str, size: int) -> str:
    return f"{what} too large ({size / 1e6:.1f} MB > {MAX_CAPTURE_BYTES / 1e6:g} MB limit)"


def _looks_like_html(raw: str) -> bool:
    # Crawlers sometimes save whole pages as .txt; those must still go through the HTML path.
    head = raw.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html"))


def _modified_at(path: Path) -> datetime:
    return datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)


def _read_jsonl(path: Path) -> Iterator[Capture | Rejected]:
    try:
        _require_regular_file(path)
        file_time = _modified_at(path)
        handle = path.open("rb")
    except ValueError as error:
        yield Rejected(str(path), str(error))
        return
    except OSError as error:
        yield Rejected(str(path), f"cannot read file: {error.strerror or error}")
        return
    with handle:
        # Read line by line: a batch file may be far larger than one capture may be.
        for number, line in enumerate(_bounded_lines(handle), start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                yield _capture_from_json_line(line, where, file_time)
            except ValueError as error:
                yield Rejected(where, f"line {number}: {error}")


_SKIP_CHUNK = 1 << 20


def _bounded_lines(handle) -> Iterator[bytes]:
    """The file's lines, each read to at most one byte over the capture limit.

    A longer line is yielded cut there (and rejected as too large); the rest of it is read
    past in chunks and never held whole in memory.
    """
    while True:
        line = handle.readline(MAX_CAPTURE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_CAPTURE_BYTES and not line.endswith(b"\n"):
            while (rest := handle.readline(_SKIP_CHUNK)) and not rest.endswith(b"\n"):
                pass
        yield line


def _capture_from_json_line(line: bytes, where: str, file_time: datetime) -> Capture:
    if len(line) > MAX_CAPTURE_BYTES:  # read only this far: its real size is unknown
        raise ValueError(f"capture too large (over the {MAX_CAPTURE_BYTES / 1e6:g} MB limit)")
    try:
        record = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise ValueError(f"invalid JSON: {error.msg} (column {error.colno})") from None
    except RecursionError:
        raise ValueError("invalid JSON: nested too deeply") from None
    if not isinstance(record, dict):
        raise ValueError("needs a JSON object")
    fmt, raw = _content_of(record)
    captured_at = _parse_captured_at(record.get("captured_at")) or file_time
    return Capture(
        raw=raw,
        format=fmt,
        path=where,
        url=_url(record),
        outlet=_optional_str(record, "outlet"),
        captured_at=captured_at,
        language=_optional_str(record, "language"),
    )


def _content_of(record: dict) -> tuple[str, str]:
    has_text, has_html = "text" in record, "html" in record
    if not has_text and not has_html:
        raise ValueError('needs "text" or "html"')
    if has_text and has_html:
        raise ValueError('has both "text" and "html"; give one')
    key = "text" if has_text else "html"
    value = record[key]
    if not isinstance(value, str):
        raise ValueError(f'"{key}" must be a string')
    if not value.strip():
        raise ValueError(f'empty "{key}"')
    _refuse_nul(value, f'"{key}"')
    return key, value


def _optional_str(record: dict, key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f'"{key}" must be a string')
    _refuse_nul(value, f'"{key}"')
    return value.strip() or None


def _url(record: dict) -> str | None:
    value = _optional_str(record, "url")
    if value is not None and web_url(value) is None:
        raise ValueError(f'"url" must be an http(s) URL, not {value[:80]!r}')
    return value


def _parse_captured_at(value: object) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError('"captured_at" must be an ISO 8601 string')
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f'"captured_at" is not an ISO 8601 date: {value!r}') from None
    # A naive time from a crawler is taken as UTC, the only sane default for a server.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
