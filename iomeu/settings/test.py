"""Settings for the test suite: the local default, made fast and isolated."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "django-insecure-tests-only"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="iomeu-test-media-"))
ALLOWED_HOSTS = ["*"]
