"""One office whatever the language or spelling of its title (archive.ingest.offices)."""

import pytest

from archive.ingest.offices import office_key, office_title


@pytest.mark.parametrize(
    ("written", "recorded"),
    [
        ("Statsminister", "Prime Minister"),
        ("Thủ tướng", "Prime Minister"),
        ("Premier ministre", "Prime Minister"),
        ("prime minister", "Prime Minister"),
        ("General Secretary", "Party General Secretary"),
        ("generalsekretær", "Party General Secretary"),
        ("Tổng Bí thư", "Party General Secretary"),
        ("utenriksminister", "Minister of Foreign Affairs"),
        ("Minister for Foreign Affairs", "Minister of Foreign Affairs"),
        ("Ambassador to Việt Nam", "Ambassador to Vietnam"),
        ("ambassador to Viet Nam", "Ambassador to Vietnam"),
        ("Ambassador Extraordinary and Plenipotentiary of Japan to Vietnam",
         "Ambassador of Japan to Vietnam"),
        ("Provincial Party Secretary", "Provincial Party Secretary"),
    ],
)  # fmt: skip
def test_office_title(written, recorded):
    assert office_title(written) == recorded


def test_word_order_and_dashes_do_not_split_an_office():
    assert office_key(
        "Special Advisor to the Japan–Việt Nam Parliamentary Friendship Alliance"
    ) == office_key("Special Advisor to the Japan-Vietnam Friendship Parliamentary Alliance")


def test_different_offices_stay_apart():
    assert office_key("Prime Minister") != office_key("Deputy Prime Minister")
    assert office_key("Ambassador to Vietnam") != office_key("Ambassador to Japan")
