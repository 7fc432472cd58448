"""Main text and metadata of an HTML capture, by trafilatura (HTML is never parsed by hand)."""

from __future__ import annotations

from dataclasses import dataclass

from archive.ingest.weburl import web_url


@dataclass(frozen=True)
class PageText:
    text: str  # the main content, one paragraph per line
    title: str | None = None
    date: str | None = None  # ISO date from the page's metadata
    site_name: str | None = None
    url: str | None = None


class HtmlExtractionError(ValueError):
    pass


def page_text(html: str, url: str | None = None) -> PageText:
    """Run trafilatura on ``html``; raise ``HtmlExtractionError`` when it finds no story."""
    # Imported here: trafilatura brings lxml and dateparser (about a second to import),
    # which text captures never need.
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - depends on the environment
        raise HtmlExtractionError(
            "HTML capture needs trafilatura, which is not installed"
        ) from None
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_images=False,
        include_links=False,
        # Only dates the page declares (meta tags, <time>); a guess from the page's
        # text would look as certain as a real publication date.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is None or not (document.text or "").strip():
        raise HtmlExtractionError("no main text found in the HTML page")
    return PageText(
        text=document.text,
        title=_present(document.title),
        date=_present(document.date),
        site_name=_present(document.sitename),
        url=web_url(document.url),  # a page may declare any URL as its own
    )


def _present(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None
