"""Tests for ``archive.ingest.grouping``: do two articles tell the same real-world event?

Three kinds of input:
- the real seed captures (tests/conftest.py), cleaned by ``extract``; their text is never copied
  into the repo;
- invented captures in captures/grouping/ (fictional officials and events) for the cases the
  seeds lack: a second meeting weeks later, the days of one trip, a near copy, same-day stories;
- hand-built ``Evidence`` values that put a pair exactly on either side of each threshold.
"""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import UTC, date, datetime, timedelta
from functools import cache
from itertools import combinations
from pathlib import Path

import pytest

from archive.ingest.evidence import MIN_SHINGLES, _compact_text
from archive.ingest.grouping import (
    FINGERPRINT_VERSION,
    Evidence,
    Match,
    Thresholds,
    could_match,
    dates_compatible,
    day_gap,
    evidence_from_fingerprint,
    evidence_of,
    fingerprint,
    match,
    resemblance,
    shared_names,
    years_apart,
)
from archive.ingest.spellings import place_key, same_place
from archive.ingest.text import fold

CAPTURES_DIR = Path(__file__).resolve().parent / "captures" / "grouping"
DEFAULTS = Thresholds()


def both_ways(a: Evidence, b: Evidence, thresholds: Thresholds = DEFAULTS) -> Match:
    """``match(a, b)``, after checking that ``match(b, a)`` says exactly the same."""
    forward, backward = match(a, b, thresholds), match(b, a, thresholds)
    assert forward == backward, f"asymmetric: {forward} vs {backward}"
    return forward


# --- Invented captures ---------------------------------------------------------------------


@cache
def read_fixture(name: str) -> dict:
    """A capture of captures/grouping/: its header fields and its body."""
    head, body = (CAPTURES_DIR / f"{name}.txt").read_text(encoding="utf-8").split("\n\n", 1)
    fields = dict(line.split(": ", 1) for line in head.splitlines())
    return {
        "title": fields["title"],
        "body": body,
        "published_on": date.fromisoformat(fields["date"]),
        "language": fields["language"],
    }


def fixture(name: str, **changes) -> Evidence:
    """Evidence of an invented capture; ``changes`` override its date, year_inferred, people."""
    values = {**read_fixture(name), "year_inferred": False, **changes}
    return evidence_of(**values)


TRIP = ("trip_day1_arrival", "trip_day2_talks", "trip_day3_osaka")
ALL_FIXTURES = (
    "meeting_first",
    "meeting_again",
    *TRIP,
    "copy_wire",
    "copy_rewrite",
    "port_outlet_a",
    "port_outlet_b",
    "festival_same_day",
)


def test_fixtures_are_long_enough_to_be_articles():
    for name in ALL_FIXTURES:
        assert len(read_fixture(name)["body"].split()) >= 150, name


def test_same_officials_meeting_again_forty_days_later_is_another_event():
    first, again = fixture("meeting_first"), fixture("meeting_again")
    # The trap is real: both name the minister, the ambassador and the city.
    assert shared_names(first, again)[0] >= 3
    result = both_ways(first, again)
    assert not result.same_event
    assert "dates 40 days apart" in result.reason


def test_three_days_of_one_trip_are_three_events():
    days = [fixture(name) for name in TRIP]
    for a, b in combinations(days, 2):
        # Each pair names the same Prime Minister, host and foreign minister...
        assert shared_names(a, b)[0] >= 3
        # ...but neither copies the other's text nor is of the same day.
        assert resemblance(a, b) < DEFAULTS.near_duplicate
        result = both_ways(a, b)
        assert not result.same_event, result.reason


def test_trip_days_stay_apart_when_their_years_are_guessed():
    days = [fixture(name, year_inferred=True) for name in TRIP]
    for a, b in combinations(days, 2):
        assert not both_ways(a, b).same_event


def test_near_copy_with_diacritics_and_rewording_is_one_event():
    wire, rewrite = fixture("copy_wire"), fixture("copy_rewrite")
    result = both_ways(wire, rewrite)
    assert result.same_event
    assert result.reason.startswith("near-duplicate text")
    assert result.score >= 0.8


