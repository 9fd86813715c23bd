"""An attacker guesses staff passwords and tries to dodge django-axes' lockout: by forging the leftmost addresses of
X-Forwarded-For behind our proxy, or by trying many usernames from one address.

Behind one proxy (IOMEU_CLIENT_IP_HEADER=HTTP_X_FORWARDED_FOR, IOMEU_PROXY_COUNT=1) the proxy appends the address it
received the request from, so a forged "X-Forwarded-For: 203.0.113.N" arrives as "203.0.113.N, 198.51.100.7": only
the rightmost entry is the attacker's. The settings are loaded from the environment as a server loads them.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt
from django.test import RequestFactory
from django.urls import reverse

from tests.core.staff import PASSWORD, editor_fixture, make_staff  # noqa: F401 (fixtures)

BASE_DIR = Path(__file__).resolve().parents[2]
ATTACKER = "198.51.100.7"
PROXY = "10.0.0.2"


def load_settings(**environ):
    """The client-address settings of iomeu.settings.base imported in a fresh interpreter with only environ set."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **environ}
    code = (
        "import json, iomeu.settings.base as s; "
        "print(json.dumps({name: getattr(s, name) for name in ('AXES_IPWARE_META_PRECEDENCE_ORDER', "
        "'AXES_IPWARE_PROXY_COUNT', 'AXES_IPWARE_PROXY_ORDER', 'IPWARE_STRICT') if hasattr(s, name)}))"
    )
    return subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60, check=False
    )


def configured(**environ):
    result = load_settings(**environ)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def behind_one_proxy(settings):
    """The settings a server with IOMEU_CLIENT_IP_HEADER=HTTP_X_FORWARDED_FOR and IOMEU_PROXY_COUNT=1 gets."""
    for name, value in configured(IOMEU_CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR", IOMEU_PROXY_COUNT="1").items():
        setattr(settings, name, tuple(value) if isinstance(value, list) else value)
    settings.AXES_ENABLED = True


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True


def sign_in(client, username, password, **extra):
    return client.post(reverse("admin:login"), {"username": username, "password": password}, **extra)


def through_proxy(forwarded_for):
    return {"HTTP_X_FORWARDED_FOR": forwarded_for, "REMOTE_ADDR": PROXY}


# Forged X-Forwarded-For ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "forwarded_for",
    [
        "203.0.113.9, 198.51.100.7",
        "8.8.8.8, 203.0.113.9, 198.51.100.7",
        "not-an-address, 198.51.100.7",
        "198.51.100.7",  # an honest client: the proxy's entry only
    ],
)
def test_behind_one_proxy_axes_takes_the_address_the_proxy_appended(behind_one_proxy, forwarded_for):
    request = RequestFactory().post("/admin/login/", **through_proxy(forwarded_for))
    assert get_client_ip_address(request) == ATTACKER


def test_without_a_proxy_a_forged_x_forwarded_for_is_ignored(settings):
    for name, value in configured().items():
        setattr(settings, name, tuple(value) if isinstance(value, list) else value)
    request = RequestFactory().post("/admin/login/", HTTP_X_FORWARDED_FOR="203.0.113.9", REMOTE_ADDR=ATTACKER)
    assert get_client_ip_address(request) == ATTACKER


@pytest.mark.django_db
def test_forging_the_leftmost_x_forwarded_for_address_on_each_attempt_does_not_dodge_the_lockout(
    client, editor, behind_one_proxy
):
    for attempt in range(4):
        response = sign_in(client, "edith", "wrong password", **through_proxy(f"203.0.113.{attempt}, {ATTACKER}"))
        assert response.status_code == 200
    assert sign_in(client, "edith", "wrong password", **through_proxy(f"203.0.113.50, {ATTACKER}")).status_code == 429
    # Seven tries in all, each with a new forged address: all refused now, even the right password.
    for attempt in range(5, 7):
        response = sign_in(client, "edith", PASSWORD, **through_proxy(f"203.0.113.{attempt + 100}, {ATTACKER}"))
        assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}


@pytest.mark.django_db
def test_the_lockout_behind_the_proxy_holds_only_for_the_attackers_address(client, editor, behind_one_proxy):
    for attempt in range(5):
        sign_in(client, "edith", "wrong password", **through_proxy(f"203.0.113.{attempt}, {ATTACKER}"))
    # The real Edith, at another address, forging nothing, still signs in.
    assert sign_in(client, "edith", PASSWORD, **through_proxy("192.0.2.44")).status_code == 302


