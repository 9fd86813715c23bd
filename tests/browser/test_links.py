"""No link on any public page type leads a visitor to a missing page or an error."""

from .crawl import fetch, links_of


def test_no_link_on_a_public_page_is_broken(site, page_states):
    targets = {}
    for kind, path in page_states.items():
        _status, content_type, body = fetch(site.url + path)
        if content_type == "text/html":
            for target in links_of(site.url, path, body):
                targets.setdefault(target, kind)
    assert len(targets) > 20, f"Too few links found to check: {sorted(targets)}"
    broken = []
    for target, found_on in sorted(targets.items()):
        status, _content_type, _body = fetch(site.url + target)
        if status >= 400:
            broken.append(f"{target} ({status}), linked from {found_on}")
    assert not broken, "Broken links:\n" + "\n".join(broken)
