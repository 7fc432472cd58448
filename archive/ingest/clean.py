"""The cleaning steps that turn a capture's text into the story's paragraphs.

Each step is a small pure function, tested on its own. Text-level steps take and return a
``str``; paragraph-level steps take a list of paragraphs and return the kept paragraphs,
plus what they took out (a caption, a credit, a URL) when that is worth keeping.
``clean_story`` runs them in order; the order matters and is explained there.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from archive.ingest.date_lines import DateLine, take_date_line
from archive.ingest.outlets import AGENCY_CREDIT_NAMES, GENERIC_RULES, OutletRules
from archive.ingest.text import CLOSING_MARKS, DASH_CLASS, RIGHT_SINGLE_QUOTE, word_count

# --- Rules, compiled once per outlet ---------------------------------------------------


@dataclass(frozen=True)
class CleaningRules:
    """An outlet's rules merged with the generic ones and compiled to regular expressions."""

    site_name_line: re.Pattern[str] | None
    chrome_start: re.Pattern[str]
    story_end: re.Pattern[str]
    source_line: re.Pattern[str]
    credit_paragraph: re.Pattern[str]
    credit_tail: re.Pattern[str]


def _alternation(patterns: tuple[str, ...]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


@cache
def cleaning_rules(outlet_rules: OutletRules | None) -> CleaningRules:
    """Compile ``GENERIC_RULES`` plus the outlet's own rules (if any) into one rule set."""
    specific = outlet_rules or GENERIC_RULES
    generic = GENERIC_RULES

    def merged(name: str) -> tuple[str, ...]:
        extra = getattr(specific, name) if specific is not generic else ()
        return tuple(dict.fromkeys(getattr(generic, name) + extra))

    site_names = specific.site_name_lines
    credit = _credit_pattern(merged("credit_names"))
    return CleaningRules(
        site_name_line=re.compile(_alternation(site_names)) if site_names else None,
        chrome_start=re.compile(_alternation(merged("chrome_starts")), re.IGNORECASE),
        # A marker typed twice ("ties././.") goes whole. The repetition is bounded so that
        # searching a line made of markers stays linear.
        story_end=re.compile(rf"(?:\s*(?:{_alternation(merged('story_end_markers'))})){{1,3}}\s*$"),
        source_line=re.compile(
            rf"(?:{_alternation(merged('source_labels'))})\s*:\s*(?P<url>https?://\S+)",
            re.IGNORECASE,
        ),
        credit_paragraph=re.compile(rf"\(?(?P<credit>{credit})\)?\.?"),
        credit_tail=re.compile(
            rf"(?:\s+[{DASH_CLASS}]\s*(?P<dashed>{credit})"
            rf"|(?<=[.!?{CLOSING_MARKS}])\s*\((?P<bracketed>{credit})\))\.?\s*$"
        ),
    )


def _credit_pattern(names: tuple[str, ...]) -> str:
    # "VNA", "VNA/VNS", "TTXVN/Vietnam+": agency names joined by slashes. Case matters, so
    # the word "ap" in a sentence is never read as the agency AP.
    name = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return rf"(?:{name})(?:\s*/\s*(?:{name}))*"


# --- Text-level steps --------------------------------------------------------------------

_LINE_BREAKS = re.compile(r"\r\n?|\u2028|\u0085")
# Spaces other than the plain one: no-break, thin, ideographic... all read as a space.
_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")


def normalize_unicode(text: str) -> str:
    """NFC-compose, unify line breaks and turn exotic spaces into plain ones."""
    text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub("\n", text).replace("\u2029", "\n\n")
    return _ODD_SPACES.sub(" ", text)


# Characters certainly part of real text in the languages the archive holds: ASCII,
# Latin letters (with Vietnamese and Nordic ones), combining accents, Greek and Cyrillic,
# dashes, quotes and other punctuation, currency signs. Only characters outside these
# ranges are looked at one by one, which keeps the step fast on long stories.
_NEEDS_A_LOOK = re.compile(
    "[^\t\n\x20-\x7e\u00a0-\u00ac\u00ae-\u024f\u0300-\u036f\u0370-\u04ff"
    "\u1e00-\u1eff\u2010-\u2027\u2030-\u205e\u20a0-\u20cf]"
)
# Symbols that are real text in news: degrees, copyright, trademarks, numero.
_KEPT_SYMBOLS = frozenset("°©®™℗№℃℉")
# Joiners shape words in some scripts (Persian, Indic), so they are text there.
_KEPT_FORMAT_CHARS = frozenset("\u200c\u200d")
# Categories of stray characters: controls, invisible format and bidi marks, private-use,
# surrogates, unassigned code points and pictographic symbols (emoji, zodiac signs).
_STRAY_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "So"})
# Emoji variation selectors and skin-tone modifiers belong to the symbols they follow.
_EMOJI_MODIFIERS = re.compile("[\ufe0e\ufe0f\U0001f3fb-\U0001f3ff]")


