"""Scoring what the archive made of the development set against the cases' facts. Pure Python.

``Outcome`` is what the archive stored for one case (or why it rejected it); ``score`` compares
the outcomes with the cases and returns the figures the report prints.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations

from bench.fidelity.cases import Case


@dataclass(frozen=True)
class Outcome:
    case_id: str
    rejected: str | None = None  # the importer's reason, when it made no article
    event_id: int | None = None
    event_date: date | None = None
    published_on: date | None = None
    flags: tuple[str, ...] = ()
    outlet: str = ""
    outlet_domain: str = ""
    outlet_other_domains: tuple[str, ...] = ()
    original_outlet: str = ""
    people: tuple[str, ...] = ()


@dataclass
class Figures:
    pages: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)
    pairs_true: int = 0
    pairs_found: int = 0
    pairs_right: int = 0
    pairs_proposed_right: int = 0  # same meeting, two events an editor is asked to merge
    pairs_proposed_wrong: int = 0  # two meetings, proposed all the same
    officials_expected: int = 0
    officials_found: int = 0
    dates_right: int = 0
    dates_flagged: int = 0
    dates_wrong: int = 0
    dates_missing: int = 0
    dates_unknowable: int = 0
    event_dates_right: int = 0
    event_dates_total: int = 0
    outlets_named: int = 0
    outlets_right: int = 0
    misses: list[str] = field(default_factory=list)  # one line per miss, for the developer

    @property
    def precision(self) -> float:
        return self.pairs_right / self.pairs_found if self.pairs_found else 1.0

    @property
    def recall(self) -> float:
        return self.pairs_right / self.pairs_true if self.pairs_true else 1.0

    @property
    def officials_recall(self) -> float:
        return self.officials_found / self.officials_expected if self.officials_expected else 1.0


def person_key(slug: str) -> frozenset[str]:
    """A person's name words, in any order: ``abe-shinzo`` and ``shinzo-abe`` are one person."""
    return frozenset(part for part in slug.split("-") if part and not part.isdigit())


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum())


def outlet_right(case: Case, outcome: Outcome) -> bool:
    """The outlet is the page's own: one of its web domains (or a part of one), or its name."""
    domain = case.domain.removeprefix("www.")
    for stored in (outcome.outlet_domain, *outcome.outlet_other_domains):
        stored = stored.removeprefix("www.")
        if domain and stored and (domain == stored or domain.endswith("." + stored)):
            return True
    return bool(outcome.outlet) and _fold(outcome.outlet) == _fold(case.outlet)


def outlet_named(outcome: Outcome) -> bool:
    return bool(outcome.outlet) and outcome.outlet != "Unknown outlet"


def score(
    cases: list[Case],
    outcomes: dict[str, Outcome],
    proposals: frozenset[frozenset[int]] = frozenset(),
) -> Figures:
    """``proposals``: pairs of event ids the importer proposed to merge (the review queue)."""
    figures = Figures(pages=len(cases))
    stored = [case for case in cases if outcomes[case.id].rejected is None]
    for case in cases:
        outcome = outcomes[case.id]
        if outcome.rejected is not None:
            figures.rejected.append((case.id, outcome.rejected))
            figures.misses.append(f"{case.id} rejected: {outcome.rejected}")
    _score_pairs(stored, outcomes, figures, proposals)
    for case in stored:
        outcome = outcomes[case.id]
        _score_officials(case, outcome, figures)
        _score_date(case, outcome, figures)
        _score_outlet(case, outcome, figures)
    return figures


def _score_pairs(
    stored: list[Case],
    outcomes: dict[str, Outcome],
    figures: Figures,
    proposals: frozenset[frozenset[int]],
) -> None:
    for a, b in combinations(stored, 2):
        same_meeting = a.meeting == b.meeting
        events = frozenset({outcomes[a.id].event_id, outcomes[b.id].event_id})
        same_event = len(events) == 1
        if events in proposals:
            figures.pairs_proposed_right += same_meeting
            figures.pairs_proposed_wrong += not same_meeting
        figures.pairs_true += same_meeting
        figures.pairs_found += same_event
        figures.pairs_right += same_meeting and same_event
        if same_meeting and not same_event:
            figures.misses.append(f"apart, same meeting {a.meeting}: {a.id} {b.id}")
        elif same_event and not same_meeting:
            figures.misses.append(f"joined, {a.meeting} / {b.meeting}: {a.id} {b.id}")


def _score_officials(case: Case, outcome: Outcome, figures: Figures) -> None:
    found = {person_key(slug) for slug in outcome.people}
    for official in case.officials:
        figures.officials_expected += 1
        if person_key(official) in found:
            figures.officials_found += 1
        else:
            figures.misses.append(f"{case.id} official missed: {official} (found {outcome.people})")


def _score_date(case: Case, outcome: Outcome, figures: Figures) -> None:
    flagged = bool(
        {"year_inferred", "no_date", "date_disputed", "date_from_text"} & set(outcome.flags)
    )
    if case.published_on is None:
        figures.dates_unknowable += 1
    elif outcome.published_on == case.published_on:
        figures.dates_right += 1
    elif outcome.published_on is None:
        figures.dates_missing += 1
        figures.misses.append(f"{case.id} date missing: {case.published_on}")
    elif flagged:
        figures.dates_flagged += 1
        figures.misses.append(
            f"{case.id} date flagged: {outcome.published_on} for {case.published_on}"
        )
    else:
        figures.dates_wrong += 1
        figures.misses.append(
            f"{case.id} DATE WRONG: {outcome.published_on} for {case.published_on}"
        )
    if case.meeting_date is not None:
        figures.event_dates_total += 1
        if outcome.event_date == case.meeting_date:
            figures.event_dates_right += 1


def _score_outlet(case: Case, outcome: Outcome, figures: Figures) -> None:
    figures.outlets_named += outlet_named(outcome)
    if outlet_right(case, outcome):
        figures.outlets_right += 1
    else:
        figures.misses.append(
            f"{case.id} outlet: {outcome.outlet!r} ({outcome.outlet_domain}) for {case.outlet!r}"
        )
