"""Finding the officials a story names: known people from a registry, new ones from their titles.

Pure functions on ``str``; no Django, no I/O. Give them the clean story (title, body, captions):
what cleaning removed (teasers, chrome) names people who are not in the story.

How a story names someone, and what this module does about it:

- In full, in any spelling: ``Tô Lâm``, ``To Lam``; ``Ito Naoki``, ``Naoki Ito``. Matching
  compares folded words (``text.fold``), so diacritics never matter, but every word of the
  name must be capitalised where it is written (``To Lam``, not ``to lam``).
- By a short form after the first mention: ``Lâm``/``Lam``, ``Chính``, ``Naoki``, ``Takebe``.
  A short form is a common word or a piece of many names, so it counts only when its person
  was named in full earlier in the same text, and only when it stands alone (not inside
  another capitalised name such as ``Trung Quốc``).
- After a title: ``Prime Minister Pham Minh Chinh``, ``statsminister Pham Minh Chinh``,
  ``Ambassador Extraordinary and Plenipotentiary of Vietnam to Japan Ito Naoki``. The title
  becomes the mention's role; a name after a title that the registry does not know is a new
  candidate (``Mention.is_new``) for an editor to confirm.

The registry is compiled once per import batch into a dict from a name's first folded word
to the names starting with it, so a story is read in one pass over its words, whatever the
size of the registry.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from archive.ingest import cjk_names
from archive.ingest.tenures import TERMS
from archive.ingest.text import fold, slugify

if TYPE_CHECKING:
    from archive.ingest.pipeline import Extracted

__all__ = [
    "KnownPerson",
    "Mention",
    "Occurrence",
    "Registry",
    "alias_variants",
    "find_occurrences",
    "find_people",
    "known_people",
    "looks_vietnamese",
    "short_forms",
    "story_text",
]

VIETNAM = "Vietnam"
JAPAN = "Japan"

# A name has two to four words: "To Lam", "Pham Minh Chinh", "Nguyen Thi Kim Ngan".
MIN_NAME_WORDS = 2
MAX_NAME_WORDS = 4
# How far past a title its qualifiers may run before the name ("Ambassador Extraordinary and
# Plenipotentiary of Vietnam to Japan Ito Naoki" has six runs); beyond that it is not a title.
MAX_TITLE_RUNS = 8


# --- The records ------------------------------------------------------------------------


@dataclass(frozen=True)
class KnownPerson:
    """A person of the registry: the canonical name and the other ways stories write it.

    ``aliases`` are full names (another spelling, another name order); ``short_forms`` are what
    a story calls the person after naming them in full. A one-word alias is treated as a short
    form too, since one word alone cannot be trusted to name anyone.
    """

    slug: str
    name: str
    aliases: tuple[str, ...]
    short_forms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    """One person a story names (however many times it names them)."""

    slug: str | None  # None for a new candidate
    name: str  # canonical name (known person) or the name as found (candidate)
    surface: str  # the text as written at the first mention
    role: str | None  # the first title found next to any mention: "Prime Minister"
    is_new: bool


@dataclass(frozen=True)
class Occurrence:
    """One place in the text where a person is named; ``start``/``end`` index the NFC text."""

    slug: str | None
    name: str
    surface: str
    start: int
    end: int
    role: str | None
    is_new: bool
    by_short_form: bool


# --- Words ------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+")
_SPACES = frozenset(" \t\u00a0\u202f")
_DASHES = frozenset("-\u2010\u2011\u2013\u2014")
# What may stand between a sentence's end and the next sentence's first word.
_SENTENCE_BREAKS = frozenset(".!?:;\n\"'“”‘’«»()[]—–")


# Not frozen: one is built per word of every story, and a frozen dataclass's __init__ costs a
# third more (object.__setattr__ per field). Nothing changes a _Word after it is built.
@dataclass(slots=True)
class _Word:
    text: str
    key: str  # folded: "Lâm" -> "lam"
    start: int
    end: int
    capitalised: bool
    gap: str  # the text between the previous word and this one


@lru_cache(maxsize=65536)
def _key(word: str) -> str:
    return word.lower() if word.isascii() else fold(word)


def _words(text: str) -> list[_Word]:
    words: list[_Word] = []
    append = words.append
    previous_end = 0
    for match in _WORD.finditer(text):
        word = match.group()
        start, end = match.span()
        # Positional arguments: this runs for every word of every story.
        append(_Word(word, _key(word), start, end, word[0].isupper(), text[previous_end:start]))
        previous_end = end
    return words


def _name_keys(name: str) -> tuple[str, ...]:
    return tuple(_key(word) for word in _WORD.findall(unicodedata.normalize("NFC", name)))


def _spaced(word: _Word) -> bool:
    """Is the word joined to the previous one by spaces only (same line, no punctuation)?"""
    return bool(word.gap) and all(ch in _SPACES for ch in word.gap)


def _dashed(word: _Word) -> bool:
    """Is the word joined to the previous one by a dash: "Japan-Vietnam", "Japan–Việt"?"""
    return len(word.gap) == 1 and word.gap in _DASHES


def _opens_sentence(words: list[_Word], index: int) -> bool:
    # A sentence's first word is capitalised whatever it is, so its capital proves nothing.
    if index == 0:
        return True
    gap = words[index].gap
    return any(ch in _SENTENCE_BREAKS for ch in gap)


# --- Vocabulary -------------------------------------------------------------------------

# Titles, folded, per language of the story. Longer titles are tried first, so "Party
# General Secretary" wins over "General Secretary" and "Secretary".
_TITLES_BY_LANGUAGE: dict[str, tuple[str, ...]] = {
    "en": (
        "prime minister", "deputy prime minister", "acting prime minister",
        "minister", "deputy minister", "foreign minister", "deputy foreign minister",
        "party general secretary", "general secretary", "secretary general",
        "secretary", "party secretary", "provincial party secretary",
        "ambassador", "special ambassador", "special envoy", "envoy",
        "special advisor", "special adviser", "senior advisor", "senior adviser",
        "advisor", "adviser", "president", "vice president", "state president",
        "chairman", "chairwoman", "chairperson", "vice chairman", "vice chairwoman",
        "speaker", "governor", "mayor", "director general",
    ),
    "no": (
        "statsminister", "statsministeren", "visestatsminister", "utenriksminister",
        "utenriksministeren", "minister", "ministeren", "generalsekretær", "generalsekretæren",
        "partisekretær", "ambassadør", "ambassadøren", "president", "presidenten",
        "visepresident", "rådgiver", "spesialrådgiver", "ordfører", "guvernør",
    ),
    "vi": (
        "thủ tướng", "phó thủ tướng", "tổng bí thư", "bí thư", "bộ trưởng", "thứ trưởng",
        "đại sứ", "chủ tịch", "phó chủ tịch", "chủ tịch nước", "cố vấn đặc biệt",
    ),
}  # fmt: skip
_LANGUAGE_ALIASES = {"nb": "no", "nn": "no"}

# Lowercase words that join a title to its qualifiers: "Minister OF Foreign Affairs",
# "Ambassador TO Vietnam", "ambassadør I Vietnam", "Deputy Prime Minister AND Foreign Minister".
_CONNECTORS = frozenset(
    {"of", "to", "for", "in", "at", "on", "the", "and", "i", "til", "av", "og", "ved", "cua", "tai"}
)

# Capitalised words that are part of a title's qualifier, never of a name: offices,
# institutions, countries and their adjectives, months. A name after a title is what is left
# of the capitalised run once these are taken off its front.
_OFFICE_WORDS = frozenset(
    {
        "prime", "minister", "ministers", "deputy", "vice", "acting", "foreign", "general",
        "secretary", "ambassador", "envoy", "special", "advisor", "adviser", "senior",
        "president", "chairman", "chairwoman", "chairperson", "speaker", "governor", "mayor",
        "director", "chief", "head", "former", "standing", "permanent", "extraordinary",
        "plenipotentiary", "comrade", "mr", "mrs", "ms", "madam", "dr", "excellency",
        "statsminister", "statsministeren", "visestatsminister", "utenriksminister",
        "utenriksministeren", "ministeren", "generalsekretaer", "generalsekretaeren",
        "partisekretaer", "ambassadoren", "presidenten", "visepresident", "radgiver",
        "spesialradgiver", "ordforer", "guvernor",
    }
)  # fmt: skip
_INSTITUTION_WORDS = frozenset(
    {
        "party", "communist", "central", "committee", "provincial", "municipal", "city",
        "people", "council", "assembly", "national", "government", "ministry", "affairs",
        "finance", "defence", "defense", "public", "security", "home", "justice", "trade",
        "industry", "planning", "investment", "health", "education", "training", "labour",
        "labor", "invalids", "social", "agriculture", "rural", "development", "transport",
        "construction", "culture", "sports", "tourism", "information", "communications",
        "science", "technology", "natural", "resources", "environment", "friendship",
        "parliamentary", "parliament", "alliance", "association", "union", "league",
        "federation", "commission", "organisation", "organization", "department", "office",
        "bureau", "agency", "embassy", "consulate", "state", "bank", "front", "fatherland",
        "house", "representatives", "councillors", "diet", "cabinet", "liberal", "democratic",
        "economic", "cooperation", "forum", "politburo", "secretariat", "inspection",
        "propaganda", "external", "relations", "international", "republic", "socialist",
        "kingdom", "empire", "army", "police", "court", "supreme", "audit", "energy",
        "province", "district", "commune", "prefecture",
    }
)  # fmt: skip
_PLACE_WORDS = frozenset(
    {
        "vietnam", "vietnams", "vietnamese", "viet", "japan", "japans", "japanese", "nhat",
        "asean", "asia", "asian", "pacific", "china", "chinese", "laos", "lao", "cambodia",
        "cambodian", "thailand", "korea", "korean", "south", "north", "united", "states",
        "america", "american", "russia", "russian", "india", "indian", "singapore", "indonesia",
        "philippines", "malaysia", "myanmar", "australia", "france", "french", "germany",
        "german", "norway", "norwegian", "norges", "europe", "european", "eu", "usa", "us",
        "uk", "mekong", "hanoi", "tokyo", "osaka", "vientiane", "beijing", "washington",
    }
)  # fmt: skip
# Two words that together name a place, though each alone may be part of a name ("Nam").
_PLACE_PAIRS = frozenset({("viet", "nam"), ("nhat", "ban"), ("trung", "quoc")})
_CALENDAR_WORDS = frozenset(
    {
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
        "friday", "saturday", "sunday", "januar", "februar", "mars", "juni", "juli", "oktober",
        "desember",
    }
)  # fmt: skip
_NOT_NAME_WORDS = _OFFICE_WORDS | _INSTITUTION_WORDS | _PLACE_WORDS | _CALENDAR_WORDS

# The commonest Vietnamese family names, folded: a Vietnamese name starts with one, which
# finds where the name begins in "Minister of Finance Nguyen Van Thang" even when the words
# before it are not in the lists above. "Van" and "Thi" are middle names, so not here.
_VIETNAMESE_FAMILY_NAMES = frozenset(
    {
        "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui",
        "do", "ho", "ngo", "duong", "ly", "dinh", "truong", "trinh", "doan", "luong", "mai",
        "cao", "ha", "lam", "to", "ta", "thai", "chu", "trieu", "nong", "luu", "quach", "lai",
        "khuat", "vuong", "tong", "giang", "kieu", "phung", "dao", "tang", "lu", "la",
    }
)  # fmt: skip
# Marks that only Vietnamese uses among the archive's languages: horn (ơ, ư), hook above
# (ả), dot below (ạ); with đ they tell a Vietnamese name from others without a country.
_VIETNAMESE_MARKS = frozenset("\u031b\u0309\u0323")


def _title_table(language: str) -> dict[str, list[tuple[str, ...]]]:
    language = _LANGUAGE_ALIASES.get(language, language)
    titles = _TITLES_BY_LANGUAGE.get(language)
    if titles is None:  # a language without its own titles: try them all
        titles = tuple(t for group in _TITLES_BY_LANGUAGE.values() for t in group)
    return _compiled_titles(titles)


@lru_cache(maxsize=16)
def _compiled_titles(titles: tuple[str, ...]) -> dict[str, list[tuple[str, ...]]]:
    table: dict[str, list[tuple[str, ...]]] = {}
    for title in titles:
        keys = _name_keys(title)
        table.setdefault(keys[0], []).append(keys)
    for candidates in table.values():
        candidates.sort(key=len, reverse=True)
    return table


# --- Short forms and aliases ------------------------------------------------------------


def _country(country: str | None) -> str | None:
    if not country:
        return None
    folded = fold(country).replace(" ", "")
    if folded in {"vietnam", "vn", "vnm"}:
        return VIETNAM
    if folded in {"japan", "jp", "jpn"}:
        return JAPAN
    return country


def looks_vietnamese(name: str) -> bool:
    """A name without a country: Vietnamese by its family name or its Vietnamese-only marks."""
    words = name.split()
    if words and _key(words[0]) in _VIETNAMESE_FAMILY_NAMES:
        return True
    decomposed = unicodedata.normalize("NFD", name)
    return "đ" in name.lower() or any(ch in _VIETNAMESE_MARKS for ch in decomposed)


def short_forms(name: str, country: str | None) -> list[str]:
    """What a story calls the person after naming them in full.

    Vietnamese stories (and the wires that translate them) use the given name, which is the
    last word: "Tô Lâm" -> "Lâm", "Phạm Minh Chính" -> "Chính". Japanese names are stored
    family name first ("Ito Naoki"); English-language wires mostly use the family name
    ("Ishiba", "Takebe", "Ito") but some use the given name (seed 000: "Naoki"), so both.
    Other names are given-name-first, so the family name is the last word. Without a country,
    a Vietnamese-looking name is treated as Vietnamese.
    """
    words = name.split()
    if len(words) < MIN_NAME_WORDS:
        return []
    country = _country(country)
    if country is None and looks_vietnamese(name):
        country = VIETNAM
    if country == JAPAN:
        return _distinct([words[0], words[-1]])
    return [words[-1]]


def alias_variants(name: str, country: str | None) -> list[str]:
    """The other spellings of a full name stories use; the name itself is not among them.

    Any name: without diacritics ("Tô Lâm" -> "To Lam", "Itō Naoki" -> "Ito Naoki").
    A Japanese name (stored family name first): also given name first ("Naoki Ito"), as
    English-language outlets outside Vietnam write it.
    """
    variants = [_without_diacritics(name)]
    words = name.split()
    if _country(country) == JAPAN and len(words) == MIN_NAME_WORDS:
        given_first = f"{words[1]} {words[0]}"
        variants += [given_first, _without_diacritics(given_first)]
    return [v for v in _distinct(variants) if v != name]


def _without_diacritics(text: str) -> str:
    """``fold`` keeping capitals: "Tô Lâm" -> "To Lam", "Đại" -> "Dai"."""
    letters = []
    for ch in unicodedata.normalize("NFC", text):
        folded = fold(ch)
        letters.append(folded[:1].upper() + folded[1:] if ch.isupper() else folded)
    return "".join(letters)


def _distinct(texts: Iterable[str]) -> list[str]:
    """Keep the first of the texts that fold alike (the registry stores one per fold)."""
    seen: set[str] = set()
    kept = []
    for text in texts:
        if text and fold(text) not in seen:
            seen.add(fold(text))
            kept.append(text)
    return kept


def known_people(rows: Iterable[Mapping]) -> list[KnownPerson]:
    """``KnownPerson`` rows from registry dicts ``{"name", "country", "aliases", ...}``.

    The aliases are completed with ``alias_variants`` and ``short_forms``, so a row that lists
    only the canonical name is still found in every usual spelling.
    """
    people = []
    for row in rows:
        name, country = row["name"], row.get("country")
        given = list(row.get("aliases", ()))
        one_word = [a for a in given if len(_name_keys(a)) == 1]
        full = [a for a in given if len(_name_keys(a)) > 1]
        aliases = _distinct([*full, *alias_variants(name, country)])
        people.append(
            KnownPerson(
                slug=slugify(name),
                name=name,
                aliases=tuple(a for a in aliases if a != name),
                short_forms=tuple(_distinct([*one_word, *short_forms(name, country)])),
            )
        )
    return people


# --- The registry, compiled -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Form:
    keys: tuple[str, ...]  # folded words: ("to", "lam")
    slugs: tuple[str, ...]  # a short form may belong to several people ("Trung")
    is_short: bool


class Registry:
    """The known people, compiled for matching: first folded word -> the names it starts.

    Built once per import batch. Full names and aliases match anywhere; short forms only
    after their person was named in full. When two people share a full spelling, the first
    one given keeps it (an editor should tell them apart with a fuller alias).
    """

    def __init__(self, people: Iterable[KnownPerson]):
        people = list(people)
        self._people: dict[str, KnownPerson] = {}
        for person in people:
            self._people.setdefault(person.slug, person)
        self._forms: dict[str, list[_Form]] = {}
        for form in _forms_of(people):
            self._forms.setdefault(form.keys[0], []).append(form)
        for candidates in self._forms.values():
            # Longest first; at equal length a full name before a short form.
            candidates.sort(key=lambda f: (-len(f.keys), f.is_short))
        self._cjk: dict[str, str] = {}  # spelling without name dots -> slug
        self._cjk_written: set[str] = set()  # the spellings as the registry writes them
        for person in people:
            self._add_cjk(person)
        self._cjk_pattern = cjk_names.compile_spellings(self._cjk_written)

    def _add_cjk(self, person: KnownPerson) -> None:
        for spelling in (person.name, *person.aliases, *person.short_forms):
            if cjk_names.is_cjk_spelling(spelling):
                self._cjk.setdefault(cjk_names.spelling_key(spelling), person.slug)
                self._cjk_written.add(spelling)

    def cjk_spans(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, slug)`` of each registry spelling in a script without spaces."""
        found = cjk_names.find_spellings(text, self._cjk_pattern)
        return [(start, end, self._cjk[key]) for start, end, key in found if key in self._cjk]

    def __len__(self) -> int:
        return len(self._people)

    def add(self, person: KnownPerson) -> None:
        """Know one more person (a new official found during an import) without recompiling
        everyone: their spellings join the lists of the words they start with."""
        if person.slug in self._people:
            return
        self._people[person.slug] = person
        self._add_cjk(person)
        self._cjk_pattern = cjk_names.compile_spellings(self._cjk_written)
        for form in _forms_of([person]):
            candidates = self._forms.setdefault(form.keys[0], [])
            same = next((f for f in candidates if f.keys == form.keys), None)
            if same is None:
                candidates.append(form)
            elif same.is_short and form.is_short:  # a short form several people share
                merged = _Form(form.keys, tuple(dict.fromkeys(same.slugs + form.slugs)), True)
                candidates[candidates.index(same)] = merged
            # else: a full spelling someone has already keeps them, as in __init__
            candidates.sort(key=lambda f: (-len(f.keys), f.is_short))

    def person(self, slug: str) -> KnownPerson:
        return self._people[slug]

    def knows(self, slug: str) -> bool:
        return slug in self._people

    def forms_starting(self, key: str) -> list[_Form]:
        return self._forms.get(key, [])


