from datetime import UTC, date, datetime

import pytest

from archive.ingest.date_lines import url_date
from archive.ingest.date_words import CASED_WEEKDAYS, FOLDED_WEEKDAYS, MONTHS_BY_LANGUAGE
from archive.ingest.dates import (
    FOLDED_MONTHS,
    DayMonth,
    PageDate,
    PublicationDate,
    dating_lead,
    find_written_date,
    latest_on_or_before,
    parse_day_month_year,
    parse_iso_date,
    parse_iso_month,
    publication_date,
)
from archive.ingest.text import fold

TODAY = date(2026, 1, 15)


def test_parse_iso_date():
    assert parse_iso_date("2025-04-03") == date(2025, 4, 3)
    assert parse_iso_date("2025-04-03T10:00:00+07:00") == date(2025, 4, 3)
    assert parse_iso_date("2025-02-30") is None
    assert parse_iso_date(None) is None
    assert parse_iso_date("April 3") is None


def test_parse_day_month_year_reads_the_day_first():
    assert parse_day_month_year("25/11/2025") == date(2025, 11, 25)
    assert parse_day_month_year("3/4/2025") == date(2025, 4, 3)
    assert parse_day_month_year("11/25/2025") is None  # no month 25
    assert parse_day_month_year("25/11/2025 extra") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in Hanoi on April 3.", DayMonth(3, 4)),
        ("On the morning of November 25, in Quang Ninh", DayMonth(25, 11)),
        ("signed on November 25, 2025 in Tokyo", DayMonth(25, 11, 2025)),
        ("signed on 3 April 2025 in Tokyo", DayMonth(3, 4, 2025)),
        ("on Sept. 9 the talks", DayMonth(9, 9)),
        ("Om morgenen 25. november deltok", DayMonth(25, 11)),
        ("den 3. April 2024 ble", DayMonth(3, 4, 2024)),
        ("Sáng ngày 25/11, tại Quảng Ninh", DayMonth(25, 11)),
        ("Thủ tướng sáng nay 19-10 đã chủ trì lễ đón", DayMonth(19, 10)),
        ("Hanói, 28 abr (Prensa Latina) El primer ministro", DayMonth(28, 4)),
        ("Sáng 19-10, tại Hà Nội", DayMonth(19, 10)),
        ("ngày 19-10-2020 tại Hà Nội", DayMonth(19, 10, 2020)),
        ("ngày 2 tháng 9 năm 1945", DayMonth(2, 9, 1945)),
        ("Chiều 11.9, đoàn đại biểu quân sự", DayMonth(11, 9)),  # dotted: Thanh Niên
        ("ngày 5.12.2024 tại Hà Nội", DayMonth(5, 12, 2024)),
        # The date in brackets after the part of the day: "yesterday (8 August)".
        ("Trước lễ kỷ niệm, hôm qua (8/8), tại Manila", DayMonth(8, 8)),
        ("tại cuộc họp báo sáng nay (1.8) ở Hà Nội", DayMonth(1, 8)),
        ("first on June 17 and then on June 18", DayMonth(17, 6)),
    ],
)
def test_find_written_date(text, expected):
    assert find_written_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "said on Tuesday.",
        "during the visit in April 2025 by the Prime Minister",
        "you may 3 times check",
        "a 2021-2025 term with 820 decrees",
        "Article 39 and Resolution 59",
        "buổi sáng 8-10 người tham gia",  # eight to ten people, in the morning
        "tỷ số 2-1 trong trận tối 19",
        "mỗi ngày 5.5 triệu lượt khách",  # a figure, in millions
        "tăng trưởng 6.5 phần trăm",
    ],
)
def test_texts_without_a_day_and_month(text):
    assert find_written_date(text) is None


def test_latest_on_or_before_picks_the_year_of_the_anchor_or_the_one_before():
    assert latest_on_or_before(3, 4, date(2025, 6, 18)) == date(2025, 4, 3)
    assert latest_on_or_before(3, 4, date(2025, 4, 3)) == date(2025, 4, 3)
    assert latest_on_or_before(3, 4, date(2025, 2, 1)) == date(2024, 4, 3)
    assert latest_on_or_before(29, 2, date(2027, 1, 1)) == date(2024, 2, 29)
    assert latest_on_or_before(31, 2, date(2027, 1, 1)) is None


def test_an_explicit_date_wins_over_the_text():
    result = publication_date(
        explicit=(None, date(2025, 11, 25)),
        lead_paragraphs=["On April 3 they met."],
        captured_at=None,
        today=TODAY,
    )
    assert result.value == date(2025, 11, 25) and not result.year_inferred


