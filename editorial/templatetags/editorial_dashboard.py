from django import template

from editorial.dashboard import sections

register = template.Library()


@register.inclusion_tag("editorial/admin/dashboard.html", takes_context=True)
def editorial_dashboard(context):
    request = context["request"]
    return {"sections": sections(request.user)}
