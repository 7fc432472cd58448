"""Words of text written without spaces: Japanese by a morphological analyser, Chinese and Korean
by overlapping character pairs (bigrams).

A Japanese sentence (`石破首相は29日、首脳会談を行い…`) is one run of word characters between
two commas, so the regex tokenizer of the other languages makes it one term that no query word
equals. Here each run of word characters that holds a CJK character is cut again:

- Japanese (`JapaneseTokenizer`): SudachiPy with its core dictionary (sudachidict-core), in its
  finest mode (A: `首脳会談` is `首脳` `会談`, `石破茂` is `石破` `茂`), each unit as its
  dictionary's normalised form (`ﾍﾞﾄﾅﾑ` → `ベトナム`, `行い` → `行う`). A query word is cut the
  same way, so `首脳会談` is the phrase `首脳 会談` and finds `…首脳会談を行い…`. Why Sudachi and
  not fugashi with unidic-lite or bigrams: README "Japanese, Chinese and Korean text" and
  docs/measurements.md (`python -m bench.japanese`).
- Chinese and Korean (`BigramTokenizer`): every two neighbouring CJK characters are a term
  (`首脳会談` → `首脳` `脳会` `会談`, a lone character itself), so a word of two or more
  characters is a phrase of bigrams and finds any text that writes it.

Every term is then folded like the other languages' (lowercase, diacritics dropped) after NFKC
(full-width `ＡＳＥＡＮ` is `asean`, half-width katakana full-width), and katakana is written as
hiragana (`ベトナム` and `べとなむ` are one term). Runs without a CJK character (`Ishiba`,
`Tô Lâm`, `2025`) become the same terms as in the other languages' fields: a person's names in
the document (Latin and Japanese) are found by either spelling.

The tokenizers are pickled into the index's schema by Whoosh: they hold no analyser (Sudachi's
is made once per thread, on first use), and their module path and names must stay.
"""

from __future__ import annotations

import re
import threading
import unicodedata

from whoosh.analysis import Token, Tokenizer

from archive.search.foldmap import FOLD_MAP

# A word as the other languages' tokenizer reads it (analysis._FAST_WORDS: Whoosh's default).
WORDS = re.compile(r"[\w*]+(?:\.[\w*]+)*")
# Characters of scripts written without spaces between words: CJK ideographs (with extension A
# and the compatibility block), hiragana, katakana (and its half-width forms and phonetic
# extensions), the iteration and prolonged-sound marks, and Hangul.
_CJK_CLASS = (
    "\u3005\u3006\u3007\u303b"  # 々 〆 〇 〻
    "\u3040-\u30ff"  # hiragana, katakana, ー
    "\u31f0-\u31ff"  # katakana phonetic extensions
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # ideographs
    "\uff66-\uff9f"  # half-width katakana
    "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"  # Hangul
)
CJK = re.compile(f"[{_CJK_CLASS}]")
_CJK_RUNS = re.compile(f"[{_CJK_CLASS}]+|[^{_CJK_CLASS}]+")
# Katakana (ァ..ヶ) to hiragana (ぁ..ゖ): the same sounds, 0x60 apart.
_HIRAGANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}

# Runs of a text already cut, per tokenizer, forgotten all at once past this many.
_MAX_RUNS = 50_000
_MAX_CACHED_RUN = 40  # characters: longer runs are clauses, rarely seen twice


def fold_term(text: str) -> str:
    """A term as every field folds it, after NFKC, with katakana written as hiragana."""
    return unicodedata.normalize("NFKC", text).lower().translate(FOLD_MAP).translate(_HIRAGANA)


class SegmentingTokenizer(Tokenizer):
    """Words of NFC text (Whoosh's default word expression); a word holding CJK characters is cut
    by `segment`. Yields folded terms, with positions and character offsets (in the NFC text, as
    `ArchiveTokenizer` gives them) when asked."""

    def __init__(self):
        self._runs: dict[str, list[tuple[str, int, int]]] = {}

    def __getstate__(self):
        return {}

    def __setstate__(self, state):
        self.__init__()

    def __eq__(self, other):
        return other is not None and self.__class__ is other.__class__

    def __hash__(self):
        return hash(self.__class__.__name__)

    def __repr__(self):
        return f"{self.__class__.__name__}()"

    def segment(self, word: str) -> list[tuple[str, int, int]]:
        """(term, start, end) of the units of `word`, a run holding a CJK character."""
        raise NotImplementedError

    def _cut(self, word: str) -> list[tuple[str, int, int]]:
        if len(word) > _MAX_CACHED_RUN:
            return self.segment(word)
        runs = self._runs
        cut = runs.get(word)
        if cut is None:
            if len(runs) >= _MAX_RUNS:
                runs.clear()
            cut = runs[word] = self.segment(word)
        return cut

    def spans(self, text: str):
        """(term, start, end) of every unit of `text` (NFC), in order."""
        for match in WORDS.finditer(text):
            word = match.group()
            if CJK.search(word) is None:
                yield fold_term(word), match.start(), match.end()
                continue
            offset = match.start()
            for term, start, end in self._cut(word):
                yield term, offset + start, offset + end

    def __call__(
        self,
        value,
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
        text = unicodedata.normalize("NFC", value)
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            token.original = token.text = text
            token.boost = 1.0
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar, token.endchar = start_char, start_char + len(text)
            yield token
            return
        pos = start_pos
        for term, start, end in self.spans(text):
            token.text = term
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = text[start:end]
            if positions:
                token.pos = pos
                pos += 1
            if chars:
                token.startchar, token.endchar = start_char + start, start_char + end
            yield token


_local = threading.local()


def sudachi():
    """This thread's Sudachi tokenizer (the core dictionary, mode A)."""
    tokenizer = getattr(_local, "sudachi", None)
    if tokenizer is None:
        from sudachipy import Dictionary, SplitMode

        tokenizer = _local.sudachi = Dictionary(dict="core").tokenizer(SplitMode.A)
    return tokenizer


class JapaneseTokenizer(SegmentingTokenizer):
    """Japanese: Sudachi's shortest units, as their normalised forms."""

    def segment(self, word: str) -> list[tuple[str, int, int]]:
        out = []
        for morpheme in sudachi().tokenize(word):
            start, end = morpheme.begin(), morpheme.end()
            if start == end:
                continue
            term = fold_term(morpheme.normalized_form())
            if not any(char.isalnum() for char in term):
                continue
            out.append((term, start, end))
        return out


class BigramTokenizer(SegmentingTokenizer):
    """Chinese and Korean: each two neighbouring CJK characters (a lone one alone); other
    characters of the run as words."""

    def segment(self, word: str) -> list[tuple[str, int, int]]:
        out = []
        for run in _CJK_RUNS.finditer(word):
            piece, offset = run.group(), run.start()
            if CJK.match(piece) is None:
                if term := fold_term(piece):
                    out.append((term, offset, run.end()))
                continue
            if len(piece) == 1:
                out.append((fold_term(piece), offset, offset + 1))
                continue
            for i in range(len(piece) - 1):
                out.append((fold_term(piece[i : i + 2]), offset + i, offset + i + 2))
        return out
