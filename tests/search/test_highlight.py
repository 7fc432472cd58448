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
