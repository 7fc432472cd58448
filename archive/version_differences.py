"""What differs between the versions of one event, once aligned (``compare.align``): the
paragraphs one version alone has, the numbers the others lack, and the same fact told with
different values ("Date: VNA 'April 3' · VNS 'Thursday'"), in plain words.

Pure Python (no Django), like ``compare``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from archive.compare import (
    NUMBER,
    WORD,
    Conflict,
    Differences,
    Row,
    Version,
    fold_word,
    normalise_number,
    numbers_in,
)
from archive.diffs import EDGE_PUNCTUATION, replacements

# --- the summary -----------------------------------------------------------------------------


def _only_in(versions: Sequence[Version], rows: list[Row]) -> dict[int, int]:
    """Per version, rows where it alone has a paragraph. With one version nothing differs."""
    counts = {v.key: 0 for v in versions}
    if len(versions) < 2:
        return counts
    for row in rows:
        present = [v.key for v, cell in zip(versions, row.cells, strict=True) if cell is not None]
        if len(present) == 1:
            counts[present[0]] += 1
    return counts


# The non-space text glued to either side of a number ("(2021", "-2025),", "%").
_GLUED_BEFORE = re.compile(r"\S*$")
_GLUED_AFTER = re.compile(r"\S*")


def _number_label(paragraph: str, number: str) -> str:
    """The words around ``number``, numbers written N: "top N economies", "April N".

    Located with the number regex rather than by splitting on spaces, because a number may
    hold a no-break space ("1 300") and may be glued to punctuation ("20%", "2021-2025").
    """
    for match in NUMBER.finditer(paragraph):
        if normalise_number(match.group()) != number:
            continue
        before, after = paragraph[: match.start()], paragraph[match.end() :]
        glued_before = _GLUED_BEFORE.search(before).group()
        glued_after = _GLUED_AFTER.match(after).group()
        token = NUMBER.sub("N", f"{glued_before}{match.group()}{glued_after}")
        words = [
            *before[: len(before) - len(glued_before)].split()[-1:],
            token,
            *after[len(glued_after) :].split()[:1],
        ]
        stripped = (w.strip(EDGE_PUNCTUATION) for w in words)
        return " ".join(w for w in stripped if w)
    return "N"


def _numbers_others_lack(
    versions: Sequence[Version], row: Row, everywhere: list[set[str]]
) -> dict[int, list[str]]:
    """Per version in the row, its numbers that at least one other version never mentions.

    A number is checked against each other version's whole text, not just the row, because
    translations split paragraphs differently and a number may sit one row away.
    """
    lacking: dict[int, list[str]] = {}
    for index, (version, cell) in enumerate(zip(versions, row.cells, strict=True)):
        if cell is None:
            continue
        others = [numbers for k, numbers in enumerate(everywhere) if k != index]
        odd = [n for n in dict.fromkeys(numbers_in(cell)) if any(n not in s for s in others)]
        if odd:
            lacking[version.key] = odd
    return lacking


def summarize(versions: Sequence[Version], rows: list[Row]) -> Differences:
    """What differs: paragraphs only one version has, and numbers that do not agree.

    Numbers are compared normalised ("1,300" == "1.300" == "1300"); each entry covers one
    row, labelled by the words around its first disputed number, and lists per version the
    numbers some other version lacks, so "32" against "35" reads as one disagreement.
    """
    if len({v.key for v in versions}) != len(versions):
        raise ValueError("version keys must be unique")
    for row in rows:
        if len(row.cells) != len(versions):
            raise ValueError("every row needs one cell per version")
    differences = Differences(only_in=_only_in(versions, rows), conflicts=conflicts(versions, rows))
    everywhere = [{n for p in v.paragraphs for n in numbers_in(p)} for v in versions]
    for row in rows:
        lacking = _numbers_others_lack(versions, row, everywhere)
        if not lacking:
            continue
        first_key, first_numbers = next(iter(lacking.items()))
        paragraph = next(
            cell for v, cell in zip(versions, row.cells, strict=True) if v.key == first_key
        )
        differences.numbers.append((_number_label(paragraph, first_numbers[0]), lacking))
    return differences


# --- the same fact with different values -----------------------------------------------------

# Words that make a run of words a date: months and weekdays in the archive's languages
# (folded: no case, no diacritics), and the relative days stories date a meeting with.
_DATE_WORDS = frozenset(
    re.findall(
        r"\w+",
        """january february march april may june july august september october november december
        jan feb mar apr jun jul aug sep sept oct nov dec januar februar mars mai juni juli
        oktober desember monday tuesday wednesday thursday friday saturday sunday mandag tirsdag
        onsdag torsdag fredag lordag sondag today yesterday tomorrow tonight thang ngay""",
    )
)
_DATE_PATTERN = re.compile(r"\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?|\d{4}-\d{2}-\d{2}|\d+\s*[年月日]")
_TIME_PATTERN = re.compile(r"\b\d{1,2}[:h.]\d{2}\b|\b\d{1,2}\s*(?:a\.?m\.?|p\.?m\.?)(?!\w)", re.I)
# A run longer than this is a rewording, not one fact told differently.
MAX_FACT_WORDS = 6
# Thousands grouped with a plain space, as Norwegian and French print them ("5 500").
_SPACE_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?: \d{3})+(?![\d.,]?\d)")


def _kind_of(text: str) -> str | None:
    """What kind of fact a short run of words states, or None (plain wording)."""
    words = set(WORD.findall(fold_word(text)))
    if _TIME_PATTERN.search(text):
        return "time"
    if words & _DATE_WORDS or _DATE_PATTERN.search(text):
        return "date"
    if NUMBER.search(text):
        return "number"
    return None


def _is_name(text: str) -> bool:
    return any(w[0].isupper() for w in WORD.findall(text) if not w.isdigit())


def _fact_kind(a: str, b: str) -> str | None:
    """The kind of fact two runs written in the same place both state, or None."""
    if len(a.split()) > MAX_FACT_WORDS or len(b.split()) > MAX_FACT_WORDS:
        return None
    kinds = {_kind_of(a), _kind_of(b)}
    for kind in ("time", "date"):
        if kind in kinds and kinds <= {kind, "number"}:
            return kind
    if kinds == {"number"}:
        return "number"
    if kinds == {None} and _is_name(a) and _is_name(b):
        return "name"
    return None


def _all_numbers(text: str) -> list[str]:
    """The numbers of ``text`` (``numbers_in``), "5 500" read as one number (5500), not two."""
    return numbers_in(_SPACE_GROUPED.sub(lambda m: m.group().replace(" ", ""), text))


def _number_phrase(paragraph: str, number: str) -> str:
    """A number with its neighbours, as written: "top 32 economies"."""
    label = _number_label(paragraph, number)
    if label == "N":
        return number
    return label.replace("N", number, 1) if label.count("N") == 1 else label.replace("N", "…")


def conflicts(versions: Sequence[Version], rows: list[Row]) -> list[Conflict]:
    """The same fact with different values, once each.

    Versions in one language are compared word by word, against the language's first version:
    a run of words written differently in the same place is a conflict when both sides state a
    date, a time, a number or a name ("April 3." against "Thursday."); wording, typos and
    spelling variants are not facts. Across languages only numbers can be compared: in a row
    of two languages, a number one side has and the other's whole text never mentions, facing
    such a number on the other side, is one fact told two ways ("top 32" against "topp 35").
    """
    found: list[Conflict] = []
    seen: set[tuple] = set()

    def add(kind: str, values: tuple[tuple[int, str], ...]) -> None:
        key = (kind, frozenset((k, fold_word(v)) for k, v in values))
        if key not in seen:
            seen.add(key)
            found.append(Conflict(kind, values))

    everywhere = [{n for p in v.paragraphs for n in _all_numbers(p)} for v in versions]
    first_of: dict[str, int] = {}
    for index, version in enumerate(versions):
        first_of.setdefault(version.language, index)
    for row in rows:
        for index, version in enumerate(versions):
            pivot = first_of[version.language]
            a, b = row.cells[pivot], row.cells[index]
            if index == pivot or a is None or b is None or a == b:
                continue
            for said_a, said_b in replacements(a, b):
                said_a, said_b = said_a.strip(EDGE_PUNCTUATION), said_b.strip(EDGE_PUNCTUATION)
                kind = _fact_kind(said_a, said_b)
                if kind:
                    add(kind, ((versions[pivot].key, said_a), (version.key, said_b)))
        _cross_language_numbers(versions, row, everywhere, first_of, add)
    return found


def _cross_language_numbers(versions, row, everywhere, first_of, add) -> None:
    languages = [i for i in first_of.values() if row.cells[i] is not None]
    for x, y in itertools.combinations(languages, 2):
        odd_x = [n for n in dict.fromkeys(_all_numbers(row.cells[x])) if n not in everywhere[y]]
        odd_y = [n for n in dict.fromkeys(_all_numbers(row.cells[y])) if n not in everywhere[x]]
        # One disputed number a side: more is a paragraph telling other things, not one fact.
        if len(odd_x) == 1 and len(odd_y) == 1 and _is_year(odd_x[0]) == _is_year(odd_y[0]):
            add(
                "number",
                (
                    (versions[x].key, _number_phrase(row.cells[x], odd_x[0])),
                    (versions[y].key, _number_phrase(row.cells[y], odd_y[0])),
                ),
            )


def _is_year(number: str) -> bool:
    return number.isdigit() and len(number) == 4 and 1900 <= int(number) <= 2100
