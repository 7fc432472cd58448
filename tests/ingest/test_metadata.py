# the test data is typographic on purpose: en dashes, curly quotes

import pytest

from archive.ingest.metadata import (
    TITLE_MAX_CHARS,
    dateline_place,
    derive_title,
    detect_language,
    first_sentence,
    place_in_lead,
    story_place,
    strip_dateline,
)


def test_strip_dateline():
    assert strip_dateline("HÀ NỘI — Việt Nam said.") == "Việt Nam said."
    assert strip_dateline("Hanoi (VNA) – Vietnam said.") == "Vietnam said."
    assert strip_dateline("Vietnam said.") == "Vietnam said."


def test_first_sentence_skips_abbreviations():
    text = "The U.S. envoy met Dr. Smith in Hà Nội. Then he left."
    assert first_sentence(text) == "The U.S. envoy met Dr. Smith in Hà Nội."


def test_first_sentence_of_a_single_sentence():
    assert first_sentence("No full stop here") == "No full stop here"


def test_derived_title_is_the_lead_without_dateline_and_short():
    lead = (
        "HÀ NỘI — Việt Nam places great importance on and considers Japan one of its leading "
        "strategic partners, a senior official said on Tuesday. He also spoke of trade."
    )
    title = derive_title(lead)
    assert len(title) <= TITLE_MAX_CHARS
    assert title.startswith("Việt Nam places great importance")
    assert "HÀ NỘI" not in title
    assert "He also spoke" not in title
    assert title.endswith("…")


def test_a_short_lead_sentence_is_the_whole_title():
    assert derive_title("Hanoi (VNA) – Leaders met. More text follows.") == "Leaders met"


def test_dateline_place():
    assert dateline_place("Hanoi (VNA) – Vietnam consistently") == "Hanoi"
    assert dateline_place("HÀ NỘI — Việt Nam") == "HÀ NỘI"
    assert dateline_place("Vietnam consistently considers Japan") is None
    # An agency's credit opens a story like a dateline, but places nothing.
    assert dateline_place("VGP – Prime Minister Pham Minh Chinh held talks") is None
    assert dateline_place("AFP – The two leaders met") is None
    assert dateline_place("HUE – The two leaders met") == "HUE"
    assert dateline_place("HANOI, April 27, 2025 (VNA) – The two leaders met") == "HANOI"
    assert dateline_place("Tokyo, Japan (Kyodo) – The two leaders met") == "Tokyo"


@pytest.mark.parametrize(
    ("lead", "place"),
    [
        ("On the morning of November 25, in Quang Ninh , Prime Minister attended", "Quang Ninh"),
        ("Leaders met in Hanoi on April 3.", "Hanoi"),
        ("The airport in Bac Ninh province will open.", "Bac Ninh"),
        ("In Da Nang, officials said", "Da Nang"),
        ("Hội nghị tại Hà Nội, ngày 3/4", "Hà Nội"),
        # An abbreviation the place's name starts with: the map's spelling, whole.
        ("Ngày 7-3, tại TP. Hồ Chí Minh, Thứ trưởng tiếp", "TP. Hồ Chí Minh"),
        # The place of a topic is passed over for the event's.
        (
            "They agreed on the situation in Ukraine. The talks were held in Phnom Penh, the "
            "capital.",
            "Phnom Penh",
        ),
    ],
)
def test_place_in_lead(lead, place):
    assert place_in_lead(lead) == place


@pytest.mark.parametrize(
    "lead",
    [
        "In April, the two sides met.",
        "In his message, the minister said.",
        "He believes in the Forum.",  # "in the" is not a capitalised name
        "deltok i Vietnam-Japan Local Cooperation Forum i Quang Ninh med temaet",
        "The leaders discussed the situation in Ukraine.",
        "He welcomed Japanese investment in Vietnam.",
    ],
)
def test_no_place_in_lead(lead):
    assert place_in_lead(lead) is None


def test_story_place_prefers_the_dateline():
    assert story_place(["Hanoi (VNA) – Talks held in Da Nang, officials said."]) == "Hanoi"
    assert story_place(["A standfirst.", "Talks were held in Da Nang, officials said."]) == (
        "Da Nang"
    )
    assert story_place([]) is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "The two foreign ministers met in the capital on Tuesday and agreed to deepen "
            "cooperation in trade, energy and education.",
            "en",
        ),
        (
            "Statsministeren oppfordret japanske lokaliteter og bedrifter til å fortsette å "
            "stole på og støtte Vietnam i utviklingsprosessen, og til å kontinuerlig bidra.",
            "no",
        ),
        (
            "Thủ tướng Chính phủ đã dự diễn đàn hợp tác địa phương Việt Nam - Nhật Bản lần "
            "thứ nhất tại tỉnh Quảng Ninh vào sáng nay.",
            "vi",
        ),
    ],
)
def test_detect_language(text, language):
    assert detect_language(text) == language
