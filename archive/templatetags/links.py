"""Links to other sites: only http(s) URLs become links (`archive.ingest.weburl`)."""

from django import template

from archive.ingest.weburl import web_url as _web_url

register = template.Library()


@register.filter
def web_url(value: str | None) -> str:
    """`value` if it is an http(s) URL, else "": `{% if x|web_url %}<a href=…>` links only those."""
    return _web_url(value) or ""
