"""One spelling map: the ways stories write one place, as data.

``Vietnam``, ``Viet Nam`` and ``Việt Nam`` are one country; ``Hanoi``, ``Ha Noi`` and ``Hà Nội``
one city; ``HCM City`` and ``Ho Chi Minh City`` too. Search (a query for one finds all), event
grouping, the people registry (``Ambassador to Việt Nam`` is ``Ambassador to Vietnam``) and the
comparison of versions (a variant is not a difference) all read this one table.

Pure Python. Spellings are compared folded (``text.fold``: no case, no diacritics), word by word;
those in scripts without spaces as substrings, their ideographs in one form
(``cjk_names.fold_ideographs``: ``峴港`` in traditional characters is ``岘港``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from archive.ingest.cjk_names import fold_ideographs
from archive.ingest.text import fast_fold, fold

# Canonical spelling -> the other spellings met in stories (any case; diacritics optional, since
# they are compared folded). Scripts without spaces (Japanese, Chinese, Korean) are matched as
# written. Add a row when a new variant is met; the canonical form is the English one.
PLACE_SPELLINGS: dict[str, tuple[str, ...]] = {
    "Vietnam": (
        "Viet Nam", "Việt Nam", "Viêt Nam", "越南", "ベトナム",
        "베트남", "Wietnam", "Вьетнам", "Biyetnam",
    ),
    "Hanoi": (
        "Ha Noi", "Hà Nội", "Hanoï", "Hanói", "河内", "ハノイ", "하노이", "Ханой", "Ханое", "Ханоя",
        "国家主席府",
        "Phủ Chủ tịch", "Trụ sở Chính phủ", "Presidential Palace in Hanoi",
    ),
    "Ho Chi Minh City": (
        "HCM City", "HCMC", "Thanh pho Ho Chi Minh", "Thành phố Hồ Chí Minh", "TP Hồ Chí Minh",
        "TP HCM",
        "TP.HCM", "TPHCM", "Hô Chi Minh-Ville", "Ciudad Ho Chi Minh", "胡志明市", "ホーチミン市",
        "ホーチミン", "호찌민시", "Хошимин", "Хошимине", "Хошимина",
    ),
    "Japan": (
        "Nhật Bản", "Nhat Ban", "Japon", "Japón", "Giappone", "日本", "일본", "Hapon", "Япония",
    ),
    # A city's landmarks where its meetings are held name the city too.
    "Tokyo": (
        "Tokio", "Tô-ky-ô", "東京", "도쿄", "Токио", "首相官邸", "総理大臣官邸", "迎賓館",
        "赤坂迎賓館", "皇居", "Akasaka Palace",
    ),
    "Da Nang": ("Đà Nẵng", "Danang", "岘港", "ダナン", "다낭", "Дананг", "Дананге"),
    "Hai Phong": ("Hải Phòng", "Haiphong"),
    "Hue": ("Huế",),
    "Osaka": ("大阪", "오사카", "Ô-xa-ca", "Осака", "Осаке"),
    # Russian stories decline a city's name: "в Хиросиме" (in Hiroshima), "в Ханое".
    "Hiroshima": ("広島", "广岛", "히로시마", "Хиросима", "Хиросиме", "Хиросимы"),
    "Kyoto": ("京都", "교토"),
    "Quang Ninh": ("Quảng Ninh",),
    "Hoi An": ("Hội An", "ホイアン", "会安", "호이안"),
    "Ha Long": ("Hạ Long", "Halong", "ハロン", "下龙", "하롱"),
    "Yokohama": ("横浜", "横滨", "요코하마"),
    "Nagoya": ("名古屋", "나고야"),
    "Fukuoka": ("福岡", "福冈", "후쿠오카"),
    "Sapporo": ("札幌", "삿포로"),
    # Where the two countries' leaders meet abroad: the capitals that host ASEAN's summits
    # (not those that are also home to outlets on this beat, whose datelines they would be,
    # nor "Lima", a word for "five" in Malay and Tagalog). See ABROAD.
    "Jakarta": ("Gia-các-ta", "Djakarta", "ジャカルタ", "雅加达", "雅加達", "자카르타", "Джакарта"),
    "Phnom Penh": ("Phnôm Pênh", "Phnom Pênh", "Nom Pênh", "プノンペン", "金边", "金邊", "프놈펜"),
    "Vientiane": ("Viêng Chăn", "ビエンチャン", "万象", "비엔티안"),
    "Kuala Lumpur": ("クアラルンプール", "吉隆坡", "쿠알라룸푸르", "Куала-Лумпур", "Куала-Лумпуре"),
    # The neighbours' capitals and summit cities, where the leaders meet theirs.
    "Seoul": ("서울", "ソウル", "首尔", "首爾", "Xơ-un", "Séoul", "Seúl", "Сеул", "Сеуле"),
    "Beijing": (
        "Bắc Kinh", "Bac Kinh", "北京", "ペキン", "베이징", "Pékin", "Pekín", "Пекин", "Пекине",
    ),
    "Busan": ("Pusan", "부산", "釜山", "プサン", "Пусан", "Пусане"),
    "Gyeongju": ("Kyongju", "경주", "慶州", "庆州", "キョンジュ", "Кёнджу"),
    "Manila": (
        "マニラ", "马尼拉", "馬尼拉", "마닐라", "Манила", "Маниле",
        "Malacañang", "Malacañang Palace", "Malacañan Palace",
    ),
    "Bangkok": ("Băng Cốc", "バンコク", "曼谷", "방콕", "Бангкок", "Бангкоке"),
}  # fmt: skip

# Cities outside the two countries. A story names them as where its outlet is (a Manila
# paper's dateline) or as a leader's next stop as often as where a meeting is: they place a
# meeting only when the story says something happens there ("in Jakarta", "ジャカルタで").
ABROAD = frozenset({
    "Jakarta", "Phnom Penh", "Vientiane", "Kuala Lumpur", "Seoul", "Beijing", "Busan", "Gyeongju",
    "Manila", "Bangkok",
})  # fmt: skip

# Towns where leaders meet, and the province or prefecture a story may name instead: "in Hoi
# An" and "Quang Nam (VNA) –" place one meeting.
PLACE_WITHIN: dict[str, str] = {
    "Hoi An": "Quang Nam", "Tam Ky": "Quang Nam", "Ha Long": "Quang Ninh",
    "Nha Trang": "Khanh Hoa", "Phu Quoc": "Kien Giang", "Sa Pa": "Lao Cai",
    "Vung Tau": "Ba Ria-Vung Tau", "Hue": "Thua Thien Hue", "Nagato": "Yamaguchi",
    "Yokohama": "Kanagawa", "Kobe": "Hyogo", "Sendai": "Miyagi", "Bogor": "West Java",
}  # fmt: skip

_WORDS = re.compile(r"[^\W_]+")


def _is_spaced(spelling: str) -> bool:
    """Written with spaces between words (Latin, Cyrillic), not in a script without them."""
    return not any(
        "\u3040" <= ch <= "\u30ff" or "\u3400" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af"
        for ch in spelling
    )


def _key(spelling: str) -> tuple[str, ...]:
    return tuple(_WORDS.findall(fold(spelling)))


@lru_cache(maxsize=1)
def _table() -> tuple[dict[tuple[str, ...], str], int, dict[str, str]]:
    """Folded word sequences -> canonical name; the longest sequence; unspaced spellings."""
    spaced: dict[tuple[str, ...], str] = {}
    unspaced: dict[str, str] = {}
    for canonical, variants in PLACE_SPELLINGS.items():
        for spelling in (canonical, *variants):
            if _is_spaced(spelling):
                spaced[_key(spelling)] = canonical
            else:
                unspaced[fold_ideographs(spelling)] = canonical
    return spaced, max(map(len, spaced)), unspaced


def canonical_place(spelling: str | None) -> str | None:
    """The canonical name of a place written ``spelling``; None when the map does not know it."""
    if not spelling:
        return None
    spaced, _longest, unspaced = _table()
    return spaced.get(_key(spelling)) or unspaced.get(fold_ideographs(spelling.strip()))


def is_place_name(words: tuple[str, ...]) -> bool:
    """Whether the folded words are a spelling of a place in the map ("tp ho chi minh")."""
    spaced, _longest, _unspaced = _table()
    return words in spaced


def place_key(spelling: str | None) -> str:
    """A key equal for every spelling of one place ("Hà Nội", "Hanoi", "Tô-ki-ô" and "Tokio"
    alike: spaces and dashes between its syllables do not count), folded otherwise."""
    if not spelling:
        return ""
    canonical = canonical_place(spelling) or _joined().get("".join(_key(spelling)))
    return "".join(_key(canonical or spelling))


def same_place(a: str, b: str) -> bool:
    """Whether two place keys (``place_key``) may name where one meeting was: the same place,
    or a town and its province ("hoian", "quangnam")."""
    return a == b or _within().get(a) == b or _within().get(b) == a


@lru_cache(maxsize=1)
def _within() -> dict[str, str]:
    return {place_key(town): place_key(province) for town, province in PLACE_WITHIN.items()}


@lru_cache(maxsize=1)
def _joined() -> dict[str, str]:
    """Every spaced spelling's words run together -> its canonical name."""
    spaced, _longest, _unspaced = _table()
    return {"".join(words): canonical for words, canonical in spaced.items()}


