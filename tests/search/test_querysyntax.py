"""The search box syntax: parsing, falling back on bad syntax, compiling per language field."""

import pytest
from whoosh import query as wq

from archive.search.contract import TEXT_FIELD_BY_GROUP
from archive.search.querysyntax import (
    And,
    Compiler,
    FieldValue,
    Not,
    Or,
    Phrase,
    Word,
    parse,
    plain_words,
)


def compile_(text):
    compiler = Compiler(TEXT_FIELD_BY_GROUP, lambda field, value: wq.Term(field, value))
    return compiler.compile(parse(text).tree)


def test_words_are_all_required():
    assert parse("Japan Vietnam").tree == And((Word("Japan"), Word("Vietnam")))


def test_only_and_or_not_are_operators():
    assert parse("TO LAM").tree == And((Word("TO"), Word("LAM")))
    assert parse("Japan and Vietnam").tree == And((Word("Japan"), Word("and"), Word("Vietnam")))
    assert parse("a OR b AND c").tree == Or((Word("a"), And((Word("b"), Word("c")))))
    assert parse("a NOT b").tree == And((Word("a"), Not(Word("b"))))


def test_phrases_minus_and_brackets():
    tree = parse('"To Lam" -Japan -"trade deal" (forum OR meeting)').tree
    assert tree == And(
        (
            Phrase("To Lam"),
            Not(Word("Japan")),
            Not(Phrase("trade deal")),
            Or((Word("forum"), Word("meeting"))),
        )
    )
    assert parse("-(a b)").tree == Not(And((Word("a"), Word("b"))))


def test_a_lone_dash_is_punctuation():
    parsed = parse("Vietnam - Japan")
    assert parsed.notice is None
    assert compile_("Vietnam - Japan") == compile_("Vietnam Japan")


def test_field_prefixes_take_slugs():
    assert parse("person:to-lam").tree == FieldValue("person", "to-lam")
    assert parse('outlet:"Việt Nam News"').tree == FieldValue("outlet", "viet-nam-news")
    assert parse("-Person:Tô-Lâm").tree == Not(FieldValue("person", "to-lam"))
    # Anything else with a colon is words.
    assert parse("10:30").tree == Word("10:30")


@pytest.mark.parametrize(
    "text",
    ['"unclosed (', "a )", "(a", "AND", "japan OR", "NOT", "a NOT", "()", "a AND AND b", '")'],
)
def test_bad_syntax_falls_back_to_the_words_with_a_notice(text):
    parsed = parse(text)
    assert parsed.notice
    words = plain_words(text)
    if words:
        assert parsed.tree in (Word(words[0]), And(tuple(map(Word, words))))
        assert all(word in parsed.notice for word in words)
    else:
        assert parsed.tree is None


@pytest.mark.parametrize(
    "text", ["((((((((((((((((((((((a", '"' * 7, "-" * 50, ")(" * 30, 'person:"', "outlet:", "-"]
)
def test_nothing_raises(text):
    parsed = parse(text)
    compile_(text)
    assert parsed.tree is None or parsed.notice is not None or parsed.tree


def test_deep_nesting_is_refused_not_recursed():
    parsed = parse("(" * 400 + "a" + ")" * 400)
    assert parsed.notice and parsed.tree == Word("a")


def test_words_compile_per_language_field():
    compiled = compile_("statsministeren")
    assert set(compiled.subqueries) == {
        wq.Term(TEXT_FIELD_BY_GROUP["en"], "statsministeren"),
        wq.Term(TEXT_FIELD_BY_GROUP["no"], "statsminist"),
        wq.Term(TEXT_FIELD_BY_GROUP["other"], "statsministeren"),
        wq.Term(TEXT_FIELD_BY_GROUP["ja"], "statsministeren"),
        wq.Term(TEXT_FIELD_BY_GROUP["cjk"], "statsministeren"),
    }


def test_phrases_compile_to_folded_phrases():
    from archive.search.queries import ExactPhrase

    compiled = compile_('"Tô Lâm"')
    assert ExactPhrase(TEXT_FIELD_BY_GROUP["other"], ["to", "lam"]) in compiled.subqueries


def test_exclusions_compile_to_and_not():
    compiled = compile_("japan -china")
    assert isinstance(compiled, wq.AndNot)
    only_exclusion = compile_("-china")
    assert isinstance(only_exclusion, wq.AndNot) and isinstance(only_exclusion.a, wq.Every)


def test_positive_leaves_skip_exclusions():
    parsed = parse('japan -china NOT "trade deal" person:to-lam "to lam"')
    assert parsed.positive_leaves() == [Word("japan"), Phrase("to lam")]
