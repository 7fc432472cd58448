"""A new name that is a known person's but for a slip: a typo ("Barak Obama", "Troung Tan
Sang", "Yoneikura"), a middle name ("Ferdinand Romualdez Marcos Jr") or a generation suffix
("Joseph Biden Jr") a story adds, or Hepburn letters written otherwise, in either order
("Iosimasa Haiasi" for Hayashi Yoshimasa). Such a name is the known person's, not a new
official.

The registry's full spellings are indexed by their words less one, so a new name is compared
only with the spellings it shares all other words with. A typo counts in a word of five
letters or more ("Sato" and "Saito" are two families); "Dz" is the older English spelling of a
Vietnamese D ("Dzung"). A middle name is dropped only from a name that is not Vietnamese (whose
middle names tell people apart). Two known people a name is equally near are no one's. Pure
Python.
"""

from __future__ import annotations

from collections.abc import Iterable

from archive.ingest.name_words import VIETNAMESE_FAMILY_NAMES
from archive.ingest.text import fold

# Hepburn letters a story's Latin spelling may write otherwise: "Tosimitsu", "Iosimasa Haiasi"
# (a Vietnamese paper's "shi", "yo", "ya"), "Itou", "Oono".
_LOOSE_SPELLINGS = (("sh", "s"), ("y", "i"), ("ou", "o"), ("oo", "o"), ("uu", "u"))


def loose_key(name: str) -> tuple[str, ...] | None:
    """A Latin name's folded words, sorted, with the Hepburn letters a story may write
    otherwise made one (``_LOOSE_SPELLINGS``); None for fewer than two words."""
    words = [w for w in fold(name).replace("-", " ").split() if w.isalpha()]
    if len(words) < 2:
        return None
    for written, loose in _LOOSE_SPELLINGS:
        words = [word.replace(written, loose) for word in words]
    return tuple(sorted(words))


GENERATION_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
MIN_TYPO_WORD = 5


def one_slip_apart(a: str, b: str) -> bool:
    """Whether one letter added, dropped, changed, or two neighbours swapped, make ``a``
    ``b``."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        i, j = diff[0], diff[-1]
        return len(diff) == 2 and j == i + 1 and a[i] == b[j] and a[j] == b[i]
    short, long = sorted((a, b), key=len)
    i = next((i for i in range(len(short)) if short[i] != long[i]), len(short))
    return short[i:] == long[i + 1 :]


def _without_extras(keys: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The name without its generation suffix, and without its middle names."""
    suffix = keys[-1:] if keys[-1] in GENERATION_SUFFIXES else ()
    core = keys[: len(keys) - len(suffix)]
    shorter = [core] if suffix and len(core) >= 2 else []
    if len(core) >= 3 and core[0] not in VIETNAMESE_FAMILY_NAMES:
        shorter += [(core[0], core[-1], *suffix), (core[0], core[-1])]
    return shorter


class NearSpellings:
    """Known full spellings (folded words), found again by a name one slip away."""

    def __init__(self) -> None:
        self._slugs: dict[tuple[str, ...], set[str]] = {}
        self._by_others: dict[tuple[int, int, tuple[str, ...]], list[tuple[str, str]]] = {}
        self._loose: dict[tuple[str, ...], set[str]] = {}

    def add(self, slug: str, spellings: Iterable[tuple[str, ...]]) -> None:
        for keys in spellings:
            if len(keys) < 2 or not all(key.isascii() and key.isalpha() for key in keys):
                continue
            self._slugs.setdefault(keys, set()).add(slug)
            self._loose.setdefault(loose_key(" ".join(keys)), set()).add(slug)
            for i, key in enumerate(keys):
                others = (len(keys), i, keys[:i] + keys[i + 1 :])
                self._by_others.setdefault(others, []).append((slug, key))

    def find(self, keys: tuple[str, ...]) -> str | None:
        """The slug of the one known person ``keys`` (a new name's folded words) is a slip of
        one of their spellings away from, if any."""
        if len(keys) < 2:
            return None
        if len(self._slugs.get(keys, ())) == 1:
            return next(iter(self._slugs[keys]))
        # "Nguyen Tan Dzung": the older English spelling of a Vietnamese D.
        spelled = tuple("d" + key[2:] if key.startswith("dz") else key for key in keys)
        if spelled != keys and len(self._slugs.get(spelled, ())) == 1:
            return next(iter(self._slugs[spelled]))
        loose = self._loose.get(loose_key(" ".join(keys)), set())
        if len(loose) == 1:  # "Iosimasa Haiasi", a Vietnamese paper's Hayashi Yoshimasa
            return next(iter(loose))
        for shorter in _without_extras(keys):
            slugs = self._slugs.get(shorter, set())
            if len(slugs) == 1:
                return next(iter(slugs))
        near = set()
        for i, key in enumerate(keys):
            others = (len(keys), i, keys[:i] + keys[i + 1 :])
            for slug, known in self._by_others.get(others, ()):
                if min(len(key), len(known)) >= MIN_TYPO_WORD and one_slip_apart(key, known):
                    near.add(slug)
        return near.pop() if len(near) == 1 else None
