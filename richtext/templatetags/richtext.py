from django import template
from django.utils.safestring import mark_safe

from richtext import sanitise, text

register = template.Library()


@register.filter(is_safe=True)
def richtext(value, profile="body"):
    """Staff HTML for a public page: cleaned again on the way out (whatever reached the database)."""
    return mark_safe(sanitise.clean(value or "", profile))  # noqa: S308 (the allow-list's output)


@register.filter
def richtext_text(value):
    """The words of staff HTML on one line, without markup: meta descriptions, cards, previews."""
    return text.to_line(value or "")
