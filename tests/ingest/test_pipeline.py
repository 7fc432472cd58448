"""``extract`` end to end on small captures written for the tests."""

# the test data is typographic on purpose: en dashes, curly quotes

import ast
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

import archive.ingest
from archive.ingest import Capture, Extracted, IngestError, OutletInfo, extract

WIRE_STORY = """Ministers agree to expand rail links: officials
Da Nang (VNA) – The transport ministers of the two countries agreed to exp♐and rail links \
between their main ports, officials said in Da Nang on March 14.
The ministers inspect the new station. (Photo: VNA)
The agreement covers freight and passenger trains, and a joint study will be finished by \
the end of the year, the statement added./.
An unrelated teaser about rice exports that must not be kept in the story.
Another teaser about a football match in the capital.
"""

PLAIN_STORY = (
    "The two foreign ministers met in the capital and agreed to deepen cooperation in trade, "
    "energy and education, officials said after talks that lasted three hours.\n\n"
    "They also agreed to open a new consulate next year and to hold talks every six months."
)


def capture(raw: str, **fields) -> Capture:
    return Capture(raw=raw, format=fields.pop("format", "text"), path="test.txt", **fields)


def test_wire_story_is_cleaned_and_dated():
    article = extract(capture(WIRE_STORY, captured_at=datetime(2025, 6, 1, tzinfo=UTC)))
    assert isinstance(article, Extracted)
    assert article.title == "Ministers agree to expand rail links: officials"
    assert not article.title_derived
    assert "expand rail links" in article.body and "♐" not in article.body
    assert "teaser" not in article.body and "/." not in article.body
    assert article.body.endswith("the statement added.")
    assert article.captions == ["The ministers inspect the new station. (Photo: VNA)"]
    assert article.published_on == date(2025, 3, 14)
    assert article.year_inferred and article.review_reasons == ["year_inferred"]
    assert article.place == "Da Nang"
    assert article.outlet.slug == "vna" and article.original_outlet is None
    assert article.language == "en"


def test_body_and_blocks_hold_the_same_paragraphs():
    article = extract(capture(WIRE_STORY))
    assert article.body == "\n\n".join(block["text"] for block in article.blocks)
    assert {block["kind"] for block in article.blocks} <= {"p", "h"}


def test_year_is_inferred_from_today_without_capture_time():
    article = extract(capture(WIRE_STORY))
    today = datetime.now(UTC).date()
    assert article.published_on is not None and article.published_on <= today
    assert (article.published_on.month, article.published_on.day) == (3, 14)
    assert article.published_on.year in (today.year, today.year - 1)


def test_unidentified_outlet_is_flagged():
    article = extract(capture(PLAIN_STORY))
    assert article.outlet == OutletInfo(
        name="Unknown outlet", slug="unknown-outlet", needs_review=True
    )
    assert "unknown_outlet" in article.review_reasons
    assert "no_headline" in article.review_reasons and "no_date" in article.review_reasons
    assert article.title_derived
    assert article.title.startswith("The two foreign ministers met in the capital")


def test_outlet_from_an_unknown_url_domain_is_named_after_it_for_review():
    article = extract(capture(PLAIN_STORY, url="https://en.example-news.org/story/1"))
    assert article.outlet.name == "Example-news.org"
    assert article.outlet.slug == "example-news-org"
    assert article.outlet.domain == "example-news.org"
    assert "unknown_outlet" in article.review_reasons


def test_outlet_from_an_unknown_hint_is_flagged_for_review():
    article = extract(capture(PLAIN_STORY, outlet="Harbour Gazette"))
    assert (article.outlet.name, article.outlet.slug) == ("Harbour Gazette", "harbour-gazette")
    assert "unknown_outlet" in article.review_reasons


def test_a_hint_the_registry_knows_names_the_outlet():
    article = extract(capture(PLAIN_STORY, outlet="The Diplomat"))
    assert (article.outlet.name, article.outlet.slug) == ("The Diplomat", "the-diplomat")
    assert "unknown_outlet" not in article.review_reasons


def test_a_known_url_beats_the_text_signature():
    article = extract(capture(WIRE_STORY, url="https://en.vietnamplus.vn/x-post1.vnp"))
    assert article.outlet.slug == "vietnamplus"


