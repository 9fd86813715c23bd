"""Settings shared by every environment; everything that varies comes from the environment."""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from js_asset import Script

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


DEBUG = env_bool("DJANGO_DEBUG", default=False)

# Only the local and test settings provide a development key; production refuses to start without one.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",  # search on PostgreSQL; harmless on SQLite
    "django_filters",
    "reversion",
    "axes",
    "django_prose_editor",
    # Bottom to top of the import layers (docs/architecture.md); iomeu, the project, holds the site-wide tags.
    "richtext",
    "core",
    "editorial",
    "search",
    "images",
    "meetings",
    "publications",
    "pages",
    "iomeu",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Cache-Control: private on every response to a signed-in user (outermost but one, so it sees every response).
    "core.security.PrivateForSignedInUsersMiddleware",
    # ETag, Last-Modified and 304 on every page, cached or not.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # A lost database connection gives the 503 page; the page cache serves anonymous visitors before any query.
    "iomeu.outage.DatabaseUnavailableMiddleware",
    "core.cache.PageCacheMiddleware",
    # Last, as django-axes asks: turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "iomeu.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
            ],
        },
    },
]

WSGI_APPLICATION = "iomeu.wsgi.application"

# SQLite in the project folder unless DATABASE_URL points elsewhere (postgres://... uses psycopg 3).
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=0,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Two staff saving at once (or a save beside a page view) queue for the write lock instead of failing with
    # "database is locked": each transaction takes the lock when it begins, WAL lets pages be read meanwhile, and a
    # writer waits up to 5 s for its turn. The same on a laptop, in the tests and in production.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first: it refuses a locked-out username and IP pair before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/Brussels"
# The site is written in English only: with translation off Django skips its per-language lookups (every reverse()
# and every formatted date asked which language is active), an eighth of a list page's time (README "Benchmark").
# Dates and the admin's input formats still follow en-gb's format module, as with it on.
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))

MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # PDFs and covers of publications, and media files only a stored revision still uses (core.storage), live
    # outside MEDIA_ROOT, so no URL serves them: only the download views do, after checking that the publication
    # is public. Never put this folder under MEDIA_ROOT or STATIC_ROOT.
    "private": {
        "BACKEND": "core.storage.PrivateStorage",
        "OPTIONS": {"location": Path(os.environ.get("IOMEU_PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))},
    },
}

# Media on S3-compatible object storage when a bucket is set (credentials from AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY, or the machine's role); the local folder above otherwise. Objects stay private: every
# URL is signed. Links in pages live an hour (longer than a cached page); downloads redirect to a signed URL that
# lives IOMEU_SIGNED_DOWNLOAD_SECONDS (core.storage.signed_download_redirect).
IOMEU_S3_BUCKET = os.environ.get("IOMEU_S3_BUCKET", "")
IOMEU_SIGNED_DOWNLOAD_SECONDS = env_int("IOMEU_SIGNED_DOWNLOAD_SECONDS", 60)
# The rich-text editor (django-prose-editor): the site's own preset, which runs under the Content-Security-Policy
# (richtext/static/richtext/editor.js). Its assets are served by the site (WhiteNoise), never a CDN.
DJANGO_PROSE_EDITOR_PRESETS = {"iomeu": [Script("richtext/editor.js", type="module")]}

# How long browsers and shared caches may keep a public picture (images.views): its URL changes with the picture.
IOMEU_IMAGE_MAX_AGE = env_int("IOMEU_IMAGE_MAX_AGE", 365 * 24 * 3600)
if IOMEU_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": IOMEU_S3_BUCKET,
            "endpoint_url": os.environ.get("IOMEU_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("IOMEU_S3_REGION") or None,
            "location": os.environ.get("IOMEU_S3_PREFIX", "media"),
            "default_acl": None,
            "querystring_auth": True,
            "signature_version": "s3v4",
            "querystring_expire": env_int("IOMEU_S3_URL_SECONDS", 3600),
            "file_overwrite": False,
        },
    }
    # The bucket's "private/" prefix: no public URL either, the download views redirect to a short-lived signed URL.
    STORAGES["private"] = {**STORAGES["default"], "OPTIONS": {**STORAGES["default"]["OPTIONS"], "location": "private"}}

# Redis when REDIS_URL is set (shared by every app server: an edit on one clears the pages of all);
# otherwise memory local to each process.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("IOMEU_CACHE_PREFIX", "iomeu"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "iomeu",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

# The page cache (core.cache): anonymous visitors' public pages, cleared by any edit of content and at each
# scheduled publication or expiry; no page is served older than this many seconds. 0 switches it off.
IOMEU_PAGE_CACHE_SECONDS = env_int("IOMEU_PAGE_CACHE_SECONDS", 300)
IOMEU_PAGE_CACHE_ALIAS = "default"
IOMEU_PAGE_CACHE_EXCLUDE_PATHS = ["/admin/", "/healthz", "/static/", "/media/", "/accounts/"]
# Saving or deleting any model of these apps starts a new cache generation...
IOMEU_PAGE_CACHE_APPS = ["core", "search", "meetings", "publications", "pages"]
# ...except these ("app_label.modelname"), which never change what a page shows.
IOMEU_PAGE_CACHE_IGNORE = ["publications.downloadcount"]

# Uploaded images: anything larger than this many pixels is refused (decompression bombs).
IOMEU_MAX_IMAGE_PIXELS = env_int("IOMEU_MAX_IMAGE_PIXELS", 40_000_000)
# Uploaded PDFs: the size limit in bytes.
IOMEU_MAX_PDF_BYTES = env_int("IOMEU_MAX_PDF_BYTES", 50 * 1024 * 1024)
# Behind nginx: the internal location that maps to the private storage's folder (e.g. "/_private-media/"). When set,
# downloads answer with X-Accel-Redirect and nginx sends the bytes; empty means Django streams them.
IOMEU_X_ACCEL_REDIRECT_PREFIX = os.environ.get("IOMEU_X_ACCEL_REDIRECT_PREFIX", "")

# The site's name in page titles, the header and link previews ({% site_name %} in iomeu/templatetags/site_meta.py).
SITE_NAME = "IOM and the European Union"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# Security headers on every response (SecurityMiddleware, XFrameOptionsMiddleware, ContentSecurityPolicyMiddleware).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No inline script or style anywhere: the admin's few inline elements carry the per-request nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    # Media served from object storage (IOMEU_S3_BUCKET) come from its origin, e.g. https://bucket.s3.amazonaws.com.
    "img-src": [CSP.SELF, *env_list("IOMEU_CSP_MEDIA_ORIGINS")],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Staff sessions (the public has none) end after this many minutes without a request.
SESSION_COOKIE_AGE = env_int("IOMEU_SESSION_IDLE_MINUTES", 60) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Login throttling (django-axes): 5 failures lock that username from that IP address, and 20 failures from one
# address, whatever the usernames, lock that address, each for the cool-off time (core.security.LoginThrottleHandler
# gives the address its own, higher limit: an office behind one NAT shares an address).
AXES_HANDLER = "core.security.LoginThrottleHandler"
AXES_FAILURE_LIMIT = 5
IOMEU_LOGIN_ADDRESS_FAILURE_LIMIT = 20
AXES_LOCKOUT_PARAMETERS = ["ip_address", ["username", "ip_address"]]
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("IOMEU_LOGIN_COOLOFF_MINUTES", 30))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/lockout.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "core.security.axes_username"

