"""Browser tests: Debian's Chromium driven by Playwright against the site served by a real server process.

Every test here is marked `browser`. They are skipped, with the reason, when what they need is missing:
/usr/bin/chromium (apt-get install chromium), node_modules (npm ci --ignore-scripts), Java for the HTML checker.
Playwright never downloads a browser here: it launches the system Chromium.
"""

import json
import os
import shutil
from pathlib import Path

import pytest

from .crawl import all_page_states
from .server import ROOT, live_site

CHROMIUM = Path(os.environ.get("IOMEU_CHROMIUM", "/usr/bin/chromium"))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = ROOT / "tests" / "artifacts"
HERE = Path(__file__).resolve().parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
SMALL, PHONE, DESKTOP = 320, 390, 1280  # 320: a 1280 px window zoomed to 400% (WCAG 1.4.10)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def missing_for_browser():
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed (make venv)"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is not installed (apt-get install chromium)"
    if not AXE.exists():
        return "node_modules/axe-core is missing (npm ci --ignore-scripts)"
    return None


def missing_for_vnu():
    if not VNU.exists():
        return "node_modules/vnu-jar is missing (npm ci --ignore-scripts)"
    if not shutil.which("java"):
        return "java is not installed (apt-get install default-jre-headless)"
    return None


def pytest_collection_modifyitems(config, items):
    """Mark the browser tests, skip them with the reason when something is missing, and run them last."""
    browser_reason, vnu_reason = missing_for_browser(), missing_for_vnu()
    ours = [item for item in items if HERE in Path(item.fspath).parents]
    for item in ours:
        item.add_marker(pytest.mark.browser)
        reason = vnu_reason if item.get_closest_marker("vnu") else browser_reason
        if reason and os.environ.get("IOMEU_REQUIRE_BROWSER"):
            raise pytest.UsageError(f"IOMEU_REQUIRE_BROWSER is set but the browser tests cannot run: {reason}.")
        if reason:
            item.add_marker(pytest.mark.skip(reason=f"Browser tests skipped: {reason}."))
    # After the unit tests: a quick failure elsewhere is reported before the slower browser suite starts.
    items[:] = [item for item in items if item not in ours] + ours


def pytest_configure(config):
    config.addinivalue_line("markers", "vnu: checks HTML with the Nu Html Checker (needs Java, not a browser)")


@pytest.fixture(scope="session")
def site():
    """The seeded site, served on 127.0.0.1 for the whole session."""
    with live_site() as live:
        yield live


@pytest.fixture(scope="session")
def page_states(site):
    """One page of each public page type, found by following links from the home page, plus typed-in states."""
    return all_page_states(site.url)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_context(browser, site):
    """Open a fresh browser profile (no cookies); axe is injected past any Content-Security-Policy."""
    contexts = []

    def open_context(width=DESKTOP, **options):
        context = browser.new_context(
            base_url=site.url,
            viewport={"width": width, "height": 900},
            bypass_csp=True,
            accept_downloads=True,
            **options,
        )
        context.set_default_timeout(30_000)  # CI shares 2 cores with the site, the database and the browser
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    return new_context().new_page()


@pytest.fixture
def staff_page(new_context, site):
    """A page signed in to the admin as staff."""
    page = new_context().new_page()
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(site.staff_user)
    page.get_by_label("Password").fill(site.staff_password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")
    return page


def axe_violations(page):
    """Run axe-core in the page with the WCAG 2.0/2.1 A and AA rules; return the violations, summarised."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS
    )
    return [
        {
            "rule": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "nodes": [node["target"] for node in violation["nodes"]][:5],
            "summary": violation["nodes"][0]["failureSummary"] if violation["nodes"] else "",
        }
        for violation in result["violations"]
    ]


def format_violations(violations):
    return json.dumps(violations, indent=2, ensure_ascii=False)


def horizontal_overflow(page):
    """How many CSS pixels the page is wider than the window (0 when it does not scroll sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def screenshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
