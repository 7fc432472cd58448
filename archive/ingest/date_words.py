"""The words pages write dates with, by language: data only, read by ``dates`` and ``date_lines``.

Names are folded (``text.fold``: lowercase, no accents) except where a table says otherwise.
Adding a language is adding rows here; the patterns are built from these tables.
"""

from __future__ import annotations

# The tables are laid out as rows, several names a line.
# fmt: off

# English month names are matched capitalised only in running text, so the verbs "may" and
# "march" are not months. Abbreviations may carry a period ("Sept.", "Oct.").
ENGLISH_MONTHS = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6,
    "July": 7, "August": 8, "September": 9, "October": 10, "November": 11, "December": 12,
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8,
    "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}

# Month names of the other languages, folded. Written "3 avril", "3. April", "3 de abril",
# "3 aprile", "3 Mei"; Filipino also "Abril 3".
MONTHS_BY_LANGUAGE: dict[str, dict[str, int]] = {
    "fr": {
        "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
        "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
        "janv": 1, "fevr": 2, "avr": 4, "juil": 7, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    },
    "es": {
        "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
        "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
        "diciembre": 12,
    },
    "pt": {
        "janeiro": 1, "fevereiro": 2, "marco": 3, "abril": 4, "maio": 5, "junho": 6,
        "julho": 7, "agosto": 8, "setembro": 9, "outubro": 10, "novembro": 11, "dezembro": 12,
    },
    "it": {
        "gennaio": 1, "febbraio": 2, "marzo": 3, "aprile": 4, "maggio": 5, "giugno": 6,
        "luglio": 7, "agosto": 8, "settembre": 9, "ottobre": 10, "novembre": 11, "dicembre": 12,
    },
    "de": {
        "januar": 1, "janner": 1, "februar": 2, "marz": 3, "maerz": 3, "april": 4, "mai": 5,
        "juni": 6, "juli": 7, "august": 8, "september": 9, "oktober": 10, "november": 11,
        "dezember": 12, "okt": 10, "dez": 12,
    },
    # Norwegian, Danish and Swedish share most names.
    "nordic": {
        "januar": 1, "januari": 1, "februar": 2, "februari": 2, "mars": 3, "marts": 3,
        "april": 4, "mai": 5, "maj": 5, "juni": 6, "juli": 7, "august": 8, "augusti": 8,
        "september": 9, "oktober": 10, "november": 11, "desember": 12, "december": 12,
    },
    # Indonesian and Malay.
    "id": {
        "januari": 1, "februari": 2, "maret": 3, "mac": 3, "april": 4, "mei": 5, "juni": 6,
        "jun": 6, "juli": 7, "julai": 7, "agustus": 8, "ogos": 8, "september": 9,
        "oktober": 10, "november": 11, "nopember": 11, "desember": 12, "disember": 12,
    },
    "tl": {
        "enero": 1, "pebrero": 2, "marso": 3, "abril": 4, "mayo": 5, "hunyo": 6, "hulyo": 7,
        "agosto": 8, "setyembre": 9, "oktubre": 10, "nobyembre": 11, "disyembre": 12,
    },
}

# Names that are also everyday words after a number: the Vietnamese name Mai ("số 2 Mai Hắc
# Đế" is an address), the computer "Mac", the planet, the name Marco, French "sept" (seven).
# Without a year they count only in the German/Nordic form with a period ("3. mai").
MONTH_NAMES_NEEDING_A_YEAR = frozenset({"mai", "mac", "mars", "marco", "sept", "mayo"})
# ... or after a word that announces a day: "le 2 mai", "jeudi 2 mai", "pada 2 Mac".
DAY_CUES = frozenset({
    "le", "du", "au", "depuis", "el", "del", "il", "dal", "am", "vom", "den", "pada", "tanggal",
    "noong", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
})

# Vietnamese months by word, folded: "tháng Tư" is April, "tháng Chạp" December.
VIETNAMESE_MONTH_WORDS = {
    "gieng": 1, "mot": 1, "hai": 2, "ba": 3, "tu": 4, "bon": 4, "nam": 5, "sau": 6,
    "bay": 7, "tam": 8, "chin": 9, "muoi": 10, "muoi mot": 11, "muoi hai": 12, "chap": 12,
}

# Thai month names, written after the day and before the year, full or abbreviated: "2
# พฤษภาคม พ.ศ.2565", "3 พ.ค." (not folded here: ``dates`` folds them as it folds the text).
THAI_MONTHS = {
    "มกราคม": 1, "กุมภาพันธ์": 2, "มีนาคม": 3, "เมษายน": 4, "พฤษภาคม": 5, "มิถุนายน": 6,
    "กรกฎาคม": 7, "สิงหาคม": 8, "กันยายน": 9, "ตุลาคม": 10, "พฤศจิกายน": 11, "ธันวาคม": 12,
    "ม.ค.": 1, "ก.พ.": 2, "มี.ค.": 3, "เม.ย.": 4, "พ.ค.": 5, "มิ.ย.": 6, "ก.ค.": 7,
    "ส.ค.": 8, "ก.ย.": 9, "ต.ค.": 10, "พ.ย.": 11, "ธ.ค.": 12,
}
# Thai years are of the Buddhist era (พ.ศ. 2565 is 2022) unless marked ค.ศ. (the common era).
BUDDHIST_ERA_OFFSET = 543