def variant_spans(text: str) -> list[tuple[int, int, str]]:
    """Where ``text`` writes a known place, and its canonical name: ``[(start, end, name)]``.

    Word-aligned for spaced scripts (longest spelling first), substrings for the others.
    """
    spaced, longest, unspaced = _table()
    words = [(m.start(), m.end(), fold(m.group())) for m in _WORDS.finditer(text)]
    found: list[tuple[int, int, str]] = []
    index = 0
    while index < len(words):
        for size in range(min(longest, len(words) - index), 0, -1):
            key = tuple(word for _, _, word in words[index : index + size])
            canonical = spaced.get(key)
            if canonical is not None:
                found.append((words[index][0], words[index + size - 1][1], canonical))
                index += size
                break
        else:
            index += 1
    folded = fold_ideographs(text)  # as long as `text`: its offsets are the text's
    for spelling, canonical in unspaced.items():
        start = folded.find(spelling)
        while start != -1:
            found.append((start, start + len(spelling), canonical))
            start = folded.find(spelling, start + len(spelling))
    return sorted(found, key=lambda span: (span[0], -span[1]))


def with_canonical_places(text: str) -> str:
    """``text`` with every known place written in its canonical spelling."""
    spans = variant_spans(text)
    if not spans:
        return text
    out, last = [], 0
    for start, end, canonical in spans:
        if start < last:  # inside a longer spelling already replaced
            continue
        out.append(text[last:start])
        out.append(canonical)
        last = end
    out.append(text[last:])
    return "".join(out)


