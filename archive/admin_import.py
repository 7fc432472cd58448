"""Importing captures from the admin (issue 8): upload files or zip archives, read the report.

An editor with the `archive.add_article` permission uploads capture files (.txt, .html, .htm,
.jsonl) and zip archives of them at /admin/archive/import/. Everything is written into a fresh
temporary folder under generated names, imported with `archive.importer.import_captures`, and the
same per-file report as `ingest --json` is shown, under the names the editor uploaded.

Uploads are untrusted, so before anything is imported:

- the whole upload is bounded in bytes (`ARCHIVE_UPLOAD_MAX_BYTES`) and in files, zip members
  counted (`ARCHIVE_UPLOAD_MAX_FILES`): an upload over either is refused as a whole, and the
  byte bound is enforced while the request body is read, not after it has been stored;
- a zip member is never written to a path built from its name. Members whose names climb out of
  the archive (`../`, absolute paths, drive letters), symbolic links, encrypted members, nested
  zips and unsupported file types are refused with a reason; folders and hidden or `__MACOSX`
  entries are skipped;
- zip bombs: declared sizes are checked first (per member, total unzipped bytes, compression
  ratio) and members are then decompressed in chunks with the same caps counted on the bytes
  actually produced, so a lying header cannot make us inflate more than the caps allow.
"""

from __future__ import annotations

import calendar
import logging
import os
import re
import stat
import tempfile
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, TooManyFilesSent
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import Http404
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from archive import import_jobs
from archive.importer import FileResult, ImportReport, import_captures
from archive.ingest.capture import (
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    MAX_CAPTURE_BYTES,
    TEXT_SUFFIXES,
)

log = logging.getLogger(__name__)

PERMISSION = "archive.add_article"
TEMPLATE = "admin/archive/import.html"
JOB_TEMPLATE = "admin/archive/import_job.html"

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
        return f"The upload is too large: at most {_mb(self.max_bytes)} in all."


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


def _mb(size: int) -> str:
    return f"{size / 1e6:g} MB"


# --- the form ---------------------------------------------------------------------------------


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that cleans a list of files (Django docs, "Uploading multiple files")."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = list(data) if isinstance(data, list | tuple) else [data] if data else []
        if not files:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return []
        single_file_clean = super().clean
        return [single_file_clean(item, initial) for item in files]


class ImportForm(forms.Form):
    files = MultipleFileField(
        label="Captures",
        # An empty file is reported as rejected with the others, not refused as a form error.
        allow_empty_file=True,
        help_text=".txt, .html, .htm or .jsonl captures, or .zip archives of them.",
        widget=MultipleFileInput(
            attrs={"accept": ",".join(sorted(CAPTURE_SUFFIXES | {ZIP_SUFFIX}))}
        ),
    )


# --- bounding the request body while it is read -----------------------------------------------


class _UploadLimiter(FileUploadHandler):
    """First upload handler: stops reading the body once it holds too many files or bytes.

    It passes every chunk on to Django's own handlers; it only counts.
    """

    def __init__(self, request, limits: UploadLimits):
        super().__init__(request)
        self.limits = limits
        self.files = 0
        self.bytes = 0
        self.refusal: UploadRefused | None = None

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.files += 1
        if self.files > self.limits.max_files:
            self.refusal = UploadRefused(too_many_files(self.limits.max_files))
            raise StopUpload(connection_reset=False)

    def receive_data_chunk(self, raw_data, start):
        self.bytes += len(raw_data)
        if self.bytes > self.limits.max_bytes:
            self.refusal = UploadRefused(self.limits.too_large(), status=413)
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler stores the file


