"""Disabling an account or changing its password ends its sessions for good.

Re-enabling the account must not revive a session opened before it was disabled, whatever
SESSION_ENGINE stores the sessions (database, cache or signed cookies).
"""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import PASSWORD
from unions.auth_events import SESSION_GENERATION_KEY

HOME = "/staff/"
LOGIN = "/accounts/login/"
ENGINES = [
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cache",
    "django.contrib.sessions.backends.cached_db",
    "django.contrib.sessions.backends.signed_cookies",
]


def _signed_in(user) -> Client:
    client = Client()
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(HOME).status_code == 200
    return client


def _sent_to_login(client: Client) -> bool:
    response = client.get(HOME)
    return response.status_code == 302 and response["Location"].startswith(LOGIN)


def _set_active(user, active: bool) -> None:
    user.is_active = active
    user.save()


@pytest.fixture(params=ENGINES, ids=lambda e: e.rsplit(".", 1)[-1])
def engine(request, settings):
    settings.SESSION_ENGINE = request.param
    return request.param


@pytest.mark.django_db
def test_a_session_does_not_come_back_when_its_account_is_re_enabled(engine, world):
    old = _signed_in(world.user_a)

    _set_active(world.user_a, False)
    _set_active(world.user_a, True)

    assert _sent_to_login(old)
    # And the account itself works again: a new login opens a fresh, usable session.
    assert _signed_in(world.user_a).get(HOME).status_code == 200


@pytest.mark.django_db
def test_a_session_does_not_come_back_after_a_password_change(engine, world):
    old = _signed_in(world.user_a)

    world.user_a.set_password("Harbour-lantern-2031")
    world.user_a.save()

    assert _sent_to_login(old)


@pytest.mark.django_db
def test_disabling_through_the_admin_ends_the_sessions(world):
    old = _signed_in(world.user_a)
    admin = Client()
    admin.force_login(world.admin)
    page = admin.get(f"/admin/auth/user/{world.user_a.pk}/change/")
    form = page.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in ("password", "groups", "user_permissions")
    }
    data.update(
        {
            "is_active": "",
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "08:00:00",
            "profile-TOTAL_FORMS": "1",
            "profile-INITIAL_FORMS": "1",
            "profile-MIN_NUM_FORMS": "0",
            "profile-MAX_NUM_FORMS": "1",
            "profile-0-id": world.user_a.profile.pk,
            "profile-0-user": world.user_a.pk,
            "profile-0-role": "union",
            "profile-0-union": world.union_a.pk,
        }
    )
    data.pop("is_active")

    response = admin.post(f"/admin/auth/user/{world.user_a.pk}/change/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    world.user_a.refresh_from_db()
    assert world.user_a.is_active is False
    _set_active(world.user_a, True)
    assert _sent_to_login(old)


@pytest.mark.django_db
def test_changing_ones_own_password_keeps_that_session_and_ends_the_others(world):
    other = _signed_in(world.user_a)
    mine = _signed_in(world.user_a)

    response = mine.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "Harbour-lantern-2031",
            "new_password2": "Harbour-lantern-2031",
        },
    )

    assert response.status_code == 302
    assert mine.get(HOME).status_code == 200
    assert _sent_to_login(other)


@pytest.mark.django_db
def test_saving_an_active_account_leaves_its_sessions_alone(world):
    client = _signed_in(world.user_a)

    world.user_a.first_name = "建国"
    world.user_a.save()
    world.user_a.save(update_fields=["first_name"])

    assert client.get(HOME).status_code == 200


@pytest.mark.django_db
def test_saving_a_disabled_account_again_does_not_end_later_sessions(world):
    _set_active(world.user_a, False)
    world.user_a.first_name = "建国"
    world.user_a.save()  # still disabled: nothing new to end
    _set_active(world.user_a, True)
    client = _signed_in(world.user_a)

    world.user_a.save()

    assert client.get(HOME).status_code == 200


@pytest.mark.django_db
def test_a_session_from_before_generations_existed_still_works(client, world):
    client.force_login(world.user_a)
    session = client.session
    del session[SESSION_GENERATION_KEY]
    session.save()

    assert client.get(HOME).status_code == 200
