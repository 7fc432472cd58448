"""Text helpers shared by the ingest steps: folding, slugs, words and shortening.

Pure functions on ``str``; no Django, no I/O.
"""

from __future__ import annotations

import re
import unicodedata

# Letters that NFKD does not split into a base letter plus a combining mark, so stripping
# marks alone would leave them as they are. Vietnamese đ and the Nordic letters are the
# ones the archive meets; ß comes along because German names appear in diplomatic news.
_UNSPLIT_LETTERS = str.maketrans(
    {
        "đ": "d",
        "ð": "d",
        "ø": "o",
        "æ": "ae",
        "å": "a",
        "ß": "ss",
        "œ": "oe",
        "ł": "l",
        "\u0131": "i",  # dotless i
        "þ": "th",
    }
)

# Punctuation spelled as escapes, because several look like ASCII in an editor.
EN_DASH = "\u2013"
EM_DASH = "\u2014"
# The dashes that set off datelines, credits and captions; DASH_CLASS goes inside a regex
# character class (its hyphen escaped, so it stays literal wherever it lands).
DASHES = f"{EM_DASH}{EN_DASH}-"
DASH_CLASS = f"{EM_DASH}{EN_DASH}\\-"
RIGHT_SINGLE_QUOTE = "\u2019"  # also the typographic apostrophe
LEFT_SINGLE_QUOTE = "\u2018"
# For regex character classes: what may close a sentence after its final stop.
CLOSING_MARKS = f"\"'\u201d{RIGHT_SINGLE_QUOTE}\u00bb)\\]"
APOSTROPHES = f"'{RIGHT_SINGLE_QUOTE}"

_NOT_SLUG_CHARS = re.compile(r"[^a-z0-9]+")


def fold(s: str) -> str:
    """Lowercase, drop diacritics and fold special letters, for accent-blind matching.

    ``fold("Đảng Cộng Sản") == "dang cong san"``; ``fold("Tromsø") == "tromso"``.
    """
    # Lowercase after decomposing, and decompose again: compatibility letters decompose to
    # capitals ("ℌ" -> "H") and some capitals lowercase to a letter plus a mark ("İ").
    # The translation table then only needs the lowercase letters.
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", s).lower())
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return without_marks.translate(_UNSPLIT_LETTERS)


def fast_fold(s: str) -> str:
    """``fold`` for Latin-script text, in C: what is not Latin (or a digit, space, mark of
    punctuation) is dropped, so only matching on Latin words may use it."""
    lowered = unicodedata.normalize("NFKD", s).lower().translate(_UNSPLIT_LETTERS)
    return unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode("ascii")


def slugify(s: str, max_length: int = 80) -> str:
    """Lowercase ASCII slug: ``"Phạm Minh Chính"`` -> ``"pham-minh-chinh"``.

    Anything that is not an ASCII letter or digit after folding becomes a single hyphen;
    a slug cut to ``max_length`` is cut at a hyphen when one is near, so words stay whole.
    """
    slug = _NOT_SLUG_CHARS.sub("-", fold(s)).strip("-")
    if len(slug) <= max_length:
        return slug
    cut = slug[:max_length]
    if "-" in cut and slug[max_length] != "-":
        cut = cut.rsplit("-", 1)[0]
    return cut.strip("-")


# Scripts written without spaces between words: kana, CJK ideographs (not Hangul: Korean is
# written with spaces between words).
_UNSPACED_LETTERS = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
# Japanese and Chinese average about two characters a word.
CHARACTERS_PER_WORD = 2


def word_count(s: str) -> int:
    """Number of words: whitespace-separated ones, and in scripts written without spaces
    (Japanese, Chinese) one per two characters; cheap enough to call on every paragraph."""
    words = len(s.split())
    if s.isascii():
        return words
    return words + len(_UNSPACED_LETTERS.findall(s)) // CHARACTERS_PER_WORD


_CLAUSE_BREAK = re.compile(rf"[,;:]\s|\s[{EM_DASH}{EN_DASH}]\s")


def shorten(s: str, limit: int, ellipsis: str = "…") -> str:
    """Cut ``s`` to at most ``limit`` characters at a clause or word boundary.

    A clause boundary (comma, semicolon, colon, dash) is preferred when it keeps at least
    half the limit, because a title cut after a clause reads as a phrase, not a fragment.
    """
    s = s.strip()
    if len(s) <= limit:
        return s
    room = limit - len(ellipsis)
    head = s[: room + 1]
    clause_ends = [m.start() for m in _CLAUSE_BREAK.finditer(head)]
    clause_ends = [i for i in clause_ends if i >= limit // 2]
    if clause_ends:
        cut = head[: clause_ends[-1]]
    elif " " in head:
        cut = head.rsplit(" ", 1)[0]
    else:
        cut = head[:room]
    return cut.rstrip(f" ,;:{DASHES}") + ellipsis
