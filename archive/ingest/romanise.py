"""Names found in Japanese script, read in Latin letters: filed under the one person they read
as, else proposed to an editor.

A Japanese story may name an official the registry does not know (``岩屋毅外相``, ``ファム・ミン・
チン首相``). This module tells how the name is written in Latin script, and whether the registry
already knows someone by that reading. The importer files the name under the one person it
reads as (``people.Registry.reading``: the spelling is added to their aliases); a name that
reads as no one, or as several, is kept as written and its new person flagged for review, with
its reading proposed to an editor (``person_records.romanised_proposals``).

What romanisation gives, honestly:

- A Japanese name in kanji is read by Sudachi's dictionary (the one the search cuts Japanese
  with, already loaded), cut into family and given name, and its kana written in Hepburn
  letters by jaconv: ``石破茂`` -> ``Ishiba Shigeru``, family name first, as the registry stores
  Japanese names. Names have several readings, and the dictionary gives one: ``菅義偉`` comes
  out ``Kan Yoshihide`` (he is Suga), ``蓮`` ``Ren`` or ``Hasu``. So a kanji name is filed under
  someone only when its reading is their name exactly; a kanji the dictionary cannot read
  gives no reading (never half a name).
- A Vietnamese name in katakana comes back as Japanese syllables: ``ファム・ミン・チン`` ->
  ``Famu Min Chin``, not ``Pham Minh Chinh``; the Vietnamese spelling cannot be recovered from
  the kana. So a katakana name is compared with the registry by its sound (``sound_key``: the
  consonants as katakana hears them), which finds Phạm Minh Chính for ``Famu Min Chin``.

Long vowels are written as the registry writes them (``Ito``, ``Yoko``, not ``Itou``, ``Youko``).
No Django; Sudachi and jaconv are loaded on first use.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from archive.ingest.near_names import loose_key
from archive.ingest.text import fold, slugify

_KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\u3005]")  # with 々
_KANA = re.compile(r"[\u3040-\u30ff\uff66-\uff9f]")
_KANA_WORD = re.compile(r"[\u3040-\u30ff\uff66-\uff9f]+")
_NAME_DOTS = re.compile(r"[・･=＝\s]+")


def _words(text: str) -> list[tuple[str, str]]:
    """``(surface, katakana reading)`` of each word Sudachi cuts ``text`` into (its shortest
    units: a name in kanji is cut into family and given name, ``石破`` ``茂``)."""
    from archive.search.segmenting import sudachi  # the search's own tokenizer, loaded once

    return [(m.surface(), m.reading_form()) for m in sudachi().tokenize(text)]


# Katakana for foreign sounds that a plain kana table reads as two syllables (ティ "tei").
_FOREIGN_KANA_READINGS = {"ティ": "ti", "ディ": "di", "トゥ": "tu", "ドゥ": "du"}
_FOREIGN_KANA = re.compile("(" + "|".join(_FOREIGN_KANA_READINGS) + ")")


def _letters(kana: str) -> str:
    """Katakana (or hiragana) in Hepburn letters, the long mark dropped (``ボー`` -> ``bo``)."""
    import jaconv

    kana = jaconv.hira2kata(kana)
    pieces = _FOREIGN_KANA.split(kana)
    text = "".join(_FOREIGN_KANA_READINGS.get(p) or jaconv.kata2alphabet(p) for p in pieces)
    text = re.sub(r"xtsu([a-z])", r"\1\1", text.lower())  # ッ doubles what follows
    return re.sub(r"[^a-z]", "", text.replace("xtsu", ""))


def _long_vowels(word: str, kana: bool = False) -> str:
    """Hepburn without macrons, as the registry writes names: ``itou`` -> ``ito``, ``too`` ->
    ``to``, ``fuu`` -> ``fu``; ``ou`` before a vowel is two sounds (``inoue`` stays), and so is
    ``ii`` in a name in kanji (``Fujii``, ``Ishii``), not in katakana (``リー`` is ``Ri``)."""
    word = re.sub(r"ou(?![aeiou])", "o", word)
    return re.sub(r"([aeiou])\1+" if kana else r"([aeou])\1+", r"\1", word)


def _capitalised(word: str) -> str:
    return word[:1].upper() + word[1:]


def is_japanese_script(name: str) -> bool:
    return bool(_KANJI.search(name) or _KANA.search(name))


def is_kanji_name(name: str) -> bool:
    """Written in kanji, with no kana (``大島理森``; not ``ラム・バン・トゥアン``)."""
    return bool(_KANJI.search(name)) and not _KANA.search(name)


@functools.lru_cache(maxsize=4096)  # an import asks for a new name's reading more than once
def romanise(name: str) -> str | None:
    """The name in Latin letters, or None for a name not written in Japanese script.

    A name written in parts (``ファム・ミン・チン``) keeps its parts; a name in kanji is cut
    where the dictionary cuts it (family name, given name)."""
    name = unicodedata.normalize("NFKC", name).strip()
    if not is_japanese_script(name):
        return None
    words: list[str] = []
    for part in _NAME_DOTS.split(name):
        if _KANJI.search(part):
            for surface, reading in _words(part):
                if _KANJI.search(surface) and not _KANA_WORD.fullmatch(reading):
                    return None  # a kanji the dictionary cannot read: no half a name
                words.append(_long_vowels(_letters(reading)))
        elif part:  # a part in kana is one word, however the dictionary cuts it
            words.append(_long_vowels(_letters(part), kana=True))
    words = [_capitalised(word) for word in words if word]
    return " ".join(words) or None


def name_key(name: str) -> tuple[str, ...]:
    """The folded words of a Latin name, sorted: family and given name in either order."""
    return tuple(sorted(fold(name).split()))


# The sound of a Latin spelling as katakana writes it: consonants only (katakana adds and changes
# vowels: Phạm -> ファム "famu", Thưởng -> トゥオン), with the sounds it cannot tell apart made one.
# In order: Vietnamese spellings first (ngh, a final nh or ng), then the letters both share.
_SOUNDS = (
    ("ngh", "g"), ("^ng", "g"), ("^nh", "n"), ("n[hg]$", "n"), ("ch$", "k"),
    ("tr|ch|ty", "C"), ("sh", "s"), ("ts", "t"), ("ph", "f"), ("th", "t"), ("kh", "k"),
    ("gh", "g"), ("gi", "z"), ("[jd]", "z"), ("qu|[cq]", "k"), ("x", "s"), ("v", "b"),
    ("w", ""), ("r", "l"), ("h", "f"), ("C", "c"), ("[aeiouy]", ""), (r"(.)\1+", r"\1"),
)  # fmt: skip


def _sound_of_word(word: str) -> str:
    for pattern, replacement in _SOUNDS:
        word = re.sub(pattern, replacement, word)
    return word


@functools.lru_cache(maxsize=8192)  # a registry's spellings, compared with each new name
def sound_key(name: str) -> tuple[str, ...] | None:
    """What a name sounds like through katakana, word by word, sorted; None for a name of one
    word (too little to tell anyone by)."""
    if is_japanese_script(name):
        return None
    words = [w for w in fold(name).replace("-", " ").split() if w.isalpha()]
    if len(words) < 2:
        return None
    return tuple(sorted(_sound_of_word(word) for word in words))


@dataclass(frozen=True)
class Proposal:
    """What an editor is offered for a new name in Japanese script."""

    alias: str  # the romanised name: "Ishiba Shigeru", "Famu Min Chin"
    merge_into: str | None  # the slug of the registry's person it reads as, if any
    reason: str


def propose(name: str, people: Iterable[tuple[str, Iterable[str]]]) -> Proposal | None:
    """A proposal for ``name`` (as a story writes it), given the registry's ``people`` as
    ``(slug, spellings)``; None when the name is not in Japanese script.

    A person whose name or alias is the romanised name (folded, in either order) is the merge
    to propose; failing that, for a katakana name, a person whose name sounds the same
    through katakana (``sound_key``). The first such person wins; two that sound alike are
    left to the editor (no merge proposed)."""
    return Readings(people).propose(name)


class Readings:
    """The registry's spellings by what ``propose`` compares (the folded words, the sound),
    built once and grown person by person: an import asks for each new name in Japanese
    script, and a large registry has thousands of spellings.

    A person's first spelling is their name. People named in Japanese script are new names
    themselves, their Latin aliases only readings: a katakana name is compared with them by
    sound only when no one named in Latin script sounds the same."""

    def __init__(self, people: Iterable[tuple[str, Iterable[str]]] = ()):
        self._by_name: dict[tuple[str, ...], list[str]] = {}
        self._by_sound: dict[tuple[str, ...], list[str]] = {}
        self._by_sound_of_readings: dict[tuple[str, ...], list[str]] = {}
        for slug, spellings in people:
            self.add(slug, spellings)

    def add(self, slug: str, spellings: Iterable[str]) -> None:
        spellings = list(spellings)
        by_sound = self._by_sound
        if spellings and is_japanese_script(spellings[0]):
            by_sound = self._by_sound_of_readings
        for spelling in spellings:
            _index(self._by_name, name_key(spelling), slug)
            _index(by_sound, sound_key(spelling), slug)

    def propose(self, name: str) -> Proposal | None:
        alias = romanise(name)
        if alias is None:
            return None
        same = self._by_name.get(name_key(alias))
        if same:
            return Proposal(alias, same[0], f"{name} reads “{alias}”, a name of {same[0]}")
        if _KANJI.search(name):
            return Proposal(alias, None, f"{name} reads “{alias}” (a reading to check)")
        sound = sound_key(alias)
        alike = self._by_sound.get(sound, []) if sound is not None else []
        if not alike and sound is not None:
            alike = self._by_sound_of_readings.get(sound, [])
        if len(alike) == 1:
            slug = alike[0]
            return Proposal(alias, slug, f"{name} reads “{alias}”, which sounds like {slug}")
        return Proposal(alias, None, f"{name} reads “{alias}” (katakana: a Japanese reading)")


class LatinReadings:
    """New officials first named in Japanese script, found again by a Latin spelling: the
    other direction of ``Readings``. A Japanese page may name a new official before any page
    names them in Latin letters (``大島理森``, then "Speaker Tadamori Oshima"; ``チャン・トゥア
    ン・アイン``, then "Minister Tran Tuan Anh"); the Latin name is then theirs, not a second
    new person: one whose reading is it (``loose_key``), or, named in katakana only, the one
    who sounds like it (``sound_key``). Two who read or sound the same are no one."""

    def __init__(self, people: Iterable[tuple[str, str]] = ()):
        self._by_reading: dict[tuple[str, ...], list[str]] = {}
        self._by_sound: dict[tuple[str, ...], list[str]] = {}
        for slug, name in people:
            self.add(slug, name)

    def add(self, slug: str, name: str) -> None:
        """Know ``slug``'s name, if it is in Japanese script (other names are left out)."""
        reading = romanise(name)
        if reading is None:
            return
        _index(self._by_reading, loose_key(reading), slug)
        if not _KANJI.search(name):
            _index(self._by_sound, sound_key(reading), slug)

    def find(self, name: str) -> str | None:
        """The slug of the one person named in Japanese script that ``name`` (in Latin letters)
        reads as, if any."""
        if is_japanese_script(name):
            return None
        same = self._by_reading.get(loose_key(name) or ())
        if same:
            return same[0] if len(same) == 1 else None
        alike = self._by_sound.get(sound_key(name) or ())
        return alike[0] if alike and len(alike) == 1 else None


def _index(index: dict[tuple[str, ...], list[str]], key: tuple[str, ...] | None, slug: str) -> None:
    if key is not None and slug not in index.setdefault(key, []):
        index[key].append(slug)


def candidate_slug(name: str) -> str:
    """The slug a new official found by a title gets (``person_records.create_person``): of
    the name's proposed reading when it is in Japanese script ("石破茂" -> ishiba-shigeru).
    Matching knows the official by it before the record exists (``officials.principals``)."""
    text = (romanise(name) or name) if is_japanese_script(name) else name
    return slugify(text, max_length=76)
