"""Downloads from object storage: a redirect to a short-lived signed URL instead of streaming through Python."""

from django.conf import settings
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


def signed_download_redirect(field_file, filename, as_attachment=True, content_type="application/pdf"):
    """A 302 to a signed URL that expires in IOMEU_SIGNED_DOWNLOAD_SECONDS; None for local storage.

    The download view calls it after its own checks (published, not a draft) and streams the file itself when it
    gets None. The object store then answers with the same filename, disposition and type as the view would.
    """
    storage = field_file.storage
    if not is_remote(storage):
        return None
    url = storage.url(
        field_file.name,
        parameters={
            "ResponseContentDisposition": content_disposition_header(as_attachment, filename),
            "ResponseContentType": content_type,
        },
        expire=settings.IOMEU_SIGNED_DOWNLOAD_SECONDS,
    )
    response = HttpResponseRedirect(url)
    # The signature expires: neither browsers nor the page cache may keep the redirect.
    add_never_cache_headers(response)
    return response
