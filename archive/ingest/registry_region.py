"""The starter registry, continued: the defence ministers of both countries (Japan's since
2009, with Ishiba and Hayashi, ministers in 2007-08, in ``registry.py``), and the leaders of
the neighbours whose meetings with Vietnam's and Japan's leaders the archive also keeps.

A meeting is grouped through the officials its versions name (``grouping``); an official the
registry does not know is a candidate, never whom a meeting is between, and is spelt
differently in every script. So the counterparts that Vietnam–Japan coverage meets most often
are here as data, with the spellings stories use: English, Vietnamese (Sino-Vietnamese for
Chinese names), Chinese, Japanese and Korean; Thai for Thailand's leaders. The Russian
spellings and the short forms after a full mention are added by ``people.known_people``;
one-word aliases below are short forms.

Same row format as ``registry.py``; their terms of office are in ``tenures.TERMS``.
"""

from __future__ import annotations

_VIETNAM_DEFENCE = "Ministry of National Defence of Vietnam"
_JAPAN_DEFENCE = "Ministry of Defense of Japan"
_CHINA = "People's Republic of China"
_KOREA = "Republic of Korea"
_PHILIPPINES = "Republic of the Philippines"


def _row(name: str, country: str, aliases: list[str], title: str, organisation: str) -> dict:
    return {
        "name": name,
        "country": country,
        "aliases": aliases,
        "roles": [{"title": title, "organisation": organisation}],
    }


DEFENCE_MINISTERS: list[dict] = [
    _row(
        "Phùng Quang Thanh", "Vietnam",
        ["Phung Quang Thanh", "Thanh", "フン・クアン・タイン", "冯光青"],
        "Minister of National Defence", _VIETNAM_DEFENCE,
    ),
    _row(
        "Ngô Xuân Lịch", "Vietnam",
        ["Ngo Xuan Lich", "Lịch", "ゴー・スアン・リック", "吴春历"],
        "Minister of National Defence", _VIETNAM_DEFENCE,
    ),
    _row(
        "Phan Văn Giang", "Vietnam",
        ["Phan Van Giang", "Giang", "ファン・バン・ザン", "ファン・ヴァン・ザン", "潘文江",
         "판반장"],
        "Minister of National Defence", _VIETNAM_DEFENCE,
    ),
    _row(
        "Kitazawa Toshimi", "Japan",
        ["Toshimi Kitazawa", "Kitazawa", "Toshimi", "北澤俊美", "北澤防衛相", "北沢俊美"],
        "Minister of Defense", _JAPAN_DEFENCE,
    ),
    _row(
        "Morimoto Satoshi", "Japan",
        ["Satoshi Morimoto", "Morimoto", "Satoshi", "森本敏", "森本防衛相"],
        "Minister of Defense", _JAPAN_DEFENCE,
    ),
    _row(
        "Onodera Itsunori", "Japan",
        ["Itsunori Onodera", "Onodera", "Itsunori", "小野寺五典", "小野寺防衛相"],
        "Minister of Defense", _JAPAN_DEFENCE,
    ),
    _row(
        "Nakatani Gen", "Japan",
        ["Gen Nakatani", "Nakatani", "Gen", "中谷元", "中谷防衛相"],
        "Minister of Defense", _JAPAN_DEFENCE,
    ),
    _row(
        "Inada Tomomi", "Japan",
        ["Tomomi Inada", "Inada", "Tomomi", "稲田朋美", "稲田防衛相"],
        "Minister of Defense", _JAPAN_DEFENCE,
    ),
    _row(
        "Kishi Nobuo", "Japan",
        ["Nobuo Kishi", "Kishi", "Nobuo", "岸信夫", "岸防衛相", "기시 노부오"],
        "Minister of Defense", _JAPAN_DEFENCE,
    ),
    _row(
        "Hamada Yasukazu", "Japan",
        ["Yasukazu Hamada", "Hamada", "Yasukazu", "浜田靖一", "浜田防衛相"],
        "Minister of Defense", _JAPAN_DEFENCE,
    ),
    _row(
        "Kihara Minoru", "Japan",
        ["Minoru Kihara", "Kihara", "Minoru", "木原稔", "木原防衛相", "기하라 미노루"],
        "Minister of Defense", _JAPAN_DEFENCE,
    ),
    _row(
        "Koizumi Shinjiro", "Japan",
        ["Shinjiro Koizumi", "Koizumi", "Shinjiro", "小泉進次郎", "小泉防衛相", "고이즈미 신지로"],
        "Minister of Defense", _JAPAN_DEFENCE,
    ),
]  # fmt: skip

