"""What grouping compares of one article: its ``Evidence``, computed once when it is imported.

Text shingles (near copies in any spelling), proper names and figures (translations keep them),
the dates, the officials the headline and lead name, the place and the day of the meeting; and
the measures ``grouping`` builds on: how far apart two dates are, how much of one text the
other contains, how many names and figures they share. ``fingerprint`` gives the text-derived
part as JSON for the database, ``evidence_from_fingerprint`` reads it back.

Pure Python, no Django.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import accumulate, count
from operator import add

from archive.ingest.dates import find_written_date, folded_position, in_a_range, written_dates
from archive.ingest.event_day import written_weekday
from archive.ingest.spellings import ABROAD, canonical_place, place_key, variant_spans
from archive.ingest.text import fold

__all__ = [
    "FINGERPRINT_VERSION",
    "LEAD_CHARS",
    "Evidence",
    "containment",
    "dates_compatible",
    "day_gap",
    "evidence_from_fingerprint",
    "evidence_of",
    "fingerprint",
    "resemblance",
    "shared_names",
    "years_apart",
]


@dataclass(frozen=True)
class Evidence:
    """What matching needs of one article; build it with ``evidence_of``."""

    published_on: date | None
    year_inferred: bool
    language: str
    shingles: frozenset[int]  # CRC-32 of sampled 12-letter shingles of the folded text
    names: frozenset[str]  # folded proper names, spaces removed: "phamminhchinh", "hanoi"
    numbers: frozenset[str]  # normalised figures: "1,300" -> "1300", "85,36 %" -> "85.36"
    people: frozenset[str]  # person slugs, "pham-minh-chinh"
    # The meeting itself: its day (from the lead; else the publication date), whether the lead
    # writes that day, the officials the headline and lead name, and where it happened.
    occurred_on: date | None = None
    day_written: bool = False
    principals: frozenset[str] = frozenset()
    place: str = ""  # spellings.place_key: "hanoi" for "Hà Nội"
    day: int | None = None  # the meeting's day of the month, even when nothing else is known
    captured_on: date | None = None  # when the page was captured, if the capture says
    weekday: int | None = None  # an undated story's meeting's weekday, from its lead (Monday 0)


# --- Text shingles -------------------------------------------------------------------------

# Characters per shingle, counted in the folded text with spaces and punctuation removed, so
# "Việt Nam" and "Vietnam", "Hà Nội" and "Hanoi" give the same shingles. Twelve characters
# span two or three words: long enough that unrelated texts rarely share one by chance.
SHINGLE_CHARS = 12
# Two samplings keep the set small, and both depend on the compact text alone (never on where
# the spaces were), so two versions of a passage always keep the same shingles of it and the
# overlap of the samples estimates the overlap of the texts without bias:
# - a shingle starts only at an "a" or an "e" (about one letter in five in Latin script);
# - of those, only shingles with an even hash are kept (a "mod 2" MinHash-style sample).
# That leaves about half as many hashes as the text has words: a 900-word article gives some
# 450-550 integers, cheap to build, to store as JSON and to intersect (a few microseconds).
SHINGLE_SAMPLE_MODULUS = 2
_ANCHORS_TO_E = bytes.maketrans(b"a", b"e")
# Below this many shingles, the shorter text is too short for its containment to mean much
# (a headline fits inside any long article); the overlap is divided by this floor instead.
MIN_SHINGLES = 30


def _latin_letters_nfkd_keeps() -> tuple[tuple[str, str], ...]:
    """Lowercase Latin letters that NFKD leaves whole ("đ", "ø", "æ"), with ``fold``'s spelling.

    Derived from ``fold`` rather than copied, so the fast path below cannot drift from it.
    """
    letters = []
    for code in [*range(0x80, 0x250), *range(0x1E00, 0x1F00)]:
        letter = chr(code)
        folded = fold(letter)
        stripped = unicodedata.normalize("NFKD", letter).encode("ascii", "ignore").decode()
        if letter.islower() and folded.isascii() and stripped != folded:
            letters.append((letter, folded))
    return tuple(letters)


_LETTERS_NFKD_KEEPS = _latin_letters_nfkd_keeps()
_ASCII_NOT_LETTERS_OR_DIGITS = bytes(code for code in range(128) if not chr(code).isalnum())
_LETTERS_AND_DIGITS = re.compile(r"[^\W_]+")


def _compact_text(text: str) -> tuple[bytes, bool]:
    """``text`` folded, with only letters and digits left: "Việt Nam's" -> b"vietnams".

    Also says whether the text is in Latin script. ``fold`` goes character by character in
    Python; for Latin-script text, NFKD and dropping what is not ASCII (the accents) does the
    same in C. Text mostly in another script takes the slow way.
    """
    # Decompose before lowercasing, as `fold` does: compatibility letters decompose to capitals
    # ("ℍ" -> "H").
    lowered = unicodedata.normalize("NFKD", text).lower()
    for letter, folded in _LETTERS_NFKD_KEEPS:
        if letter in lowered:
            lowered = lowered.replace(letter, folded)
    ascii_text = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore")
    if len(ascii_text) < len(lowered) // 2:
        return "".join(_LETTERS_AND_DIGITS.findall(fold(text))).encode(), False
    return ascii_text.translate(None, _ASCII_NOT_LETTERS_OR_DIGITS), True


def _shingles(text: str) -> frozenset[int]:
    compact, latin = _compact_text(text)
    if len(compact) <= SHINGLE_CHARS:
        return frozenset({_stable_hash(compact)}) if compact else frozenset()
    last_start = len(compact) - SHINGLE_CHARS
    # Scripts without "a" and "e" (Japanese, Russian) take every position: rare and short.
    starts = _anchor_positions(compact) if latin else range(last_start + 1)
    pieces = [compact[i : i + SHINGLE_CHARS] for i in starts if i <= last_start]
    return frozenset(h for h in map(_stable_hash, pieces) if h % SHINGLE_SAMPLE_MODULUS == 0)


def _anchor_positions(compact: bytes) -> Iterable[int]:
    """Where "a" and "e" stand in ``compact``, found with C-speed bytes methods."""
    pieces = compact.translate(_ANCHORS_TO_E).split(b"e")
    # The i-th anchor comes after the first i+1 pieces and the i anchors between them.
    return map(add, accumulate(map(len, pieces[:-1])), count())


def _stable_hash(data: bytes) -> int:
    # Python's hash() changes with every process; stored fingerprints need a fixed one. CRC-32
    # is the fastest in the standard library, and 32 bits are plenty: two articles of a few
    # hundred sampled shingles share a hash by chance with odds around one in ten thousand.
    return zlib.crc32(data)


def containment(a: frozenset[int], b: frozenset[int]) -> float:
    """Share of the smaller set found in the other, with a floor on very short texts."""
    if not a or not b:
        return 0.0
    return len(a & b) / max(min(len(a), len(b)), MIN_SHINGLES)


# --- Names and numbers ---------------------------------------------------------------------


def _uppercase_letters_class() -> str:
    """A regex class of the uppercase letters of Latin, Greek and Cyrillic scripts.

    ``re`` has no Unicode-category classes; a class built once lets one regex find whole
    names instead of a Python loop over every word.
    """
    codes = [*range(0x41, 0x530), *range(0x1E00, 0x2000)]
    uppers = [code for code in codes if chr(code).isupper()]
    ranges: list[list[int]] = []
    for code in uppers:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "".join(chr(lo) if lo == hi else f"{chr(lo)}-{chr(hi)}" for lo, hi in ranges)


# A capitalised word, with inner hyphens or apostrophes ("Vietnam-Japan", "People's"), not
# starting inside another word ("McDonald", "non-Vietnamese"). The look-behind comes after
# the capital so the regex engine only tries it at capitals: twice as fast.
_CAPITALISED_WORD = (
    rf"[{_uppercase_letters_class()}](?<![\w'\u2019-].)[\w'\u2019]*(?:-[\w'\u2019]+)*"
)
# Capitalised words separated by spaces only: a line break, comma, dash or bracket separates
# two things ("Forum - Photo: VGP").
_CAPITALISED_RUN = re.compile(rf"{_CAPITALISED_WORD}(?:[ \t\u00a0]+{_CAPITALISED_WORD})*")
_SPACES_AND_BRACKETS = " \t\u00a0(["
# A quotation opens a sentence of its own: «Arbeid! Arbeid!», "Work! Work!".
_OPENING_QUOTES = "\"'\u201c\u2018\u201e\u00ab"
# What ends a sentence or a dateline ("HÀ NỘI — Việt Nam ...").
_SENTENCE_ENDS = ".!?:;\n\u2014\u2013-" + _OPENING_QUOTES
# "USD", "GDP", "ODA", "FTAs", "FTA-er": economic shorthand in every article, not a name.
_SHORT_ACRONYM = re.compile(r"[A-Z]{1,3}(?:s|-[a-z]+)?")
_POSSESSIVE = re.compile(r"['\u2019]s$")
_NOT_LETTERS_OR_DIGITS = re.compile(r"[\W_]+")

# Words that are capitalised in English news but name no one: titles, offices, function
# words, months, and the two countries every article in this archive mentions. A name is cut
# at them, which leaves the name itself: "Prime Minister Pham Minh Chinh" -> "phamminhchinh".
# Folded forms; Norwegian titles too, since Norwegian capitalises them at a sentence start.
_NOT_NAMES = frozenset(
    {
        "a", "an", "and", "the", "of", "for", "in", "on", "at", "by", "with", "from", "as", "but",
        "or", "nor", "so", "his", "her", "its", "their", "our", "this", "that", "these", "those",
        "he", "she", "it", "we", "they", "mr", "mrs", "ms", "dr", "prof", "comrade", "excellency",
        "prime", "minister", "president", "vice", "deputy", "general", "secretary", "party",
        "chairman", "chairwoman", "chair", "chief", "head", "foreign", "affairs", "ambassador",
        "special", "envoy", "advisor", "adviser", "extraordinary", "plenipotentiary", "governor",
        "mayor", "speaker", "director", "consul", "ministry", "government", "national", "assembly",
        "central", "committee", "commission", "politburo", "provincial", "province", "city",
        "people", "council", "department", "office", "embassy", "standing", "permanent", "member",
        "delegation", "comprehensive", "strategic", "partnership", "forum", "resolution", "peace",
        "prosperity", "world", "vietnam", "vietnams", "vietnamese", "japan", "japans", "japanese",
        "asean", "asia", "photo", "foto", "source", "kilde", "comment", "comments", "vna", "vns",
        "vgp", "ttxvn", "vov", "statsminister", "statsministeren", "utenriksminister",
        "utenriksministeren", "generalsekretaer", "presidenten", "ambassadoren", "forumet",
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday",
    }
)  # fmt: skip
_MIN_SINGLE_NAME_CHARS = 3

# Digits with separators: "1,300", "1.300", "85.36", "85,36"; normalised in _normal_number.
# Thousands grouped by spaces ("345 000": Norwegian, French; cleaning turned no-break spaces into
# plain ones) only after a group of at most three digits, so "in 2025 100 delegates" stays two.
_NUMBER = re.compile(r"(?<![\w.,])(?:\d{1,3}(?: \d{3})+(?!\d)|\d+(?:[.,\u00a0\u202f\u2009]\d+)*)")
_NUMBER_SEPARATORS = re.compile(r"[ .,\u00a0\u202f\u2009]")
# Small counts ("the two sides", "6 orientations") are in every article; they prove nothing.
TRIVIAL_NUMBER_MAX = 10


def _names(text: str) -> set[str]:
    """Folded proper names of ``text``, spaces removed: {"phamminhchinh", "quangninh", ...}."""
    names: set[str] = set()
    for run in _CAPITALISED_RUN.finditer(text):
        names.update(_names_in_run(run.group(), _opens_sentence(text, run.start())))
    return names


def _opens_sentence(text: str, start: int) -> bool:
    # Looking back a few characters is enough: only spaces, brackets or a quote mark stand
    # between a sentence's first word and the previous sentence's end.
    before = text[max(0, start - 8) : start].rstrip(_SPACES_AND_BRACKETS)
    return not before or before[-1] in _SENTENCE_ENDS


# Runs repeat within an article ("Prime Minister Pham Minh Chinh") and across articles.
@lru_cache(maxsize=16384)
def _names_in_run(run: str, sentence_start: bool) -> tuple[str, ...]:
    """Cut a run at title and function words; what remains between them are names."""
    tokens = run.split()
    if len(tokens) == 1 and _SHORT_ACRONYM.fullmatch(run):
        return ()
    words, first_token_words = _name_words(tokens)
    # Any word is capitalised at a sentence start: what comes from that first word alone is
    # no evidence of a name ("Festival-goers can ...").
    unproven = first_token_words if sentence_start else 0
    names: list[str] = []
    segment: list[str] = []
    segment_start = 0
    for position, word in enumerate([*words, ""]):
        if word and word not in _NOT_NAMES:
            if not segment:
                segment_start = position
            segment.append(word)
            continue
        if segment and segment_start + len(segment) > unproven and _long_enough(segment):
            names.append("".join(segment))
        segment = []
    return tuple(names)


def _name_words(tokens: list[str]) -> tuple[list[str], int]:
    """Folded words of a run, "" where a name cannot continue; and how many the first token gave."""
    words: list[str] = []
    first_token_words = 0
    for index, token in enumerate(tokens):
        for part in token.split("-"):
            # A lowercase part is a suffix, not a name: "Festival-goers", "Ho Chi Minh-byen".
            if not part[:1].isupper():
                words.append("")
                continue
            word = _name_word(part)
            # "Việt Nam" is one word in every other spelling.
            if word == "nam" and words and words[-1] == "viet":
                words[-1] = "vietnam"
            else:
                words.append(word)
        if index == 0:
            first_token_words = len(words)
    return words, first_token_words


@lru_cache(maxsize=16384)
def _name_word(part: str) -> str:
    """ "Việt" -> "viet", "People's" -> "people": one word of a name, folded."""
    folded = part.lower() if part.isascii() else fold(part)
    return _NOT_LETTERS_OR_DIGITS.sub("", _POSSESSIVE.sub("", folded))


def _long_enough(segment: list[str]) -> bool:
    # Single short words are initials and acronyms ("R" in "(R)", "AI"), not names.
    return len(segment) >= 2 or len(segment[0]) >= _MIN_SINGLE_NAME_CHARS


def _numbers(text: str, published_on: date | None, year_inferred: bool) -> set[str]:
    numbers = {_normal_number(found) for found in _NUMBER.findall(text)}
    # Every article of a day repeats its day and year; only other figures tell events apart.
    if published_on is not None:
        numbers.discard(str(published_on.day))
        if not year_inferred:
            numbers.discard(str(published_on.year))
    return {n for n in numbers if not _is_trivial(n)}


def _normal_number(written: str) -> str:
    """One spelling per figure: "1,300" and "1.300" -> "1300"; "85,36" -> "85.36"."""
    if written.isdigit():  # most figures: no separator to read
        return written.lstrip("0") or "0"
    head, *groups = _NUMBER_SEPARATORS.split(written)
    if groups and len(head) <= 3 and all(len(group) == 3 for group in groups):
        digits = head + "".join(groups)  # thousands separators, in any convention
    elif len(groups) == 1:
        digits = f"{head}.{groups[0]}"  # a decimal point or comma
    else:
        digits = written.replace(" ", "")
    return digits.lstrip("0") or "0"


def _is_trivial(number: str) -> bool:
    return "." not in number and len(number) <= 2 and int(number) <= TRIVIAL_NUMBER_MAX


# --- Evidence ------------------------------------------------------------------------------


def evidence_of(
    *,
    title: str,
    body: str,
    published_on: date | None,
    year_inferred: bool,
    language: str,
    people: Iterable[str] = (),
    principals: Iterable[str] = (),
    place: str | None = None,
    occurred_on: date | None = None,
    day_written: bool | None = None,
    captured_on: date | None = None,
) -> Evidence:
    """Everything ``match`` needs of one article, computed once.

    ``principals``: the officials its headline and lead name; ``place``: its dateline's place
    (else the first city its lead names); ``occurred_on``: the meeting's day, when known, and
    ``day_written``: whether the lead names it (without, a written date in the lead counts).
    """
    text = f"{title}\n\n{body}"
    lead = lead_of(title, body)
    return Evidence(
        published_on=published_on,
        year_inferred=year_inferred,
        language=language,
        shingles=_shingles(text),
        names=frozenset(_names(text)),
        numbers=frozenset(_numbers(text, published_on, year_inferred)),
        people=frozenset(people),
        occurred_on=occurred_on or published_on,
        day_written=day_written
        if day_written is not None
        else find_written_date(body[:LEAD_CHARS]) is not None
        or (occurred_on is not None and occurred_on != published_on),
        principals=frozenset(principals),
        place=_meeting_place(place, lead),
        day=(occurred_on or published_on).day if (occurred_on or published_on) else _day_in(lead),
        captured_on=captured_on,
        weekday=None if (occurred_on or published_on) else written_weekday([lead], language),
    )


# "24日", "本28日", "1일": Japanese, Chinese and Korean stories give the meeting's day of the
# month alone ("Prime Minister Kishida met ... on the 24th").
_DAY_OF_MONTH = re.compile(r"(?<![\d/])(\d{1,2})\s*[日일](?![本元])")


def _day_in(lead: str) -> int | None:
    """The day of the month an undated story's lead gives first: a written date ("September
    7", "ngày 19-10", "9月6日"), else a day alone ("24日")."""
    folded = fold(lead)
    days = [
        (start, written.day)
        for start, end, written in written_dates(lead, folded)
        if not in_a_range(folded, start, end)
    ]
    # "11月16日から17日にかけて": the days of a visit, not the day of one meeting. (Read in
    # the text: folding spells Korean syllables out in letters, "일" among them.)
    in_folded = folded_position(lead, folded)
    days += [
        (in_folded(match.start()), int(match.group(1)))
        for match in _DAY_OF_MONTH.finditer(lead)
        if 1 <= int(match.group(1)) <= 31
        and not in_a_range(folded, in_folded(match.start()), in_folded(match.end()))
    ][:1]
    return min(days)[1] if days else None


