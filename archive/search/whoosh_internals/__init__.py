"""Everything of ours that reaches into Whoosh's private internals, and the version it was written
against.

The rest of the archive uses Whoosh's documented API (schemas, queries, searchers, collectors,
writers). What is here depends on attributes, subclass hooks and file layouts that Whoosh does not
document and may change in any release:

- `blocks`: reading a term's postings a block at a time (`W3LeafMatcher`'s `_read_ids`,
  `_read_weights`, `_read_values`, `_read_data`, `_next_block`, `_data`, `_postfile`...), for a
  search and for a merge (`merged_postings`, a segment's postings renumbered as
  `SegmentWriter._process_posts` numbers them), a block's pickle
  decompressed and cut where its positions start (regular expressions over pickle opcodes),
  positions decoded many at a time (`formats.Positions`' byte layout), document lengths read
  from the per-document reader's cached length columns (`_perdoc._cached_reader`);
- `bm25`: BM25F written out operand for operand (`BM25FScorer`'s `idf`, `K1`, `B`, `avgfl`,
  `dfl`; `BM25F._field_B`), and the order in which Whoosh's intersection trees add scores
  (`make_binary_tree`, `make_weighted_tree`), so that the same floats come out;
- `codec`: a copy of `W3PostingsWriter._write_block` writing blocks with pickle protocol 3,
  and of its `add_posting` without the type assertions;
- `writing`: the segment writer's pool and per-document reader patched (`SegmentWriter.pool`,
  `per_document_reader`), merged segments streamed past the pool (`add_reader`,
  `_flush_segment`, `_close_segment` overridden; `write_per_doc`, `fieldwriter`,
  `perdocwriter` used), the commit's TOC file name (`TOC._filename`), the write lock's name;
- `stemming`: `StemFilter`'s `_stem` cache and `ignore` set;
- `matchers`: span-matcher and `AndNotMatcher` subclasses (`SpanWrappingMatcher._get_spans`,
  `AndNotMatcher._find_first`);
- `fields`: a segment reader's terms reader (`SegmentReader._terms`) wrapped so that look-ups
  in the text fields none of the segment's documents has are answered without reading it;
- `files`: a segment's column files opened with its searcher (`W3PerDocReader._colfiles`,
  `_get_column_file`, `_storage`; `SegmentReader._perdoc`, `_segment`), so that a merge by
  another process cannot delete them from under a search.

**Upgrading Whoosh.** `TESTED_VERSIONS` lists the releases this package was checked against;
importing it with any other release stops start-up with `ImproperlyConfigured`. To upgrade, add
the new version here, then run the upgrade check, the equivalence tests that compare our paths
with stock Whoosh on the same index (same hits, same score floats, same files):

    .venv/bin/pytest -q tests/search/test_term_hits.py tests/search/test_block_reads.py \
        tests/search/test_batch_writer.py tests/search/test_queries.py \
        tests/search/test_analysis_fast_path.py tests/search/test_facet_totals.py \
        tests/search/test_whoosh_internals.py tests/search/test_empty_fields.py \
        tests/search/test_held_files.py

and the benchmark (`make bench`): a changed block layout does not fail, it silently takes the
slow path.
"""

from __future__ import annotations

import whoosh
from django.core.exceptions import ImproperlyConfigured

# Whoosh-Reloaded 2.7.5 (requirements.txt pins it).
TESTED_VERSIONS: frozenset[tuple[int, int, int]] = frozenset({(2, 7, 5)})


def check_whoosh_version(version: tuple | None = None) -> None:
    """Refuse a Whoosh release this package was not tested with (the installed one by default)."""
    if version is None:
        version = whoosh.__version__
    found = tuple(version)[:3]
    if found not in TESTED_VERSIONS:
        tested = ", ".join(".".join(map(str, v)) for v in sorted(TESTED_VERSIONS))
        raise ImproperlyConfigured(
            f"The archive's search uses private internals of Whoosh and was tested with Whoosh "
            f"{tested}, not {'.'.join(map(str, found))}. Install the tested version "
            f"(pip install -r requirements.txt), or check the new one as "
            f"archive/search/whoosh_internals/__init__.py describes and add it to "
            f"TESTED_VERSIONS."
        )


check_whoosh_version()
