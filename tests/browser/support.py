"""Helpers shared by the browser tests (the fixtures are in conftest.py)."""

from __future__ import annotations

import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
AXE_JS = HERE / "node_modules" / "axe-core" / "axe.min.js"
# Screenshots of the journeys at each width: under var/ (which CI keeps as an artefact),
# BROWSER_SCREENSHOTS names another folder.
SCREENSHOTS = Path(
    os.environ.get("BROWSER_SCREENSHOTS") or HERE.parent.parent / "var" / "screenshots"
)
BLOCKING_IMPACTS = ("serious", "critical")
QUERY = "To Lam"  # typed without diacritics: must find Tô Lâm
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}

# axe violations seen in this run, for the summary at the end: (page, viewport, violation).
AXE_FINDINGS: list[tuple[str, str, dict]] = []
AXE_PAGES: list[str] = []  # "page @ viewport" for every page axe checked


def run_axe(page, axe_js: Path, name: str, viewport: str) -> list[dict]:
    """axe-core's violations on the page as it is now (every rule axe runs by default: WCAG 2.x
    A/AA and best practices). All are recorded for the summary; the caller decides what fails."""
    # Evaluated, not added as a <script>: the archive's CSP refuses inline scripts, and a script
    # tag would need the test to bypass the very policy the pages are checked under.
    page.evaluate(axe_js.read_text())
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    violations = result["violations"]
    AXE_PAGES.append(f"{name} @ {viewport}")
    for violation in violations:
        AXE_FINDINGS.append((name, viewport, violation))
        print(describe(violation))
    return violations


def describe(violation: dict) -> str:
    lines = [f"[{violation['impact']}] {violation['id']}: {violation['help']}"]
    for node in violation["nodes"][:5]:
        target = " ".join(str(part) for part in node["target"])
        summary = " ".join(node.get("failureSummary", "").split())
        lines.append(f"    {target}: {summary[:300]}")
    return "\n".join(lines)


def horizontal_overflow(page) -> int:
    """How many CSS pixels the page is wider than the viewport (0: no sideways scrolling)."""
    return page.evaluate(
        "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - document.documentElement.clientWidth"
    )


def shoot(page, name: str, viewport: str, full_page: bool = True) -> Path:
    path = SCREENSHOTS / f"{name}-{viewport}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def open_filters(page) -> None:
    """On a phone the search's filters fold behind the Filters control: open them."""
    toggle = page.locator(".filters-toggle-label")
    if toggle.is_visible() and not page.locator(".filters-toggle").is_checked():
        toggle.click()