def _forms_of(people: list[KnownPerson]) -> list[_Form]:
    """Every spelling of every person as folded words; one form per distinct spelling."""
    full: dict[tuple[str, ...], str] = {}
    short: dict[tuple[str, ...], list[str]] = {}
    for person in people:
        for spelling in (person.name, *person.aliases):
            keys = _name_keys(spelling)
            # One word alone names no one for sure: it is a short form, whatever its field.
            if len(keys) == 1 and spelling != person.name:
                short.setdefault(keys, []).append(person.slug)
            elif keys:
                full.setdefault(keys, person.slug)
        for spelling in person.short_forms:
            keys = _name_keys(spelling)
            if keys:
                short.setdefault(keys, []).append(person.slug)
    forms = [_Form(keys, (slug,), is_short=False) for keys, slug in full.items()]
    forms += [
        _Form(keys, tuple(dict.fromkeys(slugs)), is_short=True) for keys, slugs in short.items()
    ]
    return forms


# --- Finding people ---------------------------------------------------------------------


def story_text(story: Extracted) -> str:
    """The text to look for people in: a story's title, body and photo captions.

    ``story`` is an ``Extracted``; only clean text, since cleaning removed what names people
    who are not in the story.
    """
    return "\n\n".join([story.title, story.body, *story.captions])


