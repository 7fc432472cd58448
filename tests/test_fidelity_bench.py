"""The fidelity benchmark's scoring (bench/fidelity/score.py): what its figures mean."""

from datetime import date

from bench.fidelity.cases import case_from_dict, load_cases
from bench.fidelity.score import Outcome, outlet_right, person_key, score


def case(id_, meeting, **facts):
    row = {
        "id": id_,
        "url": f"https://news.example.org/{id_}",
        "outlet": facts.pop("outlet", "Example News"),
        "domain": facts.pop("domain", "news.example.org"),
        "language": "en",
        "meeting": meeting,
        "published_on": facts.pop("published_on", None),
        "officials": facts.pop("officials", []),
    }
    return case_from_dict(row)


def test_pairs_precision_and_recall():
    cases = [case("a", "m1"), case("b", "m1"), case("c", "m1"), case("d", "m2")]
    outcomes = {
        "a": Outcome("a", event_id=1),
        "b": Outcome("b", event_id=1),
        "c": Outcome("c", event_id=2),
        "d": Outcome("d", event_id=2),
    }
    figures = score(cases, outcomes, proposals=frozenset({frozenset({1, 2})}))
    # Pairs of m1: ab (joined), ac, bc (apart); cd joined across meetings. Merging events 1
    # and 2, as proposed, would join ac and bc (right) but ad and bd too (wrong).
    assert (figures.pairs_true, figures.pairs_found, figures.pairs_right) == (3, 2, 1)
    assert (figures.pairs_proposed_right, figures.pairs_proposed_wrong) == (2, 2)
    assert any(m.startswith("joined, m1 / m2") for m in figures.misses)


def test_rejected_pages_are_left_out_of_pairs_and_listed():
    cases = [case("a", "m1"), case("b", "m1")]
    figures = score(cases, {"a": Outcome("a", rejected="too short"), "b": Outcome("b", event_id=1)})
    assert figures.rejected == [("a", "too short")]
    assert figures.pairs_true == 0


def test_dates_right_flagged_wrong_and_missing():
    cases = [
        case("a", "m", published_on="2025-04-03"),
        case("b", "m", published_on="2025-04-03"),
        case("c", "m", published_on="2025-04-03"),
        case("d", "m", published_on="2025-04-03"),
    ]
    outcomes = {
        "a": Outcome("a", event_id=1, published_on=date(2025, 4, 3)),
        "b": Outcome("b", event_id=1, published_on=date(2026, 4, 3), flags=("year_inferred",)),
        "c": Outcome("c", event_id=1, published_on=date(2025, 4, 4)),
        "d": Outcome("d", event_id=1),
    }
    figures = score(cases, outcomes)
    assert (figures.dates_right, figures.dates_flagged, figures.dates_wrong) == (1, 1, 1)
    assert figures.dates_missing == 1


def test_people_and_outlets_are_compared_as_the_same_thing_in_any_form():
    assert person_key("abe-shinzo") == person_key("shinzo-abe")
    assert person_key("abe-shinzo") != person_key("abe-akie")
    page = case("a", "m", domain="en.vietnamplus.vn", outlet="VietnamPlus")
    assert outlet_right(
        page, Outcome("a", outlet="VietnamPlus (English)", outlet_domain="vietnamplus.vn")
    )
    assert outlet_right(page, Outcome("a", outlet="VietnamPlus", outlet_domain=""))
    assert not outlet_right(page, Outcome("a", outlet="Unknown outlet", outlet_domain="vna.vn"))
    sggp = case("b", "m", domain="sggpnews.org.vn", outlet="SGGP")
    assert outlet_right(
        sggp,
        Outcome("b", outlet="Sài Gòn Giải Phóng", outlet_domain="sggp.org.vn",
                outlet_other_domains=("sggpnews.org.vn",)),
    )  # fmt: skip


def test_the_committed_cases_are_well_formed():
    cases = load_cases("all")
    assert len(cases) >= 60
    assert len({c.meeting for c in cases}) >= 15
    assert all(c.url.startswith(("http://", "https://")) for c in cases)
