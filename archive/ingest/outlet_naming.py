"""Who published a capture and whose story it is, from the page's own signals.

The publisher: the registry's outlet for the URL's domain, else the hint (the capture maker's
word); a page without a URL may be named by a text signature (archive.ingest.outlets). Then
what the page says of itself: its site name (HTML metadata, a site-name line at the top, "Jane
Doe - Philstar.com" after a byline, a copyright line), and, last, the credit at the story's end.
An outlet the registry does not know keeps the best name found (else one made from its domain)
and is flagged for review.

The original outlet of a republished story: the aggregator's byline, the Source URL, a
"Source: VOV" / "Nguồn: TTXVN" line, the agency of a dateline ("Hanoi (VNA) –"), a "By
Reuters" byline, a credit elsewhere on the page ("【共同通信】", a copyright); never the
publisher itself. A photo credit is the photographer's, not the story's.
"""

from __future__ import annotations

import re

from archive.ingest.outlet_registry import (
    KnownOutlet,
    known_by_domain,
    known_by_name,
    known_by_slug,
)
from archive.ingest.outlets import (
    UNKNOWN_OUTLET,
    OutletInfo,
    OutletRules,
    domain_of,
    outlet_from_domain,
    outlet_from_name,
    same_outlet,
)
from archive.ingest.text import DASH_CLASS, word_count

# Site names, bylines and copyright lines sit in the first and last lines of a page.
HEAD_LINES = 8
TAIL_LINES = 15
# The story's paragraphs where a dateline is looked for.
LEAD_PARAGRAPHS = 5
# A name longer than this is a sentence, not an outlet's name.
MAX_NAME_WORDS = 7

# --- The publisher -----------------------------------------------------------------------------


def publishing_outlet(
    *,
    url: str | None,
    hint: str | None,
    site_name: str | None,
    lines: list[str],
    credit: str | None,
    rules: OutletRules | None,
) -> OutletInfo:
    """Who published the page: `site_name` is the HTML's, `lines` the capture's text split in
    paragraphs (site-name lines included), `credit` the story's end credit ("VNA/VNS"), `rules`
    the cleaning rules chosen for it (by URL, hint or text signature)."""
    domain = domain_of(url)
    known = known_by_domain(domain) or known_by_name(hint)
    if known is not None:
        return known.info
    if hint and hint.strip():  # what the capture's maker says, though the registry lacks it
        return outlet_from_name(hint, domain=domain)
    if not domain and rules is not None:
        return rules.outlet  # a signature only this outlet writes; nothing better says who
    names = [name for name in (site_name, *site_names(lines)) if name]
    copyrights = copyright_names(lines)
    # A copyright the registry knows, on a page of another domain, is the story's owner's
    # ("(c)KYODONEWS" under a republished story): the original outlet, not the publisher.
    for name in names if domain else [*names, *copyrights]:
        known = known_by_name(name)
        if known is not None:
            return known.info
    if not domain:
        known = _credited_publisher(credit)
        if known is not None:
            return known.info
    # Not in the registry: the name the page gives, for review.
    names += [name for name in copyrights if not known_by_name(name)]
    if names:
        return outlet_from_name(names[0], domain=domain)
    return outlet_from_domain(domain) if domain else UNKNOWN_OUTLET


def _credited_publisher(credit: str | None) -> KnownOutlet | None:
    # "VNA/VNS", "TTXVN/Vietnam+": the last name is the paper that printed the story.
    if not credit:
        return None
    return known_by_name(credit.rsplit("/", 1)[-1])


