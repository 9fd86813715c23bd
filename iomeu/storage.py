"""Files on object storage: a redirect to a short-lived signed URL instead of streaming them through Python."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import HttpResponseRedirect
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header


def is_remote(storage):
    """True for storages with no local path (S3 and the like), whose files Django cannot stream by itself."""
    try:
        storage.path("probe")
    except NotImplementedError:
        return True
    return False


def s3_options(location):
    """The S3 storage options of settings (IOMEU_S3_*), under another key prefix (e.g. "private")."""
    return {**settings.STORAGES["default"]["OPTIONS"], "location": location}


def signed_download_redirect(storage, name, filename=None, as_attachment=True, content_type="application/pdf"):
    """A 302 to a signed URL of the stored file that expires in IOMEU_SIGNED_DOWNLOAD_SECONDS; None for a storage
    on the local disk, whose files the view streams itself.

    Call it after the view's own checks (published, not a draft). The object store then answers with the same
    file name, disposition and type the view would have sent.
    """
    if not is_remote(storage):
        return None
    parameters = {"ResponseContentType": content_type}
    if filename:
        parameters["ResponseContentDisposition"] = content_disposition_header(as_attachment, filename)
    url = storage.url(name, parameters=parameters, expire=settings.IOMEU_SIGNED_DOWNLOAD_SECONDS)
    response = HttpResponseRedirect(url)
    # The signature expires: neither browsers nor the page cache may keep the redirect.
    add_never_cache_headers(response)
    return response


def retired_storage():
    """Where public media files go when no record uses them but a stored revision may bring them back.

    It is private (under IOMEU_PRIVATE_MEDIA_ROOT, or the bucket's "private/retired/" prefix): a deleted item's
    photo is no longer served at its old /media/ address, yet restoring the item from its history brings it back.
    """
    if settings.IOMEU_S3_BUCKET:
        from storages.backends.s3 import S3Storage

        return S3Storage(**s3_options("private/retired"))
    return FileSystemStorage(location=settings.IOMEU_PRIVATE_MEDIA_ROOT / "retired", base_url=None)
