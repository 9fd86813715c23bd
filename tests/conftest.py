import contextlib

import pytest
from django.core.cache import cache

from iomeu.cache import current_generation


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
