"""Admin imports run as jobs in a process of their own, followed from a progress page.

An import of 500 long captures ran inside the upload request: past gunicorn's 30 s timeout the
worker was killed, part of the batch stored, no report shown, the index not written and the
staged files left behind. Now the request only stages the upload (`uploads.Stager`, with
all its checks) and answers at once with the job's page; a runner process (`manage.py
run_imports`, started by the request in a session of its own) imports it and writes the same
report as before.

A job is a folder under `$ARCHIVE_DATA_DIR/imports/`: `files/` (the staged captures, under
generated names), `entries.json` (uploaded names and staging refusals), `state.json` (queued,
running, done or failed), `results.jsonl` (each capture's result, appended as it is stored) and,
at the end, `report.json`. Nothing in it depends on the request or the process that made it:

- a capture is stored in its own transaction, with its index update queued in the same one, so
  whatever kills the runner leaves captures stored whole or not at all;
- one runner at a time holds `imports/runner.lock` (an OS lock, released when its process dies,
  however it dies); a job still `running` with no runner holding the lock was interrupted, and
  the next runner (started by the next import, or when its page is viewed) resumes it: captures
  already stored are recognised, their results kept from `results.jsonl`, and the index queue
  left by the dead runner is written at the end;
- staged files go when the job ends; a folder a dying request left half-staged, and the reports
  of old jobs, go with the next runner's sweep.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db.models import Min

from archive.importer import (
    ArticleSummary,
    EventSummary,
    FileResult,
    ImportReport,
    import_captures,
    summarise,
)
from archive.models import Article
from archive.search import sync
from archive.uploads import StagedEntry, Stager, by_uploaded_name

log = logging.getLogger(__name__)

STAGING_SUFFIX = ".staging"
# A folder still staging after this long belongs to a request that died.
STALE_STAGING_SECONDS = 3600
# A finished job's report stays viewable this long.
KEEP_REPORTS_SECONDS = 7 * 24 * 3600
# The job's page counts results from results.jsonl; state.json is rewritten at most this often.
STATE_EVERY_SECONDS = 1.0

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"

_runners: list[subprocess.Popen] = []  # started by this process, reaped when done


def jobs_dir() -> Path:
    folder = Path(settings.ARCHIVE_DATA_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _write_json(path: Path, data) -> None:
    """Replace `path` whole (a reader never sees half a file)."""
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(partial, path)


def _read_json(path: Path, default=None):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return default


@dataclass(frozen=True)
class Job:
    id: str

    @property
    def folder(self) -> Path:
        return jobs_dir() / self.id

    @property
    def files(self) -> Path:
        return self.folder / "files"

    def state(self) -> dict:
        return _read_json(self.folder / "state.json", {"status": FAILED, "error": "no state"})

    def _set_state(self, **changes) -> None:
        _write_json(self.folder / "state.json", {**self.state(), **changes})

    def recorded(self) -> list[dict]:
        """Each capture's result so far (a line cut short by a kill is left out)."""
        found = []
        try:
            with open(self.folder / "results.jsonl", encoding="utf-8") as lines:
                for line in lines:
                    try:
                        found.append(json.loads(line))
                    except ValueError:
                        continue
        except OSError:
            pass
        return found

    def report(self) -> ImportReport | None:
        data = _read_json(self.folder / "report.json")
        return None if data is None else _report_from(data)

    def exists(self) -> bool:
        return (self.folder / "state.json").is_file()


def find(job_id: str) -> Job | None:
    """The job of that id, if it exists (ids are generated hex: nothing else is a path)."""
    if not job_id or len(job_id) != 32 or not all(c in "0123456789abcdef" for c in job_id):
        return None
    job = Job(job_id)
    return job if job.exists() else None


# --- creating a job (in the upload request) ---------------------------------------------------


