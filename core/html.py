"""Staff-edited HTML of pages: what may reach a public page (the rule lives in richtext.sanitise); escaping for
the markup written in Python."""

from html import escape

from richtext.sanitise import clean


def clean_html(html):
    """A page's HTML through the "page" allow-list: structure, emphasis and links stay; the rest goes."""
    return clean(html, "page")


def escaped(text):
    """Django's conditional_escape without its check for lazy text: text marked safe is kept, any other escaped.

    For the few pieces of markup written in Python rather than templates (docs/architecture.md): the finders'
    options and the cards' pictures write dozens of values each, and format_html's checks on every argument cost
    more than the markup itself (README "Benchmark").
    """
    return text.__html__() if hasattr(text, "__html__") else escape(str(text))
