"""/healthz tells a load balancer whether this app server can serve: database and cache, 200 or 503."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_a_healthy_server_answers_200_with_each_check_ok(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_the_answer_is_never_cached(client):
    assert "no-store" in client.get("/healthz")["Cache-Control"]


def test_a_server_that_cannot_reach_its_database_answers_503(client):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("server gone")):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unavailable", "cache": "ok"}


def test_a_server_that_cannot_reach_its_cache_answers_503(client):
    unreachable = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    with override_settings(CACHES=unreachable):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "cache": "unavailable"}


def test_the_answer_gives_away_no_detail_of_the_failure(client):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("password=hunter2")):
        response = client.get("/healthz")

    assert b"hunter2" not in response.content


def test_only_reading_is_allowed(client):
    assert client.post("/healthz").status_code == 405
    assert client.head("/healthz").status_code == 200
