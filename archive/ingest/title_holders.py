"""Officials a story names by their office alone (or by an office and a family name its
holders share), resolved by the story's date.

Japanese stories call the Emperor "天皇陛下" (His Majesty the Emperor) and never by name;
English, French and Vietnamese ones often write "the Emperor" or "Nhật hoàng" after the first
mention, or only. Who that is depends on the day: the office's holders are data here, and a
story is given the holder of its confirmed date (never of a guessed year); an undated story,
the holder throughout the era of the officials it names (``tenures.era_of``).

Pure Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from archive.ingest.tenures import Era


@dataclass(frozen=True)
class Office:
    spellings: tuple[str, ...]  # as stories write the office alone
    holders: tuple[tuple[str, date, date | None], ...]  # (person slug, from, until)


OFFICES_BY_TITLE: tuple[Office, ...] = (
    Office(
        spellings=(
            "天皇陛下", "天皇、皇后両陛下", "天皇皇后両陛下", "天皇", "日王", "일왕", "천황",
            "Emperor of Japan", "Japanese Emperor", "Japan's Emperor", "the Emperor",
            "Nhật hoàng", "Nhà vua Nhật Bản", "Hoàng đế Nhật Bản", "l'empereur du Japon",
            "l'Empereur du Japon", "el emperador de Japón", "el Emperador de Japón",
        ),
        holders=(
            ("akihito", date(1989, 1, 7), date(2019, 4, 30)),
            ("naruhito", date(2019, 5, 1), None),
        ),
    ),
    # A family name two prime ministers share, with the office: "菅首相" is Kan Naoto in
    # 2010-11 and Suga Yoshihide in 2020-21, so the registry gives it to neither.
    Office(
        spellings=("菅首相", "菅総理", "菅総理大臣", "菅内閣総理大臣"),
        holders=(
            ("kan-naoto", date(2010, 6, 8), date(2011, 9, 2)),
            ("suga-yoshihide", date(2020, 9, 16), date(2021, 10, 4)),
        ),
    ),
)  # fmt: skip


@cache
def _pattern(office: Office) -> re.Pattern[str]:
    # Latin spellings as whole words, case as written ("the Emperor", not "emperor penguins").
    parts = [
        re.escape(s) if not s.isascii() else rf"\b{re.escape(s)}\b"
        for s in sorted(office.spellings, key=len, reverse=True)
    ]
    return re.compile("|".join(parts))


def holder_on(office: Office, day: date) -> str | None:
    for slug, start, until in office.holders:
        if start <= day and (until is None or day <= until):
            return slug
    return None


def holder_throughout(office: Office, eras: tuple[Era, ...]) -> str | None:
    """The holder of the office on every day of ``eras``; None if it changed hands."""
    holders = set()
    for start, end in eras:
        holders.add(holder_on(office, start))
        if end is None:
            last = office.holders[-1]
            holders.add(last[0] if last[2] is None else None)
        else:
            holders.add(holder_on(office, end))
    return holders.pop() if len(holders) == 1 else None


def named_by_title(
    text: str, day: date | None, eras: tuple[Era, ...] = ()
) -> list[tuple[str, int, int]]:
    """``(slug, start, end)`` of each office written alone whose holder on ``day`` (else
    throughout ``eras``) is known."""
    if day is None and not eras:
        return []
    found = []
    for office in OFFICES_BY_TITLE:
        slug = holder_on(office, day) if day else holder_throughout(office, eras)
        if slug is None:
            continue
        found += [(slug, m.start(), m.end()) for m in _pattern(office).finditer(text)]
    return found
