"""The event's day: the day the lead names, read against the publication date."""

from datetime import date

import pytest

from archive.ingest.event_day import event_day, written_event_day

FRIDAY = date(2025, 4, 4)  # published on a Friday


@pytest.mark.parametrize(
    ("lead", "language", "expected"),
    [
        # a weekday: the latest such day on or before the publication date
        ("HÀ NỘI — The two ministers met on Thursday in Hà Nội.", "en", date(2025, 4, 3)),
        ("TOKYO (Kyodo) — Abe and Quang agreed Monday to deepen ties.", "en", date(2025, 3, 31)),
        ("The leaders met on Friday.", "en", FRIDAY),
        ("The minister spoke last Friday.", "en", date(2025, 3, 28)),
        ("Les deux ministres se sont rencontrés jeudi à Paris.", "fr", date(2025, 4, 3)),
        ("Los cancilleres se reunieron el martes en Tokio.", "es", date(2025, 4, 1)),
        ("Die Minister trafen sich hier am Donnerstag.", "de", date(2025, 4, 3)),
        ("Statsministrene møttes onsdag i Oslo.", "no", date(2025, 4, 2)),
        ("Menteri bertemu pada Kamis di Jakarta.", "id", date(2025, 4, 3)),
        ("Nagpulong sila noong Huwebes sa Tokyo.", "tl", date(2025, 4, 3)),
        ("Hai bộ trưởng đã hội đàm vào thứ Năm tại Hà Nội.", "vi", date(2025, 4, 3)),
        ("両首脳は木曜日に会談した。", "ja", date(2025, 4, 3)),
        ("两国领导人星期三举行会谈。", "zh", date(2025, 4, 2)),
        ("두 정상은 목요일 회담했다.", "ko", date(2025, 4, 3)),
        # today and yesterday, in the page's language only
        ("The ministers met yesterday in Tokyo.", "en", date(2025, 4, 3)),
        ("Hôm qua, hai bộ trưởng đã hội đàm.", "vi", date(2025, 4, 3)),
        ("Les ministres se sont rencontrés hier.", "fr", date(2025, 4, 3)),
        ("Die Minister sind hier in Berlin.", "de", FRIDAY),  # "hier" is "here" in German
        ("El presidente sostuvo hoy un encuentro.", "es", FRIDAY),
        ("昨日、両首脳は会談した。", "ja", date(2025, 4, 3)),
        # a written date, its year from the publication date
        ("The two ministers met in Hà Nội on April 2.", "en", date(2025, 4, 2)),
        ("Chiều 2/4, tại Hà Nội, hai bộ trưởng hội đàm.", "vi", date(2025, 4, 2)),
        ("Le 2 avril, les ministres se sont rencontrés.", "fr", date(2025, 4, 2)),
        ("安倍総理は、31日夜、クアン国家主席と会談した。", "ja", date(2025, 3, 31)),
        ("総理は2日午前、会談を行った。", "ja", date(2025, 4, 2)),
        ("대통령은 3일 오전 회담했다.", "ko", date(2025, 4, 3)),
        # "on Monday (March 31)": the date beside the weekday
        ("Abe announced on Monday (March 31) that Japan would help.", "en", date(2025, 3, 31)),
        # days that are not the event: announced, or history the lead recalls
        ("The ministers will meet next Thursday.", "en", FRIDAY),
        ("The summit will open on April 20.", "en", FRIDAY),
        ("The countries established ties on September 21, 1973.", "en", FRIDAY),
        ("Les ministres se verront jeudi prochain.", "fr", FRIDAY),
        ("3日間の日程を終えた。", "ja", FRIDAY),
        # nothing: the publication date
        ("The ministers agreed to deepen cooperation.", "en", FRIDAY),
    ],
)
def test_event_day(lead, language, expected):
    assert event_day([lead], FRIDAY, language) == expected


def test_event_day_takes_the_first_mention_of_the_lead():
    lead = ["The ministers met on Wednesday.", "They recalled the forum of March 25."]
    assert event_day(lead, FRIDAY, "en") == date(2025, 4, 2)
    lead = ["A standfirst without a day.", "Hanoi (VNA) – The ministers met on April 1."]
    assert event_day(lead, FRIDAY, "en") == date(2025, 4, 1)


def test_a_date_beside_a_weekday_is_the_precise_one():
    # Published ten days on: the Monday before publication is not the one the lead means.
    lead = ["Abe announced on Monday (March 31) that Japan would help."]
    assert event_day(lead, date(2025, 4, 10), "en") == date(2025, 3, 31)


def test_event_day_is_never_after_the_day_after_publication():
    assert event_day(["They met on April 5, 2025."], FRIDAY, "en") == date(2025, 4, 5)
    assert event_day(["They met on April 6, 2025."], FRIDAY, "en") == FRIDAY


