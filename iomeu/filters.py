"""What the public lists' filter forms share: a light <select> and choices read once per cache generation."""

from html import escape

import django_filters
from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .cache import cached_for_generation


class Select(forms.Select):
    """Django's Select with the same markup (id, name, aria attributes, the selected option), built in Python.

    Django renders each <option> through a template of its own; the filter forms of the lists have hundreds of
    options, which took longer than the rest of the page.
    """

    def render(self, name, value, attrs=None, renderer=None):
        choices = list(self.choices)  # once: callable choices (a filter's years) may query each time
        if self.allow_multiple_selected or any(isinstance(label, (list, tuple)) for _, label in choices):
            return super().render(name, value, attrs, renderer)  # groups and multiple choice: Django's templates
        widget = forms.Widget.get_context(self, name, value, attrs)["widget"]
        wanted = set(widget["value"])
        options, found = [], False
        for option_value, label in choices:
            option_value = "" if option_value is None else str(option_value)
            selected = not found and option_value in wanted
            found = found or selected
            # The standard library's escape, as django.utils.html.escape uses, without its check for lazy text on
            # each of hundreds of calls.
            options.append(
                f'<option value="{escape(option_value)}"{" selected" if selected else ""}>{escape(str(label))}</option>'
            )
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            mark_safe("".join(options)),  # noqa: S308 (escaped above)
        )


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
        widget=Select,
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
        widget=Select,
    )


def search_text_filter():
    """The free-text `q` of a public list, answered by the site search (FilterSet.filter_text)."""
    return django_filters.CharFilter(
        label="Search", method="filter_text", max_length=200, widget=forms.TextInput(attrs={"type": "search"})
    )


def _plain_choices(field):
    # The values as the form submits them (slugs), without the model instances: cheap to store and to copy.
    return [(str(value), str(label)) for value, label in field.choices]
