"""Pictures for the public and for staff: one checked view for originals and renditions alike.

The public gets a picture only while its item is published (the item's published()); staff who may change the
item also see those of drafts, scheduled and expired items, never cached. Anything else answers 404, as does a URL
whose version is not the picture's current one, or a size the site does not make.
"""

import logging

from django.conf import settings
from django.http import FileResponse, Http404
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_safe
from PIL import Image

from core.storage import signed_download_redirect

from . import renditions
from .files import CONTENT_TYPES
from .pictures import Picture
from .registry import source

logger = logging.getLogger(__name__)

IMAGE_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'"


def can_preview(user, model):
    """Staff who may see the item in the admin (its thumbnails) or preview it."""
    opts = model._meta
    return (
        user.is_active
        and user.is_staff
        and any(user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}") for action in ("view", "change"))
    )


def _is_public(found, instance):
    owner_model = found.owner_model
    owner_pk = getattr(instance, f"{found.owner}_id") if found.owner else instance.pk
    return owner_model._default_manager.published().filter(pk=owner_pk).exists()


@require_safe
def image(request, kind, pk, version, variant):
    found = source(kind)
    if found is None:
        raise Http404("No such picture.")
    instance = found.model._default_manager.filter(pk=pk).first()
    if instance is None or not getattr(instance, found.field):
        raise Http404("No such picture.")
    public = _is_public(found, instance)
    # Only now look at who asks, so that public pictures stay free of Vary: Cookie.
    if not public and not can_preview(request.user, found.owner_model):
        raise Http404("No such picture.")
    picture = Picture(instance)
    if version != picture.version:
        raise Http404("This picture has changed; reload the page.")
    storage = picture.file.storage
    if variant == "original":
        name = picture.name
        content_type = CONTENT_TYPES.get(name.rsplit(".", 1)[-1], "application/octet-stream")
        if not storage.exists(name):
            raise Http404("This picture is missing.")
    else:
        spec = renditions.parse(variant, picture.width)
        if spec is None:
            raise Http404("The site makes no picture of this size.")
        try:
            # One question to the store for a kept rendition (each is a round trip on S3).
            name = renditions.get_or_create(storage, picture.name, spec, picture.focal_x, picture.focal_y)
        except FileNotFoundError:
            raise Http404("This picture is missing.") from None
        except (OSError, ValueError, Image.DecompressionBombError):
            # The stored original cannot be read (damaged since its upload was checked): no picture, not a 500.
            logger.exception("Could not make the rendition %s of %s", spec, picture.name)
            raise Http404("This picture cannot be shown.") from None
        content_type = spec.content_type
    etag = f'"{version}-{variant}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        if variant == "original":
            # An original may be large: on the object store, the store sends it (a short-lived signed URL).
            response = signed_download_redirect(storage, name, content_type=content_type, as_attachment=False)
            if response is not None:
                return response
        # Renditions are small and named for good: sent from here, on any storage, so that browsers and shared
        # caches keep the bytes for IOMEU_IMAGE_MAX_AGE (a redirect to a signed URL could be kept only minutes).
        response = FileResponse(storage.open(name, "rb"), content_type=content_type)
    response["ETag"] = etag
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = IMAGE_CONTENT_SECURITY_POLICY
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    if public:
        # The URL names this very file (it changes with the picture), so it may be kept.
        patch_cache_control(response, public=True, max_age=settings.IOMEU_IMAGE_MAX_AGE, immutable=True)
    else:
        patch_cache_control(response, private=True, no_store=True)
        response["X-Robots-Tag"] = "noindex"
    return response
