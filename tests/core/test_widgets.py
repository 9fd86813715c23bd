"""The finders' <select>: written in Python for speed, it must be what Django's own Select renders."""

import re

import pytest
from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from core.widgets import FinderSelect

CHOICES = [
    (None, "Any topic"),
    ("return", "Return & reintegration (12)"),
    ("a\"b'<c>", 'Quotes "and" <tags> (3)'),
    (2025, "2025"),
    ("lazy", gettext_lazy("Labour migration (1)")),
    ("safe", mark_safe("<i>Already</i> safe &amp; kept (2)")),  # noqa: S308 (a label marked safe is not escaped again)
]


def tags(html):
    """The markup with the whitespace between tags dropped (Django's templates indent the options)."""
    return re.sub(r">\s+<", "><", str(html).strip())


@pytest.mark.parametrize("value", [None, "", "return", "a\"b'<c>", 2025, "2025", "not offered"])
@pytest.mark.parametrize(
    "attrs",
    [None, {"id": "id_topic"}, {"id": "id_topic", "aria-describedby": "id_topic_helptext", "aria-invalid": True}],
)
def test_it_renders_what_djangos_select_renders(value, attrs):
    ours = FinderSelect(attrs={"class": "finder"}, choices=CHOICES).render("topic", value, attrs)
    django = forms.Select(attrs={"class": "finder"}, choices=CHOICES).render("topic", value, attrs)
    assert tags(ours) == tags(django)


def test_the_chosen_option_is_marked_and_every_label_is_escaped():
    html = FinderSelect(choices=CHOICES).render("topic", "a\"b'<c>", {"id": "id_topic"})
    assert '<select name="topic" id="id_topic">' in html
    assert '<option value="a&quot;b&#x27;&lt;c&gt;" selected>Quotes &quot;and&quot; &lt;tags&gt; (3)</option>' in html
    assert html.count(" selected") == 1
    assert "<tags>" not in html


def test_the_public_lists_and_search_use_it(client, db):
    for address in ("/meetings/", "/publications/", "/search/"):
        response = client.get(address)
        form = response.context["filter"].form if "filter" in response.context else response.context["form"]
        selects = [name for name, field in form.fields.items() if isinstance(field.widget, forms.Select)]
        assert selects, address
        assert all(isinstance(form.fields[name].widget, FinderSelect) for name in selects), address
