"""Small helpers for working the Django admin the way staff do: autocomplete boxes, inlines, saving."""

import re

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError


def choose_autocomplete(page, select_id, text):
    """Pick the option matching text in an admin autocomplete (select2) box."""
    page.locator(f"#{select_id} + .select2 .select2-selection").click()
    search = page.locator(".select2-container--open .select2-search__field")
    search.fill(text)
    option = page.locator(".select2-container--open .select2-results__option", has_text=re.compile(re.escape(text)))
    option.first.click()
    chosen = page.locator(f"#{select_id} option:checked")
    assert chosen.count() >= 1 and text.lower() in " ".join(chosen.all_inner_texts()).lower(), (
        f"{text!r} was not chosen in #{select_id}"
    )


def add_inline(page, prefix):
    """Click the inline's "Add another ..." link, which reveals one more empty form."""
    before = int(page.locator(f"#id_{prefix}-TOTAL_FORMS").input_value())
    page.locator(f"#{prefix}-group .add-row a").click()
    assert int(page.locator(f"#id_{prefix}-TOTAL_FORMS").input_value()) == before + 1


def expect_saved(page, submit):
    """Submit the form (submit: a click or a key press) and read the next page's message; fail with the admin's
    own error messages when it did not save. Waiting for the navigation itself matters: the page being left may
    show a message of its own (the previous save's), which must not be mistaken for this one."""
    with page.expect_navigation(wait_until="load"):
        submit()
    try:
        page.locator(".messagelist, .errornote").first.wait_for()
    except PlaywrightTimeoutError as timeout:
        shown = page.locator("body").inner_text()[:1500]
        raise AssertionError(f"No message after saving, at {page.url}: {shown}") from timeout
    success = page.locator(".messagelist .success")
    if success.count() == 0:
        errors = page.locator(".errornote, .errorlist").all_inner_texts()
        raise AssertionError(f"The admin did not save: {errors or page.url}")
    return success.first.inner_text()
