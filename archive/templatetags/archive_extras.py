"""Small template helpers of the event page."""

from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`mapping[key]`, or "" when it has no such key (a version's short label by its id)."""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""
