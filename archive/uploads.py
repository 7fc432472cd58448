"""Staging uploaded capture files safely, and importing them (the admin's import, issue 8).

Uploads are untrusted: the whole upload is bounded in bytes and files (zip members counted); a
zip member is never written to a path built from its name (members climbing out of the archive,
symbolic links, encrypted members, nested zips and unsupported types are refused with a reason;
folders and hidden or ``__MACOSX`` entries are skipped); zip bombs are caught by declared sizes
first, then by the bytes actually produced while decompressing in chunks. Used by the upload view
(``admin_import``) and the background import jobs (``import_jobs``).
"""

from __future__ import annotations

import calendar
import os
import re
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.conf import settings

from archive.importer import FileResult, ImportReport, import_captures
from archive.ingest.capture import (
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    MAX_CAPTURE_BYTES,
    TEXT_SUFFIXES,
)

DEFAULT_MAX_UPLOAD_BYTES = 50_000_000
DEFAULT_MAX_FILES = 500
DEFAULT_MAX_UNZIPPED_BYTES = 200_000_000
# A member inflating more than this many times its compressed size is taken for a bomb...
MAX_COMPRESSION_RATIO = 100
# ...once it is larger than this (tiny, repetitive files compress very well and are harmless).
RATIO_CHECKED_ABOVE = 1_000_000
# A zip may list this many times the file limit in entries (folders and metadata included):
# zipfile reads the whole central directory into memory, so it is bounded before it is read.
MAX_ENTRIES_PER_FILE_ALLOWED = 4
# Room for the form's own fields and multipart headers on top of the files' bytes.
FORM_OVERHEAD_BYTES = 1_000_000
CHUNK_BYTES = 64 * 1024

CAPTURE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
ZIP_SUFFIX = ".zip"
_DRIVE_LETTER = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class UploadLimits:
    max_bytes: int
    max_files: int
    max_unzipped_bytes: int

    @classmethod
    def from_settings(cls) -> UploadLimits:
        return cls(
            max_bytes=getattr(settings, "ARCHIVE_UPLOAD_MAX_BYTES", DEFAULT_MAX_UPLOAD_BYTES),
            max_files=getattr(settings, "ARCHIVE_UPLOAD_MAX_FILES", DEFAULT_MAX_FILES),
            max_unzipped_bytes=getattr(
                settings, "ARCHIVE_UPLOAD_MAX_UNZIPPED_BYTES", DEFAULT_MAX_UNZIPPED_BYTES
            ),
        )

    def too_large(self) -> str:
        return f"The upload is too large: at most {megabytes(self.max_bytes)} in all."


