"""Which models hold pictures, and whose publication each picture follows.

An app registers its image models from its AppConfig.ready(): register("meeting-photo", MeetingPhoto, "image",
owner="meeting"). The kind is part of every image URL (/images/<kind>/<pk>/...); the owner is the publishable item
(a meeting) whose published() decides whether the public may see the picture.
"""

from dataclasses import dataclass

_SOURCES = {}


@dataclass(frozen=True)
class ImageSource:
    kind: str
    model: type
    field: str
    owner: str | None = None  # the foreign key to the publishable item; None when the model is that item

    def owner_of(self, instance):
        return getattr(instance, self.owner) if self.owner else instance

    @property
    def owner_model(self):
        return self.model._meta.get_field(self.owner).related_model if self.owner else self.model


def register(kind, model, field, owner=None):
    _SOURCES[kind] = ImageSource(kind, model, field, owner)
    model.image_kind = kind


def source(kind):
    return _SOURCES.get(kind)


def source_for(model):
    return _SOURCES.get(getattr(model, "image_kind", None))
