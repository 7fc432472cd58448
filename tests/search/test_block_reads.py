"""A postings block read without its positions (`read_without_values`) gives Whoosh's own ids
and term frequencies, and skips the positions where a block has them.

Part of the Whoosh upgrade check (archive/search/whoosh_internals/__init__.py): run it against a
new Whoosh release before adding it to TESTED_VERSIONS.
"""

import pickle
import random
import zlib

import pytest
from whoosh import analysis, fields, formats
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.filedb.filestore import RamStorage
from whoosh.system import pack_uint

from archive.search.whoosh_internals.blocks import positions_decoder, read_without_values
from archive.search.whoosh_internals.codec import ArchiveCodec

WORDS = analysis.RegexTokenizer() | analysis.LowercaseFilter()
# "every" is in every document (full blocks of 128), "w0".."w9" in some, "lone1".."lone3" in
# one to three (tuples of up to three postings are pickled without a MARK: no cut is found).
VOCABULARY = [f"w{n}" for n in range(10)]


@pytest.fixture(scope="module", params=["whoosh", "archive"])
def index(request):
    """The same documents written by Whoosh's codec (blocks pickled with protocol 2) or by ours
    (`ArchiveCodec`, protocol 3)."""
    rng = random.Random(7)
    schema = fields.Schema(
        with_positions=fields.TEXT(analyzer=WORDS),
        without_positions=fields.TEXT(analyzer=WORDS, phrase=False),
    )
    index = RamStorage().create_index(schema)
    index.codec_name = request.param
    with index.writer(codec=ArchiveCodec() if request.param == "archive" else None) as writer:
        for n in range(700):
            words = ["every"] + [rng.choice(VOCABULARY) for _ in range(rng.randint(1, 40))]
            words += [f"lone{k}" for k in range(1, 4) if n < k]
            if n == 0:  # the first posting of a block with many positions (over 255 bytes)
                words += ["every"] * 150
            text = " ".join(words)
            writer.add_document(with_positions=text, without_positions=text)
    return index


def _ids_and_weights(leaf):
    if leaf._ids is None:  # as `BlockPostings` reads a block: the ids `read_without_values` gave
        leaf._read_ids()
    leaf._read_weights()
    return tuple(leaf._ids), list(leaf._weights)


def _blocks(reader, fieldname, word):
    """Each block of the word's postings, once read by Whoosh and once without positions."""
    whooshs, ours = reader.postings(fieldname, word), reader.postings(fieldname, word)
    assert type(ours) is W3LeafMatcher
    while whooshs.is_active():
        read_without_values(ours)
        skipped = ours._data is not None and ours._data[2] is None
        yield _ids_and_weights(whooshs), _ids_and_weights(ours), skipped
        whooshs._next_block()
        ours._next_block()
    assert not ours.is_active()


@pytest.mark.parametrize("fieldname", ["with_positions", "without_positions"])
def test_ids_and_frequencies_are_whooshs(index, fieldname):
    with index.reader() as reader:
        words = ["every", *VOCABULARY, "lone1", "lone2", "lone3"]
        blocks = [block for word in words for block in _blocks(reader, fieldname, word)]
    assert len(blocks) > len(words)  # "every" fills several blocks
    for whooshs, ours, _ in blocks:
        assert ours == whooshs


def _protocols(reader, fieldname, word):
    """The pickle protocol of each of the word's blocks."""
    leaf = reader.postings(fieldname, word)
    protocols = []
    while leaf.is_active():
        raw = leaf._postfile.get(leaf._dataoffset, leaf._nextoffset - leaf._dataoffset)
        protocols.append(zlib.decompress(raw)[1])
        leaf._next_block()
    return protocols


def test_positions_are_skipped_where_a_block_has_them(index):
    with index.reader() as reader:
        full = [skipped for *_, skipped in _blocks(reader, "with_positions", "every")]
        small = [skipped for *_, skipped in _blocks(reader, "with_positions", "lone3")]
        no_positions = [skipped for *_, skipped in _blocks(reader, "without_positions", "every")]
        protocols = set(_protocols(reader, "with_positions", "every"))
    assert protocols == ({3} if index.codec_name == "archive" else {2})
    assert all(full)
    # Three postings are pickled without a MARK: read whole, as Whoosh reads them.
    assert small == [False]
    assert not any(no_positions)


# -- positions decoded many at a time (`positions_decoder`) -----------------------------------


def test_positions_decoded_together_are_whooshs():
    positions = formats.Positions()
    rng = random.Random(11)
    lists = [[], [0], [300], [70_000], [5, 6, 7]]  # empty, one item, two- and four-byte ints
    lists += [sorted(rng.sample(range(2000), rng.randint(1, 60))) for _ in range(300)]
    values = [_encoded(plist) for plist in lists]
    # Older postings were written without the pickle's stop code.
    values[7] = values[7][:-1]
    assert not values[7].endswith(b".")
    decoded = [list(found) for found in positions_decoder(positions)(values)]
    assert decoded == lists
    assert decoded == [positions.decode_positions(value) for value in values]
    # Shifted back (a phrase's k-th word), after -shift.
    shifted = [list(found) for found in positions_decoder(positions)(values, 3)]
    assert shifted == [[-3] + [position - 3 for position in plist] for plist in lists]


def test_another_positions_format_is_decoded_by_its_own_decoder():
    values = [_encoded([1, 2]), _encoded([4])]
    calls = []

    class Counted(formats.Positions):
        def decode_positions(self, valuestring):
            calls.append(valuestring)
            return super().decode_positions(valuestring)

    decoded = positions_decoder(Counted())(values)
    assert [list(found) for found in decoded] == [[1, 2], [4]]
    assert calls == values
    shifted = positions_decoder(Counted())(values, 2)
    assert [list(found) for found in shifted] == [[-2, -1, 0], [-2, 2]]


def test_a_broken_value_fails_as_whoosh_fails_on_it():
    broken = [_encoded([1, 2]), pack_uint(1) + b"\x80\x02]q\x00(K"]  # cut short
    with pytest.raises(Exception) as whooshs:
        formats.Positions().decode_positions(broken[1])
    with pytest.raises(whooshs.type):
        positions_decoder(formats.Positions())(broken)


def _encoded(plist: list[int]) -> bytes:
    """A posting's positions as Whoosh's `Positions` format writes them."""
    gaps = [p - q for p, q in zip(plist, [0, *plist], strict=False)]
    return pack_uint(len(gaps)) + pickle.dumps(gaps, 2)


def test_the_archive_writes_blocks_with_protocol_3_into_segments_any_whoosh_reads(search_index):
    from whoosh.codec.whoosh3 import W3Codec

    from archive.search import sync
    from tests.factories import ArticleFactory

    for n in range(3):
        ArticleFactory(body="Cooperation and more cooperation. " * (n + 1), language="en")
    sync.drain()
    search_index.optimize()  # a merge writes its segment through the archive's writer too
    for n in range(2):
        ArticleFactory(body=f"Cooperation again, {n}.", language="en")
    sync.drain()
    with search_index.index.reader() as reader:
        leaves = [leaf for leaf, _ in reader.leaf_readers()]
        assert len(leaves) == 2
        for leaf in leaves:
            # What reading needs is Whoosh's own codec: nothing of ours is pickled in the TOC.
            assert type(leaf.segment().codec()) is W3Codec
            assert set(_protocols(leaf, "text_en", "cooper")) == {3}
        hits = reader.doc_frequency("text_en", "cooper")
    assert hits == 5
