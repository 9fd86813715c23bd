import contextlib

import pytest
from django.core.cache import cache

from core.cache import current_generation


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Each test starts with no cached page: the rollback of the previous test's data sent no signal."""
    cache.clear()


@pytest.fixture
def assert_max_page_queries(django_assert_max_num_queries):
    """django_assert_max_num_queries for the render of a page: the page cache's generation, which starts once
    after an edit (with a query for each kind of content), is started before counting."""

    @contextlib.contextmanager
    def at_most(bound):
        current_generation()
        with django_assert_max_num_queries(bound) as context:
            yield context

    return at_most


@pytest.fixture
def private_root(tmp_path, settings, monkeypatch):
    """A private storage folder of the test's own (photos, covers, PDFs and renditions are stored there).

    File fields open their storage once, when their model is defined: those on the private storage are pointed
    at the new folder too.
    """
    from django.apps import apps
    from django.core.files.storage import storages
    from django.db import models

    from core.storage import get_private_storage

    root = tmp_path / "private-media"
    root.mkdir()
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "core.storage.PrivateStorage", "OPTIONS": {"location": root}},
    }
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField) and getattr(field, "_storage_callable", None) is get_private_storage:
                monkeypatch.setattr(field, "storage", storages["private"])
    return root
