from functools import cached_property

from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from .cache import kept_for_generation, kept_name
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


class DropEmptyParametersMixin:
    """Lists with a GET filter form: an address carrying empty fields (what a submitted form sends for every filter
    left at "Any") redirects to the same list without them, so the address says only what was chosen."""

    def get(self, request, *args, **kwargs):
        if any(value == "" for value in request.GET.values()) or any(
            all(value == "" for value in values) for values in request.GET.lists()
        ):
            kept = request.GET.copy()
            for key, values in request.GET.lists():
                non_empty = [value for value in values if value != ""]
                if non_empty:
                    kept.setlist(key, non_empty)
                else:
                    del kept[key]
            query = kept.urlencode()
            return redirect(f"{request.path}?{query}" if query else request.path)
        return super().get(request, *args, **kwargs)


def preview_state(item):
    """Why the public cannot see this item: "draft", "scheduled" (publication time ahead) or "expired"."""
    if item.status != Status.PUBLISHED:
        return "draft"
    if item.published_at > timezone.now():
        return "scheduled"
    return "expired"


class DeepPagesMixin:
    """Paginated lists: a page deep in the list reads its rows' ids first, then only those rows.

    With OFFSET the database builds every row before the page, joins included, only to skip it: at 10,000
    publications the last page's query took 11.5 ms on SQLite where its ids took 1.2 (README "Benchmark"). A page
    near the start is read in one query, as ListView reads it: there the second query would cost more than the rows
    it spares.
    """

    ids_first_from = 400  # rows before the page

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        if page.start_index() > self.ids_first_from:
            ids = list(
                queryset.prefetch_related(None).values_list("pk", flat=True)[page.start_index() - 1 : page.end_index()]
            )
            rows = {row.pk: row for row in queryset.filter(pk__in=ids).order_by()}
            page.object_list = object_list = [rows[pk] for pk in ids if pk in rows]
        return paginator, page, object_list, is_paginated


class KeptCountPaginator(Paginator):
    """A Paginator whose count is kept per generation under `count_name` (core.cache.kept_for_generation)."""

    def __init__(self, *args, count_name, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_name = count_name

    @cached_property
    def count(self):
        return kept_for_generation(self.count_name, self.object_list.count)


class KeptCountMixin:
    """Public lists: how many items match a set of filters is counted once per generation.

    Lists show published items only, so the number is the same for every visitor until the next edit or scheduled
    moment; counting the archive for each request was an eighth of the last publications page on PostgreSQL
    (README "Benchmark"). Kept under the list's model and its filters, whatever the page number.
    """

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        filters = sorted(
            (name, value) for name, values in self.request.GET.lists() if name != self.page_kwarg for value in values
        )
        return KeptCountPaginator(
            queryset,
            per_page,
            orphans=orphans,
            allow_empty_first_page=allow_empty_first_page,
            count_name=kept_name("count", queryset.model._meta.label_lower, filters),
            **kwargs,
        )
