"""Officials' names as Russian-language outlets write them.

Vietnam's news agency publishes in Russian, and so do other outlets that cover the region;
they write a Vietnamese name in the Russian practical transcription of Vietnamese ("Trần
Thanh Mẫn" -> "Чан Тхань Ман") and a Japanese one in Polivanov's system ("Kishida Fumio" ->
"Кисида Фумио"). Both are regular enough to be written from the name the registry stores, so
every official is found in a Russian story without an editor typing the Cyrillic spelling.

A spelling that differs by a letter the two conventions hesitate over (е or э, ё or ё's
absence) still matches: ``name_words.word_key`` folds those letters.

Pure functions on text.
"""

from __future__ import annotations

import re
import unicodedata

# --- Vietnamese -----------------------------------------------------------------------------

# Initial consonants, longest first.
_VI_INITIALS = (
    ("ngh", "нг"), ("ng", "нг"), ("nh", "нь"), ("ch", "ч"), ("tr", "ч"), ("th", "тх"),
    ("ph", "ф"), ("kh", "кх"), ("gh", "г"), ("gi", "з"), ("qu", "ку"), ("d", "з"), ("đ", "д"),
    ("b", "б"), ("c", "к"), ("g", "г"), ("h", "х"), ("k", "к"), ("l", "л"), ("m", "м"),
    ("n", "н"), ("p", "п"), ("r", "з"), ("s", "ш"), ("t", "т"), ("v", "в"), ("x", "с"),
)  # fmt: skip
# Rhymes (vowels and final consonant), longest first; tone marks are dropped before.
_VI_RHYMES = (
    ("uyên", "уен"), ("ương", "ыонг"), ("ươn", "ыон"), ("ươc", "ыок"), ("ươi", "ыой"),
    ("ươ", "ыо"), ("uân", "уан"), ("uôn", "уон"), ("uông", "уонг"), ("iêng", "иенг"),
    ("iên", "иен"), ("iêt", "ьет"), ("iêu", "иеу"), ("iêm", "ием"), ("yên", "иен"),
    ("ưng", "ынг"), ("ưc", "ык"), ("ưu", "ыу"), ("ưa", "ыа"), ("ư", "ы"),
    ("anh", "ань"), ("ênh", "ень"), ("inh", "инь"), ("ach", "ать"), ("ich", "ить"),
    ("ang", "анг"), ("ăng", "анг"), ("âng", "анг"), ("ong", "онг"), ("ông", "онг"),
    ("ung", "унг"), ("uê", "уэ"), ("uy", "уи"), ("oai", "оай"), ("oay", "оай"),
    ("uôi", "уой"), ("oa", "оа"), ("oe", "оэ"),
    ("ay", "ай"), ("ây", "ай"), ("ai", "ай"), ("ao", "ао"), ("au", "ау"), ("âu", "ау"),
    ("oi", "ой"), ("ôi", "ой"), ("ơi", "ой"), ("ui", "уй"), ("ia", "иа"), ("ua", "уа"),
    ("uô", "уо"), ("iê", "ие"), ("eo", "эо"), ("iu", "иу"),
    ("ă", "а"), ("â", "а"), ("a", "а"), ("ê", "е"), ("e", "е"), ("i", "и"), ("y", "и"),
    ("ô", "о"), ("ơ", "о"), ("o", "о"), ("u", "у"),
    ("ng", "нг"), ("nh", "нь"), ("ch", "ть"), ("c", "к"), ("m", "м"), ("n", "н"), ("p", "п"),
    ("t", "т"),
)  # fmt: skip


def without_tones(syllable: str) -> str:
    """The syllable's letters without its tone mark, keeping the vowel marks (ă â ê ô ơ ư)."""
    decomposed = unicodedata.normalize("NFD", syllable.lower())
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in tones))


def vietnamese_syllable(syllable: str) -> str:
    """One Vietnamese syllable in Russian letters: "Thanh" -> "Тхань", "Huệ" -> "Хюэ"."""
    rest = without_tones(syllable)
    out = ""
    for latin, russian in _VI_INITIALS:
        if rest.startswith(latin) and len(rest) > len(latin):
            out, rest = russian, rest[len(latin) :]
            break
    if out == "х" and rest.startswith("uê"):  # "Huệ": the glide softens into "ю"
        out, rest = "хюэ", rest[2:]
    while rest:
        for latin, russian in _VI_RHYMES:
            if rest.startswith(latin):
                out += russian
                rest = rest[len(latin) :]
                break
        else:
            return ""  # a letter Vietnamese does not use: not a Vietnamese syllable
    return out[:1].upper() + out[1:]


