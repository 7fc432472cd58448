"""Whoosh's segment writer made cheaper, and the index files read by name.

`BatchWriter` patches the writer's pool and its per-document reader (`SegmentWriter.pool`,
`per_document_reader`, neither documented as a hook), and merges segments without the pool
(overriding `add_reader`, `_flush_segment`, `_close_segment`); `toc_filename` and `write_lock`
name the commit's TOC file and the index's write lock as `whoosh.index` names them privately.
`tests/search/test_batch_writer.py` checks that a segment written so holds the same postings as
Whoosh's own writer writes.
"""

from __future__ import annotations

import functools
import heapq

from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC
from whoosh.reading import SegmentReader
from whoosh.writing import SegmentWriter

from archive.search.whoosh_internals.blocks import merged_postings
from archive.search.whoosh_internals.codec import ArchiveCodec


class BatchWriter(SegmentWriter):
    """Whoosh's segment writer, minus a stat() per posting when it writes the segment.

    While writing postings Whoosh asks the new segment for each posting's field length; for a
    field that has no lengths (the spelling fields, IDs, people) its reader checks the disk for a
    lengths file every time, and finds none: hundreds of stat calls per document, a large part
    of a commit's time (docs/measurements.md). The segment's
    files do not change while it is written, so the answer is remembered.

    For the same reason field lengths are remembered: Whoosh reads a document's field length (a
    column read) once per posting, hundreds of times per document, though it has a few fields.
    Postings arrive field by field, so only the current field's lengths are kept.

    Its postings blocks are pickled with protocol 3 (`whoosh_internals.codec`): they unpickle
    faster and are smaller.

    And a spelling word is added to the segment once: Whoosh adds every document's words to the
    `spell_*` fields again (all as postings of document 0), nearly half of a segment's postings.
    Only those fields' lexicons are read (`querysyntax` ranks suggestions by the text fields'
    document frequencies), so the repeats only cost sorting and writing.

    Merging segments (Whoosh's merge policies call `add_reader` with each segment to merge) does
    not pass their postings through the pool. Whoosh's pool pickles every posting to a sort file
    and reads it back, to sort what is already sorted: a segment's postings come out ordered by
    field, term and document. So each merged segment is read as one stream, and the streams and
    the pool's sorted postings are merged in the same order when the segment is written
    (`_flush_segment`); the readers stay open until then.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("codec", ArchiveCodec())  # postings blocks with pickle protocol 3
        super().__init__(*args, **kwargs)
        self._spelling = {
            field.spelling_fieldname(name)
            for name, field in self.schema.items()
            if field.separate_spelling()
        }
        self.pool.add = spelling_words_once(self.pool.add, self._spelling)
        self._merging: list[SegmentReader] = []
        self._merged_postings = []

    def add_reader(self, reader):
        if not isinstance(reader, SegmentReader):
            return super().add_reader(reader)
        self._check_state()
        # Our own reader of the segment: the merge policy closes its reader when this returns.
        own = SegmentReader(self.storage, self.schema, reader.segment())
        self._merging.append(own)
        basedoc = self.docnum
        fieldnames = set(self.schema.names())
        docmap = self.write_per_doc(fieldnames, own)
        self._merged_postings.append(merged_postings(own, self.schema, basedoc, docmap))
        self._added = True

    def _flush_segment(self):
        if not self._merged_postings:
            return super()._flush_segment()
        self.perdocwriter.close()
        lengths = self.per_document_reader() if self.codec.length_stats else None
        # Each stream is sorted and their documents are numbered apart: one ordered merge.
        merged = heapq.merge(self.pool.iter_postings(), *self._merged_postings)
        postings = first_spelling_postings(merged, self._spelling)
        self.fieldwriter.add_postings(self.schema, lengths, postings)
        self.fieldwriter.close()
        if lengths:
            lengths.close()

    def _close_segment(self):
        try:
            super()._close_segment()
        finally:
            self._close_merged()

    def cancel(self):
        try:
            super().cancel()
        finally:
            self._close_merged()

    def _close_merged(self):
        for reader in self._merging:
            reader.close()
        self._merging, self._merged_postings = [], []

    def per_document_reader(self):
        reader = super().per_document_reader()
        reader.has_column = functools.lru_cache(maxsize=None)(reader.has_column)
        reader.doc_field_length = current_field_lengths(reader.doc_field_length)
        return reader


def spelling_words_once(add, spelling_fields: set[str]):
    """The pool's `add((field, term, docnum, weight, value))`, skipping a spelling field's term
    it was given before."""
    seen: set[tuple[str, bytes]] = set()

    def add_once(posting):
        if posting[0] in spelling_fields:
            key = (posting[0], posting[1])
            if key in seen:
                return
            seen.add(key)
        add(posting)

    return add_once


def first_spelling_postings(postings, spelling_fields: set[str]):
    """Sorted postings, with only the first of a spelling field's term (as the pool keeps it:
    the earliest document's)."""
    last = None
    for posting in postings:
        if posting[0] in spelling_fields:
            key = posting[:2]
            if key == last:
                continue
            last = key
        yield posting


def current_field_lengths(doc_field_length):
    """`doc_field_length(docnum, fieldname)`, remembered for the last field asked about."""
    field, lengths = None, {}

    def remembered(docnum, fieldname, default=0):
        nonlocal field, lengths
        if default != 0:
            return doc_field_length(docnum, fieldname, default)
        if fieldname != field:
            field, lengths = fieldname, {}
        length = lengths.get(docnum)
        if length is None and docnum not in lengths:
            length = lengths[docnum] = doc_field_length(docnum, fieldname)
        return length

    return remembered


def toc_filename(indexname: str, generation: int) -> str:
    """The file name of a commit's table of contents (`TOC._filename`)."""
    return TOC._filename(indexname, generation)


def write_lock(path: str):
    """Whoosh's write lock of the index in `path`, without opening the index (it may be damaged):
    named as `whoosh.index.FileIndex.lock` names it."""
    return FileStorage(path).lock("MAIN_WRITELOCK")