# Where the lead of a story is: its headline and first two or three sentences.
LEAD_CHARS = 400
_REST_OF_WORD = re.compile(r"\w*")


def lead_of(title: str, body: str) -> str:
    """The headline and the body's first ``LEAD_CHARS`` characters, to the end of the word
    they cut: a name cut in two ("Sekiguchi Mas") is no name, and no one else's."""
    cut = body[:LEAD_CHARS] + _REST_OF_WORD.match(body, LEAD_CHARS).group() if body else ""
    return f"{title}\n\n{cut}"


# The countries every story of this archive names: where a meeting happened is a city.
_COUNTRIES = frozenset({"Vietnam", "Japan"})


# Places a story may give that are no city ("in Japan", "in Asia", a sea): they place no
# meeting.
_NOT_CITIES = frozenset({
    "vietnam", "japan", "asia", "southeastasia", "asean", "china", "laos", "cambodia",
    "thailand", "korea", "southkorea", "mongolia", "indonesia", "malaysia", "philippines",
    "myanmar", "india", "europe", "mekong",
    # Seas: "trên Biển Đông" places a dispute, not a meeting.
    "biendong", "eastsea", "southchinasea", "eastchinasea", "pacific", "asiapacific",
    "indopacific",
})  # fmt: skip


def _city_key(place: str | None) -> str:
    key = place_key(place)
    return "" if key in _NOT_CITIES else key


