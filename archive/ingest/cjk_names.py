"""Officials named in scripts written without spaces: Japanese, Chinese, Korean.

A Japanese story runs ``石破茂首相は…`` with no space around the name, so the word matching of
``archive.ingest.people`` cannot see it. Spellings in these scripts are the registry's data
(``石破茂``, ``ファム・ミン・チン``, ``范明政``, ``팜민찐``) and are found as substrings: the person
is known by their spelling, never guessed from the script. Katakana names are written with or
without their middle dots (``ファム・ミン・チン``, ``ファムミンチン``, ``ファム･ミン･チン``).

Pure Python.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Hiragana, katakana, CJK ideographs (and extension A), Hangul syllables, half-width katakana.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff66-\uff9f]")
# What separates the parts of a name written in katakana or Hangul.
_NAME_DOTS = "・･=＝ \u00a0"
_DOT_CLASS = "[" + re.escape(_NAME_DOTS) + "]?"


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


def is_cjk_spelling(spelling: str) -> bool:
    """A spelling in a script without spaces between words (its matching is by substring)."""
    return has_cjk(spelling)


def _pattern_of(spelling: str) -> str:
    parts = [part for part in re.split("[" + re.escape(_NAME_DOTS) + "]+", spelling) if part]
    return _DOT_CLASS.join(re.escape(part) for part in parts)


def compile_spellings(spellings: Iterable[str]) -> re.Pattern[str] | None:
    """One regular expression finding any of ``spellings``, the longest first."""
    unique = sorted(set(spellings), key=len, reverse=True)
    if not unique:
        return None
    return re.compile("|".join(f"(?:{_pattern_of(s)})" for s in unique))


def spelling_key(surface: str) -> str:
    """The spelling as the registry keys it: without the dots between a name's parts."""
    return re.sub("[" + re.escape(_NAME_DOTS) + "]+", "", surface)


def find_spellings(text: str, pattern: re.Pattern[str] | None) -> list[tuple[int, int, str]]:
    """``(start, end, key)`` of each spelling ``pattern`` finds in ``text``."""
    if pattern is None or not has_cjk(text):
        return []
    return [(m.start(), m.end(), spelling_key(m.group())) for m in pattern.finditer(text)]
