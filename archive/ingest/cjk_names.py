"""Officials named in scripts written without spaces: Japanese, Chinese, Korean, Thai.

A Japanese story runs ``石破茂首相は…`` with no space around the name, so the word matching of
``archive.ingest.people`` cannot see it. Spellings in these scripts are the registry's data
(``石破茂``, ``ファム・ミン・チン``, ``范明政``, ``팜민찐``) and are found as substrings: the person
is known by their spelling, never guessed from the script. Katakana names are written
with or without their middle dots (``ファム・ミン・チン``, ``ファムミンチン``),
with or without ``ヴ`` for a foreign "v" (``ヴォー・ヴァン``, ``ボー・バン``),
and with small or full vowels (``グェン``, ``グエン``). Ideographs are compared in one form
whatever the script's: ``安倍晉三`` (traditional Chinese) is the registry's ``安倍晋三``.

Pure Python.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

# Hiragana, katakana, CJK ideographs (and extension A), Hangul syllables, half-width katakana;
# and Thai, also written without spaces between words.
_CJK = re.compile(
    r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff66-\uff9f]"
)
# What separates the parts of a name written in katakana or Hangul.
_NAME_DOTS = "・･=＝ \u00a0\u3000"
_DOT_CLASS = "[" + re.escape(_NAME_DOTS) + "]?"


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


def is_cjk_spelling(spelling: str) -> bool:
    """A spelling in a script without spaces between words (its matching is by substring)."""
    return has_cjk(spelling)


# Katakana writes a foreign "v" as ヴ or as the b-row, and a foreign vowel glide with a small
# or a full vowel (グェン, グエン): one name, several spellings.
_V_KANA = {"ヴァ": "バ", "ヴィ": "ビ", "ヴェ": "ベ", "ヴォ": "ボ", "ヴ": "ブ"}
_V_FOLD = re.compile("|".join(sorted(_V_KANA, key=len, reverse=True)))
_SMALL_VOWELS = str.maketrans("ァィゥェォ", "アイウエオ")
_VARIANTS = {b: f"(?:{b}|{v})" for v, b in _V_KANA.items()} | {
    full: f"[{small}{full}]" for small, full in zip("ァィゥェォ", "アイウエオ", strict=True)
}


def fold_kana(text: str) -> str:
    """``ヴァ`` as ``バ``, ``ヴ`` as ``ブ``..., small vowels as full ones: one spelling for the
    katakana variants of a foreign name."""
    if "ヴ" in text:
        text = _V_FOLD.sub(lambda m: _V_KANA[m.group()], text)
    return text.translate(_SMALL_VOWELS)


# Chinese is written in simplified or in traditional characters, and Japanese has forms of its
# own: 安倍晋三 / 安倍晉三, 菅義偉 / 菅义伟, 小沢 / 小澤 / 小泽. Spellings and texts are
# compared with every ideograph in one form, character for character, so that a name's
# position in the folded text is its position in the page. The forms come from OpenCC's
# dictionaries (Japanese forms to traditional, then traditional to simplified).
_IDEOGRAPH_BLOCKS = ((0x3400, 0x4DC0), (0x4E00, 0xA000))


@functools.cache
def _ideograph_folds() -> dict[int, str]:
    import opencc  # loads its dictionaries: only when a registry first compiles its spellings

    to_traditional, to_simplified = opencc.OpenCC("jp2t"), opencc.OpenCC("t2s")
    folds: dict[int, str] = {}
    for start, end in _IDEOGRAPH_BLOCKS:
        for code in range(start, end):
            folded = to_simplified.convert(to_traditional.convert(chr(code)))
            if len(folded) == 1 and folded != chr(code):
                folds[code] = folded
    # Followed to the end, so that folding a folded text changes nothing (郎 -> 郞 -> 郞).
    for code, folded in folds.items():
        seen = {code}
        while ord(folded) in folds and ord(folded) not in seen:
            seen.add(ord(folded))
            folded = folds[ord(folded)]
        folds[code] = folded
    return folds


def fold_ideographs(text: str) -> str:
    """``text`` with its ideographs in one form (simplified where Chinese has one), each
    character folded alone: the result is as long as ``text``."""
    return text.translate(_ideograph_folds())


# Some pages space a Japanese name's family and given names ("上川 陽子"): between kanji, a
# space may stand wherever the split falls.
_KANJI_NAME = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\u3005]{3,}")
_OPTIONAL_SPACE = "[ \u3000\u00a0]?"


def _part_pattern(part: str) -> str:
    if _KANJI_NAME.fullmatch(part):
        return _OPTIONAL_SPACE.join(re.escape(ch) for ch in part)
    return "".join(_VARIANTS.get(ch, re.escape(ch)) for ch in fold_kana(part))


def _pattern_of(spelling: str) -> str:
    parts = [part for part in re.split("[" + re.escape(_NAME_DOTS) + "]+", spelling) if part]
    return _DOT_CLASS.join(_part_pattern(part) for part in parts)


def compile_spellings(spellings: Iterable[str]) -> re.Pattern[str] | None:
    """One regular expression finding any of ``spellings``, the longest first."""
    unique = sorted({fold_ideographs(s) for s in spellings}, key=len, reverse=True)
    if not unique:
        return None
    return re.compile("|".join(f"(?:{_pattern_of(s)})" for s in unique))


def spelling_key(surface: str) -> str:
    """The spelling as the registry keys it: without the dots between a name's parts, a
    katakana "v" in the b-row, its ideographs in one form."""
    return fold_kana(fold_ideographs(re.sub("[" + re.escape(_NAME_DOTS) + "]+", "", surface)))


def find_spellings(text: str, pattern: re.Pattern[str] | None) -> list[tuple[int, int, str]]:
    """``(start, end, key)`` of each spelling ``pattern`` finds in ``text``."""
    if pattern is None or not has_cjk(text):
        return []
    folded = fold_ideographs(text)
    return [(m.start(), m.end(), spelling_key(m.group())) for m in pattern.finditer(folded)]


# A Japanese story names an official by family name and office after the first mention, in
# any of the office's forms: "石破首相", "石破総理", "石破総理大臣". A registry spelling in one form
# (family name + one of these) stands for all the forms of its group.
_OFFICE_FORMS = (
    ("首相", "総理", "総理大臣", "内閣総理大臣", "前首相", "元首相"),
    ("外相", "外務大臣", "外務相"),
    ("防衛相", "防衛大臣"),
    ("議長", "衆議院議長", "衆院議長", "参議院議長", "参院議長"),
)


def with_offices(spellings: Iterable[str]) -> list[str]:
    """``spellings`` and, for each one that is a family name and an office, the family name
    with the office's other forms."""
    found = list(spellings)
    for spelling in list(found):
        for forms in _OFFICE_FORMS:
            suffix = next(
                (f for f in sorted(forms, key=len, reverse=True) if spelling.endswith(f)), None
            )
            family = spelling[: -len(suffix)] if suffix else ""
            if family and has_cjk(family):
                found += [family + form for form in forms if family + form not in found]
    return found


