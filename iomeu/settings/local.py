"""The embedded default: runs with no environment at all (SQLite, local media, DEBUG on)."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DJANGO_DEBUG", default=True)
SECRET_KEY = SECRET_KEY or "django-insecure-local-development-only"  # noqa: F405
