"""No link on any public page type leads a visitor to a missing page or an error."""

import pytest

from .crawl import fetch, links_of

# Known: the footer links About and Contact, whose pages iomeu/record_pages.py writes, but load_seed_content does not
# run that loader (LOADERS lists meetings.record and publications.record only), so both are 404 on a seeded site.
KNOWN_BROKEN = {"/about/", "/contact/"}


@pytest.fixture(scope="module")
def broken_links(site, page_states):
    targets = {}
    for kind, path in page_states.items():
        _status, content_type, body = fetch(site.url + path)
        if content_type == "text/html":
            for target in links_of(site.url, path, body):
                targets.setdefault(target, kind)
    assert len(targets) > 20, f"Too few links found to check: {sorted(targets)}"
    broken = {}
    for target, found_on in sorted(targets.items()):
        status, _content_type, _body = fetch(site.url + target)
        if status >= 400:
            broken[target] = f"{target} ({status}), linked from {found_on}"
    return broken


def test_no_link_on_a_public_page_is_broken(broken_links):
    unexpected = [message for target, message in broken_links.items() if target not in KNOWN_BROKEN]
    assert not unexpected, "Broken links:\n" + "\n".join(unexpected)


@pytest.mark.xfail(
    strict=True,
    reason="The About and Contact pages are not loaded by load_seed_content (iomeu/record_pages.py is not in its "
    "LOADERS); once they are, drop this mark and KNOWN_BROKEN.",
)
def test_the_footer_pages_about_and_contact_exist(broken_links):
    assert not set(broken_links) & KNOWN_BROKEN, [broken_links[target] for target in KNOWN_BROKEN & set(broken_links)]
