"""`hydration.url_maker`: the links of a search page, reversed once, are `reverse`'s."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from archive.search.hydration import url_maker

VALUES = [
    *(1, 24, 9073614825, 123456, "0"),
    "talks-in-hanoi-2024",
    "a_b",
    "x",
    "Đà-Nẵng",
    "a b",
    "a/b",
]


def _reverse_or_error(name, value):
    try:
        return reverse(name, args=[value])
    except NoReverseMatch:
        return NoReverseMatch


@pytest.mark.parametrize("prefix", ["/", "/archive/"])
@pytest.mark.parametrize("name", ["article_detail", "event_detail", "api_event", "api_article"])
def test_the_same_links_as_reverse(name, prefix):
    set_script_prefix(prefix)
    try:
        url = url_maker(name)
        for value in VALUES:
            expected = _reverse_or_error(name, value)
            if expected is NoReverseMatch:
                with pytest.raises(NoReverseMatch):
                    url(value)
            else:
                assert url(value) == expected, (name, value)
    finally:
        set_script_prefix("/")


def test_an_event_link_is_the_events_own_url():
    from archive.models import Event

    event = Event(slug="talks-in-hanoi")
    assert url_maker("event_detail")(event.slug) == event.get_absolute_url()
