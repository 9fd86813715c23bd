"""Production: DEBUG off, a real secret key required, HTTPS everywhere."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_int

DEBUG = env_bool("DJANGO_DEBUG", default=False)

if not SECRET_KEY or SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 50:  # noqa: F405
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a random value of at least 50 characters in production "
        "(python -c 'import secrets; print(secrets.token_urlsafe(64))')."
    )

SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# HttpOnly: no script reads the cookies; "__Host-": sent only over HTTPS, to this exact host, for the whole site.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
# Load balancers ask for /healthz over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Static files: WhiteNoise serves the hashed, compressed copies made by collectstatic, with far-future caching.
MIDDLEWARE = [*MIDDLEWARE]  # noqa: F405
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "whitenoise.middleware.WhiteNoiseMiddleware"
)
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# SQLite (one server): each thread keeps its connection, so SQLite's page cache survives between requests; the file
# is memory-mapped for reads (base.py already queues writers and turns WAL on).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["CONN_MAX_AGE"] = None  # noqa: F405
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
    DATABASES["default"]["OPTIONS"]["init_command"] += " PRAGMA mmap_size=268435456; PRAGMA cache_size=-32000;"  # noqa: F405

# PostgreSQL: a pool of open connections per process (psycopg_pool) instead of a new connection per request.
# Connections are checked before use, so the site recovers by itself after the database restarts.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
    DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", env_int("IOMEU_DB_CONNECT_TIMEOUT", 5))  # noqa: F405
    DATABASES["default"]["OPTIONS"]["pool"] = {  # noqa: F405
        "min_size": env_int("IOMEU_DB_POOL_MIN_SIZE", 1),
        "max_size": env_int("IOMEU_DB_POOL_MAX_SIZE", 4),
        # A request waits at most this long for a connection, then gets the 503 page.
        "timeout": env_int("IOMEU_DB_POOL_TIMEOUT", 5),
    }

# E-mail: the SMTP server EMAIL_HOST names (base.py); without it, the machine's own mail server on localhost:25
# (never the console in production). A failed send is logged and told to the editor; it never fails their action.
if not os.environ.get("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "localhost", "port": 25, "timeout": 10},
        }
    }
