"""A searcher's segment files opened when it is, so that a merge in another process cannot take
them away halfway through a search.

Whoosh opens a non-compound segment's terms and postings with its reader, but each column file
(stored fields, document lengths, the sortable fields) only when first read
(`W3PerDocReader.column_reader`, `_get_column_file`). A writer that merges segments deletes the
merged segments' files once its commit is written, so a searcher opened before that commit then
finds its columns gone: `has_column` answers False and the stored fields read as None (a
`TypeError` in the middle of a search) or a facet reads defaults. Files already open survive
their deletion (POSIX), so `hold_segment_files` opens every column file of every segment of a
searcher at once, and answers `has_column` from what it holds (the storage no longer has them).

A segment holds about twenty column files (one per sortable field and per text field's lengths,
plus the stored fields): a searcher keeps that many file descriptors per segment open.
"""

from __future__ import annotations

from whoosh.codec.whoosh3 import W3Codec, W3PerDocReader
from whoosh.reading import SegmentReader


class HeldPerDocReader(W3PerDocReader):
    """A segment's per-document reader whose column files were all opened at once."""

    def has_column(self, fieldname):
        return fieldname in self._colfiles


def hold_segment_files(searcher) -> None:
    """Open now every column file of each of `searcher`'s segments (once).

    The caller checks that no commit came between opening the searcher and this (a merge could
    have deleted files already): `ArchiveWhooshBackend.searcher` compares the index generation.
    """
    names = None
    for leaf, _ in searcher.reader().leaf_readers():
        perdoc = getattr(leaf, "_perdoc", None)
        if type(leaf) is not SegmentReader or type(perdoc) is not W3PerDocReader:
            continue
        if names is None:
            names = perdoc._storage.list()
        prefix = f"{leaf._segment.segment_id()}."
        for name in names:
            if name.startswith(prefix) and name.endswith(W3Codec.COLUMN_EXT):
                fieldname = name[len(prefix) : -len(W3Codec.COLUMN_EXT)]
                if fieldname not in perdoc._colfiles:
                    perdoc._colfiles[fieldname] = perdoc._get_column_file(fieldname)
        perdoc.__class__ = HeldPerDocReader
