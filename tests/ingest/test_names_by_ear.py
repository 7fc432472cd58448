"""Officials' names as other languages write them by their sound: in Russian transcription
(``archive.ingest.cyrillic``), in Hangul (``archive.ingest.hangul``) and Japanese names in
Vietnamese spelling (``archive.ingest.vi_phonetic``), found in our own sentences written the way
those news services write them."""

import re

import pytest

from archive.ingest import hangul
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


# --- Korean ---------------------------------------------------------------------------------


def test_the_korean_spellings_editors_typed_are_the_ones_the_rules_write():
    # The registry's Hangul aliases were typed from Korean pages, before the rules existed.
    typed = [
        (row["name"], row["country"], alias)
        for row in STARTER_REGISTRY
        if row.get("country") in ("Vietnam", "Japan")
        for alias in row.get("aliases", ())
        if re.search("[\uac00-\ud7a3]", alias)
    ]
    assert len(typed) >= 20
    written = {
        (name, country): {s.replace(" ", "") for s in hangul.korean_spellings(name, country)}
        for name, country, _ in typed
    }
    missed = [
        (name, alias)
        for name, country, alias in typed
        if alias.replace(" ", "") not in written[(name, country)]
    ]
    # One variant is not the rules' ("쩐 탄 만" beside "쩐 타인 먼" for Trần Thanh Mẫn).
    assert missed == [("Trần Thanh Mẫn", "쩐 탄 만")]


@pytest.mark.parametrize(
    ("name", "country", "korean"),
    [
        ("Trần Đại Quang", "Vietnam", "쩐 다이 꽝"),
        ("Nguyễn Tấn Dũng", "Vietnam", "응우옌 떤 중"),
        ("Bùi Thanh Sơn", "Vietnam", "부이 타인 선"),
        ("Nguyễn Minh Triết", "Vietnam", "응우옌 민 찌엣"),
        ("Hattori Seitaro", "Japan", "핫토리 세이타로"),  # a doubled consonant
        ("Gemba Koichiro", "Japan", "겐바 고이치로"),  # n written m before b
        ("Motegi Toshimitsu", "Japan", "모테기 도시미쓰"),
    ],
)
def test_names_in_hangul(name, country, korean):
    assert hangul.korean_spellings(name, country) == [korean]
    assert hangul.korean_spellings(name, "France") == []


def test_a_korean_story_names_a_vietnamese_official_by_the_rules_but_not_by_a_syllable():
    registry = Registry(known_people([{"name": "Trần Đại Quang", "country": "Vietnam"}]))
    # Our sentence, in the shape of a Korean broadcaster's lead.
    story = "문 대통령은 오늘 주석궁에서 쩐 다이 꽝 베트남 국가주석과 정상회담을 가졌습니다."
    assert [m.slug for m in find_people(story, registry, "ko")] == ["tran-dai-quang"]
    # His given name alone is a syllable Korean prose is full of: no short form in Hangul.
    assert find_people("양국은 상호 협력을 강화하기로 했다. 꽝 주석", registry, "ko") == []


def test_a_new_name_of_no_known_country_gets_no_hangul_spelling():
    # A guess, and one more spelling to compile into the registry's pattern on every new name.
    (new,) = known_people([{"name": "Trần Văn Nam", "country": ""}])
    assert not any(hangul.is_hangul(alias) for alias in new.aliases)
    assert any("\u0400" <= ch <= "\u04ff" for alias in new.aliases for ch in alias)  # Russian
