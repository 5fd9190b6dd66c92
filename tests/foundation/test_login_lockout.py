"""Five wrong passwords lock the account, and logins, logouts and failures are logged."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client

from tests.factories import PASSWORD
from unions.models import SecurityEvent

LOGIN = "/accounts/login/"


def _csrf_client() -> Client:
    # Enforce CSRF as a browser would meet it: read the token from the rendered form.
    return Client(enforce_csrf_checks=True)


def _post_login(client: Client, username: str, password: str):
    page = client.get(LOGIN)
    assert page.status_code == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    assert token, "login form has no CSRF token"
    return client.post(
        LOGIN,
        {"username": username, "password": password, "csrfmiddlewaretoken": token.group(1)},
    )


@pytest.mark.django_db
def test_a_wrong_password_shows_the_form_again_and_logs_a_failure(world):
    client = _csrf_client()

    response = _post_login(client, "clerk_a", "not-the-password")

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert SecurityEvent.objects.filter(
        kind=SecurityEvent.Kind.LOGIN_FAILED, username="clerk_a"
    ).exists()


@pytest.mark.django_db
def test_the_sixth_attempt_after_five_wrong_passwords_is_locked_out_even_when_right(world):
    assert settings.AXES_FAILURE_LIMIT == 5
    client = _csrf_client()
    for _ in range(5):
        _post_login(client, "clerk_a", "not-the-password")

    response = _post_login(client, "clerk_a", PASSWORD)

    assert response.status_code == 429
    assert 'data-testid="locked-out"' in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/staff/").status_code == 302
    assert SecurityEvent.objects.filter(
        kind=SecurityEvent.Kind.LOCKED_OUT, username="clerk_a"
    ).exists()
    assert (
        SecurityEvent.objects.filter(
            kind=SecurityEvent.Kind.LOGIN_FAILED, username="clerk_a"
        ).count()
        >= 5
    )
    assert not SecurityEvent.objects.filter(kind=SecurityEvent.Kind.LOGIN).exists()


@pytest.mark.django_db
def test_login_and_logout_through_the_form_write_security_events(world):
    client = _csrf_client()

    response = _post_login(client, "clerk_a", PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(world.user_a.pk)
    login = SecurityEvent.objects.get(kind=SecurityEvent.Kind.LOGIN)
    assert (login.user, login.username, login.ip_address) == (world.user_a, "clerk_a", "127.0.0.1")

    # Logout is POST-only and carries the CSRF token of a page the user saw.
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post("/accounts/logout/", {"csrfmiddlewaretoken": token})

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    logout = SecurityEvent.objects.get(kind=SecurityEvent.Kind.LOGOUT)
    assert (logout.user, logout.username) == (world.user_a, "clerk_a")


@pytest.mark.django_db
def test_logout_by_get_is_refused(world):
    client = Client()
    client.force_login(world.user_a)

    response = client.get("/accounts/logout/")

    assert response.status_code == 405
    assert "_auth_user_id" in client.session
