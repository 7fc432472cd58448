"""Deciding whether two articles tell the same real-world event.

The archive keeps every version of a story (the wire copy, a paper's rewrite, an aggregator's
translation) under one ``Event``. Three signals decide it, each checked on both articles alike so
the answer never depends on which one is ``a``:

1. Near-duplicate text: the shorter text is mostly contained in the longer one (a copy with
   other spelling, a trimmed rewrite), and the dates are within a few days of each other.
2. Same day, same names: a translation shares almost no text with its original, but it keeps
   the people, places and figures; on the same day that is enough.
3. The same meeting: the headlines and leads name the same two officials (any spelling or
   script, through the people registry), in the same place, on the meeting's day; without
   dates, the day of the month, or the place and the text. Where only a date is missing, or
   less, the answer is "uncertain" (``Match.uncertain``): the importer joins a story to the one
   event it fits or proposes a merge to an editor (``archive.events``).

Everything else is a different event: the same officials meeting again weeks later, or the
stops of one trip on consecutive days, which share names but not text or a day.

A date printed without a year ("on April 3") gets its year from the capture time, a guess: an old
page captured today may be years older. Such a date is compared by month and day, in any year.
Across years, though, the two versions must also name an official in common: a meeting
is between officials, and without it every year-less story would be compared with the stories of
its days in every year of the archive, a cost that grows with the archive.

Pure Python, no Django: ``evidence.evidence_of`` turns one article into an ``Evidence`` once,
when it is imported, and ``match`` compares two of them in microseconds, so a new article can be
checked against every article of its week.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from archive.ingest.evidence import (
    FINGERPRINT_VERSION,
    LEAD_CHARS,
    Evidence,
    containment,
    dates_compatible,
    day_gap,
    days_between,
    evidence_from_fingerprint,
    evidence_of,
    fingerprint,
    resemblance,
    shared_names,
    years_apart,
)
from archive.ingest.spellings import same_place
from archive.ingest.tenures import era_of, within

# The evidence's names are part of this module's interface: callers build and compare evidence
# through ``grouping`` alone.
__all__ = [
    "FINGERPRINT_VERSION",
    "LEAD_CHARS",
    "Evidence",
    "Match",
    "Thresholds",
    "another_meeting_of_the_day",
    "contradicts",
    "could_match",
    "could_match_named",
    "dates_compatible",
    "day_gap",
    "evidence_from_fingerprint",
    "evidence_of",
    "fingerprint",
    "match",
    "principals_of",
    "resemblance",
    "shared_names",
    "years_apart",
]


@dataclass(frozen=True)
class Thresholds:
    """Where the matching rules draw their lines; the defaults are measured on real captures."""

    # Versions of one story appear within a day or two; a wire copy picked up over a weekend
    # may lag three days. Wider windows start to join a leader's repeated meetings.
    window_days: int = 3
    # Share of the shorter text's sampled shingles found in the longer one. Copies of one
    # story measure 0.8-1.0, whatever the spelling ("Việt Nam", "Hà Nội") or page junk;
    # independent write-ups of one event 0.2-0.45; different events of the same beat, sharing
    # stock phrases ("Comprehensive Strategic Partnership"), stay under 0.3 (a phone call
    # following up a visit: 0.25).
    near_duplicate: float = 0.6
    # Share of the smaller article's names and figures found in the other one. Versions of
    # one event, translations included, measure 0.7-1.0; different events featuring the same
    # people stay under 0.62 (a phone call following up a visit: 0.61; a year review that
    # mentions the day's forum: 0.53).
    same_day_names: float = 0.65
    # The same, when the two leads name two officials each but not the same two (the guest
    # with the prime minister, then with the party chief): one story only if more names are
    # shared than two meetings of one visit share (0.67). Versions whose lead was misread share
    # more: 0.73 (a mayor's title not seen in Vietnamese), 0.82 (a forum's two write-ups).
    other_pair_names: float = 0.7
    # A leader, his guest and the capital are what any two stories of one visit share; two
    # more shared items (another official, a figure, a project) make it the same story.
    min_shared_names: int = 5


@dataclass(frozen=True)
class Match:
    same_event: bool
    score: float  # the measure that decided: text resemblance, or names overlap for rule 2
    reason: str
    # Not the same event for sure, but nothing tells them apart: the same officials in the same
    # place, a date unknown. An import joins such a story only to the one event it fits; where it
    # fits several, an editor decides (a merge proposed in the review queue).
    uncertain: bool = False
    likely: bool = False  # uncertain, but only a date is missing: see `_same_meeting`
    # Uncertain: the same day and place, and one of them is the day's round-up (its lead names
    # three officials or more, the other's two among them). The importer joins such a story to
    # the one event of the day it fits (`archive.events`).
    round_up: bool = False
    by_names: bool = False  # the same event by rule 2 alone (the same day, the same names)


def match(a: Evidence, b: Evidence, thresholds: Thresholds = Thresholds()) -> Match:
    """Whether ``a`` and ``b`` tell the same real-world event, how strongly, and why.

    Symmetric: every measure used treats the two articles alike.
    """
    if years_apart(a, b, thresholds.window_days) and not a.people & b.people:
        return Match(False, 0.0, "a year is guessed, the years differ and no official is shared")
    text_score = resemblance(a, b)
    gap = day_gap(a, b)
    when = _describe_gap(gap)
    if text_score >= thresholds.near_duplicate:
        if dates_compatible(a, b, thresholds.window_days):
            return Match(True, text_score, f"near-duplicate text ({text_score:.2f}), {when}")
        return Match(False, text_score, f"near-duplicate text ({text_score:.2f}) but {when}")
    meeting, level = _same_meeting(a, b, text_score)
    if level == SURE:
        return Match(True, text_score, meeting)
    if gap == 0 and not _days_written_apart(a, b):
        shared, overlap = shared_names(a, b)
        enough = (
            thresholds.other_pair_names
            if another_meeting_of_the_day(a, b)
            else thresholds.same_day_names
        )
        if overlap >= enough and shared >= thresholds.min_shared_names:
            reason = f"same day, {shared} shared names/numbers ({overlap:.2f})"
            return Match(True, overlap, reason, by_names=True)
        if not meeting:
            return Match(
                False, overlap, f"same day but only {shared} shared names/numbers ({overlap:.2f})"
            )
    if meeting:
        return Match(
            False,
            text_score,
            meeting,
            uncertain=True,
            likely=level == LIKELY,
            round_up=level == ROUND_UP,
        )
    return Match(False, text_score, f"different text ({text_score:.2f}), {when}")


# Without a date, two stories of the same officials in one place must also share this much text
# (names are not enough: every story of a trip names the same leaders and places).
UNDATED_RESEMBLANCE = 0.3


def principals_of(evidence: Evidence) -> frozenset[str]:
    """The officials the headline and lead name; all the article's officials if unknown."""
    return evidence.principals or evidence.people


