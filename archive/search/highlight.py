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
from itertools import compress, islice

from archive.search.analysis import analyzer_for, language_group
from archive.search.querysyntax import Phrase, Word

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
# (the optional dot only ever matters before more word characters); this one runs ~1.5x faster.
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
# name a common word or an official in their first lines, and a rare word anywhere is reached in
# a few steps, having analysed at most about twice the text before it. (Pieces of 2,000
# characters analysed ~2.5 times more text for a common word: 130 against 46 us a snippet.)
FIRST_PIECE = 500


def piece_ends(text: str) -> Iterator[int]:
    """Where each piece of `text` ends: at a space (no token spans one), the last piece taking
    the rest when less than twice its size is left."""
    position, size = 0, FIRST_PIECE
    while position < len(text):
        end = text.find(" ", position + size) if len(text) - position > 2 * size else -1
        position = len(text) if end == -1 else end
        yield position
        size *= 2


def _expression(group: str) -> re.Pattern:
    expression = analyzer_for(group)[0].expression
    return _FAST_TOKEN if expression.pattern == _DEFAULT_TOKEN else expression


def _piece_terms(expression: re.Pattern, text: str, start: int, end: int, group: str) -> list[str]:
    """The term of each word of text[start:end] ("" where the analyzer drops the word).

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
        for i, term in enumerate(terms):
            if term is None:
                terms[i] = known[words[i]] = _term(words[i], group)
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


def match_spans(text: str, leaves: Iterable[Word | Phrase], language: str | None):
    """(start, end, term) of each match of the leaves in `text` (NFC), in order, not overlapping;
    from the start of the text up to where every leaf has matched (see FIRST_PIECE)."""
    analyzer = analyzer_for(language)
    singles, sequences = _patterns(leaves, analyzer)
    if not singles and not sequences:
        return []
    group = language_group(language)
    expression = _expression(group)
    wanted = len(singles) + len({" ".join(seq) for seq in sequences})
    terms: list[str] = []
    pieces: list[tuple[int, int, int, int]] = []  # (start, end, first word, words) of each piece
    found: list[tuple[int, int, str]] = []
    position = 0
    for end in piece_ends(text):
        piece = _piece_terms(expression, text, position, end, group)
        pieces.append((position, end, len(terms), len(piece)))
        terms.extend(piece)
        position = end
        found = _find(terms, singles, sequences)
        if len({label for _, _, label in found}) >= wanted:
            break
    ends = sorted({i for first, last, _ in found for i in (first, last)})
    offsets = _offsets(text, expression, pieces, ends)
    spans = sorted(
        ((offsets[first][0], offsets[last][1], label) for first, last, label in found),
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
