"""Our Whoosh backend for haystack: language-aware analysis, column-backed facets, batched writes.

Schema (see `build_schema`):

- The document (`text`, from the index template) goes to ONE of `text_en`, `text_no`, `text_other`,
  `text_ja`, `text_cjk`, chosen by the article's language; each is analysed by
  `analysis.analyzer_for` (fold, then stem for English / Norwegian; Japanese cut into words by
  Sudachi, Chinese and Korean into character bigrams: `segmenting`). Queries search them all,
  each word analysed per field, so a Norwegian query word is stemmed the Norwegian way for
  Norwegian articles and the English way for English ones, and a Japanese one is cut into words
  for Japanese articles. The text is neither stored nor sortable: snippets come from the database.
- Spelling words (unstemmed, folded) for "did you mean" go to Whoosh's `spell_text_en` /
  `spell_text_no`; `text_other`, `text_ja` and `text_cjk` are unstemmed already.
- Facet and filter fields are `ID(stored, sortable)` (never analysed: `Việt Nam News (VNS)` is one
  value), numbers `NUMERIC(sortable)`, dates `DATETIME(sortable)`, people a comma `KEYWORD` with a
  list column, so counting over a query's hits reads columns (docs/WHOOSH-NOTES.md: fast path).

Index access: one searcher per backend (haystack keeps one backend per thread, so per process under
gunicorn's sync workers), refreshed only when the index changed. Writes go through `write_batch`:
one non-blocking writer, non-compound segments, one commit.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from datetime import date, datetime

from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend, WhooshSearchQuery
from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.exceptions import SearchBackendError, SkipDocument
from haystack.utils import get_identifier
from whoosh import columns, query
from whoosh.fields import BOOLEAN, DATETIME, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.fields import ID as WHOOSH_ID
from whoosh.index import EmptyIndexError, LockError
from whoosh.qparser import MultifieldParser

from archive.search.analysis import analyzer_for, language_group
from archive.search.contract import TEXT_FIELD_BY_GROUP
from archive.search.suggestions import suggest
from archive.search.whoosh_internals.fields import skip_empty_fields
from archive.search.whoosh_internals.files import hold_segment_files
from archive.search.whoosh_internals.writing import BatchWriter, toc_filename, write_lock

log = logging.getLogger(__name__)

# Seconds haystack's own paths (rebuild_index, update_index, remove) wait for the write lock;
# `write_batch` called by the sync queue does not wait by default.
LOCK_WAIT_SECONDS = 60.0


class _PeopleColumn(columns.VarBytesListColumn):
    def default_value(self, reverse=False):
        # Whoosh's list column has no default, yet a segment in which no document names anyone
        # has no column file and is read through the default: facets then crashed (HTTP 500).
        return []


class PeopleKeyword(KEYWORD):
    """Comma-separated values (slugs), with a list column so facets read one column per hit."""

    def __init__(self):
        super().__init__(stored=True, commas=True, lowercase=False, scorable=False, sortable=False)
        self.column_type = _PeopleColumn()

    def to_column_value(self, value):
        if isinstance(value, str):
            value = value.split(",")
        return [item.strip().encode("utf-8") for item in value if item and item.strip()]

    def from_column_value(self, value):
        return [item.decode("utf-8") for item in value]


def _close_quietly(searcher) -> None:
    try:
        searcher.close()
    except Exception:
        log.debug("closing a stale searcher failed", exc_info=True)


def text_field_for(language: str | None) -> str:
    """The schema field that holds the text of a document in `language`."""
    return TEXT_FIELD_BY_GROUP[language_group(language)]


class ArchiveWhooshBackend(WhooshSearchBackend):
    def __init__(self, connection_alias, **connection_options):
        super().__init__(connection_alias, **connection_options)
        self._searcher = None
        self._searcher_version = None
        self._searcher_lock = threading.RLock()

    def _ensure_setup(self) -> None:
        """Set up on first use, and again when the index folder vanished under us (deleted by
        hand or by `rebuild_index` in another process): it is recreated, empty."""
        if self.setup_complete and self.use_file_storage and not os.path.isdir(self.path):
            self.setup_complete = False
        if not self.setup_complete:
            self.setup()

    # -- schema -------------------------------------------------------------------------------

    def setup(self):
        self._drop_searcher()
        super().setup()
        # Haystack's own search path (SearchQuerySet) parses content queries against the document
        # field; ours is split by language, so parse across the three.
        self.parser = MultifieldParser(list(TEXT_FIELD_BY_GROUP.values()), schema=self.schema)
        self._check_stored_schema()

    def _check_stored_schema(self) -> None:
        try:
            stored = self.storage.open_index().schema
        except Exception:  # a missing or unreadable index: setup has just created one
            return
        if set(stored.names()) != set(self.schema.names()):
            log.warning(
                "the search index at %s was built with another schema; run "
                "`python manage.py rebuild_index --noinput`",
                self.path,
            )

    def build_schema(self, fields):
        schema_fields = {
            ID: WHOOSH_ID(stored=True, unique=True),
            DJANGO_CT: WHOOSH_ID(stored=True),
            DJANGO_ID: WHOOSH_ID(stored=True),
        }
        content_field_name = ""
        for field_class in fields.values():
            name = field_class.index_fieldname
            if field_class.document:
                content_field_name = name
                for group, text_name in TEXT_FIELD_BY_GROUP.items():
                    schema_fields[text_name] = TEXT(
                        analyzer=analyzer_for(group),
                        stored=False,
                        sortable=False,
                        phrase=True,
                        spelling=True,
                        field_boost=field_class.boost,
                    )
            elif not field_class.indexed:
                schema_fields[name] = STORED()
            elif field_class.is_multivalued:
                schema_fields[name] = PeopleKeyword()
            elif field_class.field_type in ("date", "datetime"):
                schema_fields[name] = DATETIME(stored=True, sortable=True)
            elif field_class.field_type == "integer":
                schema_fields[name] = NUMERIC(int, bits=64, stored=True, sortable=True)
            elif field_class.field_type == "float":
                schema_fields[name] = NUMERIC(float, stored=True, sortable=True)
            elif field_class.field_type == "boolean":
                schema_fields[name] = BOOLEAN(stored=True)
            else:
                # Outlet, language, event and the `*_exact` facet copies: exact values.
                schema_fields[name] = WHOOSH_ID(stored=True, sortable=True)
        if not content_field_name:
            raise SearchBackendError("The search index has no document=True field.")
        return content_field_name, Schema(**schema_fields)

    # -- reading ------------------------------------------------------------------------------

    def searcher(self):
        """This backend's searcher, refreshed if the index changed since it was opened.

        Callers must not close it.
        """
        if not self.setup_complete:
            self.setup()
        with self._searcher_lock:
            current = self._searcher
            try:
                version = self._index_version()
                if current is not None and version == self._searcher_version:
                    return current
                fresh, version = self._open_searcher(version)
            except (EmptyIndexError, FileNotFoundError):
                # The index folder was replaced under us (rebuild_index in another process).
                self.setup()  # drops (closes) the current searcher
                current = None
                fresh, version = self._open_searcher(self._index_version())
            if current is not None:
                _close_quietly(current)
            skip_empty_fields(fresh)
            self._searcher, self._searcher_version = fresh, version
            return fresh

    def _open_searcher(self, version, tries: int = 5):
        """A fresh searcher of the index at `version`, its segments' files held open, and the
        version it is at.

        Not `current.refresh()`: in Whoosh-Reloaded 2.7.5 a refreshed reader reuses the old reader
        of a segment whose deletions changed (deleted documents stay visible) and adds back
        segments a merge removed. A fresh reader of non-compound segments costs well under a
        millisecond at 10k documents.

        A commit between opening the searcher and holding its files may have merged its segments
        away (whoosh_internals/files.py): then it is opened again, at the new commit.
        """
        for attempt in range(tries):
            fresh = self.index.searcher()
            hold_segment_files(fresh)
            now = self._index_version()
            if now == version or attempt == tries - 1:
                # After the last try, `version` is older than this searcher may be: the next
                # search opens one again.
                return fresh, version
            _close_quietly(fresh)
            version = now

    def _index_version(self):
        """The latest commit: its generation, and its TOC file's identity, because a rebuilt index
        (cleared, then written again) can reach the generation an old searcher was opened at."""
        generation = self.index.latest_generation()
        if not self.use_file_storage:
            return (generation,)
        try:
            stat = os.stat(os.path.join(self.path, toc_filename(self.index.indexname, generation)))
        except FileNotFoundError:
            return (generation, None)
        return (generation, stat.st_ino, stat.st_mtime_ns)

    def _drop_searcher(self) -> None:
        lock = getattr(self, "_searcher_lock", None)
        if lock is None:
            return
        with lock:
            if self._searcher is not None:
                _close_quietly(self._searcher)
            self._searcher = None

    def delete_index(self):
        self._drop_searcher()
        super().delete_index()

    # -- writing ------------------------------------------------------------------------------

    def document(self, index, obj) -> dict:
        """The Whoosh document for `obj`: haystack's full_prepare, converted for our schema."""
        prepared = index.full_prepare(obj)
        doc = {}
        for key, value in prepared.items():
            if value is None or key == "boost":
                continue
            if isinstance(value, datetime):
                pass
            elif isinstance(value, date):
                value = datetime(value.year, value.month, value.day)
            elif isinstance(value, (list, tuple, set)):
                value = ",".join(str(item) for item in value)
            elif isinstance(value, bool):
                pass
            elif not isinstance(value, (int, float)):
                value = str(value)
            doc[key] = value
        text = doc.pop(self.content_field_name, "")
        doc[text_field_for(doc.get("language"))] = text
        return {key: value for key, value in doc.items() if key in self.schema}

    def write_batch(
        self, index, objects=(), remove_ids=(), timeout: float = 0.0, *, load=None
    ) -> int:
        """Rewrite the documents of `objects` and remove `remove_ids`, in one writer and one commit.

        `load`, when given, is called once the write lock is held and returns `(objects,
        remove_ids)`: reading the database under the lock means no other process can commit an
        older copy of a document after ours (the sync queue passes its read this way).

        Raises `archive.search.sync.IndexBusy` when another writer holds the lock (after waiting
        `timeout` seconds). Returns the number of documents written or removed.
        """
        from archive.search.sync import IndexBusy

        self._ensure_setup()
        try:
            writer = BatchWriter(self.index, timeout=timeout, delay=0.05, compound=False)
        except LockError as exc:
            raise IndexBusy("the search index is being written by another process") from exc
        try:
            if load is not None:
                objects, remove_ids = load()
            docs, skipped = [], []
            for obj in objects:
                try:
                    docs.append(self.document(index, obj))
                except SkipDocument:
                    skipped.append(get_identifier(obj))
            remove = {str(ident) for ident in remove_ids} | set(skipped)
            if not docs and not remove:
                writer.cancel()
                return 0
            # update_document, batched: one deletion query for every id, then plain adds
            # (docs/WHOOSH-NOTES.md: updating documents one by one opens a reader for each).
            stale = [doc[ID] for doc in docs] + sorted(remove)
            if stale and any(segment.doc_count() for segment in writer.segments):
                writer.delete_by_query(query.Or([query.Term(ID, ident) for ident in stale]))
            for doc in docs:
                writer.add_document(**doc)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        return len(docs) + len(remove)

    def optimize(self, timeout: float = LOCK_WAIT_SECONDS) -> tuple[int, int]:
        """Merge every segment into one; return the segment counts (before, after).

        Each segment costs every search a matcher and a pass (docs/WHOOSH-NOTES.md: the cost grows
        with segments): an import's batches leave a dozen or more. Merging rewrites the whole
        index under the write lock (docs/measurements.md), so it is a job for after a large
        import or for the night (`manage.py optimize_index`).
        """
        from archive.search.sync import IndexBusy

        self._ensure_setup()
        before = self.segment_count()
        try:
            writer = BatchWriter(self.index, timeout=timeout, delay=0.25, compound=False)
        except LockError as exc:
            raise IndexBusy("the search index is being written by another process") from exc
        try:
            writer.commit(optimize=True)
        except BaseException:
            writer.cancel()
            raise
        return before, self.segment_count()

    def segment_count(self) -> int:
        """How many segments the index has now (each costs every search a pass)."""
        self._ensure_setup()
        with self.index.refresh().reader() as reader:
            return sum(1 for _ in reader.leaf_readers())

    def _write_waiting(self, index, objects, remove_ids) -> None:
        # Haystack's commands: wait for the lock, and never swallow a failed write (haystack's
        # SILENTLY_FAIL default would log it and leave the index behind the database).
        self.write_batch(index, objects, remove_ids, timeout=LOCK_WAIT_SECONDS)

    def update(self, index, iterable, commit=True):
        self._write_waiting(index, list(iterable), ())

    def remove(self, obj_or_string, commit=True):
        self._write_waiting(None, [], [get_identifier(obj_or_string)])

    def clear(self, models=None, commit=True):
        """Empty the index by deleting its folder: only one model is indexed, so clearing any is
        clearing all; it is much cheaper than deleting documents, and it also recovers from a
        damaged index, which could not even be opened to delete from."""
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            lock = self._write_lock()
            if lock.acquire(blocking=False):
                lock.release()
                break
            if time.monotonic() >= deadline:
                from archive.search.sync import IndexBusy

                raise IndexBusy("the search index is being written by another process")
            time.sleep(0.1)
        self._drop_searcher()
        self.delete_index()

    def _write_lock(self):
        """Whoosh's write lock of the index, without opening the index (it may be damaged)."""
        os.makedirs(self.path, exist_ok=True)
        return write_lock(self.path)

    # -- haystack's search path ---------------------------------------------------------------

    def create_spelling_suggestion(self, query_string):
        return suggest(self.searcher(), query_string)


class ArchiveWhooshSearchQuery(WhooshSearchQuery):
    """Haystack's query builder; only `AND`, `OR`, `NOT` are operators (`TO` is a word, as in
    `To Lam`)."""

    def clean(self, query_fragment):
        words = []
        for word in query_fragment.split():
            if word in ("AND", "OR", "NOT"):
                word = word.lower()
            for char in self.backend.RESERVED_CHARACTERS:
                if char in word:
                    word = f"'{word}'"
                    break
            words.append(word)
        return " ".join(words)


class ArchiveWhooshEngine(WhooshEngine):
    backend = ArchiveWhooshBackend
    query = ArchiveWhooshSearchQuery