# The client's address. Without a proxy, the connection's (REMOTE_ADDR). Behind a reverse proxy,
# IOMEU_CLIENT_IP_HEADER names the request.META key of the header that carries it (HTTP_X_REAL_IP, which the proxy
# overwrites, or HTTP_X_FORWARDED_FOR) and IOMEU_PROXY_COUNT how many proxies append to X-Forwarded-For. The client
# writes the start of that list itself, so only the last IOMEU_PROXY_COUNT entries are trusted: the client's
# address is the IOMEU_PROXY_COUNT-th from the right (the rightmost with one proxy).
IOMEU_CLIENT_IP_HEADER = env_list("IOMEU_CLIENT_IP_HEADER")
IOMEU_PROXY_COUNT = env_int("IOMEU_PROXY_COUNT", 0)
# Headers that hold a list of addresses, the leftmost written by the client (X-Forwarded-For, Forwarded...).
_ADDRESS_LIST_HEADERS = [header for header in IOMEU_CLIENT_IP_HEADER if "FORWARDED" in header.upper()]
for _header in IOMEU_CLIENT_IP_HEADER:
    if not _header.startswith("HTTP_") or _header != _header.upper() or "-" in _header:
        raise ImproperlyConfigured(
            f"IOMEU_CLIENT_IP_HEADER must name a request.META key, such as HTTP_X_FORWARDED_FOR or HTTP_X_REAL_IP, "
            f"not {_header!r}."
        )
if IOMEU_PROXY_COUNT < 0:
    raise ImproperlyConfigured(f"IOMEU_PROXY_COUNT must be 1 or more, not {IOMEU_PROXY_COUNT}.")
if _ADDRESS_LIST_HEADERS and not IOMEU_PROXY_COUNT:
    raise ImproperlyConfigured(
        f"IOMEU_CLIENT_IP_HEADER={','.join(IOMEU_CLIENT_IP_HEADER)} needs IOMEU_PROXY_COUNT: the client writes the "
        "leftmost addresses of that header itself, so without the number of proxies in front of Django (1 for one "
        "load balancer) anyone could pick the address the sign-in lockout counts. Set IOMEU_PROXY_COUNT, or use a "
        "header the proxy overwrites (HTTP_X_REAL_IP)."
    )
if IOMEU_PROXY_COUNT and (not IOMEU_CLIENT_IP_HEADER or len(_ADDRESS_LIST_HEADERS) != len(IOMEU_CLIENT_IP_HEADER)):
    raise ImproperlyConfigured(
        "IOMEU_PROXY_COUNT counts the proxies that append to an X-Forwarded-For style header: set "
        "IOMEU_CLIENT_IP_HEADER=HTTP_X_FORWARDED_FOR with it, or leave it unset for a header the proxy overwrites."
    )
AXES_IPWARE_META_PRECEDENCE_ORDER = (*IOMEU_CLIENT_IP_HEADER, "REMOTE_ADDR")
# python-ipware counts the proxies whose own addresses follow the client's in the list and picks the entry before
# them; our proxies append the address they received from, so that is one fewer. Not strict: a list longer than
# expected (the client's own entries in front) still gives the entry at that position instead of being ignored.
AXES_IPWARE_PROXY_COUNT = IOMEU_PROXY_COUNT - 1 if IOMEU_PROXY_COUNT else None
IPWARE_STRICT = False

# E-mail (the editorial workflow tells Publishers of work to review, and authors of approvals and send-backs): the
# console by default; SMTP when EMAIL_HOST is set. The tests use Django's locmem backend.
# (Django 6.1's MAILERS; the old EMAIL_* settings may not be defined beside it.)
if os.environ.get("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["EMAIL_HOST"],
                "port": env_int("EMAIL_PORT", 587),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", default=True),
                "use_ssl": env_bool("EMAIL_USE_SSL", default=False),
                "timeout": env_int("EMAIL_TIMEOUT", 10),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "IOM EU staff site <noreply@localhost>")
