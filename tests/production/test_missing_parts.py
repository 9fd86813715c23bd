"""A missing production part skips its tests with the reason, and fails them where IOMEU_REQUIRE_PRODUCTION says
that every part must be there (.ci/run)."""

import pytest

from .conftest import need


def test_a_missing_part_skips_with_its_reason(monkeypatch):
    monkeypatch.delenv("IOMEU_REQUIRE_PRODUCTION", raising=False)

    with pytest.raises(pytest.skip.Exception, match="nginx is not installed"):
        need("nginx is not installed (apt-get install nginx)")


def test_a_missing_part_fails_where_every_part_is_required(monkeypatch):
    monkeypatch.setenv("IOMEU_REQUIRE_PRODUCTION", "1")

    with pytest.raises(pytest.fail.Exception, match="IOMEU_REQUIRE_PRODUCTION is set but nginx is not installed"):
        need("nginx is not installed (apt-get install nginx)")


def test_nothing_happens_when_the_part_is_there(monkeypatch):
    monkeypatch.setenv("IOMEU_REQUIRE_PRODUCTION", "1")

    assert need(None) is None
