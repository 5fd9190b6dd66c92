"""Sessions end after 30 idle minutes (renewed by requests, at most a minute apart) and 12 hours after login."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from unions.auth_events import SESSION_STARTED_KEY

HOME = "/staff/"
LOGIN = "/accounts/login/"


def _login(client, user, *, started_seconds_ago: float = 0) -> None:
    client.force_login(user)
    session = client.session
    session[SESSION_STARTED_KEY] = time.time() - started_seconds_ago
    session.save()


def _expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_idle_timeout_is_thirty_minutes_renewed_within_a_minute_of_every_request():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    # Renewed by config.security.IdleSessionRenewalMiddleware, not by a write per request.
    assert settings.SESSION_SAVE_EVERY_REQUEST is False
    assert settings.SESSION_RENEW_AFTER <= 60
    assert settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds() == 12 * 3600


@pytest.mark.django_db
def test_every_request_pushes_the_session_expiry_thirty_minutes_ahead(client, world):
    _login(client, world.user_a)
    # Pretend 25 idle minutes have passed: five minutes of the session are left.
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() + timedelta(minutes=5)
    )

    response = client.get(HOME)

    assert response.status_code == 200
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    # The cookie is re-sent on every response. It is a browser-session cookie
    # (SESSION_EXPIRE_AT_BROWSER_CLOSE), so the 30 minutes are kept on the server side.
    assert cookie.value == client.session.session_key
    assert cookie["max-age"] == ""
    assert cookie["httponly"] is True
    left = _expiry(client) - timezone.now()
    assert timedelta(minutes=29) < left <= timedelta(minutes=30)


@pytest.mark.django_db
def test_a_session_idle_for_more_than_thirty_minutes_is_sent_to_login(client, world):
    _login(client, world.user_a)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )

    response = client.get(HOME)

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


@pytest.mark.django_db
def test_a_session_started_twelve_hours_and_one_second_ago_is_logged_out(client, world):
    _login(client, world.user_a, started_seconds_ago=12 * 3600 + 1)

    response = client.get(HOME)

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session
    # And it stays logged out: the next request is anonymous too.
    assert client.get(HOME)["Location"].startswith(LOGIN)


@pytest.mark.django_db
def test_a_session_started_eleven_hours_ago_is_kept(client, world):
    _login(client, world.user_a, started_seconds_ago=11 * 3600)

    response = client.get(HOME)

    assert response.status_code == 200
    assert client.session["_auth_user_id"] == str(world.user_a.pk)


@pytest.mark.django_db
def test_a_login_through_the_form_records_when_the_session_started(client, world):
    from tests.factories import PASSWORD

    before = time.time()
    response = client.post(LOGIN, {"username": "clerk_a", "password": PASSWORD})

    assert response.status_code == 302
    assert before <= client.session[SESSION_STARTED_KEY] <= time.time()
