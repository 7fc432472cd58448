"""Latin-script spellings proposed for names found in Japanese script, for an editor to confirm.

A Japanese story may name an official the registry does not know (``岩屋毅外相``, ``ファム・ミン・
チン首相``). The importer keeps the name as written and flags the new person for review; this
module proposes how the name is written in Latin script, so that an editor sees a reading to
check, and whether the registry already knows someone by that reading (then the new person is
probably them: a merge to propose).

What romanisation gives, honestly:

- A Japanese name in kanji is read by pykakasi's dictionary: ``石破茂`` -> ``Ishiba Shigeru``,
  family name first, as the registry stores Japanese names. Names have several readings, and the
  dictionary picks one: ``岩屋毅`` comes out ``Iwaya Tsuyoshi`` (he is Iwaya Takeshi), ``菅義偉``
  ``Kan Yoshihide`` (Suga). A proposal, never a fact.
- A Vietnamese name in katakana comes back as Japanese syllables: ``ファム・ミン・チン`` ->
  ``Famu Min Chin``, not ``Pham Minh Chinh``; the Vietnamese spelling cannot be recovered from
  the kana. So a katakana name is compared with the registry by its sound (``sound_key``: the
  consonants as katakana hears them), which finds Phạm Minh Chính for ``Famu Min Chin``.

Long vowels are written as the registry writes them (``Ito``, ``Yoko``, not ``Itou``, ``Youko``).
Pure Python; pykakasi (its dictionary ships in the package) is loaded on first use.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from archive.ingest.text import fold

_KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\u3005]")  # with 々
_KANA = re.compile(r"[\u3040-\u30ff\uff66-\uff9f]")
_NAME_DOTS = re.compile(r"[・･=＝\s]+")


@functools.cache
def _kakasi():
    import pykakasi  # 0.6 s to load its dictionary: only when a name needs it

    return pykakasi.kakasi()


def _convert(text: str) -> list[dict]:
    return _kakasi().convert(text) if text else []


# Katakana for foreign sounds that pykakasi reads as two syllables (ティ "tei", トゥ "tou").
_FOREIGN_KANA_READINGS = {"ティ": "ti", "ディ": "di", "トゥ": "tu", "ドゥ": "du"}
_FOREIGN_KANA = re.compile("(" + "|".join(_FOREIGN_KANA_READINGS) + ")")


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def _reading(kana: str) -> str:
    return "".join(_letters(piece["hepburn"]) for piece in _convert(kana))


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
            readings = [_letters(piece["hepburn"]) for piece in _convert(part)]
            words += [_long_vowels(reading) for reading in readings if reading]
        elif part:  # a part in kana is one word, however the dictionary cuts it
            pieces = _FOREIGN_KANA.split(part)
            reading = "".join(_FOREIGN_KANA_READINGS.get(p) or _reading(p) for p in pieces)
            words.append(_long_vowels(reading, kana=True))
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
    alias = romanise(name)
    if alias is None:
        return None
    people = [(slug, list(spellings)) for slug, spellings in people]
    key = name_key(alias)
    same = [slug for slug, spellings in people if any(name_key(s) == key for s in spellings)]
    if same:
        return Proposal(alias, same[0], f"{name} reads “{alias}”, a name of {same[0]}")
    if _KANJI.search(name):
        return Proposal(alias, None, f"{name} reads “{alias}” (a reading to check)")
    sound = sound_key(alias)
    alike = {
        slug
        for slug, spellings in people
        if sound is not None and any(sound_key(s) == sound for s in spellings)
    }
    if len(alike) == 1:
        slug = alike.pop()
        return Proposal(alias, slug, f"{name} reads “{alias}”, which sounds like {slug}")
    return Proposal(alias, None, f"{name} reads “{alias}” (katakana: a Japanese reading)")
