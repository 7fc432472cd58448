"""Comparing the versions of one event: which paragraphs sit in the same row.

An event page shows every article that tells the same meeting side by side. This module aligns
their paragraphs (in one language by their words, across languages by their names and numbers);
what differs is listed by archive.version_differences, and the words that differ between two
versions in the same language are marked by archive.diffs.

Pure Python (no Django): the event view calls into it with plain strings.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

from archive.ingest.text import fold

# --- the public shapes -----------------------------------------------------------------------


@dataclass(frozen=True)
class Version:
    """One article of the event: its key (the article id), language and paragraphs."""

    key: int
    language: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Row:
    """One passage across versions: a cell per version, None where it has no counterpart."""

    cells: tuple[str | None, ...]


@dataclass
class Differences:
    """A short summary of what differs between the versions of an event."""

    # version key -> paragraphs that no other version has a counterpart for
    only_in: dict[int, int] = field(default_factory=dict)
    # (where the number sits, e.g. "top N economies", {version key: numbers others lack})
    numbers: list[tuple[str, dict[int, list[str]]]] = field(default_factory=list)
    # the same fact told with different values: what a reader wants listed (see `conflicts`)
    conflicts: list[Conflict] = field(default_factory=list)


@dataclass(frozen=True)
class Conflict:
    """One fact the versions give different values for: its kind ("date", "time", "number",
    "name") and, per version that says it, how it says it ("April 3", "top 32 economies")."""

    kind: str
    values: tuple[tuple[int, str], ...]  # (version key, its words)


# --- tuning ----------------------------------------------------------------------------------

# Same-language paragraphs pair when their folded word bigrams overlap this much (Dice).
# Near copies score 0.8-1.0 on the seeds; paragraphs of one story that merely share stock
# phrases ("of the", "the two countries") stay near 0.2, so 0.3 keeps coincidence out.
SAME_LANGUAGE_MIN_SIMILARITY = 0.3

# Across languages only names and numbers can be shared, weighted by rarity (inverse
# document frequency over both versions' paragraphs). A pair needs as much evidence as one
# anchor found in one paragraph in ten: a place, a person or "1300" passes; "Vietnam" and
# "Japan", in nearly every paragraph, do not even together. Short versions cannot reach that,
# so for them an anchor shared by just the pair is enough (see _cross_language_candidates).
CROSS_LANGUAGE_MIN_EVIDENCE = math.log(10)

# Translations keep the story's order and roughly its proportions, so a pair far from the
# diagonal is less likely: its weight shrinks by this fraction per unit of distance between
# the relative positions (none left at half a story apart). It breaks ties between
# paragraphs that share the same anchors.
CROSS_LANGUAGE_DRIFT_PENALTY = 2.0

# --- words, anchors and numbers --------------------------------------------------------------

WORD = re.compile(r"\w+")
# Sentence openers are capitalised in every language, so an anchor must be a name: a
# capitalised word seen somewhere other than the start of a sentence or quotation, or a word
# with a capital inside (AI, FoU). _OPENER finds the opening words.
_OPENER = re.compile(r"(?:^|[.!?:;«»\"“”])\W*(\w+)")
# Words that may start with a capital (Latin, Greek, Cyrillic initials; the ranges hold some
# lowercase letters too, which str.isupper weeds out). A regex pass instead of testing every
# word in Python keeps anchor extraction cheap.
_CAPITALISED = re.compile(r"\b[A-Z\u00c0-\u00de\u0100-\u024f\u0370-\u042f\u1e00-\u1eff]\w+")

# A number with its separators: "1,300", "1.300", "8.5", "20". A letter right before it makes
# it part of a code (G7, COVID19 spelled without a dash), which is not a quantity. The check
# sits after the first digit so the regex only looks behind where a number starts (much
# faster than a lookbehind tried at every position).
NUMBER = re.compile(r"\d(?<!\w\d)\d*(?:[.,\u00a0\u202f]\d+)*")
# Thousands grouping: 1-3 digits, then groups of exactly three after a separator. English
# writes 1,300, Norwegian and Vietnamese 1.300 or 1 300 (a no-break space): all are 1300.
_GROUPED = re.compile(r"\d{1,3}(?:([.,\u00a0\u202f])\d{3})(?:\1\d{3})*")


def normalise_number(raw: str) -> str:
    """``"1,300"``, ``"1.300"`` and ``"1300"`` -> ``"1300"``; ``"8,5"`` -> ``"8.5"``.

    A separator followed by exactly three digits groups thousands; any other separator is a
    decimal point, written as a dot so "8,5" (Norwegian) equals "8.5" (English).
    """
    if raw.isdigit():  # the common case, and the cheap one
        return raw
    if _GROUPED.fullmatch(raw):
        return re.sub(r"\D", "", raw)
    return raw.replace(",", ".")


def numbers_in(text: str) -> list[str]:
    """The normalised numbers of ``text`` in reading order (repeats kept)."""
    return [normalise_number(m.group()) for m in NUMBER.finditer(text)]


@functools.lru_cache(maxsize=1 << 16)
def fold_word(word: str) -> str:
    # fold() walks a string character by character; a story repeats a few hundred distinct
    # words thousands of times, so folding each distinct word once is what keeps align fast.
    # An ASCII word has no marks or special letters to fold: lowercasing is all fold does.
    return word.lower() if word.isascii() else fold(word)


def _shingles(paragraph: str) -> frozenset[tuple[str, ...]]:
    """Folded word bigrams: order-aware enough to tell a rewrite from shared vocabulary."""
    # NFC first: \w does not match combining marks, so a decomposed "Việt" would split.
    folded = tuple(map(fold_word, WORD.findall(unicodedata.normalize("NFC", paragraph))))
    if len(folded) < 2:
        return frozenset([folded] if folded else [])
    return frozenset(itertools.pairwise(folded))


def _anchors(paragraph: str) -> frozenset[str]:
    """What a paragraph keeps when it is translated: names (folded) and numbers."""
    text = unicodedata.normalize("NFC", paragraph)
    capitalised = Counter(w for w in _CAPITALISED.findall(text) if w[0].isupper())
    inner_capital = {w for w in capitalised if w[1:] != w[1:].lower()}
    capitalised.subtract(_OPENER.findall(text))
    names = {fold_word(w) for w, n in capitalised.items() if n > 0 or w in inner_capital}
    return frozenset(names).union(numbers_in(text))


# --- pairing two versions --------------------------------------------------------------------

Features = list[frozenset[Hashable]]  # one set per paragraph (or row): bigrams or anchors


class _Features:
    """A version's paragraph features, computed on first use.

    Bigrams are only needed when another version shares the language, anchors only across
    languages or for paragraphs the wording left unpaired: an event of near copies never
    pays for anchors.
    """

    def __init__(self, paragraphs: Sequence[str]) -> None:
        self.paragraphs = paragraphs

    @functools.cached_property
    def shingles(self) -> Features:
        return [_shingles(p) for p in self.paragraphs]

    @functools.cached_property
    def anchors(self) -> Features:
        return [_anchors(p) for p in self.paragraphs]


class _RowFeatures:
    """One language's aligned rows seen as the units of a single column.

    A row's features are the union of its cells', so a name or number that any of the
    language's versions kept counts when the row is paired with another language.
    """

    def __init__(self, members: list[_Features], rows: list[list[int | None]]) -> None:
        self.members = members
        self.rows = rows

    def _union(self, kind: str) -> Features:
        per_member = [getattr(member, kind) for member in self.members]
        return [frozenset().union(*self._cells(per_member, row)) for row in self.rows]

    @staticmethod
    def _cells(per_member: list[Features], row: list[int | None]) -> Iterable[frozenset[Hashable]]:
        return (sets[i] for sets, i in zip(per_member, row, strict=True) if i is not None)

    @functools.cached_property
    def shingles(self) -> Features:
        return self._union("shingles")

    @functools.cached_property
    def anchors(self) -> Features:
        return self._union("anchors")


@dataclass
class _Column:
    """A version (or one language's rows) while aligning: its features, and which of its
    units (paragraphs, or rows) take part."""

    language: str
    features: _Features | _RowFeatures
    indices: list[int]  # units still to place, in order
    versions: int = 1  # how many versions the column stands for


def _prepare(version: Version) -> _Column:
    indices = list(range(len(version.paragraphs)))
    return _Column(version.language, _Features(version.paragraphs), indices)


Candidate = tuple[int, int, float]  # (position in pivot, position in other, weight)


@dataclass(frozen=True)
class _Indexed:
    """The pivot's features with an inverted index (feature -> pivot positions), built once
    per pivot and kind and reused for every version paired with it."""

    features: Features
    postings: dict[Hashable, list[int]]


def _indexed(features: Features) -> _Indexed:
    postings: dict[Hashable, list[int]] = defaultdict(list)
    for position, feature_set in enumerate(features):
        for feature in feature_set:
            postings[feature].append(position)
    return _Indexed(features, dict(postings))


def _overlaps(
    pivot: _Indexed, other: Features, weight: dict[Hashable, float]
) -> dict[tuple[int, int], float]:
    """Summed weight of the features each (pivot, other) paragraph pair shares.

    Only pairs sharing something are visited (an inverted index), so the cost follows the
    overlap rather than the product of the paragraph counts.
    """
    postings = pivot.postings
    shared: dict[tuple[int, int], float] = {}
    for j, feature_set in enumerate(other):
        common = feature_set & postings.keys()
        if weight:
            for feature in common:
                for i in postings[feature]:
                    shared[i, j] = shared.get((i, j), 0.0) + weight[feature]
        else:
            # Unweighted: count in C (Counter over the chained postings) - this is the hot
            # loop, since stock bigrams like "of the" post to most paragraphs.
            hits = Counter(itertools.chain.from_iterable(map(postings.__getitem__, common)))
            for i, count in hits.items():
                shared[i, j] = count
    return shared


def _same_language_candidates(pivot: _Indexed, other: Features) -> list[Candidate]:
    candidates = []
    for (i, j), common in _overlaps(pivot, other, {}).items():
        dice = 2 * common / (len(pivot.features[i]) + len(other[j]))
        if dice >= SAME_LANGUAGE_MIN_SIMILARITY:
            candidates.append((i, j, dice))
    return candidates


def _cross_language_candidates(pivot: _Indexed, other: Features) -> list[Candidate]:
    # Rarity is measured over both versions' paragraphs: an anchor in every paragraph
    # ("Vietnam") says nothing about which paragraphs are translations of each other.
    # The +1 keeps an anchor in every paragraph of two one-paragraph versions worth a little.
    total = len(pivot.features) + len(other)
    frequency = Counter(a for anchors in (*pivot.features, *other) for a in anchors)
    idf = {a: math.log((total + 1) / df) for a, df in frequency.items()}
    # An anchor in exactly the two paragraphs of a pair is as rare as this text allows.
    needed = min(CROSS_LANGUAGE_MIN_EVIDENCE, math.log((total + 1) / 2))
    candidates = []
    for (i, j), evidence in _overlaps(pivot, other, idf).items():
        drift = abs((i + 0.5) / len(pivot.features) - (j + 0.5) / len(other))
        weight = evidence * (1 - CROSS_LANGUAGE_DRIFT_PENALTY * drift)
        if evidence >= needed and weight > 0:
            candidates.append((i, j, weight))
    return candidates


def _best_monotone_matching(candidates: list[Candidate], other_count: int) -> list[tuple[int, int]]:
    """The heaviest set of candidate pairs that never cross (both positions increase).

    A weighted longest-increasing-subsequence over the candidates in pivot order, with a
    Fenwick tree of prefix maxima over the other version's positions: O(k log n) for k
    candidates, where a full dynamic-programming table would be O(n * m).
    """
    tree: list[tuple[float, int]] = [(0.0, -1)] * (other_count + 1)

    def best_before(j: int) -> tuple[float, int]:  # best chain ending at a position < j
        best, position = (0.0, -1), j
        while position > 0:
            best = max(best, tree[position])
            position -= position & -position
        return best

    def record(j: int, entry: tuple[float, int]) -> None:
        position = j + 1
        while position <= other_count:
            tree[position] = max(tree[position], entry)
            position += position & -position

    ordered = sorted(candidates)
    totals: list[float] = []
    previous: list[int] = []
    start = 0
    while start < len(ordered):
        # Candidates of one pivot paragraph must not chain with each other, so the whole
        # group is scored before any of it is recorded.
        end = start
        while end < len(ordered) and ordered[end][0] == ordered[start][0]:
            end += 1
        for _, j, weight in ordered[start:end]:
            chain, before = best_before(j)
            totals.append(chain + weight)
            previous.append(before)
        for index in range(start, end):
            record(ordered[index][1], (totals[index], index))
        start = end

    if not totals:
        return []
    index = max(range(len(totals)), key=totals.__getitem__)
    pairs = []
    while index != -1:
        pairs.append(ordered[index][:2])
        index = previous[index]
    return pairs[::-1]


def _candidates(
    pivot: _Column, other: _Column, index: dict[str, _Indexed], kind: str
) -> list[Candidate]:
    """Candidate pairs by bigrams ("shingles") or by names and numbers ("anchors").

    ``index`` caches the pivot's indexed features by kind across the calls for one pivot.
    """
    if kind not in index:
        every = getattr(pivot.features, kind)
        index[kind] = _indexed([every[i] for i in pivot.indices])
    every = getattr(other.features, kind)
    others = [every[j] for j in other.indices]
    if kind == "shingles":
        return _same_language_candidates(index[kind], others)
    return _cross_language_candidates(index[kind], others)


def _within_gaps(candidates: list[Candidate], pairs: list[tuple[int, int]]) -> list[Candidate]:
    """The candidates whose two paragraphs are both unpaired and between the same pairs."""
    paired_i = {i for i, _ in pairs}
    paired_j = {j for _, j in pairs}
    # Unpaired paragraphs are in the same gap when as many pairs come before each.
    before_i = sorted(paired_i)
    before_j = sorted(paired_j)
    return [
        (i, j, weight)
        for i, j, weight in candidates
        if i not in paired_i
        and j not in paired_j
        and bisect.bisect(before_i, i) == bisect.bisect(before_j, j)
    ]


def _match(pivot: _Column, other: _Column, index: dict[str, _Indexed]) -> list[tuple[int, int]]:
    """Pairs (pivot position, other position) of the units still to place, in order.

    Across languages only names and numbers can pair. In one language wording pairs first;
    then what is left between two pairs on both sides gets a second chance by names and
    numbers, because a paragraph an outlet rewrote in its own words is still the same
    passage when it sits in the same place and names the same people and figures.
    """
    count = len(other.indices)
    if pivot.language != other.language:
        return _best_monotone_matching(_candidates(pivot, other, index, "anchors"), count)
    pairs = _best_monotone_matching(_candidates(pivot, other, index, "shingles"), count)
    if not _gap_with_both_sides(pairs, len(pivot.indices), count):
        return pairs  # the common case for near copies, and it spares computing anchors
    rewrites = _within_gaps(_candidates(pivot, other, index, "anchors"), pairs)
    return sorted(pairs + _best_monotone_matching(rewrites, count))


def _gap_with_both_sides(pairs: list[tuple[int, int]], pivot_count: int, other_count: int) -> bool:
    """Whether, between two consecutive pairs (or an end), both versions have paragraphs."""
    bounds = [(-1, -1), *pairs, (pivot_count, other_count)]
    return any(i1 - i0 > 1 and j1 - j0 > 1 for (i0, j0), (i1, j1) in itertools.pairwise(bounds))


def _gaps_of_leftovers(
    pairs: list[tuple[int, int]], pivot_count: int, other_count: int
) -> list[tuple[int, int]]:
    """(gap, position) for each unpaired paragraph of the other version.

    Gap g means "just before the pivot's paragraph g" (g == pivot_count: after the last).
    Unpaired paragraphs between two pairs are spread over the pivot's unpaired paragraphs
    in proportion to their position, so a long stretch with no counterpart interleaves with
    the pivot's stretch instead of piling up at one end.
    """
    placed = []
    bounds = [(-1, -1), *pairs, (pivot_count, other_count)]
    for (i0, j0), (i1, j1) in itertools.pairwise(bounds):
        free_rows = i1 - i0 - 1
        for j in range(j0 + 1, j1):
            share = (j - j0) / (j1 - j0)
            placed.append((i0 + 1 + math.floor(share * free_rows + 0.5), j))
    return placed


# --- aligning any number of versions ---------------------------------------------------------


def _choose_pivot(columns: list[_Column]) -> int:
    """The column the others are paired with.

    Same-language pairing (shared wording) is far surer than cross-language pairing (shared
    names), so the pivot comes from the language most versions are in; among those, the one
    with most units, because every other version's paragraphs need a row to land in. Ties go
    to the earlier version, so the same input always gives the same rows.
    """
    languages: Counter[str] = Counter()
    for column in columns:
        if column.indices:
            languages[column.language] += column.versions
    return max(
        (index for index, c in enumerate(columns) if c.indices),
        key=lambda index: (
            languages[columns[index].language],
            len(columns[index].indices),
            -index,
        ),
    )


def _align_columns(columns: list[_Column]) -> list[list[int | None]]:
    """Rows of paragraph indices, one entry per column.

    Every column is paired with the pivot; paragraphs paired with the same pivot paragraph
    share its row. What no pivot paragraph claims is aligned again, among the remaining
    columns only, within its gap between pivot rows (recursively: each level has one column
    fewer, so at most len(columns) levels). Each column's paragraphs keep their order because
    both the pairing and the gaps are monotone.
    """
    if not any(c.indices for c in columns):
        return []
    p = _choose_pivot(columns)
    pivot = columns[p]
    rows: list[list[int | None]] = [[None] * len(columns) for _ in pivot.indices]
    for row, i in zip(rows, pivot.indices, strict=True):
        row[p] = i
    leftovers: list[dict[int, list[int]]] = [defaultdict(list) for _ in range(len(rows) + 1)]
    pivot_index: dict[str, _Indexed] = {}
    for c, column in enumerate(columns):
        if c == p or not column.indices:
            continue
        pairs = _match(pivot, column, pivot_index)
        for i, j in pairs:
            rows[i][c] = column.indices[j]
        for gap, j in _gaps_of_leftovers(pairs, len(pivot.indices), len(column.indices)):
            leftovers[gap][c].append(column.indices[j])

    merged: list[list[int | None]] = []
    for gap, waiting in enumerate(leftovers):
        merged.extend(_align_leftovers(columns, waiting))
        if gap < len(rows):
            merged.append(rows[gap])
    return merged


def _align_leftovers(
    columns: list[_Column], waiting: dict[int, list[int]]
) -> list[list[int | None]]:
    """Rows for the paragraphs left in one gap, aligned among the columns that have some."""
    if not waiting:
        return []
    order = sorted(waiting)
    sub_columns = [
        _Column(columns[c].language, columns[c].features, waiting[c], columns[c].versions)
        for c in order
    ]
    rows = []
    for sub_row in _align_columns(sub_columns):
        row: list[int | None] = [None] * len(columns)
        for c, index in zip(order, sub_row, strict=True):
            row[c] = index
        rows.append(row)
    return rows


def _align_by_language(columns: list[_Column]) -> list[list[int | None]]:
    """Rows of paragraph indices: within each language first, then across languages.

    Versions in one language are aligned together by their wording, which is reliable, so
    near copies always share rows. Each language's rows then act as one column whose units
    are those rows, and the languages are aligned by names and numbers. Aligning every
    version to a single pivot instead would let two near-copy translations land in
    different rows whenever the pivot paired one of them and not the other.
    """
    groups: dict[str, list[int]] = defaultdict(list)
    for c, column in enumerate(columns):
        groups[column.language].append(c)
    if len(groups) <= 1:
        return _align_columns(columns)
    members = list(groups.values())
    group_rows = [_align_columns([columns[c] for c in group]) for group in members]
    units = [
        _Column(
            language,
            _RowFeatures([columns[c].features for c in group], rows),
            list(range(len(rows))),
            versions=len(group),
        )
        for (language, group), rows in zip(groups.items(), group_rows, strict=True)
    ]
    merged: list[list[int | None]] = []
    for unit_row in _align_columns(units):
        row: list[int | None] = [None] * len(columns)
        for group, rows, unit in zip(members, group_rows, unit_row, strict=True):
            if unit is not None:
                for c, index in zip(group, rows[unit], strict=True):
                    row[c] = index
        merged.append(row)
    return merged


def align(versions: Sequence[Version]) -> list[Row]:
    """The versions' paragraphs in rows, so the same passage sits side by side.

    Same-language versions pair paragraphs by shared folded word bigrams; languages pair
    by shared names and numbers, discounted for drifting from the diagonal. Every
    paragraph of every version appears exactly once, in its own order; a cell is None
    where that version has no counterpart for the row's passage.
    """
    rows = _align_by_language([_prepare(v) for v in versions])
    return [Row(tuple(_cells(versions, row))) for row in rows]


def _cells(versions: Sequence[Version], row: list[int | None]) -> Iterable[str | None]:
    for version, index in zip(versions, row, strict=True):
        yield None if index is None else version.paragraphs[index]