def _meeting_place(place: str | None, lead: str) -> str:
    """The place of the meeting: the story's own (its dateline's, or the one its lead writes
    after "in"), else the city its lead names (`_city_in`). A dateline names where the outlet
    files from as often as where the meeting is: abroad, a city the lead says something
    happens in wins ("SEOUL – ... their summit in Tokyo"); at home, a city at home the lead
    says so of ("Hanoi (VNA) – ... received ... in Hoi An city"), not a stop abroad it
    recalls ("after the premier's stop in Jakarta")."""
    key = _city_key(place)
    if not key:
        return _city_in(lead)
    if canonical_place(place) in ABROAD:
        return _located_city(lead) or key
    return _located_city(lead, datelines=False, abroad=False) or key


def _city_in(lead: str) -> str:
    """The city the lead says the meeting is in (`_located_city`), else the first city of the
    two countries written at all ("Tokyo is pushing to deepen ties" names a city, not the
    meeting's place; see ``spellings.ABROAD``)."""
    located = _located_city(lead)
    if located:
        return located
    home = [canonical for _, _, canonical in _cities(lead) if canonical not in ABROAD]
    return place_key(home[0]) if home else ""


def _located_city(lead: str, datelines: bool = True, abroad: bool = True) -> str:
    """The first city the lead writes after "in", "tại", "à"... or before "で", "에서" (or, in
    Vietnam or Japan, opening a dateline, with `datelines`); a city abroad only with
    `abroad`."""
    for start, end, canonical in _cities(lead):
        if not abroad and canonical in ABROAD:
            continue
        if _located(lead, start, end, dateline=datelines and canonical not in ABROAD):
            return place_key(canonical)
    return ""


