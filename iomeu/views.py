from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from .models import Status


class PreviewableMixin:
    """Detail views: the public sees published items; staff who may change the model also preview drafts.

    A preview is marked with a banner and is never cached.
    """

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.can_preview():
            return queryset
        return queryset.published()

    def can_preview(self):
        user = self.request.user
        opts = self.model._meta
        return user.is_active and user.is_staff and user.has_perm(f"{opts.app_label}.change_{opts.model_name}")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_preview"] = not self.object.is_public
        context["preview_state"] = preview_state(self.object) if context["is_preview"] else ""
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context.get("is_preview"):
            add_never_cache_headers(response)
            response["X-Robots-Tag"] = "noindex"
        return response


def preview_state(item):
    """Why the public cannot see this item: "draft", "scheduled" (publication time ahead) or "expired"."""
    if item.status != Status.PUBLISHED:
        return "draft"
    if item.published_at > timezone.now():
        return "scheduled"
    return "expired"