def test_near_copy_with_an_unknown_date_is_one_event():
    wire, rewrite = fixture("copy_wire", published_on=None), fixture("copy_rewrite")
    result = both_ways(wire, rewrite)
    assert result.same_event
    assert "a date is unknown" in result.reason


def test_independent_reports_of_the_same_day_join_on_shared_names():
    a, b = fixture("port_outlet_a"), fixture("port_outlet_b")
    # Written separately: the text is no copy...
    assert resemblance(a, b) < DEFAULTS.near_duplicate
    result = both_ways(a, b)
    assert result.same_event
    assert result.reason.startswith("same day,")


def test_another_story_of_the_same_day_with_the_same_ambassador_stays_apart():
    festival = fixture("festival_same_day")
    for port in ("port_outlet_a", "port_outlet_b"):
        result = both_ways(festival, fixture(port))
        assert not result.same_event
        assert result.reason.startswith("same day but only")


def test_shared_names_need_both_dates():
    a, b = fixture("port_outlet_a", published_on=None), fixture("port_outlet_b")
    assert not both_ways(a, b).same_event


def test_every_fixture_pair_is_symmetric_under_any_thresholds():
    evidence = [fixture(name) for name in ALL_FIXTURES]
    loose = Thresholds(
        window_days=400, near_duplicate=0.01, same_day_names=0.01, min_shared_names=1
    )
    strict = Thresholds(window_days=0, near_duplicate=1.0, same_day_names=1.0, min_shared_names=50)
    for a, b in combinations(evidence, 2):
        for thresholds in (DEFAULTS, loose, strict):
            both_ways(a, b, thresholds)


def test_could_match_never_rules_out_a_match():
    """`could_match` is a necessary condition: wherever `match` says "same event", it says it
    could. Over every fixture pair, with dates moved (a day, a year, a guessed year, none) and
    under loose, default and strict thresholds; and it does rule out most pairs."""
    loose = Thresholds(
        window_days=400, near_duplicate=0.01, same_day_names=0.01, min_shared_names=1
    )
    strict = Thresholds(window_days=0, near_duplicate=1.0, same_day_names=1.0, min_shared_names=50)
    base = [fixture(name) for name in ALL_FIXTURES]
    moved = []
    for evidence in base:
        day = evidence.published_on
        moved += [
            evidence,
            dataclasses.replace(evidence, published_on=day + timedelta(days=1)),
            dataclasses.replace(evidence, published_on=day.replace(year=day.year - 1)),
            dataclasses.replace(
                evidence, published_on=day.replace(year=day.year + 2), year_inferred=True
            ),
            dataclasses.replace(evidence, published_on=None),
        ]
    matches = ruled_out = 0
    for a, b in combinations(moved, 2):
        for thresholds in (DEFAULTS, loose, strict):
            same = match(a, b, thresholds).same_event
            for x, y in ((a, b), (b, a)):
                possible = could_match(x, y.shingles, y.published_on, thresholds, y.people)
                assert possible or not same, (x.published_on, y.published_on, thresholds)
                ruled_out += not possible
            matches += same
    assert matches > 100 and ruled_out > 1000  # both sides of the condition are exercised


def test_could_match_needs_near_copies_or_the_same_day_of_the_year():
    copy, rewrite = fixture("copy_wire"), fixture("copy_rewrite")
    far = dataclasses.replace(rewrite, published_on=copy.published_on + timedelta(days=40))
    assert could_match(copy, far.shingles, far.published_on)  # near-duplicate text
    other = fixture("festival_same_day")
    assert not could_match(
        copy, other.shingles, copy.published_on + timedelta(days=1), people=other.people
    )
    # Two officials in common may make it one meeting in any words: it could match.
    two = frozenset({"pham-minh-chinh", "ishiba-shigeru"})
    led = dataclasses.replace(copy, principals=two)
    assert could_match(led, other.shingles, copy.published_on + timedelta(days=1), people=two)
    assert could_match(copy, other.shingles, copy.published_on)  # names may decide
    a_year_later = copy.published_on.replace(year=copy.published_on.year + 1)
    assert could_match(copy, other.shingles, a_year_later)  # a year may be guessed
    assert not could_match(copy, other.shingles, None, people=other.people)


# --- Thresholds, each on both sides --------------------------------------------------------


