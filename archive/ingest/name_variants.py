"""The spellings of a person's name that stories use besides the one the registry stores:
without diacritics, in the other name order, spaced where a given name has a hyphen, by ear
in other scripts; and the short forms a story calls them by once named in full.

Pure functions on names; ``people.known_people`` completes each registry row with them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from archive.ingest import cjk_names, cyrillic, hangul, vi_phonetic
from archive.ingest.name_words import (
    MIN_NAME_WORDS,
    VIETNAMESE_FAMILY_NAMES,
    VIETNAMESE_MARKS,
    word_key,
)
from archive.ingest.text import fold

VIETNAM = "Vietnam"
JAPAN = "Japan"


def country_code(country: str | None) -> str | None:
    if not country:
        return None
    folded = fold(country).replace(" ", "")
    if folded in {"vietnam", "vn", "vnm"}:
        return VIETNAM
    if folded in {"japan", "jp", "jpn"}:
        return JAPAN
    return country


def looks_vietnamese(name: str) -> bool:
    """A name without a country: Vietnamese by its family name or its Vietnamese-only marks."""
    words = name.split()
    if words and word_key(words[0]) in VIETNAMESE_FAMILY_NAMES:
        return True
    decomposed = unicodedata.normalize("NFD", name)
    return "đ" in name.lower() or any(ch in VIETNAMESE_MARKS for ch in decomposed)


# "Ferdinand Marcos Jr." is "Marcos" after the first mention, never "Jr.".
_GENERATION_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})


def short_forms(name: str, country: str | None) -> list[str]:
    """What a story calls the person after naming them in full.

    Vietnamese stories (and the wires that translate them) use the given name, which is the
    last word: "Tô Lâm" -> "Lâm", "Phạm Minh Chính" -> "Chính". Japanese names are stored
    family name first ("Ito Naoki"); English-language wires mostly use the family name
    ("Ishiba", "Takebe", "Ito") but some use the given name (seed 000: "Naoki"), so both.
    Other names are given-name-first, so the family name is the last word, except where
    stories use the first word (``FIRST_WORD_COUNTRIES``). Without a country, a
    Vietnamese-looking name is treated as Vietnamese.
    """
    words = [word for word in name.split() if word not in _GENERATION_SUFFIXES]
    if len(words) < MIN_NAME_WORDS:
        return []
    country = country_code(country)
    if country is None and looks_vietnamese(name):
        country = VIETNAM
    if country == JAPAN:
        return distinct_spellings([words[0], words[-1]])
    if country in FIRST_WORD_COUNTRIES:
        return [words[0]]
    return [words[-1]]


# Where stories call a person by the first word of the name: the family name written first
# (Chinese, Korean, Singaporean Chinese names: "Xi", "Yoon", "Lee") or the given name (Thai,
# Lao, Malay: "Prayut", "Thongloun", "Anwar").
FIRST_WORD_COUNTRIES = frozenset(
    {"China", "South Korea", "North Korea", "Singapore", "Thailand", "Laos", "Malaysia"}
)


def alias_variants(name: str, country: str | None) -> list[str]:
    """The other spellings of a full name stories use; the name itself is not among them.

    Any name: without diacritics ("Tô Lâm" -> "To Lam", "Itō Naoki" -> "Ito Naoki").
    A Japanese name (stored family name first): also given name first ("Naoki Ito"), as
    English-language outlets outside Vietnam write it.
    """
    variants = [without_diacritics(name)]
    words = name.split()
    if country_code(country) == JAPAN and len(words) == MIN_NAME_WORDS:
        given_first = f"{words[1]} {words[0]}"
        variants += [given_first, without_diacritics(given_first)]
    return [v for v in distinct_spellings(variants) if v != name]


def by_ear(name: str, country: str | None) -> list[str]:
    """The name as other languages write it by its sound: in Russian (``cyrillic``) and Korean
    (``hangul``), and a Japanese name as Vietnamese papers spell it (``vi_phonetic``). For
    matching only: never stored among the person's aliases in the database."""
    given = country = country_code(country)
    if country is None and looks_vietnamese(name):
        country = VIETNAM
    spellings = cyrillic.russian_spellings(name, country)
    # In Hangul only for an official of a known country: a new name's Hangul spelling would be
    # a guess, and every spelling in a script without spaces recompiles the registry's
    # pattern for them when they are added during an import.
    spellings += hangul.korean_spellings(name, given)
    if country == JAPAN:
        spellings += vi_phonetic.vietnamese_spellings(name)
    return spellings


_HYPHEN_IN_WORD = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")


def unhyphenated(spellings: list[str]) -> list[str]:
    """A given name in two parts written with a hyphen, spaced and joined too, for matching
    only: "Kang Kyung-wha" is "Kang Kyung Wha" and "Kang Kyungwha" in other stories."""
    variants = []
    for spelling in spellings:
        if _HYPHEN_IN_WORD.search(spelling):
            variants += [_HYPHEN_IN_WORD.sub(" ", spelling), _HYPHEN_IN_WORD.sub("", spelling)]
    return variants


def reversed_order(name: str, country: str | None) -> list[str]:
    """A two-word name of no known country (a new name found by a title) in the other order,
    for matching only: a Japanese name is written family name first in one story, last in the
    next ("Oshima Tadamori", "Tadamori Oshima"). A Vietnamese-looking name keeps its order."""
    words = name.split()
    if (
        country_code(country) is not None
        or len(words) != MIN_NAME_WORDS
        or looks_vietnamese(name)
        or cjk_names.is_cjk_spelling(name)
    ):
        return []
    return [f"{words[1]} {words[0]}"]


def without_diacritics(text: str) -> str:
    """``fold`` keeping capitals: "Tô Lâm" -> "To Lam", "Đại" -> "Dai"."""
    letters = []
    for ch in unicodedata.normalize("NFC", text):
        folded = fold(ch)
        letters.append(folded[:1].upper() + folded[1:] if ch.isupper() else folded)
    return "".join(letters)


def distinct_spellings(texts: Iterable[str]) -> list[str]:
    """Keep the first of the texts that fold alike (the registry stores one per fold)."""
    seen: set[str] = set()
    kept = []
    for text in texts:
        if text and fold(text) not in seen:
            seen.add(fold(text))
            kept.append(text)
    return kept