# Start-up refusal ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("header", ["HTTP_X_FORWARDED_FOR", "HTTP_FORWARDED", "HTTP_X_REAL_IP,HTTP_X_FORWARDED_FOR"])
@pytest.mark.parametrize("count", [None, "", "0"])
def test_a_forwarded_for_header_without_a_proxy_count_stops_the_site_from_starting(header, count):
    environ = {"IOMEU_CLIENT_IP_HEADER": header}
    if count is not None:
        environ["IOMEU_PROXY_COUNT"] = count
    result = load_settings(**environ)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "needs IOMEU_PROXY_COUNT" in result.stderr


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"IOMEU_CLIENT_IP_HEADER": "HTTP_X_FORWARDED_FOR", "IOMEU_PROXY_COUNT": "-1"}, "must be 1 or more"),
        ({"IOMEU_CLIENT_IP_HEADER": "HTTP_X_FORWARDED_FOR", "IOMEU_PROXY_COUNT": "one"}, "whole number"),
        ({"IOMEU_CLIENT_IP_HEADER": "X-Forwarded-For", "IOMEU_PROXY_COUNT": "1"}, "request.META key"),
        ({"IOMEU_PROXY_COUNT": "1"}, "set IOMEU_CLIENT_IP_HEADER=HTTP_X_FORWARDED_FOR"),
        ({"IOMEU_CLIENT_IP_HEADER": "HTTP_X_REAL_IP", "IOMEU_PROXY_COUNT": "1"}, "X-Forwarded-For style"),
    ],
)
def test_other_client_address_settings_that_cannot_tell_clients_apart_stop_the_site_from_starting(environ, message):
    result = load_settings(**environ)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and message in result.stderr


def test_the_settings_a_proxy_needs_still_start():
    assert configured(IOMEU_CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR", IOMEU_PROXY_COUNT="2")[
        "AXES_IPWARE_META_PRECEDENCE_ORDER"
    ] == ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    assert configured(IOMEU_CLIENT_IP_HEADER="HTTP_X_REAL_IP")["AXES_IPWARE_PROXY_COUNT"] is None
    assert configured()["AXES_IPWARE_META_PRECEDENCE_ORDER"] == ["REMOTE_ADDR"]


def test_behind_two_proxies_axes_takes_the_second_address_from_the_right(settings):
    for name, value in configured(IOMEU_CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR", IOMEU_PROXY_COUNT="2").items():
        setattr(settings, name, tuple(value) if isinstance(value, list) else value)
    forged = f"203.0.113.9, {ATTACKER}, 10.0.0.9"  # the first proxy appended the attacker, the second the first
    request = RequestFactory().post("/admin/login/", **through_proxy(forged))
    assert get_client_ip_address(request) == ATTACKER


# One address, many usernames ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_one_address_trying_many_usernames_is_locked_out_after_twenty_failures(client, axes_on, settings):
    make_staff("target")
    limit = settings.IOMEU_LOGIN_ADDRESS_FAILURE_LIMIT
    assert limit == 20
    # Four guesses per username stay under the per-username limit (5); the address's total reaches its own.
    for attempt in range(limit - 1):
        assert sign_in(client, f"user{attempt // 4}", "guess").status_code == 200
    assert sign_in(client, "someone-else", "guess").status_code == 429
    # Now the address is locked for every username, even with the right password.
    assert sign_in(client, "target", PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_spraying_usernames_from_one_address_leaves_other_addresses_free(client, axes_on, settings):
    make_staff("target")
    for attempt in range(settings.IOMEU_LOGIN_ADDRESS_FAILURE_LIMIT):
        sign_in(client, f"user{attempt}", "guess")
    assert sign_in(client, "target", PASSWORD).status_code == 429
    assert sign_in(client, "target", PASSWORD, REMOTE_ADDR="192.0.2.44").status_code == 302


@pytest.mark.django_db
def test_colleagues_behind_one_address_with_a_few_typos_each_are_not_locked_out(client, axes_on):
    colleagues = [make_staff(f"colleague{number}") for number in range(5)]
    for colleague in colleagues:
        for _typo in range(3):
            assert sign_in(client, colleague.username, "typo").status_code == 200
    # 15 failures from the office's address, under its limit of 20.
    assert sign_in(client, "colleague0", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_signing_in_to_ones_own_account_does_not_clear_the_failures_against_other_accounts(client, axes_on):
    """An insider (or a stolen account) cannot reset the count of guesses at a colleague's password."""
    make_staff("insider")
    make_staff("target")
    for _guess in range(4):
        sign_in(client, "target", "guess")
    assert sign_in(client, "insider", PASSWORD).status_code == 302
    client.logout()
    assert sign_in(client, "target", "guess").status_code == 429
    assert sign_in(client, "target", PASSWORD).status_code == 429


@pytest.mark.django_db
def test_a_successful_sign_in_still_forgives_ones_own_typos(client, axes_on):
    make_staff("edith")
    for _typo in range(4):
        sign_in(client, "edith", "typo")
    assert sign_in(client, "edith", PASSWORD).status_code == 302
    client.logout()
    for _typo in range(4):
        assert sign_in(client, "edith", "typo").status_code == 200
    assert sign_in(client, "edith", PASSWORD).status_code == 302
