"""The one-loop analyzers yield exactly the tokens of Whoosh's generic chain.

The index's terms, positions and offsets must not change with the faster analysis: an index
written before it is opened with the new analyzers (haystack builds the schema), and the query
parser, spelling words and highlighter all run them. Each case compares every attribute of every
token with the chain the analyzers replaced, `ArchiveTokenizer | LowercaseFilter | FoldFilter
[| LanguageStemFilter]`, built here from Whoosh's own composition.

Part of the Whoosh upgrade check (archive/search/whoosh_internals/__init__.py): run it against a
new Whoosh release before adding it to TESTED_VERSIONS.
"""

import copy
import pickle
import unicodedata

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from whoosh.analysis import CompositeAnalyzer, LowercaseFilter

from archive.search import analysis
from archive.search.analysis import (
    GROUPS,
    SEGMENTED_GROUPS,
    ArchiveAnalyzer,
    ArchiveTokenizer,
    FoldFilter,
    LanguageStemFilter,
    analyzer_for,
    folding,
)

SETTINGS = settings(
    max_examples=100,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def generic_chain(group: str) -> CompositeAnalyzer:
    """The analyzer of `group` as Whoosh composes it: one generator per step."""
    chain = ArchiveTokenizer() | LowercaseFilter() | FoldFilter()
    if group == "en":
        chain = chain | LanguageStemFilter("en")
    elif group == "no":
        chain = chain | LanguageStemFilter("no", repeat=True)
    assert type(chain) is CompositeAnalyzer
    return chain


# Japanese, Chinese and Korean are cut by archive.search.segmenting (tests/search/test_japanese.py).
WORD_GROUPS = [group for group in GROUPS if group not in SEGMENTED_GROUPS]
CHAINS = {group: generic_chain(group) for group in WORD_GROUPS}

# How Whoosh calls a field's analyzer: Positions.word_values when indexing, the query parser and
# process_text, spellable_words (unstemmed), highlight.highlight and Highlighter (offsets); then
# offsets of a later value, and the two calls the one loop leaves to the chain.
CALLS = {
    "index": {"positions": True, "boosts": True, "mode": "index"},
    "query": {"mode": "query"},
    "plain": {},
    "spelling": {"no_morph": True},
    "highlight": {"chars": True, "mode": "query", "removestops": False},
    "highlight-index": {"positions": True, "chars": True, "mode": "index", "removestops": False},
    "offset": {"positions": True, "chars": True, "start_pos": 7, "start_char": 100},
    "offset-no-chars": {"positions": True, "start_pos": 3},
    "chars-no-positions-no-morph": {"chars": True, "no_morph": True},
    "untokenized": {"tokenize": False, "positions": True, "chars": True},
    "keeporiginal": {"keeporiginal": True, "positions": True},
}

PIECES = [
    "Tô Lâm",
    "TO LAM",
    "Đảng Cộng sản Việt Nam",
    "Nguyễn Phú Trọng",
    "Thủ tướng Phạm Minh Chính",
    unicodedata.normalize("NFD", "Lâm Thúy Đảng Trọng"),
    unicodedata.normalize("NFD", "Tromsø Ærø blåbærsyltetøy"),
    "statsministeren",
    "Statsminister",
    "utenriksdepartementet",
    "lokalitetene lokaliteter",
    "Åsgårdstrand",
    "running cooperation cooperating leaders",
    "Japan's",
    "don't",
    "it’s",
    "Việt-Nam",
    "e-mail",
    "well-being",
    "3.14",
    "2026-11-27",
    "1,000,000",
    "v1.2.3",
    "https://vnanet.vn/en/a_b?c=1&d=2#x",
    "lam*",
    "*",
    "a.b.",
    "...",
    "__init__",
    "Straße",
    "İstanbul",
    "ıi",
    "Œuvre Þing Łódź",
    "\u0302",
    "x" * 300,
    "Đ" * 120,
    "",
    " ",
    "\n\t",
    "(Reuters) —",
    "«sitat»",
    "日本語",
]

# Pieces and arbitrary text, joined by separators that make and break words.
texts = st.one_of(
    st.sampled_from(PIECES),
    st.builds(
        str.join,
        st.sampled_from([" ", "", "-", ", ", "'", "."]),
        st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=12),
    ),
)


