"""Every public page type, with the seeded record, at 320, 390 and 1280 px: no WCAG 2.0/2.1 A or AA violation found by
axe-core, no sideways scrolling, and a screenshot of each kept in tests/artifacts/ (made at test time, git-ignored)."""

import re

import pytest
from django.urls import NoReverseMatch, reverse

from .conftest import DESKTOP, PHONE, SMALL, axe_violations, format_violations, horizontal_overflow, screenshot

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
    "feeds_help",
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


@pytest.mark.parametrize("width", [SMALL, PHONE, DESKTOP], ids=["zoomed-320", "phone-390", "desktop-1280"])
def test_no_page_has_an_accessibility_violation_or_scrolls_sideways(page, page_states, width):
    page.set_viewport_size({"width": width, "height": 900})
    problems = []
    for kind, path in page_states.items():
        page.goto(path)
        violations = axe_violations(page)
        if violations:
            problems.append(f"{kind} ({path}) at {width} px:\n{format_violations(violations)}")
        overflow = horizontal_overflow(page)
        if overflow > 0:
            problems.append(f"{kind} ({path}) scrolls sideways by {overflow} px at {width} px")
        screenshot(page, f"{re.sub(r'[^a-z0-9]+', '-', kind.lower()).strip('-')}-{width}")
    assert not problems, "\n\n".join(problems)


def test_a_meeting_page_on_a_phone_shows_its_story_on_the_first_screen(page, page_states):
    """Title, date and place, and the start of the summary, above the fold of a 390 x 844 phone."""
    page.set_viewport_size({"width": PHONE, "height": 844})
    page.goto(page_states["meetings:detail"])
    for selector in ("h1", ".dateline", ".lead"):
        box = page.locator(f"main {selector}").first.bounding_box()
        assert box is not None and box["y"] < 844 - 40, f"{selector} starts at {box and box['y']} px"
    # The key facts come after the story.
    facts = page.locator("main .key-facts").bounding_box()
    assert facts["y"] > page.locator("main .lead").bounding_box()["y"]


@pytest.mark.parametrize("width", [SMALL, PHONE])
def test_the_participation_table_keeps_its_key_in_view_and_the_service_names_while_scrolling(page, page_states, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(page_states["meetings:participation"])
    key = page.locator(".matrix-key")
    assert key.is_visible() and key.bounding_box()["x"] + key.bounding_box()["width"] <= width
    region = page.locator(".table-scroll")
    first_cell = page.locator(".matrix tbody th").first
    before = first_cell.bounding_box()["x"]
    region.evaluate("element => element.scrollLeft = element.scrollWidth")
    assert region.evaluate("element => element.scrollLeft") > 0, "the table is wider than a phone"
    assert abs(first_cell.bounding_box()["x"] - before) < 1, "the service names stay put"


def test_the_filters_are_one_tap_away_on_a_phone_and_always_open_on_a_desktop(page, page_states):
    page.set_viewport_size({"width": PHONE, "height": 844})
    page.goto(page_states["publications:list"])
    assert not page.get_by_label("Kind").is_visible()
    first_result = page.locator(".cards .card").first.bounding_box()
    assert first_result["y"] < 844, "the first result is on the first screen"
    page.locator(".filter-panel > summary").click()
    assert page.get_by_label("Kind").is_visible()
    page.set_viewport_size({"width": DESKTOP, "height": 900})
    page.goto(page_states["publications:list"])
    assert page.get_by_label("Kind").is_visible()
    assert not page.locator(".filter-panel > summary").is_visible()
