"""Officials' names as Korean-language outlets write them.

Korean papers write a foreign name by its sound, following the National Institute of Korean
Language's rules for each language: a Vietnamese name syllable by syllable ("Trần Đại Quang" ->
"쩐 다이 꽝"), a Japanese one by its kana ("Kishida Fumio" -> "기시다 후미오", a voiceless
consonant plain at the start of a word and aspirated inside it). Both are regular enough to be
written from the name the registry stores, so an official is found in a Korean story without an
editor typing the Hangul spelling (as ``cyrillic`` does for Russian).

Matching ignores the spaces between the parts of a name (``cjk_names``): "팜민찐" is "팜 민 찐".

Pure functions on text.
"""

from __future__ import annotations

import re
import unicodedata

from archive.ingest.cyrillic import without_tones

_HANGUL = re.compile("[\uac00-\ud7a3]")


def is_hangul(spelling: str) -> bool:
    return _HANGUL.search(spelling) is not None


# --- Writing syllables ------------------------------------------------------------------------

_INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_FINALS = ("", *"ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ")


def _syllable(initial: str, vowel: str, final: str = "") -> str:
    index = (_INITIALS.index(initial) * 21 + _VOWELS.index(vowel)) * 28 + _FINALS.index(final)
    return chr(0xAC00 + index)


# --- Vietnamese -------------------------------------------------------------------------------

# Initial consonants, longest first (an initial vowel is written with ㅇ).
_VI_INITIALS = (
    ("ngh", "ng"), ("ng", "ng"), ("nh", "nh"), ("ch", "ㅉ"), ("tr", "ㅉ"), ("th", "ㅌ"),
    ("ph", "ㅍ"), ("kh", "ㅋ"), ("gh", "ㄱ"), ("gi", "ㅈ"), ("qu", "qu"), ("d", "ㅈ"),
    ("đ", "ㄷ"), ("b", "ㅂ"), ("c", "ㄲ"), ("g", "ㄱ"), ("h", "ㅎ"), ("k", "ㄲ"), ("l", "ㄹ"),
    ("m", "ㅁ"), ("n", "ㄴ"), ("p", "ㅃ"), ("r", "ㄹ"), ("s", "ㅅ"), ("t", "ㄸ"), ("v", "ㅂ"),
    ("x", "ㅆ"),
)  # fmt: skip
# Final consonants, longest first; "nh" and "ch" after "a" add the vowel ㅣ ("Thanh" -> 타인).
_VI_FINALS = (("ng", "ㅇ"), ("nh", "ㄴ"), ("ch", "ㄱ"), ("c", "ㄱ"), ("m", "ㅁ"), ("n", "ㄴ"),
              ("p", "ㅂ"), ("t", "ㅅ"))  # fmt: skip
# Each vowel letter is a syllable of its own ("Đại" 다이, "Thưởng" 트엉), but these pairs.
_VI_PAIRS = {"ua": "ㅜㅓ", "ưa": "ㅡㅓ", "ia": "ㅣㅓ", "yê": "ㅖ"}
_VI_VOWELS = {"a": "ㅏ", "ă": "ㅏ", "â": "ㅓ", "e": "ㅐ", "ê": "ㅔ", "i": "ㅣ", "y": "ㅣ",
              "o": "ㅗ", "ô": "ㅗ", "ơ": "ㅓ", "u": "ㅜ", "ư": "ㅡ"}  # fmt: skip
# After "nh" a vowel takes the glide y; after "qu", the glide w.
_Y_GLIDE = {"ㅏ": "ㅑ", "ㅓ": "ㅕ", "ㅗ": "ㅛ", "ㅜ": "ㅠ", "ㅐ": "ㅒ", "ㅔ": "ㅖ", "ㅣ": "ㅣ"}
_W_GLIDE = {"ㅏ": "ㅘ", "ㅓ": "ㅝ", "ㅐ": "ㅙ", "ㅔ": "ㅞ", "ㅣ": "ㅟ"}