# A Japanese story calls a Vietnamese official, after the first mention, by the last part of
# the name in katakana and the office: "チン首相", "ザン国防相", "マン国会議長". The offices a
# person held (their roles' English titles) give the forms; the first title word that fits
# decides ("Deputy Prime Minister" before "Prime Minister").
_VIETNAMESE_OFFICES_JA = (
    ("Deputy Prime Minister", ("副首相",)),
    ("Prime Minister", ("首相",)),
    ("Vice President", ("国家副主席", "副主席")),
    ("President", ("国家主席", "主席")),
    ("General Secretary", ("書記長",)),
    ("National Assembly", ("国会議長",)),
    ("Defence", ("国防相", "国防大臣")),
    ("Foreign", ("外相", "外務大臣")),
)
_KATAKANA_NAME = re.compile("[\u30a1-\u30fa\u30fc]+(?:・[\u30a1-\u30fa\u30fc]+)+")


def given_name_with_offices(spellings: Iterable[str], titles: Iterable[str]) -> list[str]:
    """The short forms with an office a Japanese story uses for a Vietnamese official whose
    katakana spellings are ``spellings`` and whose offices are ``titles``."""
    givens = dict.fromkeys(s.split("・")[-1] for s in spellings if _KATAKANA_NAME.fullmatch(s))
    return [given + office for given in givens for office in _offices_ja(titles)]


