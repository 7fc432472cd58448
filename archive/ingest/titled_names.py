"""Names read after a title: ``Prime Minister Pham Minh Chinh``, ``statsminister Pham Minh
Chinh``, ``Ambassador Extraordinary and Plenipotentiary of Vietnam to Japan Ito Naoki``, and a
title set off after a name (``Lê Minh Hưng, Secretary of the Party Central Committee``).

A ``Span`` is words ``[start, end)`` naming someone: a known person (``slug``, found by
``people``) or a name after a title, with the title as written (``role``). Pure Python.
"""

from __future__ import annotations

from dataclasses import dataclass

from archive.ingest.name_words import (
    CONNECTORS,
    MAX_NAME_WORDS,
    MAX_TITLE_RUNS,
    MIN_NAME_WORDS,
    NOT_NAME_WORDS,
    PLACE_PAIRS,
    PLACE_WORDS,
    READ_ON_WORDS,
    VIETNAMESE_FAMILY_NAMES,
    Word,
    dashed,
    opens_sentence,
    spaced,
)
from archive.ingest.spellings import is_place_name
from archive.ingest.text import APOSTROPHES


@dataclass(frozen=True, slots=True)
class Span:
    """Words [start, end) naming someone: a known person (``slug``) or a name after a title."""

    start: int
    end: int
    slug: str | None = None
    is_short: bool = False
    role: str | None = None
    # For a title: where the words after it are, whether they make a name.
    name_start: int = 0
    name_end: int = 0
    is_name: bool = False


def title_spans(words: list[Word], titles: dict[str, list[tuple[str, ...]]]) -> list[Span]:
    """Each title in the text, with the name that follows it when one does."""
    spans = []
    index = 0
    while index < len(words):
        title_end = _title_at(words, index, titles)
        if title_end is None:
            index += 1
            continue
        spans.append(_read_after_title(words, index, title_end, titles))
        index = title_end
    return spans


def _title_at(
    words: list[Word], index: int, titles: dict[str, list[tuple[str, ...]]]
) -> int | None:
    """Where the longest title starting at ``index`` ends, if one does."""
    for keys in titles.get(words[index].key, ()):
        end = index + len(keys)
        if end <= len(words) and all(
            words[index + i].key == key and (i == 0 or spaced(words[index + i]))
            for i, key in enumerate(keys)
        ):
            return end
    return None


def _read_after_title(
    words: list[Word], title_start: int, title_end: int, titles: dict[str, list[tuple[str, ...]]]
) -> Span:
    """Read the qualifiers after a title up to the name, as runs of capitalised words.

    "Ambassador | Extraordinary | and Plenipotentiary | of Vietnam | to Japan Ito Naoki":
    lowercase connectors join runs; the first run that still holds a name once its office,
    institution and place words are taken off is the name. The title reads up to it.
    A run ends at punctuation, a line break or a lowercase word; so does the title.
    """
    role_end = title_end  # words [title_start, role_end) are the title as written
    first_run: tuple[int, int] | None = None
    index = title_end
    for _ in range(MAX_TITLE_RUNS):
        run_start = index
        while run_start < len(words) and (
            _possessive(words[run_start])
            or (
                spaced(words[run_start])
                and not words[run_start].capitalised
                and (words[run_start].key in CONNECTORS or words[run_start].key in READ_ON_WORDS)
            )
        ):
            run_start += 1
        run_end = _capitalised_run_end(words, run_start)
        if run_end == run_start:
            break
        if first_run is None:
            first_run = (run_start, run_end)
        name = _name_in_run(words, run_start, run_end)
        if name is not None:
            return _title_span(words, title_start, max(role_end, name[0]), name, is_name=True)
        if _skip_qualifiers(words, run_start, run_end) == run_end:
            # Offices, institutions, places only: part of the title ("of the Party Central
            # Committee"); a run with other words is a name too short or long to trust.
            role_end = run_end
        index = run_end
    name = _name_after_office(words, title_end, titles)
    if name is not None:
        return _title_span(words, title_start, name[0], name, is_name=True)
    name_span = first_run or (title_end, title_end)
    return _title_span(words, title_start, role_end, name_span, is_name=False)


def _possessive(word: Word) -> bool:
    """The "s" of "Japan’s" in "Governor of Japan’s Kagoshima prefecture": read on."""
    return word.key == "s" and word.gap in APOSTROPHES


# How far past a title its office may run before the officeholder's name: "Bộ trưởng Bộ Kinh
# tế, Thương mại và Công nghiệp Nhật Bản Hiroshige Seko" (twelve words).
MAX_OFFICE_WORDS = 14