class UploadRefused(Exception):
    """The upload as a whole is refused; nothing was imported."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def too_many_files(limit: int, count: int | None = None) -> str:
    found = f" ({count} found)" if count is not None else ""
    return (
        f"Too many files{found}: at most {limit} at once, counting the files inside zip "
        "archives. Split the upload."
    )


def megabytes(size: int) -> str:
    return f"{size / 1e6:g} MB"


# --- the form ---------------------------------------------------------------------------------


# --- staging the upload and importing it -------------------------------------------------------


@dataclass
class StagedEntry:
    """One file the editor sent, directly or inside a zip, and what became of it."""

    name: str  # as uploaded: "a.txt", or "pack.zip/folder/b.txt" for a zip member
    stored: str | None = None  # its generated file name in the temporary folder
    reason: str | None = None  # why it was refused before import


def import_uploads(uploads: Sequence, limits: UploadLimits | None = None) -> ImportReport:
    """Stage uploaded files in a temporary folder, import them, and report by uploaded name.

    Raise `UploadRefused` when the upload as a whole breaks a limit (nothing is imported then).
    """
    limits = limits or UploadLimits.from_settings()
    with tempfile.TemporaryDirectory(prefix="archive-upload-") as folder:
        entries = Stager(Path(folder), limits).stage(uploads)
        report = import_captures([folder]) if any(e.stored for e in entries) else ImportReport()
        return by_uploaded_name(report, entries, folder)


def by_uploaded_name(report: ImportReport, entries: list[StagedEntry], folder: str) -> ImportReport:
    """The report with each result under the name the editor uploaded, in upload order, and the
    files refused while staging as rejected."""
    results: dict[str, list[FileResult]] = {}
    prefix = folder.rstrip(os.sep) + os.sep
    for result in report.files:
        stored, _, line = result.path.removeprefix(prefix).partition(":")
        results.setdefault(stored, []).append((result, line))
    files = []
    for entry in entries:
        if entry.reason:
            files.append(FileResult(entry.name, "rejected", entry.reason))
            continue
        found = results.get(entry.stored, [])
        if not found:
            files.append(FileResult(entry.name, "rejected", "no captures in this file"))
        for result, line in found:
            name = f"{entry.name}:{line}" if line else entry.name
            files.append(FileResult(name, result.status, result.error, result.article))
    return ImportReport(files=files, events_created=report.events_created)


@dataclass
class _Member:
    info: zipfile.ZipInfo
    name: str
    reason: str | None = None


@dataclass
class Stager:
    folder: Path
    limits: UploadLimits
    entries: list[StagedEntry] = field(default_factory=list)
    declared_unzipped: int = 0
    unzipped: int = 0

    def stage(self, uploads: Iterable) -> list[StagedEntry]:
        with ExitStack() as open_archives:
            # First list everything (zip members included), so limits hold before any writing.
            plan: list[tuple[object, zipfile.ZipFile | None, list[_Member], str | None]] = []
            count = 0
            for upload in uploads:
                if _suffix(upload.name) != ZIP_SUFFIX:
                    plan.append((upload, None, [], None))
                    count += 1
                    continue
                archive, refusal = self._open_zip(upload)
                if archive is None:
                    plan.append((upload, None, [], refusal))
                    count += 1
                    continue
                open_archives.callback(archive.close)
                members = self._members(upload.name, archive)
                plan.append((upload, archive, members, None))
                count += len(members)
            if count > self.limits.max_files:
                raise UploadRefused(too_many_files(self.limits.max_files, count))
            for upload, archive, members, refusal in plan:
                if refusal:
                    self.entries.append(StagedEntry(upload.name, reason=refusal))
                elif archive is None:
                    self._store_upload(upload)
                else:
                    for member in members:
                        self._store_member(archive, member)
        return self.entries

    # -- plain uploads

    def _store_upload(self, upload) -> None:
        suffix = _suffix(upload.name)
        if suffix not in CAPTURE_SUFFIXES:
            self.entries.append(StagedEntry(upload.name, reason=_unsupported(suffix)))
            return
        stored = self._new_name(suffix)
        with open(self.folder / stored, "xb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        self.entries.append(StagedEntry(upload.name, stored=stored))

    def _new_name(self, suffix: str) -> str:
        # Never derived from what was uploaded: a counter and a suffix from CAPTURE_SUFFIXES.
        return f"{len(self.entries) + 1:05d}{suffix}"

    # -- zip archives

    def _open_zip(self, upload) -> tuple[zipfile.ZipFile | None, str | None]:
        fileobj = upload.file
        try:
            fileobj.seek(0)
            entries = _declared_entry_count(fileobj)
            limit = MAX_ENTRIES_PER_FILE_ALLOWED * self.limits.max_files
            if entries is not None and entries > limit:
                return None, f"zip archive lists {entries} entries (at most {limit})"
            fileobj.seek(0)
            return zipfile.ZipFile(fileobj), None
        except zipfile.BadZipFile as error:
            return None, f"not a valid zip archive ({error})"
        except (zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError) as error:
            return None, f"not a readable zip archive ({error})"

    def _members(self, zip_name: str, archive: zipfile.ZipFile) -> list[_Member]:
        """The members to report on (folders and hidden entries left out), each with the
        reason it is refused, if it is."""
        members = []
        for info in archive.infolist():
            name = info.filename
            refusal = _unsafe_name(name)
            if refusal is None and (info.is_dir() or _is_junk(name)):
                continue
            if refusal is None:
                refusal = self._member_refusal(info)
            members.append(_Member(info, f"{zip_name}/{name}", refusal))
        return members

    def _member_refusal(self, info: zipfile.ZipInfo) -> str | None:
        if stat.S_ISLNK(info.external_attr >> 16):
            return "symbolic link (not imported)"
        if info.flag_bits & 0x1:
            return "encrypted member (not imported)"
        suffix = _suffix(info.filename)
        if suffix == ZIP_SUFFIX:
            return "nested zip archive (not expanded; upload it on its own)"
        if suffix not in CAPTURE_SUFFIXES:
            return _unsupported(suffix)
        cap = self._member_cap(suffix)
        if info.file_size > cap:
            return f"too large when unzipped ({megabytes(info.file_size)} > {megabytes(cap)} limit)"
        if _suspicious_ratio(info.file_size, info.compress_size):
            ratio = info.file_size // max(info.compress_size, 1)
            return (
                f"compression ratio {ratio}:1 is above {MAX_COMPRESSION_RATIO}:1 "
                "(possible zip bomb; not unzipped)"
            )
        if self.declared_unzipped + info.file_size > self.limits.max_unzipped_bytes:
            return self._unzipped_total_reason()
        self.declared_unzipped += info.file_size
        return None

    def _member_cap(self, suffix: str) -> int:
        # A .jsonl batch may hold many captures (it is read line by line); others are one.
        if suffix in JSONL_SUFFIXES:
            return self.limits.max_unzipped_bytes
        return MAX_CAPTURE_BYTES

    def _unzipped_total_reason(self) -> str:
        return f"unzipped files would exceed {megabytes(self.limits.max_unzipped_bytes)} in all"

    def _store_member(self, archive: zipfile.ZipFile, member: _Member) -> None:
        if member.reason:
            self.entries.append(StagedEntry(member.name, reason=member.reason))
            return
        info = member.info
        suffix = _suffix(info.filename)
        stored = self._new_name(suffix)
        path = self.folder / stored
        try:
            written = self._inflate(archive, info, path, self._member_cap(suffix))
        except _Refused as refusal:
            path.unlink(missing_ok=True)
            self.entries.append(StagedEntry(member.name, reason=str(refusal)))
            return
        self.unzipped += written
        _set_mtime(path, info)
        self.entries.append(StagedEntry(member.name, stored=stored))

    def _inflate(self, archive, info: zipfile.ZipInfo, path: Path, cap: int) -> int:
        """Decompress one member in chunks, counting what it really produces against the caps."""
        written = 0
        try:
            with archive.open(info) as source, open(path, "xb") as out:
                while chunk := source.read(CHUNK_BYTES):
                    written += len(chunk)
                    if written > cap:
                        raise _Refused(f"too large when unzipped (over {megabytes(cap)} limit)")
                    if self.unzipped + written > self.limits.max_unzipped_bytes:
                        raise _Refused(self._unzipped_total_reason())
                    if _suspicious_ratio(written, info.compress_size):
                        raise _Refused(
                            f"compression ratio above {MAX_COMPRESSION_RATIO}:1 "
                            "(possible zip bomb; not unzipped)"
                        )
                    out.write(chunk)
        except zipfile.BadZipFile as error:
            raise _Refused(f"corrupt zip member ({error})") from None
        except (zlib.error, EOFError, OSError, ValueError) as error:
            raise _Refused(f"corrupt zip member ({error})") from None
        except NotImplementedError as error:
            raise _Refused(f"unsupported zip compression ({error})") from None
        return written


class _Refused(Exception):
    """One file refused while staging, with the reason."""


def _suffix(name: str) -> str:
    return PurePosixPath(name.replace("\\", "/")).suffix.lower()


def _unsupported(suffix: str) -> str:
    kinds = ", ".join(sorted(CAPTURE_SUFFIXES))
    return f"unsupported file type {suffix or '(no extension)'} (accepted: {kinds}, .zip)"


def _unsafe_name(name: str) -> str | None:
    """Why a member's name is unsafe to honour, or None. (It is never used as a path anyway.)"""
    normal = name.replace("\\", "/")
    if not normal.strip("/"):
        return "member without a name"
    if normal.startswith("/"):
        return "absolute path (not imported)"
    if _DRIVE_LETTER.match(normal):
        return "path with a drive letter (not imported)"
    if ".." in normal.split("/"):
        return "path leading outside the archive (not imported)"
    if any(not char.isprintable() for char in normal):
        return "name with control characters (not imported)"
    return None


