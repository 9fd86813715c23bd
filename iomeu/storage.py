"""The private storage (STORAGES["private"]: files no URL serves), and files on object storage: a redirect to a
short-lived signed URL instead of streaming them through Python."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.http import HttpResponseRedirect
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header


class PrivateStorage(FileSystemStorage):
    """A folder on the local disk whose files have no URL: only views that check who may see a file hand it out.

    Never put its location under MEDIA_ROOT or STATIC_ROOT.
    """

    def url(self, name):
        raise ValueError(f"{name} is a private file: link to the view that serves it instead.")


def get_private_storage():
    """STORAGES["private"]: publication files, and retired media (a callable, so migrations do not freeze it)."""
    return storages["private"]


def retired_name(name):
    """Where, in the private storage, a public media file is kept when no record uses it but a stored revision
    may bring it back: a deleted item's photo is no longer served at its old /media/ address, yet restoring the
    item from its history brings it back."""
    return f"retired/{name}"


def is_remote(storage):
    """True for storages with no local path (S3 and the like), whose files Django cannot stream by itself."""
    try:
        storage.path("probe")
    except NotImplementedError:
        return True
    return False


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
