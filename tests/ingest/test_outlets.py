# the test data is typographic on purpose: en dashes, curly quotes

import pytest

from archive.ingest import Capture, extract
from archive.ingest.outlet_naming import (
    by_names,
    copyright_names,
    credit_marks,
    dateline_agency,
    original_outlet,
    publishing_outlet,
    reported_by,
    site_names,
    take_source_name,
)
from archive.ingest.outlet_registry import (
    REGISTRY,
    known_by_domain,
    known_by_name,
    known_by_slug,
    name_key,
)
from archive.ingest.outlets import (
    DANG_CONG_SAN,
    KNOWN_OUTLETS,
    UNKNOWN_OUTLET,
    VIETNAM_VN,
    VIETNAMPLUS,
    VNA,
    VNS,
    domain_of,
    outlet_from_domain,
    outlet_from_name,
    readable_name,
    rules_by_signature,
    rules_for_domain,
    rules_for_name,
)
from archive.ingest.text import slugify


def test_every_known_outlet_has_a_slug_that_matches_the_slug_rules():
    for rules in KNOWN_OUTLETS:
        assert rules.outlet.slug == slugify(rules.outlet.slug)
    assert len({rules.outlet.slug for rules in KNOWN_OUTLETS}) == len(KNOWN_OUTLETS)


def test_canonical_names_and_slugs():
    assert (VNA.outlet.slug, VNS.outlet.slug) == ("vna", "vns")
    assert VIETNAM_VN.outlet.name == "Vietnam.vn" and VIETNAM_VN.outlet.slug == "vietnam-vn"
    assert DANG_CONG_SAN.outlet.slug == "dang-cong-san"
    assert VIETNAMPLUS.outlet.slug == "vietnamplus"


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://www.vietnamplus.vn/a-b.vnp", "vietnamplus.vn"),
        ("HTTPS://EN.VietnamPlus.vn/x", "en.vietnamplus.vn"),
        ("not a url", None),
        (None, None),
        ("", None),
    ],
)
def test_domain_of(url, domain):
    assert domain_of(url) == domain


def test_rules_for_domain_includes_subdomains_but_not_lookalikes():
    assert rules_for_domain("en.vietnamplus.vn") is VIETNAMPLUS
    assert rules_for_domain("dangcongsan.org.vn") is DANG_CONG_SAN
    assert rules_for_domain("vietnam.vn") is VIETNAM_VN
    assert rules_for_domain("notvietnamplus.vn") is None
    assert rules_for_domain(None) is None


@pytest.mark.parametrize(
    ("name", "rules"),
    [
        ("VNS", VNS),
        ("Viet Nam News", VNS),
        ("việt nam news", VNS),
        ("vna", VNA),
        ("Đảng Cộng Sản", DANG_CONG_SAN),
        ("DANG CONG SAN", DANG_CONG_SAN),
        ("Vietnam+", VIETNAMPLUS),
        ("vietnam-vn", VIETNAM_VN),
    ],
)
def test_rules_for_name_is_accent_and_case_blind(name, rules):
    assert rules_for_name(name) is rules


@pytest.mark.parametrize("name", ["Vietnam", "Reuters", "", None, "   "])
def test_unknown_names(name):
    assert rules_for_name(name) is None


@pytest.mark.parametrize(
    ("text", "rules"),
    [
        ("Vietnam.vn - Nền tảng quảng bá Việt Nam\n\nHeadline", VIETNAM_VN),
        (" date 2025-04-03 HÀ NỘI — Text", VNS),
        ("HÀ NỘI — Text of the story. — VNA/VNS", VNS),
        ("Headline\nHanoi (VNA) – Text of the story", VNA),
        ("Headline\nText of the story.\n(TTXVN/Vietnam+)\n", VIETNAMPLUS),
        ("A story that mentions VNA and Vietnam.vn in passing.", None),
    ],
)
def test_rules_by_signature(text, rules):
    assert rules_by_signature(text) is rules


