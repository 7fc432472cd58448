"""The word diff of an event page stays linear in the versions' length.

difflib with autojunk off looks at every equal word of one side for each word of the other,
once per block it matches: cubic in a long paragraph of a small vocabulary. An event of 8 long
versions took 3.4 s to show the first time. The work is counted (difflib's inner steps), not
timed, so the test is deterministic on a busy machine.
"""

import difflib
import random

from archive.diffs import DEL, INS, word_diff
from tests.conftest import SAMPLES_DIR

VOCABULARY = [
    "cooperation",
    "partnership",
    "investment",
    "Vietnam",
    "Japan",
    "ministers",
    "agreed",
    "trade",
    "labour",
    "infrastructure",
    "science",
    "technology",
    "localities",
    "exchange",
    "growth",
    "energy",
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
]


def paragraphs(words: int, seed: int = 1) -> tuple[str, str]:
    """One long paragraph and a copy with three words in ten changed."""
    rng = random.Random(seed)
    a = [rng.choice(VOCABULARY) for _ in range(words)]
    b = [w if rng.random() > 0.3 else rng.choice(VOCABULARY) for w in a]
    return " ".join(a), " ".join(b)


def diff_steps(a: str, b: str, monkeypatch) -> int:
    """difflib's inner loop iterations (equal words looked at) while diffing `a` and `b`."""
    steps = 0
    find = difflib.SequenceMatcher.find_longest_match

    def counted(self, alo=0, ahi=None, blo=0, bhi=None):
        nonlocal steps
        ahi = len(self.a) if ahi is None else ahi
        steps += sum(len(self.b2j.get(word, ())) for word in self.a[alo:ahi]) + 1
        return find(self, alo, ahi, blo, bhi)

    monkeypatch.setattr(difflib.SequenceMatcher, "find_longest_match", counted)
    word_diff(a, b)
    monkeypatch.undo()
    return steps


def test_a_long_word_diff_costs_linear_work_and_marks_only_what_differs(monkeypatch):
    small = diff_steps(*paragraphs(1000), monkeypatch)
    large = diff_steps(*paragraphs(8000, seed=2), monkeypatch)
    assert large <= 12 * small, (small, large)  # 8 times the words
    assert large <= 400 * 8000  # a bounded number of steps per word
    # A long text of real words with three changed still has exactly those three marked.
    story = (SAMPLES_DIR / "s09_vietnamvn_en_ishiba_visit_hanoi.txt").read_text().split()
    long = (story * (3000 // len(story) + 1))[:3000]
    changed = list(long)
    for at in (10, 1500, 2990):
        changed[at] = "CHANGED"
    old, new = word_diff(" ".join(long), " ".join(changed))
    assert [s.text for s in new if s.kind == INS] == ["CHANGED"] * 3
    assert [s.text for s in old if s.kind == DEL] == [long[10], long[1500], long[2990]]
