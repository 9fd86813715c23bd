"""Every public page type, with the seeded record, at phone and desktop widths: no WCAG 2.0/2.1 A or AA violation
found by axe-core, no sideways scrolling on a phone, and a screenshot of each kept in tests/artifacts/."""

import re

import pytest
from django.urls import NoReverseMatch, reverse

from .conftest import DESKTOP, PHONE, axe_violations, format_violations, horizontal_overflow, screenshot

# Page types a visitor must be able to reach by following links from the home page, when the site has them.
EXPECTED_PAGE_TYPES = [
    "home",
    "meetings:list",
    "meetings:detail",
    "meetings:participation",
    "meetings:service_list",
    "meetings:service_detail",
    "publications:list",
    "publications:detail",
    "publications:presidencies",
    "search",
    "pages:timeline",
    "pages:detail",
    "accessibility",
]


def exists(name):
    try:
        reverse(name)
    except NoReverseMatch as error:
        # A pattern that exists but needs arguments still counts.
        return "with no arguments not found" in str(error)
    return True


def test_every_public_page_type_is_reached_by_following_links_from_the_home_page(page_states):
    missing = [name for name in EXPECTED_PAGE_TYPES if exists(name) and name not in page_states]
    assert not missing, f"Not reachable by links from the home page: {missing}. Found: {sorted(page_states)}"


@pytest.mark.parametrize("width", [PHONE, DESKTOP], ids=["phone-390", "desktop-1280"])
def test_no_page_has_an_accessibility_violation_or_scrolls_sideways(page, page_states, width):
    page.set_viewport_size({"width": width, "height": 900})
    problems = []
    for kind, path in page_states.items():
        page.goto(path)
        violations = axe_violations(page)
        if violations:
            problems.append(f"{kind} ({path}) at {width} px:\n{format_violations(violations)}")
        overflow = horizontal_overflow(page)
        if width == PHONE and overflow > 0:
            problems.append(f"{kind} ({path}) scrolls sideways by {overflow} px at {width} px")
        screenshot(page, f"{re.sub(r'[^a-z0-9]+', '-', kind.lower()).strip('-')}-{width}")
    assert not problems, "\n\n".join(problems)