def remove_stray_characters(text: str) -> str:
    """Delete stray symbols and invisible characters, also inside words ("cons♐iders").

    Letters, accents, punctuation, currency and the symbols in ``_KEPT_SYMBOLS`` stay.
    """
    return _NEEDS_A_LOOK.sub(_keep_if_text, text)


def _keep_if_text(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _KEPT_SYMBOLS or ch in _KEPT_FORMAT_CHARS:
        return ch
    if _EMOJI_MODIFIERS.match(ch):
        return ""
    return "" if unicodedata.category(ch) in _STRAY_CATEGORIES else ch


_RUNS_OF_SPACES = re.compile(r"[ \t]+")
# A paragraph's last character(s) when it ends like a sentence or a clause, in Latin script or
# in Chinese and Japanese (whose headlines never end with "。").
_FINAL_PUNCTUATION = re.compile(rf"[.!?\u2026:;,。！？][{CLOSING_MARKS}」』）]*$")


def split_paragraphs(text: str, join_wrapped_lines: bool = True) -> list[str]:
    """Split text into paragraphs: every non-empty line is one, spaces tidied.

    Captures put one paragraph per line, with or without blank lines between. When a line
    was hard-wrapped (it does not end a sentence and the next line, in the same block,
    starts in lowercase), the two lines are joined back together.
    """
    paragraphs: list[str] = []
    previous_line_blank = True
    for raw_line in text.split("\n"):
        line = _RUNS_OF_SPACES.sub(" ", raw_line).strip()
        if not line:
            previous_line_blank = True
            continue
        if (
            join_wrapped_lines
            and not previous_line_blank
            and paragraphs
            and _is_wrapped_continuation(paragraphs[-1], line)
        ):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
        previous_line_blank = False
    return paragraphs


def _is_wrapped_continuation(previous: str, line: str) -> bool:
    return not _FINAL_PUNCTUATION.search(previous) and line[0].islower()


# --- Paragraph-level steps -----------------------------------------------------------------

# "date 2025-04-03", or only the month, "date 2022-05", when the export knew no more.
_CAPTURE_DATE_PREFIX = re.compile(r"^date\s+(?P<date>\d{4}-\d{2}(?:-\d{2})?)(?![\w-])\s*")


# A page's menus, as a text capture keeps them: a run of short lines ("• An Giang", "• Ha Noi",
# "World", "Politics") above the story. Only above its first sentence-long paragraph, where a
# story has none of its own short lines yet.
_MENU_ITEM_WORDS = 4
_MENU_RUN = 6
_STORY_PARAGRAPH_WORDS = 12
_BULLET = re.compile(r"^[•·\-*|>»]\s*")


def drop_menu_runs(paragraphs: list[str]) -> list[str]:
    """Without the runs of ``_MENU_RUN`` or more menu items above the story."""
    head = next(
        (i for i, p in enumerate(paragraphs) if word_count(p) >= _STORY_PARAGRAPH_WORDS),
        len(paragraphs),
    )
    kept: list[str] = []
    run: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        item = _BULLET.sub("", paragraph)
        if (
            index < head
            and word_count(item) <= _MENU_ITEM_WORDS
            and not _FINAL_PUNCTUATION.search(item)
            and not item.endswith("。")
            and not any(ch.isdigit() for ch in item)  # a date line, not a menu item
        ):
            run.append(paragraph)
            continue
        kept += run if len(run) < _MENU_RUN else []
        run = []
        kept.append(paragraph)
    return kept + (run if len(run) < _MENU_RUN else [])


def take_capture_date_prefix(paragraphs: list[str]) -> tuple[list[str], str | None]:
    """Remove a leading ``date YYYY-MM-DD`` (or ``YYYY-MM``) export field; return it."""
    if not paragraphs:
        return paragraphs, None
    match = _CAPTURE_DATE_PREFIX.match(paragraphs[0])
    if not match:
        return paragraphs, None
    rest = paragraphs[0][match.end() :]
    kept = ([rest] if rest else []) + paragraphs[1:]
    return kept, match.group("date")


def drop_site_name_lines(paragraphs: list[str], rules: CleaningRules) -> list[str]:
    """Drop the aggregator's own name line ("Vietnam.vn - ...") that opens the page."""
    if rules.site_name_line is None or not paragraphs:
        return paragraphs
    if rules.site_name_line.fullmatch(paragraphs[0]):
        return paragraphs[1:]
    return paragraphs


# Bylines, site names and headlines sit in the first few lines of a page.
_HEAD_SIZE = 6


@dataclass(frozen=True)
class Byline:
    name: str  # the original outlet as the aggregator names it
    date: str  # as written, day/month/year


# "Đảng Cộng SảnĐảng Cộng Sản25/11/2025": the aggregator prints the source outlet's name
# twice (logo text and name) glued to the date; "VnExpress 25/11/2025" is the plain form.
_BYLINE = re.compile(
    r"(?P<name>[^\d/]{2,60}?)(?:(?P=name))?[\s|·,-]*(?P<date>\d{1,2}/\d{1,2}/\d{4})"
    r"(?:\s*[-,|]?\s*\d{1,2}:\d{2})?"
)


def take_byline(paragraphs: list[str]) -> tuple[list[str], Byline | None]:
    """Remove an aggregator byline line (outlet name + date) near the top; return it."""
    for index, paragraph in enumerate(paragraphs[:_HEAD_SIZE]):
        match = _BYLINE.fullmatch(paragraph)
        if match:
            byline = Byline(match.group("name").strip(), match.group("date"))
            # A byline printed twice in the head (logo and text) goes with its copy.
            rest = [p for p in paragraphs[index + 1 : _HEAD_SIZE] if p != paragraph]
            return paragraphs[:index] + rest + paragraphs[_HEAD_SIZE:], byline
    return paragraphs, None


# "https://...", "www...." or a bare "host.tld/" path; "8.02/." is a number, not a host.
_URL_LIKE_TOKEN = re.compile(r"^(?:\S*://|www\.|[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}/)", re.IGNORECASE)


def cut_at_story_end(paragraphs: list[str], rules: CleaningRules) -> list[str]:
    """End the story at the paragraph that ends with the wire end marker ``/.``.

    Whatever follows is teasers for other stories. A ``/.`` that ends a URL is not the
    marker.
    """
    for index, paragraph in enumerate(paragraphs):
        match = rules.story_end.search(paragraph)
        if not match or _ends_with_url(paragraph):
            continue
        last = paragraph[: match.start()].rstrip()
        return paragraphs[:index] + ([last] if last else [])
    return paragraphs


def _ends_with_url(paragraph: str) -> bool:
    return _URL_LIKE_TOKEN.match(paragraph.rsplit(None, 1)[-1]) is not None


def cut_at_page_chrome(paragraphs: list[str], rules: CleaningRules) -> list[str]:
    """Cut the page furniture that follows the story: comment counters, "Same category"...

    Everything from the first such line on is dropped (teaser titles and section names
    cannot be told from headlines, only from where they are). A chrome line above most of
    the text (a counter near the headline) is dropped alone, so no story is lost.
    """
    for index, paragraph in enumerate(paragraphs):
        if not rules.chrome_start.fullmatch(paragraph):
            continue
        before = sum(word_count(p) for p in paragraphs[:index])
        after = sum(word_count(p) for p in paragraphs[index + 1 :])
        if before >= after:
            return paragraphs[:index]
        return paragraphs[:index] + cut_at_page_chrome(paragraphs[index + 1 :], rules)
    return paragraphs


def take_source_url(paragraphs: list[str], rules: CleaningRules) -> tuple[list[str], str | None]:
    """Remove ``Source: <url>`` / ``Kilde: <url>`` lines; return the first URL.

    Only a whole line of label and URL counts, so a story sentence citing a source stays.
    """
    kept: list[str] = []
    url: str | None = None
    for paragraph in paragraphs:
        match = rules.source_line.fullmatch(paragraph)
        if match:
            url = url or match.group("url")
        else:
            kept.append(paragraph)
    return kept, url


_IMAGE_FILE_NAME = re.compile(
    r"[\w.%()~+-]+\.(?:jpe?g|png|gif|webp|avif|bmp|tiff?|svg)(?:\?\S*)?", re.IGNORECASE
)


def drop_image_file_names(paragraphs: list[str]) -> list[str]:
    """Drop lines that are only an image file name (left where the picture was)."""
    return [p for p in paragraphs if not _IMAGE_FILE_NAME.fullmatch(p)]


# What a page converted to Markdown leaves where its pictures and table cells were: "![]()",
# "![alt](src)", the cells' pipes around a caption ("| Lee and Ishiba shake hands ... |").
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_TABLE_PIPES = re.compile(r"^[\s|]+|[\s|]+$")
# What is left of a line of pictures with their copyright ("![]() (C)VOV ![]() |").
_COPYRIGHT_ONLY = re.compile(r"(?:\(C\)|©)\s*[^\s|]{1,30}(?:\s+[^\s|]{1,30}){0,2}", re.IGNORECASE)
# A page's contact line over the story ("Hotline: 024.355.63.010"): no part of it.
_CONTACT_LINE = re.compile(
    r"(?:Hotline|Tel|Phone|Fax|Điện thoại|Đường dây nóng|電話)\s*[:：]\s*[\d\s.+()/-]{6,}",
    re.IGNORECASE,
)


# The links a page gives screen readers to skip its menus ("1. Skip to content", "2. 跳轉至主選單"):
# the first lines of many pages once converted to text, never their headline.
_SKIP_LINK = re.compile(
    r"(?:\d{1,2}\.\s*)?(?:Skip to (?:main )?(?:content|navigation|menu|search|footer)"
    r"|Zum Inhalt springen|Aller au contenu(?: principal)?|Chuyển đến nội dung(?: chính)?"
    r"|跳[轉转][至到](?:内容|主[選选][單单]|更多\w{0,8}網站)|コンテンツへスキップ|본문 바로가기)",
    re.IGNORECASE,
)


def drop_markup_debris(paragraphs: list[str]) -> list[str]:
    """Take the Markdown of pictures and table cells off each line, and drop the lines that
    were nothing else (or a picture's copyright, or the site's phone number): a page's first
    line must never be taken for its headline because it is "![]() |"."""
    kept = []
    for paragraph in paragraphs:
        if "![" in paragraph or "|" in paragraph[:1] + paragraph[-1:]:
            paragraph = _TABLE_PIPES.sub("", _MARKDOWN_IMAGE.sub("", paragraph))
            paragraph = _RUNS_OF_SPACES.sub(" ", paragraph)
            if not paragraph or _COPYRIGHT_ONLY.fullmatch(paragraph):
                continue
        if _CONTACT_LINE.fullmatch(paragraph) or _SKIP_LINK.fullmatch(paragraph):
            continue
        kept.append(paragraph)
    return kept


_PHOTO_WORD = r"(?:Photo|Photos|Ảnh|Foto|Bilde|Image|Photograph|写真|사진)"
_WIRE_PHOTO = r"(?:REUTERS|EPA-EFE|EFE-EPA|AFP)(?: FILE)?/"
# A credit in brackets without a colon: "(Photo by Name)", Thai "(รูปถ่ายโดย <office>)".
_PHOTO_BY = r"\(\s*(?:Photo by|Photos by|รูปถ่ายโดย|ภาพโดย|ภาพจาก)\s[^()]{1,80}\)"
_CAPTION_PATTERNS = (
    # "Prime Minister ... attends the Forum - Photo: VGP/Nhat Bac"
    re.compile(rf".{{3,400}}?\s[{DASH_CLASS}|]\s*{_PHOTO_WORD}\s*:\s*[^.!?]{{1,80}}"),
    # "Delegates attend the Forum. (Foto: Duong Giang/VNA)"
    re.compile(rf".{{3,400}}?\(\s*{_PHOTO_WORD}\s*:\s*[^()]{{1,80}}\)\.?"),
    # "Leaders meet (Photo by the Prime Minister's Office)".
    re.compile(rf".{{3,400}}?{_PHOTO_BY}\.?"),
    # "Photo: VNA" on its own line, under the picture.
    re.compile(rf"{_PHOTO_WORD}\s*:\s*[^.!?]{{1,80}}"),
    # The Associated Press's: "... in Tokyo on June 6. (AP Photo/Name)", "... Pool Photo via AP".
    re.compile(r".{3,400}?[.!?)]\s*(?:\(AP Photo/[^()]{1,60}\)|(?:Pool )?Photo via AP\b.{0,60})"),
    # The other wires' photo desks: "... June 6, 2025. REUTERS/Name", "EPA-EFE/Name", "EFE-EPA
    # FILE/NAME / POOL".
    re.compile(rf".{{3,400}}?[.!?)]\s*{_WIRE_PHOTO}[^.!?]{{1,60}}"),
)
_PHOTO_CREDIT = re.compile(rf"{_PHOTO_WORD}\s*:|AP Photo/|Photo via AP\b|{_WIRE_PHOTO}|{_PHOTO_BY}")
# Captions are short; a long paragraph that happens to end like one is story text.
_MAX_CAPTION_WORDS = 60


def take_captions(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """Move photo captions out of the story; return (story paragraphs, captions)."""
    kept: list[str] = []
    captions: list[str] = []
    for paragraph in paragraphs:
        if _is_caption(paragraph):
            captions.append(paragraph)
        else:
            kept.append(paragraph)
    return kept, captions


_PHOTO_CREDIT_AT_END = re.compile(
    rf"\s*(?:[{DASH_CLASS}|]\s*{_PHOTO_WORD}\s*:\s*[^.!?]{{1,80}}"
    rf"|\(\s*{_PHOTO_WORD}\s*:\s*[^()]{{1,80}}\)\.?"
    rf"|{_PHOTO_BY}\.?"
    r"|\(AP Photo/[^()]{1,60}\)|(?:Pool )?Photo via AP\b.{0,60}"
    rf"|{_WIRE_PHOTO}[^.!?]{{1,60}}"
    rf"|{_PHOTO_WORD}\s*:\s*[^.!?]{{1,80}})$"
)


def without_photo_credit(caption: str) -> str | None:
    """The caption's own words: "Leaders meet in Tokyo. (Photo: VNA)" -> "Leaders meet in
    Tokyo."; None for a credit alone."""
    return _PHOTO_CREDIT_AT_END.sub("", caption).strip() or None


# A paragraph this long that opens a caption is that caption's text, not a sentence of the
# story that happens to start alike.
_MIN_CAPTION_COPY_WORDS = 8


def drop_caption_copies(paragraphs: list[str]) -> list[str]:
    """Drop a caption's text printed again without its credit: a page that shows the photo
    first prints its caption above the headline, where it would pass for the story's lead."""
    captions = [_comparable(p) for p in paragraphs if _is_caption(p)]
    if not captions:
        return paragraphs
    return [
        p
        for p in paragraphs
        if _is_caption(p)
        or word_count(p) < _MIN_CAPTION_COPY_WORDS
        or not any(c.startswith(_comparable(p)) for c in captions)
    ]


def _is_caption(paragraph: str) -> bool:
    # The cheap search first: most paragraphs never mention a photo.
    return (
        _PHOTO_CREDIT.search(paragraph) is not None
        and word_count(paragraph) <= _MAX_CAPTION_WORDS
        and any(pattern.fullmatch(paragraph) for pattern in _CAPTION_PATTERNS)
    )


def take_credit(paragraphs: list[str], rules: CleaningRules) -> tuple[list[str], str | None]:
    """Take the agency credit off the story's end: "— VNA/VNS", "(TTXVN/Vietnam+)"."""
    if not paragraphs:
        return paragraphs, None
    last = paragraphs[-1]
    whole = rules.credit_paragraph.fullmatch(last)
    if whole:
        return paragraphs[:-1], _tidy_credit(whole.group("credit"))
    tail = rules.credit_tail.search(last)
    if tail:
        credit = tail.group("dashed") or tail.group("bracketed")
        return [*paragraphs[:-1], last[: tail.start()].rstrip()], _tidy_credit(credit)
    return paragraphs, None


def _tidy_credit(credit: str) -> str:
    return re.sub(r"\s*/\s*", "/", credit.strip())


# "Hanoi (VNA) - ": a place, a news agency in brackets, a dash (an en dash in VNA's copy).
# Only agency names count, so "The Association of Southeast Asian Nations (ASEAN) - " is
# no dateline.
_AGENCY_DATELINE = re.compile(
    rf"(?P<place>[^\W\d_][^()\n]{{0,40}}?)\s*\((?P<agency>{_credit_pattern(AGENCY_CREDIT_NAMES)})\)"
    rf"\s*[{DASH_CLASS}]\s*"
)
# "HÀ NỘI — ": the place in capitals, a dash (an em dash in VNS's copy); the city may be
# followed by its country, as Philippine and American papers write it: "MANILA, Philippines —".
_CAPITALS_DATELINE = re.compile(
    rf"(?P<place>[^\W\d_]+(?:[ .'{RIGHT_SINGLE_QUOTE}-]+[^\W\d_]+){{0,4}})"
    r"(?:,\s*[A-Z][^\W\d_]+(?:\s+[A-Z][^\W\d_]+){0,2})?"
    rf"\.?\s*[{DASH_CLASS}]\s+"
)


def match_dateline(paragraph: str) -> re.Match[str] | None:
    """The dateline opening a story's first paragraph ("Hanoi (VNA) - ", "HÀ NỘI — ")."""
    match = _AGENCY_DATELINE.match(paragraph)
    if match:
        return match
    match = _CAPITALS_DATELINE.match(paragraph)
    # Capitals tell a dateline from a sentence that starts with a word and a dash.
    if match and match.group("place").isupper() and len(match.group("place")) > 1:
        return match
    return None


_HEADLINE_END_ALLOWED = re.compile(rf"[!?！？][{CLOSING_MARKS}」』）]*$")
_MAX_HEADLINE_WORDS = 30
_MAX_HEADLINE_CHARS = 200


def looks_like_headline(paragraph: str) -> bool:
    """A headline is short, does not end like a sentence and has no dateline."""
    ends_like_sentence = _FINAL_PUNCTUATION.search(paragraph) and not (
        _HEADLINE_END_ALLOWED.search(paragraph)
    )
    return (
        2 <= word_count(paragraph) <= _MAX_HEADLINE_WORDS
        and len(paragraph) <= _MAX_HEADLINE_CHARS
        and not ends_like_sentence
        and match_dateline(paragraph) is None
    )


def take_headline(
    paragraphs: list[str], known_title: str | None = None
) -> tuple[list[str], str | None]:
    """Take the first paragraph as the headline when it is one; return (rest, headline).

    With a ``known_title`` (from HTML metadata) the first paragraph is only dropped when it
    repeats that title, or begins it: page titles often add " - Site Name" to the headline.
    """
    if not paragraphs:
        return paragraphs, None
    first = paragraphs[0]
    if known_title is not None:
        title, line = _comparable(known_title), _comparable(first)
        repeats = title == line or (title.startswith(line) and looks_like_headline(first))
        return (paragraphs[1:] if repeats else paragraphs), None
    if len(paragraphs) > 1 and looks_like_headline(first):
        return paragraphs[1:], first
    if len(paragraphs) > 2 and _is_section_label(first) and looks_like_headline(paragraphs[1]):
        return paragraphs[2:], paragraphs[1]  # "Technology" over the headline: the section
    return paragraphs, None


def _is_section_label(paragraph: str) -> bool:
    """One capitalised word alone on its line: the page's section ("Technology", "Politics")."""
    return word_count(paragraph) == 1 and paragraph[:1].isupper() and paragraph.isalpha()


def _comparable(s: str) -> str:
    return _RUNS_OF_SPACES.sub(" ", s).strip().casefold()


def drop_repeated_paragraphs(paragraphs: list[str]) -> list[str]:
    """Keep one copy of a paragraph printed twice, the later one.

    Pages print the standfirst above the photo and again inside the story; the later copy
    is where it belongs in reading order.
    """
    # Paragraphs come out of split_paragraphs with their spacing tidied: equal text is enough.
    last_index = {p: i for i, p in enumerate(paragraphs)}
    return [p for i, p in enumerate(paragraphs) if last_index[p] == i]


_MAX_HEADING_WORDS = 16
_MAX_HEADING_CHARS = 150


def mark_headings(paragraphs: list[str]) -> list[dict[str, str]]:
    """Label each paragraph ``{"kind": "p"|"h", "text": ...}``.

    A subheading is a short line without final punctuation, inside the story (not first),
    followed by a longer paragraph that ends like a sentence.
    """
    blocks = []
    for index, paragraph in enumerate(paragraphs):
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        kind = "h" if index > 0 and _is_subheading(paragraph, following) else "p"
        blocks.append({"kind": kind, "text": paragraph})
    return blocks


def _is_subheading(paragraph: str, following: str | None) -> bool:
    if following is None:
        return False
    words = word_count(paragraph)
    return (
        1 <= words <= _MAX_HEADING_WORDS
        and len(paragraph) <= _MAX_HEADING_CHARS
        and not _FINAL_PUNCTUATION.search(paragraph)
        and word_count(following) > words
        and _FINAL_PUNCTUATION.search(following) is not None
    )


# --- The whole cleaning run ----------------------------------------------------------------


@dataclass
class CleanedStory:
    blocks: list[dict[str, str]]
    headline: str | None = None
    captions: list[str] = field(default_factory=list)
    # The caption of a photo printed above everything else, its credit taken off: on a page
    # without a headline, it says whom the story is about better than the lead.
    top_caption: str | None = None
    source_url: str | None = None
    credit: str | None = None
    byline: Byline | None = None
    date_prefix: str | None = None  # "YYYY-MM-DD" or "YYYY-MM" from a "date ..." export field
    date_line: DateLine | None = None  # the page's own date line, taken out of the story


def clean_text(text: str) -> str:
    """The text-level steps: Unicode NFC and stray characters out.

    NFC once more at the end: a stray character between a letter and its accent
    ("A\\x08\\u0323") kept them from composing, and its removal lets them.
    """
    return unicodedata.normalize("NFC", remove_stray_characters(normalize_unicode(text)))


def clean_story(
    text: str,
    rules: CleaningRules,
    *,
    known_title: str | None = None,
    join_wrapped_lines: bool = True,
) -> CleanedStory:
    """Run the paragraph steps on text already through ``clean_text``.

    Order: the export's date field, then photo captions (a page that shows the photo first
    prints its caption over the headline, sometimes twice), then the page head (menus, site
    name, date lines, byline, headline: date lines before the byline, whose pattern reads
    "Thứ Tư, 16/09/2015" as an outlet and its date), then the story's end (wire marker, then
    page chrome, which only then is known to be after the story), then what sits among the
    paragraphs (source line, image names), the credit last because it must be the final
    paragraph once everything after it has gone.
    """
    paragraphs = split_paragraphs(text, join_wrapped_lines=join_wrapped_lines)
    paragraphs, date_prefix = take_capture_date_prefix(paragraphs)
    paragraphs = drop_markup_debris(paragraphs)
    # Captions first: a page that shows the photo first prints its caption over the headline.
    paragraphs = drop_caption_copies(paragraphs)
    photo_first = bool(paragraphs) and _is_caption(paragraphs[0])
    paragraphs, captions = take_captions(paragraphs)
    top_caption = without_photo_credit(captions[0]) if photo_first else None
    paragraphs = drop_menu_runs(paragraphs)
    paragraphs = drop_site_name_lines(paragraphs, rules)
    paragraphs, date_line = take_date_line(paragraphs)
    paragraphs, byline = take_byline(paragraphs)
    paragraphs, headline = take_headline(paragraphs, known_title)
    paragraphs = cut_at_story_end(paragraphs, rules)
    paragraphs = cut_at_page_chrome(paragraphs, rules)
    paragraphs, source_url = take_source_url(paragraphs, rules)
    paragraphs = drop_image_file_names(paragraphs)
    paragraphs, credit = take_credit(paragraphs, rules)
    paragraphs = drop_repeated_paragraphs(paragraphs)
    return CleanedStory(
        blocks=mark_headings(paragraphs),
        headline=headline,
        captions=captions,
        top_caption=top_caption,
        source_url=source_url,
        credit=credit,
        byline=byline,
        date_prefix=date_prefix,
        date_line=date_line,
    )
