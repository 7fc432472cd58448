"""Sanitising HTML before we store it: no script, style, handler or frame survives.

HTML captures are stored sanitised (the text captures verbatim): the archive keeps the page's
structure and text for provenance, never anything a browser would run. lxml_html_clean removes
whole script/style elements with their content (bleach alone would keep a script's code as inert
text); bleach then enforces the allowlist of tags and attributes.
"""

import bleach
from lxml_html_clean import Cleaner

ALLOWED_TAGS = frozenset(
    [
        "article",
        "section",
        "header",
        "footer",
        "main",
        "nav",
        "aside",
        "div",
        "span",
        "p",
        "br",
        "hr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "blockquote",
        "figure",
        "figcaption",
        "img",
        "a",
        "b",
        "i",
        "em",
        "strong",
        "small",
        "sub",
        "sup",
        "time",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "caption",
        "pre",
        "code",
        "dl",
        "dt",
        "dd",
        "abbr",
        "cite",
        "q",
        "",
    ]
)
ALLOWED_ATTRIBUTES = {
    "a": ["href", "title"],
    "img": ["src", "alt", "title"],
    "time": ["datetime"],
    "td": ["colspan", "rowspan"],
    "th": ["colspan", "rowspan", "scope"],
    "*": ["lang", "title"],
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})

_CLEANER = Cleaner(
    scripts=True,
    javascript=True,
    comments=True,
    style=True,
    inline_style=True,
    embedded=True,
    frames=True,
    forms=True,
    meta=True,
    page_structure=False,
    processing_instructions=True,
    safe_attrs_only=True,
)


def sanitize_html(html: str) -> str:
    """`html` without anything executable, reduced to an allowlist of tags and attributes."""
    if not html.strip():
        return ""
    try:
        structural = _CLEANER.clean_html(html)
    except ValueError:  # lxml refuses some documents (an XML declaration with a str); bleach copes
        structural = html
    return bleach.clean(
        structural,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
    )