def _vowel_jamo(nucleus: str) -> list[str] | None:
    jamo: list[str] = []
    while nucleus:
        pair = _VI_PAIRS.get(nucleus[:2])
        if pair:
            jamo += list(pair)
            nucleus = nucleus[2:]
        elif nucleus[0] in _VI_VOWELS:
            jamo.append(_VI_VOWELS[nucleus[0]])
            nucleus = nucleus[1:]
        else:
            return None
    return jamo


def vietnamese_syllable(syllable: str) -> str:
    """One Vietnamese syllable in Hangul: "Quang" -> "꽝", "Nguyễn" -> "응우옌"; "" when it is
    not a Vietnamese syllable."""
    rest = without_tones(syllable)
    initial = "ㅇ"
    for latin, jamo in _VI_INITIALS:
        if rest.startswith(latin) and len(rest) > len(latin):
            initial, rest = jamo, rest[len(latin) :]
            break
    final = ""
    for latin, jamo in _VI_FINALS:
        if rest.endswith(latin) and len(rest) > len(latin):
            final, rest = jamo, rest[: -len(latin)]
            if latin in ("nh", "ch") and rest.endswith(("a", "ê")):
                rest += "i"  # "anh" 아인, "ach" 아익
            break
    vowels = _vowel_jamo(rest)
    if not vowels:
        return ""
    prefix = ""
    if initial == "ng":
        prefix, initial = "응", "ㅇ"
    elif initial == "nh":
        initial, vowels[0] = "ㄴ", _Y_GLIDE.get(vowels[0], vowels[0])
    elif initial == "qu":
        initial = "ㄲ"
        if vowels[0] == "ㅜ" and len(vowels) > 1:  # "quâ": the u is the glide's
            vowels = vowels[1:]
        vowels[0] = _W_GLIDE.get(vowels[0], vowels[0])
    out = [_syllable(initial, vowels[0], final if len(vowels) == 1 else "")]
    for index, vowel in enumerate(vowels[1:], start=2):
        out.append(_syllable("ㅇ", vowel, final if index == len(vowels) else ""))
    return prefix + "".join(out)


def vietnamese_name(name: str) -> str:
    """A Vietnamese name in Hangul, a space between its words; "" when a word is not
    Vietnamese."""
    words = [vietnamese_syllable(word) for word in name.split()]
    return " ".join(words) if all(words) else ""


# --- Japanese ---------------------------------------------------------------------------------

# Hepburn syllables -> (jamo at the start of a word, jamo inside it): a voiceless k, t or ch is
# written plain at the start ("Kishida" 기시다) and aspirated inside ("Takaichi" 다카이치).
_JA_SYLLABLES = {
    "kya": ("ㄱㅑ", "ㅋㅑ"), "kyu": ("ㄱㅠ", "ㅋㅠ"), "kyo": ("ㄱㅛ", "ㅋㅛ"),
    "sha": ("ㅅㅑ",) * 2, "shu": ("ㅅㅠ",) * 2, "sho": ("ㅅㅛ",) * 2, "shi": ("ㅅㅣ",) * 2,
    "chi": ("ㅈㅣ", "ㅊㅣ"), "cha": ("ㅈㅏ", "ㅊㅏ"), "chu": ("ㅈㅜ", "ㅊㅜ"),
    "cho": ("ㅈㅗ", "ㅊㅗ"), "tsu": ("ㅆㅡ",) * 2, "nya": ("ㄴㅑ",) * 2, "nyu": ("ㄴㅠ",) * 2,
    "nyo": ("ㄴㅛ",) * 2, "hya": ("ㅎㅑ",) * 2, "hyu": ("ㅎㅠ",) * 2, "hyo": ("ㅎㅛ",) * 2,
    "mya": ("ㅁㅑ",) * 2, "myu": ("ㅁㅠ",) * 2, "myo": ("ㅁㅛ",) * 2, "rya": ("ㄹㅑ",) * 2,
    "ryu": ("ㄹㅠ",) * 2, "ryo": ("ㄹㅛ",) * 2, "gya": ("ㄱㅑ",) * 2, "gyu": ("ㄱㅠ",) * 2,
    "gyo": ("ㄱㅛ",) * 2, "bya": ("ㅂㅑ",) * 2, "byu": ("ㅂㅠ",) * 2, "byo": ("ㅂㅛ",) * 2,
    "ja": ("ㅈㅏ",) * 2, "ju": ("ㅈㅜ",) * 2, "jo": ("ㅈㅗ",) * 2, "ji": ("ㅈㅣ",) * 2,
    "fu": ("ㅎㅜ",) * 2, "su": ("ㅅㅡ",) * 2, "zu": ("ㅈㅡ",) * 2, "wa": ("ㅇㅘ",) * 2,
    "wo": ("ㅇㅗ",) * 2, "ya": ("ㅇㅑ",) * 2, "yu": ("ㅇㅠ",) * 2, "yo": ("ㅇㅛ",) * 2,
}  # fmt: skip
_JA_CONSONANTS = {
    "k": ("ㄱ", "ㅋ"), "t": ("ㄷ", "ㅌ"), "s": ("ㅅ",) * 2, "n": ("ㄴ",) * 2, "h": ("ㅎ",) * 2,
    "m": ("ㅁ",) * 2, "r": ("ㄹ",) * 2, "g": ("ㄱ",) * 2, "z": ("ㅈ",) * 2, "d": ("ㄷ",) * 2,
    "b": ("ㅂ",) * 2, "p": ("ㅍ",) * 2,
}  # fmt: skip
_JA_VOWELS = {"a": "ㅏ", "i": "ㅣ", "u": "ㅜ", "e": "ㅔ", "o": "ㅗ"}
_HEPBURN = re.compile(r"^[a-z]+$")