@pytest.mark.parametrize(
    "lead",
    [
        "Le président effectue une visite d'Etat du 16 au 19 mars au Japon.",
        "3月16日(日曜日)から19日(水曜日)まで、国家主席が国賓として訪日した。",
        "两国领导人表示,特别峰会将于12月16日到18日在东京召开。",
    ],
)
def test_the_days_of_a_visit_do_not_date_the_story(lead):
    result = publication_date(explicit=(), lead_paragraphs=[lead], captured_at=None, today=TODAY)
    assert result.value is None


def test_a_full_date_in_the_lead_is_not_inferred():
    result = publication_date(
        explicit=(), lead_paragraphs=["On April 3, 2024 they met."], captured_at=None, today=TODAY
    )
    assert result.value == date(2024, 4, 3) and not result.year_inferred


def test_a_yearless_date_takes_its_year_from_the_capture_time():
    captured = datetime(2025, 6, 18, 9, 0, tzinfo=UTC)
    result = publication_date(
        explicit=(), lead_paragraphs=["in Hanoi on April 3."], captured_at=captured, today=TODAY
    )
    assert result.value == date(2025, 4, 3) and result.year_inferred


def test_a_yearless_date_without_capture_time_takes_its_year_from_today():
    result = publication_date(
        explicit=(), lead_paragraphs=["in Hanoi on April 3."], captured_at=None, today=TODAY
    )
    assert result.value == date(2025, 4, 3) and result.year_inferred


def test_a_weekday_alone_gives_no_date():
    result = publication_date(
        explicit=(None,),
        lead_paragraphs=["HÀ NỘI — The minister said on Tuesday."],
        captured_at=datetime(2025, 6, 18, tzinfo=UTC),
        today=TODAY,
    )
    assert result.value is None and not result.year_inferred


def test_a_weekday_lead_is_not_dated_by_a_later_reference():
    # The second paragraph recalls an earlier happening; it does not date this story.
    result = publication_date(
        explicit=(),
        lead_paragraphs=[
            "HÀ NỘI — The two ministers met on Tuesday.",
            "They recalled the forum held in Quảng Ninh on November 25.",
        ],
        captured_at=datetime(2025, 12, 12, tzinfo=UTC),
        today=TODAY,
    )
    assert result.value is None


def test_a_lead_without_weekday_may_take_the_next_paragraphs_date():
    result = publication_date(
        explicit=(),
        lead_paragraphs=["A standfirst without any date.", "Hanoi (VNA) – They met on April 3."],
        captured_at=datetime(2025, 6, 18, tzinfo=UTC),
        today=TODAY,
    )
    assert result.value == date(2025, 4, 3) and result.year_inferred


