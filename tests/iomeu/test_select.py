"""The filter forms' Select, built in Python, shows exactly what Django's own Select shows."""

from html.parser import HTMLParser

import pytest
from django import forms

from iomeu.filters import Select


class Elements(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))

    def handle_data(self, data):
        if data.strip():
            self.found.append(("text", data.strip()))


class YearForm(forms.Form):
    year = forms.ChoiceField(
        choices=[("", "Any year"), (2024, "2024"), ("a&b", 'Tom & "Jerry" <b>')], required=False, help_text="Pick one."
    )


@pytest.mark.parametrize("data", [{}, {"year": "2024"}, {"year": "a&b"}, {"year": "1999"}])
def test_the_select_shows_the_same_elements_attributes_and_choice_as_djangos(data):
    form = YearForm(data)
    form.is_valid()
    django_html = str(form["year"])
    form.fields["year"].widget.__class__ = Select

    assert Elements(str(form["year"])).found == Elements(django_html).found


def test_the_chosen_option_is_selected_and_text_is_escaped():
    form = YearForm({"year": "a&b"})
    form.fields["year"].widget.__class__ = Select
    html = str(form["year"])

    assert '<option value="a&amp;b" selected>Tom &amp; &quot;Jerry&quot; &lt;b&gt;</option>' in html
    assert html.count("selected") == 1
