"""The page cache: anonymous visitors get public pages from the cache, everyone else gets them fresh.

Every cached page is stored with the *generation* token it was rendered in, one entry per address, and is served
only while that generation lasts (the token and the page are read in one round trip). Any save or delete of content
(the apps in IOMEU_PAGE_CACHE_APPS) drops the token, so the next request starts a new generation and every page is
rendered again, taking its old entry's place. The token also changes on its own when a scheduled item's moment
passes (its publication or expiry time, which the generation records), and at midnight (pages that say "upcoming"
or "this year"). Whatever a signal
cannot see (a queryset.update(), a change made straight in the database) is bounded by the TTL,
IOMEU_PAGE_CACHE_SECONDS: no page outlives it. IOMEU_PAGE_CACHE_SECONDS = 0 switches the page cache off.

With several app servers, CACHES must be shared (REDIS_URL) so that an edit on one server reaches all of them.
"""

import hashlib
import logging
import uuid

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, transaction
from django.db.models import Min, Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.cache import get_max_age, patch_cache_control, set_response_etag
from django.utils.http import http_date, split_directive_names, split_header_value

logger = logging.getLogger(__name__)

STATE_KEY = "pagecache:state"
CACHE_HEADER = "X-Page-Cache"
_SAFE_VARY = {"cookie", "accept-encoding"}


def _cache():
    return caches[settings.IOMEU_PAGE_CACHE_ALIAS]


def page_cache_seconds():
    return settings.IOMEU_PAGE_CACHE_SECONDS


# Generations ------------------------------------------------------------------------------------------------------


def next_scheduled_change(now):
    """The next moment a published item appears or expires on its own (None if nothing is scheduled)."""
    from .models import Publishable, Status

    moments = []
    for model in apps.get_models():
        if not issubclass(model, Publishable):
            continue
        found = model._default_manager.filter(status=Status.PUBLISHED).aggregate(
            appears=Min("published_at", filter=Q(published_at__gt=now)),
            expires=Min("expires_at", filter=Q(expires_at__gt=now)),
        )
        moments.extend(moment for moment in found.values() if moment is not None)
    return min(moments, default=None)


def current_generation(state=None):
    """The token cached pages are stored under; a new one after any edit or once a scheduled moment passed.

    Reads one cache key, unless given the state already read with it (PageCacheMiddleware reads the state and the
    page in one round trip); queries the database only when a new generation starts.
    """
    now = timezone.now()
    if state is None:
        state = _cache().get(STATE_KEY)
    if state is None or (state["next"] is not None and now >= state["next"]):
        state = {"token": uuid.uuid4().hex, "next": next_scheduled_change(now)}
        _cache().set(STATE_KEY, state, timeout=None)
    # Pages that depend on today's date ("upcoming meetings") change at midnight.
    return f"{state['token']}:{timezone.localdate(now).isoformat()}"


def kept_name(prefix, *parts):
    """A name for kept_for_generation from what a visitor chose (a query, filters), of a bounded length."""
    return f"{prefix}:{hashlib.sha256(repr(parts).encode()).hexdigest()}"


def kept_for_generation(name, compute):
    """compute() once per generation: a value read from public content only, the same for every visitor.

    The only values kept besides whole pages, each a scan of the whole archive that took a large share of an
    uncached page at 10,000 publications (README "Benchmark"): a finder's option counts (core.filters, a GROUP BY
    for each filter: about 60% of the publications list, and the year filter's choices: on SQLite, three quarters
    of a list filtered by year), a list's count for each set of filters (core.views.KeptCountMixin), the search
    form's years (search.views), the home page's counts (pages.views), a query's number of matches with its best
    thousand (search.engine.Ranked: ranking every match), a page's highlighted excerpts (search.engine.results: two
    fifths of the page on PostgreSQL), and, not a scan but read by every page, the footer's EU partners
    (meetings_tags.partner_services: a seventh of a page with no query of its own). Kept as long as the pages (any
    edit, scheduled moment or midnight starts a new generation; at most IOMEU_PAGE_CACHE_SECONDS), so a signed-in
    editor's uncached page and the first page of a generation share it.
    Computed every time when the page cache is off or the cache is unreachable.
    """
    seconds = page_cache_seconds()
    if not seconds:
        return compute()
    try:
        key = f"pagecache:value:{current_generation()}:{name}"
        value = _cache().get(key)
    except DatabaseError:
        return compute()
    except Exception:
        logger.warning("The cache is unavailable; computing %s without it.", name, exc_info=True)
        return compute()
    if value is None:
        value = compute()
        try:
            _cache().set(key, value, seconds)
        except Exception:
            logger.warning("Could not keep %s in the cache.", name, exc_info=True)
    return value


