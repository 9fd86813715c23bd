"""Hardening: uploaded images lose their location data, sign-ins are throttled, signed-in users' pages stay private.

Photos from phones carry GPS coordinates in EXIF (and sometimes XMP): where a participant lives or stayed. Every
new image stored through an ``ImageField`` of a content app passes through ``strip_location_before_save``; other
code (e.g. a generated cover) can call ``strip_image_location`` on a file directly.

``LoginThrottleHandler`` is django-axes' handler (AXES_HANDLER), with a limit per username and address and a higher
one per address; ``PrivateForSignedInUsersMiddleware`` marks every response to a signed-in user private.
"""

import io
import logging

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit, get_lockout_parameters
from axes.models import AccessAttempt
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models
from django.db.models import Sum
from django.utils.cache import patch_cache_control
from PIL import ExifTags, Image

from .roles import CONTENT_APPS

logger = logging.getLogger(__name__)

# Formats whose metadata we rewrite; GIF carries no EXIF.
_SAVE_OPTIONS = {
    "JPEG": {"quality": "keep", "subsampling": "keep"},
    "PNG": {},
    "WEBP": {"quality": 95},
}


def has_location(image):
    return ExifTags.IFD.GPSInfo in image.getexif() or bool(image.info.get("xmp") or image.info.get("XML:com.adobe.xmp"))


def strip_image_location(file):
    """The image's bytes without GPS EXIF data and XMP, or None when it has none (or is not an image we rewrite).

    Other EXIF tags (orientation, camera, copyright) and the colour profile are kept; JPEG pixels are not
    re-compressed (quality "keep").
    """
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            if image_format not in _SAVE_OPTIONS or not has_location(image):
                return None
            exif = image.getexif()
            exif.pop(ExifTags.IFD.GPSInfo, None)
            options = dict(_SAVE_OPTIONS[image_format])
            if image.info.get("icc_profile"):
                options["icc_profile"] = image.info["icc_profile"]
            if getattr(image, "is_animated", False):
                options["save_all"] = True
            output = io.BytesIO()
            image.save(output, format=image_format, exif=exif, **options)
            return output.getvalue()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        # Not a readable image: the field's validator refuses it; nothing to strip here.
        logger.warning("Could not check an uploaded image for location data.", exc_info=True)
        return None
    finally:
        file.seek(position)


def new_images(instance):
    """The instance's image files chosen but not stored yet (an upload in a form, a file the loader attached)."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.ImageField):
            field_file = getattr(instance, field.attname)
            if field_file and not field_file._committed:
                yield field_file


def strip_location_before_save(sender, instance, raw=False, **kwargs):
    """pre_save: replace each new, not yet stored image of a content model by its copy without location data."""
    if raw or sender._meta.app_label not in CONTENT_APPS:
        return
    for field_file in new_images(instance):
        cleaned = strip_image_location(field_file.file)
        if cleaned is not None:
            field_file.file = ContentFile(cleaned, name=field_file.name)


def axes_username(request, credentials):
    """The username django-axes records for a failed sign-in, cut to the 255 characters its column holds.

    A longer username is never a real account; without the cut PostgreSQL refuses the insert (a 500).
    """
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return username[:255]


class LoginThrottleHandler(AxesDatabaseHandler):
    """django-axes' database handler with a limit of its own for each lockout parameter.

    Axes compares the failures of every parameter of AXES_LOCKOUT_PARAMETERS with one AXES_FAILURE_LIMIT. Here a
    username from an address is locked after AXES_FAILURE_LIMIT failures, and an address (whatever the usernames it
    tries) after IOMEU_LOGIN_ADDRESS_FAILURE_LIMIT: an office behind one NAT shares an address, and one colleague's
    typos should not lock everyone out. A successful sign-in clears only that username's failures from that
    address, not those of the other usernames tried from it.
    """

    def _limit_of(self, parameter, failure_limit):
        if parameter in ("ip_address", ["ip_address"]):
            return getattr(settings, "IOMEU_LOGIN_ADDRESS_FAILURE_LIMIT", failure_limit)
        return failure_limit

    def get_failures(self, request, credentials=None):
        # The caller locks when the result reaches get_failure_limit(); each parameter's count is scaled to it, so
        # the result reaches it as soon as one parameter reaches its own limit.
        failure_limit = get_failure_limit(request, credentials)
        parameters = get_lockout_parameters(request, credentials)
        worst = 0
        for parameter, attempts in zip(parameters, self.get_user_attempts(request, credentials), strict=True):
            failures = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            worst = max(worst, failures * failure_limit // self._limit_of(parameter, failure_limit))
        return worst

    def reset_user_attempts(self, request, credentials=None):
        username = get_client_username(request, credentials)
        if username is None:
            return 0
        count, _ = AccessAttempt.objects.filter(username=username, ip_address=request.axes_ip_address).delete()
        return count


class PrivateForSignedInUsersMiddleware:
    """Cache-Control: private on every response to a signed-in user, so that no shared cache keeps it.

    Their pages show drafts, the admin bar and their name; Vary: Cookie alone leaves a shared cache free to store
    one. public and s-maxage go, and a max-age that would let a browser reuse the page unchecked. Anonymous
    visitors' responses are left as they are (core.cache decides those), and their session is not read.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if self.signed_in(request):
            make_private(response)
        return response

    @staticmethod
    def signed_in(request):
        user = getattr(request, "user", None)
        if user is None:
            return False
        session = getattr(request, "session", None)
        # No session cookie and no session made by this request (a sign-in): nobody is signed in. Checked first so
        # that an anonymous visitor's session is not loaded (which would add Vary: Cookie to their page).
        if settings.SESSION_COOKIE_NAME not in request.COOKIES and not (session is not None and session.session_key):
            return False
        return user.is_authenticated


def make_private(response):
    """Cache-Control: private, without the directives that let a shared cache, or a browser unchecked, reuse it."""
    patch_cache_control(response, private=True)  # drops "public"
    directives = [
        directive.strip()
        for directive in response["Cache-Control"].split(",")
        if directive.strip()
        and directive.split("=")[0].strip().lower() not in {"public", "s-maxage"}
        and not _is_positive_max_age(directive)
    ]
    response["Cache-Control"] = ", ".join(directives)
    return response


def _is_positive_max_age(directive):
    name, _, value = directive.partition("=")
    return name.strip().lower() == "max-age" and value.strip().strip('"') not in ("", "0")
