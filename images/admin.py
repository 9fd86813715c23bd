"""What the admin shows of pictures: a file input that never links the private original, and thumbnails."""

from django import forms
from django.utils.html import format_html

from .pictures import Picture


class PrivateImageInput(forms.ClearableFileInput):
    """Names the current file without linking it: it has no public URL (images.views serves it)."""

    template_name = "images/widgets/private_image_input.html"
    accept = "image/jpeg,image/png,image/webp,image/gif"

    def __init__(self, attrs=None):
        super().__init__({"accept": self.accept, **(attrs or {})})

    def is_initial(self, value):
        return bool(value and getattr(value, "name", None))


def thumbnail(instance, size=80):
    """A small square crop (the focal point kept) of a stored picture, or "—"."""
    if instance is None or not instance.pk:
        return "—"
    picture = Picture(instance)
    if not picture or not picture.width:
        return "—"
    return format_html(
        '<img src="{}" alt="{}" width="{}" height="{}" loading="lazy" class="admin-thumbnail">',
        picture.crop_url("thumb"),
        getattr(instance, "alt", ""),
        size,
        size,
    )
