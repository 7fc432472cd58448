"""Snippets: a window of an article's text with the query's matches marked, as safe HTML.

Matches are found by running the article's own analyzer (the one its index field uses) over the
text, so a folded or stemmed match is marked: `To Lam` marks `Tô Lâm`, `statsminister` marks
`statsministeren`. Every character of the article passes through `html.escape`; the only markup in
the result is the `<mark>`/`</mark>` pairs we add around already-escaped text, so nothing from the
article or the query can inject markup (and escaping per piece never splits an entity).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import compress, islice

from archive.ingest.text import fold
from archive.search.analysis import analyzer_for, language_group
from archive.search.querysyntax import Phrase, Word
from archive.search.segmenting import SegmentingTokenizer

SNIPPET_LENGTH = 240
_LEAD = 60  # characters of context kept before the first match in the window
_SPACES = re.compile(r"\s+")
ELLIPSIS = "…"


def _clean(piece: str) -> str:
    return html.escape(_SPACES.sub(" ", piece), quote=True)


def _patterns(leaves: Iterable[Word | Phrase], analyzer) -> tuple[set[str], list[tuple[str, ...]]]:
    singles: set[str] = set()
    sequences: list[tuple[str, ...]] = []
    for leaf in leaves:
        terms = tuple(token.text for token in analyzer(leaf.text, mode="query"))
        if len(terms) == 1:
            singles.add(terms[0])
        elif terms:
            sequences.append(terms)
    return singles, sequences


# Whoosh's default token expression, `[\w\*]+(\.?[\w\*]+)*`, matches exactly what this does
# (the optional dot only ever matters before more word characters), and runs faster
# (docs/measurements.md).
_DEFAULT_TOKEN = r"[\w\*]+(\.?[\w\*]+)*"
_FAST_TOKEN = re.compile(r"[\w*]+(?:\.[\w*]+)*")
_TERMS: dict[str, dict[str, str]] = {}  # per group: word -> its term ("" when dropped)
_MAX_TERMS = 200_000


def _term(word: str, group: str) -> str:
    """The index term of one word as the group's analyzer makes it ("" if it drops it)."""
    terms = [token.text for token in analyzer_for(group)(word, mode="index")]
    return terms[0] if len(terms) == 1 else ""


# Text is analysed in pieces, and no further once every word and phrase of the query has been
# found: a window holding all of them exists by then, and later text could only add repeats. The
# first piece is about this many characters, each next one twice the one before: most articles
# name a common word or an official in their first lines. (Pieces of 2,000 characters analysed
# ~2.5 times more text for a common word: 130 against 46 us a snippet.) A word not in the first
# piece is looked for by its spelling first (`match_spans`).
FIRST_PIECE = 500


def piece_ends(
    text: str, start: int = 0, stop: int | None = None, size: int = FIRST_PIECE
) -> Iterator[int]:
    """Where each piece of text[start:stop] ends: at a space (no token spans one), the first
    piece about `size` characters, the last one taking the rest when less than twice its size
    is left."""
    stop = len(text) if stop is None else stop
    position = start
    while position < stop:
        end = text.find(" ", position + size, stop) if stop - position > 2 * size else -1
        position = stop if end == -1 else end
        yield position
        size *= 2


def _expression(group: str) -> re.Pattern:
    expression = analyzer_for(group)[0].expression
    return _FAST_TOKEN if expression.pattern == _DEFAULT_TOKEN else expression


# A word's term starts with the first letter of the word lowercased and folded: the analyzers
# only lowercase, fold and take suffixes off (Snowball's English and Norwegian stemmers change no
# first letter, their exceptions included: "dying" -> "die", "skies" -> "sky"). So a word whose
# folded first letter starts none of the query's terms cannot match, and is not stemmed: stemming
# a word met for the first time is most of a snippet's cost in a fresh process (stemmed, a word
# is remembered in `_TERMS`), and a page's ~30 articles bring thousands of new words.
_NO_MATCH = "\x01"  # stands for such a word: equal to no term, and never remembered


def initials(singles: Iterable[str], sequences: Iterable[tuple[str, ...]]) -> frozenset[str]:
    """The first letters of the query's terms (see `_NO_MATCH`)."""
    terms = [*singles, *(term for sequence in sequences for term in sequence)]
    return frozenset(term[:1] for term in terms)


