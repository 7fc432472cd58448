"""Who published a capture, and the per-outlet cleaning rules, kept as data.

Each outlet the archive knows gets one ``OutletRules`` record: how to recognise it (URL
domains, names, text signatures) and the page furniture its captures carry. Rules for an
unknown outlet fall back to ``GENERIC_RULES``, which every capture gets as well.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from archive.ingest.romanise import romanise
from archive.ingest.text import DASH_CLASS, fold, slugify


@dataclass(frozen=True)
class OutletInfo:
    name: str
    slug: str
    domain: str | None = None
    country: str | None = None
    # Named from the page's own signals, not from the registry (archive.ingest.outlet_registry):
    # a new outlet an editor should confirm.
    needs_review: bool = False


UNKNOWN_OUTLET = OutletInfo(name="Unknown outlet", slug="unknown-outlet", needs_review=True)


@dataclass(frozen=True)
class OutletRules:
    """How to recognise one outlet's captures and what page furniture to strip from them.

    Every pattern is a regular expression source; line patterns must match a whole line.
    """

    outlet: OutletInfo
    domains: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # other names it goes by, in hints and bylines
    signatures: tuple[str, ...] = ()  # text patterns (multiline) only this outlet writes
    republishes: bool = False  # an aggregator: the story belongs to another outlet
    site_name_lines: tuple[str, ...] = ()  # the site's own name line at the top
    chrome_starts: tuple[str, ...] = ()  # a line after which only page furniture follows
    story_end_markers: tuple[str, ...] = ()  # written at the end of the story's last line
    source_labels: tuple[str, ...] = ()  # "Source: <url>" lines, in the page's language
    credit_names: tuple[str, ...] = ()  # agencies that appear in end credits


# Names that news agencies and outlets sign stories with, as in "— VNA/VNS" or
# "(TTXVN/Vietnam+)". Longer names first so "VietnamPlus" wins over "Vietnam".
AGENCY_CREDIT_NAMES = (
    "VietnamPlus",
    "Vietnam+",
    "TTXVN",
    "VNA",
    "VNS",
    "VOV",
    "VGP",
    "VTV",
    "Nhân Dân",
    "Xinhua",
    "Kyodo",
    "Reuters",
    "AFP",
    "AP",
    "Bernama",
    "Yonhap",
    "TASS",
    "Sputnik",
    "NTB",
    "dpa",
)

GENERIC_RULES = OutletRules(
    outlet=UNKNOWN_OUTLET,
    # Vietnamese news writing ends a story with "/." ; it survives in republished copies.
    story_end_markers=(r"/\.",),
    chrome_starts=(
        r"(?:Comments?|Kommentar(?:er)?|Bình luận)\s*\(\d+\)",
        r"(?:Related (?:news|articles|stories)|Read more|Les også|Tin liên quan)\s*:?",
    ),
    source_labels=("Source", "Kilde", "Nguồn", "Quelle", "Fuente"),
    credit_names=AGENCY_CREDIT_NAMES,
)

_VN = "VN"

VIETNAM_VN = OutletRules(
    outlet=OutletInfo("Vietnam.vn", "vietnam-vn", "vietnam.vn", _VN),
    domains=("vietnam.vn",),
    aliases=("Vietnam.vn", "Vietnam vn"),
    signatures=(r"\A\s*Vietnam\.vn\s+-\s+\S",),
    republishes=True,
    # "Vietnam.vn - <slogan>": a name and a slogan, no sentence.
    site_name_lines=(r"Vietnam\.vn\s+-\s+[^.!?]{1,80}",),
    # The page template is translated per language edition; these are the editions seen.
    chrome_starts=(
        r"No data|Không có dữ liệu|Ingen data",
        r"Same (?:category|author|topic)",
        r"I samme (?:kategori|emne)|Av samme forfatter",
        r"Cùng (?:chuyên mục|tác giả|chủ đề)",
    ),
)

VNS = OutletRules(
    outlet=OutletInfo("Việt Nam News (VNS)", "vns", "vietnamnews.vn", _VN),
    domains=("vietnamnews.vn",),
    aliases=("VNS", "Việt Nam News", "Viet Nam News", "Vietnam News"),
    # Its exports start with a "date YYYY-MM-DD" field and end with a "— VNA/VNS" credit.
    signatures=(
        r"\A\s*date\s+\d{4}-\d{2}-\d{2}\b",
        rf"[{DASH_CLASS}]\s*(?:VNA/)?VNS\s*\Z",
    ),
)

VNA = OutletRules(
    outlet=OutletInfo("Vietnam News Agency (VNA)", "vna", "vnanet.vn", _VN),
    domains=("vnanet.vn", "vnagency.com.vn"),
    aliases=("VNA", "Vietnam News Agency", "TTXVN", "Thông tấn xã Việt Nam"),
    # The wire dateline: "Hanoi (VNA) - " (with an en dash).
    signatures=(rf"^[^\n(]{{2,40}} \(VNA\) [{DASH_CLASS}] ",),
)

VIETNAMPLUS = OutletRules(
    outlet=OutletInfo("VietnamPlus", "vietnamplus", "vietnamplus.vn", _VN),
    domains=("vietnamplus.vn",),
    aliases=("VietnamPlus", "Vietnam+", "Vietnam Plus"),
    signatures=(r"\((?:TTXVN|VNA)/Vietnam\+\)\s*\Z",),
)

DANG_CONG_SAN = OutletRules(
    outlet=OutletInfo("Đảng Cộng Sản", "dang-cong-san", "dangcongsan.vn", _VN),
    domains=("dangcongsan.vn", "dangcongsan.org.vn"),
    aliases=(
        "Đảng Cộng Sản",
        "Báo điện tử Đảng Cộng sản Việt Nam",
        "Communist Party of Vietnam Online Newspaper",
    ),
)

VGP = OutletRules(
    outlet=OutletInfo("Vietnam Government Portal (VGP)", "vgp", "baochinhphu.vn", _VN),
    domains=("baochinhphu.vn", "chinhphu.vn"),
    aliases=("VGP", "Báo Chính phủ", "Vietnam Government Portal", "VGP News"),
)

# Signature checks run in this order: aggregators first, because the stories they
# republish carry the original outlet's signatures too.
KNOWN_OUTLETS: tuple[OutletRules, ...] = (
    VIETNAM_VN,
    VNS,
    VNA,
    VIETNAMPLUS,
    DANG_CONG_SAN,
    VGP,
)


# The Wayback Machine's copy of a page keeps the page's own URL after a timestamp.
_ARCHIVED_COPY = re.compile(r"https?://web\.archive\.org/web/\d+[a-z_]*/(?P<url>.+)", re.IGNORECASE)


def domain_of(url: str | None) -> str | None:
    """The host of ``url`` without ``www.``, lowercased (an archived copy's: the page's own);
    None when there is none."""
    if not url:
        return None
    archived = _ARCHIVED_COPY.match(url.strip())
    if archived:
        url = archived.group("url")
        url = url if "://" in url else f"http://{url}"
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.")


def rules_for_domain(domain: str | None) -> OutletRules | None:
    if not domain:
        return None
    for rules in KNOWN_OUTLETS:
        for known in rules.domains:
            if domain == known or domain.endswith("." + known):
                return rules
    return None


_NAME_SEPARATORS = re.compile(r"[\s_-]+")


def rules_for_name(name: str | None) -> OutletRules | None:
    """The known outlet called ``name`` (its name, slug or an alias), accent-blind."""
    if not name or not name.strip():
        return None
    wanted = _name_key(name)
    for rules in KNOWN_OUTLETS:
        candidates = (rules.outlet.name, rules.outlet.slug, *rules.aliases)
        if any(_name_key(candidate) == wanted for candidate in candidates):
            return rules
    return None


def _name_key(name: str) -> str:
    # "Việt Nam News", "viet-nam news" and "VIET NAM NEWS" are the same outlet; the "+" of
    # "Vietnam+" and the "." of "Vietnam.vn" stay, so they do not collapse into "Vietnam".
    return _NAME_SEPARATORS.sub(" ", fold(name)).strip()


def rules_by_signature(text: str) -> OutletRules | None:
    for rules in KNOWN_OUTLETS:
        if any(pattern.search(text) for pattern in _compiled_signatures(rules)):
            return rules
    return None


@cache
def _compiled_signatures(rules: OutletRules) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.MULTILINE) for p in rules.signatures)


def registrable_domain(domain: str) -> str:
    """The domain an outlet registered, without its subdomains: "en.nhandan.vn" ->
    "nhandan.vn", "news.example.co.uk" -> "example.co.uk"."""
    labels = domain.lower().strip(".").split(".")
    # A country's second level ("com.vn", "co.jp", "gov.ph") is not the outlet's name.
    keep = 3 if len(labels) > 2 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVELS else 2
    return ".".join(labels[-keep:])


_SECOND_LEVELS = frozenset(
    {"com", "org", "net", "gov", "edu", "ac", "co", "or", "go", "ne", "gob", "info", "int"}
)


def readable_name(domain: str) -> str:
    """A name for an outlet known only by its web domain: "www.baolongan.vn" -> "Baolongan.vn"."""
    registered = registrable_domain(domain)
    return registered[:1].upper() + registered[1:]


def outlet_from_domain(domain: str) -> OutletInfo:
    """An outlet the archive has no rules for, named after its web domain (for review)."""
    name = readable_name(domain)
    return OutletInfo(
        name=name, slug=slugify(name), domain=registrable_domain(domain), needs_review=True
    )


def outlet_from_name(name: str, domain: str | None = None) -> OutletInfo:
    """An outlet the archive has no rules for, under the name a hint or byline gives (for
    review)."""
    domain = registrable_domain(domain) if domain else None
    return OutletInfo(
        name=name.strip(), slug=_slug_of(name, domain), domain=domain, needs_review=True
    )


def _slug_of(name: str, domain: str | None) -> str:
    """A slug for a name, even one without Latin letters (``蓮港新聞``, found on a Japanese page):
    its domain's, else its romanised reading's; never empty (it keys the stored outlet)."""
    slug = slugify(name)
    if not slug and domain:
        slug = slugify(domain)
    if not slug:
        slug = slugify(romanise(name) or "") or "outlet"
    return slug


def same_outlet(a: OutletInfo | None, b: OutletInfo | None) -> bool:
    return a is not None and b is not None and fold(a.slug) == fold(b.slug)