def _cities(lead: str) -> list[tuple[int, int, str]]:
    return [span for span in variant_spans(lead) if span[2] not in _COUNTRIES]


# Words before a city that say something happens there; particles after it in Japanese,
# Korean and Chinese ("ハノイで", "バンコクにおいて", "하노이에서", "在河内"); a dateline
# ("HANOI (VNA) –").
# Chinese may name the country and region between 在 and the city ("，在韓國東南部慶州"), where
# 在 opens the phrase (not inside a name: 李在明).
_BEFORE_PLACE = re.compile(
    r"(?:\b(?:in|at|to|a|à|en|tai|tại|o|ở|den|đến|nach|i|sa|em|na|в|во)|在"
    r"|(?<![\u3040-\u30ff\u4e00-\u9fff])在[\u4e00-\u9fff]{1,6})\s*$",
    re.IGNORECASE,
)
# A Japanese lead may put a venue between the city and its particle ("北京の人民大会堂で").
_AFTER_PLACE = re.compile(
    r"\s*(?:市|都)?(?:の[^\s、。,.「」()（）]{1,10}?)?(?:において|にて|で|を訪|に到着|에서)"
)
_DATELINE_AFTER_PLACE = re.compile(r"\s*[(,–—-]")


def _located(lead: str, start: int, end: int, dateline: bool) -> bool:
    after = lead[end : end + 16]
    opens_line = start == 0 or lead[:start].rstrip(" ").endswith("\n")
    if dateline and opens_line and _DATELINE_AFTER_PLACE.match(after):
        return True
    if _AFTER_PLACE.match(after):
        return True
    return bool(_BEFORE_PLACE.search(lead[max(0, start - 12) : start]))


