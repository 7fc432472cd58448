"""Snippets: escaped first, folded and stemmed matches marked."""

from archive.search.highlight import snippet
from archive.search.querysyntax import Phrase, Word, parse

BODY = (
    "HÀ NỘI — Party General Secretary Tô Lâm received the Japanese ambassador. "
    "He said <b>bold</b> & <script>alert(1)</script> cooperation would grow."
)


def test_folded_match_is_marked():
    html = snippet(BODY, [Word("To"), Word("Lam")], "en")
    assert "<mark>Tô</mark> <mark>Lâm</mark>" in html


def test_phrase_is_marked_as_one():
    html = snippet(BODY, [Phrase("to lam")], "en")
    assert "<mark>Tô Lâm</mark>" in html


def test_stemmed_match_is_marked():
    html = snippet("Statsministeren talte.", [Word("statsminister")], "no")
    assert html == "<mark>Statsministeren</mark> talte."


def test_article_text_is_escaped():
    html = snippet(BODY, [Word("bold")], "en")
    assert "&lt;b&gt;<mark>bold</mark>&lt;/b&gt;" in html
    assert "&amp;" in html
    assert "<script>" not in html and "<b>" not in html


def test_query_text_cannot_inject_markup():
    leaves = parse("<script>alert(1)</script>").positive_leaves()
    html = snippet(BODY, leaves, "en")
    assert "<script" not in html
    assert html.replace("<mark>", "").replace("</mark>", "").count("<") == 0


def test_no_match_shows_the_start():
    html = snippet("A" * 50 + " " + "b" * 500, [Word("zzz")], "en", length=100)
    assert html.startswith("A" * 50) and html.endswith("…") and "<mark>" not in html


def test_window_centres_on_the_matches():
    text = ("filler words here " * 40) + "the Tô Lâm meeting " + ("more filler " * 40)
    html = snippet(text, [Word("lam")], "en", length=120)
    assert html.startswith("…") and html.endswith("…")
    assert "<mark>Lâm</mark>" in html
    assert len(html) < 200


MIXED = (
    "Thủ tướng Phạm Minh Chính và Tổng Bí thư Tô Lâm; statsministeren i Tromsø, U.S. relations, "
    "coopération économique, Đảng, cooperation's 2025-04-01 rock'n'roll Æsir a..b *star* x.*y 3.5."
)


def test_fast_tokens_equal_the_analyzers_tokens():
    # The snippet's tokenizer must mark exactly what the index matched, in every language group.
    from archive.search.analysis import GROUPS, analyzer_for
    from archive.search.highlight import _tokens

    for group in GROUPS:
        expected = [
            (t.text, t.startchar, t.endchar)
            for t in analyzer_for(group)(MIXED, chars=True, mode="index")
        ]
        assert _tokens(MIXED, group) == expected, group


def test_long_texts_are_read_in_pieces_without_missing_matches():
    from archive.search.highlight import PIECE, match_spans

    filler = "Delegates met again today. " * (PIECE // 10)
    late = filler + "Tô Lâm spoke last."
    assert "<mark>Tô</mark> <mark>Lâm</mark>" in snippet(late, [Word("To"), Word("Lam")], "en")
    # A phrase across the place where a piece ends is still one match.
    for shift in range(0, 30, 3):
        text = "x " * (PIECE // 2 + shift) + "technical intern training " + filler
        spans = match_spans(text, [Phrase("technical intern training")], "en")
        assert [text[a:b] for a, b, _ in spans] == ["technical intern training"], shift
