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
  candidate (``Mention.is_new``) for an editor to confirm (``titled_names`` reads them; the
  words and the vocabulary of titles are ``name_words``).

The registry is compiled once per import batch into a dict from a name's first folded word
to the names starting with it, so a story is read in one pass over its words, whatever the
size of the registry.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from archive.ingest import cjk_names, hangul, romanise
from archive.ingest.name_variants import (
    JAPAN,
    VIETNAM,
    alias_variants,
    by_ear,
    country_code,
    distinct_spellings,
    looks_vietnamese,
    reversed_order,
    short_forms,
    unhyphenated,
)
from archive.ingest.name_words import (
    OFFICE_WORDS,
    PLACE_PAIRS,
    PLACE_WORDS,
    WORD,
    Word,
    dashed,
    name_keys,
    opens_sentence,
    spaced,
    split_words,
    title_table,
    word_key,
)
from archive.ingest.near_names import NearSpellings
from archive.ingest.spellings import is_place_name
from archive.ingest.tenures import TERMS
from archive.ingest.text import fold, slugify
from archive.ingest.titled_names import Span, apposed_title, title_spans

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
    # Found by a title in an earlier story, not confirmed by an editor: a name, maybe of
    # someone long dead ("President Ho Chi Minh's mausoleum"), never whom a meeting is between.
    candidate: bool = False


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


# --- Known people ---------------------------------------------------------------------


