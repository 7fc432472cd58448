"""Analysis: fold diacritics before stemming, stem per language, keep every word."""

import pickle
import unicodedata

import pytest

from archive.search.analysis import analyzer_for, folding, language_group, terms


@pytest.mark.parametrize("language", ["en", "no", "vi", None])
@pytest.mark.parametrize("text", ["Tô Lâm", "To Lam", "TO LAM", "tô lâm"])
def test_names_fold_to_the_same_terms_in_every_language(text, language):
    assert terms(text, language) == ["to", "lam"]


def test_special_letters_fold():
    assert terms("Đảng Cộng Sản", "vi") == ["dang", "cong", "san"]
    assert terms("Hà Nội", "en") == ["ha", "noi"]
    assert terms("Tromsø Ærø Åsgård", "vi") == ["tromso", "aero", "asgard"]


def test_decomposed_text_is_one_word():
    assert terms(unicodedata.normalize("NFD", "Lâm Thúy"), "en") == ["lam", "thuy"]


def test_folding_comes_before_stemming():
    # Stemming `Thúy` before folding left `thuy` to stem to `thui` and miss it.
    assert terms("Thúy", "en") == terms("thuy", "en")


def test_no_stop_words_are_dropped():
    assert terms("To the and of", "en") == ["to", "the", "and", "of"]


def test_english_stems():
    assert terms("cooperation cooperating", "en")[0] == terms("cooperating", "en")[0]


def test_norwegian_forms_meet():
    assert terms("statsminister", "no") == terms("statsministeren", "no")
    assert terms("lokaliteter", "no") == terms("lokalitetene", "no")
    # ...but only in Norwegian analysis: other languages are not stemmed the Norwegian way.
    assert terms("statsministeren", "vi") == ["statsministeren"]


def test_language_groups():
    assert language_group("en") == "en"
    assert language_group("nb") == language_group("no") == "no"
    assert language_group("vi") == language_group("") == language_group(None) == "other"


def test_analyzers_survive_pickling_into_the_schema():
    for language in ("en", "no", "vi"):
        analyzer = pickle.loads(pickle.dumps(analyzer_for(language)))
        assert [t.text for t in analyzer("Statsministeren Tô Lâm")] == terms(
            "Statsministeren Tô Lâm", language
        )
    assert [t.text for t in folding()("Cooperation")] == ["cooperation"]