def test_near_duplicate_threshold_on_the_copy_pair():
    wire, rewrite = fixture("copy_wire"), fixture("copy_rewrite")
    score = resemblance(wire, rewrite)
    assert both_ways(wire, rewrite, Thresholds(near_duplicate=score)).same_event
    # One day apart, so only the near-duplicate rule can join them.
    assert not both_ways(wire, rewrite, Thresholds(near_duplicate=score + 0.01)).same_event


def test_near_duplicate_default_between_59_and_60_shared_shingles_of_100():
    a = shingled(range(100), date(2025, 5, 1))
    just_below = shingled([*range(59), *range(1000, 1041)], date(2025, 5, 2))
    just_above = shingled([*range(60), *range(1000, 1040)], date(2025, 5, 2))
    assert DEFAULTS.near_duplicate == 0.6
    assert not both_ways(a, just_below).same_event
    assert both_ways(a, just_above).same_event


def test_very_short_texts_are_not_near_duplicates_of_each_other():
    a = shingled(range(10), date(2025, 5, 1))
    b = shingled(range(10), date(2025, 5, 2))
    assert resemblance(a, b) == pytest.approx(10 / MIN_SHINGLES)
    assert not both_ways(a, b).same_event


def test_window_days_on_both_sides():
    wire = fixture("copy_wire")
    sent = read_fixture("copy_wire")["published_on"]
    three_days_later = fixture("copy_rewrite", published_on=sent + timedelta(days=3))
    four_days_later = fixture("copy_rewrite", published_on=sent + timedelta(days=4))
    assert DEFAULTS.window_days == 3
    assert both_ways(wire, three_days_later).same_event
    result = both_ways(wire, four_days_later)
    assert not result.same_event
    assert result.reason.endswith("but dates 4 days apart")
    assert both_ways(wire, four_days_later, Thresholds(window_days=4)).same_event


def test_same_day_names_threshold_on_the_independent_reports():
    a, b = fixture("port_outlet_a"), fixture("port_outlet_b")
    shared, overlap = shared_names(a, b)
    assert both_ways(a, b, Thresholds(same_day_names=overlap)).same_event
    assert not both_ways(a, b, Thresholds(same_day_names=overlap + 0.01)).same_event
    assert both_ways(a, b, Thresholds(min_shared_names=shared)).same_event
    assert not both_ways(a, b, Thresholds(min_shared_names=shared + 1)).same_event


def test_same_day_names_default_between_five_and_six_of_eight():
    day = date(2025, 11, 25)
    a = named(["a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8"], day)
    five_of_eight = named(["a1", "a2", "a3", "a4", "a5", "b6", "b7", "b8"], day)  # 0.625
    six_of_eight = named(["a1", "a2", "a3", "a4", "a5", "a6", "b7", "b8"], day)  # 0.75
    assert DEFAULTS.same_day_names == 0.65
    assert not both_ways(a, five_of_eight).same_event
    assert both_ways(a, six_of_eight).same_event


def test_leads_naming_two_other_pairs_need_nearly_every_name_shared():
    # The guest with the prime minister, then with the party chief, the same day: two meetings
    # a paper writes with the same cast. Names alone make them one only when nearly all agree.
    day = date(2024, 10, 12)
    names = ["a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10"]
    talks = dataclasses.replace(named(names, day), principals=frozenset({"guest", "premier"}))
    audience = dataclasses.replace(
        named([*names[:7], "b8", "b9", "b10"], day), principals=frozenset({"guest", "party-chief"})
    )  # 7 of 10 names
    assert DEFAULTS.other_pair_names == 0.7
    fewer = dataclasses.replace(audience, names=audience.names - {"a7"})  # 6 of 9: 0.67
    assert not both_ways(talks, fewer).same_event
    assert both_ways(talks, audience).same_event
    assert both_ways(talks, dataclasses.replace(fewer, principals=talks.principals)).same_event


def test_min_shared_names_default_between_four_and_five():
    day = date(2025, 11, 25)
    assert DEFAULTS.min_shared_names == 5
    four = ["n1", "n2", "n3", "n4"]
    assert not both_ways(named(four, day), named(four, day)).same_event  # overlap 1.0
    five = [*four, "n5"]
    assert both_ways(named(five, day), named(five, day)).same_event