def known_people(rows: Iterable[Mapping]) -> list[KnownPerson]:
    """``KnownPerson`` rows from registry dicts ``{"name", "country", "aliases", ...}``.

    The aliases are completed with ``alias_variants`` and ``short_forms``, so a row that lists
    only the canonical name is still found in every usual spelling; spellings by ear, for
    a Vietnamese official the katakana given name with the offices of their ``roles``
    ("チン首相"), and for a new name of no known country its two words in the other order, are
    added for matching.
    """
    people = []
    for row in rows:
        name, country = row["name"], row.get("country")
        given = list(row.get("aliases", ()))
        one_word = [a for a in given if len(name_keys(a)) == 1]
        full = [a for a in given if len(name_keys(a)) > 1]
        heard = by_ear(name, country)
        titles = [role["title"] for role in row.get("roles", ())]
        if country_code(country) == VIETNAM or (country is None and looks_vietnamese(name)):
            heard += cjk_names.given_name_with_offices(given, titles)
        elif country and country_code(country) != JAPAN:  # a new name: no guess
            heard += cjk_names.part_with_offices(given, titles)
        aliases = distinct_spellings(
            [
                *full,
                *alias_variants(name, country),
                *heard,
                *reversed_order(name, country),
                *unhyphenated([name, *full]),
            ]
        )
        shorter = [*one_word, *short_forms(name, country)]
        # A part of a name in Hangul is a syllable or two that Korean prose is full of ("상",
        # "간"): Korean spellings give no short forms.
        shorter += [
            form
            for spelling in heard
            if not hangul.is_hangul(spelling)
            for form in short_forms(spelling, country)
        ]
        people.append(
            KnownPerson(
                slug=slugify(name),
                name=name,
                aliases=tuple(a for a in aliases if a != name),
                short_forms=tuple(distinct_spellings(shorter)),
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
        self._readings: romanise.Readings | None = None  # built when first asked (`reading`)
        self._latin_readings: romanise.LatinReadings | None = None  # (`latin_reading`)
        self._near: NearSpellings | None = None  # built when first asked (`near_spelling`)

    def reading(self, name: str) -> str | None:
        """The slug of the person a new name in Japanese script reads as (``romanise``: the
        same romanised name, or a katakana name that sounds the same), if any."""
        if self._readings is None:
            self._readings = romanise.Readings(
                (p.slug, (p.name, *p.aliases)) for p in self._people.values()
            )
        proposal = self._readings.propose(name)
        return proposal.merge_into if proposal else None

    def latin_reading(self, name: str) -> str | None:
        """The slug of the new official named in Japanese script in an earlier story that a new
        name in Latin letters reads as, if any (``romanise.LatinReadings``)."""
        if self._latin_readings is None:
            self._latin_readings = romanise.LatinReadings(
                (p.slug, p.name) for p in self._people.values() if p.candidate
            )
        return self._latin_readings.find(name)

    def near_spelling(self, name: str) -> str | None:
        """The slug of the one known person a new Latin name is a slip away from: a typo, a
        middle name, a generation suffix (``near_names``)."""
        if self._near is None:
            self._near = NearSpellings()
            for forms in self._forms.values():
                for form in forms:
                    if not form.is_short and len(form.slugs) == 1:
                        self._near.add(form.slugs[0], [form.keys])
        return self._near.find(name_keys(name))

    def _add_cjk(self, person: KnownPerson) -> None:
        spellings = (person.name, *person.aliases, *person.short_forms)
        for spelling in cjk_names.with_offices(spellings):
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
        if self._readings is not None:
            self._readings.add(person.slug, (person.name, *person.aliases))
        if self._latin_readings is not None and person.candidate:
            self._latin_readings.add(person.slug, person.name)
        self._add_cjk(person)
        self._cjk_pattern = cjk_names.compile_spellings(self._cjk_written)
        for form in _forms_of([person]):
            candidates = self._forms.setdefault(form.keys[0], [])
            same = next((f for f in candidates if f.keys == form.keys), None)
            if same is None:
                candidates.append(form)
                if self._near is not None and not form.is_short:
                    self._near.add(person.slug, [form.keys])
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
            keys = name_keys(spelling)
            # One word alone names no one for sure: it is a short form, whatever its field.
            if len(keys) == 1 and spelling != person.name:
                short.setdefault(keys, []).append(person.slug)
            elif keys:
                full.setdefault(keys, person.slug)
        for spelling in person.short_forms:
            keys = name_keys(spelling)
            if keys:
                short.setdefault(keys, []).append(person.slug)
        for spelling in _kanji_readings(person):
            full.setdefault(name_keys(spelling), person.slug)
    forms = [_Form(keys, (slug,), is_short=False) for keys, slug in full.items()]
    forms += [
        _Form(keys, tuple(dict.fromkeys(slugs)), is_short=True) for keys, slugs in short.items()
    ]
    return forms


def _kanji_readings(person: KnownPerson) -> tuple[str, ...]:
    """A new official named in kanji (``大島理森``) as a story in Latin letters writes them:
    their reading, family name first or last ("Oshima Tadamori", "Tadamori Oshima"). A
    katakana name's reading is Japanese syllables no one writes (``romanise``): none."""
    if not person.candidate or not romanise.is_kanji_name(person.name):
        return ()
    reading = romanise.romanise(person.name)
    words = reading.split() if reading else []
    return (reading, " ".join(reversed(words))) if len(words) == 2 else ()


# --- Finding people ---------------------------------------------------------------------


def story_text(story: Extracted) -> str:
    """The text to look for people in: a story's title, body and photo captions.

    ``story`` is an ``Extracted``; only clean text, since cleaning removed what names people
    who are not in the story.
    """
    return "\n\n".join([story.title, story.body, *story.captions])


def word_keys(text: str) -> frozenset[str]:
    """The folded words of ``text`` (see ``could_be_named``)."""
    return frozenset(word_key(word) for word in WORD.findall(unicodedata.normalize("NFC", text)))


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


# A nickname quoted inside a name (President Ferdinand "Bongbong" Marcos Jr.): blanked, so the
# name reads whole; the offsets stay the text's.
_NICKNAME = re.compile(r"(?<=[^\W\d_] )[\"\u201c][^\W\d_]+[\"\u201d](?= [^\W\d_])")


def find_occurrences(text: str, registry: Registry, language: str = "en") -> list[Occurrence]:
    """Every place the text names a person, known or new, in text order.

    The text is NFC-normalised first (so decomposed diacritics read as composed ones); the
    offsets index that normalised text.
    """
    text = _NICKNAME.sub(lambda m: " " * len(m.group()), unicodedata.normalize("NFC", text))
    words = split_words(text)
    known = _known_spans(words, registry)
    titles = title_spans(words, title_table(language))

    roles: dict[int, str] = {}  # first word of a known span -> the title next to it
    new: list[Span] = []
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
        apposed = apposed_title(words, span.end, title_table(language))
        if apposed and not span.is_short:
            roles.setdefault(span.start, apposed)

    occurrences = [
        _occurrence(text, words, s, registry, roles.get(s.start))
        for s in known
        if not _inside_place(words, s.start, s.end)
    ]
    occurrences += [
        _as_someone_known(occurrence, registry)
        for occurrence in (_occurrence(text, words, s, None, s.role) for s in _distinct_spans(new))
        if not _only_in_title_case_headline(text, occurrence) and not _cut_off(text, occurrence)
    ]
    occurrences += _cjk_occurrences(text, registry)
    occurrences.sort(key=lambda o: o.start)
    return occurrences


def _cut_off(text: str, occurrence: Occurrence) -> bool:
    """Whether a new name ends the text or an ellipsis follows it: a page cut off inside the
    name ("President Moon Jae-i", "son homologue vietnamien Nguyen Xuan…"), half a name."""
    rest = text[occurrence.end :].lstrip(" \u00a0")
    return not rest.strip() or rest.startswith(("…", "..."))


def _as_someone_known(occurrence: Occurrence, registry: Registry) -> Occurrence:
    """A new name in Latin letters as the new official an earlier Japanese story named, if it
    reads as them (``Registry.latin_reading``: one person whichever script came first), or as
    the known person it is a slip away from (``Registry.near_spelling``: "Barak Obama")."""
    slug = registry.latin_reading(occurrence.name) or registry.near_spelling(occurrence.name)
    if slug is None:
        return occurrence
    return dataclasses.replace(occurrence, slug=slug, name=registry.person(slug).name, is_new=False)


# A headline in title case capitalises every word: after a title, "Minister Talks Technical
# Intern Program" reads as a name. Such a line is short, with no closing full stop and no
# longer word in lower case but the small words title case leaves ("with", "from"); a new name
# found there counts only if the story names it again.
_HEADLINE_WORDS = 16
_LONGER_WORD = re.compile(r"[^\W\d_]{4,}")
_TITLE_CASE_SMALL_WORDS = frozenset({"with", "from", "into", "over", "upon", "amid", "after"})


def _only_in_title_case_headline(text: str, occurrence: Occurrence) -> bool:
    line_start = text.rfind("\n", 0, occurrence.start) + 1
    line_end = text.find("\n", occurrence.end)
    line = text[line_start : line_end if line_end != -1 else len(text)].strip()
    if line.endswith(".") or len(line.split()) > _HEADLINE_WORDS:
        return False
    longer = _LONGER_WORD.findall(line)
    lowercase = [word for word in longer if not word[0].isupper()]
    if len(longer) < 6 or any(word not in _TITLE_CASE_SMALL_WORDS for word in lowercase):
        return False
    return text.count(occurrence.surface) == 1


def _inside_place(words: list[Word], start: int, end: int) -> bool:
    """Whether the words [start, end) are part of a place's name in the spelling map, with up
    to two words before them and one after: "Ho Chi Minh" in "TP. Hồ Chí Minh" or "Ho Chi Minh
    City" names the city, not the late president."""
    for before in range(min(start, 2) + 1):
        for after in range(min(len(words) - end, 1) + 1):
            if (before or after) and is_place_name(
                tuple(word.key for word in words[start - before : end + after])
            ):
                return True
    return False


def _cjk_occurrences(text: str, registry: Registry) -> list[Occurrence]:
    """Registry spellings in Japanese, Chinese or Korean script, and the names a Japanese story
    gives an office that the registry does not know (see ``cjk_names``): the one person their
    reading names (``Registry.reading``: "西村康稔" reads "Nishimura Yasutoshi", "グエン・ホン・
    ジエン" sounds like Nguyễn Hồng Diên), else new ones."""
    spans = registry.cjk_spans(text)
    known = [
        Occurrence(
            slug=slug,
            name=registry.person(slug).name,
            surface=text[start:end],
            start=start,
            end=end,
            role=cjk_names.office_after(text, end),
            is_new=False,
            by_short_form=False,
        )
        for start, end, slug in spans
    ]
    found = []
    for start, end, name, role in cjk_names.new_names(text, [(s, e) for s, e, _ in spans]):
        slug = registry.reading(name)
        found.append(
            Occurrence(
                slug=slug,
                name=registry.person(slug).name if slug else name,
                surface=name,
                start=start,
                end=end,
                role=role,
                is_new=slug is None,
                by_short_form=False,
            )
        )
    return known + found


_MIDDLE_INITIAL = re.compile(r"(?<=[^\W\d_]) [A-Z]\. (?=[^\W\d_])")


def _occurrence(
    text: str, words: list[Word], span: Span, registry: Registry | None, role: str | None
) -> Occurrence:
    # One space between words: a line break inside a name, or a nickname blanked (`_NICKNAME`),
    # is no spelling of it.
    surface = " ".join(text[words[span.start].start : words[span.end - 1].end].split())
    known = registry is not None and span.slug is not None
    return Occurrence(
        slug=span.slug if known else None,
        # A new name without its middle initial: "Enrique A. Manalo" is "Enrique Manalo".
        name=registry.person(span.slug).name if known else _MIDDLE_INITIAL.sub(" ", surface),
        surface=surface,
        start=words[span.start].start,
        end=words[span.end - 1].end,
        role=role,
        is_new=not known,
        by_short_form=span.is_short,
    )


def _distinct_spans(spans: list[Span]) -> list[Span]:
    # Two titles can lead to the same name ("Deputy Prime Minister and Foreign Minister X").
    seen: set[tuple[int, int]] = set()
    kept = []
    for span in spans:
        if (span.start, span.end) not in seen:
            seen.add((span.start, span.end))
            kept.append(span)
    return kept


def _known_spans(words: list[Word], registry: Registry) -> list[Span]:
    """The registry's people, in one pass over the words."""
    spans: list[Span] = []
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
    words: list[Word], index: int, registry: Registry, named_in_full: dict[str, int]
) -> Span | None:
    for form in registry.forms_starting(words[index].key):
        end = index + len(form.keys)
        if not _written_as_name(words, index, form.keys):
            if not form.is_short and _with_middle_initial(words, index, form.keys):
                return Span(index, end + 1, slug=form.slugs[0])  # "Enrique A. Manalo"
            continue
        if not form.is_short:
            return Span(index, end, slug=form.slugs[0])
        if _common_phrase(words, index, end):
            continue
        earlier = [slug for slug in form.slugs if slug in named_in_full]
        if earlier and _stands_alone(words, index, end):
            # Of two people with this short form, the story means the one it named last.
            slug = max(earlier, key=named_in_full.__getitem__)
            return Span(index, end, slug=slug, is_short=True)
        if (
            not earlier
            and len(form.slugs) == 1
            and form.slugs[0] in TERMS
            and _after_leader_title(words, index)
        ):
            # "PM Kishida thanked PM Chinh": a leader's office and the short form of the one
            # leader it belongs to (one whose terms are known: ``tenures``), in a story that
            # never names them in full (a lead cut off by the page, a wire's second take).
            return Span(index, end, slug=form.slugs[0], is_short=True)
    return None


# A short form followed by a word it makes a common noun with: "Thủ tướng Chính phủ Nguyễn
# Xuân Phúc" is the Prime Minister of the Government, not Prime Minister (Phạm Minh) Chính.
_COMMON_PHRASES = frozenset({
    ("chinh", "phu"), ("chinh", "quyen"), ("chinh", "sach"), ("thu", "tuong"), ("thu", "ky"),
})  # fmt: skip


def _common_phrase(words: list[Word], index: int, end: int) -> bool:
    return (
        end < len(words)
        and spaced(words[end])
        and (words[end - 1].key, words[end].key) in _COMMON_PHRASES
    )


# The last word of a leader's office as written before a name, folded ("PM Chinh", "Prime
# Minister Kishida", "Thủ tướng Chính", "President Thuong", "le Premier ministre Kishida").
_LEADER_TITLE_ENDS = frozenset({
    "pm", "minister", "premier", "president", "chairman", "chairwoman", "secretary", "fm",
    "emperor", "tuong", "nuoc", "ministre", "ministro", "presidente",
    "premierminister", "prasident", "statsminister", "punong", "министр", "президент",
    "премьер", "генсек", "император", "премьер-министр",
})  # fmt: skip


def _after_leader_title(words: list[Word], index: int) -> bool:
    """Whether a leader's office stands right before the word, or before the country that
    qualifies it ("Thủ tướng Nhật Bản Fukuda", "Premier ministre japonais Kishida")."""
    if index == 0 or not spaced(words[index]):
        return False
    if index + 1 < len(words) and words[index + 1].capitalised and spaced(words[index + 1]):
        return False  # a longer name, not a short form
    before = index - 1
    while before > 0 and spaced(words[before]):
        pair = (words[before - 1].key, words[before].key)
        if pair in PLACE_PAIRS:
            before -= 2
        elif words[before].key in PLACE_WORDS:
            before -= 1
        else:
            break
    return before >= 0 and words[before].key in _LEADER_TITLE_ENDS


def _with_middle_initial(words: list[Word], index: int, keys: tuple[str, ...]) -> bool:
    """Do the words at ``index`` spell ``keys`` with a middle initial after the first word
    ("Enrique A. Manalo" for Enrique Manalo)?"""
    initial = index + 1
    if len(keys) < 2 or initial + len(keys) > len(words):
        return False
    after = words[initial + 1]
    return (
        words[initial].text.isupper()
        and len(words[initial].text) == 1
        and spaced(words[initial])
        and after.gap.strip() == "."
        and _written_as_name(words, index, keys[:1])
        and after.key == keys[1]
        and after.capitalised
        and _written_as_name(words, initial + 1, keys[1:])
    )


def _written_as_name(words: list[Word], index: int, keys: tuple[str, ...]) -> bool:
    """Do the words at ``index`` spell ``keys``, capitalised, on one line without punctuation?
    The part of a given name after its hyphen may be in lower case ("Yoon Suk-yeol")."""
    end = index + len(keys)
    if end > len(words):
        return False
    for offset, key in enumerate(keys):
        word = words[index + offset]
        hyphenated = offset > 0 and dashed(word)
        if word.key != key or not (word.capitalised or hyphenated):
            return False
        if offset and not (spaced(word) or hyphenated):
            return False
    return True


def _stands_alone(words: list[Word], start: int, end: int) -> bool:
    """Is a short form a name by itself, not a piece of another capitalised name?

    "Trung Quốc" (China) and "Nguyen Van Lam" contain a short form but name someone else.
    A title before it is fine ("Ambassador Ito"), and so is a capitalised word that opens
    the sentence ("Recalling Ishiba's visit").
    """
    if end < len(words) and spaced(words[end]) and words[end].capitalised:
        return False
    if start > 0 and spaced(words[start]) and words[start - 1].capitalised:
        before = start - 1
        if words[before].key not in OFFICE_WORDS and not opens_sentence(words, before):
            return False
    return True