def word_keys(text: str) -> frozenset[str]:
    """The folded words of ``text`` (see ``could_be_named``)."""
    return frozenset(_key(word) for word in _WORD.findall(unicodedata.normalize("NFC", text)))


def full_spellings(person: KnownPerson) -> tuple[frozenset[str], ...]:
    """The words of each full spelling of ``person``'s name, folded.

    A text can name the person only if it has every word of one of these (see ``word_keys``): a
    short form counts only after the full name, and a name after a title is theirs only if it is
    one of their full spellings. So a person added to the registry after ``find_people`` read a
    text can change its answer only then."""
    return tuple(frozenset(form.keys) for form in _forms_of([person]) if not form.is_short)


def find_people(text: str, registry: Registry, language: str = "en") -> list[Mention]:
    """One ``Mention`` per person the text names, in the order of their first mention."""
    mentions: dict[tuple[str, str], list[Occurrence]] = {}
    for occurrence in find_occurrences(text, registry, language):
        key = ("known", occurrence.slug) if occurrence.slug else ("new", fold(occurrence.name))
        mentions.setdefault(key, []).append(occurrence)
    return [_mention(occurrences) for occurrences in mentions.values()]


def _mention(occurrences: list[Occurrence]) -> Mention:
    first = occurrences[0]
    return Mention(
        slug=first.slug,
        name=first.name,
        surface=first.surface,
        # The first mention often has no title next to it ("Lê Minh Hưng, ..." at a
        # sentence start); a later one may.
        role=next((o.role for o in occurrences if o.role), None),
        is_new=first.is_new,
    )


