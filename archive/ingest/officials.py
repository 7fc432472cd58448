"""The officials a clean story names: by name (the registry, ``people.find_people``) and by
their office alone on the story's confirmed date, or in the era of the officials it names
(``title_holders``, ``tenures``); and which of them its headline and lead name, whom the
meeting is between (``grouping`` compares them).

Pure Python.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from archive.ingest.evidence import lead_of
from archive.ingest.name_words import Word, split_words
from archive.ingest.people import Mention, Registry, find_people, looks_vietnamese, story_text
from archive.ingest.romanise import candidate_slug, is_japanese_script
from archive.ingest.tenures import TERMS, era_of, within
from archive.ingest.title_holders import named_by_title

if TYPE_CHECKING:
    from archive.ingest.pipeline import Extracted


def confirmed_day(extracted: Extracted) -> date | None:
    """The story's day, if nothing about it is guessed: the meeting's day, else the page's."""
    if extracted.year_inferred:
        return None
    return extracted.occurred_on or extracted.published_on


def officials_named(extracted: Extracted, registry: Registry) -> list[Mention]:
    """One ``Mention`` per official the story names, in the order of their first mention."""
    text = story_text(extracted)
    mentions = find_people(text, registry, extracted.language)
    mentions += _by_title(text, extracted, registry, {m.slug for m in mentions})
    if len(mentions) < PRINCIPALS:
        mentions += _by_surnames_in_headline(extracted, registry, {m.slug for m in mentions})
    mentions += _by_surnames_again(text, extracted, registry, {m.slug for m in mentions})
    return mentions


def _by_surnames_in_headline(
    extracted: Extracted, registry: Registry, known: set[str | None]
) -> list[Mention]:
    """The leaders a headline names by their short forms alone ("Lee, Ishiba focus on ... in
    Busan summit"), on the story's confirmed day: each short form must be one official's of
    those in office that day, and two of them in the headline make a meeting. A story that
    never names them in full, as many do after such a headline, names them so."""
    day = confirmed_day(extracted)
    if day is None or extracted.title_derived:
        return []
    found: dict[str, Mention] = {}
    for word in split_words(extracted.title):
        slug = _leader_called(word, day, registry) if word.capitalised else None
        if slug is not None and slug not in known:
            name = registry.person(slug).name
            found.setdefault(slug, Mention(slug, name, word.text, None, is_new=False))
    return list(found.values()) if len(found) >= PRINCIPALS else []


def _leader_called(word: Word, day: date, registry: Registry) -> str | None:
    """The one leader in office on ``day`` whose short form ``word`` is, if only one is."""
    holders = {
        slug
        for form in registry.forms_starting(word.key)
        if form.is_short and len(form.keys) == 1
        for slug in form.slugs
        if slug in TERMS and within(day, era_of([slug]))
    }
    return holders.pop() if len(holders) == 1 else None


# A meeting is between two officials at least.
PRINCIPALS = 2

# How often a story must call a leader by the family name alone to name them so.
SURNAME_MENTIONS = 2
# Family names too many people share for one alone to name the leader who has it: "Lee" in a
# Korean story of 2015 is no Singaporean prime minister.
COMMON_FAMILY_NAMES = frozenset({
    "lee", "kim", "park", "choi", "jung", "chung", "kang", "cho", "jo", "yoon", "yun", "jang",
    "lim", "han", "oh", "seo", "shin", "kwon", "hwang", "ahn", "song", "moon", "li", "wang",
    "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma", "zhu",
    "hu", "guo", "he", "lin", "tan", "ng", "wong", "goh", "sato", "suzuki", "takahashi",
    "tanaka", "watanabe", "ito", "yamamoto", "nakamura", "kobayashi", "kato", "yoshida",
    "yamada", "sasaki", "yamaguchi", "matsumoto", "inoue", "kimura", "hayashi", "shimizu",
})  # fmt: skip


