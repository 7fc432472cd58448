"""One spelling map for places (archive.ingest.spellings)."""

import pytest

from archive.ingest.spellings import (
    canonical_place,
    place_key,
    places_in,
    variant_spans,
    with_canonical_places,
)


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Vietnam", "Vietnam"),
        ("Viet Nam", "Vietnam"),
        ("Việt Nam", "Vietnam"),
        ("VIỆT NAM", "Vietnam"),
        ("ベトナム", "Vietnam"),
        ("Hà Nội", "Hanoi"),
        ("HÀ NỘI", "Hanoi"),
        ("Ha Noi", "Hanoi"),
        ("HCM City", "Ho Chi Minh City"),
        ("Thành phố Hồ Chí Minh", "Ho Chi Minh City"),
        ("東京", "Tokyo"),
        ("Хиросиме", "Hiroshima"),  # Russian declines a city's name: "в Хиросиме"
        ("부산", "Busan"),
        ("慶州", "Gyeongju"),
        ("Bắc Kinh", "Beijing"),
        ("Malacañang Palace", "Manila"),  # a landmark names its city
        ("峴港", "Da Nang"),  # traditional characters: the map writes 岘港
        ("河內", "Hanoi"),
    ],
)
def test_canonical_place(written, canonical):
    assert canonical_place(written) == canonical
    assert place_key(written) == place_key(canonical)


def test_unknown_places_keep_their_folded_spelling():
    assert canonical_place("Bac Ninh") is None
    assert place_key("Bắc Ninh") == place_key("Bac Ninh") == "bacninh"


def test_variants_are_found_word_aligned_longest_first():
    text = "Việt Nam-Japan talks in Hà Nội; not Namibia or Vietnamese."
    found = [(text[start:end], name) for start, end, name in variant_spans(text)]
    assert found == [("Việt Nam", "Vietnam"), ("Japan", "Japan"), ("Hà Nội", "Hanoi")]


def test_text_with_canonical_places():
    assert (
        with_canonical_places("HCM City and Ho Chi Minh City, Việt Nam; ホーチミン市")
        == "Ho Chi Minh City and Ho Chi Minh City, Vietnam; Ho Chi Minh City"
    )


def test_places_in_gives_what_variant_spans_gives_in_order():
    text = "HÀ NỘI — Việt Nam and Japan met; TP.HCM next, then Tokio and Đà Nẵng."
    slow = list(dict.fromkeys(name for _start, _end, name in variant_spans(text)))
    assert places_in(text) == slow == [
        "Hanoi", "Vietnam", "Japan", "Ho Chi Minh City", "Tokyo", "Da Nang",
    ]  # fmt: skip
    assert places_in("Vietnamese firms in Namibia") == []
    # Spellings in other scripts are found too, after the Latin ones.
    assert places_in("東京で Hanoi") == ["Hanoi", "Tokyo"]


def test_a_place_key_does_not_count_spaces_and_dashes_between_syllables():
    assert place_key("Tô-ki-ô") == place_key("Tokio") == place_key("Tokyo")
    assert place_key("Hà Nội") == place_key("Hanoi")
    assert place_key("Ulaanbaatar") == "ulaanbaatar"  # unknown: folded as written


@pytest.mark.parametrize(
    ("lead", "city"),
    [
        ("Это первая встреча лидеров, прошедшая в Хиросиме на полях саммита.", "hiroshima"),
        ("이재명 대통령은 30일 부산에서 이시바 총리와 회담했다.", "busan"),
        ("李在明大統領は30日、慶州で高市首相と会談した。", "gyeongju"),
    ],
)
def test_a_meeting_abroad_is_placed_in_any_language(lead, city):
    from archive.ingest.evidence import evidence_of

    evidence = evidence_of(
        title="", body=lead, published_on=None, year_inferred=False, language="xx"
    )
    assert evidence.place == city


def test_a_place_in_traditional_characters_is_found_where_it_stands():
    # Written by us, in the form of a Taiwanese wire's lead: Da Nang in traditional characters
    # (the map holds the simplified 岘港), Tokyo named further on.
    lead = "首相正在越南峴港訪問,並提議在東京召開會談"
    assert places_in(lead) == ["Vietnam", "Da Nang", "Tokyo"]
    assert [(lead[start:end], name) for start, end, name in variant_spans(lead)] == [
        ("越南", "Vietnam"),
        ("峴港", "Da Nang"),
        ("東京", "Tokyo"),
    ]
