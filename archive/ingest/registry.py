"""The starter registry: the officials the seed captures and the sample corpus name.

Plain data, loaded into the database by the import and into a ``people.Registry`` for
matching (``Registry(known_people(STARTER_REGISTRY))``). Each row:

- ``name``: the canonical name, with diacritics; Japanese names family name first, as
  Vietnamese outlets write them. The person's slug is ``slugify(name)``.
- ``country``: ``"Vietnam"`` or ``"Japan"`` (the neighbours' leaders in ``registry_region``,
  the partners' officials in ``registry_officials``: their own countries).
- ``aliases``: the other spellings stories use: the name without diacritics (Vietnamese),
  given name first (Japanese), and the short forms used after a first mention (the given
  name for Vietnamese; family and given name for Japanese). One spelling per folded form,
  since the database keeps aliases unique by their folded form.
- ``roles``: the offices the captures give them, with the organisation.

Roles are as of the captures (2023-2026); "former" is the reader's to infer from the date.
"""

from __future__ import annotations

from archive.ingest.registry_officials import JAPANESE_OFFICIALS, PARTNERS, VIETNAMESE_OFFICIALS
from archive.ingest.registry_region import DEFENCE_MINISTERS, NEIGHBOURS

_CPV = "Communist Party of Vietnam"
_VIETNAM_GOVERNMENT = "Government of Vietnam"
_VIETNAM_FOREIGN_MINISTRY = "Ministry of Foreign Affairs of Vietnam"
_JAPAN_GOVERNMENT = "Government of Japan"
_JAPAN_FOREIGN_MINISTRY = "Ministry of Foreign Affairs of Japan"
_VIETNAM_STATE = "State of Vietnam"
_VIETNAM_NA = "National Assembly of Vietnam"