def test_a_known_hint_names_the_outlet():
    article = extract(capture(PLAIN_STORY, outlet="Việt Nam News"))
    assert article.outlet.slug == "vns"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("Too short to be a story.", r"only 6 words left after cleaning \(a story needs 20\)"),
        ("♐ ♈ 👍", "nothing left after cleaning"),
        ("Comment (0)\n\n", "nothing left after cleaning"),
    ],
)
def test_captures_without_a_story_raise_ingest_error(raw, reason):
    with pytest.raises(IngestError, match=reason):
        extract(capture(raw))


def test_ingest_error_is_a_value_error():
    assert issubclass(IngestError, ValueError)


HOSTILE_PAGE = """<!doctype html>
<html lang="en"><head>
<title>Ministers meet in Hanoi</title>
<meta property="og:title" content="Ministers meet in Hanoi">
<meta property="article:published_time" content="2025-04-03T10:00:00+07:00">
<script>var stolen = document.cookie; alert('owned');</script>
</head><body onload="trackVisitor()">
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Ministers meet in Hanoi</h1>
<p onclick="stealCookies()">HÀ NỘI — The foreign ministers of the two countries met in Hà Nội
on Thursday to discuss trade, investment and the energy transition, officials said.</p>
<script>document.write('injected paragraph from a script');</script>
<p>Both sides agreed to raise two-way trade and to open more direct flights between their
capitals next year, according to a joint statement.</p>
<button onclick="doEvil()">Share</button>
</article>
<footer>Copyright 2025 Example News</footer>
</body></html>"""


def test_html_capture_body_has_no_script_code_nor_handlers():
    pytest.importorskip("trafilatura")
    article = extract(capture(HOSTILE_PAGE, format="html", url="https://example.com/a"))
    for trace in ("alert", "document.cookie", "stolen", "injected", "onclick", "stealCookies",
                  "doEvil", "trackVisitor", "<", ">"):  # fmt: skip
        assert trace not in article.body, trace
    assert article.body.startswith("HÀ NỘI — The foreign ministers")
    assert "Both sides agreed" in article.body
    assert article.title == "Ministers meet in Hanoi" and not article.title_derived
    assert article.body.count("Ministers meet in Hanoi") == 0  # the <h1> is the title
    assert article.published_on == date(2025, 4, 3) and not article.year_inferred
    assert article.place == "HÀ NỘI"
    assert article.outlet.domain == "example.com"


def test_html_capture_without_main_text_raises_ingest_error():
    pytest.importorskip("trafilatura")
    with pytest.raises(IngestError):
        extract(capture("<html><body><script>x()</script></body></html>", format="html"))