def find_occurrences(text: str, registry: Registry, language: str = "en") -> list[Occurrence]:
    """Every place the text names a person, known or new, in text order.

    The text is NFC-normalised first (so decomposed diacritics read as composed ones); the
    offsets index that normalised text.
    """
    text = unicodedata.normalize("NFC", text)
    words = _words(text)
    known = _known_spans(words, registry)
    titles = _title_spans(words, _title_table(language))

    roles: dict[int, str] = {}  # first word of a known span -> the title next to it
    new: list[_Span] = []
    # Known spans are in text order and never overlap, so their ends are sorted too: the first
    # span a title's name could overlap is found by bisection, not by a scan per title (which
    # made long stories quadratic).
    known_ends = [span.end for span in known]
    for title in titles:
        first = bisect.bisect_right(known_ends, title.name_start)
        if first < len(known) and known[first].start < title.name_end:
            roles.setdefault(known[first].start, title.role)
        elif title.is_name:
            new.append(title)
    for span in known:
        apposed = _apposed_title(words, span.end, _title_table(language))
        if apposed and not span.is_short:
            roles.setdefault(span.start, apposed)

    occurrences = [_occurrence(text, words, s, registry, roles.get(s.start)) for s in known]
    occurrences += [_occurrence(text, words, s, None, s.role) for s in _distinct_spans(new)]
    occurrences += _cjk_occurrences(text, registry)
    occurrences.sort(key=lambda o: o.start)
    return occurrences


