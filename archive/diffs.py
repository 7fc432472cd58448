"""Word diffs between two versions of one paragraph, as the event page marks them.

Two versions in the same language are compared word by word; what differs only in house style
(case, diacritics, curly quotes and dashes, a place's spelling: "Việt Nam" and "Vietnam") is the
same word. `word_diff` gives each side's segments, `render_diff` their safe HTML. Aligning the
paragraphs of every version and summarising their differences is archive.compare.

Pure Python (no Django).
"""

from __future__ import annotations

import difflib
import functools
import html
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from archive.ingest.spellings import variant_spans, with_canonical_places
from archive.ingest.text import APOSTROPHES, DASHES, fold


@dataclass(frozen=True)
class Segment:
    """A run of words in a word diff: "same", "ins" (only in b) or "del" (only in a)."""

    kind: str
    text: str


SAME = "same"
INS = "ins"
DEL = "del"


# Typographic variants that are house style, not wording: curly vs straight apostrophes,
# en/em dashes vs hyphens.
_STYLE = str.maketrans({**dict.fromkeys(APOSTROPHES, "'"), **dict.fromkeys(DASHES, "-")})
EDGE_PUNCTUATION = "\"'“”‘’«»()[]{}.,;:!?…-"


@functools.lru_cache(maxsize=65536)  # words repeat: a version's are most of the next one's
def _diff_key(token: str) -> str:
    """What two tokens must share to count as the same word.

    Case, diacritics and the punctuation stuck to a word's edges are ignored ("Lam," ==
    "lâm"), and so are the spellings of one place (the spelling map: "Việt Nam" == "Vietnam",
    "Hà Nội" == "Hanoi"): how an outlet spells a name is house style, not a difference of
    wording, and marking it buried the real differences. A place spelled in two words is one
    token here (`_tokens`).
    """
    # NFC first: the same letter typed composed or decomposed is the same spelling.
    styled = unicodedata.normalize("NFC", token).translate(_STYLE)
    stripped = styled.strip(EDGE_PUNCTUATION) or styled  # a lone dash or quote is itself
    return fold(
        with_canonical_places(stripped) if not stripped.isascii() or " " in stripped else stripped
    )


_NOT_SPACE = re.compile(r"\S+")


def _tokens(text: str) -> list[str]:
    """Words split on whitespace, except that a place written in several words ("Việt Nam",
    "HCM City") stays one token, so that it compares with its one-word spelling."""
    words = [(m.start(), m.end()) for m in _NOT_SPACE.finditer(text)]
    ends = {}
    for start, end, _canonical in variant_spans(text):
        ends[start] = max(end, ends.get(start, end))
    tokens: list[str] = []
    index = 0
    while index < len(words):
        start, end = words[index]
        place_end = ends.get(start)
        last = index
        if place_end is not None:
            while last + 1 < len(words) and words[last + 1][0] < place_end:
                last += 1
        tokens.append(" ".join(text[a:b] for a, b in words[index : last + 1]))
        index = last + 1
    return tokens


def _segments(tokens: Iterable[tuple[str, str]]) -> list[Segment]:
    """Consecutive tokens of one kind merged into one segment (fewer tags in the HTML)."""
    merged: list[Segment] = []
    for kind, token in tokens:
        if merged and merged[-1].kind == kind:
            merged[-1] = Segment(kind, f"{merged[-1].text} {token}")
        else:
            merged.append(Segment(kind, token))
    return merged


@functools.lru_cache(maxsize=256)
def _keyed_tokens(text: str) -> tuple[list[str], list[str]]:
    """A paragraph's tokens and their diff keys. Kept for the next diffs: an event page diffs
    each paragraph of the language's first version against every other version's, and finding
    the places a paragraph names is the costly part of its tokens. Callers do not change the
    lists."""
    # NFC: a letter typed decomposed is the same spelling, and a place is found in either form.
    tokens = _tokens(unicodedata.normalize("NFC", text))
    return tokens, [_diff_key(t) for t in tokens]


def word_diff(a: str, b: str) -> tuple[list[Segment], list[Segment]]:
    """Segments of ``a`` ("del": not in ``b``) and of ``b`` ("ins": not in ``a``).

    Text is split on whitespace with punctuation left on the words, so each side's segments
    joined by single spaces give back its words exactly; a segment never starts or ends
    with a space.
    """
    tokens_a, keys_a = _keyed_tokens(a)
    tokens_b, keys_b = _keyed_tokens(b)
    side_a: list[tuple[str, str]] = []
    side_b: list[tuple[str, str]] = []
    for same, a0, a1, b0, b1 in _matches(keys_a, keys_b, 0, 0):
        side_a += [(SAME if same else DEL, t) for t in tokens_a[a0:a1]]
        side_b += [(SAME if same else INS, t) for t in tokens_b[b0:b1]]
    return _segments(side_a), _segments(side_b)