# --- Written dates in more languages ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # French, Spanish, Portuguese, Italian
        ("Le ministre a reçu jeudi 3 avril 2025 son homologue", DayMonth(3, 4, 2025)),
        ("Les deux ministres se sont vus le 1er avril à Paris", DayMonth(1, 4)),
        ("a présidé ce dimanche matin 1er mai une cérémonie", DayMonth(1, 5)),
        ("Ils se sont rencontrés le 2 mai à Hanoï", DayMonth(2, 5)),
        ("la réunion du 14 février", DayMonth(14, 2)),
        ("El canciller viajó el 3 de abril de 2025 a Tokio", DayMonth(3, 4, 2025)),
        ("se reunieron el 3 de abril en Hanói", DayMonth(3, 4)),
        ("assinado em 3 de março de 2025 em Tóquio", DayMonth(3, 3, 2025)),
        ("incontro il 3 aprile 2025 a Roma", DayMonth(3, 4, 2025)),
        # German and Nordic: the day with a period
        ("Die Minister trafen sich am 3. März 2025 in Berlin", DayMonth(3, 3, 2025)),
        ("Statsministeren møtte ham den 3. mai i Oslo", DayMonth(3, 5)),
        ("Mötet hölls den 3 april 2025 i Stockholm", DayMonth(3, 4, 2025)),
        # Indonesian, Malay, Filipino
        ("Menteri bertemu pada 3 Mei 2025 di Jakarta", DayMonth(3, 5, 2025)),
        ("Perdana Menteri tiba pada 3 Ogos 2025 di Tokyo", DayMonth(3, 8, 2025)),
        ("Nagpulong sila noong Abril 3, 2025 sa Maynila", DayMonth(3, 4, 2025)),
        ("Dumating siya noong Setyembre 9 sa Tokyo", DayMonth(9, 9)),
        # Vietnamese: numbers, words, a time of day instead of "ngày", a span of days
        ("ngày 3 tháng Tư năm 2025, tại Hà Nội", DayMonth(3, 4, 2025)),
        ("Ngày 30 tháng 5 năm 2018, Quốc yến đã được tổ chức", DayMonth(30, 5, 2018)),
        ("Chiều 16/1, tại Trụ sở Trung ương Đảng", DayMonth(16, 1)),
        ("Trong hai ngày 28-29/5/2025, đoàn đã thăm", DayMonth(28, 5, 2025)),
        # Japanese, Chinese, Korean; an era year, full-width digits
        ("2025年4月3日、両首脳は会談した", DayMonth(3, 4, 2025)),
        ("平成30年5月31日、総理は会談を行いました", DayMonth(31, 5, 2018)),
        ("令和元年5月1日に即位した", DayMonth(1, 5, 2019)),
        ("6月1日 4時34分", DayMonth(1, 6)),
        ("２０２５年４月３日に会談", DayMonth(3, 4, 2025)),
        ("越南国家主席于2025年04月03日抵达", DayMonth(3, 4, 2025)),
        ("대통령은 2025년 4월 3일 정상회담을 가졌다", DayMonth(3, 4, 2025)),
        ("대통령은 4월 3일 오전 회담했다", DayMonth(3, 4)),
        # English ordinal
        ("on the 3rd of April the two sides met", DayMonth(3, 4)),
    ],
)
def test_find_written_date_in_more_languages(text, expected):
    assert find_written_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Văn phòng ở số 2 Mai Hắc Đế, Hà Nội",  # a street named after Mai, not May
        "sold 5 Mac computers to the ministry",
        "the 2 Mars rovers sent images",
        "Trong 3 tháng qua, kim ngạch tăng",  # three months
        "Chỉ sau 2 tháng 3 dự án đã được duyệt",  # two months, three projects
        "3日間の日程を終えた",  # three days
        "平成30年度の予算",
        "2025년 예산",
    ],
)
def test_words_that_only_look_like_dates(text):
    assert find_written_date(text) is None


def test_every_language_names_twelve_months_and_no_name_two():
    for language, months in MONTHS_BY_LANGUAGE.items():
        assert set(months.values()) == set(range(1, 13)), language
        assert all(name == fold(name) for name in months), language
    seen: dict[str, int] = {}
    for months in MONTHS_BY_LANGUAGE.values():
        for name, month in months.items():
            assert seen.setdefault(name, month) == month, name
    assert "may" not in FOLDED_MONTHS and "march" not in FOLDED_MONTHS  # English verbs


def test_weekday_tables_name_seven_days_or_leave_a_word_out_on_purpose():
    for language, days in {**CASED_WEEKDAYS, **FOLDED_WEEKDAYS}.items():
        assert set(days.values()) <= set(range(7)), language
        assert len(set(days.values())) >= 6, language  # Filipino leaves out "Linggo"


# --- URL dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/2015/09/16/leaders-meet/", PageDate(2015, 9, 16)),
        ("https://example.vn/chinh-tri/abc-20100610162839000.htm", PageDate(2010, 6, 10)),
        ("https://example.jp/news/html/20181008/k10011460521000.html", PageDate(2018, 10, 8)),
        ("https://example.com/world/2025-04-03-ministers.html", PageDate(2025, 4, 3)),
        ("https://example.vn/201810/34847.vgp", PageDate(2018, 10)),
        ("https://example.com/news/2018/10/ministers-meet", PageDate(2018, 10)),
        ("https://example.com/custom/news2020102202/", PageDate(2020, 10, 22)),
        ("https://example.com/hk/news/yjj2023112700701/", PageDate(2023, 11, 27)),
        ("https://example.jp/news/politics/170302064529.html", PageDate(2017, 3, 2)),
        ("https://example.jp/news/123456789012.html", None),  # 12 digits, no clock
        ("https://example.vn/post1234567.vnp", None),
        ("https://example.jp/news/k10011460521000.html", None),  # an id, not a date
        ("https://example.com/20181340/x", None),  # no month 13
        ("https://example.com/a?date=2025-04-03", None),  # only the path is read
        # ... or the path of the story's own address an aggregator's carries.
        (
            "https://example.jp/cgi/article.cgi?www.example.com&=&https://www.example.com/"
            "article/20250111-AV4K3THE6Z/",
            PageDate(2025, 1, 11),
        ),
        ("https://example.cn/n/2015/1106/c94474-8972682.html", PageDate(2015, 11, 6)),
        ("https://example.com.br/sociedade/17/03/2014/emperor/", PageDate(2014, 3, 17)),
        ("https://example.com.br/sociedade/03/04/2014/emperor/", None),  # March 4 or April 3
        ("https://example.jp/express/news/141111/exa1411110915001-n1.htm", PageDate(2014, 11, 11)),
        ("https://example.com/vietnamese/2013/07/130726_sang_obama.shtml", PageDate(2013, 7, 26)),
        ("https://example.com/news/141111/item.html", None),  # six digits, not confirmed
        # The Government Portal's rule (outlet_registry): an edition's number, then the day.
        ("https://baochinhphu.vn/print/pm-meets-10223121819293448.htm", PageDate(2023, 12, 18)),
        ("https://example.vn/print/pm-meets-10223121819293448.htm", None),
        ("not a url", None),
        (None, None),
    ],
)
def test_url_date(url, expected):
    assert url_date(url) == expected