def _cjk_occurrences(text: str, registry: Registry) -> list[Occurrence]:
    """Registry spellings in Japanese, Chinese or Korean script (see ``cjk_names``)."""
    return [
        Occurrence(
            slug=slug,
            name=registry.person(slug).name,
            surface=text[start:end],
            start=start,
            end=end,
            role=None,
            is_new=False,
            by_short_form=False,
        )
        for start, end, slug in registry.cjk_spans(text)
    ]


@dataclass(frozen=True, slots=True)
class _Span:
    """Words [start, end) naming someone: a known person (``slug``) or a name after a title."""

    start: int
    end: int
    slug: str | None = None
    is_short: bool = False
    role: str | None = None
    # For a title: where the words after it are, whether they make a name.
    name_start: int = 0
    name_end: int = 0
    is_name: bool = False


def _occurrence(
    text: str, words: list[_Word], span: _Span, registry: Registry | None, role: str | None
) -> Occurrence:
    surface = text[words[span.start].start : words[span.end - 1].end]
    known = registry is not None and span.slug is not None
    return Occurrence(
        slug=span.slug if known else None,
        name=registry.person(span.slug).name if known else surface,
        surface=surface,
        start=words[span.start].start,
        end=words[span.end - 1].end,
        role=role,
        is_new=not known,
        by_short_form=span.is_short,
    )