_EXPORT_DATE = re.compile(r"^date\s+\d{4}-\d{2}-\d{2}\s*")
# A domain written as a name: "Philstar.com", "Baolongan.vn".
_DOMAIN_NAME = r"[^\W_][\w-]*(?:\.[\w-]+)*\.[a-z]{2,6}"
# "VnExpress International", "Vietnam.vn - <slogan>", "Philstar.com | <slogan>"
_SITE_LINE = re.compile(rf"(?P<name>.{{2,60}}?)(?:\s+[{DASH_CLASS}|:]\s+.{{1,120}})?")
# "Jane Doe - Philstar.com", "By John Roe | The Star"
_BYLINE_SITE = re.compile(
    rf"(?:By\s+)?[^\W\d_][\w.'’ -]{{1,50}}?\s+[{DASH_CLASS}|/]\s*"
    r"(?P<site>[^\W\d_][\w.&'’ -]{1,40})"
)
# "Copyright © 2025 Example News. All rights reserved.", "(C)VOV", "© The Japan Times"
_COPYRIGHT = re.compile(
    # The word only opening a line: "copyright" in a sentence is no copyright line.
    r"(?:©|\(c\)|^\W*(?:Copyright|Bản quyền))\s*(?:©|\(c\))?\s*"
    r"(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?:by\s+|of\s+|thuộc về\s+)?"
    r"(?P<name>[^\W\d_][\w &'’+-]{0,58}?(?:\.[a-z]{2,6})?)"
    r"(?=\s*(?:[,|;!(]|\.(?:\s|$)|All rights|$))",
    re.IGNORECASE,
)


def site_names(lines: list[str]) -> list[str]:
    """The names a page gives itself, strongest first: a site-name line at the top (a name
    the registry knows, or a domain written as a name), a site after a byline ("Jane Doe -
    Philstar.com")."""
    head = [_EXPORT_DATE.sub("", line.strip()) for line in lines[:HEAD_LINES]]
    found: list[str] = []
    for line in head[:3]:
        match = _SITE_LINE.fullmatch(line)
        name = match.group("name").strip() if match else ""
        if name and (known_by_name(name) or re.fullmatch(_DOMAIN_NAME, name)):
            found.append(name)
    for line in head:
        match = _BYLINE_SITE.fullmatch(line)
        site = match.group("site").strip() if match else ""
        if site and (known_by_name(site) or re.fullmatch(_DOMAIN_NAME, site)):
            found.append(site)
    return list(dict.fromkeys(found))


_PHOTO_MARK = re.compile(r"!\[|写真|[Pp]hoto|Ảnh|ảnh|Foto|Image")


def copyright_names(lines: list[str] | tuple[str, ...]) -> list[str]:
    """The names of the copyright lines at the top or the bottom of a page."""
    found: list[str] = []
    for line in [*lines[:HEAD_LINES], *lines[HEAD_LINES:][-TAIL_LINES:]]:
        if _PHOTO_MARK.search(line):
            continue  # "![]() (C)VOV", "(C) 外務省 写真の拡大": the photo's owner, not the page's
        match = _COPYRIGHT.search(line)
        if match and word_count(match.group("name")) <= MAX_NAME_WORDS:
            found.append(_known_start(match.group("name").strip()))
    return list(dict.fromkeys(found))


def _known_start(name: str) -> str:
    # "(C) 外務省 写真の拡大": a copyright runs into the caption beside it; the longest start
    # the registry knows is the name.
    words = name.split()
    for end in range(len(words), 0, -1):
        start = " ".join(words[:end])
        if known_by_name(start):
            return start
    return name


# --- The original outlet -----------------------------------------------------------------------


def original_outlet(
    publisher: OutletInfo,
    *,
    byline_name: str | None,
    source_url: str | None,
    paragraphs: list[str],
    source_name: str | None = None,
    lines: list[str] | tuple[str, ...] = (),
) -> OutletInfo | None:
    """Whose story the page republishes, or None when it is the publisher's own.

    `byline_name` is the name beside the date at the top ("VietnamPlus 25/11/2025"),
    `paragraphs` are the story's, `source_name` a "Source: VOV" line's name, `lines` the whole
    capture's (for credits outside the story: "【共同通信】", "The Japan Times - April 24, 2012").
    """
    # On an aggregator the name beside the date is the source's; elsewhere it may be anything
    # (a weekday: "Thứ hai, 22/05/2023"), so there only a name the registry knows counts.
    known_publisher = known_by_slug(publisher.slug)
    if known_by_name(byline_name) is None and not (known_publisher and known_publisher.republishes):
        byline_name = None
    candidates = _original_candidates(byline_name, source_url, paragraphs, source_name, lines)
    return next((c for c in candidates if not same_outlet(c, publisher)), None)


