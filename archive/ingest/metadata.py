"""Story metadata read from the cleaned paragraphs: derived title, place, language."""

from __future__ import annotations

import re

import py3langid

from archive.ingest.clean import match_dateline
from archive.ingest.outlets import AGENCY_CREDIT_NAMES
from archive.ingest.spellings import canonical_place, variant_spans
from archive.ingest.text import (
    APOSTROPHES,
    CLOSING_MARKS,
    LEFT_SINGLE_QUOTE,
    shorten,
    word_count,
)

TITLE_MAX_CHARS = 110

# A sentence ends at . ! or ? (maybe inside closing quotes) before a capitalised word.
_SENTENCE_BREAK = re.compile(
    rf"(?<=[.!?])[{CLOSING_MARKS}]*\s+(?=[\"\u201c\u00ab{LEFT_SINGLE_QUOTE}(]?[^\W\d_])"
)
# Words whose final period is not a sentence end.
_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sen", "rep", "gov",
     "no", "nos", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
     "sept", "oct", "nov", "dec", "jr", "sr", "co", "inc", "ltd", "corp"}
)  # fmt: skip


_STOPS_AND_CLOSERS = ".!?\"'\u201d\u2019\u00bb)"


def strip_dateline(paragraph: str) -> str:
    """The paragraph without its opening dateline ("HÀ NỘI — ", "Hanoi (VNA) - ")."""
    match = match_dateline(paragraph)
    return paragraph[match.end() :] if match else paragraph


def first_sentence(paragraph: str) -> str:
    for match in _SENTENCE_BREAK.finditer(paragraph):
        before = paragraph[: match.start()]
        last_word = before.rsplit(None, 1)[-1].rstrip(_STOPS_AND_CLOSERS).lower() if before else ""
        # "U.S." and "Mr." end in a period without ending the sentence.
        if last_word in _ABBREVIATIONS or re.fullmatch(r"(?:\w\.)*\w", last_word):
            continue
        return before.strip()
    return paragraph.strip()


def derive_title(lead: str, limit: int = TITLE_MAX_CHARS) -> str:
    """A title for a story printed without one: the lead's first sentence, shortened."""
    sentence = first_sentence(strip_dateline(lead))
    # A sentence-final period looks wrong on a title; question marks stay.
    sentence = sentence.rstrip(" .")
    return shorten(sentence, limit)


def dateline_place(paragraph: str) -> str | None:
    """The place of the dateline, as written: "Hanoi", "HÀ NỘI"; not an agency's credit that
    opens a story the same way ("VGP – Prime Minister ...", "AFP – ")."""
    match = match_dateline(paragraph)
    if not match:
        return None
    # "HANOI, April 27, 2025 (VNA) –", "Tokyo, Japan (Kyodo) –": the place is the first part.
    place = match.group("place").split(",")[0].strip()
    if not place or place.casefold() in _CREDITS:
        return None
    if len(place) <= 3 and canonical_place(place) is None:
        return None  # "VGP –": an agency's initials
    return place


_CREDITS = frozenset(name.casefold() for name in AGENCY_CREDIT_NAMES)


_NOT_PLACES = frozenset(
    {"January", "February", "March", "April", "May", "June", "July", "August",
     "September", "October", "November", "December", "Monday", "Tuesday", "Wednesday",
     "Thursday", "Friday", "Saturday", "Sunday", "The", "This", "That", "His", "Her"}
)  # fmt: skip
_PLACE_WORD = rf"[^\W\d_][\w{APOSTROPHES}-]*"
# "in Quang Ninh ,", "in Hanoi on April 3", "in Bac Ninh province": a capitalised name
# after "in" (Vietnamese "tại"), closed by punctuation or a word that follows places.
_PLACE_IN_LEAD = re.compile(
    rf"\b(?:[Ii]n|tại|Tại)\s+(?P<place>{_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,3}}?)"
    r"(?=\s*[,.;]|\s+(?:on|province|city|capital|tỉnh|thành phố)\b)"
)


# "the situation in Ukraine", "investment in Vietnam": the place of a topic, not of the event.
_TOPIC_BEFORE_IN = frozenset({
    "situation", "situations", "crisis", "war", "conflict", "conflicts", "peace", "fighting",
    "invasion", "tensions", "developments", "stability", "security", "investment",
    "investments", "interest", "presence", "growth", "violence", "ceasefire",
})  # fmt: skip
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\W*$")


def place_in_lead(paragraph: str) -> str | None:
    """A place the lead says the event happened in ("in Quang Ninh")."""
    for match in _PLACE_IN_LEAD.finditer(paragraph):
        place = match.group("place")
        names = place.split()
        before = _WORD_BEFORE.search(paragraph, max(0, match.start() - 30), match.start())
        if before and before.group(1).casefold() in _TOPIC_BEFORE_IN:
            continue
        if all(name[0].isupper() for name in names) and names[0] not in _NOT_PLACES:
            # "tại TP. Hồ Chí Minh": an abbreviation the pattern stops at, when a spelling of
            # the map starts there, is that place.
            written = paragraph[match.start("place") : match.start("place") + _LONGEST_PLACE]
            spans = variant_spans(written)
            if spans and spans[0][0] == 0 and spans[0][1] > len(place):
                return written[: spans[0][1]]
            return place
    return None


_LONGEST_PLACE = 40


def story_place(lead_paragraphs: list[str]) -> str | None:
    """The dateline place, else the first place named in the lead."""
    if not lead_paragraphs:
        return None
    place = dateline_place(lead_paragraphs[0])
    if place:
        return place
    for paragraph in lead_paragraphs:
        place = place_in_lead(paragraph)
        if place:
            return place
    return None


# py3langid tells a language from ~200 words as well as from a whole story, and its cost
# grows with the length it reads.
_LANGUAGE_SAMPLE_CHARS = 1200
# Bokmål and the macro-language share the code the archive files Norwegian under.
_LANGUAGE_ALIASES = {"nb": "no"}


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, from py3langid."""
    sample = text[:_LANGUAGE_SAMPLE_CHARS]
    code, _score = py3langid.classify(sample)
    return _LANGUAGE_ALIASES.get(code, code)


def count_words(blocks: list[dict[str, str]]) -> int:
    return sum(word_count(block["text"]) for block in blocks)
