"""Staff write a meeting's body in the rich-text editor with the keyboard alone; the public page shows the same
headings, lists and links. The admin change form with the editor passes axe, and the editor runs under the site's
Content-Security-Policy (its assets come from the site itself)."""

from .admin_helpers import expect_saved
from .conftest import axe_violations, format_violations

TITLE = "Expert meeting on written records (rich text)"
SLUG = "browser-test-rich-text"
BODY_EDITOR = '.field-body [contenteditable="true"]'


def open_change_form(page):
    page.goto("/admin/meetings/meeting/?q=written+records")
    page.get_by_role("link", name=TITLE).click()
    page.locator(BODY_EDITOR).wait_for()


def tab_into_the_body_editor(page):
    """From the title, Tab through the form (the summary's editor and the body's toolbar) into the body."""
    page.get_by_label("Title").focus()
    for _ in range(120):
        page.keyboard.press("Tab")
        if page.evaluate(
            "() => document.activeElement.isContentEditable && !!document.activeElement.closest('.field-body')"
        ):
            return
    raise AssertionError("Tab never reached the body's editor")


BODY_STATE = "document.querySelector('.field-body [contenteditable=true]').editor.state"


def open_link_dialog(page, words):
    """Ctrl+K on the selected words; the keyboard's target once the dialog has opened. ProseMirror takes in typing
    and a selection made with Shift and the arrows from the browser's events a moment later under load: Ctrl+K
    pressed before then finds another selection (or none, and does nothing), so wait for the editor's own state."""
    page.wait_for_function(
        f"words => {{ const {{from, to}} = {BODY_STATE}.selection;"
        f" return {BODY_STATE}.doc.textBetween(from, to) === words }}",
        arg=words,
    )
    page.keyboard.press("Control+k")
    page.wait_for_function("() => document.activeElement && document.activeElement.name === 'href'")
    return page.keyboard


def confirm_link_dialog(page):
    """Enter in the address field makes the link; typing goes on once the dialog has gone and the editor has the
    focus again (the editor takes it back on the next animation frame; keys pressed before then would be lost)."""
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => !document.querySelector('.prose-editor-dialog') && document.activeElement"
        " && document.activeElement.isContentEditable && !!document.activeElement.closest('.field-body')"
    )


def test_staff_write_a_body_with_the_keyboard_and_the_public_page_shows_it(staff_page, new_context):
    page = staff_page
    open_change_form(page)
    tab_into_the_body_editor(page)
    keys = page.keyboard
    keys.press("Control+a")
    keys.press("Delete")
    # Markdown-like shortcuts and the editor's key bindings: what a keyboard user has.
    keys.type("## What was agreed")
    keys.press("Enter")
    keys.type("The partners ")
    keys.press("Control+b")
    keys.type("agreed")
    keys.press("Control+b")
    keys.type(" on ")
    keys.press("Control+i")
    keys.type("three")
    keys.press("Control+i")
    keys.type(" points.")
    keys.press("Enter")
    keys.type("- Return")
    keys.press("Enter")
    keys.type("Reintegration")
    keys.press("Enter")
    keys.press("Enter")  # an empty item ends the list
    keys.press("Control+Shift+7")  # an ordered list
    keys.type("First step")
    keys.press("Enter")
    keys.press("Enter")
    keys.type("> Cooperation works when it is written down.")
    keys.press("Enter")
    keys.press("Enter")
    keys.type("### Links")
    keys.press("Enter")
    keys.type("the list of meetings")
    keys.press("Shift+Home")
    open_link_dialog(page, "the list of meetings").type("/meetings/")  # the link dialog's address field has the focus
    confirm_link_dialog(page)
    keys.press("End")
    keys.type(" and IOM")
    page.wait_for_function(f"() => {BODY_STATE}.doc.textContent.endsWith(' and IOM')")
    for _ in range(3):
        keys.press("Shift+ArrowLeft")
    open_link_dialog(page, "IOM").type("https://www.iom.int/")
    confirm_link_dialog(page)
    # Save with the keyboard: Enter in the title field submits the form with its default button.
    page.get_by_label("Title").focus()
    message = expect_saved(page, lambda: keys.press("Enter"))
    assert "changed successfully" in message
    assert page.locator(".messagelist .warning").count() == 0, "nothing the editor makes is removed"

    public = new_context().new_page()
    assert public.goto(f"/meetings/{SLUG}/").status == 200
    prose = public.locator(".prose")
    assert prose.locator("h2").inner_text() == "What was agreed"
    assert prose.locator("h3").inner_text() == "Links"
    assert prose.locator("strong").inner_text() == "agreed" and prose.locator("em").inner_text() == "three"
    assert prose.locator("ul > li").all_inner_texts() == ["Return", "Reintegration"]
    assert prose.locator("ol > li").all_inner_texts() == ["First step"]
    assert prose.locator("blockquote").inner_text().strip() == "Cooperation works when it is written down."
    site_link = prose.get_by_role("link", name="the list of meetings", exact=True)
    assert site_link.get_attribute("href") == "/meetings/"
    assert prose.get_by_role("link", name="IOM", exact=True).get_attribute("href") == "https://www.iom.int/"
    site_link.click()
    public.wait_for_url("**/meetings/")


