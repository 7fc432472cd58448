"""Officials' names as other languages write them by their sound: in Russian transcription
(``archive.ingest.cyrillic``) and Japanese names in Vietnamese spelling
(``archive.ingest.vi_phonetic``), found in our own sentences written the way those news
services write them."""

import pytest

from archive.ingest.cyrillic import japanese_name, russian_spellings, vietnamese_name
from archive.ingest.people import Registry, find_people, known_people
from archive.ingest.registry import STARTER_REGISTRY
from archive.ingest.vi_phonetic import vietnamese_spellings

REGISTRY = Registry(known_people(STARTER_REGISTRY))


@pytest.mark.parametrize(
    ("name", "russian"),
    [
        ("Trần Thanh Mẫn", "Чан Тхань Ман"),
        ("Phạm Minh Chính", "Фам Минь Чинь"),
        ("Nguyễn Xuân Phúc", "Нгуен Суан Фук"),
        ("Vương Đình Huệ", "Выонг Динь Хюэ"),
        ("Bùi Thanh Sơn", "Буй Тхань Шон"),
        ("Lương Cường", "Лыонг Кыонг"),
        ("Nguyễn Minh Triết", "Нгуен Минь Чьет"),
        ("Nguyễn Tấn Dũng", "Нгуен Тан Зунг"),
    ],
)
def test_vietnamese_names_in_the_russian_practical_transcription(name, russian):
    assert vietnamese_name(name) == russian


@pytest.mark.parametrize(
    ("name", "russian"),
    [
        ("Kishida Fumio", "Кисида Фумио"),
        ("Abe Shinzo", "Абэ Синдзо"),
        ("Ishiba Shigeru", "Исиба Сигэру"),
        ("Suga Yoshihide", "Суга Ёсихидэ"),
        ("Motegi Toshimitsu", "Мотэги Тосимицу"),
        ("Ōtsuji Hidehisa", "Оцудзи Хидэхиса"),
    ],
)
def test_japanese_names_in_polivanov_s_system_in_both_orders(name, russian):
    family, given = russian.split()
    assert japanese_name(name) == [russian, f"{given} {family}"]


def test_names_of_other_languages_get_no_russian_spelling():
    assert vietnamese_name("Donald Trump") == ""
    assert japanese_name("Lê Minh") == []
    assert russian_spellings("Anthony Albanese", "Australia") == []


def test_a_russian_story_names_the_officials_in_any_grammatical_case():
    text = (
        "Председатель Национального собрания Вьетнама Чан Тхань Ман встретился с императором "
        "Японии Нарухито. Позже Чан Тхань Ман провёл переговоры с премьер-министром Исибой "
        "Сигэру и с премьер-министром Абе Синдзо не встречался."
    )
    assert {m.slug for m in find_people(text, REGISTRY, "ru")} == {
        "tran-thanh-man",
        "naruhito",
        "ishiba-shigeru",
        "abe-shinzo",  # "Абе" for Polivanov's "Абэ": one key
    }


# --- Japanese names as Vietnamese papers spell them by ear (archive.ingest.vi_phonetic) ---


@pytest.mark.parametrize(
    ("name", "spelled"),
    [
        ("Aso Taro", ["Axo Taro", "Taro Axo"]),
        ("Fukuda Yasuo", ["Phucuda Yaxuo", "Yaxuo Phucuda"]),
        ("Kishida Fumio", ["Kisida Phumio", "Phumio Kisida"]),
        ("Motegi Toshimitsu", ["Moteghi Tosimitsu", "Tosimitsu Moteghi"]),
        ("Naruhito", []),  # spelt the same
        ("Trần Thanh Mẫn", []),  # not romaji
    ],
)
def test_japanese_names_as_vietnamese_spells_them_by_ear(name, spelled):
    assert vietnamese_spellings(name) == spelled


def test_a_vietnamese_story_names_a_japanese_leader_written_syllable_by_syllable():
    # Our own sentences, in the style of a Vietnamese paper of 2009.
    text = (
        "Thủ tướng Nguyễn Tấn Dũng hội đàm với Thủ tướng Nhật Bản Ta-rô A-xô tại Tô-ky-ô. "
        "Thủ tướng A-xô khẳng định Nhật Bản coi trọng quan hệ với Việt Nam."
    )
    found = find_people(text, REGISTRY, "vi")
    assert [m.slug for m in found] == ["nguyen-tan-dung", "aso-taro"]
