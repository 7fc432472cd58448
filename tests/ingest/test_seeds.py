"""The five real captures in ../shared/seeds, compared with their own text at test time.

Expectations about the story are read from the seed itself (its paragraphs, its Source
line, its captions), so no seed text lives in the repo.
"""

import unicodedata
from datetime import UTC, date, datetime

import pytest

from archive.ingest.metadata import TITLE_MAX_CHARS

pytestmark = pytest.mark.seeds

IN_2025 = datetime(2025, 6, 18, 12, 0, tzinfo=UTC)
WIRE_END = "/."


def without_symbols(line: str) -> str:
    """The line with pictographic symbols (category So) removed, as cleaning must do."""
    return "".join(ch for ch in line if unicodedata.category(ch) != "So")


def paragraphs_of(article) -> list[str]:
    return [block["text"] for block in article.blocks]


def source_line_index(lines: list[str], label: str) -> int:
    (index,) = [i for i, line in enumerate(lines) if line.startswith(f"{label}: http")]
    return index


# --- 000: VNA wire story -------------------------------------------------------------------


def wire_story_lines(lines: list[str]) -> tuple[list[str], list[str]]:
    """(story lines through the "/." line, teaser lines after it) of seed 000."""
    (end,) = [i for i, line in enumerate(lines) if line.endswith(WIRE_END)]
    return lines[: end + 1], lines[end + 1 :]


def test_000_keeps_every_story_paragraph_and_drops_the_teasers(extract_seed, seed_lines):
    lines = seed_lines("000")
    story, teasers = wire_story_lines(lines)
    article = extract_seed("000", IN_2025)
    body = paragraphs_of(article)

    expected = [
        without_symbols(line).removesuffix(WIRE_END)
        for line in story[1:]  # the first line is the headline
        if "(Photo:" not in line
    ]
    assert teasers, "the seed should have teasers after the wire end marker"
    for paragraph in expected:
        assert paragraph in body
    assert len(body) == len(set(expected))  # the repeated standfirst is kept once
    assert body[-1] == expected[-1]
    assert body[0] == next(p for p in expected if "(VNA)" in p)  # the dateline lead first
    for teaser in teasers:
        assert teaser not in article.body
    for words in ("Block 15-2", "Sugi Ryotaro", "Hoang Van Cuong", "Israel or Iran"):
        assert words not in article.body
    assert "♐" not in article.body and WIRE_END not in article.body


def test_000_metadata(extract_seed, seed_lines):
    article = extract_seed("000", IN_2025)
    assert article.title == seed_lines("000")[0] and not article.title_derived
    assert article.published_on == date(2025, 4, 3)
    assert article.year_inferred and article.review_reasons == ["year_inferred"]
    assert article.outlet.slug == "vna" and article.original_outlet is None
    assert article.place == "Hanoi"
    assert article.captions == [line for line in seed_lines("000") if "(Photo:" in line]
    assert article.language == "en"


def test_000_year_depends_on_when_it_was_captured(extract_seed):
    assert extract_seed("000", datetime(2025, 2, 1, tzinfo=UTC)).published_on == date(2024, 4, 3)
    file_time_article = extract_seed("000")  # captured_at: the file's modification time
    assert file_time_article.year_inferred and file_time_article.published_on is not None


# --- 001: VNS story without headline ----------------------------------------------------------


def test_001_metadata(extract_seed, seed_lines):
    article = extract_seed("001")
    assert article.published_on == date(2025, 4, 3) and not article.year_inferred
    assert article.title_derived and "no_headline" in article.review_reasons
    assert "no_date" not in article.review_reasons
    assert article.outlet.slug == "vns"
    assert article.credit == "VNA/VNS"
    assert article.place == "HÀ NỘI"
    assert article.language == "en"
    assert "VNA/VNS" not in article.body
    assert not article.body.startswith("date")


def test_001_derived_title_is_the_start_of_the_lead(extract_seed):
    article = extract_seed("001")
    lead = paragraphs_of(article)[0]
    assert lead.startswith(article.place)
    assert len(article.title) <= TITLE_MAX_CHARS
    assert lead.removeprefix(article.place).lstrip(" —").startswith(article.title.rstrip("…"))


