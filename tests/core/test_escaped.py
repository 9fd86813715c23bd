"""core.html.escaped, used by the markup written in Python (finders' options, pictures), escapes as Django does."""

import pytest
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from core.html import escaped


@pytest.mark.parametrize(
    "text",
    [
        "Return & reintegration",
        "Quotes \"double\" and 'single' <script>alert(1)</script>",
        mark_safe("<i>Already</i> safe &amp; kept"),  # noqa: S308
        gettext_lazy("Labour <migration>"),
        2025,
        None,
    ],
)
def test_it_writes_what_djangos_conditional_escape_writes(text):
    assert escaped(text) == conditional_escape(text)
