from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from .html import escaped


class FinderSelect(forms.Select):
    """A public finder's <select>, written in Python: the same HTML as Django's Select.

    Django's Select renders its options through templates, one include per option. A list's finder offers about a
    hundred options (every year, topic, service, Presidency with results), and rendering them that way was a quarter
    of the meetings list's time and a third of bare Django's list template (README "Benchmark", 2026-12-06). The
    choices are flat and an option's only attribute is `selected` (a Select's options inherit none), so the markup
    is simple enough to write here; tests/core/test_widgets.py checks it against Django's own rendering.
    """

    def render(self, name, value, attrs=None, renderer=None):
        chosen = self.format_value(value)
        # An f-string per option: format_html's checks on each argument made a finder's hundred options cost
        # more than the rest of its form (README "Benchmark").
        options = "".join(
            f'\n  <option value="{escaped(value)}"{" selected" if value in chosen else ""}>{escaped(label)}</option>'
            for value, label in ((_text(option_value), label) for option_value, label in self.choices)
        )
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            name,
            _attributes(self.build_attrs(self.attrs, attrs)),
            mark_safe(options),  # noqa: S308 (each value and label escaped above)
        )


def _attributes(attrs):
    """Attributes in their order, as django/forms/widgets/attrs.html writes them: False left out, True bare."""
    return format_html_join(
        "",
        " {}{}",
        (
            (name, "" if value is True else format_html('="{}"', value))
            for name, value in attrs.items()
            if value is not False
        ),
    )


def _text(value):
    """An option's value as Django's Select writes it (None as the empty value)."""
    return "" if value is None else str(value)