def _distinct_spans(spans: list[_Span]) -> list[_Span]:
    # Two titles can lead to the same name ("Deputy Prime Minister and Foreign Minister X").
    seen: set[tuple[int, int]] = set()
    kept = []
    for span in spans:
        if (span.start, span.end) not in seen:
            seen.add((span.start, span.end))
            kept.append(span)
    return kept


def _known_spans(words: list[_Word], registry: Registry) -> list[_Span]:
    """The registry's people, in one pass over the words."""
    spans: list[_Span] = []
    named_in_full: dict[str, int] = {}  # slug -> word index of the latest full mention
    index = 0
    while index < len(words):
        span = None
        if words[index].capitalised:
            span = _known_span_at(words, index, registry, named_in_full)
        if span is None:
            index += 1
            continue
        if not span.is_short:
            named_in_full[span.slug] = index
        spans.append(span)
        index = span.end
    return spans


def _known_span_at(
    words: list[_Word], index: int, registry: Registry, named_in_full: dict[str, int]
) -> _Span | None:
    for form in registry.forms_starting(words[index].key):
        end = index + len(form.keys)
        if not _written_as_name(words, index, form.keys):
            continue
        if not form.is_short:
            return _Span(index, end, slug=form.slugs[0])
        earlier = [slug for slug in form.slugs if slug in named_in_full]
        if earlier and _stands_alone(words, index, end):
            # Of two people with this short form, the story means the one it named last.
            slug = max(earlier, key=named_in_full.__getitem__)
            return _Span(index, end, slug=slug, is_short=True)
        if (
            not earlier
            and len(form.slugs) == 1
            and form.slugs[0] in TERMS
            and _after_leader_title(words, index)
        ):
            # "PM Kishida thanked PM Chinh": a leader's office and the short form of the one
            # leader it belongs to (one whose terms are known: ``tenures``), in a story that
            # never names them in full (a lead cut off by the page, a wire's second take).
            return _Span(index, end, slug=form.slugs[0], is_short=True)
    return None


