# the test data is typographic on purpose: en dashes, curly quotes

import pytest

from archive.ingest import fold, slugify
from archive.ingest.text import shorten, word_count


@pytest.mark.parametrize(
    ("given", "folded"),
    [
        ("Tô Lâm", "to lam"),
        ("ĐẢNG Cộng Sản", "dang cong san"),
        ("Tromsø", "tromso"),
        ("Ærø", "aero"),
        ("Ålesund", "alesund"),
        ("Straße", "strasse"),
        ("Hà Nội", "ha noi"),
        ("ＡＢＣ", "abc"),  # NFKD folds full-width letters too
    ],
)
def test_fold_lowercases_and_drops_diacritics(given, folded):
    assert fold(given) == folded


def test_fold_matches_decomposed_and_composed_forms_alike():
    composed = "Việt Nam"
    decomposed = "Vie\u0323\u0302t Nam"
    assert fold(composed) == fold(decomposed) == "viet nam"


@pytest.mark.parametrize(
    ("given", "slug"),
    [
        ("Tô Lâm", "to-lam"),
        ("Phạm Minh Chính", "pham-minh-chinh"),
        ("Đảng Cộng Sản", "dang-cong-san"),
        ("Vietnam.vn", "vietnam-vn"),
        ("  -- Hello, World! --  ", "hello-world"),
        ("Ærø & Tromsø", "aero-tromso"),
    ],
)
def test_slugify(given, slug):
    assert slugify(given) == slug


def test_slugify_is_ascii_only():
    assert slugify("北京 — Bắc Kinh ✈") == "bac-kinh"


def test_slugify_cuts_long_slugs_at_a_hyphen():
    slug = slugify("word " * 40, max_length=22)
    assert len(slug) <= 22
    assert slug == "word-word-word-word"


def test_slugify_cuts_a_single_long_word_hard():
    assert slugify("a" * 100, max_length=10) == "a" * 10


def test_shorten_keeps_short_text():
    assert shorten("Short title", 110) == "Short title"


def test_shorten_cuts_at_a_word_boundary_within_the_limit():
    text = "alpha beta gamma delta epsilon zeta eta theta"
    short = shorten(text, 20)
    assert len(short) <= 20
    assert short.endswith("…")
    assert text.startswith(short[:-1])
    assert short[:-1].split()[-1] in text.split()


def test_shorten_prefers_a_clause_boundary():
    text = "The ministers met in the capital on a rainy day, and they signed nine agreements"
    short = shorten(text, 60)
    assert short == "The ministers met in the capital on a rainy day…"


def test_word_count():
    assert word_count("  one two\tthree\nfour ") == 4
    assert word_count("") == 0
    # Korean is written with spaces between words (Japanese and Chinese are not).
    assert word_count("두 정상은 회담했다") == 3