def japanese_word(word: str) -> str:
    """One romanised Japanese word in Hangul: "Shigeru" -> "시게루"; "" when it is not Hepburn
    romaji. Long vowels are not written, as the registry does not write them."""
    rest = unicodedata.normalize("NFKD", word.lower())
    rest = "".join(ch for ch in rest if not unicodedata.combining(ch))
    if not _HEPBURN.match(rest):
        return ""
    jamo: list[list[str]] = []  # [initial, vowel, final] per syllable
    while rest:
        inside = 1 if jamo else 0
        if rest[:3] in _JA_SYLLABLES or rest[:2] in _JA_SYLLABLES:
            size = 3 if rest[:3] in _JA_SYLLABLES else 2
            initial, vowel = _JA_SYLLABLES[rest[:size]][inside]
            jamo.append([initial, vowel, ""])
            rest = rest[size:]
        elif rest[0] in _JA_VOWELS:
            jamo.append(["ㅇ", _JA_VOWELS[rest[0]], ""])
            rest = rest[1:]
        elif rest[0] == "n" and jamo and (len(rest) == 1 or rest[1] not in "aiueoy"):
            jamo[-1][2] = "ㄴ"  # the syllabic n
            rest = rest[1:]
        elif rest[0] == "m" and jamo and rest[1:2] in ("b", "p", "m"):
            jamo[-1][2] = "ㄴ"  # the syllabic n, written m before b, p, m ("Gemba" 겐바)
            rest = rest[1:]
        elif len(rest) > 1 and rest[0] == rest[1] and jamo and rest[0] in "kstp":
            jamo[-1][2] = "ㅅ"  # a doubled consonant (っ)
            rest = rest[1:]
        elif rest[0] in _JA_CONSONANTS and len(rest) > 1 and rest[1] in _JA_VOWELS:
            jamo.append([_JA_CONSONANTS[rest[0]][inside], _JA_VOWELS[rest[1]], ""])
            rest = rest[2:]
        else:
            return ""
    return "".join(_syllable(*parts) for parts in jamo)


def japanese_name(name: str) -> str:
    """A Japanese name (stored family name first, as Korean writes it too) in Hangul; "" when
    a word is not romaji."""
    words = [japanese_word(word) for word in name.split()]
    return " ".join(words) if words and all(words) else ""


def korean_spellings(name: str, country: str | None) -> list[str]:
    """How Korean-language outlets write ``name`` of ``country`` ("Vietnam" or "Japan")."""
    if country == "Japan":
        spelled = japanese_name(name)
    elif country == "Vietnam":
        spelled = vietnamese_name(name)
    else:
        return []
    return [spelled] if spelled else []
