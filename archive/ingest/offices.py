"""One office, whatever the language or spelling of its title, as data.

Stories give an official's office in their own words: ``statsminister``, ``Thủ tướng`` and
``Prime Minister`` are one office; ``General Secretary`` and ``Party General Secretary`` too;
``Ambassador to Việt Nam`` is ``Ambassador to Vietnam`` (the spelling map). ``office_title``
gives the English title a role is recorded under, so that one person's roles do not split by
language or spelling.

Pure Python.
"""

from __future__ import annotations

import re

from archive.ingest.spellings import with_canonical_places
from archive.ingest.text import fold

# Folded title (as written, any language) -> the English title it is recorded under. Titles not
# listed keep their own words (with place names in their canonical spelling, capitalised).
OFFICE_TRANSLATIONS: dict[str, str] = {
    # English synonyms
    "general secretary": "Party General Secretary",
    "party general secretary": "Party General Secretary",
    "party chief": "Party General Secretary",
    "secretary general of the communist party": "Party General Secretary",
    "pm": "Prime Minister",
    "premier": "Prime Minister",
    "foreign minister": "Minister of Foreign Affairs",
    "minister for foreign affairs": "Minister of Foreign Affairs",
    "state president": "President",
    # Norwegian
    "statsminister": "Prime Minister",
    "statsministeren": "Prime Minister",
    "visestatsminister": "Deputy Prime Minister",
    "utenriksminister": "Minister of Foreign Affairs",
    "utenriksministeren": "Minister of Foreign Affairs",
    "generalsekretaer": "Party General Secretary",
    "generalsekretaeren": "Party General Secretary",
    "partisekretaer": "Party Secretary",
    "ambassador": "Ambassador",
    "ambassadoren": "Ambassador",
    "presidenten": "President",
    "visepresident": "Vice President",
    "spesialradgiver": "Special Advisor",
    "radgiver": "Advisor",
    # Vietnamese
    "thu tuong": "Prime Minister",
    "pho thu tuong": "Deputy Prime Minister",
    "tong bi thu": "Party General Secretary",
    "chu tich nuoc": "President",
    "bo truong ngoai giao": "Minister of Foreign Affairs",
    "dai su": "Ambassador",
    "co van dac biet": "Special Advisor",
    # French
    "premier ministre": "Prime Minister",
    "secretaire general": "Party General Secretary",
    "ministre des affaires etrangeres": "Minister of Foreign Affairs",
    "ambassadeur": "Ambassador",
    "president de la republique": "President",
    # Spelling of one English word
    "special adviser": "Special Advisor",
    "adviser": "Advisor",
}

# Words that add ceremony, not office: "Ambassador Extraordinary and Plenipotentiary of Japan
# to Vietnam" is the Ambassador of Japan to Vietnam.
_CEREMONY = re.compile(r"\s+Extraordinary\s+and\s+Plenipotentiary\b", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_SMALL_WORDS = frozenset({"of", "to", "for", "and", "the", "in", "at", "on"})


def office_title(title: str) -> str:
    """The title a role is recorded under: English, canonical places, no ceremony words."""
    written = _SPACES.sub(" ", title).strip()
    if not written:
        return written
    translated = OFFICE_TRANSLATIONS.get(fold(written))
    if translated:
        return translated
    written = with_canonical_places(_CEREMONY.sub("", written))
    words = written.split(" ")
    # "ambassador to Vietnam" (a title read mid-sentence) is recorded as "Ambassador to Vietnam".
    return " ".join(
        word
        if (index and word.lower() in _SMALL_WORDS) or not word[:1].islower()
        else word[:1].upper() + word[1:]
        for index, word in enumerate(words)
    )


_KEY_WORDS = re.compile(r"[^\W_]+")


def office_key(title: str) -> frozenset[str]:
    """The words of an office, folded and in any order: "Japan-Vietnam Friendship Parliamentary
    Alliance" and "Japan–Vietnam Parliamentary Friendship Alliance" are one office."""
    words = _KEY_WORDS.findall(fold(office_title(title)))
    return frozenset(word for word in words if word not in _SMALL_WORDS)