def test_event_day_without_a_publication_date_is_unknown():
    assert event_day(["The ministers met on Thursday."], None, "en") is None


def test_event_day_without_a_known_language_reads_every_weekday_but_no_ambiguous_word():
    assert event_day(["Les ministres se sont vus jeudi."], FRIDAY, None) == date(2025, 4, 3)
    assert event_day(["Die Minister sind hier."], FRIDAY, None) == FRIDAY
    assert event_day(["The ministers met yesterday."], FRIDAY, "xx") == date(2025, 4, 3)


@pytest.mark.parametrize(
    "lead",
    [
        "Le président effectue une visite d'Etat du 16 au 19 mars au Japon.",
        "The president is in Japan from March 16 to 19 on a state visit.",
        "林外務大臣は、11月16日から17日にかけて各国の外相と会談を実施した。",
        "3月16日(日曜日)から19日(水曜日)まで、国家主席が国賓として訪日した。",
        "两国领导人表示,特别峰会将于12月16日到18日在东京召开。",
        "国家主席12月16日至18日对日本进行国事访问。",
    ],
)
def test_the_days_of_a_visit_are_not_the_day_of_its_meeting(lead):
    assert written_event_day([lead], date(2014, 3, 20), None) is None


@pytest.mark.parametrize(
    ("lead", "published", "expected"),
    [
        # The wire's dateline dates the story; the lead's weekday is the meeting's day.
        ("Hanoi, Oct. 20 (Jiji Press)--The premier met the speaker on Monday.", 20, 19),
        ("HANOI, Oct 13, 2020, VNS. The prime minister on Monday congratulated him.", 13, 12),
        # Without another day in its lead, the dateline's is the meeting's.
        ("TOKYO, Oct. 20 (Kyodo) -- The two ministers met at the ministry.", 21, 20),
    ],
)
def test_a_dateline_s_date_yields_to_the_day_the_lead_gives(lead, published, expected):
    assert written_event_day([lead], date(2020, 10, published), "en") == date(2020, 10, expected)


def test_a_release_s_dateline_yields_to_the_day_a_later_paragraph_gives():
    # Our own capture in the shape of a wire release: the dateline alone on its paragraph,
    # the talks' weekday two paragraphs on, after the day the visit began.
    lead = [
        "PÉKIN, 2 novembre 2022 /PRNewswire/ -- La Chine a accueilli un dirigeant étranger.",
        "Le dirigeant est en visite officielle en Chine depuis le 30 octobre.",
        "Au cours de leurs échanges lundi, les deux dirigeants se sont engagés à coopérer.",
    ]
    assert written_event_day(lead, date(2022, 11, 2), "fr") == date(2022, 10, 31)
    # Without a later day, the dateline's stands.
    assert written_event_day(lead[:2], date(2022, 11, 2), "fr") == date(2022, 11, 2)


@pytest.mark.parametrize(
    "lead",
    [
        "The leader is on an official visit which began on October 30. They met on Monday.",
        "The leader has been in the country since October 30. They met on Monday.",
        "El dirigente está de visita desde el 30 de octubre. Se reunieron el lunes.",
    ],
)
def test_the_day_a_visit_began_is_not_the_meeting_s(lead):
    language = "es" if lead.startswith("El") else "en"
    assert written_event_day([lead], date(2022, 11, 1), language) == date(2022, 10, 31)


@pytest.mark.parametrize(
    ("lead", "language", "expected"),
    [
        ("首相於30日傍晚在慶州與總統舉行了首次會談。", "zh", 30),
        ("国家主席当地时间30日在大阪会见日本首相。", "zh", 30),
        ("대통령은 30일 일본 총리와 만나 협력을 논의했다.", "ko", 30),
        # A span of days is no day.
        ("대통령은 3일 동안 일본을 방문하고 돌아왔다.", "ko", None),
    ],
)
def test_a_day_of_the_month_in_chinese_and_korean(lead, language, expected):
    day = written_event_day([lead], date(2025, 10, 31), language)
    assert day == (date(2025, 10, expected) if expected else None)


def test_a_dateline_s_date_stands_when_the_year_is_guessed():
    # "este lunes" read against a guessed year's 28 April (a Tuesday) is the 27th.
    lead = "Hanói, 28 abr (Prensa Latina) Los primeros ministros acordaron este lunes un plan."
    published = date(2026, 4, 28)
    assert written_event_day([lead], published, "es") == date(2026, 4, 27)
    assert written_event_day([lead], published, "es", year_guessed=True) == published


def test_a_date_before_a_time_is_no_range():
    lead = "Thứ Hai, 17/03/2014 - 10:15, Chủ tịch nước hội kiến Nhật hoàng."
    assert written_event_day([lead], date(2014, 3, 20), "vi") == date(2014, 3, 17)
