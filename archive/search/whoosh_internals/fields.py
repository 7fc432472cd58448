"""A segment's term look-ups answered at once for the text fields none of its documents has.

The index has one text field per language group (`text_en`, `text_no`, `text_other`, `text_ja`,
`text_cjk`) and a word is searched in each, in every segment: an archive of English and
Vietnamese news looks each word up in three fields that no segment holds, and every look-up is a
read of the segment's on-disk hash table (several seeks and reads), asked again by the cost
check, the scorer's statistics, the matchers and the spelling suggestion. A scorable field's
total length in a segment (`SegmentReader.field_length`, from the segment's own record) is the
number of its tokens there: zero means no document of the segment has a term in it, so a
look-up there finds nothing.

`skip_empty_fields(searcher)` wraps each segment reader's terms reader (`SegmentReader._terms`,
private) so that, for such fields, membership is false, frequencies are 0 and `term_info` and
`matcher` raise `TermNotFound`, exactly what the table would answer; every other call goes to
the table. Only scorable fields: a field without lengths (the spelling fields, ids) is looked up
as before.
"""

from __future__ import annotations

from whoosh.reading import SegmentReader, TermNotFound


class TermsOfFields:
    """A segment's terms reader that answers for `empty` fields without reading the table."""

    def __init__(self, terms, empty: frozenset[str]):
        self.inner, self.empty = terms, empty

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def __contains__(self, term) -> bool:
        return term[0] not in self.empty and term in self.inner

    def term_info(self, fieldname, tbytes):
        if fieldname in self.empty:
            raise TermNotFound(f"No term {fieldname}:{tbytes!r}")
        return self.inner.term_info(fieldname, tbytes)

    def frequency(self, fieldname, tbytes):
        return 0 if fieldname in self.empty else self.inner.frequency(fieldname, tbytes)

    def doc_frequency(self, fieldname, tbytes):
        return 0 if fieldname in self.empty else self.inner.doc_frequency(fieldname, tbytes)

    def matcher(self, fieldname, tbytes, format_, scorer=None):
        if fieldname in self.empty:
            raise TermNotFound(f"No term {fieldname}:{tbytes!r}")
        return self.inner.matcher(fieldname, tbytes, format_, scorer=scorer)


def empty_fields(reader: SegmentReader) -> frozenset[str]:
    """The scorable fields of the schema with no token in this segment."""
    schema = reader.schema
    return frozenset(
        name
        for name in schema.names()
        if schema[name].scorable and schema[name].indexed and not reader.field_length(name)
    )


def skip_empty_fields(searcher) -> None:
    """Wrap the terms reader of each of `searcher`'s segments (once)."""
    for leaf, _ in searcher.reader().leaf_readers():
        if type(leaf) is not SegmentReader or isinstance(leaf._terms, TermsOfFields):
            continue
        empty = empty_fields(leaf)
        if empty:
            leaf._terms = TermsOfFields(leaf._terms, empty)
