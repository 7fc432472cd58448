"""Text analysis for the search index: tokenize, lowercase, fold diacritics, then stem per language.

Japanese, Chinese and Korean, written without spaces, are cut into words by
`archive.search.segmenting` (Japanese by a morphological analyser, the others by character
bigrams), then folded alike.

Folding comes before stemming (docs/WHOOSH-NOTES.md: stemming first makes `Thúy` and `thuy` two
terms), so `Tô Lâm`, `To Lam`, `TO LAM` and `tô lâm` all become the terms `to lam`. No stop words
are removed: the English stop list would drop the `To` of `To Lam`.

The analyzers are pickled into the index's schema by Whoosh, so the classes here must keep their
module path and names (or the index must be rebuilt). `ArchiveAnalyzer` runs the same steps in one
loop (indexing spent most of its analysis time passing tokens between Whoosh's generators); it
yields exactly the chain's tokens and is pickled as the chain.
"""

from __future__ import annotations

import copy
import re
import unicodedata

from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, Token
from whoosh.analysis.analyzers import CompositeAnalyzer
from whoosh.lang import stemmer_for_language

from archive.search.contract import LANGUAGE_GROUPS
from archive.search.foldmap import FOLD_MAP
from archive.search.segmenting import BigramTokenizer, JapaneseTokenizer
from archive.search.whoosh_internals.stemming import install_stemmer, stem_word

# Language codes whose documents get a stemmer; every other language is folded only.
STEMMED_LANGUAGES = {"en": "en", "no": "no", "nb": "no", "nn": "no"}
# Languages written without spaces between words (archive/search/segmenting.py): Japanese by its
# morphological analyser, Chinese and Korean by character bigrams.
SEGMENTED_LANGUAGES = {"ja": "ja", "zh": "cjk", "yue": "cjk", "ko": "cjk"}
SEGMENTED_GROUPS = ("ja", "cjk")
GROUP_OF_LANGUAGE = {**STEMMED_LANGUAGES, **SEGMENTED_LANGUAGES}
GROUPS = LANGUAGE_GROUPS  # "en", "no", "other", "ja", "cjk": one text field each


def language_group(language: str | None) -> str:
    """The analysis group of a language code: "en", "no", "ja", "cjk" or "other"."""
    code = (language or "").strip().lower().replace("_", "-").split("-")[0]
    return GROUP_OF_LANGUAGE.get(code, "other")


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

        install_stemmer(self, stem)

    def __eq__(self, other):
        return (
            other is not None
            and self.__class__ is other.__class__
            and (self.lang, self.repeat) == (other.lang, other.repeat)
        )


# Whoosh's default word expression and a faster one that matches exactly the same spans (the
# optional dot of the default only ever matters before more word characters; highlight.py relies
# on the same fact), without a capturing group, so `findall` returns the words themselves.
_DEFAULT_WORDS = r"[\w\*]+(\.?[\w\*]+)*"
_FAST_WORDS = re.compile(r"[\w*]+(?:\.[\w*]+)*")
# Distinct words an analyzer remembers before it forgets them all (~150 bytes each, per table).
_MAX_WORDS = 100_000


