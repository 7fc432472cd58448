"""How the index's segments are written: Whoosh's own codec, its postings blocks pickled with
protocol 3 instead of 2.

Whoosh (`whoosh.codec.whoosh3`) writes each block of a term's postings as one zlib-compressed
pickle of (ids, term frequencies, positions), with protocol 2. Protocol 2 has no opcode for bytes:
it pickles each posting's encoded positions as a call to `_codecs.encode` on a str. Blocks
pickled with protocol 3, where bytes are bytes, unpickle and decompress faster and are smaller
(docs/measurements.md). (Protocol 5 is as fast and a little smaller, but frames its data: a
block could no longer be cut where its positions start, which `blocks.read_without_values`
does for a word's search.) Whoosh reads either (`pickle.loads`), so indexes written before stay
readable; their segments are written anew, so, when merged.

Only writing changes: a segment records a stock `W3Codec` as its codec, so that reading an index
needs nothing of ours.
"""

from __future__ import annotations

import pickle
import zlib

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3PostingsWriter, W3Segment
from whoosh.util.numeric import length_to_byte

BLOCK_PROTOCOL = 3


class ArchiveCodec(W3Codec):
    """`W3Codec`, writing postings blocks with `BLOCK_PROTOCOL`."""

    def postings_writer(self, dbfile, byteids=False):
        return _PostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )

    def new_segment(self, storage, indexname):
        codec = W3Codec(
            blocklimit=self._blocklimit,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )
        return W3Segment(codec, indexname)


class _PostingsWriter(W3PostingsWriter):
    def add_posting(self, id_, weight, vbytes, length=None):
        """`W3PostingsWriter.add_posting` without its type assertions: four `isinstance` calls
        for each posting written, a tenth of a merge's time, on values Whoosh's own writer and
        readers produce."""
        if len(self._ids) >= self._blocklimit:
            self._write_block()
        self._ids.append(id_)
        self._weights.append(weight)
        if weight > self._maxweight:
            self._maxweight = weight
        if vbytes:
            self._values.append(vbytes)
        if length:
            minlength = self._minlength
            if minlength is None or length < minlength:
                self._minlength = length
            if length > self._maxlength:
                self._maxlength = length

    def _write_block(self, last=False):
        """`W3PostingsWriter._write_block` (Whoosh-Reloaded 2.7.5), but for the protocol of the
        block's data: the same header, block info, compression and layout."""
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        data = (self._mini_ids(), self._mini_weights(), self._mini_values())
        databytes = pickle.dumps(data, BLOCK_PROTOCOL)
        # Whoosh compresses every block, however small (it means not to under 20 bytes, but
        # overwrites its own decision): so do we, for the same files.
        comp = self._compression
        if comp:
            databytes = zlib.compress(databytes, comp)
        ids = self._ids
        infobytes = pickle.dumps(
            (
                len(ids),
                ids[-1],
                self._maxweight,
                comp,
                length_to_byte(self._minlength),
                length_to_byte(self._maxlength),
            ),
            2,
        )
        blocklength = len(infobytes) + len(databytes)
        if last:  # the last block's length is written negative
            blocklength *= -1
        self._postfile.write_int(blocklength)
        self._postfile.write(infobytes)
        self._postfile.write(databytes)
        self._blockcount += 1
        self._new_block()