# The last word of a leader's office as written before a name, folded ("PM Chinh", "Prime
# Minister Kishida", "Thủ tướng Chính", "President Thuong", "le Premier ministre Kishida").
_LEADER_TITLE_ENDS = frozenset({
    "pm", "minister", "premier", "president", "chairman", "chairwoman", "secretary", "fm",
    "emperor", "tuong", "nuoc", "ministre", "ministro", "presidente",
    "premierminister", "prasident", "statsminister", "punong",
})  # fmt: skip


def _after_leader_title(words: list[_Word], index: int) -> bool:
    return (
        index > 0
        and _spaced(words[index])
        and words[index - 1].key in _LEADER_TITLE_ENDS
        and (index + 1 >= len(words) or not words[index + 1].capitalised
             or not _spaced(words[index + 1]))
    )  # fmt: skip


def _written_as_name(words: list[_Word], index: int, keys: tuple[str, ...]) -> bool:
    """Do the words at ``index`` spell ``keys``, capitalised, on one line without punctuation?"""
    end = index + len(keys)
    if end > len(words):
        return False
    for offset, key in enumerate(keys):
        word = words[index + offset]
        if word.key != key or not word.capitalised or (offset and not _spaced(word)):
            return False
    return True


def _stands_alone(words: list[_Word], start: int, end: int) -> bool:
    """Is a short form a name by itself, not a piece of another capitalised name?

    "Trung Quốc" (China) and "Nguyen Van Lam" contain a short form but name someone else.
    A title before it is fine ("Ambassador Ito"), and so is a capitalised word that opens
    the sentence ("Recalling Ishiba's visit").
    """
    if end < len(words) and _spaced(words[end]) and words[end].capitalised:
        return False
    if start > 0 and _spaced(words[start]) and words[start - 1].capitalised:
        before = start - 1
        if words[before].key not in _OFFICE_WORDS and not _opens_sentence(words, before):
            return False
    return True


# --- Titles -----------------------------------------------------------------------------


def _title_spans(words: list[_Word], titles: dict[str, list[tuple[str, ...]]]) -> list[_Span]:
    """Each title in the text, with the name that follows it when one does."""
    spans = []
    index = 0
    while index < len(words):
        title_end = _title_at(words, index, titles)
        if title_end is None:
            index += 1
            continue
        spans.append(_read_after_title(words, index, title_end))
        index = title_end
    return spans


def _title_at(
    words: list[_Word], index: int, titles: dict[str, list[tuple[str, ...]]]
) -> int | None:
    """Where the longest title starting at ``index`` ends, if one does."""
    for keys in titles.get(words[index].key, ()):
        end = index + len(keys)
        if end <= len(words) and all(
            words[index + i].key == key and (i == 0 or _spaced(words[index + i]))
            for i, key in enumerate(keys)
        ):
            return end
    return None


