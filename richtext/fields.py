"""RichTextField: a TextField of HTML, edited with django-prose-editor and cleaned by the server on every save."""

from django.core.exceptions import ValidationError
from django.db import models
from django_prose_editor.fields import ProseEditorFormField

from . import sanitise, text

# What the editor's toolbar offers for each profile (django-prose-editor's extensions). The server's allow-list
# (richtext.sanitise) is the rule; this only keeps the editor from offering what the server would remove.
_COMMON = {
    "Bold": True,
    "Italic": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https"]},
    "History": True,
}
EXTENSIONS = {
    "summary": _COMMON,
    "body": {
        **_COMMON,
        "Heading": {"levels": [2, 3, 4]},
        "BulletList": True,
        "OrderedList": True,
        "ListItem": True,
        "Blockquote": True,
    },
}
EXTENSIONS["page"] = {
    **EXTENSIONS["body"],
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
}


def _unchanged(html):
    return html


class RichTextFormField(ProseEditorFormField):
    """Cleans what was posted with the profile's allow-list and remembers what it removed (self.removed), so that
    the admin can tell the editor (richtext.admin.RichTextAdminMixin)."""

    def __init__(self, *args, profile="body", **kwargs):
        self.profile = profile
        self.removed = []
        kwargs.setdefault("config", {"extensions": EXTENSIONS[profile]})
        kwargs.setdefault("preset", "iomeu")  # settings.DJANGO_PROSE_EDITOR_PRESETS: richtext/static/richtext/editor.js
        # Cleaned in clean() below, which also records what went (a sanitize callable would stay bound to the
        # field the form copied its own from).
        kwargs["sanitize"] = _unchanged
        super().__init__(*args, **kwargs)

    def clean(self, value):
        cleaned, self.removed = sanitise.clean_with_report(super().clean(value), self.profile)
        # The editor sends "<p></p>" for an empty text: a required text needs words, not markup.
        if self.required and not text.to_text(cleaned).strip():
            raise ValidationError(self.error_messages["required"], code="required")
        return cleaned


class RichTextField(models.TextField):
    """HTML written with the editor. Whatever reaches the database went through the profile's allow-list: the form
    cleans it (and reports what it removed), and so does every save, so code and imports cannot bypass it."""

    def __init__(self, *args, profile="body", **kwargs):
        if profile not in sanitise.PROFILES:
            raise ValueError(f"Unknown rich-text profile {profile!r}")
        self.profile = profile
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.profile != "body":
            kwargs["profile"] = self.profile
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = sanitise.clean(getattr(model_instance, self.attname), self.profile)
        setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": RichTextFormField, "profile": self.profile, **kwargs})