def _declared_length_refusal(request, limits: UploadLimits) -> UploadRefused | None:
    """Refuse a body announced as too large before reading any of it."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return UploadRefused("The upload could not be read (bad Content-Length).")
    if length > limits.max_bytes + FORM_OVERHEAD_BYTES:
        return UploadRefused(limits.too_large(), status=413)
    return None


# --- the view -----------------------------------------------------------------------------------


def _refused(request):
    """The login page for a visitor who is not logged in to the admin; PermissionDenied for a
    user who may not import; None for one who may."""
    site = admin.site
    if not site.has_permission(request):
        return redirect_to_login(
            request.get_full_path(), reverse("admin:login", current_app=site.name)
        )
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    return None


@never_cache
@csrf_exempt  # so the upload limiter is in place before the body is read; checked below
@require_http_methods(["GET", "HEAD", "POST"])
def import_view(request):
    """Upload captures and zip archives of them; show the import report."""
    refused = _refused(request)
    if refused is not None:
        return refused
    limits = UploadLimits.from_settings()
    limiter = None
    if request.method == "POST":
        refusal = _declared_length_refusal(request, limits)
        if refusal:
            return _page(request, ImportForm(), limits, refusal=refusal)
        limiter = _UploadLimiter(request, limits)
        request.upload_handlers.insert(0, limiter)
        try:
            request.POST  # noqa: B018 (read the body now, with the limiter in place)
        except TooManyFilesSent:
            # Django's own DATA_UPLOAD_MAX_NUMBER_FILES, when lower than ours.
            return _page(request, ImportForm(), limits, refusal=UploadRefused(_too_many(limits)))
        except MultiPartParserError as error:
            refusal = UploadRefused(f"The upload could not be read: {error}")
            return _page(request, ImportForm(), limits, refusal=refusal)
    return _import_page(request, limits, limiter)


def _too_many(limits: UploadLimits) -> str:
    django_limit = settings.DATA_UPLOAD_MAX_NUMBER_FILES
    return too_many_files(min(limits.max_files, django_limit or limits.max_files))


@csrf_protect
def _import_page(request, limits: UploadLimits, limiter: _UploadLimiter | None):
    if request.method != "POST":
        if import_jobs.pending() and not import_jobs.runner_alive():
            import_jobs.start_runner()  # jobs a dead runner left (a restart, a kill)
        return _page(request, ImportForm(), limits)
    if limiter and limiter.refusal:
        return _page(request, ImportForm(), limits, refusal=limiter.refusal)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form, limits, status=400)
    try:
        # Staged here, imported by a runner process: an import longer than the request may last
        # is never cut short with its worker (archive/import_jobs.py).
        job = import_jobs.create(form.cleaned_data["files"], limits, request.user.get_username())
    except UploadRefused as refusal:
        return _page(request, ImportForm(), limits, refusal=refusal)
    log.info("admin import by %s: job %s queued", request.user.get_username(), job.id)
    import_jobs.start_runner()
    return redirect("admin-import-job", job_id=job.id)


@never_cache
@require_http_methods(["GET", "HEAD"])
def job_view(request, job_id: str):
    """An import job's progress while it runs (the page reloads itself), then its report."""
    refused = _refused(request)
    if refused is not None:
        return refused
    job = import_jobs.find(job_id)
    if job is None:
        raise Http404("No such import")
    import_jobs.resume_if_interrupted(job)
    state = job.state()
    counts = Counter(result["status"] for result in job.recorded())
    context = {
        **admin.site.each_context(request),
        "title": "Import captures",
        "job": job,
        "state": state,
        "finished": state.get("status") in (import_jobs.DONE, import_jobs.FAILED),
        "progress": {"done": sum(counts.values()), **counts},
        "report": job.report() if state.get("status") == import_jobs.DONE else None,
    }
    return TemplateResponse(request, JOB_TEMPLATE, context)


def _page(
    request,
    form: ImportForm,
    limits: UploadLimits,
    *,
    refusal: UploadRefused | None = None,
    report: ImportReport | None = None,
    status: int = 200,
):
    context = {
        **admin.site.each_context(request),
        "title": "Import captures",
        "form": form,
        "refusal": str(refusal) if refusal else None,
        "report": report,
        "limits": limits,
        "max_bytes": _mb(limits.max_bytes),
        "max_capture_bytes": _mb(MAX_CAPTURE_BYTES),
    }
    return TemplateResponse(
        request, TEMPLATE, context, status=refusal.status if refusal else status
    )


# --- staging the upload and importing it -------------------------------------------------------


@dataclass
class _Entry:
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
        entries = _Stager(Path(folder), limits).stage(uploads)
        report = import_captures([folder]) if any(e.stored for e in entries) else ImportReport()
        return _by_uploaded_name(report, entries, folder)


def _by_uploaded_name(report: ImportReport, entries: list[_Entry], folder: str) -> ImportReport:
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
class _Stager:
    folder: Path
    limits: UploadLimits
    entries: list[_Entry] = field(default_factory=list)
    declared_unzipped: int = 0
    unzipped: int = 0

    def stage(self, uploads: Iterable) -> list[_Entry]:
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
                    self.entries.append(_Entry(upload.name, reason=refusal))
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
            self.entries.append(_Entry(upload.name, reason=_unsupported(suffix)))
            return
        stored = self._new_name(suffix)
        with open(self.folder / stored, "xb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        self.entries.append(_Entry(upload.name, stored=stored))

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
            return f"too large when unzipped ({_mb(info.file_size)} > {_mb(cap)} limit)"
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
        return f"unzipped files would exceed {_mb(self.limits.max_unzipped_bytes)} in all"

    def _store_member(self, archive: zipfile.ZipFile, member: _Member) -> None:
        if member.reason:
            self.entries.append(_Entry(member.name, reason=member.reason))
            return
        info = member.info
        suffix = _suffix(info.filename)
        stored = self._new_name(suffix)
        path = self.folder / stored
        try:
            written = self._inflate(archive, info, path, self._member_cap(suffix))
        except _Refused as refusal:
            path.unlink(missing_ok=True)
            self.entries.append(_Entry(member.name, reason=str(refusal)))
            return
        self.unzipped += written
        _set_mtime(path, info)
        self.entries.append(_Entry(member.name, stored=stored))

    def _inflate(self, archive, info: zipfile.ZipInfo, path: Path, cap: int) -> int:
        """Decompress one member in chunks, counting what it really produces against the caps."""
        written = 0
        try:
            with archive.open(info) as source, open(path, "xb") as out:
                while chunk := source.read(CHUNK_BYTES):
                    written += len(chunk)
                    if written > cap:
                        raise _Refused(f"too large when unzipped (over {_mb(cap)} limit)")
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
