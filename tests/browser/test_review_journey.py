"""An Editor changes a published meeting, submits it for review; a Publisher approves it or sends it back. The
public sees the change only once approved, and whole."""

import pytest

from .admin_helpers import choose_autocomplete, expect_saved
from .conftest import axe_violations, format_violations, screenshot
from .seed import REVIEW_MEETINGS

BEFORE = "The summary the public sees before the review."


def panel_violations(page):
    """axe's WCAG A and AA rules on the editorial box only: the admin's own tabular inlines and select2 boxes have
    unlabelled fields that are not this project's to fix."""
    axe_violations(page)  # injects axe
    return page.evaluate(
        """() => axe.run(document.querySelector('.editorial-panel'),
              {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
              .then(result => result.violations.map(v => ({rule: v.id, help: v.help})))"""
    )


@pytest.fixture
def signed_in(new_context, site):
    def sign_in(username):
        page = new_context().new_page()
        page.goto("/admin/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(site.staff_password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url("**/admin/")
        return page

    return sign_in


def open_meeting(page, slug):
    page.goto("/admin/meetings/meeting/")
    page.locator("#searchbar").fill(REVIEW_MEETINGS[slug])
    page.locator("#searchbar").press("Enter")
    page.get_by_role("link", name=REVIEW_MEETINGS[slug]).click()
    page.wait_for_url("**/change/**")


def edit_and_submit(page, slug, summary, message):
    open_meeting(page, slug)
    assert page.get_by_text("Your changes are kept as a draft").is_visible()
    # The summary is a rich-text editor: its text replaced as a person would.
    page.locator('.field-summary [contenteditable="true"]').click()
    page.keyboard.press("Control+a")
    page.keyboard.type(summary)
    choose_autocomplete(page, "id_participations-1-person", "Rita Reviewson")
    assert "Saved as a draft" in expect_saved(page, lambda: page.locator("input[name=_continue]").click())
    page.get_by_label("Message to the Publishers (optional)").fill(message)
    assert "Submitted for review" in expect_saved(
        page, lambda: page.get_by_role("button", name="Submit for review").click()
    )


def public_text(new_context, slug):
    public = new_context().new_page()
    assert public.goto(f"/meetings/{slug}/").status == 200
    return public.locator("main").inner_text()


def test_an_editors_change_is_published_whole_once_a_publisher_approves_it(signed_in, new_context):
    slug = "review-journey-approve"
    editor = signed_in("journey-editor")
    edit_and_submit(editor, slug, "The summary after the review.", "New participant added.")
    text = public_text(new_context, slug)
    assert BEFORE in text and "Rita Reviewson" not in text

    publisher = signed_in("journey-publisher")
    screenshot(publisher, "admin-dashboard-publisher")
    violations = axe_violations(publisher)
    assert not violations, format_violations(violations)
    awaiting = publisher.locator("#dashboard-to-review")
    awaiting.get_by_role("link", name=REVIEW_MEETINGS[slug]).click()
    publisher.wait_for_url("**/change/**")
    assert publisher.get_by_text("New participant added.").first.is_visible()
    summary = publisher.locator('.field-summary [contenteditable="true"]')
    assert summary.inner_text() == "The summary after the review."
    screenshot(publisher, "admin-change-form-in-review")
    violations = panel_violations(publisher)
    assert not violations, format_violations(violations)
    assert "Approved" in expect_saved(
        publisher, lambda: publisher.get_by_role("button", name="Approve and publish").click()
    )

    text = public_text(new_context, slug)
    assert "The summary after the review." in text and "Rita Reviewson" in text and "Jo Example" in text


def test_a_sent_back_change_keeps_the_comment_and_stays_private(signed_in, new_context):
    slug = "review-journey-send-back"
    editor = signed_in("journey-editor")
    edit_and_submit(editor, slug, "A summary that needs more work.", "Please check.")

    publisher = signed_in("journey-publisher")
    open_meeting(publisher, slug)
    publisher.get_by_label("What should change (sent to the author)").fill("The visa figures need a source.")
    assert "Sent back" in expect_saved(publisher, lambda: publisher.get_by_role("button", name="Send back").click())

    open_meeting(editor, slug)
    history = editor.locator(".editorial-events").inner_text()
    assert "Sent back by journey-publisher" in history and "The visa figures need a source." in history
    assert BEFORE in public_text(new_context, slug)
