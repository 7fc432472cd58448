"""The development set's cases: facts about real pages, committed; the pages' texts, not.

``bench/fidelity/cases/*.jsonl`` holds one line per real news page: its URL, outlet, language,
publication date, the meeting it reports and the officials it names, written by us. The text of
each page is third-party writing: it lives in ``bench/fidelity/pages/<id>.txt``, which git
ignores. A page whose text is missing is re-collected from the stored public copy of the page
(the search tool's ``pages`` corpus, with the case's ``query``) and saved there again.

Two sets: ``dev`` (``dev-*.jsonl``), the pages the rules were developed on, and ``holdout``
(``holdout*.jsonl``: ``holdout``, ``holdout-b``), pages collected apart and only measured, never
read while tuning.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES_DIR = HERE / "cases"
PAGES_DIR = HERE / "pages"

SETS = {"dev": "dev-*.jsonl", "holdout": "holdout*.jsonl"}


@dataclass(frozen=True)
class Case:
    id: str
    url: str
    outlet: str
    domain: str
    original_outlet: str | None
    language: str
    published_on: date | None
    date_evidence: str  # "text", "url" or "none"
    meeting: str
    meeting_date: date | None
    place: str
    officials: tuple[str, ...]
    query: str

    @property
    def page_path(self) -> Path:
        return PAGES_DIR / f"{self.id}.txt"


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def case_from_dict(row: dict) -> Case:
    return Case(
        id=row["id"],
        url=row["url"],
        outlet=row["outlet"],
        domain=row.get("domain") or "",
        original_outlet=row.get("original_outlet") or None,
        language=row["language"],
        published_on=_date(row.get("published_on")),
        date_evidence=row.get("date_evidence") or "none",
        meeting=row["meeting"],
        meeting_date=_date(row.get("meeting_date")),
        place=row.get("place") or "",
        officials=tuple(row.get("officials") or ()),
        query=row.get("query") or "",
    )


def load_cases(which: str = "dev", cases_dir: Path = CASES_DIR) -> list[Case]:
    """The cases of one set (``dev``, ``holdout``), of one round (a file's name: ``dev-i``) or
    ``all``, in file and line order."""
    if which == "all":
        patterns = list(SETS.values())
    elif which in SETS:
        patterns = [SETS[which]]
    elif (cases_dir / f"{which}.jsonl").exists():
        patterns = [f"{which}.jsonl"]
    else:
        raise ValueError(f"no set or round called {which!r}")
    cases: list[Case] = []
    for pattern in patterns:
        for path in sorted(cases_dir.glob(pattern)):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    cases.append(case_from_dict(json.loads(line)))
                except (KeyError, ValueError) as error:
                    raise ValueError(f"{path.name}:{number}: {error}") from None
    seen: set[str] = set()
    for case in cases:
        if case.id in seen:
            raise ValueError(f"case id {case.id} appears twice")
        seen.add(case.id)
    return cases


def capture_line(case: Case, text: str) -> dict:
    """The capture the archive is given: the page's text and URL, as a crawler would save it.

    No outlet, language or date is passed: naming the outlet and dating the page is what is
    measured. No capture time either: the stored copies do not say when they were captured.
    """
    return {"text": text, "url": case.url}
