"""Property-based tests with hypothesis: a profile that keeps the whole fuzz run well under a minute.

IOMEU_FUZZ_EXAMPLES raises the number of examples per test for a longer local hunt, e.g.
`IOMEU_FUZZ_EXAMPLES=2000 .venv/bin/pytest tests/fuzz`.
"""

import os

import pytest
from django.core.management import call_command
from django.test import Client
from hypothesis import HealthCheck, settings

settings.register_profile(
    "iomeu",
    max_examples=int(os.environ.get("IOMEU_FUZZ_EXAMPLES", "60")),
    deadline=None,
    # The database is set up once per test function and only read by the examples.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    # No example database in the work tree; a failure prints the seed and the input that reproduce it.
    database=None,
    print_blob=True,
    # CI runs the same examples every time (a failure there is about the change, not the dice); locally they vary.
    derandomize=bool(os.environ.get("CI")),
)
settings.load_profile("iomeu")


@pytest.fixture
def seeded_client(db):
    """A visitor's client on a database holding the seeded record."""
    call_command("load_seed_content", verbosity=0)
    return Client(raise_request_exception=True)