def test_people_slugs_count_as_names_and_only_once():
    day = date(2025, 11, 25)
    slugs = ["pham-minh-chinh", "le-hoai-trung", "to-lam", "ito-naoki", "takebe-tsutomu"]
    a = dataclasses.replace(named([], day), people=frozenset(slugs))
    b = dataclasses.replace(named([], day), people=frozenset(slugs))
    assert both_ways(a, b).same_event
    # The slug and the name read in the text are one item, not two.
    c = dataclasses.replace(named(["phamminhchinh"], day), people=frozenset(["pham-minh-chinh"]))
    assert shared_names(c, c) == (1, 1.0)


def shingled(hashes, day: date | None) -> Evidence:
    return Evidence(day, False, "en", frozenset(hashes), frozenset(), frozenset(), frozenset())


def named(names, day: date | None) -> Evidence:
    return Evidence(day, False, "en", frozenset(), frozenset(names), frozenset(), frozenset())


# --- Dates ---------------------------------------------------------------------------------


def dated(day: date | None, year_inferred: bool = False) -> Evidence:
    return dataclasses.replace(named([], day), year_inferred=year_inferred)


def test_exact_dates_compare_by_days():
    a = dated(date(2025, 4, 3))
    assert dates_compatible(a, dated(date(2025, 4, 6)), 3)
    assert not dates_compatible(a, dated(date(2025, 4, 7)), 3)
    assert not dates_compatible(a, dated(date(2026, 4, 3)), 3)


def test_an_inferred_year_compares_by_month_and_day_only():
    guessed = dated(date(2026, 4, 3), year_inferred=True)
    assert day_gap(guessed, dated(date(2025, 4, 3))) == 0
    assert day_gap(guessed, dated(date(2025, 4, 5))) == 2
    # Across the new year: December 31 and January 2 are two days apart.
    assert day_gap(dated(date(2025, 12, 31), year_inferred=True), dated(date(2025, 1, 2))) == 2
    assert day_gap(dated(date(2024, 2, 29), year_inferred=True), dated(date(2025, 3, 1))) == 1


def test_guessed_years_are_apart_only_beyond_the_window_as_stored():
    guessed = dated(date(2026, 4, 3), year_inferred=True)
    assert years_apart(guessed, dated(date(2025, 4, 3)), 3)
    assert not years_apart(guessed, dated(date(2026, 4, 5)), 3)
    # Around the new year the stored dates are a day apart: the same days, not other years.
    new_year = dated(date(2025, 12, 31), year_inferred=True)
    assert not years_apart(new_year, dated(date(2026, 1, 1)), 3)
    assert years_apart(new_year, dated(date(2025, 1, 1)), 3)
    # Stated years (or a missing date) are never "apart" this way.
    assert not years_apart(dated(date(2025, 4, 3)), dated(date(2026, 4, 3)), 3)
    assert not years_apart(guessed, dated(None), 3)
    for a, b in [(guessed, dated(date(2025, 4, 3))), (new_year, dated(date(2026, 1, 1)))]:
        assert years_apart(a, b, 3) == years_apart(b, a, 3)


def test_a_missing_date_contradicts_nothing():
    assert dates_compatible(dated(None), dated(date(2025, 4, 3)), 0)
    assert dates_compatible(dated(date(2025, 4, 3)), dated(None), 0)
    assert day_gap(dated(None), dated(None)) is None


def test_date_comparison_is_symmetric():
    values = [
        dated(None),
        dated(date(2025, 4, 3)),
        dated(date(2026, 4, 4), year_inferred=True),
        dated(date(2025, 12, 31), year_inferred=True),
        dated(date(2026, 1, 1)),
    ]
    for a, b in combinations(values, 2):
        assert day_gap(a, b) == day_gap(b, a)
        for days in (0, 1, 3):
            assert dates_compatible(a, b, days) == dates_compatible(b, a, days)


# --- What evidence_of reads ----------------------------------------------------------------


def plain(title: str, body: str, **changes) -> Evidence:
    values = {"published_on": None, "year_inferred": False, "language": "en", **changes}
    return evidence_of(title=title, body=body, **values)


def test_shingles_ignore_diacritics_spaces_and_punctuation():
    with_marks = plain("Tô Lâm in Hà Nội", "Việt Nam and Japan met in Đà Nẵng; “Tô Lâm” said so.")
    without = plain("To Lam in Hanoi", "Vietnam and Japan met in Da Nang: 'To Lam' said so!")
    assert with_marks.shingles == without.shingles
    assert with_marks.shingles


