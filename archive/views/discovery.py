"""How browsers, crawlers and reference managers find the archive: the OpenSearch description,
robots.txt, and the citation of an article (plain text and BibTeX)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.contrib.sitemaps.views import sitemap
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from archive.ingest.weburl import web_url
from archive.models import Article
from archive.naming import citation_title
from archive.sitemaps import SITEMAPS

OPENSEARCH_TYPE = "application/opensearchdescription+xml"


@require_safe
@cache_control(max_age=86400, public=True)
def opensearch(request: HttpRequest) -> HttpResponse:
    base = request.build_absolute_uri("/").rstrip("/")
    context = {
        "search_url": base + reverse("search"),
        "feed_url": base + reverse("feed_search"),
        "api_url": base + reverse("api_search"),
    }
    return render(
        request, "opensearch.xml", context, content_type=f"{OPENSEARCH_TYPE}; charset=utf-8"
    )


@require_safe
def sitemap_xml(request: HttpRequest) -> HttpResponse:
    """Every public page worth indexing (archive/sitemaps.py)."""
    return sitemap(request, sitemaps=SITEMAPS)


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "Disallow: /api/search/",
        "Disallow: /feeds/search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


# -- citations -------------------------------------------------------------------------------

MONTH_MACROS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_BIBTEX_SPECIAL = re.compile(r"([&%$#_{}~^\\])")
_BIBTEX_REPLACEMENTS = {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\^{}"}


def bibtex_escape(text: str) -> str:
    """`text` safe inside a braced BibTeX field (LaTeX's special characters escaped)."""
    return _BIBTEX_SPECIAL.sub(
        lambda m: _BIBTEX_REPLACEMENTS.get(m.group(1), "\\" + m.group(1)), " ".join(text.split())
    )


def description(text: str, limit: int = 200) -> str:
    """`text` on one line, cut at a word before `limit` characters (for meta descriptions)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


@dataclass
class Citation:
    text: str
    bibtex: str


def _day(day) -> str:
    return f"{day.day} {day:%B %Y}"


def cite(article: Article, archived_url: str, accessed: date | None = None) -> Citation:
    """How to cite `article`: its outlet, title, date and source, when the archive captured it
    and when it was read there. A headline the story never printed is given in square brackets
    (`naming.citation_title`)."""
    outlet = article.outlet.name
    day = article.published_on
    when = _day(day) if day else "n.d."  # "n.d." ends its own sentence: no second full stop
    source = web_url(article.source_url) or web_url(article.url)
    accessed = accessed or timezone.localdate()
    title = citation_title(article)
    parts = [f"{article.credit}. " if article.credit else "", f"{title}. {outlet}"]
    if article.original_outlet:
        parts.append(f" (republishing {article.original_outlet.name})")
    parts.append(f", {when}" if when.endswith(".") else f", {when}.")
    if source:
        parts.append(f" {source}.")
    captured = timezone.localdate(article.captured_at) if article.captured_at else None
    if captured:
        parts.append(f" Captured {_day(captured)}.")
    parts.append(f" Archived at {archived_url}. Accessed {_day(accessed)}.")

    key_date = article.published_on.year if article.published_on else "nd"
    fields = [("title", "{" + bibtex_escape(title.strip("“”")) + "}")]
    if article.credit:
        fields.append(("author", "{" + bibtex_escape(article.credit) + "}"))
    fields.append(("organization", bibtex_escape(outlet)))
    if article.published_on:
        fields += [
            ("year", str(article.published_on.year)),
            ("month", MONTH_MACROS[article.published_on.month - 1]),
            ("date", article.published_on.isoformat()),
        ]
    fields.append(("language", article.language))
    if source:
        fields.append(("url", source.replace("{", "%7B").replace("}", "%7D")))
    note = "Archived at \\url{" + archived_url + "}"
    if captured:
        note += f", captured {captured.isoformat()}"
    fields.append(("note", note))
    fields.append(("urldate", accessed.isoformat()))
    body = ",\n".join(
        f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}"
        for name, value in fields
    )
    bibtex = f"@misc{{{article.outlet.slug}-{key_date}-{article.pk},\n{body}\n}}"
    return Citation(text="".join(parts), bibtex=bibtex)


def cite_event(event, archived_url: str, versions: int, accessed: date | None = None) -> Citation:
    """How to cite an event page: its name (a made-up one in square brackets, as
    `naming.name_events` gives it), date and place, its versions, and when it was read."""
    accessed = accessed or timezone.localdate()
    name = getattr(event, "display_name", event.title)
    when = _day(event.date) if event.date else "n.d."
    place = f", {event.place}" if event.place else ""
    title = name if name.startswith("[") else f"“{name}”"
    sentence = f"{when}{place}"
    text = (
        f"{title}. {sentence}{'' if sentence.endswith('.') else '.'} "
        f"{versions} version{'s' if versions != 1 else ''} compared. "
        f"{gettext('Diplomatic news archive')}, {archived_url}. Accessed {_day(accessed)}."
    )
    fields = [("title", "{" + bibtex_escape(title.strip("“”")) + "}")]
    if event.date:
        fields += [
            ("year", str(event.date.year)),
            ("month", MONTH_MACROS[event.date.month - 1]),
            ("date", event.date.isoformat()),
        ]
    fields += [
        ("howpublished", "{" + bibtex_escape(gettext("Diplomatic news archive")) + "}"),
        ("url", "{" + archived_url + "}"),
        ("urldate", "{" + accessed.isoformat() + "}"),
    ]
    body = ",\n".join(
        f"  {name} = {value}"
        if name in {"month", "howpublished", "url", "urldate"} or value[0] == "{"
        else f"  {name} = {{{value}}}"
        for name, value in fields
    )
    bibtex = f"@misc{{event-{event.slug[:40]},\n{body}\n}}"
    return Citation(text=text, bibtex=bibtex)