def _original_candidates(byline_name, source_url, paragraphs, source_name, lines):
    source_domain = domain_of(source_url)
    known = known_by_domain(source_domain) or known_by_name(byline_name)
    if known is not None:
        yield known.info
    elif byline_name:
        yield outlet_from_name(byline_name, domain=source_domain)
    elif source_domain:
        yield outlet_from_domain(source_domain)
    if source_name:
        known = known_by_name(source_name)
        yield known.info if known else outlet_from_name(source_name)
    # Datelines and credits count for the registry's outlets only: "(ASEAN) –" is no agency.
    # Captions and standfirsts a capture keeps may come before the dateline's paragraph.
    leads = [dateline_agency(p) or reported_by(p) for p in paragraphs[:LEAD_PARAGRAPHS]]
    by = by_names([*paragraphs[:3], *lines[:HEAD_LINES]])
    for name in (*leads, *by, *credit_marks(lines)):
        known = known_by_name(name)
        if known is not None:
            yield known.info


# "Hanoi (VNA) – ", "TOKYO (Kyodo) — ", "(VOVworld) – ", "KUALA LUMPUR, April 28 (KUNA) - ",
# "Hanoi, Oct. 19 (Jiji Press)--", "(도쿄=연합뉴스)", "(ANI/VOVWORLD)": a place (maybe a date),
# then the agency in brackets.
_DATELINE_AGENCY = re.compile(r"\s*[^()\n!?]{0,40}?\((?P<name>[^()\n]{2,40})\)")
# "(MENAFN- Kuwait News Agency (KUNA))": a distributor and the agency it carries.
_CARRIED_AGENCY = re.compile(
    r"\s*\([A-Z]{2,10}\s*-\s*(?P<name>[^()]{2,40}?)\s*(?:\([^()]{1,12}\))?\)"
)
# "VietNamNet Bridge – In the meeting...": the outlet alone before a dash.
_NAME_DASH = re.compile(rf"\s*(?P<name>[^\W\d_][\w.+& ]{{1,30}}?)\s*[{DASH_CLASS}]{{1,2}}\s")
# "Theo đặc phái viên TTXVN, ...": "according to VNA's special correspondent".
_CORRESPONDENT = re.compile(
    r"\s*Theo\s+(?:đặc phái viên|phóng viên(?: thường trú)?|PV|PVTT)\s+"
    r"(?P<name>[^\W\d_][\w+&. ]{1,30}?)(?:\s+tại\s+[^,]{1,40})?,",
    re.IGNORECASE,
)
# "【11月1日 AFP】", "【ハノイ共同】", "【VIETJO2020年10月20日】": the Japanese credit.
_JAPANESE_BRACKETS = re.compile(r"【(?P<inside>[^】]{1,24})】")


def dateline_agency(lead: str) -> str | None:
    """The agency the registry knows named where a story's paragraph opens, as written
    ("Hanoi (VNA) – " -> "VNA")."""
    for pattern in (_DATELINE_AGENCY, _CARRIED_AGENCY, _CORRESPONDENT, _NAME_DASH):
        match = pattern.match(lead)
        name = _known_part(match.group("name")) if match else None
        if name:
            return name
    match = _JAPANESE_BRACKETS.match(lead.lstrip())
    return _known_in_brackets(match.group("inside")) if match else None


def _known_part(name: str) -> str | None:
    # "도쿄·방콕=연합뉴스" (place = agency), "ANI/VOVWORLD" (distributor / author).
    for part in (name, *reversed(re.split(r"[=/]", name))):
        if known_by_name(part):
            return part.strip()
    return None


def _known_in_brackets(inside: str) -> str | None:
    # No space need part the place or the date from the agency: its longest known ending
    # ("ハノイ共同"), else its longest known start ("VIETJO2020年10月20日").
    for start in range(len(inside)):
        if known_by_name(inside[start:]):
            return inside[start:].strip()
    for end in range(len(inside), 0, -1):
        if known_by_name(inside[:end]):
            return inside[:end].strip()
    return None


