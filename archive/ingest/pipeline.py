"""``extract``: one raw capture in, one clean story with its metadata out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from archive.ingest.capture import Capture
from archive.ingest.clean import (
    CleanedStory,
    clean_story,
    clean_text,
    cleaning_rules,
    split_paragraphs,
)
from archive.ingest.date_lines import url_date
from archive.ingest.dates import (
    PublicationDate,
    dating_lead,
    parse_day_month_year,
    parse_iso_date,
    parse_iso_month,
    publication_date,
)
from archive.ingest.event_day import written_event_day
from archive.ingest.html_page import HtmlExtractionError, PageText, page_text
from archive.ingest.metadata import count_words, derive_title, detect_language, story_place
from archive.ingest.outlet_naming import original_outlet, publishing_outlet, take_source_name
from archive.ingest.outlets import (
    OutletInfo,
    OutletRules,
    domain_of,
    rules_by_signature,
    rules_for_domain,
    rules_for_name,
)
from archive.ingest.text import word_count

__all__ = ["Extracted", "IngestError", "OutletInfo", "extract"]

# Fewer words than this after cleaning is a fragment (a teaser, an error page), not a story.
MIN_STORY_WORDS = 20
# More words than this is a dump (a whole site, a book, a text repeated), not one story: news
# stories run to a few thousand words. The cap also bounds what finding people, grouping and
# indexing cost for one capture.
MAX_STORY_WORDS = 25_000
# Paragraphs at the top of the story where the date and place of the lead are looked for.
LEAD_PARAGRAPHS = 2


class IngestError(ValueError):
    """The capture cannot become an article; the message says why."""


@dataclass
class Extracted:
    title: str
    title_derived: bool
    body: str  # clean story text, paragraphs separated by "\n\n", headings included
    blocks: list[dict]  # [{"kind": "p"|"h", "text": ...}]
    captions: list[str]
    published_on: date | None
    year_inferred: bool
    # The day the event happened, from the lead ("on Thursday", "ngày 3/4", "31日夜"), read
    # against published_on; published_on itself when the lead names no day.
    occurred_on: date | None
    day_written: bool  # the lead names the event's day (else it is the publication date)
    place: str | None  # dateline place as written, e.g. "Hanoi", "HÀ NỘI", "Quang Ninh"
    outlet: OutletInfo  # who published the captured page
    original_outlet: OutletInfo | None  # whose story it republishes
    source_url: str | None
    credit: str | None  # e.g. "VNA/VNS", "TTXVN/Vietnam+"
    language: str  # ISO 639-1 from py3langid
    review_reasons: list[str]  # keys of models.REVIEW_FLAGS: "no_headline", "no_date"...
    # A derived title taken from the caption of the photo over the story ("X receives Y"):
    # like a headline, it says whom the story is about.
    title_from_photo: bool = False


def extract(capture: Capture) -> Extracted:
    """Clean one capture and read its metadata; raise ``IngestError`` if no story is left."""
    page = _page_of(capture)
    text = clean_text(page.text if page else capture.raw)
    url = capture.url or (page.url if page else None)
    rules = _outlet_rules(capture, url, text)
    story = clean_story(
        text,
        cleaning_rules(rules),
        known_title=page.title if page else None,
        # trafilatura already gives one paragraph per line; nothing there is hard-wrapped.
        join_wrapped_lines=page is None,
    )
    # "Source: VOV" closing the story names whose it is; it is no part of the story.
    paragraphs, source_name = take_source_name([block["text"] for block in story.blocks])
    if source_name:
        story.blocks = [block for block in story.blocks if block["text"] in paragraphs]
    _require_a_story(story)

    lead = paragraphs[:LEAD_PARAGRAPHS]
    lines = split_paragraphs(text, join_wrapped_lines=False)  # the page's, site name and all
    outlet = publishing_outlet(
        url=url,
        hint=capture.outlet,
        site_name=page.site_name if page else None,
        lines=lines,
        credit=story.credit,
        rules=rules,
    )
    title, title_derived = _title(story, page, lead)
    # Dates are read from the lead's prose, past the share buttons and links some pages open with.
    date_lead = dating_lead(paragraphs)
    language = detect_language("\n".join(paragraphs))
    published = _publication_date(capture, story, page, url, date_lead, language)
    review = _review_reasons(title_derived, published, outlet)
    written_day = written_event_day(
        date_lead, published.value, language, year_guessed=published.year_inferred
    )
    return Extracted(
        title=title,
        title_derived=title_derived,
        body="\n\n".join(paragraphs),
        blocks=story.blocks,
        captions=story.captions,
        published_on=published.value,
        year_inferred=published.year_inferred,
        occurred_on=written_day or published.value,
        day_written=written_day is not None,
        place=story_place(lead),
        outlet=outlet,
        original_outlet=original_outlet(
            outlet,
            byline_name=story.byline.name if story.byline else None,
            source_url=story.source_url,
            paragraphs=paragraphs,
            source_name=source_name,
            lines=lines,
        ),
        source_url=story.source_url,
        credit=story.credit,
        language=language,
        review_reasons=review,
        title_from_photo=title_derived and story.headline is None and bool(story.top_caption),
    )


def _publication_date(
    capture: Capture,
    story: CleanedStory,
    page: PageText | None,
    url: str | None,
    lead: list[str],
    language: str,
) -> PublicationDate:
    # Best first: what the page's maker wrote to date it, then what the page prints near
    # its headline, its metadata, its URL; the lead's date last.
    line = story.date_line
    in_url = url_date(url)
    # The month alone, from the URL ("/201810/") or the export field ("date 2022-05"), gives
    # a yearless date its year.
    page_month = in_url or parse_iso_month(story.date_prefix)
    return publication_date(
        explicit=(
            parse_iso_date(story.date_prefix),
            parse_day_month_year(story.byline.date if story.byline else None),
            line.written.full if line else None,
            parse_iso_date(page.date if page else None),
            in_url.full if in_url else None,
            # The head's other dates come last: they never win, but they dispute.
            *(written.full for written in (line.also if line else ())),
        ),
        yearless=(line.written if line else None,),
        page_date=page_month,
        lead_paragraphs=lead,
        captured_at=capture.captured_at,
        today=datetime.now(UTC).date(),
        language=language,
    )


def _page_of(capture: Capture) -> PageText | None:
    if capture.format != "html":
        return None
    try:
        return page_text(capture.raw, capture.url)
    except HtmlExtractionError as error:
        raise IngestError(str(error)) from None


def _require_a_story(story: CleanedStory) -> None:
    words = count_words(story.blocks)
    if words == 0:
        raise IngestError("nothing left after cleaning")
    if words < MIN_STORY_WORDS:
        raise IngestError(
            f"only {words} words left after cleaning (a story needs {MIN_STORY_WORDS})"
        )
    if words > MAX_STORY_WORDS:
        raise IngestError(
            f"{words} words after cleaning: longer than one story can be "
            f"(the limit is {MAX_STORY_WORDS}); is it several pages in one file?"
        )


def _outlet_rules(capture: Capture, url: str | None, text: str) -> OutletRules | None:
    """The known outlet whose rules clean this capture: by URL, hint, then text signature."""
    return (
        rules_for_domain(domain_of(url))
        or rules_for_name(capture.outlet)
        or rules_by_signature(text)
    )


def _title(story: CleanedStory, page: PageText | None, lead: list[str]) -> tuple[str, bool]:
    if page and page.title:
        return page.title, False
    if story.headline:
        return story.headline, False
    # Without a headline, the photo over the story says whom it is about (who met whom);
    # else the lead's first sentence, not a label left over it ("ID :", "Tin mới").
    sentences = [p for p in lead if word_count(p) >= MIN_TITLE_WORDS]
    return derive_title(story.top_caption or (sentences or lead)[0]), True


# Fewer words than this make a page's label, not a sentence a title can be made of.
MIN_TITLE_WORDS = 4


def _review_reasons(
    title_derived: bool, published: PublicationDate, outlet: OutletInfo
) -> list[str]:
    flags = []
    if title_derived:
        flags.append("no_headline")
    if published.value is None:
        flags.append("no_date")
    if published.year_inferred:
        flags.append("year_inferred")
    if published.disputed:
        flags.append("date_disputed")
    if published.from_text and not published.year_inferred:  # a guessed year says it already
        flags.append("date_from_text")
    if outlet.needs_review:  # not in the registry: named from the page, for review
        flags.append("unknown_outlet")
    return flags
