"""One test group per cleaning step, including the cases where a step must NOT fire."""

# the test data is typographic on purpose: en dashes, curly quotes

import unicodedata

import pytest

from archive.ingest.clean import (
    cleaning_rules,
    cut_at_page_chrome,
    cut_at_story_end,
    drop_caption_copies,
    drop_image_file_names,
    drop_markup_debris,
    drop_menu_runs,
    drop_repeated_paragraphs,
    drop_site_name_lines,
    looks_like_headline,
    mark_headings,
    match_dateline,
    normalize_unicode,
    remove_stray_characters,
    split_paragraphs,
    take_byline,
    take_captions,
    take_capture_date_prefix,
    take_credit,
    take_headline,
    take_source_url,
)
from archive.ingest.outlets import VIETNAM_VN

RULES = cleaning_rules(None)
AGGREGATOR_RULES = cleaning_rules(VIETNAM_VN)
LONG = (
    "The delegations discussed trade, investment, education and climate policy at length, "
    "and agreed to meet again before the end of the year to review progress."
)


# --- normalize_unicode ---------------------------------------------------------------------


def test_normalize_composes_decomposed_vietnamese():
    decomposed = unicodedata.normalize("NFD", "Hà Nội")
    assert normalize_unicode(decomposed) == "Hà Nội"
    assert len(normalize_unicode(decomposed)) == len("Hà Nội")


def test_normalize_unifies_line_breaks_and_spaces():
    assert normalize_unicode("a\r\nb\rc\u2028d") == "a\nb\nc\nd"
    assert normalize_unicode("10\u00a0000\u202fkm") == "10 000 km"


# --- remove_stray_characters ---------------------------------------------------------------


def test_stray_symbol_inside_a_word_is_removed():
    assert remove_stray_characters("Vietnam cons♐iders Japan") == "Vietnam considers Japan"


def test_stray_symbol_next_to_vietnamese_diacritics_keeps_the_letters():
    assert remove_stray_characters("Hà Nội♐ and Đà♈ Nẵng") == "Hà Nội and Đà Nẵng"