def tokens(analyzer, text: str, kwargs: dict) -> list[dict]:
    # The same Token object is yielded again and again: record each as it passes.
    return [dict(vars(token)) for token in analyzer(text, **kwargs)]


@pytest.mark.parametrize("call", sorted(CALLS))
@pytest.mark.parametrize("group", WORD_GROUPS)
@SETTINGS
@given(text=texts)
@example(text="")
@example(text="Tô Lâm møtte statsministeren i Đảng's hovedkvarter, 3.14 e-mail.")
def test_tokens_are_the_generic_chains(group, call, text):
    assert tokens(analyzer_for(group), text, CALLS[call]) == tokens(
        CHAINS[group], text, CALLS[call]
    )


@pytest.mark.parametrize("group", ["en", "no"])
@SETTINGS
@given(text=texts)
def test_spelling_words_after_the_index_terms_of_the_same_value(group, text):
    # Whoosh analyses a field value for its terms, then the very same string for spelling words;
    # the second pass reuses the first one's words.
    value = text + " statsministeren running"  # a fresh string object, as add_document has
    fast, chain = analyzer_for(group), CHAINS[group]
    for kwargs in (CALLS["index"], CALLS["spelling"], CALLS["highlight"], CALLS["index"]):
        assert tokens(fast, value, kwargs) == tokens(chain, value, kwargs)


@pytest.mark.parametrize("call", ["index", "highlight", "spelling"])
def test_a_token_consumer_may_change_the_token(call):
    # Whoosh's chain resets boost and stopped for every token; a consumer that changes them
    # must not change the next token.
    def changed(analyzer):
        out = []
        for token in analyzer("Tô Lâm Tô Lâm", **CALLS[call]):
            out.append(dict(vars(token)))
            token.boost, token.stopped = 3.0, True
        return out

    assert changed(analyzer_for("en")) == changed(CHAINS["en"])


@pytest.mark.parametrize("group", WORD_GROUPS)
@settings(max_examples=40, deadline=None, database=None)
@given(text=texts)
def test_forgetting_remembered_words_changes_nothing(group, text):
    fresh = ArchiveAnalyzer(*analyzer_for(group).items)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(analysis, "_MAX_WORDS", 2)
        for call in ("index", "spelling", "highlight-index"):
            assert tokens(fresh, text, CALLS[call]) == tokens(CHAINS[group], text, CALLS[call])


def test_the_module_analyzers_take_the_one_loop():
    # Guards the comparison above: it would pass trivially if the analyzers ran the chain.
    for group in WORD_GROUPS:
        assert type(analyzer_for(group)) is ArchiveAnalyzer
        assert analyzer_for(group)._fast
    assert folding()._fast


def test_another_shape_runs_the_generic_chain():
    odd = ArchiveAnalyzer(ArchiveTokenizer(), FoldFilter(), LowercaseFilter())
    assert not odd._fast
    assert [t.text for t in odd("ĐẢNG Lâm")] == ["dang", "lam"]


@pytest.mark.parametrize("group", WORD_GROUPS)
def test_pickled_as_the_generic_chain(group):
    analyzer = analyzer_for(group)
    list(analyzer("Tô Lâm statsministeren"))  # fill its memory: none of it may be pickled
    pickled = pickle.dumps(analyzer, 2)  # as whoosh.index.TOC pickles the schema
    assert b"ArchiveAnalyzer" not in pickled and b"_folded" not in pickled
    unpickled = pickle.loads(pickled)
    assert type(unpickled) is CompositeAnalyzer
    assert unpickled == CHAINS[group]


def test_copies_keep_the_one_loop():
    for copier in (copy.copy, copy.deepcopy):
        copied = copier(analyzer_for("no"))
        assert type(copied) is ArchiveAnalyzer and copied._fast
        assert [t.text for t in copied("Statsministeren")] == ["statsminist"]
