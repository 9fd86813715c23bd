"""A visitor finds their way around: the navigation, the list filters with the keyboard only, paging, details."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

MAIN_NAV = "nav[aria-label='Main'] a"


def tab_to(page, locator, presses=80):
    """Press Tab until the element has focus, as a keyboard user does; fail if it never gets focus."""
    element = locator.element_handle()
    for _ in range(presses):
        if page.evaluate("element => element === document.activeElement", element):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {locator}")


def query_of(page):
    return parse_qs(urlsplit(page.url).query)


def test_every_section_is_reached_through_the_main_navigation(page):
    page.goto("/")
    sections = [(link.inner_text(), link.get_attribute("href")) for link in page.locator(MAIN_NAV).all()]
    assert len(sections) >= 3
    for name, href in sections:
        page.goto("/")
        page.locator(MAIN_NAV, has_text=name).first.click()
        page.wait_for_url(f"**{href}")
        assert page.get_by_role("heading", level=1).count() == 1, f"{name}: one h1"
        current = page.locator(f"{MAIN_NAV}[aria-current='page']").all_inner_texts()
        assert current == [name], f"On {href} the navigation marks {current} as the current page, not {name!r}"


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_main_content(page):
    page.goto("/meetings/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "Skip to main content"
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


def filter_with_keyboard(page, label):
    """Choose the first real option of a filter's select and apply it, with the keyboard only."""
    select = page.get_by_label(label, exact=True)
    tab_to(page, select)
    page.keyboard.press("ArrowDown")
    chosen = select.input_value()
    assert chosen, f"ArrowDown chose nothing in {label}"
    tab_to(page, page.get_by_role("button", name="Apply filters"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    return select.get_attribute("name"), chosen


@pytest.mark.parametrize("list_path", ["/meetings/", "/publications/"])
def test_each_filter_of_a_list_works_with_the_keyboard_alone(page, list_path):
    page.goto(list_path)
    selects = page.locator("form.filters select")
    labels = [page.locator(f"label[for='{sid}']").inner_text() for sid in selects.evaluate_all("s => s.map(e => e.id)")]
    assert {"Year"} < set(labels)
    for label in labels:
        page.goto(list_path)
        name, value = filter_with_keyboard(page, label)
        assert query_of(page).get(name) == [value], f"{label}: the filter is in the address"
        assert page.get_by_label(label, exact=True).input_value() == value, f"{label}: the form keeps the choice"
        assert page.locator(".form-errors, .error").count() == 0
        # The count of results, naming the filter applied, and a tag that removes it.
        assert page.get_by_role("heading", name=re.compile(r"^\d+ \w+ matching .+$")).is_visible(), "The count shows"
        assert page.locator(".filter-tag").count() == 1

    # The free-text search, typed and sent with Enter.
    page.goto(list_path)
    wanted = page.locator(".cards h3").last.inner_text()
    tab_to(page, page.get_by_label("Search", exact=True))
    page.keyboard.type(wanted)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    titles = page.locator(".cards h3").all_inner_texts()
    assert wanted in titles, f"Searching {wanted!r} found {titles}"
    assert len(titles) < 10, f"Searching {wanted!r} should narrow the list, found {titles}"


def test_paging_through_a_filtered_list_keeps_the_filter(page):
    page.goto("/meetings/?level=expert")
    assert page.get_by_text(re.compile(r"Page 1 of \d+")).is_visible()
    first_page = page.locator(".cards h3").all_inner_texts()
    tab_to(page, page.get_by_role("link", name="Next page"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"page=2"))
    assert query_of(page)["level"] == ["expert"]
    assert page.get_by_text(re.compile(r"Page 2 of \d+")).is_visible()
    second_page = page.locator(".cards h3").all_inner_texts()
    assert second_page and not set(first_page) & set(second_page)
    page.get_by_role("link", name="Previous page").click()
    page.wait_for_url(re.compile(r"page=1|level=expert$"))
    assert page.locator(".cards h3").all_inner_texts() == first_page


def test_a_visitor_opens_a_meeting_and_follows_its_services(page):
    page.goto("/meetings/?level=senior")
    first = page.locator(".cards h3 a").first
    title = first.inner_text()
    first.click()
    assert page.get_by_role("heading", level=1).inner_text() == title
    service_link = page.locator(".key-facts a[href^='/dgs/']").first
    acronym = service_link.inner_text()
    service_link.click()
    assert acronym in page.get_by_role("heading", level=1).inner_text()
    assert page.get_by_role("link", name=title).count() >= 1, "The service page lists the meeting"


def test_the_participation_matrix_is_a_table_with_headers(page):
    page.goto("/meetings/participation/")
    table = page.get_by_role("table")
    assert table.locator("caption").count() == 1
    assert table.locator("th[scope=col]").count() >= 1
    assert table.locator("th[scope=row]").count() >= 1
    # Each cell says what it means in words, not only with a symbol.
    assert table.locator("td .visually-hidden").count() == table.locator("tbody td").count()


def test_a_visitor_opens_a_publication_and_downloads_its_file(page):
    page.goto("/")
    page.locator(MAIN_NAV, has_text="Publications").click()
    first = page.locator(".cards h3 a").first
    title = first.inner_text()
    first.click()
    assert page.get_by_role("heading", level=1).inner_text() == title
    link = page.get_by_role("link", name=re.compile("^Download")).first
    with page.expect_download() as download:
        link.click()
    body = download.value.path().read_bytes()
    assert body.startswith(b"%PDF-") and len(body) > 1000
    assert download.value.suggested_filename.endswith(".pdf")