def _read_after_title(words: list[_Word], title_start: int, title_end: int) -> _Span:
    """Read the qualifiers after a title up to the name, as runs of capitalised words.

    "Ambassador | Extraordinary | and Plenipotentiary | of Vietnam | to Japan Ito Naoki":
    lowercase connectors join runs; the first run that still holds a name once its office,
    institution and place words are taken off is the name. The title reads up to it.
    A run ends at punctuation, a line break or a lowercase word; so does the title.
    """
    role_end = title_end  # words [title_start, role_end) are the title as written
    first_run: tuple[int, int] | None = None
    index = title_end
    for _ in range(MAX_TITLE_RUNS):
        run_start = index
        while (
            run_start < len(words)
            and _spaced(words[run_start])
            and not words[run_start].capitalised
            and words[run_start].key in _CONNECTORS
        ):
            run_start += 1
        run_end = _capitalised_run_end(words, run_start)
        if run_end == run_start:
            break
        if first_run is None:
            first_run = (run_start, run_end)
        name = _name_in_run(words, run_start, run_end)
        if name is not None:
            return _title_span(words, title_start, max(role_end, name[0]), name, is_name=True)
        if _skip_qualifiers(words, run_start, run_end) == run_end:
            # Offices, institutions, places only: part of the title ("of the Party Central
            # Committee"); a run with other words is a name too short or long to trust.
            role_end = run_end
        index = run_end
    name_span = first_run or (title_end, title_end)
    return _title_span(words, title_start, role_end, name_span, is_name=False)


def _title_span(
    words: list[_Word], start: int, role_end: int, name: tuple[int, int], is_name: bool
) -> _Span:
    # The title as written ends at its last word that is not a connector ("to", "and").
    while role_end - 1 > start and words[role_end - 1].key in _CONNECTORS:
        role_end -= 1
    role = words[start].text + "".join(w.gap + w.text for w in words[start + 1 : role_end])
    return _Span(
        start=name[0],
        end=name[1],
        role=role.replace("\n", " "),
        name_start=name[0],
        name_end=name[1],
        is_name=is_name,
    )


def _capitalised_run_end(words: list[_Word], start: int) -> int:
    """The end of the capitalised words from ``start``, joined by spaces or dashes."""
    end = start
    while (
        end < len(words)
        and words[end].capitalised
        and (_spaced(words[end]) or (end > start and _dashed(words[end])))
    ):
        end += 1
    return end


def _name_in_run(words: list[_Word], start: int, end: int) -> tuple[int, int] | None:
    """The name at the end of a run of capitalised words, or None if the run holds none."""
    start = _skip_qualifiers(words, start, end)
    start = _from_vietnamese_family_name(words, start, end)
    count = end - start
    if not MIN_NAME_WORDS <= count <= MAX_NAME_WORDS:
        return None
    for word in words[start:end]:
        if word.key in _NOT_NAME_WORDS or not word.text.isalpha() or _dashed(word):
            return None
    return start, end


def _skip_qualifiers(words: list[_Word], start: int, end: int) -> int:
    """Skip the run's leading office, institution and place words: "Japan Ito Naoki"."""
    while start < end:
        word = words[start]
        pair = (word.key, words[start + 1].key) if start + 1 < end else None
        if pair in _PLACE_PAIRS:
            start += 2
        elif word.key in _NOT_NAME_WORDS or _in_place_compound(words, start, end):
            start += 1
        elif word.key == "nam" and start > 0 and words[start - 1].key == "viet":
            # The end of "Japan–Việt Nam": the dashed compound took "Việt" only.
            start += 1
        else:
            break
    return start


def _in_place_compound(words: list[_Word], index: int, end: int) -> bool:
    """Is the word part of a dashed compound naming places: "Japan-Vietnam", "Vietnam-Japan"?"""
    first = index
    while first > 0 and _dashed(words[first]):
        first -= 1
    last = index
    while last + 1 < end and _dashed(words[last + 1]):
        last += 1
    if first == last:
        return False
    return any(w.key in _PLACE_WORDS for w in words[first : last + 1])


def _from_vietnamese_family_name(words: list[_Word], start: int, end: int) -> int:
    """Start a Vietnamese name at its family name: "Finance Nguyen Van Thang" -> "Nguyen...".

    Only for names of three words or more, as Vietnamese names of officials are, so that a
    two-word Japanese name whose given name looks like a family name is left alone.
    """
    if start >= end or words[start].key in _VIETNAMESE_FAMILY_NAMES:
        return start
    for index in range(start + 1, end - 2):
        if words[index].key in _VIETNAMESE_FAMILY_NAMES:
            return index
    return start


def _apposed_title(
    words: list[_Word], after: int, titles: dict[str, list[tuple[str, ...]]]
) -> str | None:
    """A title set off after a name: "Lê Minh Hưng, Secretary of the Party Central Committee"."""
    if after >= len(words) or words[after].gap.strip() != "," or not words[after].capitalised:
        return None
    title_end = _title_at(words, after, titles)
    if title_end is None:
        return None
    span = _read_after_title(words, after, title_end)
    # A name after the title means the title is that name's, not ours.
    return None if span.is_name else span.role
