"""File responses for publication PDFs and covers: streamed, cacheable, resumable, or handed to nginx.

- Conditional requests: If-None-Match / If-Modified-Since answer 304 (django.utils.cache.get_conditional_response).
- One byte range per request: 206 with Content-Range; a range outside the file, or one that ends before it
  starts, answers 416. Several ranges, or a Range header we do not understand, get the whole file (RFC 9110 allows
  a server to ignore Range), as does a stale If-Range.
- With settings.IOMEU_X_ACCEL_REDIRECT_PREFIX set, Django sends only headers and nginx sends the bytes (and
  handles Range itself).
"""

import os
import re
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import content_disposition_header, http_date, parse_http_date_safe

from core.storage import signed_download_redirect

# Lets Chromium's and Firefox's built-in PDF viewers show the file (they embed it as an object of the page's own
# origin), and nothing else: no scripts, no sandbox (a sandboxed document cannot host Chromium's viewer).
PDF_CONTENT_SECURITY_POLICY = (
    "default-src 'none'; object-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'"
)
IMAGE_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'"
CHUNK_SIZE = 64 * 1024
RANGE_PATTERN = re.compile(r"^bytes=(\d*)-(\d*)$")


class RangeNotSatisfiable(Exception):
    pass


class LimitedReader:
    """Reads at most `length` bytes of an open file, from where it stands (no seek/tell: FileResponse then leaves
    Content-Length to us, and servers cannot sendfile() past the range)."""

    def __init__(self, file, length):
        self.file, self.remaining = file, length

    def read(self, size=-1):
        if self.remaining <= 0:
            return b""
        size = self.remaining if size is None or size < 0 else min(size, self.remaining)
        data = self.file.read(size)
        self.remaining -= len(data)
        return data

    def close(self):
        self.file.close()


class PDFResponse(FileResponse):
    block_size = CHUNK_SIZE


def parse_range(header, size):
    """(start, end) inclusive for a single satisfiable byte range; None to send the whole file.

    Raises RangeNotSatisfiable for a range that lies outside the file or ends before it starts.
    """
    if not header:
        return None
    match = RANGE_PATTERN.match(header.strip())
    if not match:
        return None  # several ranges, other units or nonsense: ignore and send the whole file
    first, last = match.groups()
    if first == "" and last == "":
        return None
    if first == "":
        suffix = int(last)
        if suffix == 0 or size == 0:
            raise RangeNotSatisfiable
        return max(0, size - suffix), size - 1
    start = int(first)
    end = int(last) if last else size - 1
    if start >= size or end < start:
        raise RangeNotSatisfiable
    return start, min(end, size - 1)


def range_starts_at_zero(request):
    """True when this request fetches a file from its beginning (no Range, or one starting at byte 0).

    A PDF viewer reading one file in many Range requests then counts once.
    """
    header = request.headers.get("Range", "")
    match = RANGE_PATTERN.match(header.strip()) if header else None
    if not header or not match:
        return True
    return match.group(1) == "0"


def _if_range_allows(request, etag, last_modified):
    condition = request.headers.get("If-Range")
    if not condition:
        return True
    if condition.startswith('"') or condition.startswith("W/"):
        return condition == etag  # strong comparison
    since = parse_http_date_safe(condition)
    return since is not None and last_modified is not None and int(last_modified) <= since


def serve_file(
    request,
    storage,
    name,
    *,
    content_type,
    etag,
    last_modified,
    filename=None,
    as_attachment=False,
    public=True,
    csp=PDF_CONTENT_SECURITY_POLICY,
):
    """A response for one stored file. `last_modified` is a timestamp (seconds); `etag` is quoted."""
    conditional = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if conditional is not None:
        _common_headers(conditional, etag, last_modified, public, csp)
        return conditional

    # Object storage (IOMEU_S3_BUCKET): the store sends the bytes, from a short-lived signed URL.
    redirect = signed_download_redirect(storage, name, filename, as_attachment, content_type)
    if redirect is not None:
        return redirect

    path = storage.path(name)
    if settings.IOMEU_X_ACCEL_REDIRECT_PREFIX:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.IOMEU_X_ACCEL_REDIRECT_PREFIX.rstrip("/") + "/" + quote(name)
        # nginx answers Range and says Accept-Ranges itself (it would pass ours on too: "bytes, bytes").
        _file_headers(response, filename, as_attachment, ranges=False)
        _common_headers(response, etag, last_modified, public, csp)
        return response

    file = open(path, "rb")  # closed by FileResponse, or below
    try:
        size = os.fstat(file.fileno()).st_size
        byte_range = None
        if _if_range_allows(request, etag, last_modified):
            byte_range = parse_range(request.headers.get("Range"), size)
    except RangeNotSatisfiable:
        file.close()
        response = HttpResponse(status=416, content_type="text/plain; charset=utf-8")
        response["Content-Range"] = f"bytes */{size}"
        _common_headers(response, etag, last_modified, public, csp)
        return response
    except BaseException:
        file.close()
        raise

    if request.method == "HEAD":
        file.close()
        response = HttpResponse(content_type=content_type)
        length = size
    elif byte_range is None:
        response = PDFResponse(file, content_type=content_type)
        length = size
    else:
        start, end = byte_range
        file.seek(start)
        length = end - start + 1
        response = PDFResponse(LimitedReader(file, length), content_type=content_type, status=206)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Content-Length"] = str(length)
    _file_headers(response, filename, as_attachment)
    _common_headers(response, etag, last_modified, public, csp)
    return response


def _file_headers(response, filename, as_attachment, ranges=True):
    if filename:
        # RFC 6266: an ASCII filename, and filename* (UTF-8) when the name has other characters.
        response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    if ranges:
        response["Accept-Ranges"] = "bytes"


def _common_headers(response, etag, last_modified, public, csp):
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = csp
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    if public:
        # Caches may keep it but must ask again each time (a cheap 304): unpublishing takes effect at once.
        patch_cache_control(response, public=True, no_cache=True)
    else:
        patch_cache_control(response, private=True, no_store=True)
        response["X-Robots-Tag"] = "noindex"
