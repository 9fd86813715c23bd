"""What the public lists' filter forms share: the year, topic and search filters, choices read once per cache
generation."""

import django_filters
from django import forms

from .cache import cached_for_generation


class FilterSet(django_filters.FilterSet):
    """A FilterSet whose model choices (topics, services, series...) are read once per cache generation.

    Choosing one still checks it against the database (ModelChoiceField.to_python), so a value removed since
    is refused as before.
    """

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            for name, field in form.fields.items():
                if isinstance(field, forms.ModelChoiceField):
                    key = f"filter-choices:{type(self).__module__}.{type(self).__qualname__}:{name}"
                    # Only what the widget shows: the field itself still reads its queryset to check a choice.
                    field.widget.choices = cached_for_generation(key, lambda field=field: _plain_choices(field))
        return self._form

    def filter_text(self, queryset, name, value):
        # The site search: stemming and ranking on PostgreSQL, every word's stem on SQLite; for publications it
        # also reads the text inside their PDFs.
        from . import search

        return search.filter_queryset(queryset, value)


def published_years(model, date_field):
    """Choices for a list's year filter: the years of published items, newest first.

    Asked for twice per request (to check the value and to show the form) and a scan of the table: kept per
    cache generation.
    """
    key = f"{model._meta.label_lower}:year_choices"

    def years():
        dates = model.objects.published().dates(date_field, "year", order="DESC")
        return [(day.year, str(day.year)) for day in dates]

    return lambda: cached_for_generation(key, years)


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


def _plain_choices(field):
    # The values as the form submits them (slugs), without the model instances: cheap to store and to copy.
    return [(str(value), str(label)) for value, label in field.choices]