def test_the_ingest_package_imports_no_django():
    package_dir = Path(archive.ingest.__file__).parent
    for module in sorted(package_dir.glob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not any(n == "django" or n.startswith("django.") for n in names), module.name


def test_public_api():
    assert set(archive.ingest.__all__) >= {
        "Capture", "Rejected", "read_captures", "decode_capture_bytes", "Extracted",
        "OutletInfo", "IngestError", "extract", "fold", "slugify",
    }  # fmt: skip


# --- Dates: the page's date line, its URL, the event's day ------------------------------------

LEAD_TAIL = (
    "to discuss trade, investment and the energy transition, and agreed to open more direct "
    "flights between their capitals next year, officials said."
)


def test_a_date_line_dates_the_page_and_leaves_the_story():
    raw = "\n".join(
        [
            "Bộ trưởng hai nước hội đàm tại Hà Nội",
            "Thứ Sáu, 04/04/2025, 10:15 (GMT+7)",
            "Chiều 3/4, tại Hà Nội, Bộ trưởng Ngoại giao hai nước đã hội đàm về thương mại, "
            "đầu tư và chuyển đổi năng lượng, đồng thời nhất trí mở thêm đường bay thẳng.",
            "Hai bên cũng thống nhất tổ chức đối thoại thường niên vào năm tới tại Tokyo.",
        ]
    )
    article = extract(capture(raw, url="https://example.vn/the-gioi/hoi-dam-post1234567.vnp"))
    assert article.published_on == date(2025, 4, 4) and not article.year_inferred
    assert article.occurred_on == date(2025, 4, 3)
    assert "GMT+7" not in article.body and article.body.startswith("Chiều 3/4")
    assert "no_date" not in article.review_reasons and "year_inferred" not in article.review_reasons


def test_the_urls_month_gives_the_lead_its_year():
    raw = (
        "Prime ministers agree to deepen ties\n"
        f"TOKYO — The prime ministers of Japan and Vietnam met in Tokyo on October 8 {LEAD_TAIL}"
    )
    article = extract(
        capture(
            raw,
            url="https://example.vn/201810/34847.vgp",
            captured_at=datetime(2025, 6, 1, tzinfo=UTC),
        )
    )
    assert article.published_on == date(2018, 10, 8) and not article.year_inferred
    assert "year_inferred" not in article.review_reasons
    assert article.occurred_on == date(2018, 10, 8)


def test_the_urls_day_dates_the_page_and_a_weekday_the_meeting():
    raw = (
        "Foreign ministers meet in Tokyo\n"
        f"TOKYO — The foreign ministers of the two countries met on Tuesday {LEAD_TAIL}"
    )
    article = extract(capture(raw, url="https://example.com/world/2015/09/16/ministers-meet/"))
    assert article.published_on == date(2015, 9, 16) and not article.year_inferred
    assert article.occurred_on == date(2015, 9, 15)  # 2015-09-16 was a Wednesday


def test_a_yearless_date_line_takes_its_year_from_the_url():
    raw = "\n".join(
        [
            "日越首脳会談 南シナ海の平和と安定で一致",
            "6月1日 4時34分",
            "安倍総理大臣は、31日夜、ベトナムの国家主席と総理大臣官邸で会談し、南シナ海の現状に懸念を示し、"
            "外交的な取り組みによって平和と安定を実現していくことで一致しました。",
            "両首脳は、経済や安全保障の分野での協力を一層進めることも確認しました。",
        ]
    )
    article = extract(capture(raw, url="https://example.jp/news/201806/k1001146.html"))
    assert article.published_on == date(2018, 6, 1) and not article.year_inferred
    assert article.occurred_on == date(2018, 5, 31)
    assert "4時34分" not in article.body
    # Without a year in the URL, the capture time gives one, flagged as a guess.
    guessed = extract(capture(raw, captured_at=datetime(2018, 6, 3, tzinfo=UTC)))
    assert guessed.published_on == date(2018, 6, 1) and "year_inferred" in guessed.review_reasons


def test_the_date_line_comes_before_the_urls_day():
    raw = (
        "Ministers meet in Paris\n"
        "Publié le 03/04/2025 à 10h15\n"
        "Les ministres des Affaires étrangères des deux pays se sont rencontrés jeudi à Paris "
        "pour parler du commerce, de l'investissement et de la transition énergétique."
    )
    article = extract(capture(raw, url="https://example.fr/monde/2025/04/04/ministres"))
    assert article.published_on == date(2025, 4, 3) and article.occurred_on == date(2025, 4, 3)
    assert "Publié" not in article.body


def test_an_undated_page_has_no_dates_and_is_flagged():
    article = extract(capture(PLAIN_STORY, url="https://example-news.org/story/1"))
    assert article.published_on is None and article.occurred_on is None
    assert "no_date" in article.review_reasons


def test_an_export_month_gives_the_lead_its_year():
    raw = (
        "date 2022-05 Le Premier ministre a présidé ce dimanche matin 1er mai à Hanoï une "
        "cérémonie d'accueil officielle pour son homologue, en visite du 30 avril au 1er mai."
    )
    article = extract(capture(raw, captured_at=datetime(2025, 6, 1, tzinfo=UTC)))
    assert article.published_on == date(2022, 5, 1) and not article.year_inferred
    assert article.occurred_on == date(2022, 5, 1)
    assert not article.body.startswith("date")


def test_dates_are_read_past_the_links_a_page_opens_with():
    raw = "\n".join(
        [
            "• facebook",
            "• twitter",
            "Japan, Vietnam agree to upgrade ties",
            "28 Nov 2023 03:11:48 GMT9",
            f"TOKYO — The two leaders agreed on Monday {LEAD_TAIL}",
        ]
    )
    article = extract(capture(raw))
    assert article.published_on == date(2023, 11, 28) and not article.year_inferred
    assert article.occurred_on == date(2023, 11, 27)
    assert "GMT9" not in article.body


# Written by us in the layout of a news service's page that opens with the photo: its caption
# (naming who met whom), then the story without a headline.
PHOTO_FIRST = (
    "Party General Secretary To Lam (R) receives Japanese Prime Minister Ishiba Shigeru in "
    "Hanoi on April 27. (Photo: VNA)\n\n"
    "Welcoming the guest, the host congratulated him on the results of his talks with Prime "
    "Minister Pham Minh Chinh and his meeting with National Assembly Chairman Tran Thanh Man, "
    "which reached many agreements on trade, energy and the training of engineers.\n\n"
    "The two sides agreed to keep up exchanges between their parties and to hold a dialogue "
    "on the economy every year."
)


def test_a_story_without_a_headline_takes_its_title_from_the_photo_over_it():
    from archive.ingest.officials import principals
    from archive.ingest.people import Registry, known_people
    from archive.ingest.registry import STARTER_REGISTRY

    article = extract(capture(PHOTO_FIRST))
    assert article.title == (
        "Party General Secretary To Lam (R) receives Japanese Prime Minister Ishiba Shigeru in "
        "Hanoi on April 27"
    )
    assert article.title_derived and "no_headline" in article.review_reasons
    assert article.captions and not article.body.startswith("Party General Secretary")
    # Whom the meeting is between: the caption's two, not every official of the lead.
    registry = Registry(known_people(STARTER_REGISTRY))
    assert principals(article, registry) == ["ishiba-shigeru", "to-lam"]


def test_a_section_label_over_the_headline_is_not_the_headline():
    article = extract(capture(f"Politics\n\nMinisters agree to expand rail links\n\n{PLAIN_STORY}"))
    assert article.title == "Ministers agree to expand rail links"
    assert not article.body.startswith("Politics")


def test_the_site_s_clock_above_the_page_does_not_date_the_story():
    # Written by us in the layout of a Vietnamese business site: today's date in the header,
    # the site's hotline and section, then the headline and the story's own date under it.
    page = (
        "Thứ ba 16/09/2025 16:58\n\nHotline: 024.000.00.000\n\nThời sự\n\n"
        "Thủ tướng hội đàm với Thủ tướng Nhật Bản về hợp tác đường sắt\n\n"
        "12/12/2023 23:28\n\n"
        "Chiều ngày 12/12/2023, tại Trụ sở Chính phủ, Thủ tướng đã hội đàm với Thủ tướng Nhật "
        "Bản về hợp tác đường sắt, bán dẫn và đào tạo nhân lực chất lượng cao cho hai nước.\n\n"
        "Hai bên nhất trí thúc đẩy các dự án hạ tầng lớn và tăng cường giao lưu nhân dân."
    )
    article = extract(capture(page))
    assert article.published_on == date(2023, 12, 12)
    assert "date_disputed" in article.review_reasons  # the page prints two days: flagged


def test_a_story_without_a_headline_is_not_titled_by_a_label_over_its_lead():
    """A page whose first line left over is a label ("ID :"): the title is the lead's first
    sentence. Our own text."""
    raw = (
        "ID :\n\n"
        "Prime Minister Aso Taro held talks with Party General Secretary Nong Duc Manh in "
        "Tokyo on April 20, and the two leaders agreed to build a strategic partnership.\n\n"
        "They also discussed the second phase of a railway project and help for farmers in "
        "the Mekong Delta, officials said after the talks."
    )
    article = extract(capture(raw))
    assert article.title.startswith("Prime Minister Aso Taro held talks")
    assert article.title_derived


def test_a_page_without_a_date_of_its_own_is_flagged_for_the_story_s_date():
    # Written for this test: no date line, no URL date; the lead gives the meeting's day.
    text = (
        "Ministers agree to expand rail links\n\n"
        "The transport ministers of the two countries met in Hanoi on September 3, 2016, and "
        "agreed to study a new rail link between the two capitals, officials said.\n\n"
        "They will meet again next year to review the study, the statement added."
    )
    article = extract(capture(text))
    assert article.published_on == date(2016, 9, 3)
    assert article.review_reasons == ["date_from_text", "unknown_outlet"]
