"""Helpers of the browser tests that are not fixtures."""
from __future__ import annotations

from pathlib import Path

from workspace.core.dates import AcademicYear
from workspace.demo.data import DEMO_PASSWORD

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips (or fails in CI) with the reason
    expect = None
else:
    # As the pages' own actions (10 s): on two cores the browser shares them with a second test worker,
    # and an htmx swap can take longer than Playwright's default 5 s to show.
    expect.set_options(timeout=10_000)

CHROMIUM = "/usr/bin/chromium"
PASSWORD = DEMO_PASSWORD
# the demo numbers its agreements by the academic year it is loaded in
AGREEMENT_NUMBER = f"14/{AcademicYear.current().start_year}"
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

COORDINATOR = "zam.vr@sosh31.example"
ADMIN = "direktor@sosh31.example"
OPERATOR = "operator@uo.example"
EXTERNAL = "roditel.sosh31@mail.example"
DESK = "/i/sosh31/"
NETWORK = "/n/sosh31-kultura/"
NETWORK_NAME = "Культурно-образовательная среда школы №31"


def mark_window(page) -> None:
    """Set a flag on ``window``: it survives htmx swaps and dies with a full page load. Waits for the page's load
    first: htmx binds its triggers on DOMContentLoaded, and an input typed before that is lost (a loaded machine
    shows the heading well before)."""
    page.wait_for_load_state("load")
    page.evaluate("window.__e2eNoReload = true")


def assert_no_reload(page) -> None:
    assert page.evaluate("window.__e2eNoReload === true"), "the page was reloaded instead of swapped"


def axe_violations(page) -> list[str]:
    """Run axe-core (WCAG 2.0/2.1 A and AA) on the page; one line per violation and node."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})""",
        WCAG_TAGS,
    )
    lines = []
    for violation in result["violations"]:
        for node in violation["nodes"]:
            lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} — "
                         f"{' '.join(map(str, node['target']))}: {node.get('failureSummary', '').strip()}")
    return lines


def no_horizontal_scroll(page) -> tuple[int, int]:
    return page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