def test_fast_folding_agrees_with_fold():
    texts = [read_fixture(name)["body"] for name in ALL_FIXTURES]
    texts.append("Tromsø, Đà Nẵng, Ærøskøbing, Straße, Œuvre, Łódź ½ ² \u210d")
    for text in texts:
        expected = "".join(re.findall(r"[^\W_]+", fold(text))).encode()
        assert _compact_text(text) == (expected, True)


def test_text_in_another_script_still_gets_shingles():
    text = "日本とベトナムの首脳は東京で会談し、包括的戦略的パートナーシップの強化で一致した。"
    compact, latin = _compact_text(text)
    assert not latin
    assert compact.decode() == "".join(re.findall(r"[^\W_]+", fold(text)))
    assert plain("", text).shingles == plain("", text + "。").shingles != frozenset()


def test_names_are_folded_and_stripped_of_titles():
    evidence = plain(
        "Prime Minister Phạm Minh Chính receives Ambassador Ito Naoki",
        "HÀ NỘI — Party General Secretary Tô Lâm met the Japan-Vietnam Friendship "
        "Parliamentary Alliance in Quảng Ninh. Statsminister Pham Minh Chinh talte. "
        "He said the Vietnam-Japan Local Cooperation Forum would be held in Tokyo.",
    )
    assert {"phamminhchinh", "itonaoki", "hanoi", "tolam", "quangninh", "tokyo"} <= evidence.names
    assert "localcooperation" in evidence.names
    assert not {"vietnam", "japan", "he", "statsminister", "ambassador"} & evidence.names


def test_capitalised_words_that_only_open_a_sentence_are_not_names():
    evidence = plain(
        "",
        "Political trust grew. Festival-goers came. «Arbeid! Arbeid!» sa han. "
        "Regarding the plan, Takaichi agreed with Osaka. USD and GDP rose; so did ODA.",
    )
    assert evidence.names == {"takaichi", "osaka"}


def test_numbers_are_normalised_and_trivial_ones_dropped():
    evidence = plain(
        "",
        "More than 1,300 years; 1.300 år; 1300 years. Trade rose 20% and 85,36 % voted, "
        "or 85.36%. The two sides signed 6 documents and 10 deals, and 11 firms came. "
        "On 25 November 2025, 194 countries and 2045.",
        published_on=date(2025, 11, 25),
    )
    assert evidence.numbers == {"1300", "20", "85.36", "11", "194", "2045"}


def test_thousands_grouped_by_spaces_are_one_number():
    # Norwegian and French group thousands with (no-break) spaces; cleaning made them plain.
    evidence = plain(
        "", "Rundt 345 000 vietnamesere bor i Japan, and in 2025 100 delegates came.",
        published_on=date(2025, 11, 25),
    )  # fmt: skip
    assert evidence.numbers == {"345000", "100"}  # the article's own year is dropped


def test_an_inferred_year_is_kept_as_a_number():
    evidence = plain("", "It happened in 2025.", published_on=date(2025, 4, 3), year_inferred=True)
    assert "2025" in evidence.numbers


# --- Fingerprints --------------------------------------------------------------------------


def test_fingerprint_round_trips_through_json():
    original = fixture("port_outlet_b", people=["vu-thanh-lam", "mori-haruto"])
    stored = json.loads(json.dumps(fingerprint(original)))
    restored = evidence_from_fingerprint(
        stored,
        published_on=original.published_on,
        year_inferred=original.year_inferred,
        language=original.language,
        people=["vu-thanh-lam", "mori-haruto"],
    )
    assert restored == original
    assert stored["version"] == FINGERPRINT_VERSION
    sets = ("shingles", "names", "numbers", "principals")
    assert all(isinstance(stored[key], list) for key in sets)


def test_a_fingerprint_of_another_version_is_refused():
    stored = {**fingerprint(fixture("copy_wire")), "version": FINGERPRINT_VERSION + 1}
    with pytest.raises(ValueError, match="version"):
        evidence_from_fingerprint(stored, published_on=None, year_inferred=False, language="en")


# --- The real seeds ------------------------------------------------------------------------