def test_the_admin_change_form_with_the_editor_has_no_accessibility_violation(staff_page):
    page = staff_page
    open_change_form(page)
    violations = axe_violations(page)
    assert not violations, format_violations(violations)


def test_the_editor_runs_under_the_sites_content_security_policy(browser, site):
    """No bypass here: the editor's scripts, import map and styles load from the site, as the policy allows."""
    context = browser.new_context(base_url=site.url)
    try:
        page = context.new_page()
        messages = []
        page.on("console", lambda message: messages.append(message.text))
        page.goto("/admin/login/")
        page.get_by_label("Username").fill(site.staff_user)
        page.get_by_label("Password").fill(site.staff_password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url("**/admin/")
        open_change_form(page)
        assert page.locator(BODY_EDITOR).count() == 1
        assert page.locator('.field-summary [contenteditable="true"]').count() == 1
        refused = [text for text in messages if "Content Security Policy" in text]
        assert not refused, refused
    finally:
        context.close()


def paste_into_an_empty_body(page, html):
    """Empty the body's editor and paste html into it, as the browser does with what another program copied."""
    open_change_form(page)
    tab_into_the_body_editor(page)
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.evaluate(
        """html => {
            const data = new DataTransfer();
            data.setData("text/html", html);
            data.setData("text/plain", new DOMParser().parseFromString(html, "text/html").body.textContent);
            document.activeElement.dispatchEvent(
                new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true})
            );
        }""",
        html,
    )


PASTED = (
    '<html><body><h2 style="color:#c00;font-family:Calibri">Agenda</h2>'
    '<p><span style="font-family:Calibri">Text</span> with <a href="https://www.iom.int/" onclick="steal()">a link</a>'
    '</p><ul><li class="item">One</li><li>Two</li></ul><script>alert(1)</script><p><img src="x" onerror="alert(2)">'
    "After</p></body></html>"
)


def test_pasting_from_a_web_page_keeps_headings_lists_and_links_and_drops_the_rest(staff_page):
    page = staff_page
    paste_into_an_empty_body(page, PASTED)
    value = page.locator("#id_body").input_value()
    assert "<h2>Agenda</h2>" in value
    assert "<li><p>One</p></li><li><p>Two</p></li>" in value
    assert 'href="https://www.iom.int/"' in value and ">a link</a>" in value
    for dropped in ("style", "onclick", "onerror", "<script", "alert(", "<span", "<img", "class="):
        assert dropped not in value, dropped


# What Word puts on the clipboard for a heading, a bulleted list with a sub-item and a numbered list (abridged).
PASTED_FROM_WORD = (
    "<html xmlns:o='urn:schemas-microsoft-com:office:office'><body lang=EN-GB>"
    "<h1 style='mso-outline-level:1'>Outcomes<o:p></o:p></h1>"
    "<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><!--[if !supportLists]-->"
    "<span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt \"Times New Roman\"'>"
    "&nbsp;&nbsp;&nbsp; </span></span></span><!--[endif]-->Return<o:p></o:p></p>\n"
    "<p class=MsoListParagraphCxSpMiddle style='margin-left:72.0pt;mso-list:l0 level2 lfo1'><!--[if !supportLists]-->"
    "<span style='font-family:\"Courier New\"'><span style='mso-list:Ignore'>o<span>&nbsp; </span></span></span>"
    "<!--[endif]-->Voluntary return<o:p></o:p></p>\n"
    "<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><!--[if !supportLists]-->"
    "<span style='mso-list:Ignore'>·<span>&nbsp; </span></span><!--[endif]-->Reintegration<o:p></o:p></p>\n"
    "<p class=MsoNormal>Next steps:</p>\n"
    "<p class=MsoListParagraphCxSpFirst style='mso-list:l1 level1 lfo2'><!--[if !supportLists]-->"
    "<span style='mso-list:Ignore'>1.<span>&nbsp; </span></span><!--[endif]-->First step<o:p></o:p></p>\n"
    "<p class=MsoListParagraphCxSpLast style='mso-list:l1 level1 lfo2'><!--[if !supportLists]-->"
    "<span style='mso-list:Ignore'>2.<span>&nbsp; </span></span><!--[endif]-->Second step<o:p></o:p></p>"
    "</body></html>"
)


def test_pasting_from_word_keeps_its_lists_as_lists_and_its_title_as_a_heading(staff_page):
    page = staff_page
    paste_into_an_empty_body(page, PASTED_FROM_WORD)
    value = page.locator("#id_body").input_value()
    assert value.startswith("<h2>Outcomes</h2>"), value
    assert (
        "<ul><li><p>Return</p><ul><li><p>Voluntary return</p></li></ul></li><li><p>Reintegration</p></li></ul>"
        "<p>Next steps:</p><ol"
    ) in value, value
    assert "<li><p>First step</p></li><li><p>Second step</p></li></ol>" in value, value
    for dropped in ("·", "mso-", "1.", "style", "<span", "&nbsp;", "o:p"):
        assert dropped not in value, dropped
    # Saved, nothing is reported removed: the editor's own markup is not the editor's doing.
    message = expect_saved(page, lambda: page.locator("input[name=_continue]").click())
    assert "changed successfully" in message
    assert page.locator(".messagelist .warning").count() == 0, page.locator(".messagelist").inner_text()
