"""Query parameters shared by the list pages."""

import re

from django.http import HttpRequest

# Only ASCII digits are numbers: `int()` reads "٣" as 3 (and `str.isdigit()` accepts "²").
_PAGE = re.compile(r"[0-9]{1,9}|last")


def page_number(request: HttpRequest) -> str | None:
    """The `page` parameter for `Paginator.get_page`, which shows the first page for what is not
    a number and clamps a number to the pages there are: a list page never fails on it."""
    raw = request.GET.get("page", "").strip()
    return raw if _PAGE.fullmatch(raw) else None
