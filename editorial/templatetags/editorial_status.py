from django import template

from editorial.status import live_status

register = template.Library()


@register.simple_tag
def status_of(obj):
    """The admin's words for where an item stands ("Draft", "Scheduled (for ...)", "Expired"), for the banner."""
    return live_status(obj)
