"""What the public lists' filter forms share: the year, topic and search filters."""

import django_filters
from django import forms


class FilterSet(django_filters.FilterSet):
    """A public list's FilterSet: its `q` is answered by the site search."""

    def filter_text(self, queryset, name, value):
        # The site search: stemming and ranking on PostgreSQL, every word's stem on SQLite; for publications it
        # also reads the text inside their PDFs.
        from . import search

        return search.filter_queryset(queryset, value)


def published_years(model, date_field):
    """Choices for a list's year filter: the years of published items, newest first."""

    def years():
        dates = model.objects.published().dates(date_field, "year", order="DESC")
        return [(day.year, str(day.year)) for day in dates]

    return years


def year_filter(model, date_field):
    """A public list's year filter (FilterSet.filter_year must read the date field)."""
    return django_filters.ChoiceFilter(
        label="Year",
        choices=published_years(model, date_field),
        method="filter_year",
        empty_label="Any year",
    )


def topic_filter():
    """A public list's topic filter, by the topic's slug."""
    from .models import Topic

    return django_filters.ModelChoiceFilter(
        label="Topic",
        queryset=Topic.objects.all(),
        to_field_name="slug",
        field_name="topics",
        empty_label="Any topic",
    )


def search_text_filter():
    """The free-text `q` of a public list, answered by the site search (FilterSet.filter_text)."""
    return django_filters.CharFilter(
        label="Search", method="filter_text", max_length=200, widget=forms.TextInput(attrs={"type": "search"})
    )
