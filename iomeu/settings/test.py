"""Settings for the test suite: the local default, made fast and isolated."""

import atexit
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "django-insecure-tests-only"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="iomeu-test-media-"))
# Tests that need their own private folder override STORAGES (Django then opens the storages anew).
_private_media_root = Path(tempfile.mkdtemp(prefix="iomeu-test-private-media-"))
STORAGES = {
    **STORAGES,  # noqa: F405
    "private": {"BACKEND": "core.storage.PrivateStorage", "OPTIONS": {"location": _private_media_root}},
}
# Each process that loads these settings gets its own folders; they go when it exits.
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
atexit.register(shutil.rmtree, _private_media_root, ignore_errors=True)
IOMEU_X_ACCEL_REDIRECT_PREFIX = ""
ALLOWED_HOSTS = ["*"]
# django-axes needs a request to authenticate, which the test client's login() does not pass; the lockout tests
# switch it on for themselves (tests/iomeu/test_security.py).
AXES_ENABLED = False
# The page cache on, as in production, in this process's memory (never a Redis that REDIS_URL names):
# tests/conftest.py empties it before each test, since a database rollback sends no signal to invalidate it.
IOMEU_PAGE_CACHE_SECONDS = 300
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "iomeu-tests"}}
