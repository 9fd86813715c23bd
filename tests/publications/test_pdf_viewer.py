"""The file responses' Content-Security-Policy still lets Chromium's built-in PDF viewer show the file.

Drives Debian's /usr/bin/chromium with Playwright (never a downloaded browser); skipped, with the reason, where
either is missing.
"""

import os
from pathlib import Path

import pytest

from . import factories

CHROMIUM = Path(os.environ.get("IOMEU_CHROMIUM", "/usr/bin/chromium"))
VIEWER_ORIGIN = "chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/"  # Chromium's PDF viewer

# Reads the page count the viewer's toolbar shows (it is 0 or absent until the document has loaded).
PAGE_COUNT_SCRIPT = """() => {
  const toolbar = document.querySelector('pdf-viewer')?.shadowRoot?.querySelector('viewer-toolbar');
  return toolbar?.shadowRoot?.querySelector('viewer-page-selector')?.docLength ?? null;
}"""


def missing():
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is not installed (apt-get install chromium)"
    return None


pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(missing() is not None, reason=f"PDF viewer test skipped: {missing()}."),
]


def test_chromium_shows_an_inline_pdf_despite_the_restrictive_policy(live_server):
    from playwright.sync_api import sync_playwright

    publication = factories.make_publication("Elements for an EU Agenda on Migration", slug="elements")
    file = factories.make_file(publication, data=factories.pdf_bytes(pages=3, text="Viewer check"))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            # The policy and the inline disposition are those of every file response (tests in test_downloads).
            page.goto(live_server.url + file.read_url())
            viewer = None
            for _ in range(50):
                viewer = next((frame for frame in page.frames if frame.url.startswith(VIEWER_ORIGIN)), None)
                if viewer is not None and viewer.evaluate(PAGE_COUNT_SCRIPT):
                    break
                page.wait_for_timeout(200)
            assert viewer is not None, "Chromium did not open its PDF viewer"
            assert viewer.evaluate(PAGE_COUNT_SCRIPT) == 3
        finally:
            browser.close()
