"""Did you mean: a search's words unknown to the index replaced by the nearest words of documents
visitors can find (`suggest`), on the Whoosh path (Elasticsearch's uses its term suggester,
`es.service.suggestion`).
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable

from whoosh.analysis import STOP_WORDS
from whoosh.reading import TermNotFound

from archive.ingest.text import fold
from archive.search.analysis import GROUPS, analyzer_for, folding
from archive.search.contract import TEXT_FIELD_BY_GROUP
from archive.search.names import name_words, official_suggestion
from archive.search.querysyntax import ParsedQuery, parse


def _known(searcher, word: str, text_fields: dict[str, str]) -> bool:
    """Whether a document visitors can find has `word` (as any language's analysis reads it).

    Only documents still in the index count: an event hidden (or an article deleted) after it
    was indexed leaves its documents marked deleted, and their words in the segment's lexicon
    and spelling lists, until the segment is merged. Suggesting those words would show visitors
    what editors hid.
    """
    reader = searcher.reader()
    for group in GROUPS:
        terms = [token.text for token in analyzer_for(group)(word, mode="query")]
        if terms and all(_in_a_live_document(reader, text_fields[group], t) for t in terms):
            return True
    return False


def _in_a_live_document(reader, fieldname: str, term: str) -> bool:
    # Segment by segment, stopping at the first that has the word in a live document: the
    # postings of every segment at once cost a matcher per segment that holds the word.
    for leaf, _ in reader.leaf_readers():
        if not leaf.doc_frequency(fieldname, term):
            continue
        if not leaf.has_deletions():
            return True
        try:
            # A segment's postings leave out its deleted documents.
            if leaf.postings(fieldname, term).is_active():
                return True
        except TermNotFound:
            continue
    return False


def _frequency(searcher, word: str, text_fields: dict[str, str]) -> int:
    reader = searcher.reader()
    total = 0
    for group in GROUPS:
        for token in analyzer_for(group)(word, mode="query"):
            total += reader.doc_frequency(text_fields[group], token.text)
    return total


# Corrections already looked up, per searcher (a new searcher comes with every index change):
# finding the words within two edits walks the whole lexicon of four fields (docs/measurements.md),
# and visitors misspell the same words.
_corrections: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
MAX_CORRECTIONS = 4096
MAX_CORRECTIONS_PER_SEARCH = 4


def correct_word(searcher, word: str, text_fields: dict[str, str]) -> str | None:
    """The index word closest to `word` (1, then 2 edits; the most frequent wins), or None."""
    known = _corrections.setdefault(searcher, {})
    key = (word, tuple(sorted(text_fields.items())))
    if key not in known:
        if len(known) >= MAX_CORRECTIONS:
            known.clear()
        known[key] = _closest_word(searcher, word, text_fields)
    return known[key]


def _closest_word(searcher, word: str, text_fields: dict[str, str]) -> str | None:
    folded = [token.text for token in folding()(word)]
    if len(folded) != 1 or len(folded[0]) < 3 or folded[0].isdigit():
        return None
    target = folded[0]
    reader = searcher.reader()
    schema = searcher.schema
    # Unstemmed words: Whoosh's spell_* fields for stemmed fields, the field itself otherwise.
    spell_fields = [schema[name].spelling_fieldname(name) for name in text_fields.values()]
    for distance in (1, 2):
        candidates = set()
        for spell_field in spell_fields:
            candidates.update(reader.terms_within(spell_field, target, distance, prefix=1))
        candidates.discard(target)
        candidates = {word for word in candidates if _known(searcher, word, text_fields)}
        if candidates:
            return max(sorted(candidates), key=lambda word: _frequency(searcher, word, text_fields))
    return None


def suggest(
    searcher, text: str, parsed: ParsedQuery | None = None, text_fields: dict | None = None
) -> str | None:
    """`text` with its words unknown to the index replaced by the nearest known words.

    A name is never corrected to a common word: a run of words that nearly spells an official's
    name is offered the name (`Lee Minh Hung`: `Lê Minh Hưng`), a word of any official's name
    is left as typed (`Abe` is not "are"), and a stop word ("are", "to") is never offered.
    """
    if text_fields is None:
        text_fields = TEXT_FIELD_BY_GROUP
    parsed = parsed or parse(text)
    suggestion, changed, looked_up = text, False, 0
    for word in _unique(parsed.words()):
        if _known(searcher, word, text_fields):
            continue
        if len(parsed.words()) > 1 and (named := official_suggestion(text)):
            return named
        if fold(word) in name_words():
            continue
        # Each correction walks the whole lexicon: a few per search.
        looked_up += 1
        if looked_up > MAX_CORRECTIONS_PER_SEARCH:
            break
        better = correct_word(searcher, word, text_fields)
        if better and better not in STOP_WORDS:
            pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")
            suggestion = pattern.sub(better, suggestion)
            changed = True
    return suggestion.strip() if changed else None


def _unique(items: Iterable[str]) -> list[str]:
    seen, out = set(), []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out