def meeting_gap(a: Evidence, b: Evidence) -> int | None:
    """Days between the two meetings (each on its day, else its publication day); None if
    either is unknown. A guessed year compares by month and day, as ``day_gap`` does."""
    return days_between(
        a.occurred_on or a.published_on,
        b.occurred_on or b.published_on,
        a.year_inferred or b.year_inferred,
    )


def contradicts(a: Evidence, b: Evidence) -> bool:
    """Whether the two stories cannot be taken for one meeting on their officials alone: both
    give its place and the places differ, or both its day of the month and the days differ, or
    one is undated and the weekday its lead gives is not the other's day's, or its officials
    were not in office together on the other's day, or, undated, they were captured weeks
    apart."""
    if a.place and b.place and not same_place(a.place, b.place):
        return True
    if a.day is not None and b.day is not None and a.day != b.day:
        return True
    if _another_weekday(a, b) or _another_weekday(b, a):
        return True
    if _out_of_era(a, b) or _out_of_era(b, a):
        return True
    # Undated pages captured weeks apart: a crawler finds a story within days of its
    # publication, so these are more likely two meetings than one.
    return (
        a.occurred_on is None
        and b.occurred_on is None
        and a.captured_on is not None
        and b.captured_on is not None
        and abs((a.captured_on - b.captured_on).days) > CAPTURE_SPREAD_DAYS
    )


def _another_weekday(undated: Evidence, dated: Evidence) -> bool:
    """An undated story whose lead gives its meeting a weekday ("jeudi") other than that of the
    other story's confirmed day: two calls of the same leaders, in different years."""
    return (
        undated.weekday is not None
        and undated.occurred_on is None
        and dated.occurred_on is not None
        and not dated.year_inferred
        and dated.occurred_on.weekday() != undated.weekday
    )


