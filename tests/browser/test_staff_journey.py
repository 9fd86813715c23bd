"""Staff record a meeting and upload a publication in the admin; the public sees them only once published."""

import io
import re

import pytest
from fpdf import FPDF
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
    page.get_by_label("Level").select_option(label="Expert Meeting")
    page.locator("#id_date").fill("2026-03-12")
    page.locator("#id_location").fill("Brussels")
    choose_autocomplete(page, "id_host", "HOME")
    # The summary and body are rich-text editors: typed into as a person would.
    page.locator('.field-summary [contenteditable="true"]').click()
    page.keyboard.type("Staff and experts compared labour mobility pathways between Africa and the EU.")
    page.locator('.field-body [contenteditable="true"]').click()
    page.keyboard.type("The meeting looked at pilot projects.")
    page.keyboard.press("Enter")
    page.keyboard.type("It agreed to meet again.")
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
    expect_saved(page, lambda: page.locator("input[name=_continue]").click())

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
    expect_saved(page, lambda: page.locator("input[name=_continue]").click())

    response = public.goto(f"/meetings/{SLUG}/")
    assert response.status == 200
    assert public.get_by_role("heading", level=1).inner_text() == TITLE
    assert public.locator(".draft-banner").count() == 0
    assert "Legal pathways work when employers are at the table." in public.locator(".quote").inner_text()
    assert "Head of Unit, European Commission" in public.locator(".quote figcaption").inner_text()
    assert "Jo Example" in public.locator(".people").inner_text()
    photo = public.get_by_role("img", name="Participants around the meeting table")
    photo.scroll_into_view_if_needed()
    assert photo.evaluate("img => img.complete && img.naturalWidth") > 0, "The uploaded photo is served"
    served = photo.evaluate("img => img.currentSrc")
    assert "/images/meeting-photo/" in served and served.endswith((".avif", ".webp")), served
    assert "© IOM 2026" in public.locator(".photo figcaption").inner_text()

    # Found on the list page through the filters a visitor would use.
    public.goto("/meetings/")
    public.get_by_label("Search", exact=True).fill("labour mobility")
    public.get_by_label("Year").select_option("2026")
    public.get_by_label("Level").select_option("expert")  # its label carries the count: "Expert Meeting (n)"
    public.get_by_role("button", name="Apply filters").click()
    public.wait_for_url(re.compile(r"year=2026"))
    public.get_by_role("link", name=TITLE).click()
    public.wait_for_url(f"**/meetings/{SLUG}/")

    # And through the site's search.
    search_for(public, "labour mobility pathways", TITLE)


def search_for(page, words, title):
    """Use the search box in the header, as a visitor would, and open the result with that title."""
    page.goto("/")
    page.get_by_role("link", name="Search", exact=True).click()
    page.get_by_label("Search for").fill(words)
    page.get_by_label("Search for").press("Enter")
    page.wait_for_url(re.compile(r"/search/\?"))
    result = page.locator(".search-result h3 a", has_text=title)
    assert result.count() == 1, f"Searching {words!r} found {page.locator('.search-result h3').all_inner_texts()}"
    result.click()
    assert page.get_by_role("heading", level=1).inner_text() == title


PUBLICATION = "Policy paper on circular migration and skills (journey)"
PUBLICATION_SLUG = "policy-paper-on-circular-migration-and-skills-journey"
# A word that is only in the PDF's text: finding it through search shows the text was extracted and indexed.
PDF_WORD = "Quillmarsh"


def make_pdf(path, marker):
    pdf = FPDF()
    for number in (1, 2):
        pdf.add_page()
        pdf.set_font("Helvetica", size=14)
        pdf.cell(0, 10, f"Sample file for the browser tests, page {number} ({marker})")
        pdf.ln(12)
        pdf.cell(0, 10, f"The {PDF_WORD} pilot on circular migration.")
    pdf.output(str(path))
    return path.read_bytes()


def download_bytes(page, link):
    with page.expect_download() as download:
        link.click()
    return download.value.path().read_bytes(), download.value.suggested_filename


def test_staff_upload_a_publication_whose_file_stays_at_the_same_address_when_replaced(
    staff_page, new_context, tmp_path
):
    first = make_pdf(tmp_path / "circular-migration.pdf", "first version")
    page = staff_page
    page.goto("/admin/publications/publication/add/")
    page.get_by_label("Title").fill(PUBLICATION)
    page.keyboard.press("Tab")
    assert page.locator("#id_slug").input_value() == PUBLICATION_SLUG
    page.get_by_label("Kind").select_option(label="Policy paper")
    page.locator("#id_publication_date").fill("2026-02-10")
    page.locator('.field-summary [contenteditable="true"]').click()
    page.keyboard.type("How circular migration schemes can build skills in countries of origin.")
    page.locator("#id_quote").fill("Skills travel both ways.")
    add_inline(page, "files")
    page.locator("#id_files-0-language").select_option("en")
    page.locator("#id_files-0-file").set_input_files(tmp_path / "circular-migration.pdf")
    page.get_by_label("Status").select_option("draft")
    expect_saved(page, lambda: page.locator("input[name=_continue]").click())

    public = new_context().new_page()
    detail, download = f"/publications/{PUBLICATION_SLUG}/", f"/publications/{PUBLICATION_SLUG}/download/"
    assert public.goto(detail).status == 404, "An anonymous visitor must not see a draft publication"
    assert public.request.get(download).status == 404, "nor download its file"

    page.get_by_label("Status").select_option("published")
    expect_saved(page, lambda: page.locator("input[name=_continue]").click())

    # On the list, through its filters.
    public.goto("/publications/")
    public.get_by_label("Kind").select_option("policy-paper")
    public.get_by_label("Year").select_option("2026")
    public.get_by_role("button", name="Apply filters").click()
    public.wait_for_url(re.compile(r"year=2026"))
    public.get_by_role("link", name=PUBLICATION).click()
    public.wait_for_url(f"**{detail}")
    assert "2 pages" in public.locator(".file").inner_text()

    # The downloaded file is the uploaded one, byte for byte.
    link = public.get_by_role("link", name=re.compile("^Download"))
    href = link.get_attribute("href")
    body, filename = download_bytes(public, link)
    assert body == first
    assert filename.endswith(".pdf")

    # Through search, by a word found only inside the PDF.
    search_for(public, PDF_WORD, PUBLICATION)

    # Staff replace the file; the public link stays the same and now gives the new file.
    second = make_pdf(tmp_path / "circular-migration-v2.pdf", "second version")
    assert second != first
    page.locator("#id_files-0-file").set_input_files(tmp_path / "circular-migration-v2.pdf")
    expect_saved(page, lambda: page.locator("input[name=_continue]").click())
    public.goto(detail)
    link = public.get_by_role("link", name=re.compile("^Download"))
    assert link.get_attribute("href") == href, "Replacing the file keeps its public address"
    body, _ = download_bytes(public, link)
    assert body == second