def _folder(group: str):
    """word -> lowercased and folded, as the group's analyzer does it; None when the analyzer is
    not of the shape whose terms keep that first letter (`ArchiveAnalyzer`'s one loop)."""
    analyzer = analyzer_for(group)
    if not getattr(analyzer, "_fast", False):
        return None
    folded = analyzer._folded

    def fold_word(word: str) -> str:
        value = folded.get(word)
        return analyzer._fold(word) if value is None else value

    return fold_word


def _piece_terms(
    expression: re.Pattern,
    text: str,
    start: int,
    end: int,
    group: str,
    wanted: frozenset[str] | None = None,
) -> list[str]:
    """The term of each word of text[start:end] ("" where the analyzer drops the word).

    With `wanted` (`initials` of the query's terms), a word not yet remembered whose folded first
    letter is not in it gets `_NO_MATCH` instead of its term (it could match nothing).

    The analyzer's filters work on one token at a time, so a word's term does not depend on its
    neighbours: tokenizing with the analyzer's own expression and analysing each distinct word
    once (remembered) gives the analyzer's terms without its per-token generator pipeline. The
    words come from `findall` and their terms from one `map` over the remembered table: a piece
    costs a few C calls, not a Python step per word. Offsets are looked up afterwards for the
    few words that match (`_offsets`).
    """
    if expression.groups:  # findall would return the groups, not the words
        words = [match.group() for match in expression.finditer(text, start, end)]
    else:
        words = expression.findall(text, start, end)
    known = _TERMS.setdefault(group, {})
    if len(known) > _MAX_TERMS:
        known.clear()
    terms = list(map(known.get, words))
    if None in terms:
        fold_word = _folder(group) if wanted is not None and "" not in wanted else None
        for i, term in enumerate(terms):
            if term is None:
                word = words[i]
                initial = fold_word(word)[:1] if fold_word is not None else ""
                if initial and initial not in wanted:
                    terms[i] = _NO_MATCH
                else:
                    terms[i] = known[word] = _term(word, group)
    return terms


def _positions(items: list[str], value: str):
    """Every index of `value` in `items` (list.index scans in C)."""
    i = -1
    while True:
        try:
            i = items.index(value, i + 1)
        except ValueError:
            return
        yield i


def _find(terms: list[str], singles: set[str], sequences: list[tuple[str, ...]]):
    """(first, last, label) word indices of each match; `terms` may hold "" (dropped words),
    which a phrase skips over as the index did."""
    spans = [(i, i, single) for single in singles for i in _positions(terms, single)]
    if sequences:
        kept = list(compress(range(len(terms)), terms)) if "" in terms else None
        words = list(compress(terms, terms)) if kept is not None else terms
        for sequence in sequences:
            size, label = len(sequence), " ".join(sequence)
            for i in _positions(words, sequence[0]):
                if tuple(words[i : i + size]) == sequence:
                    last = i + size - 1
                    spans.append((i, last, label) if kept is None else (kept[i], kept[last], label))
    return spans


def _offsets(text: str, expression: re.Pattern, pieces, wanted: list[int]) -> dict:
    """Word index -> (start, end) in `text`, for the sorted word indices `wanted`."""
    out: dict[int, tuple[int, int]] = {}
    j = 0
    for start, end, first, count in pieces:
        matches, at = None, first
        while j < len(wanted) and wanted[j] < first + count:
            if matches is None:
                matches = expression.finditer(text, start, end)
            match = next(islice(matches, wanted[j] - at, None))  # skips in C
            out[wanted[j]] = (match.start(), match.end())
            at = wanted[j] + 1
            j += 1
    return out


# Between two stretches of a text read apart: no term equals it, so no phrase matches across it.
_GAP = "\x00"


