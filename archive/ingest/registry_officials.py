"""The starter registry, continued: ministers, party officials and governors of both countries
whom their meetings' coverage names beside the leaders, the partners' foreign and defence
ministers, and the leaders of the United States and Russia.

An official the registry does not know is found only by a title, in the languages the title
tables cover, and each script's spelling of them is a new name: their meetings' versions in
other languages never meet (``grouping``). Here they are data, with the spellings stories
use: English, Vietnamese, Japanese, Chinese (Sino-Vietnamese names in their characters),
Korean. The Russian and Korean spellings of Vietnamese and Japanese names, and the short forms
after a full mention, are added by ``people.known_people``; one-word aliases below are short
forms.

Same row format as ``registry.py``; the leaders' terms are in ``tenures.TERMS``. Roles are the
offices in which Vietnam–Japan coverage names them.
"""

from __future__ import annotations

from archive.ingest.registry_region import _row

_CPV = "Communist Party of Vietnam"
_VIETNAM_GOVERNMENT = "Government of Vietnam"
_LDP = "Liberal Democratic Party of Japan"
_JAPAN_GOVERNMENT = "Government of Japan"
_KOREA = "Republic of Korea"
_USA = "United States of America"

VIETNAMESE_OFFICIALS: list[dict] = [
    _row(
        "Trương Thị Mai", "Vietnam",
        ["Truong Thi Mai", "Mai", "チュオン・ティ・マイ", "张氏梅", "張氏梅"],
        "Head of the Central Organisation Commission", _CPV,
    ),
    _row(
        "Đỗ Văn Chiến", "Vietnam",
        ["Do Van Chien", "Chiến", "ドー・バン・チエン", "杜文战", "杜文戰"],
        "President of the Vietnam Fatherland Front Central Committee", "Vietnam Fatherland Front",
    ),
    _row(
        "Trần Cẩm Tú", "Vietnam",
        ["Tran Cam Tu", "Tú", "チャン・カム・トゥ", "陈锦秀", "陳錦秀"],
        "Standing Member of the Party Central Committee's Secretariat", _CPV,
    ),
    _row(
        "Trần Hồng Hà", "Vietnam",
        ["Tran Hong Ha", "Hà", "チャン・ホン・ハー", "陈红河", "陳紅河"],
        "Deputy Prime Minister", _VIETNAM_GOVERNMENT,
    ),
    _row(
        "Trần Lưu Quang", "Vietnam",
        ["Tran Luu Quang", "Quang", "チャン・ルー・クアン", "陈流光", "陳流光"],
        "Deputy Prime Minister", _VIETNAM_GOVERNMENT,
    ),
    _row(
        "Lê Minh Khái", "Vietnam",
        ["Le Minh Khai", "Khái", "レ・ミン・カイ", "黎明慨"],
        "Deputy Prime Minister", _VIETNAM_GOVERNMENT,
    ),
    _row(
        "Vũ Đức Đam", "Vietnam",
        ["Vu Duc Dam", "Đam", "ブー・ドゥック・ダム", "武德儋"],
        "Deputy Prime Minister", _VIETNAM_GOVERNMENT,
    ),
    _row(
        "Hồ Đức Phớc", "Vietnam",
        ["Ho Duc Phoc", "Phớc", "ホー・ドゥック・フォック", "胡德福"],
        "Minister of Finance", _VIETNAM_GOVERNMENT,
    ),
    _row(
        "Nguyễn Chí Dũng", "Vietnam",
        ["Nguyen Chi Dung", "Dũng", "グエン・チー・ズン", "阮志勇"],
        "Minister of Planning and Investment", _VIETNAM_GOVERNMENT,
    ),
    _row(
        "Nguyễn Hồng Diên", "Vietnam",
        ["Nguyen Hong Dien", "Diên", "グエン・ホン・ジエン", "阮鸿延", "阮鴻延"],
        "Minister of Industry and Trade", _VIETNAM_GOVERNMENT,
    ),
    _row(
        "Đào Ngọc Dung", "Vietnam",
        ["Dao Ngoc Dung", "Dung", "ダオ・ゴック・ズン", "陶玉容"],
        "Minister of Labour, Invalids and Social Affairs", _VIETNAM_GOVERNMENT,
    ),
    _row(
        "Lương Tam Quang", "Vietnam",
        ["Luong Tam Quang", "Quang", "ルオン・タム・クアン", "梁三光"],
        "Minister of Public Security", _VIETNAM_GOVERNMENT,
    ),
]  # fmt: skip

