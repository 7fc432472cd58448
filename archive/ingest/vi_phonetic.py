"""Japanese names as Vietnamese papers spell them by ear.

For decades the Vietnamese press wrote a foreign name syllable by syllable in Vietnamese
spelling: "Ta-rô A-xô" for Aso Taro, "Phu-cư-đa" for Fukuda, "Ki-si-đa" for Kishida. The
matcher already reads "Ta-rô" as one word and folds its marks ("taro"); what differs from the
Hepburn spelling are a few letters Vietnamese writes otherwise: "s" is "x", "shi" is "si",
"k" before "a", "o", "u" is "c", "fu" is "phu", "z" is "d", "j" is "gi", "g" before "i" or
"e" is "gh". This module writes a Hepburn name that way, in folded letters (no marks), which
is all the matcher compares.

Pure functions on text.
"""

from __future__ import annotations

import re
import unicodedata

# Hepburn syllables Vietnamese spells otherwise, longest first; everything else is kept.
_RESPELLINGS = (
    ("tsu", "tsu"),  # "Mitsu": no "xu" in it
    ("shi", "si"), ("sha", "sia"), ("sho", "sio"), ("shu", "siu"),
    ("ja", "gia"), ("ji", "gi"), ("jo", "gio"), ("ju", "giu"),
    ("ka", "ca"), ("ko", "co"), ("ku", "cu"), ("fu", "phu"),
    ("sa", "xa"), ("su", "xu"), ("se", "xe"), ("so", "xo"),
    ("za", "da"), ("zu", "du"), ("ze", "de"), ("zo", "do"),
    ("gi", "ghi"), ("ge", "ghe"),
)  # fmt: skip
_LONG_VOWELS = (("ou", "o"), ("oo", "o"), ("uu", "u"))
_ROMAJI = re.compile(r"^[a-z]+$")


def _plain(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def vietnamese_word(word: str) -> str:
    """One romanised Japanese word as Vietnamese spells it by ear, folded: "Aso" -> "axo",
    "Fukuda" -> "phucuda"; "" when it is not romaji."""
    rest = _plain(word)
    if not _ROMAJI.match(rest):
        return ""
    for long, short in _LONG_VOWELS:
        rest = rest.replace(long, short)
    out = ""
    while rest:
        for hepburn, vietnamese in _RESPELLINGS:
            if rest.startswith(hepburn):
                out, rest = out + vietnamese, rest[len(hepburn) :]
                break
        else:
            out, rest = out + rest[0], rest[1:]
    return out


def vietnamese_spellings(name: str) -> list[str]:
    """A Japanese name (family name first) as Vietnamese papers spell it, given name first as
    they write it and family name first; [] when it is spelt no differently or is not romaji."""
    words = [vietnamese_word(word) for word in name.split()]
    if not words or not all(words) or words == [_plain(word) for word in name.split()]:
        return []
    spelled = [" ".join(word.capitalize() for word in words)]
    if len(words) == 2:
        spelled.append(f"{words[1].capitalize()} {words[0].capitalize()}")
    return spelled
