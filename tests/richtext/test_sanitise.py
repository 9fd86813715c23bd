"""The server's allow-list is the rule whatever the browser sends, and it says what it removed."""

import pytest

from richtext.sanitise import allowed_link, clean, clean_with_report

from .hostile import HOSTILE

WRITTEN = (
    "<h2>What was agreed</h2><p>The <strong>partners</strong> <em>agreed</em> on three points:</p>"
    '<ol><li>return</li><li>reintegration</li></ol><ul><li>a <a href="/meetings/">list of meetings</a></li>'
    '<li><a href="https://www.iom.int/">IOM</a></li></ul><h3>Next</h3><blockquote><p>A quote.</p></blockquote>'
    "<h4>Detail</h4><p>Line one<br>line two</p>"
)


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_markup_is_removed_and_reported(case):
    html, forbidden = HOSTILE[case]
    for profile in ("summary", "body", "page"):
        cleaned, removed = clean_with_report(html, profile)
        for piece in forbidden:
            assert piece.lower() not in cleaned.lower(), (profile, cleaned)
        assert removed, f"the editor is told what went ({case})"
        assert clean(cleaned, profile) == cleaned  # cleaning twice changes nothing


def test_what_the_editor_can_write_is_kept_exactly():
    cleaned, removed = clean_with_report(WRITTEN, "body")
    assert removed == []
    assert cleaned == WRITTEN.replace('/">', '/" rel="noopener noreferrer">')
    for tag in ("<h2>", "<h3>", "<h4>", "<ol>", "<ul>", "<li>", "<strong>", "<em>", "<blockquote>", "<br>"):
        assert tag in cleaned
    assert 'href="/meetings/"' in cleaned and 'href="https://www.iom.int/"' in cleaned


def test_a_summary_keeps_only_paragraphs_emphasis_and_links():
    cleaned, removed = clean_with_report(WRITTEN, "summary")
    assert "<h2>" not in cleaned and "<li>" not in cleaned and "<strong>partners</strong>" in cleaned
    assert "What was agreed" in cleaned  # the text of a removed heading stays
    assert any("<h2>" in what for what in removed)


def test_the_report_names_what_went():
    _, removed = clean_with_report(
        '<h1>Title</h1><p style="color:red" onmouseover="x()">A <a href="javascript:go()">link</a></p>'
        "<script>1</script>"
    )
    text = " | ".join(removed)
    assert "level-1 heading" in text
    assert "the style attribute" in text
    assert "the onmouseover event handler" in text
    assert "the link to “javascript:go()”" in text
    assert "a script with everything in it" in text


def test_a_refused_link_leaves_its_text_and_no_empty_anchor():
    assert clean('<p>See <a href="javascript:alert(1)">this</a>.</p>') == "<p>See this.</p>"
    assert clean('<p>See <a title="t" href="vbscript:x">that</a>.</p>') == "<p>See that.</p>"


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("/meetings/", True),
        ("#contact", True),
        ("https://www.iom.int/", True),
        ("http://example.org/a?b=c", True),
        ("mailto:someone@iom.int", False),
        ("//evil.example/", False),
        ("/\\evil.example", False),
        ("javascript:alert(1)", False),
        ("ftp://example.org/", False),
        ("https://", False),
        ("/path\twith-tab", False),
    ],
)
def test_links_go_to_the_sites_pages_or_http_and_https_addresses(url, allowed):
    from richtext.sanitise import PROFILES

    assert allowed_link(url, PROFILES["body"]) is allowed


def test_pages_may_also_link_email_and_telephone():
    cleaned, removed = clean_with_report(
        '<p><a href="tel:+3222877000">call</a> <a href="mailto:a@iom.int">write</a>', "page"
    )
    assert removed == [] and 'href="tel:+3222877000"' in cleaned and 'href="mailto:a@iom.int"' in cleaned


def test_an_empty_editor_is_an_empty_text():
    assert clean("<p></p>") == "" and clean("<p> </p><p></p>") == ""


def test_the_editors_own_list_markup_is_dropped_without_telling_the_editor():
    cleaned, removed = clean_with_report('<ol data-type="decimal"><li><p>First step</p></li></ol>')
    assert cleaned == "<ol><li><p>First step</p></li></ol>"
    assert removed == []