def test_001_keeps_the_stories_paragraphs(extract_seed, seed_lines):
    article = extract_seed("001")
    lines = seed_lines("001")
    assert paragraphs_of(article)[1:-1] == lines[1:-1]
    assert lines[-1].startswith(paragraphs_of(article)[-1])


# --- 002 and 004: the aggregator, in English and Norwegian -------------------------------------


AGGREGATOR = {
    # seed: (Source label, comment counter, original outlet slug, caption mark)
    "002": ("Source", "Comment (0)", "dang-cong-san", " - Photo: "),
    "004": ("Kilde", "Kommentar (0)", "vietnamplus", "(Foto: "),
}


@pytest.mark.parametrize("number", sorted(AGGREGATOR))
def test_aggregator_story_ends_with_its_last_paragraph(number, extract_seed, seed_lines):
    label, counter, _, _ = AGGREGATOR[number]
    lines = seed_lines(number)
    source = source_line_index(lines, label)
    last_story_paragraph = [line for line in lines[:source] if len(line.split()) > 20][-1]
    article = extract_seed(number)
    assert paragraphs_of(article)[-1] == last_story_paragraph
    chrome = lines[source + 1 :]
    assert counter in chrome
    body = paragraphs_of(article)
    for line in chrome:
        assert line not in body
        if len(line.split()) >= 3:
            assert line not in article.body
    for furniture in (counter, "No data", "Same category", "I samme kategori",
                      "I samme emne", "Av samme forfatter", "Same author", ".jpg"):  # fmt: skip
        assert furniture not in article.body


@pytest.mark.parametrize("number", sorted(AGGREGATOR))
def test_aggregator_metadata(number, extract_seed, seed_lines):
    label, _, original, caption_mark = AGGREGATOR[number]
    lines = seed_lines(number)
    article = extract_seed(number)
    assert article.source_url == lines[source_line_index(lines, label)].split(": ", 1)[1]
    assert article.outlet.slug == "vietnam-vn" and article.outlet.name == "Vietnam.vn"
    assert article.original_outlet is not None and article.original_outlet.slug == original
    assert article.published_on == date(2025, 11, 25) and not article.year_inferred
    assert article.title == lines[1] and not article.title_derived
    assert article.title != lines[0] and "Vietnam.vn" not in article.title
    assert lines[0] not in article.body
    assert article.captions == [line for line in lines if caption_mark in line]
    for caption in article.captions:
        assert caption not in article.body
    assert article.review_reasons == []


def test_002_has_subheadings_and_a_place(extract_seed, seed_lines):
    article = extract_seed("002")
    headings = [block for block in article.blocks if block["kind"] == "h"]
    assert headings
    lines = seed_lines("002")
    for heading in headings:
        assert heading["text"] in lines
        assert not heading["text"].endswith((".", "!", "?", ":"))
    for before, after in zip(article.blocks, article.blocks[1:], strict=False):
        if before["kind"] == "h":
            assert after["kind"] == "p"
    assert article.place == "Quang Ninh"
    assert article.credit is None
    assert article.language == "en"


def test_004_language_and_credit(extract_seed, seed_lines):
    article = extract_seed("004")
    assert article.language == "no"
    credit_line = "(" + article.credit + ")" if article.credit else None
    assert article.credit == "TTXVN/Vietnam+" and credit_line in seed_lines("004")
    assert credit_line not in article.body


# --- 003: VNS story without headline or date ----------------------------------------------------


def test_003_has_no_date_and_a_derived_title(extract_seed, seed_lines):
    article = extract_seed("003", IN_2025)
    assert article.published_on is None and not article.year_inferred
    assert "no_date" in article.review_reasons and "no_headline" in article.review_reasons
    assert article.title_derived and len(article.title) <= TITLE_MAX_CHARS
    assert not article.title.startswith(article.place or "HÀ NỘI")
    assert article.outlet.slug == "vns"
    assert article.credit == "VNA/VNS"
    assert article.language == "en"
    assert paragraphs_of(article)[0] == seed_lines("003")[0]