# A capture time after every seed, so years inferred from it are the same on every run.
CAPTURED_LATE_2025 = datetime(2025, 12, 1, tzinfo=UTC)
SEED_NUMBERS = ("000", "001", "002", "003", "004")


@pytest.fixture(scope="module")
def seeds(seeds_dir) -> dict:
    """The seeds cleaned by ``extract``, by number."""
    try:
        from archive.ingest import Capture, extract, read_captures
    except ImportError as error:
        pytest.skip(f"the cleaning pipeline archive.ingest.extract is not available: {error}")
    articles = {}
    for item in read_captures([seeds_dir]):
        assert isinstance(item, Capture), item
        capture = dataclasses.replace(item, captured_at=CAPTURED_LATE_2025)
        articles[Path(item.path).name[:3]] = extract(capture)
    assert set(articles) == set(SEED_NUMBERS)
    return articles


@pytest.fixture(scope="module")
def seed_evidence(seeds) -> dict[str, Evidence]:
    return {number: evidence_from(article) for number, article in seeds.items()}


def evidence_from(article, **changes) -> Evidence:
    values = {
        "title": article.title,
        "body": article.body,
        "published_on": article.published_on,
        "year_inferred": article.year_inferred,
        "language": article.language,
        **changes,
    }
    return evidence_of(**values)


def seed_match(seed_evidence, a: str, b: str) -> Match:
    first, second = seed_evidence[a], seed_evidence[b]
    dates = f"{a}: {first.published_on} inferred={first.year_inferred}; {b}: {second.published_on}"
    result = both_ways(first, second)
    return dataclasses.replace(result, reason=f"{result.reason} [{dates}]")


@pytest.mark.seeds
def test_seed_wire_story_and_its_paper_version_are_one_event(seed_evidence):
    result = seed_match(seed_evidence, "000", "001")
    assert result.same_event, result.reason
    assert result.reason.startswith("near-duplicate text")


@pytest.mark.seeds
def test_seed_norwegian_version_joins_the_english_report_of_the_forum(seed_evidence):
    result = seed_match(seed_evidence, "002", "004")
    assert result.same_event, result.reason
    assert result.reason.startswith("same day,")


@pytest.mark.seeds
def test_seed_undated_other_meeting_matches_none_of_the_others(seed_evidence):
    for other in ("000", "001", "002", "004"):
        result = seed_match(seed_evidence, "003", other)
        assert not result.same_event, result.reason


@pytest.mark.seeds
def test_seed_ambassador_reception_and_forum_are_different_events(seed_evidence):
    for reception in ("000", "001"):
        for forum in ("002", "004"):
            result = seed_match(seed_evidence, reception, forum)
            assert not result.same_event, result.reason


@pytest.mark.seeds
def test_seed_matching_is_symmetric_in_every_pair(seed_evidence):
    for a, b in combinations(SEED_NUMBERS, 2):
        both_ways(seed_evidence[a], seed_evidence[b])


@pytest.mark.seeds
def test_seed_fast_folding_agrees_with_fold(seed_paths):
    for path in seed_paths.values():
        text = path.read_text(encoding="utf-8")
        expected = "".join(re.findall(r"[^\W_]+", fold(text))).encode()
        assert _compact_text(text) == (expected, True), path.name


@pytest.mark.seeds
def test_seed_wrongly_inferred_year_still_matches_by_month_and_day(seeds):
    # Both name To Lam (the importer links him: tests/test_people_registry.py).
    paper = evidence_from(
        seeds["001"], published_on=date(2025, 4, 3), year_inferred=False, people=["to-lam"]
    )
    guessed = evidence_from(
        seeds["000"], published_on=date(2026, 4, 3), year_inferred=True, people=["to-lam"]
    )
    assert both_ways(guessed, paper).same_event
    # Across years an official in common is required, whatever the text shares.
    strangers = dataclasses.replace(guessed, people=frozenset({"ito-naoki"}))
    result = both_ways(strangers, paper)
    assert not result.same_event
    assert result.reason == "a year is guessed, the years differ and no official is shared"
    # In the year it was guessed, the same text needs no official.
    this_year = dataclasses.replace(guessed, published_on=date(2025, 4, 4), people=frozenset())
    assert both_ways(this_year, paper).same_event
    # Taken at its word, the wrong year would put the two a year apart.
    stated = dataclasses.replace(guessed, year_inferred=False)
    result = both_ways(stated, paper)
    assert not result.same_event
    assert result.reason.endswith("dates 365 days apart")