def replacements(a: str, b: str) -> list[tuple[str, str]]:
    """The runs of words ``a`` and ``b`` write differently in the same place: ``("April 3.",
    "Thursday.")``. Words only one side has (an insertion, a deletion) are not listed, and
    spelling variants are equal, as in `word_diff`."""
    tokens_a, keys_a = _keyed_tokens(a)
    tokens_b, keys_b = _keyed_tokens(b)
    return [
        (" ".join(tokens_a[a0:a1]), " ".join(tokens_b[b0:b1]))
        for same, a0, a1, b0, b1 in _matches(keys_a, keys_b, 0, 0)
        if not same and a1 > a0 and b1 > b0
    ]


# difflib with autojunk off (frequent words such as "the" kept, or a long paragraph's diff turns
# patchy) looks, for each word of `a`, at every equal word of `b`, once per matching block it
# finds (at most the shorter side's length): on long paragraphs of a small vocabulary, more than
# an event page can wait for (docs/measurements.md). A diff estimated above this many steps is
# cut into pieces (at the runs of rare words both share, else into windows) each diffed exactly.
EXACT_DIFF_MAX_STEPS = 2_000_000
WINDOW_WORDS = 60


def _exact_diff_steps(a: list[str], b: list[str]) -> int:
    counts = Counter(b)
    return sum(counts[word] for word in a) * min(len(a), len(b))


def _matches(a: list[str], b: list[str], at_a: int, at_b: int) -> Iterable[tuple]:
    """(same, a0, a1, b0, b1) runs covering `a` and `b` in order, offset by `at_a`, `at_b`."""
    if not a or not b or _exact_diff_steps(a, b) <= EXACT_DIFF_MAX_STEPS:
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        for op, a0, a1, b0, b1 in matcher.get_opcodes():
            yield op == "equal", a0 + at_a, a1 + at_a, b0 + at_b, b1 + at_b
        return
    # Anchors first: the runs difflib finds with its junk heuristic (frequent words ignored,
    # so cheap), then the stretches between them diffed the same way.
    blocks = [m for m in difflib.SequenceMatcher(None, a, b).get_matching_blocks() if m.size]
    if not blocks:  # nothing rare in common: windows of the same share of each side
        yield from _windows(a, b, at_a, at_b)
        return
    i = j = 0
    for block in blocks:
        if block.a > i or block.b > j:
            yield from _matches(a[i : block.a], b[j : block.b], at_a + i, at_b + j)
        end_a, end_b = block.a + block.size, block.b + block.size
        yield True, at_a + block.a, at_a + end_a, at_b + block.b, at_b + end_b
        i, j = end_a, end_b
    if i < len(a) or j < len(b):
        yield from _matches(a[i:], b[j:], at_a + i, at_b + j)


def _windows(a: list[str], b: list[str], at_a: int, at_b: int) -> Iterable[tuple]:
    count = max(1, math.ceil(max(len(a), len(b)) / WINDOW_WORDS))
    for k in range(count):
        a0, a1 = len(a) * k // count, len(a) * (k + 1) // count
        b0, b1 = len(b) * k // count, len(b) * (k + 1) // count
        matcher = difflib.SequenceMatcher(None, a[a0:a1], b[b0:b1], autojunk=False)
        for op, i0, i1, j0, j1 in matcher.get_opcodes():
            yield op == "equal", at_a + a0 + i0, at_a + a0 + i1, at_b + b0 + j0, at_b + b0 + j1


_TAGS = {INS: ("<ins>", "</ins>"), DEL: ("<del>", "</del>"), SAME: ("", "")}


def render_diff(segments: list[Segment]) -> str:
    """Safe HTML for one side of a word diff: all text escaped, changes in <ins>/<del>."""
    parts = []
    for segment in segments:
        if segment.kind not in _TAGS:
            raise ValueError(f"unknown segment kind {segment.kind!r}")
        opening, closing = _TAGS[segment.kind]
        parts.append(f"{opening}{html.escape(segment.text)}{closing}")
    return " ".join(parts)
