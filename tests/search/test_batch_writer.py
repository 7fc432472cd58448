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


MORE_DOCUMENTS = [
    ("e", "Hanoi welcomes the prime minister", "Statsministeren besøker Hanoi"),
    ("f", "running the party congress in Hanoi", ""),
    ("g", "", "Ærø og Oslo"),
]


def _segments(path, writer_class) -> index.Index:
    """An index of four segments, one with a deleted document."""
    ix = _write(path, writer_class)
    for ident, english, norwegian in MORE_DOCUMENTS:
        writer = writer_class(ix, compound=False)
        fields = {"id": ident, "text_en": english, "text_no": norwegian}
        writer.add_document(**{name: value for name, value in fields.items() if value})
        writer.commit(merge=False)
    writer = writer_class(ix, compound=False)
    writer.delete_by_term("id", "b")
    writer.commit(merge=False)
    return ix


def _stored(ix) -> list:
    with ix.searcher() as searcher:
        return sorted(sorted(fields.items()) for fields in searcher.all_stored_fields())


def test_merging_writes_what_whoosh_writes(tmp_path):
    """Segments merged (with a new document in the same commit) hold what Whoosh's merge writes,
    and their postings do not go through the writer's pool."""
    merged = {}
    for name, writer_class in (("ours", BatchWriter), ("whoosh", SegmentWriter)):
        ix = _segments(tmp_path / name, writer_class)
        assert len(ix._segments()) == 4
        writer = writer_class(ix, compound=False)
        pooled = []
        add = writer.pool.add
        writer.pool.add = lambda posting, add=add, pooled=pooled: (
            pooled.append(posting) or add(posting)
        )
        writer.add_document(id="h", text_en="the prime minister in Tokyo")
        writer.commit(optimize=True)
        assert len(ix._segments()) == 1
        merged[name] = (_contents(ix), _stored(ix), {p[2] for p in pooled})
    ours, whoosh = merged["ours"], merged["whoosh"]
    spelling = {key for key in whoosh[0] if key[0].startswith("spell_")}
    assert {k: v for k, v in ours[0].items() if k not in spelling} == {
        k: v for k, v in whoosh[0].items() if k not in spelling
    }
    assert {k for k in ours[0] if k[0].startswith("spell_")} == spelling
    assert ours[1] == whoosh[1]
    assert sorted(dict(fields)["id"] for fields in ours[1]) == list("acdefgh")  # not "b"
    assert ("text_en", b"hanoi") in ours[0]  # the merged segments' words are there
    assert len(ours[0]["text_en", b"run"][3]) == 1  # "b" deleted, "f" kept
    # Only the new document's postings were pooled; Whoosh pools every merged posting too.
    assert ours[2] == {0} and len(whoosh[2]) > 1
