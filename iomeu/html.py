"""Staff-edited rich text: what HTML may reach a public page."""

import nh3

ALLOWED_TAGS = {
    "h2", "h3", "h4", "p", "br", "hr", "ul", "ol", "li", "dl", "dt", "dd", "a", "strong", "em", "b", "i",
    "blockquote", "q", "cite", "abbr", "code", "pre", "sub", "sup", "span",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "address", "figure", "figcaption",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
    "*": {"lang"},
}


def clean_html(html):
    """Keep structure, links and emphasis; drop scripts, styles, event handlers and javascript: links."""
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()
