"""Paginators whose deep pages cost about what the first page costs.

Django's Paginator asks for `OFFSET n LIMIT 20` on the full query, so the database joins and sorts every row
before the offset (the select_related joins included): page 480 of 10,000 publications is several times slower
than page 1. DeferredJoinPaginator first finds the page's primary keys on the bare table (an index scan), then
loads those 20 rows with all their joins and prefetches. Use it in a ListView or FilterView with `paginator_class`,
or through CountKeptPerGeneration, which also keeps each filter's count until the next edit.
"""

import functools
import hashlib

from django.core.paginator import Paginator
from django.db.models import Model, QuerySet
from django.utils.functional import cached_property

from .cache import cached_for_generation


class DeferredJoinPaginator(Paginator):
    def __init__(self, *args, count_key=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self):
        """With a count_key, counted once per cache generation (a COUNT reads every matching row)."""
        count_rows = functools.partial(Paginator.count.func, self)
        if self.count_key is None:
            return count_rows()
        return cached_for_generation(f"count:{self.count_key}", count_rows)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(self.window(bottom, top), number, self)

    def window(self, bottom, top):
        rows = self.object_list
        if not isinstance(rows, QuerySet):
            return rows[bottom:top]
        pks = list(rows.select_related(None).prefetch_related(None).values_list("pk", flat=True)[bottom:top])
        if not pks:
            return []
        found = {row.pk: row for row in rows.order_by().filter(pk__in=pks)}
        return [found[pk] for pk in pks if pk in found]


class CountKeptPerGeneration:
    """For a FilterView: pages with DeferredJoinPaginator, and counts the rows matching each set of filters once
    per cache generation, so that the list's cost does not grow with the archive. An edit, or a scheduled item's
    moment, starts a new generation: the count is never stale."""

    paginator_class = DeferredJoinPaginator

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        kwargs.setdefault("count_key", self.count_key())
        return super().get_paginator(queryset, per_page, orphans, allow_empty_first_page, **kwargs)

    def count_key(self):
        form = self.filterset.form
        if form.is_bound and not form.is_valid():
            return None  # counted by the database, as without this mixin
        values = form.cleaned_data.items() if form.is_bound else ()
        chosen = sorted((name, _key_part(value)) for name, value in values if value not in EMPTY)
        digest = hashlib.sha256(repr(chosen).encode()).hexdigest()[:32]
        return f"{type(self).__module__}.{type(self).__qualname__}:{digest}"


EMPTY = (None, "", [], ())


def _key_part(value):
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, (list, tuple, QuerySet)):
        return tuple(sorted(_key_part(item) for item in value))
    return str(value)