def _out_of_era(undated: Evidence, dated: Evidence) -> bool:
    """An undated story whose officials held their offices together only in another era than
    the other story's confirmed day (``tenures``)."""
    if undated.occurred_on is not None or dated.occurred_on is None or dated.year_inferred:
        return False
    principals = principals_of(undated)
    # Of three or more, one may be named as a former holder (a state funeral names the late
    # prime minister): the day must be out of the era of every two of them.
    groups = [principals] if len(principals) < 3 else [principals - {p} for p in principals]
    for group in groups:
        eras = era_of(group)
        if not eras or within(dated.occurred_on, eras):
            return False
    return True


# Pages of one meeting captured further apart than this are not taken for one without a date.
CAPTURE_SPREAD_DAYS = 7


def shared_principals(a: Evidence, b: Evidence) -> frozenset[str]:
    """The officials the two stories have in common as the meeting's own.

    Officials both headlines and leads name; or, when one lead names only one of them (a wire
    that names the host first and the guest further down), every official each lead names is
    named somewhere in the other story, and those are shared. Two leads that each name two
    officials, but not the same two, tell two meetings (the host with two guests)."""
    pa, pb = principals_of(a), principals_of(b)
    both = pa & pb
    if len(both) >= 2:
        return both
    if min(len(pa), len(pb)) == 1 and pa <= b.people and pb <= a.people:
        return (pa | pb) & a.people & b.people
    return both


# How sure `_same_meeting` is. LIKELY: nothing but a date is missing (the same two officials
# of both leads, the same place); ROUND_UP: the same day, one of them the day's round-up;
# POSSIBLE: less than that (a place, or a lead's second official, missing too; or the same
# day of another year).
SURE, LIKELY, ROUND_UP, POSSIBLE = "sure", "likely", "round-up", "possible"


def _same_meeting(a: Evidence, b: Evidence, text_score: float) -> tuple[str | None, str]:
    """Why ``a`` and ``b`` may tell one meeting in any language, and how sure that is.

    A meeting is between officials: two stories whose headlines and leads name the same two
    (any spelling, any script: the people registry), in the same place (any spelling), on the
    same day are one meeting. A day apart is allowed only when a story does not write the day
    (a meeting on the 7th reported on the 8th); two days that both stories write are two
    meetings (the stops of one trip). Without dates, the day of the month ("本28日") still
    tells meetings apart; without any, the same place and alike text make it sure, the same
    place alone likely (``Match.uncertain``). When one lead names only one of the officials
    (`shared_principals`), only the same day makes it sure. A round-up of the day (one lead
    names three officials or more, the other's two among them) is uncertain on the same day:
    the importer joins it to the one meeting of that day it fits (``Match.round_up``).
    """
    shared = shared_principals(a, b)
    if len(shared) < 2:
        return None, ""
    # A trip's round-up, naming the visitor and all the hosts, is no one meeting's story.
    round_up = _summary_and_meeting(a, b)
    both_leads = _same_leads(a, b) and not round_up
    gap = meeting_gap(a, b)
    officials = f"{len(shared)} officials in common"
    if a.place and b.place and not same_place(a.place, b.place):
        # Two cities: two meetings, unless both write the same day for the same two officials
        # (a city is misread far more often than the same two meet twice a day apart).
        if gap == 0 and a.day_written and b.day_written and both_leads:
            return f"{officials}, same day written, two cities read", POSSIBLE
        return None, ""
    if gap is None:
        if a.day is not None and b.day is not None:
            if a.day != b.day:
                return None, ""
            return f"{officials}, same day of the month", SURE if both_leads else POSSIBLE
        if not (a.place and b.place):  # nothing but the officials to go on
            return f"{officials}, a date and a place unknown", POSSIBLE
        if not both_leads:
            return f"{officials}, same place, a date unknown", POSSIBLE
        if text_score >= UNDATED_RESEMBLANCE:
            return f"{officials}, same place, alike text, a date unknown", SURE
        return f"{officials}, same place, a date unknown", LIKELY
    if gap == 0 and (a.year_inferred or b.year_inferred) and a.occurred_on != b.occurred_on:
        # The same month and day, a year guessed: both leads must name the same two officials
        # (January 16 of two visits had two hosts). An article that would join events of two
        # years this way joins neither (`events.assign_event`).
        reason = f"{officials}, same day of the year (a year guessed)"
        return reason, SURE if both_leads else POSSIBLE
    if gap == 0:
        return f"{officials}, same day of the meeting", ROUND_UP if round_up else SURE
    if gap == 1 and not (a.day_written and b.day_written):
        # Leads naming three officials each tell a visit's days, not one meeting: a day
        # apart, they are two of its days (the talks, then the president's audience).
        reason = f"{officials}, a day apart, a day not written"
        one_meeting = both_leads and len(principals_of(a) | principals_of(b)) == 2
        return reason, SURE if one_meeting else POSSIBLE
    if gap == 1 and a.place == b.place and a.place in ACROSS_TIME_ZONES:
        # An afternoon in San Francisco is the next morning in Hanoi and Tokyo: a story from
        # Asia dates the meeting a day later than one from its city.
        reason = f"{officials}, a day apart across time zones"
        return reason, SURE if both_leads else POSSIBLE
    return None, ""