# Japanese era names: 平成30年 is 2018 (the era's first year, 元年, is its base year + 1).
JAPANESE_ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925}

# Weekdays, Monday = 0. "cased" tables are matched as written (a capital marks the day
# name: "Minggu" is Sunday, "minggu" a week; "thứ Hai" Monday, "lần thứ hai" the second
# time); the others folded.
CASED_WEEKDAYS: dict[str, dict[str, int]] = {
    "en": {
        "Monday": 0, "Tuesday": 1, "Wednesday": 2, "Thursday": 3, "Friday": 4,
        "Saturday": 5, "Sunday": 6,
    },
    "de": {
        "Montag": 0, "Dienstag": 1, "Mittwoch": 2, "Donnerstag": 3, "Freitag": 4,
        "Samstag": 5, "Sonnabend": 5, "Sonntag": 6,
    },
    "id": {
        "Senin": 0, "Isnin": 0, "Selasa": 1, "Rabu": 2, "Kamis": 3, "Khamis": 3, "Jumat": 4,
        "Jumaat": 4, "Sabtu": 5, "Minggu": 6, "Ahad": 6,
    },
    # "Linggo" (Sunday) is also the word for a week: left out.
    "tl": {
        "Lunes": 0, "Martes": 1, "Miyerkules": 2, "Miyerkoles": 2, "Huwebes": 3,
        "Biyernes": 4, "Sabado": 5,
    },
    "vi": {
        "thứ Hai": 0, "thứ Ba": 1, "thứ Tư": 2, "thứ Năm": 3, "thứ Sáu": 4, "thứ Bảy": 5,
        "Thứ Hai": 0, "Thứ Ba": 1, "Thứ Tư": 2, "Thứ Năm": 3, "Thứ Sáu": 4, "Thứ Bảy": 5,
        "chủ nhật": 6, "Chủ nhật": 6, "Chủ Nhật": 6,
    },
    "ja": {
        "月曜日": 0, "火曜日": 1, "水曜日": 2, "木曜日": 3, "金曜日": 4, "土曜日": 5, "日曜日": 6,
        "月曜": 0, "火曜": 1, "水曜": 2, "木曜": 3, "金曜": 4, "土曜": 5, "日曜": 6,
    },
    "ko": {
        "월요일": 0, "화요일": 1, "수요일": 2, "목요일": 3, "금요일": 4, "토요일": 5, "일요일": 6,
    },
    "zh": {
        "星期一": 0, "星期二": 1, "星期三": 2, "星期四": 3, "星期五": 4, "星期六": 5,
        "星期日": 6, "星期天": 6, "周一": 0, "周二": 1, "周三": 2, "周四": 3, "周五": 4,
        "周六": 5, "周日": 6,
    },
}
FOLDED_WEEKDAYS: dict[str, dict[str, int]] = {
    "fr": {
        "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5,
        "dimanche": 6,
    },
    "es": {
        "lunes": 0, "martes": 1, "miercoles": 2, "jueves": 3, "viernes": 4, "sabado": 5,
        "domingo": 6,
    },
    "pt": {
        "segunda-feira": 0, "terca-feira": 1, "quarta-feira": 2, "quinta-feira": 3,
        "sexta-feira": 4, "sabado": 5, "domingo": 6,
    },
    "it": {
        "lunedi": 0, "martedi": 1, "mercoledi": 2, "giovedi": 3, "venerdi": 4, "sabato": 5,
        "domenica": 6,
    },
    "nordic": {
        "mandag": 0, "tirsdag": 1, "tisdag": 1, "onsdag": 2, "torsdag": 3, "fredag": 4,
        "lordag": 5, "sondag": 6,
    },
}
# Short forms printed in date lines only ("Thu, 3 Apr 2025", "T5, 03/04/2025", "(木)").
DATE_LINE_WEEKDAYS = {
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4,
    "sat": 5, "sun": 6, "t2": 0, "t3": 1, "t4": 2, "t5": 3, "t6": 4, "t7": 5, "cn": 6,
    "(月)": 0, "(火)": 1, "(水)": 2, "(木)": 3, "(金)": 4, "(土)": 5, "(日)": 6,
    "(월)": 0, "(화)": 1, "(수)": 2, "(목)": 3, "(금)": 4, "(토)": 5, "(일)": 6,
}

