"""Date lines: a page's own date printed near its headline, read and taken out of the story."""

import pytest

from archive.ingest.clean import clean_story, clean_text, cleaning_rules
from archive.ingest.date_lines import read_date_line, take_date_line
from archive.ingest.dates import DayMonth

LONG_PARAGRAPH = (
    "The delegations discussed trade, investment, education and climate policy at length, "
    "and agreed to meet again before the end of the year to review progress."
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("08:15 JST, April 3, 2025", DayMonth(3, 4, 2025)),
        ("Apr 3, 2025 | 7:32pm", DayMonth(3, 4, 2025)),
        ("November 24, 2021 9:45 PM GMT+7", DayMonth(24, 11, 2021)),
        ("October 08, 2018 2:29 PM GMT+7", DayMonth(8, 10, 2018)),
        ("21:23 16 January 2017", DayMonth(16, 1, 2017)),
        ("Thu 3 Apr 2025", DayMonth(3, 4, 2025)),
        ("Published: 2025-04-03", DayMonth(3, 4, 2025)),
        ("Posted on 3 April 2025", DayMonth(3, 4, 2025)),
        ("By Reuters, VnExpress   April 3, 2025 | 02:51 am PT", DayMonth(3, 4, 2025)),
        ("Thứ Năm, 03/04/2025, 10:15 (GMT+7)", DayMonth(3, 4, 2025)),
        ("Thứ 5, 03/04/2025 | 10:15", DayMonth(3, 4, 2025)),
        ("ngày 3/4/2025", DayMonth(3, 4, 2025)),
        ("Chủ nhật, 06/04/2025 08:00", DayMonth(6, 4, 2025)),
        ("jeudi 3 avril 2025", DayMonth(3, 4, 2025)),
        ("3 avril 2025 à 10h15", DayMonth(3, 4, 2025)),
        ("Publié le 03/04/2025", DayMonth(3, 4, 2025)),
        ("3 de abril de 2025", DayMonth(3, 4, 2025)),
        ("Pukul 10.15 WIB, Kamis 3 April 2025", DayMonth(3, 4, 2025)),
        ("2025年4月3日 10時15分", DayMonth(3, 4, 2025)),
        ("2025年4月3日(木) 10:15", DayMonth(3, 4, 2025)),
        ("2025/04/03 10:15 JST配信", DayMonth(3, 4, 2025)),
        ("2025年04月03日 10:15", DayMonth(3, 4, 2025)),
        ("2025년 4월 3일", DayMonth(3, 4, 2025)),
        ("입력 : 2025. 04.03(목) 10:15", DayMonth(3, 4, 2025)),  # a Korean input stamp
        ("6月1日 4時34分", DayMonth(1, 6)),  # the year comes from the URL or the capture
        ("6月1日 4時34分 https://example.jp/news/html/20180601/k1.html", DayMonth(1, 6)),
        ("11/25/2025 10:15", DayMonth(25, 11, 2025)),  # no month 25: month first
        ("3 Apr 2025 03:11:48 GMT9", DayMonth(3, 4, 2025)),
        # A 12-hour clock beside numbers: an American locale, month first.
        ("7/3/2019 9:30:05 AM", DayMonth(3, 7, 2019)),
        ("04/03/2025 07:32 pm", DayMonth(3, 4, 2025)),
        ("2025/04/03 7:32pm", DayMonth(3, 4, 2025)),
        ("17/03/2014 | 0", DayMonth(17, 3, 2014)),  # a comment count after a bar
        ("08/06/2017 12:20 GMT+7 Email Print Like 0", DayMonth(8, 6, 2017)),  # share buttons
        # A wire's dateline on its own line: place, date, agency.
        ("東京, 9月6日, /AJMEDIA/", DayMonth(6, 9)),
        ("HANOI, Sept. 6, 2023 (Xinhua)", DayMonth(6, 9, 2023)),
        ("Tokyo, April 3 (Kyodo)", DayMonth(3, 4)),
        # The writer's name signing the date's line, without "By" (written for this test).
        ("Minh Châu - 15/09/2021 20:30 (GMT+7)", DayMonth(15, 9, 2021)),
        ("Nguyễn Văn An | 03/04/2025 10:15", DayMonth(3, 4, 2025)),
        # A wire agency's initials closing the line.
        ("Sunday April 6, 2025 11:34 AM, IANS", DayMonth(6, 4, 2025)),
        # A Thai ministry's labels: the day the page was entered, the day it was updated.
        ("วันที่นำเข้าข้อมูล 6 Jun 2022", DayMonth(6, 6, 2022)),
        # Who published it beside the date: a desk with the time it posted, an author after
        # the date, a paper's or agency's name or a label before a date written year first.
        ("FP News Desk August 29, 2025, 21:06:14 IST", DayMonth(29, 8, 2025)),
        ("Nov. 2, 2015 - 13:09 By Korea Herald", DayMonth(2, 11, 2015)),
        ("  • 승인 2017.11.12 09:17", DayMonth(12, 11, 2017)),
        ("중앙일보 2019.02.27 14:40", DayMonth(27, 2, 2019)),
        ("時事通信 2016.03.19", DayMonth(19, 3, 2016)),
        ("作者:某某钢铁商贸有限公司时间:2015/11/6", DayMonth(6, 11, 2015)),
    ],
)
def test_read_date_line(line, expected):
    found = read_date_line(line)
    assert found is not None and found.written == expected and found.text == line