class _Reader:
    """The terms of the stretches of a text read so far, and the query's matches among them."""

    def __init__(self, text: str, group: str, singles: set[str], sequences: list[tuple]):
        self.text, self.group = text, group
        self.expression = _expression(group)
        self.singles, self.sequences = singles, sequences
        self.initials = initials(singles, sequences)
        self.wanted = len(singles) + len({" ".join(seq) for seq in sequences})
        self.terms: list[str] = []
        self.pieces: list[tuple[int, int, int, int]] = []  # (start, end, first word, words)
        self.found: list[tuple[int, int, str]] = []  # (first word, last word, label)
        self.end = 0  # where the last piece read ends

    def labels(self) -> set[str]:
        return {label for _, _, label in self.found}

    def read(self, start: int, stop: int, size: int = FIRST_PIECE) -> bool:
        """Reads text[start:stop] (from a space) in pieces until every word and phrase of the
        query has matched; whether they all have."""
        if self.terms and start != self.end:
            self.terms.append(_GAP)
        position = start
        for end in piece_ends(self.text, start, stop, size):
            piece = _piece_terms(
                self.expression, self.text, position, end, self.group, self.initials
            )
            self.pieces.append((position, end, len(self.terms), len(piece)))
            self.terms.extend(piece)
            position = self.end = end
            self.found = _find(self.terms, self.singles, self.sequences)
            if len(self.labels()) >= self.wanted:
                return True
        return False

    def spans(self) -> list[tuple[int, int, str]]:
        """(start, end, label) of the matches found, in order, overlapping ones merged."""
        ends = sorted({i for first, last, _ in self.found for i in (first, last)})
        offsets = _offsets(self.text, self.expression, self.pieces, ends)
        spans = sorted(
            ((offsets[first][0], offsets[last][1], label) for first, last, label in self.found),
            key=lambda span: (span[0], -span[1]),
        )
        merged: list[tuple[int, int, str]] = []
        for span in spans:
            if merged and span[0] < merged[-1][1]:
                last = merged[-1]
                merged[-1] = (last[0], max(last[1], span[1]), last[2])
            else:
                merged.append(span)
        return merged


def match_spans(text: str, leaves: Iterable[Word | Phrase], language: str | None):
    """(start, end, term) of matches of the leaves in `text` (NFC), in order, not overlapping.

    The text is read from its start in pieces (FIRST_PIECE) until every leaf has matched. When
    the first piece does not hold them all, reading jumps to where a missing leaf is first
    written as the visitor typed it (in any case, with or without diacritics: `_hint`): a
    rare word is often far into a text, and finding its spelling costs a tenth of analysing the
    text before it. The analyzer still decides what matches there. The text jumped over is read
    only if the leaves are not all found after it; so every leaf the text holds is marked, though
    it may be at a later place than its first (a stemmed form written earlier).
    """
    analyzer = analyzer_for(language)
    leaves = list(leaves)
    singles, sequences = _patterns(leaves, analyzer)
    if not singles and not sequences:
        return []
    if isinstance(analyzer[0], SegmentingTokenizer):
        return _segmented_spans(text, analyzer, singles, sequences)
    reader = _Reader(text, language_group(language), singles, sequences)
    first = next(piece_ends(text))
    if reader.read(0, first) or first == len(text):
        return reader.spans()
    found = reader.labels()
    missing = [leaf for leaf in leaves if _label(leaf, analyzer) not in found]
    hint = _hint(tuple(_typed_word(leaf) for leaf in missing), text, first)
    jump = text.rfind(" ", first, hint) if hint != -1 else -1
    if jump <= first:  # nothing typed so further on, or it is right there: read on
        reader.read(first, len(text), 2 * FIRST_PIECE)
    elif not reader.read(jump, len(text)):
        reader.read(first, jump, 2 * FIRST_PIECE)
    return reader.spans()


def _segmented_spans(text: str, analyzer, singles: set[str], sequences: list[tuple]):
    """`match_spans` for Japanese, Chinese and Korean (archive/search/segmenting.py): their
    units are not a regular expression's words, so the whole text is cut by the analyzer and
    matches are marked at its own offsets (a phrase from its first unit's start to its last's
    end)."""
    units = [(t.text, t.startchar, t.endchar) for t in analyzer(text, chars=True, mode="index")]
    found = _find([term for term, _, _ in units], singles, sequences)
    spans = sorted(
        ((units[first][1], units[last][2], label) for first, last, label in found),
        key=lambda span: (span[0], -span[1]),
    )
    merged: list[tuple[int, int, str]] = []
    for span in spans:
        if merged and span[0] < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], span[1]), merged[-1][2])
        else:
            merged.append(span)
    return merged


def _label(leaf: Word | Phrase, analyzer) -> str:
    """A leaf's label among the matches: its term, or its terms joined (`_patterns`)."""
    return " ".join(token.text for token in analyzer(leaf.text, mode="query"))


def _typed_word(leaf: Word | Phrase) -> str:
    """The first word of a leaf as the visitor typed it, folded ("" if it has none)."""
    words = _WORD.findall(fold(leaf.text))
    return words[0] if words else ""