STARTER_REGISTRY: list[dict] = [
    # --- Vietnam ---------------------------------------------------------------------------
    {
        "name": "Tô Lâm",
        "country": "Vietnam",
        "aliases": [
            "То Лам",
            "To Lam",
            "Lâm",
            "トー・ラム",
            "ラム書記長",
            "苏林",
            "蘇林",
            "또 럼",
            "또럼",
        ],
        "roles": [{"title": "Party General Secretary", "organisation": _CPV}],
    },
    {
        "name": "Phạm Minh Chính",
        "country": "Vietnam",
        "aliases": [
            "Фам Минь Тинь",
            "Фам Минь Чинь",
            "Pham Minh Chinh",
            "Chính",
            "ファム・ミン・チン",
            "チン首相",
            "范明政",
            "팜민찐",
            "팜 민 찐",
        ],
        "roles": [{"title": "Prime Minister", "organisation": _VIETNAM_GOVERNMENT}],
    },
    {
        "name": "Lê Hoài Trung",
        "country": "Vietnam",
        "aliases": ["Le Hoai Trung", "Trung", "レ・ホアイ・チュン", "黎怀忠", "黎懷忠"],
        "roles": [
            {"title": "Minister of Foreign Affairs", "organisation": _VIETNAM_FOREIGN_MINISTRY},
            {"title": "Secretary of the Party Central Committee", "organisation": _CPV},
        ],
    },
    {
        "name": "Lê Minh Hưng",
        "country": "Vietnam",
        "aliases": ["Le Minh Hung", "Hưng"],
        "roles": [
            {"title": "Secretary of the Party Central Committee", "organisation": _CPV},
            {"title": "Head of the Central Organisation Commission", "organisation": _CPV},
        ],
    },
    {
        "name": "Vũ Đại Thắng",
        "country": "Vietnam",
        "aliases": ["Vu Dai Thang", "Thắng"],
        "roles": [
            {
                "title": "Provincial Party Secretary",
                "organisation": "Quang Ninh Provincial Party Committee",
            }
        ],
    },
    {
        "name": "Bùi Thanh Sơn",
        "country": "Vietnam",
        "aliases": ["Bui Thanh Son", "Sơn", "ブイ・タイン・ソン", "裴青山"],
        "roles": [
            {"title": "Deputy Prime Minister", "organisation": _VIETNAM_GOVERNMENT},
            {"title": "Minister of Foreign Affairs", "organisation": _VIETNAM_FOREIGN_MINISTRY},
        ],
    },
    # --- Japan -----------------------------------------------------------------------------
    {
        "name": "Takaichi Sanae",
        "country": "Japan",
        "aliases": [
            "Sanae Takaichi",
            "Takaichi",
            "Sanae",
            "高市早苗",
            "高市首相",
            "高市総理",
            "다카이치 사나에",
        ],
        "roles": [{"title": "Prime Minister", "organisation": _JAPAN_GOVERNMENT}],
    },
    {
        "name": "Ishiba Shigeru",
        "country": "Japan",
        "aliases": [
            "Сигэру Исиба",
            "Исиба",
            "Shigeru Ishiba",
            "Ishiba",
            "Shigeru",
            "石破茂",
            "石破首相",
            "石破総理",
            "이시바 시게루",
            "ชิเงรุ อิชิบะ",
            "อิชิบะ",
            "イシバ",
        ],
        "roles": [{"title": "Prime Minister", "organisation": _JAPAN_GOVERNMENT}],
    },
    {
        "name": "Kishida Fumio",
        "country": "Japan",
        "aliases": [
            "Фумио Кисида",
            "Кисида",
            "Fumio Kishida",
            "Kishida",
            "Fumio",
            "岸田文雄",
            "岸田首相",
            "岸田総理",
            "岸田外相",
            "기시다 후미오",
            "ฟูมิโอะ คิชิดะ",
            "คิชิดะ",
        ],
        "roles": [{"title": "Prime Minister", "organisation": _JAPAN_GOVERNMENT}],
    },
    {
        "name": "Ito Naoki",
        "country": "Japan",
        "aliases": ["Naoki Ito", "Ito", "Naoki", "伊藤直樹", "伊藤大使"],
        "roles": [
            {"title": "Ambassador to Vietnam", "organisation": "Embassy of Japan in Vietnam"}
        ],
    },
    {
        "name": "Takebe Tsutomu",
        "country": "Japan",
        "aliases": ["Tsutomu Takebe", "Takebe", "Tsutomu", "武部勤"],
        "roles": [
            {
                "title": "Special Advisor",
                "organisation": "Japan–Vietnam Friendship Parliamentary Alliance",
            }
        ],
    },
    {
        "name": "Kamikawa Yoko",
        "country": "Japan",
        "aliases": ["Yoko Kamikawa", "Kamikawa", "Yoko", "上川陽子", "上川外相"],
        "roles": [
            {"title": "Minister of Foreign Affairs", "organisation": _JAPAN_FOREIGN_MINISTRY}
        ],
    },
    {
        "name": "Iwaya Takeshi",
        "country": "Japan",
        "aliases": ["Takeshi Iwaya", "Iwaya", "Takeshi", "岩屋毅", "岩屋外相", "岩屋防衛相"],
        "roles": [
            {"title": "Minister of Foreign Affairs", "organisation": _JAPAN_FOREIGN_MINISTRY},
            # Defence minister in 2018-19 (``tenures``).
            {"title": "Minister of Defense", "organisation": "Ministry of Defense of Japan"},
        ],
    },
]