@pytest.mark.parametrize(
    "invisible",
    ["\u200b", "\u00ad", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\ufeff", "\x07"],
)
def test_invisible_and_bidi_characters_are_removed_inside_words(invisible):
    assert remove_stray_characters(f"cons{invisible}iders") == "considers"


def test_emoji_and_private_use_characters_are_removed():
    assert remove_stray_characters("Great 👍🏽 news\ue000 ❤️!") == "Great  news !"


@pytest.mark.parametrize(
    "real_text",
    [
        "Việt Nam, Hà Nội, Đảng Cộng Sản, Phạm Minh Chính, Nguyễn Thị Ánh",
        "Tromsø, Ærø og Ålesund «sier» – «ja»",
        "He said “yes” — and ‘no’… It’s 85.36% of $900 billion, €5, ¥3, £2, 100₫ and 5°C.",
        "Москва, Αθήνα, 北京, 東京, 서울 and Unicode™ ©2025 ® №5",
        "tab\tand\nnewline",
    ],
)
def test_real_text_is_left_alone(real_text):
    assert remove_stray_characters(real_text) == real_text


# --- split_paragraphs ----------------------------------------------------------------------


def test_every_non_empty_line_is_a_paragraph():
    text = "Title line\nFirst paragraph.\n\n\n  Second   paragraph.  \n"
    assert split_paragraphs(text) == ["Title line", "First paragraph.", "Second paragraph."]


def test_hard_wrapped_lines_are_joined():
    text = "The minister said the talks\nwere useful and would continue.\n\nNext one."
    assert split_paragraphs(text) == [
        "The minister said the talks were useful and would continue.",
        "Next one.",
    ]


def test_a_heading_followed_by_a_capitalised_line_is_not_joined():
    text = "A subheading here\nThe paragraph after it starts with a capital."
    assert split_paragraphs(text) == [
        "A subheading here",
        "The paragraph after it starts with a capital.",
    ]


def test_lines_are_not_joined_across_blank_lines_or_when_asked_not_to():
    assert split_paragraphs("one two\n\nthree four") == ["one two", "three four"]
    assert split_paragraphs("one two\nthree four", join_wrapped_lines=False) == [
        "one two",
        "three four",
    ]


# --- take_capture_date_prefix ----------------------------------------------------------------


def test_date_prefix_is_taken_off_the_first_paragraph():
    paragraphs, iso = take_capture_date_prefix(["date 2025-04-03 HÀ NỘI — Text.", "More."])
    assert iso == "2025-04-03"
    assert paragraphs == ["HÀ NỘI — Text.", "More."]


def test_the_word_date_in_a_story_is_not_a_prefix():
    paragraphs = ["date palms grow well here, 2025-04-03 notes say.", "More."]
    assert take_capture_date_prefix(paragraphs) == (paragraphs, None)


# --- drop_site_name_lines ------------------------------------------------------------------


def test_aggregator_site_name_line_is_dropped():
    paragraphs = ["Vietnam.vn - Nền tảng quảng bá Việt Nam", "Headline", LONG]
    assert drop_site_name_lines(paragraphs, AGGREGATOR_RULES) == ["Headline", LONG]


def test_the_site_name_is_only_dropped_where_it_opens_the_page():
    paragraphs = ["Headline", "Vietnam.vn - Nền tảng quảng bá Việt Nam", LONG]
    assert drop_site_name_lines(paragraphs, AGGREGATOR_RULES) == paragraphs


def test_site_name_lines_are_only_dropped_for_the_outlet_that_prints_them():
    paragraphs = ["Vietnam.vn - Nền tảng quảng bá Việt Nam", LONG]
    assert drop_site_name_lines(paragraphs, RULES) == paragraphs


def test_a_story_sentence_naming_the_site_stays():
    paragraphs = ["Headline", "Vietnam.vn - the national portal - said on Monday it had grown."]
    assert drop_site_name_lines(paragraphs, AGGREGATOR_RULES) == paragraphs


# --- take_byline ---------------------------------------------------------------------------


def test_doubled_outlet_name_byline_is_taken():
    paragraphs = ["Headline", "Standfirst.", "Báo Nhân DânBáo Nhân Dân02/09/2025", LONG]
    rest, byline = take_byline(paragraphs)
    assert byline is not None
    assert (byline.name, byline.date) == ("Báo Nhân Dân", "02/09/2025")
    assert rest == ["Headline", "Standfirst.", LONG]


def test_plain_outlet_name_byline_is_taken():
    rest, byline = take_byline(["Headline", "VnExpress 01/12/2024", LONG])
    assert byline is not None and byline.name == "VnExpress" and byline.date == "01/12/2024"
    assert rest == ["Headline", LONG]


def test_a_sentence_with_a_date_is_not_a_byline():
    paragraphs = ["Headline", "The deal was signed on 25/11/2025 in Tokyo.", LONG]
    assert take_byline(paragraphs) == (paragraphs, None)


def test_bylines_are_only_looked_for_near_the_top():
    paragraphs = ["Headline"] + [LONG] * 8 + ["VnExpress 01/12/2024"]
    assert take_byline(paragraphs) == (paragraphs, None)


# --- take_headline -------------------------------------------------------------------------


def test_short_unpunctuated_first_line_is_the_headline():
    rest, headline = take_headline(["Leaders agree to deepen ties: minister", LONG])
    assert headline == "Leaders agree to deepen ties: minister"
    assert rest == [LONG]


def test_a_headline_may_end_in_a_question_mark_or_quotes():
    assert looks_like_headline("Is the forum a turning point?")
    assert looks_like_headline("Minister: relations are «sincere and effective»")


def test_a_chinese_or_japanese_sentence_is_not_a_headline():
    # Written for this test. Headlines in these scripts end without a full stop.
    sentence = "越南国家主席今天在河内会见了日本首相，双方就经济合作交换了意见。"
    assert not looks_like_headline(sentence)
    assert take_headline([sentence, LONG]) == ([sentence, LONG], None)
    assert looks_like_headline("日越首脳会談、経済協力で合意")
    assert looks_like_headline("日越関係は新たな段階へ？")


def test_a_lead_with_a_dateline_is_not_a_headline():
    for lead in ("HÀ NỘI — Leaders met today", "Hanoi (VNA) – Leaders met today"):
        assert not looks_like_headline(lead)
        assert take_headline([lead, LONG]) == ([lead, LONG], None)


def test_a_sentence_is_not_a_headline():
    paragraphs = ["The ministers met.", LONG]
    assert take_headline(paragraphs) == (paragraphs, None)


def test_a_lone_paragraph_is_never_taken_as_headline():
    assert take_headline(["Just one line here"]) == (["Just one line here"], None)


def test_known_title_with_the_site_name_removes_the_plain_headline():
    rest, _ = take_headline(
        ["Leaders meet in Hanoi", LONG], known_title="Leaders meet in Hanoi - VNS"
    )
    assert rest == [LONG]


def test_known_title_removes_its_repeat_only():
    assert take_headline(["Leaders  meet", LONG], known_title="Leaders meet") == ([LONG], None)
    assert take_headline(["Other line", LONG], known_title="Leaders meet") == (
        ["Other line", LONG],
        None,
    )


# --- cut_at_story_end ----------------------------------------------------------------------


def test_story_ends_at_the_wire_marker_and_teasers_go():
    paragraphs = ["Lead.", "Last line of the story in all areas./.", "Teaser one.", "Teaser two."]
    assert cut_at_story_end(paragraphs, RULES) == ["Lead.", "Last line of the story in all areas."]


def test_wire_marker_after_a_number_ends_the_story():
    paragraphs = ["Lead.", "Growth reached 8.02/.", "Teaser."]
    assert cut_at_story_end(paragraphs, RULES) == ["Lead.", "Growth reached 8.02"]


def test_wire_marker_after_a_space_is_removed_too():
    assert cut_at_story_end(["Lead.", "Last words /.", "Teaser."], RULES) == ["Lead.", "Last words"]


@pytest.mark.parametrize(
    "url_paragraph",
    [
        "Read the statement at https://example.com/.",
        "Details: www.mofa.gov.vn/.",
        "Details on mofa.gov.vn/.",
    ],
)
def test_a_url_ending_in_slash_dot_does_not_end_the_story(url_paragraph):
    paragraphs = ["Lead.", url_paragraph, "The story goes on here."]
    assert cut_at_story_end(paragraphs, RULES) == paragraphs


def test_slash_dot_inside_a_paragraph_does_not_end_the_story():
    paragraphs = ["Growth was 5/.6 of target, oddly written.", "The story goes on."]
    assert cut_at_story_end(paragraphs, RULES) == paragraphs


# --- cut_at_page_chrome --------------------------------------------------------------------


@pytest.mark.parametrize("counter", ["Comment (0)", "Kommentar (12)", "Bình luận (3)"])
def test_comment_counter_after_the_story_cuts_the_rest(counter):
    paragraphs = [LONG, LONG, counter, "No data", "Teaser title one", "Section"]
    assert cut_at_page_chrome(paragraphs, RULES) == [LONG, LONG]


@pytest.mark.parametrize(
    "marker", ["Same category", "Same author", "I samme kategori", "I samme emne",
               "Av samme forfatter", "No data"]
)  # fmt: skip
def test_aggregator_sections_cut_the_rest(marker):
    paragraphs = [LONG, LONG, marker, "Teaser title one", "Another teaser"]
    assert cut_at_page_chrome(paragraphs, AGGREGATOR_RULES) == [LONG, LONG]


def test_chrome_above_the_story_is_dropped_alone():
    paragraphs = ["Headline", "Comment (4)", LONG, LONG]
    assert cut_at_page_chrome(paragraphs, RULES) == ["Headline", LONG, LONG]


def test_a_story_sentence_mentioning_comments_stays():
    paragraphs = [LONG, "No comment (0) was made by the ministry, a spokesman said.", LONG]
    assert cut_at_page_chrome(paragraphs, AGGREGATOR_RULES) == paragraphs


# --- take_source_url -----------------------------------------------------------------------


@pytest.mark.parametrize("label", ["Source", "Kilde", "Nguồn", "SOURCE"])
def test_source_line_becomes_the_source_url(label):
    url = "https://dangcongsan.org.vn/tin/a-b.html"
    rest, found = take_source_url([LONG, f"{label}: {url}"], RULES)
    assert found == url
    assert rest == [LONG]


@pytest.mark.parametrize(
    "story_paragraph",
    [
        "Source: a senior official said the talks would resume next week.",
        "According to a source close to the talks, the deal is nearly done.",
        "The Source of the Mekong lies in Tibet, https://example.com notes.",
    ],
)
def test_a_story_paragraph_with_the_word_source_stays(story_paragraph):
    paragraphs = [LONG, story_paragraph]
    assert take_source_url(paragraphs, RULES) == (paragraphs, None)


# --- drop_image_file_names -----------------------------------------------------------------


def test_bare_image_file_names_are_dropped():
    paragraphs = [LONG, "ttxvn-2511-forum-7.jpg", "IMG_0042.JPEG", "photo.webp?w=800", LONG]
    assert drop_image_file_names(paragraphs) == [LONG, LONG]


def test_a_sentence_naming_an_image_file_stays():
    paragraphs = ["The leaked file, called plan.jpg, showed the route."]
    assert drop_image_file_names(paragraphs) == paragraphs


# --- take_captions -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "caption",
    [
        "The Prime Minister attends the forum - Photo: VGP/Nhat Bac",
        "Delegates at the forum. (Foto: Duong Giang/VNA)",
        "The Party chief receives the ambassador. (Photo: VNA)",
        "Leaders at the summit – Ảnh: TTXVN",
        "Photo: VNA",
        "The two leaders shake hands in Tokyo on Tuesday. (AP Photo/Ken Sato)",
        "The guests meet the Emperor at the palace on Tuesday. Pool Photo via AP",
        "The premier walks to a meeting in Tokyo, Japan, 07 November 2023. EFE-EPA FILE/"
        "TARO YAMADA / POOL",
        "The two leaders shake hands in Hanoi, Vietnam, June 6, 2025. REUTERS/Lan Tran",
        "The two leaders before their talks (Photo by the Prime Minister's Office)",
        # Thai: "talks of the two prime ministers (photographed by the press office)".
        "การหารือของนายกรัฐมนตรีทั้งสอง (รูปถ่ายโดย สำนักโฆษก)",
        "会談の様子(写真:TTXVN)",
    ],
)
def test_photo_captions_leave_the_story(caption):
    rest, captions = take_captions([LONG, caption, LONG])
    assert captions == [caption]
    assert rest == [LONG, LONG]