# Words that date the lead by the day it was written: 0 is that day, -1 the day before.
# Matched folded, only on pages in their language ("hier" is yesterday in French but
# "here" in German).
RELATIVE_DAYS: dict[str, dict[str, int]] = {
    "en": {"today": 0, "tonight": 0, "this morning": 0, "yesterday": -1, "last night": -1},
    "vi": {
        "hom nay": 0, "sang nay": 0, "chieu nay": 0, "toi nay": 0, "trua nay": 0,
        "hom qua": -1, "toi qua": -1, "dem qua": -1, "chieu qua": -1, "sang qua": -1,
    },
    "fr": {"aujourd'hui": 0, "aujourd\u2019hui": 0, "ce matin": 0, "hier": -1},
    "es": {"hoy": 0, "esta manana": 0, "ayer": -1, "anoche": -1},
    "pt": {"hoje": 0, "esta manha": 0, "ontem": -1},
    "it": {"oggi": 0, "stamattina": 0, "ieri": -1},
    "de": {"heute": 0, "gestern": -1},
    "nordic": {"i dag": 0, "idag": 0, "i gar": -1, "igar": -1},
    "id": {"hari ini": 0, "kemarin": -1, "semalam": -1},
    "tl": {"ngayong araw": 0, "kahapon": -1, "kagabi": -1},
    "ja": {"本日": 0, "今日": 0, "昨日": -1},
    "ko": {"오늘": 0, "어제": -1},
    "zh": {"今天": 0, "今日": 0, "昨天": -1, "昨日": -1},
}

# Words around a weekday that send it forward ("next Thursday", "jeudi prochain"): such a
# day is one the story announces, not the one it reports. Folded.
FUTURE_BEFORE_WEEKDAY = frozenset({
    "next", "coming", "following", "every", "each", "until", "proximo", "proxima",
    "prossimo", "nachsten", "kommenden", "neste", "kommende", "nasta",
})
FUTURE_AFTER_WEEKDAY = frozenset({"prochain", "proximo", "proxima", "depan", "mendatang", "toi"})
# ... and those that send it back a week when it is the day of writing ("last Thursday").
PAST_BEFORE_WEEKDAY = frozenset({"last", "sist", "forrige", "letzten", "vergangenen", "pasado"})
PAST_AFTER_WEEKDAY = frozenset({"dernier", "pasado", "passado", "passada", "scorso", "lalu"})

# Language codes (py3langid's) to the tables' keys.
LANGUAGE_TABLE = {"nb": "nordic", "nn": "nordic", "no": "nordic", "da": "nordic",
                  "sv": "nordic", "ms": "id", "fil": "tl"}

# Labels that open or close a date line, folded. Updated ones name a later day than the
# publication, so a page's published line is preferred to them.
PUBLISHED_LABELS = (
    "published on", "published", "first published", "posted on", "posted", "date",
    "released at", "released on", "released",
    "ngay dang", "dang luc", "dang ngay", "ngay", "xuat ban",
    "publie le", "publie", "publicado el", "publicado", "pubblicato il", "pubblicato",
    "veroffentlicht am", "veroffentlicht", "publisert", "publiceret", "publicerad",
    "diterbitkan", "dipublikasikan", "terbit", "inilathala",
    "公開日", "公開", "配信", "掲載", "投稿日", "投稿", "发布时间", "发布日期", "发布", "發布",
    "日期", "时间", "입력", "게시", "등록", "기사입력", "승인", "기사승인", "작성", "작성일",
    # Thai: "date the data was entered", "date published", "date".
    "วันที่นำเข้าข้อมูล", "วันที่เผยแพร่", "เผยแพร่", "วันที่",
)
UPDATED_LABELS = (
    "last updated", "updated on", "updated", "cap nhat", "cap nhat luc", "mis a jour le",
    "mis a jour", "actualizado", "atualizado", "aggiornato", "aktualisiert", "oppdatert",
    "sist oppdatert", "opdateret", "uppdaterad", "diperbarui", "更新日", "更新时间", "更新",
    "수정", "업데이트", "วันที่ปรับปรุงข้อมูล", "ปรับปรุงล่าสุด", "แก้ไขล่าสุด",
)
# Short words between a date and its time or after a label: "à 10h15", "lúc 10:15", "um".
# A page's share buttons and counters printed on its date line ("08/06/2017 12:20 GMT+7 Email
# Print Like 0").
SHARE_BUTTONS = ("email", "e-mail", "print", "like", "share", "tweet", "comment", "comments")
DATE_LINE_JOINERS = ("on", "at", "le", "a", "luc", "um", "kl", "klo", "pukul", "am", "el", "il")

# Time zones printed after a time: "GMT+7" and "(UTC)" are read apart; these as words.
TIME_ZONE_NAMES = (
    "jst", "ict", "kst", "cst", "hkt", "sgt", "pht", "wib", "wita", "pt", "pst", "pdt", "et",
    "est", "edt", "ct", "cdt", "cet", "cest", "bst", "ist", "aest", "aedt", "gmt", "utc",
)
# fmt: on
