"""The production settings plus the benchmark's bare pages (bench/bare.py), never cached by the page cache."""

from iomeu.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
IOMEU_PAGE_CACHE_EXCLUDE_PATHS = [*IOMEU_PAGE_CACHE_EXCLUDE_PATHS, "/_bench/"]  # noqa: F405