# Other foreign officials' offices as a Japanese story writes them after the name.
_FOREIGN_OFFICES_JA = (
    ("Deputy Prime Minister", ("副首相",)),
    ("Prime Minister", ("首相",)),
    ("Vice President", ("副大統領",)),
    ("President", ("大統領",)),
    ("Secretary of State", ("国務長官",)),
    ("Defen", ("国防相", "国防長官")),
    ("Foreign", ("外相",)),
)


def part_with_offices(spellings: Iterable[str], titles: Iterable[str]) -> list[str]:
    """The short forms with an office a Japanese story uses for another foreign official: the
    first or the last part of the katakana name, as the story's custom for the country is
    ("ジョコ大統領" for Joko Widodo, "ユン大統領", "バイデン大統領"), and the office."""
    parts = dict.fromkeys(
        part
        for s in spellings
        if _KATAKANA_NAME.fullmatch(s)
        for part in (s.split("・")[0], s.split("・")[-1])
    )
    offices = _offices_ja(titles, _FOREIGN_OFFICES_JA)
    return [part + office for part in parts for office in offices]


def _offices_ja(titles: Iterable[str], table=_VIETNAMESE_OFFICES_JA) -> list[str]:
    offices: list[str] = []
    for title in titles:
        forms = next((forms for key, forms in table if key in title), ())
        offices += [form for form in forms if form not in offices]
    return offices


# --- Names the registry does not know, found by their office ------------------------------
#
# A Japanese story names an official by full name and office at the first mention, with nothing
# between them: ``岩屋毅外相``, ``ベトナムのファム・ミン・チン首相``. A name so placed that the
# registry does not know is a new person for an editor to confirm (``people`` makes it a
# candidate; ``romanise`` proposes its Latin spelling). Only the unmistakable shapes are taken:
# a katakana name in parts (``ファム・ミン・チン``; one katakana word before an office is mostly a
# country: ``ベトナム首相``), or three to five kanji that start a run of kanji (a family name
# alone, ``石破首相``, is a short form, not a name to add) and are not a country or an
# organisation (``中国外相``, ``共産党書記長``, ``特命全権大使``).