def test_story_paragraphs_about_photos_stay():
    paragraphs = [
        "The photo exhibition opened on Monday, showing 200 images of the war.",
        "Visitors lined up to see it (photo exhibitions are rare here).",
        LONG * 3 + " (Photo: VNA)",  # too long to be a caption
    ]
    assert take_captions(paragraphs) == (paragraphs, [])


def test_a_caption_printed_above_the_headline_without_its_credit_is_no_lead():
    # Written by us, laid out as a local paper's page of a wire story: the photo's caption
    # first, then the caption with its credit, then the headline and the story.
    caption = (
        "The visiting prime minister and his wife meet the Emperor and Empress at the Imperial "
        "Palace in Tokyo on Tuesday."
    )
    paragraphs = [
        caption,
        f"{caption} Pool Photo via AP",
        "Leaders agree to bolster maritime security",
        LONG,
    ]
    assert drop_caption_copies(paragraphs) == paragraphs[1:]
    # A story sentence that merely starts like a short caption stays.
    short = ["Photo: VNA", "Photo", LONG]
    assert drop_caption_copies(short) == short


# --- take_credit ---------------------------------------------------------------------------


def test_dashed_credit_at_the_end_is_taken():
    rest, credit = take_credit([LONG, "Takebe reaffirmed his commitment. — VNA/VNS"], RULES)
    assert credit == "VNA/VNS"
    assert rest == [LONG, "Takebe reaffirmed his commitment."]


