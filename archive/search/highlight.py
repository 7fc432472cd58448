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
from collections.abc import Iterable

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


def _tokens(text: str, group: str, offset: int = 0) -> list[tuple[str, int, int]]:
    """(term, start, end) of each word of `text` (NFC), as the group's analyzer indexes them.

    The analyzer's filters work on one token at a time, so a word's term does not depend on its
    neighbours: tokenizing with the analyzer's own expression and analysing each distinct word
    once (remembered) gives the analyzer's tokens without its per-token generator pipeline.
    """
    expression = analyzer_for(group)[0].expression
    if expression.pattern == _DEFAULT_TOKEN:
        expression = _FAST_TOKEN
    known = _TERMS.setdefault(group, {})
    if len(known) > _MAX_TERMS:
        known.clear()
    get = known.get
    out = []
    for match in expression.finditer(text):
        word = match.group()
        term = get(word)
        if term is None:
            term = known[word] = _term(word, group)
        if term:
            out.append((term, offset + match.start(), offset + match.end()))
    return out


# Text is analysed in pieces of about this many characters, and no further once every word and
# phrase of the query has been found: a window holding all of them exists by then, and later text
# could only add repeats (most articles match early, so most of a long body is never analysed).
PIECE = 2000


def _find(tokens, singles: set[str], sequences: list[tuple[str, ...]]):
    firsts = {seq[0] for seq in sequences}
    spans = []
    for i, (term, start, end) in enumerate(tokens):
        if term in singles:
            spans.append((start, end, term))
        if term in firsts:
            for seq in sequences:
                if seq[0] == term and tuple(t[0] for t in tokens[i : i + len(seq)]) == seq:
                    spans.append((start, tokens[i + len(seq) - 1][2], " ".join(seq)))
    return spans


def match_spans(text: str, leaves: Iterable[Word | Phrase], language: str | None):
    """(start, end, term) of each match of the leaves in `text` (NFC), in order, not overlapping;
    from the start of the text up to where every leaf has matched (see PIECE)."""
    analyzer = analyzer_for(language)
    singles, sequences = _patterns(leaves, analyzer)
    if not singles and not sequences:
        return []
    group = language_group(language)
    wanted = len(singles) + len({" ".join(seq) for seq in sequences})
    tokens: list[tuple[str, int, int]] = []
    spans: list[tuple[int, int, str]] = []
    position = 0
    while position < len(text):
        # Cut at a space: no token spans one, so the pieces' tokens are the whole text's.
        end = text.find(" ", position + PIECE) if len(text) - position > 2 * PIECE else -1
        end = len(text) if end == -1 else end
        tokens.extend(_tokens(text[position:end], group, position))
        position = end
        spans = _find(tokens, singles, sequences)
        if len({span[2] for span in spans}) >= wanted:
            break
    spans.sort(key=lambda span: (span[0], -span[1]))
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