def spellings_of_places_in(text: str) -> list[str]:
    """Every spelling, in spaced scripts, of each place ``text`` names, one per folded form:
    what the search index adds to a document so that a query for one spelling finds all."""
    spaced, _longest, _unspaced = _table()
    places = set(places_in(text))
    return [" ".join(key) for key, canonical in spaced.items() if canonical in places]


def places_in(text: str) -> list[str]:
    """The canonical names of the places ``text`` writes, in the order it first writes them
    (those it writes only in a script other than Latin's come after the others).

    The fast way of ``variant_spans`` when only the places matter, not where they stand: the
    text is folded in C (``text.fast_fold``), its words put in a set, and only the spellings
    whose words are all there are looked for; ``variant_spans`` folds word by word in Python,
    and the search index reads every story whole.
    """
    folded = fast_fold(text)
    words = set(_ASCII_WORDS.findall(folded))
    unspaced = fold_ideographs(text)
    found: dict[str, int] = {}
    for spelling_words, canonical, pattern in _search_table():
        if spelling_words:
            if not words.issuperset(spelling_words):
                continue
            match = pattern.search(folded)
            where = match.start() if match else -1
        else:  # a spelling that does not fold to ASCII: as written, after the others
            match = pattern.search(unspaced)
            where = len(folded) + match.start() if match else -1
        if where != -1 and where < found.get(canonical, len(folded) + len(text) + 1):
            found[canonical] = where
    return sorted(found, key=found.__getitem__)


_ASCII_WORDS = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=1)
def _search_table() -> list[tuple[frozenset[str], str, re.Pattern[str]]]:
    """(its folded words, canonical name, pattern) per spelling; a spelling that does not fold
    to ASCII (Cyrillic, Japanese) has no words and a pattern of itself as written."""
    table = []
    for canonical, variants in PLACE_SPELLINGS.items():
        for spelling in (canonical, *variants):
            words = _ASCII_WORDS.findall(fast_fold(spelling))
            if words and "".join(words) == "".join(_key(spelling)):  # folds to ASCII whole
                body = r"[\W_]+".join(map(re.escape, words))
                pattern = re.compile(rf"(?<![a-z0-9])(?:{body})(?![a-z0-9])")
                table.append((frozenset(words), canonical, pattern))
            else:
                folded = fold_ideographs(spelling)
                table.append((frozenset(), canonical, re.compile(re.escape(folded))))
    return table