def test_bracketed_credit_paragraph_is_taken():
    rest, credit = take_credit([LONG, "(TTXVN/Vietnam+)"], RULES)
    assert credit == "TTXVN/Vietnam+"
    assert rest == [LONG]


def test_bracketed_credit_after_the_last_sentence_is_taken():
    rest, credit = take_credit([LONG, "The talks ended. (VNA)"], RULES)
    assert credit == "VNA"
    assert rest == [LONG, "The talks ended."]


@pytest.mark.parametrize(
    "last",
    [
        "Trade between Vietnam and Japan rose — Korea followed.",
        "The minister spoke to VNA reporters after the talks.",
        "It was reported by the ap news desk - ap",
        "Hanoi (VNA) – a lead that starts with a dateline.",
    ],
)
def test_endings_that_are_not_credits_stay(last):
    paragraphs = [LONG, last]
    assert take_credit(paragraphs, RULES) == (paragraphs, None)


def test_only_the_last_paragraph_can_carry_the_credit():
    paragraphs = ["First part. — VNA", LONG]
    assert take_credit(paragraphs, RULES) == (paragraphs, None)


# --- drop_repeated_paragraphs ------------------------------------------------------------------


def test_a_repeated_standfirst_keeps_its_later_place():
    assert drop_repeated_paragraphs(["B.", "A.", "B.", "C."]) == ["A.", "B.", "C."]


def test_distinct_paragraphs_all_stay():
    assert drop_repeated_paragraphs(["A.", "B.", "C."]) == ["A.", "B.", "C."]


# --- mark_headings -------------------------------------------------------------------------


def test_short_unpunctuated_line_inside_the_story_is_a_heading():
    blocks = mark_headings([LONG, "Six directions for cooperation", LONG])
    assert [b["kind"] for b in blocks] == ["p", "h", "p"]
    assert blocks[1]["text"] == "Six directions for cooperation"


