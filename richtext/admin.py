"""Telling editors what saving removed from their text."""

from django.contrib import messages

from .fields import RichTextFormField
from .sanitise import ALLOWED_DESCRIPTION


def removal_messages(form):
    """One sentence per rich-text field from which the allow-list removed something."""
    found = []
    for name, field in form.fields.items():
        if isinstance(field, RichTextFormField) and field.removed and name in form.cleaned_data:
            found.append(
                f"{field.label or name.capitalize()}: saving removed {'; '.join(field.removed)}. "
                f"This text may hold {ALLOWED_DESCRIPTION[field.profile]} (to this site's pages or to http and https "
                "addresses); check that it still says what you meant."
            )
    return found


class RichTextAdminMixin:
    """A warning after a save that changed what the editor wrote (a script, an event handler, a refused link...),
    and accessible names for the controls the admin's scripts build (editors, autocompletes, tabular fields)."""

    class Media:
        js = ["richtext/admin-names.js"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        for message in removal_messages(form):
            messages.warning(request, message)