def _same_leads(a: Evidence, b: Evidence) -> bool:
    """Whether both leads name the meeting's officials alike: two in common, and one lead's
    all among the other's. Leads of three officials each sharing two tell two meetings of
    those two with others (the guest and the prime minister with a minister, then with the
    emperor), not one."""
    pa, pb = principals_of(a), principals_of(b)
    return len(pa & pb) >= 2 and (pa <= pb or pb <= pa)


def _days_written_apart(a: Evidence, b: Evidence) -> bool:
    """Whether both stories write their meeting's day and the days differ: published the same
    day, they tell two days of one trip (the talks, then the next day's meeting)."""
    return a.day_written and b.day_written and meeting_gap(a, b) not in (0, None)


# Cities (place keys) half a day or more behind Vietnam and Japan, where the leaders meet at
# APEC, the UN and G20 summits.
ACROSS_TIME_ZONES = frozenset({
    "sanfrancisco", "losangeles", "seattle", "honolulu", "lima", "santiago", "newyork",
    "washington", "ottawa", "vancouver", "mexicocity", "buenosaires", "riodejaneiro", "saopaulo",
})  # fmt: skip


def another_meeting_of_the_day(a: Evidence, b: Evidence) -> bool:
    """Whether both leads name two officials, not the same two, on the same day: two meetings
    of one visit's day (the guest with the prime minister, then with the assembly's chair)."""
    pa, pb = principals_of(a), principals_of(b)
    return len(pa) == 2 and len(pb) == 2 and pa != pb and meeting_gap(a, b) == 0


def _summary_and_meeting(a: Evidence, b: Evidence) -> bool:
    """Whether one lead names three officials or more and the other two: a visit's round-up
    (the visitor and every host) beside the story of one of its meetings."""
    sizes = sorted((len(principals_of(a)), len(principals_of(b))))
    return sizes[0] == 2 and sizes[1] >= 3


def could_match(
    a: Evidence,
    shingles: frozenset[int],
    published_on: date | None,
    thresholds: Thresholds = Thresholds(),
    people: frozenset[str] | None = None,
) -> bool:
    """Whether ``match(a, b)`` may say "same event", from ``b``'s shingles and date alone: false
    means it cannot (true means nothing yet). An import compares each capture with ~190
    candidates and nearly all of them are other events; this lets it skip building their
    evidence and the rest of ``match``.

    ``match`` says "same event" only for near-duplicate text, or on the same day (``day_gap``
    0, which needs both dates, with the same month and day whether a year is guessed or not).
    """
    named = None if people is None else (len(people), len(principals_of(a) & people))
    return could_match_named(a, shingles, published_on, thresholds, named)


def could_match_named(
    a: Evidence,
    shingles: frozenset[int],
    published_on: date | None,
    thresholds: Thresholds,
    named: tuple[int, int] | None,
) -> bool:
    """``could_match``, knowing of ``b``'s officials only how many it names and how many of
    them are ``a``'s principals (``named``, None if unknown): what the database counts without
    sending every candidate's officials (archive.event_candidates). The cheap tests come
    first; the text's overlap is measured only when they leave it open."""
    if (
        a.published_on is not None
        and published_on is not None
        and a.published_on.month == published_on.month
        and a.published_on.day == published_on.day
    ):
        return True
    if named is None or _may_share_principals(a, *named):
        return True  # the same officials may make it one meeting (`_same_meeting`)
    return containment(a.shingles, shingles) >= thresholds.near_duplicate


def _may_share_principals(a: Evidence, officials: int, principals_named: int) -> bool:
    """Whether `shared_principals(a, b)` may reach two, knowing only that `b` names
    `officials` officials, `principals_named` of them among `a`'s principals: both of its ways
    need two of `a`'s principals among them, or all of them."""
    return officials >= 2 and (principals_named >= 2 or principals_named == len(principals_of(a)))


def _describe_gap(gap: int | None) -> str:
    if gap is None:
        return "a date is unknown"
    if gap == 0:
        return "same day"
    return f"dates {gap} day{'s' if gap != 1 else ''} apart"