# Bump whenever shingles, names or numbers are computed differently: fingerprints of two
# versions cannot be compared, so stored ones must then be recomputed from the article text.
FINGERPRINT_VERSION = 3  # 2: numbers grouped by spaces; 3: the meeting's day, place, principals


def fingerprint(evidence: Evidence) -> dict:
    """The text-derived parts of ``evidence`` as JSON-ready lists, sorted for stable diffs.

    Date, language and people are stored on the article itself, so they are not repeated.
    """
    return {
        "version": FINGERPRINT_VERSION,
        "shingles": sorted(evidence.shingles),
        "names": sorted(evidence.names),
        "numbers": sorted(evidence.numbers),
        "occurred": evidence.occurred_on.isoformat() if evidence.occurred_on else None,
        "day_written": evidence.day_written,
        "principals": sorted(evidence.principals),
        "place": evidence.place,
        "day": evidence.day,
        "captured": evidence.captured_on.isoformat() if evidence.captured_on else None,
        "weekday": evidence.weekday,
    }


def evidence_from_fingerprint(
    data: dict,
    *,
    published_on: date | None,
    year_inferred: bool,
    language: str,
    people: Iterable[str] = (),
) -> Evidence:
    """The ``Evidence`` a stored ``fingerprint`` came from, with the article's own fields.

    Raises ``ValueError`` for a fingerprint of another version: recompute it with
    ``evidence_of``.
    """
    version = data.get("version")
    if version != FINGERPRINT_VERSION:
        raise ValueError(
            f"fingerprint version {version!r}, this code reads version {FINGERPRINT_VERSION}"
        )
    return Evidence(
        published_on=published_on,
        year_inferred=year_inferred,
        language=language,
        shingles=frozenset(map(int, data["shingles"])),
        names=frozenset(data["names"]),
        numbers=frozenset(data["numbers"]),
        people=frozenset(people),
        occurred_on=date.fromisoformat(data["occurred"]) if data.get("occurred") else None,
        day_written=bool(data.get("day_written")),
        principals=frozenset(data.get("principals", ())),
        place=data.get("place", ""),
        day=data.get("day"),
        captured_on=date.fromisoformat(data["captured"]) if data.get("captured") else None,
        weekday=data.get("weekday"),  # absent from fingerprints stored before it was read
    )