# Leaders of both countries since 2006 and their foreign ministers: the officials that stories
# of earlier meetings name. Spellings in Japanese, Chinese and Korean are as those languages'
# press writes them; Japanese stories name a leader by family name and office after the first
# mention ("チン首相"), so those forms are listed too where they are unambiguous.
_EARLIER: list[dict] = [
    # --- Vietnam ---------------------------------------------------------------------------
    {
        "name": "Nông Đức Mạnh",
        "country": "Vietnam",
        "aliases": [
            "Nong Duc Manh",
            "Mạnh",
            "ノン・ドゥク・マイン",
            "マイン書記長",
            "农德孟",
            "農德孟",
        ],
        "roles": [{"title": "Party General Secretary", "organisation": _CPV}],
    },
    {
        "name": "Nguyễn Phú Trọng",
        "country": "Vietnam",
        "aliases": [
            "Нгуен Фу Чонг",
            "Nguyen Phu Trong",
            "Trọng",
            "グエン・フー・チョン",
            "チョン書記長",
            "阮富仲",
            "응우옌 푸 쫑",
        ],
        "roles": [{"title": "Party General Secretary", "organisation": _CPV}],
    },
    {
        "name": "Nguyễn Xuân Phúc",
        "country": "Vietnam",
        "aliases": [
            "Нгуен Суан Фук",
            "Nguyen Xuan Phuc",
            "Phúc",
            "グエン・スアン・フック",
            "フック首相",
            "フック国家主席",
            "阮春福",
            "응우옌 쑤언 푹",
        ],
        "roles": [{"title": "Prime Minister", "organisation": _VIETNAM_GOVERNMENT}],
    },
    {
        "name": "Trần Đại Quang",
        "country": "Vietnam",
        "aliases": [
            "Tran Dai Quang",
            "Quang",
            "チャン・ダイ・クアン",
            "クアン国家主席",
            "陈大光",
            "陳大光",
        ],
        "roles": [{"title": "President", "organisation": _VIETNAM_STATE}],
    },
    {
        "name": "Trương Tấn Sang",
        "country": "Vietnam",
        "aliases": [
            "Truong Tan Sang",
            "Sang",
            "チュオン・タン・サン",
            "サン国家主席",
            "张晋创",
            "張晉創",
        ],
        "roles": [{"title": "President", "organisation": _VIETNAM_STATE}],
    },
    {
        "name": "Nguyễn Tấn Dũng",
        "country": "Vietnam",
        "aliases": [
            "Nguyen Tan Dung",
            "Dũng",
            "グエン・タン・ズン",
            "ズン首相",
            "阮晋勇",
            "阮晉勇",
        ],
        "roles": [{"title": "Prime Minister", "organisation": _VIETNAM_GOVERNMENT}],
    },
    {
        "name": "Nguyễn Minh Triết",
        "country": "Vietnam",
        "aliases": ["Nguyen Minh Triet", "Triết", "グエン・ミン・チェット", "阮明哲"],
        "roles": [{"title": "President", "organisation": _VIETNAM_STATE}],
    },
    {
        "name": "Phạm Bình Minh",
        "country": "Vietnam",
        "aliases": ["Pham Binh Minh", "Minh", "ファム・ビン・ミン", "范平明"],
        "roles": [
            {"title": "Deputy Prime Minister", "organisation": _VIETNAM_GOVERNMENT},
            {"title": "Minister of Foreign Affairs", "organisation": _VIETNAM_FOREIGN_MINISTRY},
        ],
    },
    {
        "name": "Võ Văn Thưởng",
        "country": "Vietnam",
        "aliases": [
            "Во Ван Тхыонг",
            "Vo Van Thuong",
            "Thưởng",
            "ボー・バン・トゥオン",
            "ヴォー・ヴァン・トゥオン",
            "トゥオン国家主席",
            "武文赏",
            "武文賞",
            "보 반 트엉",
        ],
        "roles": [{"title": "President", "organisation": _VIETNAM_STATE}],
    },
    {
        "name": "Lương Cường",
        "country": "Vietnam",
        "aliases": [
            "Лыонг Кыонг",
            "Luong Cuong",
            "Cường",
            "ルオン・クオン",
            "クオン国家主席",
            "梁强",
            "梁強",
            "르엉 끄엉",
            "르엉끄엉",
        ],
        "roles": [{"title": "President", "organisation": _VIETNAM_STATE}],
    },
    {
        "name": "Vương Đình Huệ",
        "country": "Vietnam",
        "aliases": ["Vuong Dinh Hue", "Huệ", "ブオン・ディン・フエ", "王廷惠"],
        "roles": [{"title": "Chairman of the National Assembly", "organisation": _VIETNAM_NA}],
    },
    {
        "name": "Nguyễn Thị Kim Ngân",
        "country": "Vietnam",
        "aliases": ["Nguyen Thi Kim Ngan", "Ngân", "グエン・ティ・キム・ガン", "阮氏金银"],
        "roles": [{"title": "Chairwoman of the National Assembly", "organisation": _VIETNAM_NA}],
    },
    {
        "name": "Trần Thanh Mẫn",
        "country": "Vietnam",
        "aliases": [
            "Tran Thanh Man",
            "Mẫn",
            "チャン・タイン・マン",
            "マン国会議長",
            "陈青敏",
            "陳青敏",
            "쩐 타인 먼",
            "쩐 탄 만",
        ],
        "roles": [{"title": "Chairman of the National Assembly", "organisation": _VIETNAM_NA}],
    },
    {
        "name": "Võ Thị Ánh Xuân",
        "country": "Vietnam",
        "aliases": [
            "Vo Thi Anh Xuan",
            "Xuân",
            "ボー・ティ・アイン・スアン",
            "スアン国家副主席",
            "武氏映春",
        ],
        "roles": [{"title": "Vice President", "organisation": _VIETNAM_STATE}],
    },
    {
        "name": "Đặng Thị Ngọc Thịnh",
        "country": "Vietnam",
        "aliases": ["Dang Thi Ngoc Thinh", "Thịnh", "ダン・ティ・ゴック・ティン", "邓氏玉盛"],
        "roles": [{"title": "Vice President", "organisation": _VIETNAM_STATE}],
    },
    {
        "name": "Phạm Quang Hiệu",
        "country": "Vietnam",
        "aliases": ["Pham Quang Hieu", "Hiệu", "ファム・クアン・ヒエウ"],
        "roles": [{"title": "Ambassador to Japan", "organisation": "Embassy of Vietnam in Japan"}],
    },
    # --- Japan -----------------------------------------------------------------------------
    {
        "name": "Abe Shinzo",
        "country": "Japan",
        "aliases": [
            "Синдзо Абэ",
            "Абэ",
            "Shinzo Abe",
            "Abe",
            "Shinzo",
            "安倍晋三",
            "安倍首相",
            "安倍総理",
            "아베 신조",
            "ชินโซ อาเบะ",
            "อาเบะ",
        ],
        "roles": [{"title": "Prime Minister", "organisation": _JAPAN_GOVERNMENT}],
    },
    {
        "name": "Suga Yoshihide",
        "country": "Japan",
        "aliases": ["Yoshihide Suga", "Suga", "Yoshihide", "菅義偉", "菅义伟", "스가 요시히데"],
        "roles": [{"title": "Prime Minister", "organisation": _JAPAN_GOVERNMENT}],
    },
    {
        "name": "Fukuda Yasuo",
        "country": "Japan",
        "aliases": ["Yasuo Fukuda", "Fukuda", "Yasuo", "福田康夫", "福田首相", "福田康夫总理"],
        "roles": [{"title": "Prime Minister", "organisation": _JAPAN_GOVERNMENT}],
    },
    {
        "name": "Aso Taro",
        "country": "Japan",
        "aliases": ["Taro Aso", "Aso", "Taro", "麻生太郎", "麻生首相"],
        "roles": [{"title": "Prime Minister", "organisation": _JAPAN_GOVERNMENT}],
    },
    {
        "name": "Hatoyama Yukio",
        "country": "Japan",
        "aliases": ["Yukio Hatoyama", "Hatoyama", "Yukio", "鳩山由紀夫", "鳩山首相", "鸠山由纪夫"],
        "roles": [{"title": "Prime Minister", "organisation": _JAPAN_GOVERNMENT}],
    },
    {
        "name": "Kan Naoto",
        "country": "Japan",
        "aliases": ["Naoto Kan", "Kan", "Naoto", "菅直人", "간 나오토"],
        "roles": [{"title": "Prime Minister", "organisation": _JAPAN_GOVERNMENT}],
    },
    {
        "name": "Noda Yoshihiko",
        "country": "Japan",
        "aliases": [
            "Yoshihiko Noda",
            "Noda",
            "Yoshihiko",
            "野田佳彦",
            "野田首相",
            "野田総理",
            "노다 요시히코",
        ],
        "roles": [{"title": "Prime Minister", "organisation": _JAPAN_GOVERNMENT}],
    },
    {
        "name": "Akihito",
        "country": "Japan",
        "aliases": ["Emperor Akihito", "明仁", "明仁天皇", "아키히토"],
        "roles": [{"title": "Emperor", "organisation": "Imperial House of Japan"}],
    },
    {
        "name": "Naruhito",
        "country": "Japan",
        "aliases": ["Emperor Naruhito", "徳仁", "德仁", "나루히토"],
        "roles": [{"title": "Emperor", "organisation": "Imperial House of Japan"}],
    },
    {
        "name": "Motegi Toshimitsu",
        "country": "Japan",
        "aliases": ["Toshimitsu Motegi", "Motegi", "Toshimitsu", "茂木敏充", "茂木外相"],
        "roles": [
            {"title": "Minister of Foreign Affairs", "organisation": _JAPAN_FOREIGN_MINISTRY}
        ],
    },
    {
        "name": "Hayashi Yoshimasa",
        "country": "Japan",
        "aliases": ["Yoshimasa Hayashi", "Hayashi", "Yoshimasa", "林芳正", "林外相"],
        "roles": [
            {"title": "Minister of Foreign Affairs", "organisation": _JAPAN_FOREIGN_MINISTRY}
        ],
    },
    {
        "name": "Kono Taro",
        "country": "Japan",
        "aliases": ["Taro Kono", "Kono", "Taro", "河野太郎", "河野外相"],
        "roles": [
            {"title": "Minister of Foreign Affairs", "organisation": _JAPAN_FOREIGN_MINISTRY}
        ],
    },
    {
        "name": "Okada Katsuya",
        "country": "Japan",
        "aliases": ["Katsuya Okada", "Okada", "Katsuya", "岡田克也", "岡田外相"],
        "roles": [
            {"title": "Minister of Foreign Affairs", "organisation": _JAPAN_FOREIGN_MINISTRY}
        ],
    },
    {
        "name": "Gemba Koichiro",
        "country": "Japan",
        "aliases": ["Koichiro Gemba", "Genba Koichiro", "Gemba", "Koichiro", "玄葉光一郎"],
        "roles": [
            {"title": "Minister of Foreign Affairs", "organisation": _JAPAN_FOREIGN_MINISTRY}
        ],
    },
    {
        "name": "Akishino",
        "country": "Japan",
        "aliases": [
            "Prince Akishino",
            "Crown Prince Akishino",
            "Fumihito",
            "秋篠宮",
            "秋筱宫",
            "아키시노",
        ],
        "roles": [{"title": "Crown Prince", "organisation": "Imperial House of Japan"}],
    },
    {
        "name": "Otsuji Hidehisa",
        "country": "Japan",
        "aliases": [
            "Hidehisa Otsuji",
            "Otsuji",
            "Hidehisa",
            "尾辻秀久",
            "尾辻議長",
            "尾辻参議院議長",
            "尾辻参院議長",
        ],
        "roles": [
            {
                "title": "President of the House of Councillors",
                "organisation": "National Diet of Japan",
            }
        ],
    },
    {
        "name": "Sekiguchi Masakazu",
        "country": "Japan",
        "aliases": [
            "Masakazu Sekiguchi",
            "Sekiguchi",
            "Masakazu",
            "関口昌一",
            "関口議長",
        ],
        "roles": [
            {
                "title": "President of the House of Councillors",
                "organisation": "National Diet of Japan",
            }
        ],
    },
    {
        "name": "Nukaga Fukushiro",
        "country": "Japan",
        "aliases": [
            "Fukushiro Nukaga",
            "Nukaga",
            "Fukushiro",
            "額賀福志郎",
            "額賀議長",
            "額賀衆議院議長",
            "額賀衆院議長",
        ],
        "roles": [
            {
                "title": "Speaker of the House of Representatives",
                "organisation": "National Diet of Japan",
            }
        ],
    },
    {
        "name": "Nikai Toshihiro",
        "country": "Japan",
        "aliases": ["Toshihiro Nikai", "Nikai", "Toshihiro", "二階俊博"],
        "roles": [
            {
                "title": "Chairman of the Japan-Vietnam Friendship Parliamentary Alliance",
                "organisation": "National Diet of Japan",
            }
        ],
    },
    {
        "name": "Umeda Kunio",
        "country": "Japan",
        "aliases": ["Kunio Umeda", "Umeda", "Kunio", "梅田邦夫"],
        "roles": [
            {"title": "Ambassador to Vietnam", "organisation": "Embassy of Japan in Vietnam"}
        ],
    },
    {
        "name": "Yamada Takio",
        "country": "Japan",
        "aliases": ["Takio Yamada", "Yamada", "Takio", "山田滝雄"],
        "roles": [
            {"title": "Ambassador to Vietnam", "organisation": "Embassy of Japan in Vietnam"}
        ],
    },
]

STARTER_REGISTRY += _EARLIER + DEFENCE_MINISTERS + NEIGHBOURS
STARTER_REGISTRY += VIETNAMESE_OFFICIALS + JAPANESE_OFFICIALS + PARTNERS