def create(uploads: Sequence, limits, user: str) -> Job:
    """Stage `uploads` into a new job and queue it. Raises `UploadRefused` (nothing is kept)."""
    job_id = uuid.uuid4().hex
    staging = jobs_dir() / f"{job_id}{STAGING_SUFFIX}"
    (staging / "files").mkdir(parents=True)
    try:
        entries = Stager(staging / "files", limits).stage(uploads)
        _write_json(
            staging / "entries.json",
            [{"name": e.name, "stored": e.stored, "reason": e.reason} for e in entries],
        )
        _write_json(
            staging / "state.json",
            {"status": QUEUED, "user": user, "created": time.time(), "files": len(entries)},
        )
        os.replace(staging, jobs_dir() / job_id)  # the job exists once it is whole
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Job(job_id)


def start_runner() -> None:
    """Have the queued jobs imported: in a process of its own (it outlives the request and
    its worker), or here with ARCHIVE_IMPORT_JOBS_INLINE (tests)."""
    if getattr(settings, "ARCHIVE_IMPORT_JOBS_INLINE", False):
        run_pending()
        return
    for runner in list(_runners):
        if runner.poll() is not None:
            _runners.remove(runner)
    with open(jobs_dir() / "runner.log", "ab") as log_file:
        _runners.append(
            subprocess.Popen(
                [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "run_imports"],
                cwd=settings.BASE_DIR,
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # not killed with the request's worker
            )
        )


def runner_alive() -> bool:
    """Whether a runner holds the lock (one whose process died holds nothing)."""
    with open(jobs_dir() / "runner.lock", "a+") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(lock, fcntl.LOCK_UN)
        return False


def resume_if_interrupted(job: Job) -> None:
    """A job not finished with no runner at work was interrupted: start one."""
    if job.state().get("status") in (QUEUED, RUNNING) and not runner_alive():
        start_runner()


# --- running jobs (in the runner) -------------------------------------------------------------


