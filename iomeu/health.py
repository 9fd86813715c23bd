"""/healthz for load balancers: 200 when the database and the cache answer, 503 otherwise, with a JSON body."""

import logging
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connections
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def check_database():
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("Health check: the database is unavailable.", exc_info=True)
        return "unavailable"
    return "ok"


def check_cache():
    cache = caches[settings.IOMEU_PAGE_CACHE_ALIAS]
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    try:
        cache.set(key, value, 10)
        ok = cache.get(key) == value
        cache.delete(key)
    except Exception:
        logger.warning("Health check: the cache is unavailable.", exc_info=True)
        return "unavailable"
    return "ok" if ok else "unavailable"


@require_safe
def healthz(request):
    checks = {"database": check_database(), "cache": check_cache()}
    healthy = all(state == "ok" for state in checks.values())
    response = JsonResponse({"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503)
    add_never_cache_headers(response)
    return response