# Office as written after the name -> the role it gives (as English titles are stored).
JA_OFFICES = {
    "首相": "Prime Minister", "総理": "Prime Minister", "総理大臣": "Prime Minister",
    "内閣総理大臣": "Prime Minister", "副首相": "Deputy Prime Minister",
    "外相": "Foreign Minister", "外務大臣": "Foreign Minister", "外務相": "Foreign Minister",
    "大統領": "President", "副大統領": "Vice President", "国家主席": "President",
    "国家副主席": "Vice President", "書記長": "General Secretary",
    "国会議長": "Chairman of the National Assembly", "衆院議長": "Speaker",
    "衆議院議長": "Speaker", "参院議長": "President of the House of Councillors",
    "参議院議長": "President of the House of Councillors",
    "国会副議長": "Vice Chairman of the National Assembly",
    "国会常任副議長": "Permanent Vice Chairman of the National Assembly",
    "衆院副議長": "Vice Speaker", "衆議院副議長": "Vice Speaker",
    "参院副議長": "Vice President of the House of Councillors",
    "参議院副議長": "Vice President of the House of Councillors",
    "官房長官": "Chief Cabinet Secretary",
    "防衛相": "Defence Minister", "国防相": "Defence Minister", "国防大臣": "Defence Minister",
    "大使": "Ambassador",
    # Japan's other ministers, and Vietnam's as Japanese papers name them.
    "経済産業相": "Minister of Economy, Trade and Industry",
    "経済産業大臣": "Minister of Economy, Trade and Industry",
    "経産相": "Minister of Economy, Trade and Industry",
    "厚生労働相": "Minister of Health, Labour and Welfare",
    "厚生労働大臣": "Minister of Health, Labour and Welfare",
    "厚労相": "Minister of Health, Labour and Welfare",
    "国土交通相": "Minister of Land, Infrastructure, Transport and Tourism",
    "国土交通大臣": "Minister of Land, Infrastructure, Transport and Tourism",
    "国交相": "Minister of Land, Infrastructure, Transport and Tourism",
    "農林水産相": "Minister of Agriculture, Forestry and Fisheries",
    "農林水産大臣": "Minister of Agriculture, Forestry and Fisheries",
    "農水相": "Minister of Agriculture, Forestry and Fisheries",
    "文部科学相": "Minister of Education", "文部科学大臣": "Minister of Education",
    "文科相": "Minister of Education", "財務相": "Finance Minister", "財務大臣": "Finance Minister",
    "法相": "Justice Minister", "法務大臣": "Justice Minister",
    "総務相": "Minister for Internal Affairs and Communications",
    "総務大臣": "Minister for Internal Affairs and Communications",
    "環境相": "Environment Minister", "環境大臣": "Environment Minister",
    "商工相": "Minister of Industry and Trade", "計画投資相": "Minister of Planning and Investment",
    "公安相": "Minister of Public Security", "知事": "Governor", "市長": "Mayor",
}  # fmt: skip
# A foreign name in katakana is unmistakable before the bare word for a minister
# ("ダオ・ゴック・ズン大臣"); after kanji, "大臣" would make a ministry's name a person's.
_KANA_ONLY_OFFICES = {"大臣": "Minister"}
# A governor's prefecture stands between the name and the office: "服部誠太郎福岡県知事".
_PREFECTURES = [
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県",
    "栃木県", "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県",
    "石川県", "福井県", "山梨県", "長野県", "岐阜県", "静岡県", "愛知県", "三重県",
    "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県",
    "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県",
    "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
]  # fmt: skip
_KANJI_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\u3005"
_KATAKANA_CHARS = "\u30a1-\u30fa\u30fc"
_OFFICE_ALTERNATIVES = "|".join(sorted(JA_OFFICES, key=len, reverse=True))
_KANA_OFFICE_ALTERNATIVES = "|".join(
    sorted({*JA_OFFICES, *_KANA_ONLY_OFFICES}, key=len, reverse=True)
)
_PREFECTURE = "(?:" + "|".join(_PREFECTURES) + ")"
_NEW_NAME = re.compile(
    rf"(?<![{_KATAKANA_CHARS}・･=＝])"
    rf"(?P<kana>[\u30a1-\u30fa][{_KATAKANA_CHARS}]*(?:[・･=＝][\u30a1-\u30fa][{_KATAKANA_CHARS}]*)+)"
    rf"(?:前|元)?(?P<kana_office>{_KANA_OFFICE_ALTERNATIVES})"
    rf"|(?<![{_KANJI_CHARS}])(?P<kanji>[{_KANJI_CHARS}]{{3,5}}?)"
    # "小川敏夫(おがわ としお)参議院副議長": the name's reading may come before the office.
    rf"(?:[(（][\u3041-\u3096 　]+[)）])?(?:前|元)?{_PREFECTURE}?"
    rf"(?P<kanji_office>{_OFFICE_ALTERNATIVES})"
)
# Not a former office ("菅義偉前首相"): the role is one the person holds on the story's day.
_OFFICE_AFTER = re.compile(rf"(?:[(（][\u3041-\u3096 　]+[)）])?(?P<office>{_OFFICE_ALTERNATIVES})")
_HIRAGANA = re.compile("[\u3041-\u3096]")


