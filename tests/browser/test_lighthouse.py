"""Lighthouse (pinned in package.json) on one page of every public page type: 100 for accessibility, best practices
and SEO. The search results are left out: they are `noindex` on purpose, which Lighthouse's SEO score counts against.

Slow (about 20 s a page on two cores), so it runs only with IOMEU_LIGHTHOUSE=1: `make lighthouse`.
"""

import json
import os
import subprocess

import pytest

from .conftest import CHROMIUM, ROOT

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["accessibility", "best-practices", "seo"]
# Page states that are not pages to rank: intentionally noindex, or an error state.
LEFT_OUT = {"search", "not found (404)", "meeting list with a filter error"}

pytestmark = [
    pytest.mark.skipif(not os.environ.get("IOMEU_LIGHTHOUSE"), reason="Lighthouse runs with make lighthouse"),
    pytest.mark.skipif(not LIGHTHOUSE.exists(), reason="node_modules/lighthouse is missing (npm ci --ignore-scripts)"),
]


def lighthouse(url, tmp_path):
    report = tmp_path / "report.json"
    subprocess.run(  # noqa: S603 (our pinned tool, on our own server on 127.0.0.1)
        [
            str(LIGHTHOUSE),
            url,
            f"--only-categories={','.join(CATEGORIES)}",
            "--output=json",
            f"--output-path={report}",
            "--quiet",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
        timeout=180,
    )
    return json.loads(report.read_text())


def failing_audits(result, category):
    audits = result["audits"]
    return [
        f"{ref['id']}: {audits[ref['id']]['title']}"
        for ref in result["categories"][category]["auditRefs"]
        if ref["weight"] > 0 and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1
    ]


def test_every_page_type_scores_100_for_accessibility_best_practices_and_seo(site, page_states, tmp_path):
    scores, problems = {}, []
    for kind, path in page_states.items():
        if kind in LEFT_OUT:
            continue
        result = lighthouse(site.url + path, tmp_path)
        scores[kind] = {category: round(result["categories"][category]["score"] * 100) for category in CATEGORIES}
        for category in CATEGORIES:
            if scores[kind][category] < 100:
                problems.append(
                    f"{kind} ({path}) {category} {scores[kind][category]}: {failing_audits(result, category)}"
                )
    print("\nLighthouse scores (accessibility, best practices, SEO):")  # noqa: T201 (the README quotes them)
    for kind, score in scores.items():
        print(f"  {kind}: {score['accessibility']}, {score['best-practices']}, {score['seo']}")  # noqa: T201
    assert not problems, "\n".join(problems)
