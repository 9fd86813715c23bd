"""The production settings plus the benchmark's bare pages (bench/bare.py), never cached by the page cache."""

import os

from iomeu.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
IOMEU_PAGE_CACHE_EXCLUDE_PATHS = [*IOMEU_PAGE_CACHE_EXCLUDE_PATHS, "/_bench/"]  # noqa: F405

# bench/run's uncached runs: every page rendered (no page cache middleware), the values kept per generation still on.
if os.environ.get("BENCH_RENDER_EVERY_PAGE"):
    MIDDLEWARE = [name for name in MIDDLEWARE if name != "core.cache.PageCacheMiddleware"]  # noqa: F405
