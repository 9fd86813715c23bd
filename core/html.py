"""Staff-edited HTML of pages: what may reach a public page (the rule lives in richtext.sanitise)."""

from richtext.sanitise import clean


def clean_html(html):
    """A page's HTML through the "page" allow-list: structure, emphasis and links stay; the rest goes."""
    return clean(html, "page")
