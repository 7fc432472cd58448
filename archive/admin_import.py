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

import logging
from collections import Counter

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
from archive.importer import ImportReport
from archive.ingest.capture import (
    MAX_CAPTURE_BYTES,
)
from archive.uploads import (
    CAPTURE_SUFFIXES,
    FORM_OVERHEAD_BYTES,
    ZIP_SUFFIX,
    UploadLimits,
    UploadRefused,
    megabytes,
    too_many_files,
)

log = logging.getLogger(__name__)

PERMISSION = "archive.add_article"
TEMPLATE = "admin/archive/import.html"
JOB_TEMPLATE = "admin/archive/import_job.html"


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
        "max_bytes": megabytes(limits.max_bytes),
        "max_capture_bytes": megabytes(MAX_CAPTURE_BYTES),
    }
    return TemplateResponse(
        request, TEMPLATE, context, status=refusal.status if refusal else status
    )