JAPANESE_OFFICIALS: list[dict] = [
    _row(
        "Obuchi Yuko", "Japan",
        ["Yuko Obuchi", "Obuchi", "Yuko", "小渕優子"],
        "Chair of the Japan-Vietnam Friendship Parliamentary Alliance", _LDP,
    ),
    _row(
        "Moriyama Hiroshi", "Japan",
        ["Hiroshi Moriyama", "Moriyama", "Hiroshi", "森山裕"],
        "Secretary-General", _LDP,
    ),
    _row(
        "Nishimura Yasutoshi", "Japan",
        ["Yasutoshi Nishimura", "Nishimura", "Yasutoshi", "西村康稔"],
        "Minister of Economy, Trade and Industry", _JAPAN_GOVERNMENT,
    ),
    _row(
        "Saito Ken", "Japan",
        ["Ken Saito", "Saito", "Ken", "斎藤健"],
        "Minister of Economy, Trade and Industry", _JAPAN_GOVERNMENT,
    ),
    _row(
        "Muto Yoji", "Japan",
        ["Yoji Muto", "Muto", "Yoji", "武藤容治"],
        "Minister of Economy, Trade and Industry", _JAPAN_GOVERNMENT,
    ),
    _row(
        "Kato Katsunobu", "Japan",
        ["Katsunobu Kato", "Kato", "Katsunobu", "加藤勝信"],
        "Minister of Health, Labour and Welfare", _JAPAN_GOVERNMENT,
    ),
    _row(
        "Matsuno Hirokazu", "Japan",
        ["Hirokazu Matsuno", "Matsuno", "Hirokazu", "松野博一"],
        "Chief Cabinet Secretary", _JAPAN_GOVERNMENT,
    ),
    _row(
        "Yamamoto Ichita", "Japan",
        ["Ichita Yamamoto", "Yamamoto", "Ichita", "山本一太"],
        "Governor of Gunma Prefecture", "Gunma Prefecture",
    ),
    _row(
        "Hattori Seitaro", "Japan",
        ["Seitaro Hattori", "Hattori", "Seitaro", "服部誠太郎"],
        "Governor of Fukuoka Prefecture", "Fukuoka Prefecture",
    ),
    _row(
        "Shiota Koichi", "Japan",
        ["Koichi Shiota", "Shiota", "Koichi", "塩田康一"],
        "Governor of Kagoshima Prefecture", "Kagoshima Prefecture",
    ),
]  # fmt: skip

PARTNERS: list[dict] = [
    # --- The United States and Russia ---------------------------------------------------------
    _row(
        "Barack Obama", "United States",
        ["Obama", "オバマ", "奥巴马", "歐巴馬", "오바마", "Барак Обама", "Обама"],
        "President", _USA,
    ),
    _row(
        "Donald Trump", "United States",
        ["Trump", "トランプ", "特朗普", "川普", "트럼프", "Дональд Трамп", "Трамп"],
        "President", _USA,
    ),
    _row(
        "Joe Biden", "United States",
        ["Joseph Biden", "Joseph R. Biden", "Joseph R. Biden Jr.", "Biden", "バイデン", "拜登",
         "바이든", "Джо Байден", "Байден"],
        "President", _USA,
    ),
    _row(
        "Antony Blinken", "United States",
        ["Blinken", "ブリンケン", "布林肯", "블링컨", "Энтони Блинкен", "Блинкен"],
        "Secretary of State", _USA,
    ),
    _row(
        "Vladimir Putin", "Russia",
        ["Putin", "プーチン", "普京", "푸틴", "Владимир Путин", "Путин"],
        "President", "Russian Federation",
    ),
    # --- The partners' foreign and defence ministers -------------------------------------------
    _row(
        "Kang Kyung-wha", "South Korea",
        ["Kang", "강경화", "康京和", "カン・ギョンファ", "Кан Гён Хва"],
        "Minister of Foreign Affairs", _KOREA,
    ),
    _row(
        "Chung Eui-yong", "South Korea",
        ["Chung", "정의용", "鄭義溶", "チョン・ウィヨン"],
        "Minister of Foreign Affairs", _KOREA,
    ),
    _row(
        "Park Jin", "South Korea",
        ["Park", "박진", "朴振", "パク・チン"],
        "Minister of Foreign Affairs", _KOREA,
    ),
    _row(
        "Cho Tae-yul", "South Korea",
        ["Cho", "조태열", "趙兌烈", "チョ・テヨル"],
        "Minister of Foreign Affairs", _KOREA,
    ),
    _row(
        "Dong Jun", "China",
        ["Đổng Quân", "董军", "董軍", "董軍国防相", "둥쥔", "Dong"],
        "Minister of National Defense", "People's Republic of China",
    ),
    _row(
        "Enrique Manalo", "Philippines",
        ["Enrique A. Manalo", "Manalo", "マナロ", "马纳罗"],
        "Secretary of Foreign Affairs", "Republic of the Philippines",
    ),
    _row(
        "Gilberto Teodoro", "Philippines",
        ["Gilberto Teodoro Jr.", "Gilberto C. Teodoro Jr.", "Teodoro", "テオドロ"],
        "Secretary of National Defense", "Republic of the Philippines",
    ),
    _row(
        "Retno Marsudi", "Indonesia",
        ["Marsudi", "Retno", "ルトノ・マルスディ", "蕾特诺"],
        "Minister of Foreign Affairs", "Republic of Indonesia",
    ),
]  # fmt: skip
