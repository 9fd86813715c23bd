"""The forms the admin uses. Uploads are checked by the validators of the model fields (in full_clean, before
anything is stored); what is left here is how the admin shows files and the scaling of uploaded covers."""

import io

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from PIL import Image, ImageOps

from .models import Publication, PublicationFile
from .storage import clean_stem

COVER_MAX_SIZE = (800, 1200)  # pixels; larger uploaded covers are scaled down


class PrivateFileInput(forms.ClearableFileInput):
    """A file input for private files: names the current file but never links it (it has no public URL)."""

    # In publications/templates/: the form renderer reads app template folders, not the project's.
    template_name = "publications/widgets/private_file_input.html"

    def is_initial(self, value):
        return bool(value and getattr(value, "name", None))


class PublicationFileForm(forms.ModelForm):
    class Meta:
        model = PublicationFile
        fields = ["language", "file", "filename"]
        widgets = {"file": PrivateFileInput}


class PublicationAdminForm(forms.ModelForm):
    class Meta:
        model = Publication
        # The admin's fieldsets choose the fields shown; this lists every editable one.
        fields = [
            "title",
            "slug",
            "kind",
            "publication_date",
            "date_precision",
            "summary",
            "quote",
            "quote_source",
            "body",
            "topics",
            "cover_image",
            "presidency",
            "series",
            "edition",
            "meetings",
            "related",
            "status",
            "published_at",
            "expires_at",
        ]
        widgets = {"cover_image": PrivateFileInput}

    def save(self, commit=True):
        # Scaled once the form is valid, so the field's validator has seen the image as uploaded.
        upload = self.cleaned_data.get("cover_image")
        if isinstance(upload, UploadedFile):
            self.instance.cover_image = bounded_cover(upload)
        return super().save(commit)


def bounded_cover(upload):
    """The uploaded cover re-encoded as a PNG no larger than COVER_MAX_SIZE (this also drops its metadata)."""
    upload.seek(0)
    with Image.open(upload) as image:
        image = ImageOps.exif_transpose(image)
        image.thumbnail(COVER_MAX_SIZE)
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if "transparency" in image.info else "RGB")
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", optimize=True)
    return SimpleUploadedFile(f"{clean_stem(upload.name, 'cover')}.png", buffer.getvalue(), content_type="image/png")
