from django.apps import AppConfig


class RichTextConfig(AppConfig):
    """Staff-written text: the editor (django-prose-editor), the server's allow-list, and plain-text versions."""

    name = "richtext"
    verbose_name = "Rich text"