@pytest.mark.parametrize(
    "line",
    [
        "On April 3, 2025, the ministers met in Tokyo.",
        "The deal was signed on 25/11/2025 in Tokyo.",
        "VnExpress 01/12/2024",  # an aggregator's byline: the outlet is more than furniture
        "Leaders Meet April 3, 2025",  # a title-case headline: no time it was posted
        "ハノイで会談 2025.04.03",  # a headline, not a paper's name
        "The summit opened on 2025.04.03",
        "Lượt xem: 1234 | 03/04/2025",
        "作者:佚名 来源:澎湃新闻 更新:2018-6-2 10:47:18 点击:",
        "By April 3, 2025, the ministry will publish the plan",
        "2025",
        "Hanoi, 10:15",
        "Summit on May 5",
        "Japan and Vietnam, May 5 (talks)",  # more than a place before the date
        "Tokyo, April 3 (Kyodo) Leaders met",  # more than an agency after it
        "Vietnam, Japan sign deal - 15/09/2021",  # a headline, not a name, before the dash
        "Talks on trade - 15/09/2021",
    ],
)
def test_lines_that_are_more_than_a_date(line):
    assert read_date_line(line) is None


def test_a_weekday_that_disagrees_swaps_the_numbers_or_dates_nothing():
    # 2025-04-03 is a Thursday, 2025-03-04 a Tuesday.
    assert read_date_line("Thu, 04/03/2025").written == DayMonth(3, 4, 2025)
    assert read_date_line("Tue, 04/03/2025").written == DayMonth(4, 3, 2025)
    assert read_date_line("Wed, 04/03/2025") is None
    assert read_date_line("Thứ 2, 03/04/2025") is None


def test_update_labels_are_recognised():
    assert read_date_line("Cập nhật: 03/04/2025 10:15").updated
    assert read_date_line("Updated Apr 3, 2025").updated
    assert read_date_line("更新: 2025/04/03 10:15").updated
    assert not read_date_line("Published: 2025-04-03").updated


def test_take_date_line_removes_it_and_keeps_a_paragraph_with_a_date():
    paragraphs = [
        "Ministers agree to expand rail links",
        "Thứ Năm, 03/04/2025, 10:15 (GMT+7)",
        "On April 2, 2025, the ministers met in Tokyo.",
        LONG_PARAGRAPH,
    ]
    rest, line = take_date_line(paragraphs)
    assert line is not None and line.written == DayMonth(3, 4, 2025)
    assert line.text == "Thứ Năm, 03/04/2025, 10:15 (GMT+7)"
    assert rest == [paragraphs[0], paragraphs[2], paragraphs[3]]


def test_take_date_line_prefers_the_publication_to_the_update():
    paragraphs = [
        "Headline here",
        "Updated: 2025-04-04 08:00",
        "Published: 2025-04-03 10:15",
        LONG_PARAGRAPH,
    ]
    rest, line = take_date_line(paragraphs)
    assert line is not None and line.written == DayMonth(3, 4, 2025) and not line.updated
    assert rest == ["Headline here", LONG_PARAGRAPH]


@pytest.mark.parametrize(
    "stamp",
    ["Updated: 16:48, 21/10/2025", "Released at: 16:48, 21/10/2025"],
)
def test_the_site_s_clock_above_the_page_yields_to_the_story_s_stamp(stamp):
    # Our capture in a provincial site's layout: today's date and weekday in the site's header
    # (the day it was captured), the headline, then the story's stamp.
    paragraphs = [
        "Wednesday, 22/10/2025",
        "Hotline: 000 000 000",
        "Prime Minister receives a Japanese governor in Hanoi",
        stamp,
        LONG_PARAGRAPH,
    ]
    rest, line = take_date_line(paragraphs)
    assert line is not None and line.written == DayMonth(21, 10, 2025)
    assert line.also == (DayMonth(22, 10, 2025),)  # the page's date is disputed
    assert stamp not in rest