def test_outlets_without_rules():
    assert outlet_from_domain("example.com").slug == "example-com"
    assert outlet_from_domain("example.com").domain == "example.com"
    assert outlet_from_name(" Báo Mới ", domain="baomoi.com").slug == "bao-moi"
    assert outlet_from_name("Harbour Gazette").needs_review


# --- The registry ----------------------------------------------------------------------------


def test_the_registry_has_one_entry_per_slug_name_and_domain():
    assert len(REGISTRY) >= 80
    slugs = [outlet.slug for outlet in REGISTRY]
    assert len(set(slugs)) == len(slugs)
    assert all(slug == slugify(slug) for slug in slugs)
    domains = [domain for outlet in REGISTRY for domain in outlet.domains]
    assert len(set(domains)) == len(domains)
    owners: dict[str, str] = {}
    for outlet in REGISTRY:
        for name in {name_key(n) for n in (outlet.name, outlet.slug, *outlet.aliases)}:
            assert owners.setdefault(name, outlet.slug) == outlet.slug, name


def test_the_outlets_with_cleaning_rules_are_the_registrys():
    for rules in KNOWN_OUTLETS:
        known = known_by_slug(rules.outlet.slug)
        assert known is not None and known.name == rules.outlet.name
        assert set(rules.domains) <= set(known.domains)
        assert known.republishes == rules.republishes


@pytest.mark.parametrize(
    ("domain", "slug"),
    [
        ("en.nhandan.vn", "nhan-dan"),
        ("jp.nhandan.vn", "nhan-dan"),
        ("vovworld.vn", "vov-world"),
        ("english.vov.vn", "vov"),
        ("news.chinhphu.vn", "vgp"),
        ("e.vnexpress.net", "vnexpress"),
        ("tuoitrenews.vn", "tuoi-tre"),
        ("vietnamese.cri.cn", "cri"),
        ("www3.nhk.or.jp", "nhk"),
        ("japannews.yomiuri.co.jp", "yomiuri-shimbun"),
        ("news.yahoo.co.jp", "yahoo-news-japan"),
        ("baolongan.vn", "bao-long-an"),
        ("notnhandan.vn", None),
        ("yahoo.co.jp", None),
        (None, None),
    ],
)
def test_known_by_domain_matches_subdomains(domain, slug):
    known = known_by_domain(domain)
    assert (known.slug if known else None) == slug


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("TTXVN", "vna"),
        ("Thông tấn xã Việt Nam", "vna"),
        ("thong tan xa viet nam", "vna"),
        ("Vietnam+", "vietnamplus"),
        ("The Japan Times", "japan-times"),
        ("japan times", "japan-times"),
        ("Philstar.com", "philstar"),
        ("The Philippine Star", "philstar"),
        ("vnexpress.net", "vnexpress"),
        ("VnExpress International", "vnexpress"),
        ("共同通信", "kyodo"),
        ("VOVworld", "vov-world"),
        ("Vietnam", None),
        ("", None),
        (None, None),
    ],
)
def test_known_by_name_reads_aliases_and_domains(name, slug):
    known = known_by_name(name)
    assert (known.slug if known else None) == slug


# --- Names made from a domain ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("domain", "name"),
    [
        ("baolongan.vn", "Baolongan.vn"),
        ("www.harbourgazette.com", "Harbourgazette.com"),
        ("en.harbourgazette.com", "Harbourgazette.com"),
        ("news.harbour.co.uk", "Harbour.co.uk"),
        ("m.harbour.com.vn", "Harbour.com.vn"),
    ],
)
def test_readable_names_from_domains(domain, name):
    assert readable_name(domain) == name


def test_an_outlet_from_a_domain_is_registered_by_its_own_domain_and_flagged():
    info = outlet_from_domain("en.harbourgazette.com")
    assert (info.name, info.slug, info.domain) == (
        "Harbourgazette.com",
        "harbourgazette-com",
        "harbourgazette.com",
    )
    assert info.needs_review