def _by_surnames_again(
    text: str, extracted: Extracted, registry: Registry, known: set[str | None]
) -> list[Mention]:
    """The leaders a story calls by their family name alone, again and again, never in full
    (a page whose first mention was cut off: "Abe agreed", "Kishida e Hun Sen"): on the
    story's confirmed day, the family name must be one official's of those in office, and
    not a Vietnamese given name (many people's)."""
    day = confirmed_day(extracted)
    if day is None:
        return []
    counts: dict[str, int] = {}
    for word in split_words(text):
        if not word.capitalised or word.key in COMMON_FAMILY_NAMES:
            continue
        slug = _leader_called(word, day, registry)
        if slug is not None and slug not in known:
            counts[slug] = counts.get(slug, 0) + 1
    found = []
    for slug, count in counts.items():
        person = registry.person(slug)
        if count >= SURNAME_MENTIONS and not looks_vietnamese(person.name):
            found.append(Mention(slug, person.name, person.name, None, is_new=False))
    return found


def principals(
    extracted: Extracted, registry: Registry, named: list[Mention] | None = None
) -> list[str]:
    """The officials a story's headline and lead name: whom the meeting is between. A headline
    naming two says it alone; a lead that names fewer than two (a long first sentence naming
    the host, the guest further down) is completed with the officials the story (``named``:
    ``officials_named``) names first. An official the registry does not confirm (a new name
    found by a title, ``KnownPerson.candidate``) counts only named with an office in the lead,
    and only to make up two: a meeting of a deputy minister is between officials too."""

    def officials(mentions: list[Mention]) -> set[str]:
        return {m.slug for m in mentions if m.slug and not registry.person(m.slug).candidate}

    headline = officials(find_people(extracted.title, registry, extracted.language))
    stated = not extracted.title_derived or extracted.title_from_photo
    if stated and len(headline) >= PRINCIPALS:
        # A headline that names the meeting's officials says whom it is between; the lead may
        # go on to the visitor's other hosts.
        return sorted(headline)
    lead = lead_of(extracted.title, extracted.body)
    mentions = find_people(lead, registry, extracted.language)
    mentions += _by_title(lead, extracted, registry, {m.slug for m in mentions})
    found = officials(mentions)
    for mention in mentions:
        # An official the registry does not confirm, named by their office in the lead
        # ("Minister of Economy, Trade and Industry Hiroshige Seko"), is whom a meeting is with
        # before anyone the story names further down; a new one is known by the slug their
        # record will get.
        if len(found) < PRINCIPALS and mention.role:
            if mention.slug is None:
                # A name in Japanese script that reads as someone the registry has (トン・ティ・
                # フォン, "Tong Thi Phong" of an English version) is them (`romanise`).
                found.add(registry.reading(mention.name) or candidate_slug(mention.name))
            elif registry.person(mention.slug).candidate:
                found.add(_as_read(mention.slug, registry))
    confirmed = officials(named or [])
    for mention in named or ():
        if len(found) >= PRINCIPALS:
            break
        if mention.slug in confirmed:
            found.add(mention.slug)
    return sorted(found)


def _as_read(slug: str, registry: Registry) -> str:
    """A new official named in Japanese script (a name an earlier story added) as the one in
    Latin script it reads as, if any: two Japanese pages and an English one of a meeting name
    its Vietnamese host in two katakana spellings and in her own."""
    name = registry.person(slug).name
    return (registry.reading(name) or slug) if is_japanese_script(name) else slug


def _by_title(
    text: str, extracted: Extracted, registry: Registry, known: set[str | None]
) -> list[Mention]:
    day = confirmed_day(extracted)
    eras = () if day else era_of(slug for slug in known if slug)
    found: list[Mention] = []
    for slug, _start, _end in named_by_title(text, day, eras):
        if slug in known or not registry.knows(slug):
            continue
        known.add(slug)
        person = registry.person(slug)
        # Named by an office ("天皇陛下", "the Emperor"): no spelling of their name to keep as
        # an alias, which would name them when a successor holds the office.
        found.append(Mention(slug, person.name, person.name, None, is_new=False))
    return found