@pytest.mark.parametrize(
    ("lead", "place"),
    [
        ("Leaders meet\n\nTokyo is pushing ties with Southeast Asia; the talks in Hanoi", "hanoi"),
        ("首脳会談\n\n6日、首都ジャカルタで岸田首相はチン首相と会談した。", "jakarta"),
        ("外相会議\n\n1日、タイ・バンコクにおいて会議が行われ、ハノイの提案が出た。", "bangkok"),
        # A venue between the city and its particle; a city of an earlier meeting after it.
        ("会見\n\n23日、北京の人民大会堂で首相と会見した。6月に大阪で会談した。", "beijing"),
        # The country and region between 在 and the city; not the 在 of a name (李在明).
        ("會談\n\n首相於30日傍晚，在韓國東南部慶州與總統舉行會談。", "gyeongju"),
        ("会談\n\n李在明東京訪問の後、首相は慶州で会談した。", "gyeongju"),
        ("Talks\n\nHANOI (VNA) – The two leaders met after Kishida's stop in Jakarta.", "hanoi"),
        # A city abroad only named, or opening a dateline (the outlet's own), places nothing.
        ("Talks\n\nJAKARTA (Antara) – Vietnam and Japan's leaders met on Monday.", ""),
        ("Talks\n\nThe leaders, who will meet again in Tokyo, spoke of Jakarta.", "tokyo"),
    ],
)
def test_the_meeting_s_city_is_where_the_lead_says_something_happens(lead, place):
    title, body = lead.split("\n\n")
    evidence = evidence_of(
        title=title, body=body, published_on=None, year_inferred=False, language="en"
    )
    assert evidence.place == place


@pytest.mark.parametrize(
    ("dateline", "lead", "place"),
    [
        # A dateline abroad is where the outlet is: a city the lead locates the meeting in wins.
        ("SEOUL", "SEOUL – The leaders issued a statement after their summit in Tokyo.", "tokyo"),
        ("MANILA", "MANILA, Philippines — The president spoke of ties with Tokyo.", "manila"),
        # A dateline at home is the meeting's own, whatever stop abroad the lead recalls...
        ("Hanoi", "Hanoi (VNA) – The leaders met after the premier's stop in Jakarta.", "hanoi"),
        # ...but not where the lead says the meeting is another city at home: the wire files
        # from its capital.
        ("Hanoi", "Hanoi (VNA) – The premier received the delegation in Hoi An city.", "hoian"),
    ],
)
def test_the_story_s_dateline_places_the_meeting_unless_it_is_abroad(dateline, lead, place):
    evidence = evidence_of(
        title="Talks", body=lead, published_on=None, year_inferred=False, language="en",
        place=dateline,
    )  # fmt: skip
    assert evidence.place == place


@pytest.mark.parametrize(
    "lead",
    [
        "林外務大臣は、ベトナム外相などと11月16日から17日にかけて会談を実施した。",
        # "…" folds to three letters: the range after the date is still seen.
        "A stay in Tokyo… The deputy premier met the leaders in Tokyo on May 26-27 for a forum.",
    ],
)
def test_the_days_of_a_visit_give_an_undated_story_no_day(lead):
    evidence = evidence_of(
        title="…", body=lead, published_on=None, year_inferred=False, language="ja"
    )
    assert evidence.day is None


@pytest.mark.parametrize("place", ["Japan", "Asia", "Việt Nam"])
def test_a_country_or_region_places_no_meeting(place):
    evidence = evidence_of(
        title="Leaders meet",
        body="Prime Minister Pham Minh Chinh met Prime Minister Kishida Fumio.",
        published_on=None,
        year_inferred=False,
        language="en",
        place=place,
    )
    assert evidence.place == ""


def test_a_town_and_its_province_place_one_meeting():
    assert same_place(place_key("Hội An"), place_key("Quảng Nam"))
    assert same_place(place_key("Quang Nam"), place_key("Hoi An"))
    assert not same_place(place_key("Hoi An"), place_key("Hanoi"))