def test_the_domain_of_an_archived_copy_is_the_pages():
    url = "https://web.archive.org/web/20170116000000/https://e.vnexpress.net/news/a-1.html"
    assert domain_of(url) == "e.vnexpress.net"
    assert domain_of("https://web.archive.org/web/2017id_/tuoitre.vn/a") == "tuoitre.vn"


# --- The publisher, from the page's signals -----------------------------------------------------


def publisher(url=None, hint=None, site_name=None, lines=(), credit=None, rules=None):
    return publishing_outlet(
        url=url, hint=hint, site_name=site_name, lines=list(lines), credit=credit, rules=rules
    )


@pytest.mark.parametrize(
    ("lines", "names"),
    [
        (["Harbourgazette.com - News from the quays", "Ministers meet"], ["Harbourgazette.com"]),
        ([" date 2017-03-01 VnExpress International", "Headline"], ["VnExpress International"]),
        (["Ministers meet in Hanoi", "Jane Doe - Philstar.com", "Text."], ["Philstar.com"]),
        (["Vietnam - Japan cooperation grows", "Text of the story."], []),
        (["Ministers meet", "Minh Anh - Hanoi", "Text."], []),
    ],
)  # fmt: skip
def test_site_names(lines, names):
    assert site_names(lines) == names


@pytest.mark.parametrize(
    ("lines", "names"),
    [
        (["Headline", "Text.", "Copyright © 2025 Harbour Gazette. All rights reserved."],
         ["Harbour Gazette"]),
        (["© 2010-2025 The Japan Times", "Headline"], ["The Japan Times"]),
        (["Text.", "(c)KYODONEWS"], ["KYODONEWS"]),
        (["(C) 外務省 |", "本文。"], ["外務省"]),
        (["本文。", "(C) 外務省 オンライン版"], ["外務省"]),  # runs into the words beside it
        (["(C) 外務省 写真の拡大. |", "本文。"], []),  # a photo's owner
        (["Text about the copyright law passed on Monday."], []),
    ],
)  # fmt: skip
def test_copyright_names(lines, names):
    assert copyright_names(lines) == names


def test_a_url_the_registry_knows_names_the_publisher():
    info = publisher(url="https://en.nhandan.vn/x.html", site_name="Something else")
    assert (info.slug, info.name, info.needs_review) == ("nhan-dan", "Nhân Dân", False)


def test_an_unknown_domain_takes_the_pages_own_name_for_review():
    info = publisher(url="https://www.harbourgazette.com/a", site_name="Harbour Gazette")
    assert (info.name, info.slug, info.domain) == (
        "Harbour Gazette",
        "harbour-gazette",
        "harbourgazette.com",
    )
    assert info.needs_review
    lines = ["Ministers meet", "Jane Doe - Harbourgazette.com", "Text."]
    assert publisher(url="https://harbourgazette.com/a", lines=lines).name == "Harbourgazette.com"


def test_an_unknown_domain_whose_page_names_a_known_outlet():
    lines = ["Ministers meet", "Jane Doe - Philstar.com", "Text."]
    info = publisher(url="https://amp.cache.example/x", lines=lines)
    assert info.slug == "philstar" and not info.needs_review


def test_without_a_url_the_hint_then_the_site_name_then_the_credit():
    assert publisher(hint="Harbour Gazette", lines=["VnExpress International"]).needs_review
    assert publisher(lines=["VnExpress International", "Headline"]).slug == "vnexpress"
    assert publisher(credit="TTXVN/Vietnam+").slug == "vietnamplus"
    assert publisher(credit="VNA/VNS").slug == "vns"
    assert publisher() == UNKNOWN_OUTLET and UNKNOWN_OUTLET.needs_review
    assert publisher(rules=VNA).slug == "vna"  # a text signature, when there is no URL
    assert publisher(url="https://harbourgazette.com/a", rules=VNA).slug == "harbourgazette-com"


# --- The original outlet ------------------------------------------------------------------------

PHILSTAR = known_by_slug("philstar").info


