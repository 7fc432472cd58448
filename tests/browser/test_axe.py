"""axe-core on one page of each kind, at desktop and phone widths: no serious or critical
violation (every violation found, whatever its impact, is printed and listed at the end)."""

import pytest

from tests.browser.support import BLOCKING_IMPACTS, describe, horizontal_overflow, run_axe

PAGES = ["home", "search", "event", "person", "date", "outlet"]


@pytest.mark.parametrize("name", PAGES)
def test_no_serious_accessibility_violations(page, viewport, site, axe_source, name):
    response = page.goto(site[name])
    assert response.status == 200, site[name]
    violations = run_axe(page, axe_source, name, viewport)
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"{site[name]} at {viewport} width:\n" + "\n".join(map(describe, blocking))
    assert not page.offsite, f"{site[name]} asked for off-site resources: {page.offsite}"
    assert not page.failed, f"{site[name]} loaded with errors: {page.failed}"
    if viewport == "phone":
        assert horizontal_overflow(page) <= 0, f"{site[name]} scrolls sideways on a phone"
