"""A staff member records a meeting in the admin, and the public sees it only once it is published."""

import io
import re

import pytest
from PIL import Image

from .admin_helpers import add_inline, choose_autocomplete, expect_saved

TITLE = "Expert meeting on labour mobility pathways (journey)"
SLUG = "expert-meeting-on-labour-mobility-pathways-journey"


@pytest.fixture
def photo_file(tmp_path):
    path = tmp_path / "meeting-photo.png"
    buffer = io.BytesIO()
    Image.new("RGB", (800, 500), (255, 210, 0)).save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return path


def test_staff_record_a_meeting_that_stays_private_until_published(staff_page, new_context, photo_file):
    page = staff_page
    page.goto("/admin/meetings/meeting/add/")
    page.get_by_label("Title").fill(TITLE)
    page.keyboard.press("Tab")
    assert page.locator("#id_slug").input_value() == SLUG, "The slug is filled in from the title"
    page.get_by_label("Level").select_option(label="Expert meeting")
    page.locator("#id_date").fill("2026-03-12")
    page.locator("#id_location").fill("Brussels")
    choose_autocomplete(page, "id_host", "HOME")
    page.locator("#id_summary").fill("Staff and experts compared labour mobility pathways between Africa and the EU.")
    page.locator("#id_body").fill("The meeting looked at pilot projects.\n\nIt agreed to meet again.")
    choose_autocomplete(page, "id_participations-0-person", "Jo Example")
    add_inline(page, "quotes")
    choose_autocomplete(page, "id_quotes-0-speaker", "Jo Example")
    page.locator("#id_quotes-0-text").fill("Legal pathways work when employers are at the table.")
    add_inline(page, "photos")
    page.locator("#id_photos-0-image").set_input_files(photo_file)
    page.locator("#id_photos-0-alt_text").fill("Participants around the meeting table")
    page.locator("#id_photos-0-caption").fill("The meeting room in Brussels")
    page.locator("#id_photos-0-credit").fill("© IOM 2026")
    page.get_by_label("Status").select_option("draft")
    page.locator("input[name=_continue]").click()
    expect_saved(page)

    public = new_context().new_page()
    assert public.goto(f"/meetings/{SLUG}/").status == 404, "An anonymous visitor must not see a draft"
    public.goto(f"/meetings/?q={SLUG.split('-')[-1]}")
    assert TITLE not in public.content(), "A draft must not appear in the public list"

    preview = page.goto(f"/meetings/{SLUG}/")
    assert preview.status == 200, "Staff can preview their draft"
    assert page.locator(".draft-banner").is_visible(), "Staff preview of a draft shows the Draft banner"

    page.goto("/admin/meetings/meeting/")
    page.get_by_role("link", name=TITLE).click()
    page.get_by_label("Status").select_option("published")
    page.locator("input[name=_continue]").click()
    expect_saved(page)

    response = public.goto(f"/meetings/{SLUG}/")
    assert response.status == 200
    assert public.get_by_role("heading", level=1).inner_text() == TITLE
    assert public.locator(".draft-banner").count() == 0
    assert "Legal pathways work when employers are at the table." in public.locator(".quote").inner_text()
    assert "Head of Unit, European Commission" in public.locator(".quote figcaption").inner_text()
    assert "Jo Example" in public.locator(".people").inner_text()
    photo = public.get_by_role("img", name="Participants around the meeting table")
    photo.scroll_into_view_if_needed()
    assert photo.evaluate("img => img.complete && img.naturalWidth") == 800, "The uploaded photo is served"
    assert "© IOM 2026" in public.locator(".photo figcaption").inner_text()

    # Found on the list page through the filters a visitor would use.
    public.goto("/meetings/")
    public.get_by_label("Search").fill("labour mobility")
    public.get_by_label("Year").select_option("2026")
    public.get_by_label("Level").select_option(label="Expert meeting")
    public.get_by_role("button", name="Apply filters").click()
    public.wait_for_url(re.compile(r"year=2026"))
    public.get_by_role("link", name=TITLE).click()
    public.wait_for_url(f"**/meetings/{SLUG}/")
