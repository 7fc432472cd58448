"""What a reader does, at desktop and phone widths: search, refine with a facet, read an event's
versions side by side, go on to an official and a day; and the same start with the keyboard only.

Each step is saved as var/screenshots/NN-step-{desktop,phone}.png. Elements are found by
structure (classes, ids, URLs), not by English wording, so the tests hold in any interface language.
"""

import re
from urllib.parse import urlsplit

from tests.browser.support import QUERY, VIEWPORTS, horizontal_overflow, open_filters, shoot

DAY_URL = re.compile(r"^/dates/\d{4}/\d{2}/\d{2}/$")


def result_count(page) -> int:
    """The number of matching articles, the first number of the result line."""
    return int(re.search(r"\d+", page.locator(".result-count").inner_text()).group())


def narrowing_facet(page, total: int) -> dict:
    """The first language facet value, else official, that leaves fewer than `total` results."""
    facets = page.evaluate("""() => [...document.querySelectorAll(
            '.facets a[href*="language="], .facets a[href*="person="]')]
        .filter(a => !a.hasAttribute('aria-current'))
        .map(a => ({href: a.getAttribute('href'),
                    count: parseInt(a.parentElement.querySelector('.count').textContent)}))""")
    narrowing = [facet for facet in facets if facet["count"] < total]
    assert narrowing, f"no language or official facet narrows the {total} results: {facets}"
    return narrowing[0]


def fits_the_screen(page, viewport: str, where: str) -> None:
    if viewport == "phone":
        overflow = horizontal_overflow(page)
        assert overflow <= 0, f"{where}: the page scrolls sideways by {overflow}px on a phone"


def test_search_refine_and_browse(page, viewport, screenshots):
    # Home, then the search box.
    page.goto("/")
    fits_the_screen(page, viewport, "home")
    shoot(page, "01-home", viewport)
    page.locator("#search-q").fill(QUERY)
    page.locator("#search-q").press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=To\+Lam"))
    before = result_count(page)
    assert before > 0 and page.locator(".result").count() > 0
    fits_the_screen(page, viewport, "search results")
    shoot(page, "02-search", viewport)

    # A language (else official) facet that narrows the results: the count drops, a chip appears.
    open_filters(page)
    facet = narrowing_facet(page, before)
    page.locator(f'.facets a[href="{facet["href"]}"]').click()
    page.wait_for_url(re.compile(r"[?&](language|person)="))
    after = result_count(page)
    assert after == facet["count"] and after != before
    chip = page.locator(".chips a")
    assert chip.count() == 1 and chip.first.is_visible()
    assert chip.first.get_attribute("aria-label"), "the chip's link says what it removes"
    fits_the_screen(page, viewport, "refined results")
    shoot(page, "03-facet", viewport)

    # The event with the most matching versions.
    results = page.locator(".result")
    versions = [results.nth(n).locator(".versions > li").count() for n in range(results.count())]
    results.nth(versions.index(max(versions))).locator("h2 a").click()
    page.wait_for_url(re.compile(r"/events/[^/]+/$"))
    event_url = urlsplit(page.url).path
    headers = page.locator(".versions-grid thead th")
    assert headers.count() >= 2, "the journey needs an event told in two versions or more"
    region = page.locator(".versions-table")
    first, second = headers.nth(0).bounding_box(), headers.nth(1).bounding_box()
    if viewport == "desktop":
        # Columns side by side, both on screen without scrolling.
        assert abs(first["y"] - second["y"]) < 2, (first, second)
        assert second["x"] >= first["x"] + first["width"] - 1, (first, second)
        assert second["x"] + second["width"] <= VIEWPORTS["desktop"]["width"], second
        assert first["width"] >= 250 and second["width"] >= 250, "columns wide enough to read"
        assert not page.locator(".version-tabs").is_visible(), "tabs are for phones only"
    else:
        fits_the_screen(page, viewport, "event")
        assert first["width"] >= 250, f"a version's column is too narrow to read: {first}"
        shoot(page, "04-event", viewport)
        if page.locator(".version-tabs").is_visible():
            phone_versions_as_tabs(page, headers)
        else:
            phone_versions_scroll_in_their_region(page, region)
        region.screenshot(path=str(screenshots / "04-event-versions-other-phone.png"))
    if viewport == "desktop":
        shoot(page, "04-event", viewport)

    # An official of the event, then the day of this event from the official's page.
    official = page.locator(".event header .people a").first
    name = official.inner_text()
    official.click()
    page.wait_for_url(re.compile(r"/people/[^/]+/$"))
    assert page.locator("main h1").inner_text() == name
    fits_the_screen(page, viewport, "person")
    shoot(page, "05-person", viewport)
    entry = page.locator(".timeline > li").filter(has=page.locator(f'a[href="{event_url}"]'))
    day_link = entry.locator("a[href^='/dates/']").first
    day_url = day_link.get_attribute("href")
    assert DAY_URL.match(day_url), f"the event's date on the official's page links to {day_url}"
    day_link.click()
    page.wait_for_url(re.compile(re.escape(day_url) + "$"))
    day = "-".join(day_url.strip("/").split("/")[1:])
    assert page.locator(f'main h1 time[datetime="{day}"]').count() == 1
    assert page.locator(f'main a[href="{event_url}"]').count() >= 1, "the day lists the event"
    fits_the_screen(page, viewport, "day")
    shoot(page, "06-date", viewport)

    assert not page.failed, page.failed
    assert not page.offsite, page.offsite