def vietnamese_name(name: str) -> str:
    """A Vietnamese name in Russian letters, or "" when a word is not Vietnamese."""
    words = [vietnamese_syllable(word) for word in name.split()]
    return " ".join(words) if all(words) else ""


# --- Japanese (Polivanov) -------------------------------------------------------------------

_JA_SYLLABLES = {
    "kya": "кя", "kyu": "кю", "kyo": "кё", "sha": "ся", "shu": "сю", "sho": "сё",
    "chi": "ти", "cha": "тя", "chu": "тю", "cho": "тё", "tsu": "цу", "shi": "си",
    "nya": "ня", "nyu": "ню", "nyo": "нё", "hya": "хя", "hyu": "хю", "hyo": "хё",
    "mya": "мя", "myu": "мю", "myo": "мё", "rya": "ря", "ryu": "рю", "ryo": "рё",
    "gya": "гя", "gyu": "гю", "gyo": "гё", "bya": "бя", "byu": "бю", "byo": "бё",
    "ja": "дзя", "ju": "дзю", "jo": "дзё", "ji": "дзи", "fu": "фу",
    "ya": "я", "yu": "ю", "yo": "ё", "wa": "ва", "wo": "о",
}  # fmt: skip
_JA_CONSONANTS = {
    "k": "к", "s": "с", "t": "т", "n": "н", "h": "х", "m": "м", "r": "р", "g": "г",
    "z": "дз", "d": "д", "b": "б", "p": "п",
}  # fmt: skip
_JA_VOWELS = {"a": "а", "i": "и", "u": "у", "e": "э", "o": "о"}
_LONG_VOWELS = str.maketrans("āīūēô", "aiueo")
_HEPBURN = re.compile(r"^[a-z]+$")


def japanese_word(word: str) -> str:
    """One romanised Japanese word in Polivanov's Cyrillic: "Shigeru" -> "Сигэру"; "" when it
    is not Hepburn romaji."""
    rest = unicodedata.normalize("NFC", word.lower()).translate(_LONG_VOWELS).replace("ō", "o")
    if not _HEPBURN.match(rest):
        return ""
    out = ""
    while rest:
        if rest[:3] in _JA_SYLLABLES:
            out, rest = out + _JA_SYLLABLES[rest[:3]], rest[3:]
        elif rest[:2] in _JA_SYLLABLES:
            out, rest = out + _JA_SYLLABLES[rest[:2]], rest[2:]
        elif rest[0] in _JA_VOWELS:
            out, rest = out + _JA_VOWELS[rest[0]], rest[1:]
        elif rest[0] == "n" and (len(rest) == 1 or rest[1] not in "aiueoy"):
            out, rest = out + "н", rest[1:]  # the syllabic n
        elif len(rest) > 1 and rest[0] == rest[1] and rest[0] in _JA_CONSONANTS:
            out, rest = out + _JA_CONSONANTS[rest[0]], rest[1:]  # a doubled consonant
        elif rest[0] in _JA_CONSONANTS and len(rest) > 1 and rest[1] in _JA_VOWELS:
            out, rest = out + _JA_CONSONANTS[rest[0]] + _JA_VOWELS[rest[1]], rest[2:]
        else:
            return ""
    return out[:1].upper() + out[1:]


def japanese_name(name: str) -> list[str]:
    """A Japanese name (stored family name first) in Cyrillic, in both orders; [] when a word
    is not romaji."""
    words = [japanese_word(word) for word in name.split()]
    if not words or not all(words):
        return []
    spelled = " ".join(words)
    return [spelled, " ".join(reversed(words))] if len(words) == 2 else [spelled]


def russian_spellings(name: str, country: str | None) -> list[str]:
    """How Russian-language outlets write ``name`` of ``country`` ("Vietnam" or "Japan")."""
    if country == "Japan":
        return japanese_name(name)
    if country == "Vietnam":
        spelled = vietnamese_name(name)
        return [spelled] if spelled else []
    return []