_REPORTED_BY = re.compile(
    r"according to (?:a |the )?(?:report|reports|dispatch) (?:from|by) (?:the )?"
    r"(?P<name>[^\W\d_][\w.+& ]{1,40}?)(?=[.,;]|\s+(?:on|in|which|that)\b|$)"
)


def reported_by(paragraph: str) -> str | None:
    """The outlet a story says it reports from ("according to a report from the VNA")."""
    for match in _REPORTED_BY.finditer(paragraph):
        if known_by_name(match.group("name")):
            return match.group("name")
    return None


# "The Japan Times - April 24, 2012", "Kyodo 2011/10/31": a name, then a date.
_NAME_AND_DATE = re.compile(
    rf"(?P<name>[^\d]{{2,60}}?)(?:\s*[{DASH_CLASS}|,]\s*|\s+)"
    r"(?:\d{4}[/.年-]\d{1,2}|[^\W\d_]+\.? \d{1,2}, \d{4}|\d{1,2} [^\W\d_]+\.? \d{4}).{0,20}"
)
_REPRINTED_FROM = re.compile(r"(?P<name>[^\sの]{2,20})より(?:転載|引用)")


def credit_marks(lines: list[str] | tuple[str, ...]) -> list[str]:
    """Outlets the page credits outside its story's opening, as written: "【共同通信】", "The
    Japan Times - April 24, 2012", "…の共同通信より転載" (reprinted from), a line that is only
    an outlet's name (below the page's head, where it would be the site's own), a copyright."""
    found: list[str] = []
    for index, line in enumerate(lines):
        line = line.strip()
        for match in _JAPANESE_BRACKETS.finditer(line):
            found.append(_known_in_brackets(match.group("inside")) or "")
        match = _REPRINTED_FROM.search(line) or _NAME_AND_DATE.fullmatch(line)
        if match:
            found.append(match.group("name").strip())
        if index >= 3 and len(line) <= 60:
            found.append(line)
    found.extend(copyright_names(lines))
    return [name for name in found if name and known_by_name(name)]


_BY_LINE = re.compile(r"By\s+(?P<names>[^\d|·\n]{2,80}?)(?=\s{2,}|\s*[|·]|\s+\w+ \d|\s*\d|$)")


def by_names(paragraphs: list[str]) -> list[str]:
    """The names of a "By Reuters, VnExpress" line at the top of the story."""
    for paragraph in paragraphs[:3]:
        match = _BY_LINE.match(paragraph)
        if match:
            return [n.strip() for n in re.split(r",|/|\band\b|&", match.group("names"))]
    return []


_SOURCE_NAME_LINE = re.compile(
    r"\(?(?:(?:Source|Sources|Nguồn|Kilde|Quelle|Fuente|Источник|来源|出典|出所)\s*[:：]"
    r"|(?P<theo>Theo)\s)\s*(?P<name>[^\W\d_][^:()\d,;!?]{1,60}?)\)?\.?"
)


def take_source_name(paragraphs: list[str]) -> tuple[list[str], str | None]:
    """Remove a "Source: VOV" / "Nguồn: TTXVN" / "Theo TTXVN" line from the story's last
    paragraphs; return the outlet's name as written (the first, of "TTXVN/VNA")."""
    start = max(0, len(paragraphs) - 3)
    for index in range(len(paragraphs) - 1, start - 1, -1):
        match = _SOURCE_NAME_LINE.fullmatch(paragraphs[index])
        if not match or word_count(match.group("name")) > MAX_NAME_WORDS:
            continue
        # "Theo" also opens sentences ("Theo kế hoạch"): only a capitalised name follows it.
        if not match.group("theo") or match.group("name")[0].isupper():
            name = match.group("name").split("/")[0].strip()
            return paragraphs[:index] + paragraphs[index + 1 :], name
    return paragraphs, None
