"""Lighthouse's image audits on a meeting page with a photo: properly sized images (uses-responsive-images) and
modern image formats (modern-image-formats) pass. Lighthouse is pinned in package.json (npm ci --ignore-scripts)
and drives Debian's Chromium (CHROME_PATH); `make lighthouse` runs it with the scores of every page type."""

import json
import os
import shutil
import subprocess

import pytest

from .conftest import ARTIFACTS, CHROMIUM
from .server import ROOT

LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
AUDITS = ["uses-responsive-images", "modern-image-formats"]
PAGE = "/meetings/browser-test-rich-text/"  # seeded with a 1600x1000 photo (tests/browser/seed.py)

pytestmark = pytest.mark.skipif(
    not LIGHTHOUSE.exists() or not shutil.which("node"),
    reason="Lighthouse is not installed (npm ci --ignore-scripts installs the version package.json pins)",
)


def lighthouse(url, form_factor):
    ARTIFACTS.mkdir(exist_ok=True)
    report = ARTIFACTS / f"lighthouse-{form_factor}.json"
    command = [
        "node",
        str(LIGHTHOUSE),
        url,
        f"--only-audits={','.join([*AUDITS, 'network-requests'])}",
        "--output=json",
        f"--output-path={report}",
        "--quiet",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    environment = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    subprocess.run(command, check=True, env=environment, timeout=180, capture_output=True)  # noqa: S603
    return json.loads(report.read_text())


@pytest.mark.parametrize("form_factor", ["mobile", "desktop"])
def test_the_image_audits_pass_on_a_meeting_page_with_a_photo(site, form_factor):
    for _attempt in range(3):
        result = lighthouse(site.url + PAGE, form_factor)
        # A busy machine sometimes loses Chromium's trace (NO_NAVSTART): Lighthouse itself says to run it again.
        if all(result["audits"][audit]["scoreDisplayMode"] != "error" for audit in AUDITS):
            break
    assert result["finalDisplayedUrl"].endswith(PAGE)
    photos = [
        request["url"]
        for request in result["audits"]["network-requests"]["details"]["items"]
        if "/images/meeting-photo/" in request["url"]
    ]
    # The audits judged the photo itself: it was loaded, as a rendition in a modern format.
    assert photos, "Lighthouse's page load fetched no photo"
    assert all(url.endswith((".avif", ".webp")) for url in photos), photos
    for audit in AUDITS:
        found = result["audits"][audit]
        assert found["score"] == 1, json.dumps(found.get("details", {}).get("items", []), indent=2)