def test_take_date_line_reads_the_line_before_the_first_paragraph():
    head = ["Headline", "Section", "Standfirst", "Photo credit", "Caption one", "Caption two"]
    paragraphs = [*head, "Standfirst again", "April 3, 2025 | 10:15", LONG_PARAGRAPH]
    rest, line = take_date_line(paragraphs)
    assert line is not None and line.written == DayMonth(3, 4, 2025)
    assert rest == [*head, "Standfirst again", LONG_PARAGRAPH]


def test_a_korean_headline_is_no_story_and_the_input_stamp_under_it_dates_the_page():
    # Our own capture in a Korean daily's layout: headline, menu, headline again, subhead,
    # the input stamp, the byline, then the story.
    headline = '정상회담 "협력 확대" 양국 "대화로 풀자"'
    menu = ["• 페이스북", "• 유튜브", "• 네이버", "• 인스타그램", "검색 입력폼", "정치일반"]
    stamp = "• 입력 : 2025. 04.03(목) 10:15"
    paragraphs = [headline, *menu, headline, "입장차만 확인", stamp, "• 서울=기자", LONG_PARAGRAPH]
    rest, line = take_date_line(paragraphs)
    assert line is not None and line.written == DayMonth(3, 4, 2025)
    assert stamp not in rest


def test_a_date_line_after_a_page_of_links_is_found_by_the_story_it_opens():
    links = [f"• Province {n}" for n in range(40)]
    paragraphs = [*links, "Headline", LONG_PARAGRAPH, "April 3, 2025 9:45 PM GMT+7", LONG_PARAGRAPH]
    rest, line = take_date_line(paragraphs)
    assert line is not None and line.written == DayMonth(3, 4, 2025)
    assert rest == [*links, "Headline", LONG_PARAGRAPH, LONG_PARAGRAPH]


def test_a_date_in_brackets_after_the_headline_goes_and_the_headline_stays():
    paragraphs = [
        "両陛下、書記長夫妻と懇談[2025/04/03 21:06]",
        "両陛下は3日、首都で書記長夫妻と懇談した。" * 3,
    ]
    rest, line = take_date_line(paragraphs)
    assert line is not None and line.written == DayMonth(3, 4, 2025)
    assert rest == ["両陛下、書記長夫妻と懇談", paragraphs[1]]
    # Brackets that hold anything but a date stay.
    kept = ["Ministers meet (updated)", LONG_PARAGRAPH]
    assert take_date_line(kept) == (kept, None)


def test_a_date_in_brackets_past_the_story_s_start_dates_what_its_line_tells():
    # A visit's programme after the lead (written for this test): the page's date is its own.
    paragraphs = [
        "Outcomes of the Minister's visit to Japan on 26-27 May 2022",
        "วันที่ปรับปรุงข้อมูล 6 Jun 2022",
        LONG_PARAGRAPH,
        "1. Talks with the Prime Minister of Japan (26 May 2022)",
    ]
    rest, line = take_date_line(paragraphs)
    assert line is not None and (line.written, line.updated) == (DayMonth(6, 6, 2022), True)
    assert rest == [paragraphs[0], LONG_PARAGRAPH, paragraphs[3]]


def test_a_date_line_deep_in_the_story_stays():
    paragraphs = ["Headline", *([LONG_PARAGRAPH] * 8), "April 3, 2025"]
    assert take_date_line(paragraphs) == (paragraphs, None)


def test_no_date_line():
    paragraphs = ["Headline", LONG_PARAGRAPH]
    assert take_date_line(paragraphs) == (paragraphs, None)
    assert take_date_line([]) == ([], None)


# --- In the cleaning run -----------------------------------------------------------------------


def test_clean_story_keeps_the_date_line_apart_from_the_story():
    text = "\n".join(
        [
            "Ministers agree to expand rail links",
            "Thứ Tư, 02/04/2025 | 17:05",
            "On April 2, 2025, the ministers met in Tokyo.",
            LONG_PARAGRAPH,
        ]
    )
    story = clean_story(clean_text(text), cleaning_rules(None))
    assert story.date_line is not None and story.date_line.written == DayMonth(2, 4, 2025)
    assert story.headline == "Ministers agree to expand rail links"
    texts = [block["text"] for block in story.blocks]
    assert texts == ["On April 2, 2025, the ministers met in Tokyo.", LONG_PARAGRAPH]
    # The weekday before the date is no outlet's name: no aggregator byline is read from it.
    assert story.byline is None


def test_clean_story_still_reads_an_aggregators_byline():
    text = "\n".join(
        ["Ministers agree to expand rail links", "VnExpress 01/12/2024", LONG_PARAGRAPH]
    )
    story = clean_story(clean_text(text), cleaning_rules(None))
    assert story.date_line is None
    assert story.byline is not None and story.byline.name == "VnExpress"
