"""How the cost of one capture grows with its length, where a long capture could stall a batch.

The pipeline caps a story at MAX_STORY_WORDS, so no capture reaches the steps below with more
than that; these tests say whether a step would stay linear without the cap.
"""

import time

from archive.ingest import people
from archive.ingest.people import find_people
from archive.ingest.pipeline import MAX_STORY_WORDS
from archive.person_records import registry_from_db
from tests.conftest import SAMPLES_DIR


def seconds(function, *args) -> float:
    started = time.perf_counter()
    function(*args)
    return time.perf_counter() - started


def story_of(copies: int) -> str:
    paragraph = (SAMPLES_DIR / "s09_vietnamvn_en_ishiba_visit_hanoi.txt").read_text()
    return "\n\n".join([paragraph] * copies)


class CountingSpans(list):
    """The known spans of a story, counting how many spans are visited by loops over them."""

    visits = 0

    def __iter__(self):
        CountingSpans.visits += len(self)
        return super().__iter__()


def spans_visited(text: str, registry, monkeypatch) -> int:
    """Spans visited while finding the people of ``text``: a count, not a timing, so the
    test is deterministic on a busy machine."""
    known_spans = people._known_spans
    monkeypatch.setattr(people, "_known_spans", lambda *a: CountingSpans(known_spans(*a)))
    CountingSpans.visits = 0
    find_people(text, registry, "en")
    return CountingSpans.visits


def test_finding_people_grows_linearly_with_the_text(db, monkeypatch):
    registry = registry_from_db()
    short = spans_visited(story_of(40), registry, monkeypatch)
    long = spans_visited(story_of(320), registry, monkeypatch)  # 8 times the text
    assert long < 16 * short, f"8x the text visited {long / short:.0f}x the spans"


def test_the_story_cap_keeps_people_finding_short(db):
    registry = registry_from_db()
    words_per_copy = len(story_of(1).split())
    capped = story_of(MAX_STORY_WORDS // words_per_copy)
    assert seconds(find_people, capped, registry, "en") < 10  # about 0.3 s here; shared machine
