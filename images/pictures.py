"""What a template needs to show a stored picture: its URLs, srcset candidates and dimensions."""

import base64
from functools import cached_property

from django.urls import reverse

from . import renditions
from .registry import source_for


class Picture:
    """A registered model's image, as pages link to it (every URL goes through images.views.image)."""

    def __init__(self, instance, largest=None):
        self.instance = instance
        self.largest = largest  # the widest rendition a page offers (its display width at a 3x screen)
        self.source = source_for(type(instance))
        self.file = getattr(instance, self.source.field)
        self.name = self.file.name
        self.width = self.file.field.width_field and getattr(instance, self.file.field.width_field)
        self.height = self.file.field.height_field and getattr(instance, self.file.field.height_field)
        self.focal_x = getattr(instance, "focal_x", None)
        self.focal_y = getattr(instance, "focal_y", None)

    def __bool__(self):
        return bool(self.name)

    @cached_property
    def version(self):
        return renditions.version(self.name, self.focal_x, self.focal_y)

    @cached_property
    def _address(self):
        """The picture's address with the variant left off: reversed once per picture. A card offers ten addresses
        and the list twenty cards; one reverse() each was a fifth of the publications list's render (README
        "Benchmark"). The variant is the pattern's last part, so appending it gives what reverse() would."""
        kwargs = {"kind": self.source.kind, "pk": self.instance.pk, "version": self.version, "variant": "original"}
        return reverse("images:image", kwargs=kwargs).removesuffix("original")

    def url(self, variant):
        return self._address + variant

    @property
    def original_url(self):
        return self.url("original")

    @cached_property
    def widths(self):
        """The srcset widths: every rendition width of the original, up to the first one at least `largest`."""
        widths = renditions.widths_for(self.width)
        if self.largest:
            enough = next((index for index, width in enumerate(widths) if width >= self.largest), len(widths) - 1)
            widths = widths[: enough + 1]
        return widths

    def srcset(self, image_format):
        return ", ".join(f"{self.url(f'w{width}.{image_format}')} {width}w" for width in self.widths)

    def sources(self):
        """(content type, srcset) for each modern format, best first; the fallback format is the <img>'s."""
        return [(renditions.CONTENT_TYPES[f], self.srcset(f)) for f in renditions.formats()[:-1]]

    @property
    def fallback_format(self):
        return renditions.formats()[-1]

    @property
    def fallback_srcset(self):
        return self.srcset(self.fallback_format)

    @property
    def fallback_url(self):
        return self.url(f"w{self.widths[len(self.widths) // 2]}.{self.fallback_format}") if self.widths else ""

    @property
    def display_size(self):
        """(width, height) of the largest rendition: the <img>'s width and height attributes (its proportions)."""
        if not self.widths or not self.height:
            return None, None
        width = self.widths[-1]
        return width, max(1, round(self.height * width / self.width))

    def crop_url(self, crop, image_format=None):
        return self.url(f"{crop}.{image_format or self.fallback_format}")

    def inline_src(self):
        """The picture as a data: URI of a JPEG rendition (at most 960 wide), for a staff preview rendered in a
        savepoint that is rolled back: its rows, and so its addresses, exist only while the page is rendered."""
        width = max((width for width in self.widths if width <= 960), default=None)
        if width is None:
            return ""
        spec = renditions.Spec(width=width, height=None, image_format="jpg")
        try:
            with self.file.storage.open(self.name, "rb") as original:
                data = renditions.render(original, spec, self.focal_x, self.focal_y)
        except (OSError, ValueError):  # a missing or unreadable file: the preview shows the page without it
            return ""
        return "data:image/jpeg;base64," + base64.b64encode(data).decode("ascii")