# --- Matching ------------------------------------------------------------------------------

# Any leap year: it holds every month/day a year-inferred date may carry, February 29 too.
_ANY_LEAP_YEAR = 2000
_DAYS_IN_LEAP_YEAR = 366


def day_gap(a: Evidence, b: Evidence) -> int | None:
    """Days between the two dates; None if either is missing.

    A year-inferred date's year is a guess, so then only month and day are compared, around
    the year's end too (December 31 and January 1 are one day apart).
    """
    return days_between(a.published_on, b.published_on, a.year_inferred or b.year_inferred)


def days_between(a: date | None, b: date | None, year_guessed: bool) -> int | None:
    """``day_gap`` of two days, compared by month and day when a year is guessed."""
    if a is None or b is None:
        return None
    if not year_guessed:
        return abs((a - b).days)
    gap = abs(_day_of_any_leap_year(a) - _day_of_any_leap_year(b))
    return min(gap, _DAYS_IN_LEAP_YEAR - gap)


def _day_of_any_leap_year(day: date) -> int:
    return date(_ANY_LEAP_YEAR, day.month, day.day).timetuple().tm_yday


def years_apart(a: Evidence, b: Evidence, days: int) -> bool:
    """Whether the dates agree only by month and day: a year is guessed, and the dates as stored
    are more than ``days`` apart (another year, not the days around a new year)."""
    if a.published_on is None or b.published_on is None:
        return False
    if not (a.year_inferred or b.year_inferred):
        return False
    return abs((a.published_on - b.published_on).days) > days


def dates_compatible(a: Evidence, b: Evidence, days: int) -> bool:
    """Whether the dates are at most ``days`` apart; a missing date contradicts nothing."""
    gap = day_gap(a, b)
    return gap is None or gap <= days


def resemblance(a: Evidence, b: Evidence) -> float:
    """How much of the shorter text the longer one contains, 0..1, from sampled shingles."""
    return containment(a.shingles, b.shingles)


def shared_names(a: Evidence, b: Evidence) -> tuple[int, float]:
    """Names, people and figures both articles mention: how many, and the overlap coefficient.

    The overlap coefficient (shared / size of the smaller set) rather than Jaccard, because a
    short wire story and a long aggregator page about one event differ mostly in length.
    """
    items_a, items_b = _items(a), _items(b)
    if not items_a or not items_b:
        return 0, 0.0
    shared = len(items_a & items_b)
    return shared, shared / min(len(items_a), len(items_b))


def _items(evidence: Evidence) -> frozenset[str]:
    # People slugs fold to the same key as the name written in the text, so they count once.
    people = {slug.replace("-", "") for slug in evidence.people}
    # "#" keeps a figure apart from a name with digits ("g7").
    return evidence.names | people | {f"#{n}" for n in evidence.numbers}
