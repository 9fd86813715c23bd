"""Settings for the site the browser tests start: the test settings, served by a real server process.

The database and media folder come from the environment the test session sets up (see server.py).
"""

import os
from pathlib import Path

from iomeu.settings.test import *  # noqa: F403

ROOT_URLCONF = "tests.browser.urls"
MEDIA_ROOT = Path(os.environ["IOMEU_BROWSER_MEDIA_ROOT"])
# Shared by the process that seeds and the server (the test settings would give each its own temporary folder).
STORAGES = {
    **STORAGES,  # noqa: F405
    "private": {
        "BACKEND": "core.storage.PrivateStorage",
        "OPTIONS": {"location": MEDIA_ROOT.parent / "private-media"},
    },
}
# As in production: the page cache on, so the journeys also show that edits reach visitors at once.
IOMEU_PAGE_CACHE_SECONDS = 300