_WORD = re.compile(r"\w+")
_NEVER = re.compile(r"(?!)")


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    """`str.translate` table: each character `fold` turns into one ASCII letter or digit (both
    cases, with every diacritic of the Latin scripts, Vietnamese's included) -> that letter."""
    table: dict[int, str] = {}
    for code in (*range(0x250), *range(0x1E00, 0x1F00)):  # Latin-1, Extended-A/B, Additional
        folded = fold(chr(code))
        if len(folded) == 1 and folded.isascii() and folded.isalnum():
            table[code] = folded
    return table


@lru_cache(maxsize=256)
def _locator(words: tuple[str, ...]) -> re.Pattern:
    """Finds where any of the folded `words` is written as a word's start, in a text translated
    by `_fold_table` (see `_hint`). Never matches if no word is given."""
    patterns = [
        # Not inside another word: checked after the first letter (a look-behind tried at every
        # position of the text costs three times more).
        re.escape(word[0]) + r"(?<![\w*].)" + re.escape(word[1:])
        for word in filter(None, words)
    ]
    return re.compile("|".join(patterns)) if patterns else _NEVER


# Text translated for `_hint` at a time: a rare word is mostly found in the first stretch.
_HINT_CHUNK = 2000


def _hint(words: tuple[str, ...], text: str, start: int) -> int:
    """Where any of the folded `words` is first written in text[start:] as a word's start, in
    any case, with or without diacritics (-1: nowhere); a hint for `match_spans`, the analyzer
    checks it.

    The text is translated letter for letter by `_fold_table` (each character to the one ASCII
    letter it folds to, or itself: the same length, word characters staying word characters) and
    the words searched for as written: the same places as a pattern with a class of characters
    per letter would find, without compiling such a pattern for every new query (classes of
    Vietnamese letters took milliseconds to compile). A stretch at a time, each with the
    character before it (the look-behind) and room for a word running over its end.
    """
    pattern = _locator(words)
    if pattern is _NEVER:
        return -1
    table, longest = _fold_table(), max(map(len, words))
    position = start
    while position < len(text):
        end = min(len(text), position + _HINT_CHUNK)
        lead = 1 if position > 0 else 0
        piece = text[position - lead : end + longest].translate(table)
        found = pattern.search(piece, lead)
        if found is not None:  # the first in the stretch, or just after it
            return found.start() - lead + position
        position = end
    return -1


def _window(text: str, spans, length: int) -> tuple[int, int]:
    """The [start, end) of about `length` characters holding the most distinct matches."""
    best, best_score = 0, (-1, -1)
    for anchor in spans:
        start = max(0, anchor[0] - _LEAD)
        inside = [span for span in spans if span[0] >= start and span[1] <= start + length]
        score = (len({span[2] for span in inside}), len(inside))
        if score > best_score:
            best, best_score = start, score
    end = min(len(text), best + length)
    start = max(0, end - length)  # near the end of the text, show more before
    # Cut at spaces so words stay whole, never inside the window's first match.
    if start > 0:
        first = min((span[0] for span in spans if span[0] >= start), default=end)
        space = text.find(" ", start, first)
        if space != -1:
            start = space + 1
    if end < len(text):
        space = text.rfind(" ", start, end)
        if space > start:
            end = space
    return start, end


def snippet(
    text: str,
    leaves: Iterable[Word | Phrase],
    language: str | None,
    length: int = SNIPPET_LENGTH,
) -> str:
    """Safe HTML: about `length` characters of `text` around its best matches, marked."""
    text = unicodedata.normalize("NFC", text or "").strip()
    leaves = list(leaves)
    spans = match_spans(text, leaves, language) if leaves else []
    if not spans:
        start, end = 0, min(len(text), length)
        if end < len(text):
            space = text.rfind(" ", 0, end)
            end = space if space > 0 else end
        return _clean(text[start:end]) + (ELLIPSIS if end < len(text) else "")
    start, end = _window(text, spans, length)
    out = [ELLIPSIS if start > 0 else ""]
    position = start
    for span_start, span_end, _ in spans:
        if span_start < start or span_end > end:
            continue
        out.append(_clean(text[position:span_start]))
        out.append(f"<mark>{_clean(text[span_start:span_end])}</mark>")
        position = span_end
    out.append(_clean(text[position:end]))
    if end < len(text):
        out.append(ELLIPSIS)
    return "".join(out).strip()