def original(
    paragraphs, publisher=PHILSTAR, byline_name=None, source_url=None, source=None, lines=()
):
    info = original_outlet(
        publisher,
        byline_name=byline_name,
        source_url=source_url,
        paragraphs=paragraphs,
        source_name=source,
        lines=lines,
    )
    return info.slug if info else None


@pytest.mark.parametrize(
    ("lead", "agency"),
    [
        ("Hanoi (VNA) – The two ministers met.", "VNA"),
        ("TOKYO (Kyodo) — The two ministers met.", "Kyodo"),
        ("(VOVworld) – The two ministers met.", "VOVworld"),
        ("KUALA LUMPUR, April 28 (Bernama) - The two ministers met.", "Bernama"),
        ("Hanoi (AFP) Oct 31, 2010 The two ministers met.", "AFP"),
        ("【11月1日 AFP】両首相は会談した。", "AFP"),
        ("【ハノイ共同】両首相は会談した。", "共同"),
        ("Theo đặc phái viên TTXVN tại Lào, hai bên đã hội đàm.", "TTXVN"),
        ("Hanoi, Oct. 19 (Jiji Press)--The two ministers met.", "Jiji Press"),
        ("(도쿄=연합뉴스) 두 장관이 만났다.", "연합뉴스"),
        ("Hanoi [Vietnam], November 23 (ANI/VOVWORLD): The ministers met.", "VOVWORLD"),
        (
            "(MENAFN- Kuwait News Agency (KUNA)) KUALA LUMPUR - The ministers met.",
            "Kuwait News Agency",
        ),
        ("VietNamNet Bridge – In the meeting the two ministers agreed.", "VietNamNet Bridge"),
        ("Hanoi – The two ministers met.", None),
        ("The Association of Southeast Asian Nations (ASEAN) – a bloc of ten.", None),
        ("Minister Nguyen (left) - shakes hands with his guest.", None),
        ("The two ministers met in Hanoi (Vietnam) on Monday.", None),
    ],
)
def test_dateline_agency(lead, agency):
    assert dateline_agency(lead) == agency


def test_the_dateline_agency_is_the_original_unless_it_is_the_publisher():
    lead = ["Hanoi (VNA) – The two ministers met and agreed to expand trade."]
    assert original(lead) == "vna"
    assert original(lead, publisher=known_by_slug("vietnamplus").info) == "vna"
    assert original(lead, publisher=known_by_slug("vna").info) is None
    # Below a caption or a standfirst the capture kept.
    assert original(["A caption of the photo", "A standfirst", *lead]) == "vna"
    assert original(["TOKYO (Kyodo) — Talks."], publisher=known_by_slug("japan-times").info) == (
        "kyodo"
    )


def test_a_story_reported_from_an_agency():
    lead = "Ministers met, according to a report from the Vietnam News Agency."
    assert reported_by(lead) == "Vietnam News Agency"
    assert reported_by("Ministers met, according to a report from the ministry.") is None
    assert original([lead]) == "vna"


@pytest.mark.parametrize(
    ("lines", "names"),
    [
        (["Headline", "Story.", "2011/10/31 20:42   【共同通信】"], ["共同通信"]),
        (["Headline【VIETJO2020年10月20日】", "Story."], ["VIETJO"]),
        (["Headline", "Story.", "More.", "More.", "The Japan Times - April 24, 2012"],
         ["The Japan Times"]),
        (["Headline", "Story.", "More.", "2021年11月25日の共同通信より転載"], ["共同通信"]),
        (["Headline", "Story.", "More.", "時事通信"], ["時事通信"]),
        (["Reuters", "Story.", "More."], []),  # the page's own name, at its head
        (["Headline", "April 28, 2025 at 18:09 JST", "Story."], []),
        (["Headline", "Story.", "(c)KYODONEWS"], ["KYODONEWS"]),
        (["Headline", "Story.", "![]() (C)VOV ![]() |"], []),  # a photo's credit
    ],
)  # fmt: skip
def test_credit_marks(lines, names):
    assert credit_marks(lines) == names