def test_url_date_bounds():
    assert PageDate(2018, 10).last_day == date(2018, 10, 31)
    assert PageDate(2018, 12).last_day == date(2018, 12, 31)
    assert PageDate(2018, 10, 8).last_day == date(2018, 10, 9)
    assert PageDate(2018, 10).full is None and PageDate(2018, 10, 8).full == date(2018, 10, 8)


def test_the_urls_month_gives_a_yearless_lead_its_year_unflagged():
    result = publication_date(
        explicit=(),
        lead_paragraphs=["HANOI — The prime ministers met in Tokyo on October 8."],
        captured_at=datetime(2025, 6, 18, tzinfo=UTC),
        today=TODAY,
        page_date=PageDate(2018, 10),
    )
    assert result == PublicationDate(date(2018, 10, 8), year_inferred=False, from_text=True)


def test_the_urls_month_rules_out_a_day_after_it():
    # A page of October 2018 that names November 5 announces it; it was not published then.
    result = publication_date(
        explicit=(),
        lead_paragraphs=["The summit will open in Tokyo on November 5."],
        captured_at=None,
        today=TODAY,
        page_date=PageDate(2018, 10),
    )
    assert result.value is None


def test_the_urls_month_reaches_back_into_the_month_before():
    result = publication_date(
        explicit=(),
        lead_paragraphs=["The talks on December 30 ended with a statement."],
        captured_at=None,
        today=TODAY,
        page_date=PageDate(2019, 1),
    )
    assert result == PublicationDate(date(2018, 12, 30), from_text=True)


def test_a_url_from_the_future_gives_no_year():
    result = publication_date(
        explicit=(),
        lead_paragraphs=["The ministers met on April 3."],
        captured_at=None,
        today=TODAY,
        page_date=PageDate(2030, 4),
    )
    assert result == PublicationDate(date(2025, 4, 3), year_inferred=True, from_text=True)


def test_a_yearless_date_line_comes_before_the_lead():
    result = publication_date(
        explicit=(None, None),
        yearless=(DayMonth(1, 6),),
        lead_paragraphs=["The ministers met on May 30."],
        captured_at=None,
        today=TODAY,
        page_date=PageDate(2018, 6, 1),
    )
    assert result == PublicationDate(date(2018, 6, 1))
    inferred = publication_date(
        explicit=(),
        yearless=(DayMonth(1, 6),),
        lead_paragraphs=[],
        captured_at=datetime(2025, 6, 18, tzinfo=UTC),
        today=TODAY,
    )
    assert inferred == PublicationDate(date(2025, 6, 1), year_inferred=True)


@pytest.mark.parametrize(
    "weekday_lead",
    [
        "Les deux ministres se sont rencontrés jeudi à Paris.",
        "Hai bộ trưởng đã hội đàm vào thứ Năm tại Hà Nội.",
        "両首脳は木曜日に会談した。",
        "Menteri bertemu pada Kamis di Jakarta.",
        "TOKYO (Kyodo) — Abe and Quang agreed Thursday to deepen ties.",
    ],
)
def test_a_weekday_lead_in_any_language_is_not_dated_by_a_later_reference(weekday_lead):
    result = publication_date(
        explicit=(),
        lead_paragraphs=[weekday_lead, "They recalled the forum held on November 25."],
        captured_at=datetime(2025, 12, 12, tzinfo=UTC),
        today=TODAY,
    )
    assert result.value is None


def test_parse_iso_month():
    assert parse_iso_month("2022-05") == PageDate(2022, 5)
    assert parse_iso_month("2022-13") is None
    assert parse_iso_month("0012-05") is None
    assert parse_iso_month("2022-05-01") is None
    assert parse_iso_month(None) is None