@contextmanager
def _runner_lock() -> Iterator[None]:
    with open(jobs_dir() / "runner.lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # waits for the runner at work, if any
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def pending() -> list[Job]:
    """Jobs queued or interrupted, oldest first."""
    jobs = []
    for folder in jobs_dir().iterdir():
        if folder.is_dir() and not folder.name.endswith(STAGING_SUFFIX):
            job = Job(folder.name)
            state = job.state()
            if state.get("status") in (QUEUED, RUNNING):
                jobs.append((state.get("created", 0), job))
    return [job for _, job in sorted(jobs, key=lambda item: item[0])]


def run_pending() -> int:
    """Import every pending job, one runner at a time; the number run."""
    ran = 0
    with _runner_lock():
        sweep()
        while jobs := pending():
            run(jobs[0])
            ran += 1
    return ran


def sweep(now: float | None = None) -> None:
    """Remove what dead requests and finished jobs left: half-staged folders, staged files of
    finished jobs, and old reports."""
    now = time.time() if now is None else now
    for folder in jobs_dir().iterdir():
        try:
            age = now - folder.stat().st_mtime
        except OSError:
            continue
        if not folder.is_dir():
            # An upload Django spooled here (FILE_UPLOAD_TEMP_DIR) for a request that died.
            if folder.suffix == ".upload" and age > STALE_STAGING_SECONDS:
                folder.unlink(missing_ok=True)
            continue
        if folder.name.endswith(STAGING_SUFFIX):
            if age > STALE_STAGING_SECONDS:
                shutil.rmtree(folder, ignore_errors=True)
            continue
        job = Job(folder.name)
        status = job.state().get("status")
        if status in (DONE, FAILED):
            shutil.rmtree(job.files, ignore_errors=True)
            if age > KEEP_REPORTS_SECONDS:
                shutil.rmtree(folder, ignore_errors=True)


def run(job: Job) -> None:
    """Import one job's staged files and write its report; resumes an interrupted one."""
    state = job.state()
    resumed = state.get("status") == RUNNING
    job._set_state(status=RUNNING, started=state.get("started") or time.time(), pid=os.getpid())
    try:
        report = _import(job, resumed)
    except Exception as exc:  # a bug: the job says so, the next one still runs
        log.exception("import job %s failed", job.id)
        job._set_state(status=FAILED, error=f"The import failed: {exc}", finished=time.time())
    else:
        _write_json(job.folder / "report.json", _report_data(report))
        job._set_state(status=DONE, finished=time.time(), summary=report.summary)
        log.info("import job %s by %s: %s", job.id, state.get("user"), report.summary)
    finally:
        shutil.rmtree(job.files, ignore_errors=True)


def _import(job: Job, resumed: bool) -> ImportReport:
    earlier: dict[str, dict] = {}
    for result in job.recorded():  # a capture stored by a run before counts as that run said
        if earlier.get(result["path"], {}).get("status") in (None, "duplicate"):
            earlier[result["path"]] = result
    started = job.state().get("started", time.time())
    last_state = [0.0]
    with open(job.folder / "results.jsonl", "a", encoding="utf-8") as results:

        def record(result: FileResult) -> None:
            line = {"path": result.path, "status": result.status, "error": result.error}
            results.write(json.dumps({**line, "article_id": result.article_id}) + "\n")
            results.flush()  # in the kernel's hands: a killed runner loses none of it
            if time.monotonic() - last_state[0] > STATE_EVERY_SECONDS:
                last_state[0] = time.monotonic()
                job._set_state(heartbeat=time.time())

        folder = str(job.files)
        entries = [StagedEntry(**entry) for entry in _read_json(job.folder / "entries.json", [])]
        if any(entry.stored for entry in entries):
            report = import_captures([folder], progress=record)
        else:
            report = ImportReport()
    if resumed:
        report = _with_earlier_results(report, earlier, started)
    # Whatever a dead runner left in the index queue is written now (the import drained its
    # own): the archive is searchable as the report says.
    sync.drain()
    return by_uploaded_name(report, entries, folder)


def _with_earlier_results(report: ImportReport, earlier: dict, started: float) -> ImportReport:
    """The report of a resumed job: a capture the interrupted run stored shows as it did then
    (created, updated), not as the duplicate the second run found."""
    files = []
    for result in report.files:
        before = earlier.get(result.path)
        if result.status == "duplicate" and before and before["status"] in ("created", "updated"):
            result = FileResult(result.path, before["status"], None, article_id=result.article_id)
        elif result.status == "duplicate" and result.article_id and not before:
            # Stored just before the kill, its result line never written.
            created = Article.objects.filter(pk=result.article_id).values_list(
                "created_at", flat=True
            )
            if created and created[0].timestamp() >= started:
                result = FileResult(result.path, "created", None, article_id=result.article_id)
        files.append(result)
    summarise(files)
    ids = [r.article_id for r in files if r.status == "created" and r.article_id]
    resumed = ImportReport(files=files, events_created=_events_first_told_by(ids))
    return resumed


def _events_first_told_by(article_ids: list[int]) -> int:
    """Events whose first article is one of these: the events the job created."""
    events = Article.objects.filter(pk__in=article_ids).values_list("event_id", flat=True)
    firsts = (
        Article.objects.filter(event_id__in=set(events))
        .values("event_id")
        .annotate(first=Min("pk"))
        .values_list("first", flat=True)
    )
    return len(set(firsts) & set(article_ids))


# --- the report as JSON (report.json) ---------------------------------------------------------


def _report_data(report: ImportReport) -> dict:
    data = report.as_dict()
    data["events_created"] = report.events_created
    for result, entry in zip(report.files, data["files"], strict=True):
        if result.article:  # what the page links: titles as well as ids and URLs
            entry["article"]["title"] = result.article.title
            entry["article"]["event"]["title"] = result.article.event.title
    return data


def _report_from(data: dict) -> ImportReport:
    files = []
    for entry in data.get("files", []):
        article = entry.get("article")
        summary = None
        if article:
            event = article["event"]
            summary = ArticleSummary(
                pk=article["id"],
                title=article.get("title", ""),
                url=article["url"],
                published_on=article.get("published_on"),
                outlet=article.get("outlet", ""),
                original_outlet=article.get("original_outlet"),
                language=article.get("language", ""),
                source_url=article.get("source_url"),
                people=tuple(article.get("people", ())),
                review_reasons=tuple(article.get("needs_review", ())),
                event=EventSummary(
                    event["id"], event["slug"], event.get("title", ""), event["url"]
                ),
            )
        files.append(FileResult(entry["path"], entry["status"], entry.get("error"), summary))
    return ImportReport(files=files, events_created=data.get("events_created", 0))