@pytest.mark.parametrize(
    "paragraphs",
    [
        ["Opening words without a stop", LONG, LONG],  # first paragraph: the lead
        [LONG, LONG, "Closing words without a stop"],  # nothing follows it
        [LONG, "A short sentence.", LONG],  # punctuated
        [LONG, "Ends with a colon:", LONG],  # introduces a list or quote
    ],
)
def test_lines_that_are_not_subheadings(paragraphs):
    assert [b["kind"] for b in mark_headings(paragraphs)] == ["p", "p", "p"]


def test_twin_short_lines_only_the_second_can_be_a_heading():
    kinds = [b["kind"] for b in mark_headings([LONG, "Twin lines here", "Another line", LONG])]
    assert kinds == ["p", "p", "h", "p"]


# --- match_dateline ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lead", "place"),
    [
        ("Hanoi (VNA) – Vietnam consistently considers", "Hanoi"),
        ("HÀ NỘI — Việt Nam places great importance", "HÀ NỘI"),
        ("HCM CITY — The city will", "HCM CITY"),
        ("Quang Ninh (VNA) - Leaders met", "Quang Ninh"),
        # The city and its country, as Philippine and American papers write them.
        ("MANILA, Philippines — President Santos told the visiting premier", "MANILA"),
        ("SEOUL, South Korea- Nakatakdang magkita ang dalawang lider", "SEOUL"),
    ],
)
def test_datelines(lead, place):
    match = match_dateline(lead)
    assert match is not None and match.group("place") == place


@pytest.mark.parametrize(
    "lead",
    [
        "Vietnam - Japan relations grow",
        "A — B",
        "Prime Minister: Promoting the spirit",
        "The Association of Southeast Asian Nations (ASEAN) – a bloc of ten",
    ],
)
def test_not_datelines(lead):
    assert match_dateline(lead) is None


def test_a_menu_above_the_story_is_dropped():
    provinces = ["An Giang", "Bac Ninh", "Da Nang", "Ha Noi", "Ho Chi Minh", "Hue", "Lao Cai"]
    paragraphs = [
        *(f"• {name}" for name in provinces),
        "PM holds talks with Japanese counterpart",
        "TOKYO (VGP) – Prime Minister Pham Minh Chinh held talks with his Japanese counterpart "
        "in Tokyo on Wednesday, the two sides agreeing on new loans.",
    ]
    assert drop_menu_runs(paragraphs) == paragraphs[-2:]


def test_short_lines_that_are_no_menu_stay():
    # Too few to be a menu, or a date line among them, or lines of the story itself.
    head = ["Editado por Julio Pérez", "2017-03-01 06:35:30", "Pinterest", "Telegram"]
    story = "Hanoi, 1 mar (RHC) El presidente recibió al emperador en el palacio presidencial."
    assert drop_menu_runs([*head, story]) == [*head, story]
    japanese_story = "岸田文雄首相は24日、首相官邸でベトナムのファム・ミン・チン首相と会談した。"
    japanese_menu = ["トップ", "政治", "経済", "国際", "社会", "スポーツ"]
    assert drop_menu_runs([*japanese_menu, japanese_story]) == [japanese_story]
    listed = [story, *(f"• point {n}" for n in "abcdefg")]  # below the story's first paragraph
    assert drop_menu_runs(listed) == listed


# --- drop_markup_debris -------------------------------------------------------------------


def test_markdown_pictures_and_table_cells_leave_no_line_behind():
    """A page converted to Markdown opens with "![]() |": never the story's headline."""
    caption = "President Lee and Prime Minister Ishiba shake hands in Tokyo. / Source: Agency"
    paragraphs = [
        "![]() |",
        "![]() (C)VOV ![]() |",
        f"| {caption} |",
        "Hotline: 024.355.63.010",
        LONG,
    ]
    assert drop_markup_debris(paragraphs) == [caption, LONG]


@pytest.mark.parametrize(
    "line",
    ["1. Skip to content", "Skip to main content", "2. 跳轉至主選單", "3. 跳轉到更多DW網站",
     "Zum Inhalt springen", "Chuyển đến nội dung chính", "본문 바로가기"],
)  # fmt: skip
def test_skip_links_over_the_page_are_no_line_of_it(line):
    assert drop_markup_debris([line, LONG]) == [LONG]
    # A sentence that speaks of skipping stays.
    sentence = "Delegates chose to skip to content of the second session after lunch."
    assert drop_markup_debris([sentence]) == [sentence]


def test_pipes_inside_a_line_and_plain_lines_are_kept():
    paragraphs = ["Apr 3, 2025 | 7:32pm", "Politics | World", LONG]
    assert drop_markup_debris(paragraphs) == paragraphs