NEIGHBOURS: list[dict] = [
    # --- China ----------------------------------------------------------------------------
    _row(
        "Xi Jinping", "China",
        ["Tập Cận Bình", "习近平", "習近平", "시진핑", "Xi", "Tập"],
        "President", _CHINA,
    ),
    _row(
        "Li Qiang", "China",
        ["Lý Cường", "李强", "李強", "리창", "Li"],
        "Premier", _CHINA,
    ),
    _row(
        "Li Keqiang", "China",
        ["Lý Khắc Cường", "李克强", "李克強", "리커창", "Li"],
        "Premier", _CHINA,
    ),
    _row(
        "Hu Jintao", "China",
        ["Hồ Cẩm Đào", "胡锦涛", "胡錦濤", "후진타오", "Hu"],
        "President", _CHINA,
    ),
    _row(
        "Wang Yi", "China",
        ["Vương Nghị", "Wang", "王毅", "왕이"],
        "Minister of Foreign Affairs", _CHINA,
    ),
    # --- Korea ----------------------------------------------------------------------------
    _row(
        "Yoon Suk Yeol", "South Korea",
        ["Yoon Suk-yeol", "Yoon Seok-youl", "Yun Suk-yeol", "윤석열", "尹錫悦", "尹锡悦",
         "ユン・ソンニョル", "Yoon"],
        "President", _KOREA,
    ),
    _row(
        "Moon Jae-in", "South Korea",
        ["Moon Jae In", "문재인", "文在寅", "ムン・ジェイン", "Moon"],
        "President", _KOREA,
    ),
    _row(
        "Lee Jae-myung", "South Korea",
        ["Lee Jae Myung", "이재명", "李在明", "イ・ジェミョン", "Lee"],
        "President", _KOREA,
    ),
    _row(
        "Park Geun-hye", "South Korea",
        ["Park Geun Hye", "박근혜", "朴槿恵", "朴槿惠", "パク・クネ", "Park"],
        "President", _KOREA,
    ),
    # --- Southeast Asia, South Asia, Oceania ------------------------------------------------
    _row(
        "Ferdinand Marcos Jr.", "Philippines",
        ["Ferdinand R. Marcos Jr.", "Bongbong Marcos", "Ferdinand Marcos", "Marcos",
         "フェルディナンド・マルコス", "マルコス", "마르코스", "小马科斯"],
        "President", _PHILIPPINES,
    ),
    _row(
        "Rodrigo Duterte", "Philippines",
        ["Rodrigo Roa Duterte", "Duterte", "ドゥテルテ", "두테르테", "杜特尔特"],
        "President", _PHILIPPINES,
    ),
    _row(
        "Joko Widodo", "Indonesia",
        ["Jokowi", "Widodo", "ジョコ・ウィドド", "조코 위도도", "佐科"],
        "President", "Republic of Indonesia",
    ),
    _row(
        "Prabowo Subianto", "Indonesia",
        ["Prabowo", "Subianto", "プラボウォ", "프라보워", "普拉博沃"],
        "President", "Republic of Indonesia",
    ),
    _row(
        "Hun Sen", "Cambodia",
        ["Sen", "フン・セン", "훈센", "洪森"],
        "Prime Minister", "Kingdom of Cambodia",
    ),
    _row(
        "Hun Manet", "Cambodia",
        ["Manet", "フン・マネット", "훈 마넷", "洪玛奈"],
        "Prime Minister", "Kingdom of Cambodia",
    ),
    _row(
        "Thongloun Sisoulith", "Laos",
        ["Thongloun", "Thongloun Sisoulit", "トンルン・シースリット", "통룬 시술릿", "通伦"],
        "President", "Lao People's Democratic Republic",
    ),
    _row(
        "Prayut Chan-o-cha", "Thailand",
        ["Prayuth Chan-ocha", "Prayut", "Prayuth", "プラユット", "巴育", "ประยุทธ์ จันทร์โอชา",
         "ประยุทธ์"],
        "Prime Minister", "Kingdom of Thailand",
    ),
    _row(
        "Srettha Thavisin", "Thailand",
        ["Srettha", "セター・タウィーシン", "セター", "赛塔", "賽塔", "세타 타위신",
         "เศรษฐา ทวีสิน", "เศรษฐา"],
        "Prime Minister", "Kingdom of Thailand",
    ),
    _row(
        "Paetongtarn Shinawatra", "Thailand",
        ["Paetongtarn", "ペートンタン・シナワット", "ペートンタン", "ペートンターン", "佩通坦",
         "패통탄 친나왓", "패통탄", "แพทองธาร ชินวัตร", "แพทองธาร"],
        "Prime Minister", "Kingdom of Thailand",
    ),
    _row(
        "Anutin Charnvirakul", "Thailand",
        ["Anutin", "アヌティン", "阿努廷", "아누틴", "อนุทิน ชาญวีรกูล", "อนุทิน"],
        "Prime Minister", "Kingdom of Thailand",
    ),
    _row(
        "Anwar Ibrahim", "Malaysia",
        ["Anwar", "アンワル", "안와르", "安瓦尔", "安华", "安華"],
        "Prime Minister", "Malaysia",
    ),
    _row(
        "Ismail Sabri Yaakob", "Malaysia",
        ["Ismail Sabri", "Ismail", "イスマイル・サブリ", "伊斯迈沙比里", "依斯迈沙比里",
         "이스마일 사브리"],
        "Prime Minister", "Malaysia",
    ),
    _row(
        "Muhyiddin Yassin", "Malaysia",
        ["Muhyiddin", "ムヒディン", "慕尤丁", "무히딘"],
        "Prime Minister", "Malaysia",
    ),
    _row(
        "Mahathir Mohamad", "Malaysia",
        ["Mahathir", "マハティール", "马哈蒂尔", "馬哈迪", "마하티르"],
        "Prime Minister", "Malaysia",
    ),
    _row(
        "Lee Hsien Loong", "Singapore",
        ["Lý Hiển Long", "Lee", "李显龙", "李顯龍", "リー・シェンロン", "리셴룽"],
        "Prime Minister", "Republic of Singapore",
    ),
    _row(
        "Lawrence Wong", "Singapore",
        ["Lawrence", "ローレンス・ウォン", "黄循财", "黃循財", "로런스 웡"],
        "Prime Minister", "Republic of Singapore",
    ),
    _row(
        "Sonexay Siphandone", "Laos",
        ["Sonexay", "Sonxay Siphandone", "ソーンサイ・シーパンドン", "宋赛", "손싸이 시판돈"],
        "Prime Minister", "Lao People's Democratic Republic",
    ),
    _row(
        "Phankham Viphavanh", "Laos",
        ["Phankham", "パンカム・ウィパワン", "潘坎", "판캄 위파완"],
        "Prime Minister", "Lao People's Democratic Republic",
    ),
    _row(
        "Narendra Modi", "India",
        ["Modi", "モディ", "모디", "莫迪"],
        "Prime Minister", "Republic of India",
    ),
    _row(
        "Anthony Albanese", "Australia",
        ["Albanese", "アルバニージー", "앨버니지", "阿尔巴尼斯"],
        "Prime Minister", "Commonwealth of Australia",
    ),
    _row(
        "Scott Morrison", "Australia",
        ["Morrison", "モリソン", "莫里森", "모리슨"],
        "Prime Minister", "Commonwealth of Australia",
    ),
    _row(
        "Malcolm Turnbull", "Australia",
        ["Turnbull", "ターンブル", "特恩布尔", "턴불"],
        "Prime Minister", "Commonwealth of Australia",
    ),
]  # fmt: skip
