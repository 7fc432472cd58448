"""The interface in Japanese (issue 26), at desktop and phone widths: chosen with the language
switch, every kind of page in Japanese with no serious axe violation and no sideways scrolling on
a phone (Japanese wraps without spaces), and a Japanese query typed into the search box kept as
typed. Screenshots: var/screenshots/ja-*-{desktop,phone}.png."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.support import (
    BLOCKING_IMPACTS,
    QUERY,
    describe,
    horizontal_overflow,
    run_axe,
    shoot,
)

PAGES = ["home", "search", "event", "person", "date", "outlet"]
JAPANESE_QUERY = "首脳会談 石破"


def choose_japanese(page) -> None:
    page.goto("/")
    page.locator('.language-switch button[lang="ja"]').click()
    # The switch posts and reloads: while the old document is replaced there is none to read.
    page.wait_for_function("document.documentElement?.lang === 'ja'")
    page.wait_for_load_state()


@pytest.mark.parametrize("name", PAGES)
def test_every_kind_of_page_in_japanese(page, viewport, site, axe_source, name):
    choose_japanese(page)
    response = page.goto(site[name])
    assert response.status == 200, site[name]
    assert page.locator("html").get_attribute("lang") == "ja"
    switch = page.locator('.language-switch button[aria-current="true"]')
    assert switch.get_attribute("lang") == "ja" and switch.inner_text() == "日本語"
    assert page.locator(".skip-link").inner_text() == "本文へ移動"
    shoot(page, f"ja-{name}", viewport)
    violations = run_axe(page, axe_source, f"ja-{name}", viewport)
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"{site[name]} in Japanese at {viewport}:\n" + "\n".join(
        map(describe, blocking)
    )
    assert not page.offsite and not page.failed, (page.offsite, page.failed)
    if viewport == "phone":
        assert horizontal_overflow(page) <= 0, f"{site[name]} in Japanese scrolls sideways"


def test_results_in_japanese(page, viewport):
    choose_japanese(page)
    page.locator("#search-q").fill(QUERY)
    page.locator("#search-q").press("Enter")
    page.wait_for_url(re.compile(r"/search/\?"))
    count = page.locator(".result-count").inner_text()
    assert re.search(rf"{QUERY}の検索結果：出来事\d+件の記事\d+件。", count), count
    assert page.locator(".results mark, ol mark").count() > 0


def test_a_japanese_query_is_kept_as_typed(page, viewport):
    choose_japanese(page)
    page.locator("#search-q").fill(JAPANESE_QUERY)
    page.locator("#search-q").press("Enter")
    page.wait_for_url(re.compile(r"/search/\?"))
    assert parse_qs(urlsplit(page.url).query)["q"] == [JAPANESE_QUERY]
    assert page.locator("#search-q").input_value() == JAPANESE_QUERY
    assert page.locator("html").get_attribute("lang") == "ja"
    shoot(page, "ja-japanese-query", viewport, full_page=False)
    assert not page.failed, page.failed
    if viewport == "phone":
        assert horizontal_overflow(page) <= 0