_KANJI_NAME_WHOLE = re.compile(f"[{_KANJI_CHARS}]{{3,5}}")
_OFFICE_WORDS = tuple({*JA_OFFICES, *(form for forms in _OFFICE_FORMS for form in forms)})


def is_full_name(spelling: str) -> bool:
    """A name in full as written in Japanese script ("西村康稔", "ファム・ミン・チン"), not a
    family or given name with an office ("石破首相", "チン首相"): a spelling to keep as an alias."""
    if spelling.endswith(_OFFICE_WORDS):
        return False
    return bool(_KATAKANA_NAME.fullmatch(spelling) or _KANJI_NAME_WHOLE.fullmatch(spelling))


def office_after(text: str, end: int) -> str | None:
    """The role of the office written right after a name that ends at ``end`` ("...フォン
    国会副議長"), if one is."""
    match = _OFFICE_AFTER.match(text, end)
    return JA_OFFICES[match.group("office")] if match else None


# Words that make a run of kanji a place, an organisation or a time, not a person's name.
_NOT_IN_NAMES = (
    "日本", "中国", "韓国", "米国", "北朝鮮", "露", "英国", "同国", "両国", "各国", "越南",
    "駐", "在", "特命", "全権", "代理", "臨時", "政府", "当時", "同日", "新任", "現職", "前任",
    "次期", "歴代", "年", "月", "日",
    # Offices: "ドーン副首相兼外相" is a katakana name and two offices, not "副首相兼" the
    # foreign minister.
    "首相", "総理", "大臣", "長官", "議長",
)  # fmt: skip
# "兼" (and concurrently) ends an office, not a name; "前" and "元" (former) come before one
# ("安倍元首相").
_NOT_LAST = frozenset("国省府党会院庁局県市州軍都団社部界側兼前元")
# Countries written in katakana between an official's name and office: "ズン・ベトナム首相".
# Not タイ (Thailand), which is also the katakana of Vietnamese names (Tài, Thái).
KATAKANA_COUNTRIES = frozenset({
    "ベトナム", "フィリピン", "インドネシア", "マレーシア", "カンボジア", "ラオス",
    "ミャンマー", "シンガポール", "ブルネイ", "インド", "ロシア", "アメリカ", "オーストラリア",
    "モンゴル", "フランス", "ドイツ", "イギリス", "カナダ",
})  # fmt: skip


def _could_be_kanji_name(name: str) -> bool:
    return name[-1] not in _NOT_LAST and not any(word in name for word in _NOT_IN_NAMES)


def new_names(text: str, known: Iterable[tuple[int, int]] = ()) -> list[tuple[int, int, str, str]]:
    """``(start, end, name, role)`` of each name before an office in a Japanese ``text``
    (one with hiragana: Chinese writes offices before names) outside the ``known`` spans."""
    if not _HIRAGANA.search(text):
        return []
    taken = sorted(known)
    found = []
    for match in _NEW_NAME.finditer(text):
        group = "kana" if match.group("kana") else "kanji"
        name, start, end = match.group(group), match.start(group), match.end(group)
        if group == "kanji" and not _could_be_kanji_name(name):
            continue
        if group == "kana" and name.rsplit("・", 1)[-1] in KATAKANA_COUNTRIES:
            # "ズン・ベトナム首相" (Dung, Vietnam's prime minister): a short form and the
            # country; "ファム・ビン・ミン・ベトナム副首相": the name and the country.
            name = name.rsplit("・", 1)[0]
            end = start + len(name)
            if "・" not in name:
                continue
        if any(s < end and start < e for s, e in taken):
            continue
        office = match.group(f"{group}_office")
        found.append((start, end, name, JA_OFFICES.get(office) or _KANA_ONLY_OFFICES[office]))
    return found
