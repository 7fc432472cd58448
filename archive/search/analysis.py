"""Text analysis for the search index: tokenize, lowercase, fold diacritics, then stem per language.

Folding comes before stemming (WHOOSH-NOTES: stemming first turns `Thúy` and `thuy` into different
terms), so `Tô Lâm`, `To Lam`, `TO LAM` and `tô lâm` all become the terms `to lam`. No stop words
are removed: the English stop list would drop the `To` of `To Lam`.

The analyzers are pickled into the index's schema by Whoosh, so the classes here must keep their
module path and names (or the index must be rebuilt).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter
from whoosh.analysis.analyzers import CompositeAnalyzer
from whoosh.lang import stemmer_for_language
from whoosh.support.charset import accent_map

# Whoosh's accent_map folds most letters with diacritics (đ → d, ø → o, å → a) but leaves some
# letters that are not "a base letter plus a mark" alone, or folds them differently from
# archive.ingest.text.fold; these make the two agree.
FOLD_MAP: dict[int, str] = dict(accent_map)
FOLD_MAP.update(
    {ord(k): v for k, v in {
        "đ": "d", "Đ": "d", "ð": "d", "Ð": "d",
        "ø": "o", "Ø": "o",
        "å": "a", "Å": "a",
        "æ": "ae", "Æ": "ae",
        "œ": "oe", "Œ": "oe",
        "ß": "ss",
        "þ": "th", "Þ": "th",
        "ł": "l", "Ł": "l",
        "\u0131": "i",  # dotless i
    }.items()}
)  # fmt: skip

# Language codes whose documents get a stemmer; every other language is folded only.
STEMMED_LANGUAGES = {"en": "en", "no": "no", "nb": "no", "nn": "no"}
GROUPS = ("en", "no", "other")


def language_group(language: str | None) -> str:
    """The analysis group of a language code: "en", "no" or "other"."""
    code = (language or "").strip().lower().replace("_", "-").split("-")[0]
    return STEMMED_LANGUAGES.get(code, "other")


class ArchiveTokenizer(RegexTokenizer):
    """Words of NFC-normalised text.

    Text in decomposed form (`a` + combining circumflex) would otherwise split words at the
    combining mark, which `\\w` does not match. Character offsets refer to the NFC text: the
    highlighter normalises the same way before it marks anything.
    """

    def __call__(self, value, **kwargs):
        return super().__call__(unicodedata.normalize("NFC", value), **kwargs)


class FoldFilter(CharsetFilter):
    """Lowercase tokens to accent-free ASCII-ish text (`Đảng` → `dang`, `Tromsø` → `tromso`)."""

    def __init__(self):
        super().__init__(FOLD_MAP)

    def __eq__(self, other):
        return other is not None and self.__class__ is other.__class__


class LanguageStemFilter(StemFilter):
    """A snowball stemmer for `lang`; with `repeat`, stemmed until the word stops changing.

    Norwegian needs the repeat: snowball stems `statsministeren` to `statsminister` but
    `statsminister` to `statsminist`, so the two forms would never meet.
    """

    def __init__(self, lang: str, repeat: bool = False):
        self.repeat = repeat
        super().__init__(lang=lang, cachesize=50000)

    def clear(self):
        stem = stemmer_for_language(self.lang)
        if getattr(self, "repeat", False):
            base = stem

            def stem(word: str) -> str:
                for _ in range(4):
                    stemmed = base(word)
                    if stemmed == word:
                        break
                    word = stemmed
                return word

        self._stem = lru_cache(maxsize=self.cachesize)(stem)

    def __eq__(self, other):
        return (
            other is not None
            and self.__class__ is other.__class__
            and (self.lang, self.repeat) == (other.lang, other.repeat)
        )


def folding_analyzer() -> CompositeAnalyzer:
    """Tokenize, lowercase, fold diacritics; no stemming, no stop words."""
    return ArchiveTokenizer() | LowercaseFilter() | FoldFilter()


def _stemming_analyzer(group: str) -> CompositeAnalyzer:
    if group == "en":
        return folding_analyzer() | LanguageStemFilter("en")
    if group == "no":
        return folding_analyzer() | LanguageStemFilter("no", repeat=True)
    return folding_analyzer()


_ANALYZERS: dict[str, CompositeAnalyzer] = {group: _stemming_analyzer(group) for group in GROUPS}
_FOLDING = folding_analyzer()


def analyzer_for(language: str | None) -> CompositeAnalyzer:
    """The analyzer for text in `language` (a code such as "en", "no", "vi"; or a group name)."""
    return _ANALYZERS[language_group(language)]


def folding() -> CompositeAnalyzer:
    """The shared folding-only analyzer (names, spelling suggestions)."""
    return _FOLDING


def terms(text: str, language: str | None = None) -> list[str]:
    """The index terms of `text` as analysed for `language` (folding only when None)."""
    analyzer = _FOLDING if language is None else analyzer_for(language)
    return [token.text for token in analyzer(text, mode="query")]
