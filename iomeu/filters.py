"""What the public lists' filter forms share: a light <select> and choices read once per cache generation."""

import django_filters
from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from .cache import cached_for_generation


class Select(forms.Select):
    """Django's Select with the same markup (id, name, aria attributes, selected option), built in Python.

    Django renders each <option> through a template of its own; a list's filter form has hundreds of options,
    which took longer than the rest of the page.
    """

    option_format = '<option value="{}"{}>{}</option>'

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            rendered = format_html_join(
                "",
                self.option_format,
                ((option["value"], flatatt(option["attrs"]), option["label"]) for option in options),
            )
            groups.append(
                format_html('<optgroup label="{}">{}</optgroup>', group_name, rendered) if group_name else rendered
            )
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            mark_safe("".join(groups)),  # noqa: S308 (built by format_html)
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


def _plain_choices(field):
    # The values as the form submits them (slugs), without the model instances: cheap to store and to copy.
    return [(str(value), str(label)) for value, label in field.choices]
