"""The words of a story as name matching reads them, and the vocabulary of titles.

``split_words`` cuts a text into ``Word``s (folded key, capital, what separates it from the
previous word); the word lists say which capitalised words are offices, institutions, places
and months, never names. Shared by ``people`` (known names) and ``titled_names`` (names
after a title). Pure Python.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from archive.ingest.text import fold

# A name has two to four words: "To Lam", "Pham Minh Chinh", "Nguyen Thi Kim Ngan".
MIN_NAME_WORDS = 2
MAX_NAME_WORDS = 4
# How far past a title its qualifiers may run before the name ("Ambassador Extraordinary and
# Plenipotentiary of Vietnam to Japan Ito Naoki" has six runs); beyond that it is not a title.
MAX_TITLE_RUNS = 8


# --- Words ------------------------------------------------------------------------------

WORD = re.compile(r"[^\W_]+")
SPACES = frozenset(" \t\u00a0\u202f")
DASHES = frozenset("-\u2010\u2011\u2013\u2014")
# What may stand between a sentence's end and the next sentence's first word.
SENTENCE_BREAKS = frozenset(".!?:;\n\"'“”‘’«»()[]—–")


# Not frozen: one is built per word of every story, and a frozen dataclass's __init__ costs a
# third more (object.__setattr__ per field). Nothing changes a Word after it is built.
@dataclass(slots=True)
class Word:
    text: str
    key: str  # folded: "Lâm" -> "lam"
    start: int
    end: int
    capitalised: bool
    gap: str  # the text between the previous word and this one


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    if word.isascii():
        return word.lower()
    key = fold(word)
    # Transcriptions hesitate between "э" and "е" ("Абэ", "Абе"): one key for both.
    return _cyrillic_stem(key.replace("э", "е")) if _CYRILLIC.match(key) else key


# Russian declines names: "Фам Минь Чинь", "с Фам Минь Чинем", "премьер-министра Кисиды".
# A Cyrillic word is keyed without its case ending, so that every case finds the name.
_CYRILLIC = re.compile("[\u0400-\u04ff]")
# Folded, as keys are: "й" folds to "и" ("Кисидой" -> "кисидои").
_CYRILLIC_ENDINGS = sorted(
    ("ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "ои", "еи", "ом", "ем", "ью",
     "ам", "ям", "ах", "ях", "а", "я", "у", "ю", "ы", "и", "е", "ь"),
    key=len, reverse=True,
)  # fmt: skip
_STEM_CHARS = 3


def _cyrillic_stem(key: str) -> str:
    for ending in _CYRILLIC_ENDINGS:
        if key.endswith(ending) and len(key) - len(ending) >= _STEM_CHARS:
            return key[: -len(ending)]
    return key


def split_words(text: str) -> list[Word]:
    """The words of ``text``; a foreign name written syllable by syllable, as Vietnamese
    papers long did ("Fu-ku-da", "Ki-si-đa"), is one word."""
    words: list[Word] = []
    append = words.append
    previous_end = 0
    for match in WORD.finditer(text):
        word = match.group()
        start, end = match.span()
        gap = text[previous_end:start]
        if gap == "-" and words and _is_syllable(word) and _is_syllable(words[-1].text, first=True):
            last = words[-1]
            joined = f"{last.text}-{word}"
            words[-1] = Word(joined, last.key + word_key(word), last.start, end, True, last.gap)
        else:
            # Positional arguments: this runs for every word of every story.
            append(Word(word, word_key(word), start, end, word[0].isupper(), gap))
        previous_end = end
    return words


# A syllable of a name written syllable by syllable: short, and only its first capitalised.
# A Korean given name joins two romanised syllables of up to five letters ("Suk-yeol",
# "Kyung-wha"); English compounds after a place ("Japan-based") stay two words.
_SYLLABLE_CHARS = 5
_NOT_SYLLABLES = frozenset({"based", "led", "made", "wide", "born", "owned", "run", "style"})


def _is_syllable(word: str, first: bool = False) -> bool:
    if first:
        head = word.rsplit("-", 1)[-1]
        short = len(head) <= _SYLLABLE_CHARS
        return word[0].isupper() and short and (head == word or head.islower())
    return len(word) <= _SYLLABLE_CHARS and word.islower() and word not in _NOT_SYLLABLES


def name_keys(name: str) -> tuple[str, ...]:
    """The keys of a spelling's words, split as a story's are (``split_words``: "Jae-in" is
    one word there, so it is one here)."""
    return tuple(word.key for word in split_words(unicodedata.normalize("NFC", name)))


def spaced(word: Word) -> bool:
    """Is the word joined to the previous one by spaces only (same line, no punctuation)?"""
    return bool(word.gap) and all(ch in SPACES for ch in word.gap)


def dashed(word: Word) -> bool:
    """Is the word joined to the previous one by a dash: "Japan-Vietnam", "Japan–Việt"?"""
    return len(word.gap) == 1 and word.gap in DASHES


def opens_sentence(words: list[Word], index: int) -> bool:
    # A sentence's first word is capitalised whatever it is, so its capital proves nothing.
    if index == 0:
        return True
    gap = words[index].gap
    return any(ch in SENTENCE_BREAKS for ch in gap)


# --- Vocabulary -------------------------------------------------------------------------

# Titles, folded, per language of the story. Longer titles are tried first, so "Party
# General Secretary" wins over "General Secretary" and "Secretary".
TITLES_BY_LANGUAGE: dict[str, tuple[str, ...]] = {
    "en": (
        "prime minister", "deputy prime minister", "acting prime minister",
        "minister", "deputy minister", "foreign minister", "deputy foreign minister",
        "party general secretary", "general secretary", "secretary general",
        "secretary", "party secretary", "provincial party secretary",
        "ambassador", "special ambassador", "special envoy", "envoy",
        "special advisor", "special adviser", "senior advisor", "senior adviser",
        "advisor", "adviser", "president", "vice president", "state president",
        "chairman", "chairwoman", "chairperson", "vice chairman", "vice chairwoman",
        "speaker", "governor", "mayor", "director general", "counterpart",
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
        "thống đốc", "tỉnh trưởng", "tổng thống", "phó tổng thống", "ngoại trưởng",
        "tổng thư ký", "thư ký", "tổng giám đốc", "giám đốc",
    ),
    # French, German and Spanish stories: their own titles ("le Premier ministre japonais",
    # "der chinesische Außenminister", "el presidente surcoreano"), and the English ones their
    # wire copy keeps.
    "fr": (
        "premier ministre", "vice-premier ministre", "ministre", "président", "présidente",
        "vice-président", "secrétaire général", "ambassadeur", "ambassadrice", "homologue",
        "gouverneur", "maire", "chef de la diplomatie",
    ),
    "de": (
        "präsident", "präsidentin", "staatspräsident", "ministerpräsident", "premierminister",
        "regierungschef", "regierungschefin", "außenminister", "außenministerin", "minister",
        "ministerin", "kanzler", "bundeskanzler", "generalsekretär", "botschafter",
        "amtskollege", "amtskollegen", "amtskollegin",
    ),
    "es": (
        "presidente", "presidenta", "primer ministro", "primera ministra", "ministro", "ministra",
        "canciller", "secretario general", "embajador", "homólogo", "gobernador",
    ),
}  # fmt: skip
# Languages whose stories also carry the English titles (wire copy, quotes).
_WITH_ENGLISH_TITLES = frozenset({"fr", "de", "es"})
LANGUAGE_ALIASES = {"nb": "no", "nn": "no"}

# Lowercase words that join a title to its qualifiers: "Minister OF Foreign Affairs",
# "Ambassador TO Vietnam", "ambassadør I Vietnam", "Deputy Prime Minister AND Foreign Minister".
CONNECTORS = frozenset({
    "of", "to", "for", "in", "at", "on", "the", "and", "i", "til", "av", "og", "ved", "cua", "tai",
    "de", "la", "des", "du", "d", "l", "der", "und", "del",
})  # fmt: skip
# Lowercase nouns after a place in an office, read on to the name like connectors: "Governor
# of Gunma prefecture Yamamoto Ichita", "Chairman of Quang Ninh province People's Committee".
ADMINISTRATIVE_NOUNS = frozenset({"prefecture", "province", "provincial", "county", "state"})
# Lowercase adjectives of nationality that French, German and Spanish put between the title and
# the name ("le Premier ministre japonais Fumio Kishida", "el presidente surcoreano"), read on
# to the name like the nouns above.
NATIONALITY_ADJECTIVES = frozenset({
    "japonais", "japonaise", "vietnamien", "vietnamienne", "chinois", "chinoise", "coreen",
    "coreenne", "sud-coreen", "sud-coreenne", "americain", "americaine", "russe", "philippin",
    "philippine", "thailandais", "thailandaise", "indien", "indienne", "australien",
    "australienne", "indonesien", "indonesienne", "cambodgien", "laotien", "singapourien",
    "japanische", "japanischen", "japanischer", "vietnamesische", "vietnamesischen",
    "vietnamesischer", "chinesische", "chinesischen", "chinesischer", "sudkoreanische",
    "sudkoreanischen", "sudkoreanischer", "russische", "russischen", "amerikanische",
    "amerikanischen", "japones", "japonesa", "vietnamita", "chino", "china", "surcoreano",
    "surcoreana", "estadounidense", "ruso", "rusa", "filipino", "filipina", "nipon", "nipona",
})  # fmt: skip
READ_ON_WORDS = ADMINISTRATIVE_NOUNS | NATIONALITY_ADJECTIVES

# Capitalised words that are part of a title's qualifier, never of a name: offices,
# institutions, countries and their adjectives, months. A name after a title is what is left
# of the capitalised run once these are taken off its front.
OFFICE_WORDS = frozenset(
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
        # "his Chinese counterpart Senior Lieutenant General Dong Jun": a counterpart, military
        # ranks and honorifics stand between a title and the name.
        "counterpart", "lieutenant", "colonel", "admiral", "marshal", "senator", "hon",
        "honorable", "honourable",
        # French, German, Spanish offices, folded.
        "premier", "ministre", "presidente", "secretaire", "ambassadeur", "homologue",
        "gouverneur", "prasident", "prasidentin", "staatsprasident", "ministerprasident",
        "premierminister", "regierungschef", "aussenminister", "aussenministerin", "ministerin",
        "kanzler", "bundeskanzler", "botschafter", "amtskollege", "ministro", "ministra",
        "canciller", "secretario", "embajador", "homologo", "gobernador",
    }
)  # fmt: skip
INSTITUTION_WORDS = frozenset(
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
        "congress", "residence", "authority", "personnel", "lady", "palace",
        "partido", "comunista", "partei", "kommunistischen", "kommunistische", "parti",
        "communiste",
        "house", "representatives", "councillors", "diet", "cabinet", "liberal", "democratic",
        "economic", "cooperation", "forum", "politburo", "secretariat", "inspection",
        "propaganda", "external", "relations", "international", "republic", "socialist",
        "kingdom", "empire", "army", "police", "court", "supreme", "audit", "energy",
        "province", "district", "commune", "prefecture",
        # The US Secretary of Defense is the "Secretary of War" since September 2025.
        "war",
        # Vietnamese: "Bộ" (ministry), "Ủy ban" (committee), "Cục" (department) open the
        # office's name after "Bộ trưởng", never a person's.
        "bo", "uy", "cuc",
    }
)  # fmt: skip
PLACE_WORDS = frozenset(
    {
        "vietnam", "vietnams", "vietnamese", "viet", "japan", "japans", "japanese", "nhat",
        "asean", "asia", "asian", "pacific", "china", "chinese", "laos", "lao", "cambodia",
        "cambodian", "thailand", "korea", "korean", "south", "north", "united", "states",
        "america", "american", "russia", "russian", "india", "indian", "singapore", "indonesia",
        "philippines", "malaysia", "myanmar", "australia", "france", "french", "germany",
        "german", "norway", "norwegian", "norges", "europe", "european", "eu", "usa", "us",
        "uk", "mekong", "hanoi", "tokyo", "osaka", "vientiane", "beijing", "washington",
        # Other countries whose leaders meet Vietnam's and Japan's ("Thủ tướng Ireland Micheal
        # Martin"); none a given name.
        "ireland", "iran", "iraq", "kuwait", "qatar", "egypt", "turkey", "brazil", "canada",
        "mexico", "italy", "spain", "netherlands", "belgium", "switzerland", "sweden",
        "denmark", "finland", "poland", "ukraine", "pakistan", "bangladesh", "nepal", "mongolia",
        "brunei", "cuba", "chile", "peru", "argentina", "nigeria", "kenya", "saudi", "emirates",
        "uzbekistan", "kazakhstan", "belarus", "hungary", "czech", "austria", "portugal",
        "greece", "zealand", "lanka", "timor",
        "япони", "вьетн", "вьетнам",  # Russian, keyed without case endings (word_key)
    }
)  # fmt: skip
# Two words that together name a place, though each alone may be part of a name ("Nam"): in
# Vietnamese, Vietnam, Japan, China, Korea, Thailand, India, the United States.
PLACE_PAIRS = frozenset({
    ("viet", "nam"), ("nhat", "ban"), ("trung", "quoc"), ("han", "quoc"), ("thai", "lan"),
    ("an", "do"), ("hoa", "ky"),
})  # fmt: skip
CALENDAR_WORDS = frozenset(
    {
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
        "friday", "saturday", "sunday", "januar", "februar", "mars", "juni", "juli", "oktober",
        "desember",
    }
)  # fmt: skip
# What a title may be "to" ("the ASEAN Secretary-General to the ASEAN-Japan Ministerial
# Meeting"): meetings, never a name.
MEETING_WORDS = frozenset(
    {
        "ministerial", "meeting", "meetings", "summit", "conference", "talks", "dialogue",
        "session", "symposium", "seminar", "plenary", "ceremony", "reception", "banquet",
        "retreat", "consultation", "consultations", "roundtable",
    }
)  # fmt: skip
NOT_NAME_WORDS = OFFICE_WORDS | INSTITUTION_WORDS | PLACE_WORDS | CALENDAR_WORDS | MEETING_WORDS

# The commonest Vietnamese family names, folded: a Vietnamese name starts with one, which
# finds where the name begins in "Minister of Finance Nguyen Van Thang" even when the words
# before it are not in the lists above. "Van" and "Thi" are middle names, so not here.
VIETNAMESE_FAMILY_NAMES = frozenset(
    {
        "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui",
        "do", "ho", "ngo", "duong", "ly", "dinh", "truong", "trinh", "doan", "luong", "mai",
        "cao", "ha", "lam", "to", "ta", "thai", "chu", "trieu", "nong", "luu", "quach", "lai",
        "khuat", "vuong", "tong", "giang", "kieu", "phung", "dao", "tang", "lu", "la",
    }
)  # fmt: skip
# Marks that only Vietnamese uses among the archive's languages: horn (ơ, ư), hook above
# (ả), dot below (ạ); with đ they tell a Vietnamese name from others without a country.
VIETNAMESE_MARKS = frozenset("\u031b\u0309\u0323")


def title_table(language: str) -> dict[str, list[tuple[str, ...]]]:
    language = LANGUAGE_ALIASES.get(language, language)
    titles = TITLES_BY_LANGUAGE.get(language)
    if titles is None:  # a language without its own titles: try them all
        titles = tuple(t for group in TITLES_BY_LANGUAGE.values() for t in group)
    elif language in _WITH_ENGLISH_TITLES:
        titles = (*titles, *TITLES_BY_LANGUAGE["en"])
    return _compiled_titles(titles)


@lru_cache(maxsize=16)
def _compiled_titles(titles: tuple[str, ...]) -> dict[str, list[tuple[str, ...]]]:
    table: dict[str, list[tuple[str, ...]]] = {}
    for title in titles:
        keys = name_keys(title)
        table.setdefault(keys[0], []).append(keys)
    for candidates in table.values():
        candidates.sort(key=len, reverse=True)
    return table