def invalidate_pages():
    """Start a new generation: every cached page is rendered again on its next request.

    Call it after changes that send no signal (queryset.update(), bulk_create()).
    """
    try:
        _cache().delete(STATE_KEY)
    except Exception:
        # An unreachable cache must not block an editor's save; the TTL still bounds staleness.
        logger.warning("Could not invalidate the page cache.", exc_info=True)


def _invalidate_now_and_on_commit():
    invalidate_pages()
    # Again after the commit: a page rendered between the save and the commit showed the old data.
    transaction.on_commit(invalidate_pages, robust=True)


def affects_pages(model):
    label = model._meta.label_lower
    return model._meta.app_label in settings.IOMEU_PAGE_CACHE_APPS and label not in settings.IOMEU_PAGE_CACHE_IGNORE


def _on_save_or_delete(sender, **kwargs):
    if kwargs.get("raw") or not affects_pages(sender):
        return
    _invalidate_now_and_on_commit()


def _on_m2m_changed(sender, action, **kwargs):
    if action.startswith("post_") and affects_pages(sender):
        _invalidate_now_and_on_commit()


def connect_signals():
    post_save.connect(_on_save_or_delete, dispatch_uid="iomeu_pagecache_save")
    post_delete.connect(_on_save_or_delete, dispatch_uid="iomeu_pagecache_delete")
    m2m_changed.connect(_on_m2m_changed, dispatch_uid="iomeu_pagecache_m2m")


# Pages ------------------------------------------------------------------------------------------------------------


def request_is_cacheable(request):
    """Anonymous GET/HEAD of a public page: no session (staff have one), no credentials, not an excluded path."""
    if request.method not in ("GET", "HEAD"):
        return False
    if any(request.path.startswith(prefix) for prefix in settings.IOMEU_PAGE_CACHE_EXCLUDE_PATHS):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    return "HTTP_AUTHORIZATION" not in request.META


def response_is_cacheable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    directives = set(split_directive_names(response.get("Cache-Control", "")))
    if directives & {"private", "no-cache", "no-store"} or get_max_age(response) == 0:
        return False
    vary = {value.lower() for value in split_header_value(response.get("Vary", ""))}
    if vary - _SAFE_VARY:
        return False
    # A page that handed out a CSRF token or a CSP nonce is unique to its request.
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or getattr(request, "_csp_nonce", None):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def page_key(request):
    """One key per address: a page of a new generation takes the place of the old one (stored with its generation)."""
    url = request.build_absolute_uri()
    return f"pagecache:page:{hashlib.sha256(url.encode()).hexdigest()}"


def _rebuild(entry):
    from django.http import HttpResponse

    _generation, status, headers, content = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response.headers[name] = value
    response[CACHE_HEADER] = "hit"
    return response


class PageCacheMiddleware:
    """Serves anonymous visitors' public pages from the cache and stores what it renders for them.

    Place it after AuthenticationMiddleware (late in MIDDLEWARE), so that the security, CSP and conditional-GET
    middlewares above it treat a cached page like a fresh one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = page_cache_seconds()
        if not seconds or not request_is_cacheable(request):
            return self.get_response(request)
        key = page_key(request)
        try:
            # The generation's state and the page in one round trip; the page counts only if of this generation.
            found = _cache().get_many([STATE_KEY, key])
            generation = current_generation(found.get(STATE_KEY))
            entry = found.get(key)
        except DatabaseError:
            # The generation could not be renewed; render (or fail into the outage page) without the cache.
            return self.get_response(request)
        except Exception:
            logger.warning("The page cache is unavailable; serving without it.", exc_info=True)
            return self.get_response(request)
        if entry is not None and entry[0] == generation:
            return _rebuild(entry)

        response = self.get_response(request)
        if request.method == "GET" and response_is_cacheable(request, response):
            self.store(key, generation, response, seconds)
        return response

    def store(self, key, generation, response, seconds):
        response["Last-Modified"] = http_date()
        if not response.has_header("ETag"):
            set_response_etag(response)
        # Browsers may keep the page but must ask again (a cheap 304 while it is unchanged).
        patch_cache_control(response, no_cache=True)
        entry = (generation, response.status_code, list(response.items()), response.content)
        try:
            _cache().set(key, entry, seconds)
        except Exception:
            logger.warning("Could not store a page in the cache.", exc_info=True)
        response[CACHE_HEADER] = "miss"
