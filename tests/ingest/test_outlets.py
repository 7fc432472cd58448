# the test data is typographic on purpose: en dashes, curly quotes

import pytest

from archive.ingest.outlets import (
    DANG_CONG_SAN,
    KNOWN_OUTLETS,
    VIETNAM_VN,
    VIETNAMPLUS,
    VNA,
    VNS,
    domain_of,
    outlet_from_domain,
    outlet_from_name,
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