def _name_after_office(
    words: list[Word], title_end: int, titles: dict[str, list[tuple[str, ...]]]
) -> tuple[int, int] | None:
    """The name after an office written with commas ("Minister of Economy, Trade and Industry
    Nishimura Yasutoshi") or lowercase syllables (Vietnamese capitalises only a word's first:
    "Bộ Kinh tế, Thương mại và Công nghiệp Nhật Bản Hiroshige Seko"), which end the runs
    ``_read_after_title`` reads. Read within the sentence, up to ``MAX_OFFICE_WORDS`` words,
    over capitalised words, connectors and Vietnamese syllables only: the first run that
    opens with an office, institution or place word and ends with a name, or that is a
    Vietnamese name ("Bộ trưởng Kế hoạch và Đầu tư Nguyễn Chí Dũng")."""
    last = min(len(words), title_end + MAX_OFFICE_WORDS)
    for index in range(title_end, last):
        word = words[index]
        if index > title_end and (
            opens_sentence(words, index) or _title_at(words, index, titles) is not None
        ):
            return None  # another sentence, or another title: "... hội đàm với Tổng Bí thư"
        if not word.capitalised:
            if index == title_end and word.key not in CONNECTORS and word.key != "va":
                return None  # a verb: "Thủ tướng tiếp Tổng Thư ký ..." (receives)
            if (
                word.key in CONNECTORS
                or word.key in READ_ON_WORDS
                or word.key == "va"
                or _vietnamese_syllable(words, index)
            ):
                continue
            return None
        pair = (word.key, words[index + 1].key) if index + 1 < len(words) else None
        qualified = pair in PLACE_PAIRS or word.key in NOT_NAME_WORDS
        if qualified or (index > title_end and word.key in VIETNAMESE_FAMILY_NAMES):
            run_end = _capitalised_run_end(words, index)
            name = _name_in_run(words, index, run_end)
            if name is not None and (name[0] > index or not qualified):
                return name
    return None


def _vietnamese_syllable(words: list[Word], index: int) -> bool:
    """A lowercase syllable of a Vietnamese word: with Vietnamese marks ("tế", "nghiệp"), or
    short after one that has them ("Ngoại giao")."""
    word = words[index]
    if not word.text.isascii():
        return True
    return len(word.text) <= 5 and index > 0 and not words[index - 1].text.isascii()


def _title_span(
    words: list[Word], start: int, role_end: int, name: tuple[int, int], is_name: bool
) -> Span:
    # The title as written ends at its last word that is not a connector ("to", "and").
    while role_end - 1 > start and words[role_end - 1].key in CONNECTORS:
        role_end -= 1
    if words[start].key == "counterpart" and role_end - start > 1:
        start += 1  # "counterpart Senior Lieutenant General": the rank is the office
    role = words[start].text + "".join(w.gap + w.text for w in words[start + 1 : role_end])
    return Span(
        start=name[0],
        end=name[1],
        role=role.replace("\n", " "),
        name_start=name[0],
        name_end=name[1],
        is_name=is_name,
    )


def _capitalised_run_end(words: list[Word], start: int) -> int:
    """The end of the capitalised words from ``start``, joined by spaces or dashes, or after a
    middle initial ("Enrique A. Manalo")."""
    end = start
    while (
        end < len(words)
        and words[end].capitalised
        and (
            spaced(words[end])
            or (end > start and (dashed(words[end]) or _after_initial(words, end)))
        )
    ):
        end += 1
    return end


def _after_initial(words: list[Word], index: int) -> bool:
    """Whether the word follows a middle initial, one capital letter and a full stop, and does
    not open the next sentence ("Nguyen Van A. The minister...")."""
    before = words[index - 1].text
    return (
        len(before) == 1
        and before.isupper()
        and words[index].gap == ". "
        and words[index].key not in _SENTENCE_OPENERS
    )


_SENTENCE_OPENERS = frozenset({
    "the", "a", "an", "he", "she", "it", "they", "we", "this", "that", "these", "in", "on",
    "at", "but", "and", "as", "after", "during", "mr", "ms", "mrs", "ong", "ba", "le", "la",
    "les", "il", "elle", "der", "die", "das", "er", "sie",
})  # fmt: skip


def is_initial(word: Word) -> bool:
    """A middle initial inside a name ("R" of "Joseph R. Biden"): no word of the name itself."""
    return len(word.text) == 1 and word.text.isupper()