def test_the_dating_lead_skips_links_and_buttons():
    paragraphs = [
        "• facebook",
        "• twitter",
        "News",
        "Ministers agree to deepen ties",
        "HÀ NỘI — The two ministers met on Thursday.",
        "They agreed to open a new consulate next year and to meet every six months.",
        "A third paragraph that is not read for the date at all, being further down.",
    ]
    assert dating_lead(paragraphs) == paragraphs[4:6]
    assert dating_lead(["Short", "Lines"]) == ["Short", "Lines"]
    japanese = "両首脳は木曜日に首相官邸で会談し、協力の強化で一致した。"
    assert dating_lead(["両首脳が会談", japanese]) == [japanese]


def test_dates_of_the_page_that_disagree_are_disputed():
    # A repost prints the release's date; its URL carries the day it was reposted.
    reposted = publication_date(
        explicit=[None, None, date(2022, 11, 13), None, date(2022, 11, 14)],
        lead_paragraphs=[],
        captured_at=None,
        today=date(2026, 1, 1),
    )
    assert reposted == PublicationDate(date(2022, 11, 13), disputed=True)
    agreeing = publication_date(
        explicit=[date(2022, 11, 13), None, date(2022, 11, 13)],
        lead_paragraphs=[],
        captured_at=None,
        today=date(2026, 1, 1),
    )
    assert agreeing == PublicationDate(date(2022, 11, 13))


@pytest.mark.parametrize(
    ("lead", "language"),
    [
        # Written for this test, in the forms met in real pages.
        ("Presiden menerima Perdana Menteri di Istana Bogor pada Sabtu, 11 Januari 2025, "
         "pagi kemarin.", "id"),
        ("The two leaders met in Hanoi yesterday (January 11, 2025) and agreed to expand trade.",
         "en"),
        ("Hôm qua, ngày 11/1/2025, hai nhà lãnh đạo đã hội đàm tại Hà Nội.", "vi"),
    ],
)  # fmt: skip
def test_a_lead_date_called_yesterday_was_written_the_day_after(lead, language):
    result = publication_date(
        explicit=(), lead_paragraphs=[lead], captured_at=None, today=TODAY, language=language
    )
    assert result.value == date(2025, 1, 12) and not result.year_inferred


@pytest.mark.parametrize(
    ("lead", "language"),
    [
        ("The leaders met in Hanoi on January 11, 2025. Yesterday they visited a factory.", "en"),
        ("Hai nhà lãnh đạo hội đàm ngày 11/1/2025 tại Hà Nội, hôm nay ký kết văn bản.", "vi"),
        # "hier" is "here" in German: French pages only.
        ("Die Minister trafen sich am 11. Januar 2025 hier in Hanoi.", "de"),
    ],
)
def test_a_yesterday_in_another_clause_leaves_the_date(lead, language):
    result = publication_date(
        explicit=(), lead_paragraphs=[lead], captured_at=None, today=TODAY, language=language
    )
    assert result.value == date(2025, 1, 11)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Text written by us in the forms Thai pages use: a Buddhist-era year after พ.ศ. or
        # alone, a common-era one after ค.ศ., an abbreviated month in a dateline.
        ("การประชุมเมื่อวันที่ 2 พฤษภาคม พ.ศ.2565 เวลา 16:10 น.", DayMonth(2, 5, 2022)),
        ("ผู้นำทั้งสองพบกันเมื่อ 16 พฤษภาคม 2568 ที่ฮานอย", DayMonth(16, 5, 2025)),
        ("แถลงการณ์ร่วม 5 ม.ค. ค.ศ. 2024", DayMonth(5, 1, 2024)),
        ("กรุงเทพฯ 3 พ.ค.- นายกรัฐมนตรีเดินทางถึง", DayMonth(3, 5, None)),
    ],
)
def test_thai_dates_and_their_buddhist_era_years(text, expected):
    assert find_written_date(text) == expected


def test_a_date_read_from_the_lead_says_so_and_a_date_line_s_does_not():
    from_lead = publication_date(
        explicit=(None,),
        lead_paragraphs=["The two ministers met in Hanoi on September 3, 2016."],
        captured_at=None,
        today=TODAY,
    )
    assert from_lead == PublicationDate(date(2016, 9, 3), from_text=True)
    from_line = publication_date(
        explicit=(date(2016, 9, 4),),
        lead_paragraphs=["The two ministers met in Hanoi on September 3, 2016."],
        captured_at=None,
        today=TODAY,
    )
    assert from_line == PublicationDate(date(2016, 9, 4))
