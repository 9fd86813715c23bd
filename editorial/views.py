"""The 403 page: in the admin's design for staff pages, saying what is not allowed and who can do it."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.template.response import TemplateResponse

from core.roles import PUBLISHERS

GENERIC = "Your role does not allow this page or action."
DELETE = (
    "Your role does not allow deleting this item: a published (or scheduled) item, and reference data such as "
    "people, EU services, Presidencies and topics, are deleted only by a Publisher."
)


def permission_denied(request, exception=None):
    """handler403 (iomeu/urls.py)."""
    reason = str(exception or "").strip()
    match = getattr(request, "resolver_match", None)
    if not reason:
        reason = DELETE if match is not None and (match.url_name or "").endswith("_delete") else GENERIC
    in_admin = request.path.startswith("/admin/") and request.user.is_authenticated and request.user.is_staff
    if in_admin:
        publishers = (
            get_user_model()
            .objects.filter(groups__name=PUBLISHERS, is_active=True)
            .order_by("first_name", "username")[:5]
        )
        context = {
            **admin.site.each_context(request),
            "title": "Not allowed",
            "reason": reason,
            "publishers": [user.get_full_name() or user.get_username() for user in publishers],
        }
        response = TemplateResponse(request, "editorial/admin/403.html", context, status=403)
    else:
        response = TemplateResponse(request, "editorial/403.html", {"reason": GENERIC}, status=403)
    response.render()
    return response
