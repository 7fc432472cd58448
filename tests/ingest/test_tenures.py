"""The era of a story's officials: when they held their offices together (``tenures``)."""

from dataclasses import replace
from datetime import date

from archive.ingest import grouping
from archive.ingest.event_day import written_weekday
from archive.ingest.people import Registry, known_people
from archive.ingest.registry import STARTER_REGISTRY
from archive.ingest.tenures import FORMER_GRACE, TERMS, era_of, latest_in_era, within


def test_every_term_is_of_an_official_the_registry_knows():
    registry = Registry(known_people(STARTER_REGISTRY))
    assert [slug for slug in TERMS if not registry.knows(slug)] == []
    for spans in TERMS.values():
        assert all(end is None or start < end for start, end in spans)


def test_two_leaders_date_a_story_to_the_years_they_were_in_office_together():
    eras = era_of(["nguyen-tan-dung", "abe-shinzo"])
    # Abe's two terms, both with Dũng in office.
    assert eras == (
        (date(2006, 9, 26), date(2007, 9, 26) + FORMER_GRACE),
        (date(2012, 12, 26), date(2016, 4, 7) + FORMER_GRACE),
    )
    assert within(date(2013, 1, 16), eras)
    assert not within(date(2010, 1, 16), eras)
    assert not within(date(2017, 1, 16), eras)


def test_no_era_without_a_term_or_without_a_time_in_office_together():
    assert era_of([]) == ()
    assert era_of(["umeda-kunio"]) == ()  # an ambassador: no term kept
    assert era_of(["abe-shinzo", "ishiba-shigeru"]) == ()  # never in office together
    assert era_of(["to-lam", "takaichi-sanae"]) == ((date(2025, 10, 21), None),)


def _talks(**changes) -> grouping.Evidence:
    evidence = grouping.evidence_of(
        title="Leaders meet in Hanoi",
        body="Prime Minister Nguyen Tan Dung met Prime Minister Shinzo Abe in Hanoi.",
        published_on=None,
        year_inferred=False,
        language="en",
        people=["nguyen-tan-dung", "abe-shinzo"],
        place="hanoi",
    )
    return replace(evidence, **{"principals": frozenset(evidence.people), **changes})


def test_an_undated_story_cannot_be_a_meeting_outside_its_officials_era():
    undated = _talks()
    in_era = _talks(published_on=date(2013, 1, 16), occurred_on=date(2013, 1, 16))
    out_of_era = _talks(published_on=date(2017, 1, 16), occurred_on=date(2017, 1, 16))
    guessed = replace(out_of_era, year_inferred=True)
    assert not grouping.contradicts(undated, in_era)
    assert grouping.contradicts(undated, out_of_era)
    assert grouping.contradicts(out_of_era, undated)  # either way round
    assert not grouping.contradicts(undated, guessed)  # a guessed year is no evidence


def test_a_former_leader_among_three_officials_does_not_date_the_story():
    # A state funeral's story names the late prime minister beside the two in office.
    funeral = _talks(principals=frozenset({"abe-shinzo", "kishida-fumio", "nguyen-xuan-phuc"}))
    talks_2022 = _talks(published_on=date(2022, 9, 26), occurred_on=date(2022, 9, 26))
    talks_2010 = _talks(published_on=date(2010, 9, 26), occurred_on=date(2010, 9, 26))
    assert not grouping.contradicts(funeral, talks_2022)
    assert grouping.contradicts(funeral, talks_2010)  # no two of them in office then


def test_a_day_without_its_year_is_placed_in_the_officials_terms():
    eras = era_of(["vuong-dinh-hue", "kishida-fumio"])  # together from 2021 until 2024
    assert latest_in_era(date(2026, 9, 6), eras) == date(2023, 9, 6)
    assert latest_in_era(date(2022, 9, 6), eras) == date(2022, 9, 6)  # already within
    assert latest_in_era(date(2021, 3, 1), eras) is None  # before they held office together
    assert latest_in_era(date(2026, 9, 6), ()) is None
    leap = era_of(["nguyen-xuan-phuc"])  # 2016 until 2023
    assert latest_in_era(date(2028, 2, 29), leap) == date(2020, 2, 29)


def test_an_undated_call_is_not_one_given_another_weekday():
    # Written for this test: two calls of the same two prime ministers, years apart.
    undated = replace(
        _talks(),
        weekday=written_weekday(
            ["Le Premier ministre Nguyen Tan Dung a eu jeudi un entretien avec Shinzo Abe."], "fr"
        ),
    )
    friday = _talks(published_on=date(2015, 2, 13), occurred_on=date(2015, 2, 13))
    thursday = _talks(published_on=date(2013, 8, 1), occurred_on=date(2013, 8, 1))
    assert undated.weekday == 3  # Thursday
    assert grouping.contradicts(undated, friday) and grouping.contradicts(friday, undated)
    assert not grouping.contradicts(undated, thursday)
    assert not grouping.contradicts(undated, replace(friday, year_inferred=True))  # a guess
    # Dated since (by an editor): its own day counts, not the weekday read while it had none.
    assert not grouping.contradicts(replace(undated, occurred_on=date(2015, 2, 13)), friday)


def _call(published_on: date | None) -> grouping.Evidence:
    return grouping.evidence_of(
        title="Phone talks",
        body="Prime Minister Nguyen Tan Dung held phone talks with Shinzo Abe on Thursday.",
        published_on=published_on,
        year_inferred=False,
        language="en",
    )


def _read(stored: dict) -> grouping.Evidence:
    return grouping.evidence_from_fingerprint(
        stored, published_on=None, year_inferred=False, language="en"
    )


def test_an_undated_lead_gives_its_weekday_to_the_fingerprint():
    evidence = _call(None)
    stored = grouping.fingerprint(evidence)
    assert evidence.weekday == 3 and stored["weekday"] == 3 and _read(stored).weekday == 3
    del stored["weekday"]  # stored before weekdays were read: none
    assert _read(stored).weekday is None
    assert _call(date(2013, 8, 1)).weekday is None  # a dated story has its day


def test_a_guessed_year_falls_in_a_neighbour_leader_s_term():
    # "16 May" without a year, naming Thailand's prime minister of 2024-25 and Vietnam's: the
    # talks were in 2025, not in the May before the archive's import.
    eras = era_of(["pham-minh-chinh", "paetongtarn-shinawatra"])
    assert latest_in_era(date(2026, 5, 16), eras) == date(2025, 5, 16)
    assert latest_in_era(date(2026, 5, 16), era_of(["srettha-thavisin"])) == date(2024, 5, 16)