class ArchiveAnalyzer(CompositeAnalyzer):
    """`ArchiveTokenizer | LowercaseFilter | FoldFilter [| LanguageStemFilter]` in one loop.

    Whoosh's chain passes every token through one generator per step; indexing spends most of
    its analysis time there. Each step after the tokenizer maps a word to a new text on its own
    (it never looks at the neighbours, positions or offsets), so a word's term is computed once,
    remembered, and the tokens are yielded from one loop: the same tokens, attributes and
    order as the chain. A call asking for what the loop does not do (`tokenize=False`,
    `keeporiginal`), or an analyzer of any other shape, runs Whoosh's generic chain.

    Whoosh analyses a field's value twice when it keeps separate spelling words (the stemmed
    terms, then with `no_morph=True` the words to suggest): the words of the last value are
    kept, so the second pass does not tokenize again.

    Pickled (into an index's schema) as Whoosh's plain `CompositeAnalyzer` of the same items, so
    the index files name no new class (code that predates this one reads them) and nothing the
    analyzer remembers is pickled.
    """

    def __init__(self, *composables):
        super().__init__(*composables)
        self._prepare()

    def __reduce__(self):
        return (CompositeAnalyzer, tuple(self.items))

    def __copy__(self):
        return type(self)(*self.items)

    def __deepcopy__(self, memo):
        return type(self)(*copy.deepcopy(self.items, memo))

    def _prepare(self) -> None:
        items = self.items
        kinds = [type(item) for item in items]
        self._fast = (
            kinds[:3] == [ArchiveTokenizer, LowercaseFilter, FoldFilter]
            and kinds[3:] in ([], [LanguageStemFilter])
            and not items[0].gaps
            and items[0].expression.pattern == _DEFAULT_WORDS
        )
        self._stemmer = items[3] if len(items) == 4 else None
        self._folded: dict[str, str] = {}  # word -> lowercased, folded
        self._stemmed: dict[str, str] = {}  # word -> lowercased, folded, stemmed
        self._last: tuple[str | None, str, list[str]] = (None, "", [])  # value, NFC text, words

    def _fold(self, word: str) -> str:
        if len(self._folded) >= _MAX_WORDS:
            self._folded.clear()
        folded = self._folded[word] = word.lower().translate(self.items[2].charmap)
        return folded

    def _stem(self, word: str) -> str:
        folded = self._folded.get(word)
        if folded is None:
            folded = self._fold(word)
        stemmed = stem_word(self._stemmer, folded)
        if len(self._stemmed) >= _MAX_WORDS:
            self._stemmed.clear()
        self._stemmed[word] = stemmed
        return stemmed

    def __call__(
        self,
        value,
        no_morph=False,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        if not self._fast or keeporiginal or not tokenize:
            return super().__call__(
                value,
                no_morph=no_morph,
                positions=positions,
                chars=chars,
                keeporiginal=keeporiginal,
                removestops=removestops,
                start_pos=start_pos,
                start_char=start_char,
                tokenize=tokenize,
                mode=mode,
                **kwargs,
            )
        last = self._last
        if last[0] is value:
            text, words = last[1], last[2]
        else:
            text = unicodedata.normalize("NFC", value)
            words = None
        if self._stemmer is None or no_morph:
            terms, compute = self._folded, self._fold
        else:
            terms, compute = self._stemmed, self._stem
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if chars:
            return self._tokens_with_chars(
                text, token, terms, compute, positions, start_pos, start_char
            )
        if words is None:
            words = _FAST_WORDS.findall(text)
            self._last = (value, text, words)
        return self._tokens(words, token, terms, compute, positions, start_pos)

    @staticmethod
    def _tokens(words, token, terms, compute, positions, pos):
        get = terms.get
        for word in words:
            term = get(word)
            token.text = compute(word) if term is None else term
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = pos
                pos += 1
            yield token

    @staticmethod
    def _tokens_with_chars(text, token, terms, compute, positions, pos, start_char):
        # `_tokens` with character offsets (the highlighter's call), kept apart so that the
        # indexing loop neither tracks offsets nor splits a text it has split already.
        get = terms.get
        for match in _FAST_WORDS.finditer(text):
            word = match.group()
            term = get(word)
            token.text = compute(word) if term is None else term
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = pos
                pos += 1
            token.startchar = start_char + match.start()
            token.endchar = start_char + match.end()
            yield token


def folding_analyzer() -> CompositeAnalyzer:
    """Tokenize, lowercase, fold diacritics; no stemming, no stop words."""
    return ArchiveAnalyzer(ArchiveTokenizer(), LowercaseFilter(), FoldFilter())


def _stemming_analyzer(group: str) -> CompositeAnalyzer:
    if group == "ja":
        return CompositeAnalyzer(JapaneseTokenizer())
    if group == "cjk":
        return CompositeAnalyzer(BigramTokenizer())
    if group == "en":
        return ArchiveAnalyzer(folding_analyzer(), LanguageStemFilter("en"))
    if group == "no":
        return ArchiveAnalyzer(folding_analyzer(), LanguageStemFilter("no", repeat=True))
    return folding_analyzer()


_ANALYZERS: dict[str, CompositeAnalyzer] = {group: _stemming_analyzer(group) for group in GROUPS}
_FOLDING = folding_analyzer()


def analyzer_for(language: str | None) -> CompositeAnalyzer:
    """The analyzer for text in `language` (a code such as "en", "no", "vi"; or a group name)."""
    analyzer = _ANALYZERS.get(language)  # a group's name ("cjk" is no language code)
    return analyzer if analyzer is not None else _ANALYZERS[language_group(language)]


def folding() -> CompositeAnalyzer:
    """The shared folding-only analyzer (names, spelling suggestions)."""
    return _FOLDING


def terms(text: str, language: str | None = None) -> list[str]:
    """The index terms of `text` as analysed for `language` (folding only when None)."""
    analyzer = _FOLDING if language is None else analyzer_for(language)
    return [token.text for token in analyzer(text, mode="query")]
