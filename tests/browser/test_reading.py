"""Reading and comparing versions as a researcher would (issue 27), in the browser at desktop and
phone widths: the comparison's baseline and legend, the page using the screen's width, the phone
search's results before its filters, and the site's own 404; each page axe-checked and saved as
var/screenshots/NN-step-{desktop,phone}.png."""

import re

from tests.browser.support import BLOCKING_IMPACTS, describe, horizontal_overflow, run_axe, shoot


def assert_axe_clean(page, axe_source, name: str, viewport: str) -> None:
    violations = run_axe(page, axe_source, name, viewport)
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, "\n".join(map(describe, blocking))


def test_compare_with_a_baseline_the_reader_chooses(page, viewport, site, axe_source):
    page.goto(site["event"])
    headers = page.locator(".versions-grid thead th")
    assert headers.count() >= 2
    assert page.locator(".compare-legend").is_visible(), "the marks are explained"
    assert headers.nth(0).locator(".baseline-badge").count() == 1, "the baseline is stated"
    assert page.locator("details.cite").count() == 1, "the event can be cited"
    marks = page.locator(".versions-grid ins, .versions-grid del")
    if marks.count():  # neutral marks: nothing struck through
        assert marks.first.evaluate("e => getComputedStyle(e).textDecorationLine") != (
            "line-through"
        )
    if viewport == "desktop":
        sticky = headers.nth(0).evaluate("e => getComputedStyle(e).position")
        assert sticky == "sticky", "the versions' headers stay in view"
    shoot(page, "09-compare", viewport)
    assert_axe_clean(page, axe_source, "compare", viewport)

    # Another version as the baseline: it moves first and the legend names it.
    second = headers.nth(1).get_attribute("id")
    if viewport == "phone":
        page.locator(".version-tabs label").nth(1).click()
    headers.nth(1).locator(".baseline-link a").click()
    page.wait_for_url(re.compile(r"[?&]base=\d+"))
    assert page.locator(".versions-grid thead th").nth(0).get_attribute("id") == second
    if viewport == "phone":
        assert horizontal_overflow(page) <= 0
    assert not page.failed, page.failed
    assert not page.offsite, page.offsite


def test_the_event_page_uses_a_wide_screen(browser, archive_url, site):
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, base_url=archive_url)
    try:
        page = context.new_page()
        page.goto(site["event"])
        width = page.locator(".versions-table").bounding_box()["width"]
        assert width > 1500, f"the versions get {width}px of a 1920px screen"
    finally:
        context.close()


def test_phone_search_shows_results_first_and_folds_its_filters(page, viewport, site, axe_source):
    page.goto(site["search"])
    first = page.locator(".result").first.bounding_box()
    if viewport == "phone":
        assert first["y"] < 844, f"the first result starts at {first['y']}px, below the screen"
        facets = page.locator(".facets")
        assert not facets.is_visible(), "the filters are folded on a phone"
        page.locator(".filters-toggle-label").click()
        assert facets.is_visible() and page.locator(".refine-form").is_visible()
        assert horizontal_overflow(page) <= 0
    else:
        assert not page.locator(".filters-toggle-label").is_visible()
        assert page.locator(".facets").is_visible()
    button = page.locator(".refine-form button")
    assert button.evaluate("e => getComputedStyle(e).backgroundColor") != (
        page.locator("body").evaluate("e => getComputedStyle(e).backgroundColor")
    ), "Apply looks like the archive's buttons, not a bare grey one"
    shoot(page, "10-search-filters", viewport)
    assert_axe_clean(page, axe_source, "search-filters", viewport)


def test_a_missing_page_is_the_sites_own_404(page, viewport, axe_source):
    response = page.goto("/events/no-such-event/")
    assert response.status == 404
    assert page.locator("#search-q").count() == 1, "the site's own page, with its search box"
    assert page.locator(".site-footer").count() == 1
    shoot(page, "11-not-found", viewport)
    assert_axe_clean(page, axe_source, "not-found", viewport)
    page.failed.clear()  # the 404 itself is expected
