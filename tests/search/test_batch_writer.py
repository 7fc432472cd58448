"""The batch writer writes the same segment as Whoosh's own writer, with fewer lookups.

Part of the Whoosh upgrade check (archive/search/whoosh_internals/__init__.py): run it against a
new Whoosh release before adding it to TESTED_VERSIONS.
"""

from whoosh import index
from whoosh.fields import ID, TEXT, Schema
from whoosh.writing import SegmentWriter

from archive.search.analysis import analyzer_for
from archive.search.whoosh_internals.writing import BatchWriter, current_field_lengths

DOCUMENTS = [
    ("a", "Tô Lâm met the statsministeren", "Tô Lâm møtte statsministeren i Oslo i går"),
    ("b", "running leaders", ""),
    ("c", "", "Statsministeren statsminister lokalitetene"),
    ("d", "Đảng Đảng Đảng congress of the party " * 5, "Ærø"),
]


def _write(path, writer_class) -> index.Index:
    schema = Schema(
        id=ID(stored=True, unique=True),
        text_en=TEXT(analyzer=analyzer_for("en"), phrase=True, spelling=True),
        text_no=TEXT(analyzer=analyzer_for("no"), phrase=True, spelling=True),
    )
    path.mkdir()
    ix = index.create_in(str(path), schema)
    writer = writer_class(ix, compound=False)
    for ident, english, norwegian in DOCUMENTS:
        fields = {"id": ident, "text_en": english, "text_no": norwegian}
        writer.add_document(**{name: value for name, value in fields.items() if value})
    writer.commit()
    return ix


def _contents(ix) -> dict:
    """Every term's postings and the length statistics its posting list records."""
    out = {}
    with ix.reader() as reader:
        for fieldname in reader.indexed_field_names():
            for term in reader.lexicon(fieldname):
                info = reader.term_info(fieldname, term)
                postings = reader.postings(fieldname, term)
                out[fieldname, term] = (
                    info.min_length(),
                    info.max_length(),
                    info.weight(),
                    [(docnum, value) for docnum, value in postings.items_as("weight")],
                )
    return out


def test_batch_writer_writes_what_whoosh_writes(tmp_path):
    ours = _contents(_write(tmp_path / "ours", BatchWriter))
    whoosh = _contents(_write(tmp_path / "whoosh", SegmentWriter))
    spelling = {key for key in whoosh if key[0].startswith("spell_")}
    assert spelling  # the stemmed fields keep their unstemmed words apart
    assert {k: v for k, v in ours.items() if k not in spelling} == {
        k: v for k, v in whoosh.items() if k not in spelling
    }
    # The comparison covers field lengths: the long document sets the field's longest.
    assert ours["text_en", b"dang"][1] > ours["text_en", b"run"][1]
    # The same spelling words (all that suggestions read), each added once, not per document.
    assert {k for k in ours if k[0].startswith("spell_")} == spelling
    repeated = ("spell_text_no", b"statsministeren")  # in two documents
    assert len(whoosh[repeated][3]) == 2
    assert len(ours[repeated][3]) == 1


def test_field_lengths_are_looked_up_once_per_document_and_field():
    lengths = {(0, "a"): 3, (1, "a"): None, (0, "b"): 5, (1, "b"): 0}
    asked = []

    def doc_field_length(docnum, fieldname, default=0):
        asked.append((docnum, fieldname, default))
        value = lengths[docnum, fieldname]
        return default if value == 0 else value

    remembered = current_field_lengths(doc_field_length)
    for fieldname in ("a", "b"):
        for _term in range(3):
            for docnum in (0, 1):
                assert remembered(docnum, fieldname) == lengths[docnum, fieldname]
    assert asked == [(0, "a", 0), (1, "a", 0), (0, "b", 0), (1, "b", 0)]
    # A field asked about again after another one is looked up afresh; so is another default.
    assert remembered(0, "a") == 3 and remembered(1, "b", 7) == 7
    assert asked[-2:] == [(0, "a", 0), (1, "b", 7)]