def test_a_known_copyright_on_another_domain_is_the_original_not_the_publisher():
    lines = ["Headline", "Story of the talks.", "(c)KYODONEWS"]
    publisher_info = publisher(url="https://harbourgazette.com/a", lines=lines)
    assert publisher_info.slug == "harbourgazette-com"
    assert original(["Story of the talks."], publisher=publisher_info, lines=lines) == "kyodo"
    assert publisher(lines=lines).slug == "kyodo"  # without a URL, the page's own


def test_a_by_line_naming_an_agency():
    story = ["By Reuters, VnExpress   January 16, 2017 | 02:51 am PT", "Text."]
    assert by_names(story) == ["Reuters", "VnExpress"]
    assert original(story, publisher=known_by_slug("vnexpress").info) == "reuters"
    assert original(["By Jane Doe", "Text."]) is None


@pytest.mark.parametrize(
    ("last", "name"),
    [
        ("Source: VOV", "VOV"),
        ("Nguồn: TTXVN/VNA", "TTXVN"),
        ("(Theo TTXVN)", "TTXVN"),
        ("Kilde: Nhân Dân.", "Nhân Dân"),
        ("Theo kế hoạch, hai bên sẽ gặp lại", None),
        ("Source: https://vietnamplus.vn/a.vnp", None),
        ("Photo: VNA", None),
        ("The minister said the source of the funds was public.", None),
    ],
)
def test_take_source_name(last, name):
    story = ["First paragraph of the story.", last]
    kept, found = take_source_name(story)
    assert found == name
    assert kept == (story[:1] if name else story)


def test_a_source_line_names_the_original_known_or_not():
    assert original(["Text."], source="VOV") == "vov"
    assert original(["Text."], source="TTXVN") == "vna"
    assert original(["Text."], source="Harbour Gazette") == "harbour-gazette"
    assert original(["Text."], source="Philstar") is None  # the publisher itself


def test_a_byline_name_counts_on_an_aggregator_or_when_the_registry_knows_it():
    aggregator = known_by_slug("vietnam-vn").info
    assert original(["Text."], aggregator, byline_name="Harbour Gazette") == "harbour-gazette"
    assert original(["Text."], aggregator, byline_name="VietnamPlus") == "vietnamplus"
    assert original(["Text."], byline_name="Thứ hai,") is None  # a weekday beside a date
    assert original(["Text."], byline_name="VietnamPlus") == "vietnamplus"


def test_a_photo_credit_is_not_the_original():
    story = "\n".join(
        [
            "Ministers agree to expand rail links",
            "The transport ministers of the two countries agreed on Monday to expand rail "
            "links between their main ports and to study a new freight line, officials said.",
            "The ministers at the new station. Photo: VNA",
            "The agreement covers freight and passenger trains and a joint study.",
        ]
    )
    article = extract(
        Capture(raw=story, format="text", path="t.txt", url="https://www.philstar.com/a")
    )
    assert article.outlet.slug == "philstar" and article.original_outlet is None


def test_extract_names_the_publisher_and_the_original_from_the_page():
    story = "\n".join(
        [
            "Ministers agree to expand rail links",
            "Jane Doe - Harbourgazette.com",
            "Hanoi (VNA) – The transport ministers of the two countries agreed on Monday to "
            "expand rail links between their main ports, officials said.",
            "The agreement covers freight and passenger trains and a joint study.",
            "Source: VNA",
        ]
    )
    article = extract(
        Capture(raw=story, format="text", path="t.txt", url="https://harbourgazette.com/a")
    )
    assert (article.outlet.name, article.outlet.domain) == (
        "Harbourgazette.com",
        "harbourgazette.com",
    )
    assert "unknown_outlet" in article.review_reasons
    assert article.original_outlet is not None and article.original_outlet.slug == "vna"
    assert "Source: VNA" not in article.body
    assert article.body.endswith("a joint study.")
