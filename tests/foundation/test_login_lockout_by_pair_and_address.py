"""Lockout counts the pair (user name, address); an address alone only at a looser limit.

Locking a user name alone would let anyone lock any named account from anywhere; locking
an address alone at 5 would let one clerk's typos lock out a whole office behind one NAT.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client, RequestFactory

from config.lockout import client_ip
from tests.factories import PASSWORD, UserFactory
from unions.models import SecurityEvent

LOGIN = "/accounts/login/"
ATTACKER = "203.0.113.9"
OFFICE = "198.51.100.7"


def _from(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def _login(client: Client, username: str, password: str):
    return client.post(LOGIN, {"username": username, "password": password})


def _fail(client: Client, username: str, times: int) -> None:
    for _ in range(times):
        assert _login(client, username, "not-the-password").status_code in (200, 429)


@pytest.mark.django_db
def test_five_failures_from_an_attacker_address_do_not_lock_the_user_elsewhere(world):
    _fail(_from(ATTACKER), "clerk_a", settings.AXES_FAILURE_LIMIT)

    response = _login(_from(OFFICE), "clerk_a", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/staff/"


@pytest.mark.django_db
def test_the_pair_is_locked_after_five_failures_even_with_the_right_password(world):
    attacker = _from(ATTACKER)
    _fail(attacker, "clerk_a", settings.AXES_FAILURE_LIMIT)

    response = _login(attacker, "clerk_a", PASSWORD)

    assert response.status_code == 429
    assert 'data-testid="locked-out"' in response.content.decode()
    assert "_auth_user_id" not in attacker.session


@pytest.mark.django_db
def test_four_failures_leave_the_pair_open(world):
    client = _from(OFFICE)
    _fail(client, "clerk_a", settings.AXES_FAILURE_LIMIT - 1)

    assert _login(client, "clerk_a", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_a_colleague_at_the_same_address_is_not_locked_by_one_users_failures(world):
    _fail(_from(OFFICE), "clerk_b", settings.AXES_FAILURE_LIMIT)

    assert _login(_from(OFFICE), "clerk_a", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_an_address_failing_for_many_user_names_is_locked_at_the_looser_limit(world):
    limit = settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS
    assert settings.AXES_FAILURE_LIMIT < limit <= 50
    sprayer = _from(ATTACKER)
    # Password spraying: a few guesses per name, never reaching the pair limit.
    per_name = settings.AXES_FAILURE_LIMIT - 1
    names = [f"guess{n}" for n in range(limit)]
    failed = 0
    for name in names:
        if failed + per_name >= limit:
            break
        _fail(sprayer, name, per_name)
        failed += per_name
    assert _login(_from(ATTACKER), "clerk_a", PASSWORD).status_code == 302, "locked too early"
    _fail(sprayer, "another-guess", limit - failed)

    locked = _login(_from(ATTACKER), "clerk_a", PASSWORD)

    assert locked.status_code == 429
    assert 'data-testid="locked-out"' in locked.content.decode()
    assert SecurityEvent.objects.filter(
        kind=SecurityEvent.Kind.LOCKED_OUT, ip_address=ATTACKER
    ).exists()
    # Other addresses are not affected.
    assert _login(_from(OFFICE), "clerk_a", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_the_address_limit_is_reached_by_the_failure_that_crosses_it(world, settings):
    settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS = 8
    UserFactory(username="clerk_c")
    client = _from(ATTACKER)
    _fail(client, "clerk_b", 4)
    _fail(client, "clerk_c", 3)

    crossing = _login(client, "clerk_a", "not-the-password")

    assert crossing.status_code == 429


def test_behind_one_trusted_proxy_the_client_is_the_address_the_proxy_appended(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().post(
        LOGIN,
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.9",  # the first entry is the client's claim
    )

    assert client_ip(request) == "203.0.113.9"


def test_without_trusted_proxies_a_forwarded_for_header_is_not_believed(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().post(
        LOGIN, REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="10.9.9.9"
    )

    assert client_ip(request) == "198.51.100.7"


def test_a_garbled_forwarded_for_entry_falls_back_to_the_peer(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().post(
        LOGIN, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="not-an-address"
    )

    assert client_ip(request) == "127.0.0.1"


def test_production_trusts_the_one_nginx_in_front_of_gunicorn():
    import subprocess
    import sys

    code = (
        "import os;os.environ.update(SECRET_KEY='x'*60,ALLOWED_HOSTS='h',"
        "DATABASE_URL='sqlite:////tmp/x.sqlite3');"
        "os.environ.pop('TRUSTED_PROXY_COUNT',None);"
        "import config.settings.production as p;print(p.TRUSTED_PROXY_COUNT)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "1"