def _name_in_run(words: list[Word], start: int, end: int) -> tuple[int, int] | None:
    """The name at the end of a run of capitalised words, or None if the run holds none."""
    start = _skip_qualifiers(words, start, end)
    start = _from_vietnamese_family_name(words, start, end)
    count = sum(1 for word in words[start:end] if not is_initial(word))
    if not MIN_NAME_WORDS <= count <= MAX_NAME_WORDS:
        return None
    if count == MIN_NAME_WORDS and words[start].text in VIETNAMESE_COUNTRIES:
        return None  # "Tổng thống Nga Putin": a country and a family name
    if is_place_name(tuple(word.key for word in words[start:end])):
        return None  # "the Prime Minister's Office in Phnom Penh"

    for word in words[start:end]:
        if word.key in NOT_NAME_WORDS or not word.text.replace("-", "").isalpha() or dashed(word):
            return None
    return start, end


def _skip_qualifiers(words: list[Word], start: int, end: int) -> int:
    """Skip the run's leading office, institution and place words: "Japan Ito Naoki"."""
    while start < end:
        word = words[start]
        pair = (word.key, words[start + 1].key) if start + 1 < end else None
        if pair in PLACE_PAIRS:
            start += 2
        elif (
            word.key in NOT_NAME_WORDS
            or word.text in VIETNAMESE_INSTITUTIONS
            or _in_place_compound(words, start, end)
        ):
            start += 1
        elif word.key == "nam" and start > 0 and words[start - 1].key == "viet":
            # The end of "Japan–Việt Nam": the dashed compound took "Việt" only.
            start += 1
        elif word.key in VIETNAMESE_COUNTRY_WORDS and end - start > MIN_NAME_WORDS:
            # "Tổng thống Mỹ Barack Obama": a country of one word before a name of two or more
            # (these words are given names too, but no Vietnamese name starts with one).
            start += 1
        else:
            break
    return start


# Vietnamese words that open an institution's name ("Tổng Thư ký Đảng Dân chủ Tự do Nhật
# Bản": the Party), written with their marks: folded, "Đảng" would be the family name Đặng.
# Not "Đoàn" (the Youth Union, and a family name) nor "Ban" (a board, and Ban Ki-moon).
VIETNAMESE_INSTITUTIONS = frozenset({
    "Đảng", "Hội", "Viện", "Sở", "Nhóm", "Nghị", "Sĩ",
    # A ministry's field, capitalised after "Bộ trưởng": "Bộ trưởng Công Thương Anton
    # Alikhanov", "Bộ Kinh Tế". None starts a Vietnamese name (the family name does).
    "Công", "Thương", "Kinh", "Tế", "Tư", "Pháp", "Giao", "Thông", "Ngoại", "Nội", "Vụ", "Tài",
    "Quốc", "Phòng", "Năng", "Lượng", "Lao", "Động", "Khoa", "Giáo", "Dục", "Nông", "Kế",
    "Hoạch", "Đầu",
})  # fmt: skip


# Countries Vietnamese writes in one word: the United States, France, Germany, Russia,
# Australia, the United Kingdom, Laos, Japan (short).
VIETNAMESE_COUNTRY_WORDS = frozenset({"my", "phap", "duc", "nga", "uc", "anh", "lao", "nhat"})
VIETNAMESE_COUNTRIES = frozenset({"Mỹ", "Pháp", "Đức", "Nga", "Úc", "Lào", "Nhật"})  # as written


def _in_place_compound(words: list[Word], index: int, end: int) -> bool:
    """Is the word part of a dashed compound naming places: "Japan-Vietnam", "Vietnam-Japan"?"""
    first = index
    while first > 0 and dashed(words[first]):
        first -= 1
    last = index
    while last + 1 < end and dashed(words[last + 1]):
        last += 1
    if first == last:
        return False
    return any(w.key in PLACE_WORDS for w in words[first : last + 1])


def _from_vietnamese_family_name(words: list[Word], start: int, end: int) -> int:
    """Start a Vietnamese name at its family name: "Finance Nguyen Van Thang" -> "Nguyen...".

    Only for names of three words or more, as Vietnamese names of officials are, so that a
    two-word Japanese name whose given name looks like a family name is left alone.
    """
    if start >= end or words[start].key in VIETNAMESE_FAMILY_NAMES:
        return start
    for index in range(start + 1, end - 2):
        if words[index].key in VIETNAMESE_FAMILY_NAMES:
            return index
    return start


def apposed_title(
    words: list[Word], after: int, titles: dict[str, list[tuple[str, ...]]]
) -> str | None:
    """A title set off after a name: "Lê Minh Hưng, Secretary of the Party Central Committee"."""
    if after >= len(words) or words[after].gap.strip() != "," or not words[after].capitalised:
        return None
    title_end = _title_at(words, after, titles)
    if title_end is None:
        return None
    span = _read_after_title(words, after, title_end, titles)
    # A name after the title means the title is that name's, not ours.
    return None if span.is_name else span.role