def _is_junk(name: str) -> bool:
    """Hidden files and macOS resource forks, which are never captures."""
    parts = [part for part in name.replace("\\", "/").split("/") if part not in ("", ".")]
    return any(part.startswith(".") or part == "__MACOSX" for part in parts)


def _suspicious_ratio(size: int, compressed: int) -> bool:
    return size > RATIO_CHECKED_ABOVE and size > MAX_COMPRESSION_RATIO * max(compressed, 1)


def _declared_entry_count(fileobj) -> int | None:
    """The entry count in the zip's end record, read without loading the central directory.

    Uses zipfile's own (private) reader; None when it is unavailable or finds no end record,
    in which case zipfile.ZipFile decides.
    """
    end_record = getattr(zipfile, "_EndRecData", None)
    index = getattr(zipfile, "_ECD_ENTRIES_TOTAL", None)
    if end_record is None or index is None:
        return None
    record = end_record(fileobj)
    return record[index] if record else None


def _set_mtime(path: Path, info: zipfile.ZipInfo) -> None:
    """Keep the member's own time: a plain capture's capture time is its file's mtime."""
    try:
        moment = calendar.timegm((*info.date_time, 0, 0, 0))
        os.utime(path, (moment, moment))
    except (ValueError, OverflowError, OSError):
        pass
