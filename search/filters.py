"""The free-text filter of the public lists, answered by the site search."""

import django_filters
from django import forms

from . import engine


class FilterSet(django_filters.FilterSet):
    """A public list's FilterSet: its `q` is answered by the site search."""

    def filter_text(self, queryset, name, value):
        # The site search (full text on PostgreSQL and SQLite alike); for publications it
        # also reads the text inside their PDFs.
        return engine.filter_queryset(queryset, value)


def search_text_filter():
    """The free-text `q` of a public list, answered by the site search (FilterSet.filter_text)."""
    return django_filters.CharFilter(
        label="Search",
        method="filter_text",
        max_length=engine.MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