def phone_versions_as_tabs(page, headers) -> None:
    """One version at a time: each tab shows its own column only, the arrow keys move between
    tabs (radio buttons), and the page never scrolls sideways."""
    tabs = page.locator(".version-tabs input[type=radio]")
    assert tabs.count() == headers.count(), "one tab per version"
    for n in range(min(tabs.count(), 3)):
        tab_id = tabs.nth(n).get_attribute("id")
        page.locator(f'.version-tabs label[for="{tab_id}"]').click()
        visible = [headers.nth(k).is_visible() for k in range(headers.count())]
        assert visible == [k == n for k in range(headers.count())], f"tab {n + 1} shows {visible}"
        assert headers.nth(n).bounding_box()["width"] >= 250
        assert horizontal_overflow(page) <= 0
    tabs.nth(0).focus()
    page.keyboard.press("ArrowRight")
    assert tabs.nth(1).is_checked() and headers.nth(1).is_visible(), "arrow keys switch versions"
    focus = page.evaluate(FOCUS_STYLE)
    label = page.locator(f'.version-tabs label[for="{focus["id"]}"]')
    outline = label.evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline not in ("none", "hidden"), "the focused tab shows its focus"


def phone_versions_scroll_in_their_region(page, region) -> None:
    """All versions side by side in a region that scrolls sideways (by keyboard too), inside a page
    that does not."""
    overflow_x = region.evaluate("e => getComputedStyle(e).overflowX")
    assert overflow_x in ("auto", "scroll"), overflow_x
    assert region.evaluate("e => e.scrollWidth > e.clientWidth"), "the versions do not scroll"
    region.focus()
    for _ in range(8):
        page.keyboard.press("ArrowRight")
    assert region.evaluate("e => e.scrollLeft") > 0, "the arrow keys do not scroll the versions"
    assert horizontal_overflow(page) <= 0


def test_filter_chip_removes_its_filter(page, viewport, screenshots):
    page.goto(f"/search/?q={QUERY.replace(' ', '+')}")
    before = result_count(page)
    open_filters(page)
    facet = narrowing_facet(page, before)
    page.locator(f'.facets a[href="{facet["href"]}"]').click()
    page.wait_for_url(re.compile(r"[?&](language|person)="))
    assert result_count(page) == facet["count"]
    chip = page.locator(".chips a")
    assert chip.count() == 1
    chip.first.click()
    page.wait_for_load_state()
    parameter = facet["href"].rsplit("&", 1)[-1]  # e.g. language=en
    assert parameter not in urlsplit(page.url).query, (
        f"the chip {chip.first.get_attribute('href')!r} keeps the filter {parameter!r}"
    )
    assert page.locator(".chips a").count() == 0 and result_count(page) == before


FOCUS_STYLE = """() => {
    const e = document.activeElement, s = getComputedStyle(e), box = e.getBoundingClientRect();
    return {tag: e.tagName, id: e.id, cls: e.className, href: e.getAttribute('href'),
            outline: s.outlineStyle, width: parseFloat(s.outlineWidth),
            onScreen: box.width > 0 && box.height > 0 && box.left >= 0 && box.top >= 0
                      && box.right <= innerWidth && box.bottom <= innerHeight,
            inMain: !!e.closest('main')};
}"""


def assert_focus_visible(focus: dict) -> None:
    assert focus["onScreen"], f"focused {focus} is off screen"
    assert focus["outline"] not in ("none", "hidden") and focus["width"] >= 2, (
        f"focused {focus} has no visible outline"
    )


def test_keyboard_skip_link_then_search_box(page, viewport, screenshots):
    page.goto("/")
    page.keyboard.press("Tab")
    focus = page.evaluate(FOCUS_STYLE)
    assert "skip-link" in focus["cls"] and focus["href"] == "#main", f"first Tab stop: {focus}"
    assert_focus_visible(focus)
    shoot(page, "07-keyboard-skip-link", viewport, full_page=False)

    stops = [focus]
    while focus["id"] != "search-q" and len(stops) < 8:
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STYLE)
        assert_focus_visible(focus)
        stops.append(focus)
    assert focus["id"] == "search-q", f"the search box is not among the first Tab stops: {stops}"
    assert len(stops) <= 6, f"the search box is Tab stop {len(stops)}: {stops}"
    shoot(page, "08-keyboard-search-box", viewport, full_page=False)

    # The skip link works: after it, the next Tab stop is inside the main content.
    page.goto("/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focus = page.evaluate(FOCUS_STYLE)
    assert focus["inMain"], f"after the skip link, Tab went to {focus}"
    assert_focus_visible(focus)
