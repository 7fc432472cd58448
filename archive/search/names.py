"""Officials' names in a search: recognised as names, not as their words.

`To Lam` is an official, not the English word "to" and a word "lam": a query that spells an
official's name or alias (in any case, with or without diacritics) names that official (the
search page shows "Official: Tô Lâm" with a link), its words are highlighted together as the name
and never alone (`as_name_phrases`), and they are never "corrected" to a common word (`Abe` is
not "are"). A query that misspells a name (`Lee Minh Hung`) is offered the official's name.
"""

from __future__ import annotations

import difflib
import re

from django.core.cache import cache

from archive.ingest.text import fold
from archive.search.querysyntax import Phrase, Word

MAX_NAME_WORDS = 4
# How alike (difflib's ratio, folded) a typed run of words and an official's name must be for
# "Did you mean" to offer the name: "lee minh hung" against "le minh hung" is 0.96.
NAME_SIMILARITY = 0.85
NAME_WORDS_CACHE_SECONDS = 300
_WORDS = re.compile(r"\w+")


def _spans(words: list[str], shortest: int = 2) -> dict[str, tuple[int, int]]:
    """Each run of `shortest` to MAX_NAME_WORDS words, folded: "to lam" -> (0, 2)."""
    spans = {}
    for size in range(MAX_NAME_WORDS, shortest - 1, -1):
        for start in range(len(words) - size + 1):
            spans.setdefault(" ".join(words[start : start + size]), (start, start + size))
    return spans


def officials_named(q: str):
    """The officials the query names (an alias of two words or more, or a query of one
    capitalised word that is an alias of three letters or more: `Abe`), in the order typed.
    Two queries."""
    from archive.models import Person, PersonAlias

    typed = _WORDS.findall(q or "")
    words = [fold(word) for word in typed]
    spans = _spans(words)
    # One word names an official only when it is the whole query: in "Lee Minh Hung", "Minh"
    # is a word of many names.
    singles = (
        {fold(w) for w in typed if w[:1].isupper() and len(w) >= 3} if len(typed) == 1 else set()
    )
    if not spans and not singles:
        return []
    found = PersonAlias.objects.filter(folded__in=[*spans, *singles]).values_list(
        "folded", "person_id"
    )
    order: dict[int, int] = {}
    for folded, person_id in found:
        at = spans[folded][0] if folded in spans else words.index(folded)
        order[person_id] = min(at, order.get(person_id, at))
    people = Person.objects.in_bulk(order)
    return sorted(people.values(), key=lambda person: (order[person.pk], person.name))


def as_name_phrases(leaves: list) -> list:
    """`leaves` with consecutive words that spell an official's name of two words or more
    merged into one phrase, so a snippet marks `To Lam` as the name and no lone `to`."""
    from archive.models import PersonAlias

    words = [fold(leaf.text) if isinstance(leaf, Word) else None for leaf in leaves]
    runs: dict[str, tuple[int, int]] = {}
    start = 0
    while start < len(words):
        end = start
        while end < len(words) and words[end] is not None and " " not in words[end]:
            end += 1
        if end - start >= 2:
            for text, (a, b) in _spans(words[start:end]).items():
                runs.setdefault(text, (start + a, start + b))
        start = end + 1
    if not runs:
        return leaves
    names = set(PersonAlias.objects.filter(folded__in=runs).values_list("folded", flat=True))
    out, index = [], 0
    chosen = sorted((runs[name] for name in names), key=lambda span: (span[0], span[0] - span[1]))
    for a, b in chosen:
        if a < index:
            continue
        out.extend(leaves[index:a])
        out.append(Phrase(" ".join(leaf.text for leaf in leaves[a:b])))
        index = b
    out.extend(leaves[index:])
    return out


def name_words() -> frozenset[str]:
    """Every word of every official's names and aliases, folded (kept a few minutes)."""
    from archive.models import PersonAlias

    known = cache.get("search:name-words")
    if known is None:
        aliases = PersonAlias.objects.values_list("folded", flat=True)
        known = frozenset(word for alias in aliases for word in _WORDS.findall(alias))
        cache.set("search:name-words", known, NAME_WORDS_CACHE_SECONDS)
    return known


def official_suggestion(q: str) -> str | None:
    """`q` with a run of words that nearly spells a name the archive knows (an official's, an
    outlet's, a place's in the spelling map), and spells none, replaced by that name:
    `Lee Minh Hung` -> `Lê Minh Hưng`, `Ho Chi Mihn City` -> `Ho Chi Minh City`."""
    typed = [m for m in _WORDS.finditer(q or "")]
    words = [fold(m.group()) for m in typed]
    spans = _spans(words)
    if not spans:
        return None
    names = known_names()
    if any(span in names for span in spans):
        return None  # it names one already
    best = None
    for span, (a, b) in spans.items():
        for folded, name in names.items():
            ratio = difflib.SequenceMatcher(None, span, folded).ratio()
            if ratio >= NAME_SIMILARITY and (best is None or ratio > best[0]):
                best = (ratio, a, b, name)
    if best is None:
        return None
    _ratio, a, b, name = best
    return f"{q[: typed[a].start()]}{name}{q[typed[b - 1].end() :]}".strip()


def known_names() -> dict[str, str]:
    """Names of two words or more, folded, with how to write them: officials' aliases (their
    names), outlets' names, and places' spellings (their canonical name). Two queries."""
    from archive.ingest.spellings import PLACE_SPELLINGS
    from archive.models import Outlet, PersonAlias

    names: dict[str, str] = {}
    for canonical, spellings in PLACE_SPELLINGS.items():
        for spelling in (canonical, *spellings):
            names.setdefault(" ".join(_WORDS.findall(fold(spelling))), canonical)
    for name in Outlet.objects.values_list("name", flat=True):
        names.setdefault(" ".join(_WORDS.findall(fold(name))), name)
    aliases = PersonAlias.objects.filter(folded__contains=" ")
    names.update(aliases.values_list("folded", "person__name"))
    return {folded: name for folded, name in names.items() if " " in folded}
