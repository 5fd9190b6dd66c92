"""Every way to set a password enforces AUTH_PASSWORD_VALIDATORS (12 characters and more).

Django's createsuperuser stores DJANGO_SUPERUSER_PASSWORD under --noinput without
validating it, and interactively offers to bypass the validators; unions overrides it.
"""

from __future__ import annotations

import builtins
import io
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command, get_commands
from django.core.management.base import CommandError

from tests.factories import PASSWORD

SHORT = "Qx7#relay9k"  # 11 characters, otherwise strong
STRONG = "Harbour-lantern-2031"
User = get_user_model()


class _TTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_projects_createsuperuser_is_the_one_manage_py_runs():
    assert get_commands()["createsuperuser"] == "unions"


@pytest.mark.django_db
def test_createsuperuser_noinput_refuses_a_short_password_from_the_environment(monkeypatch):
    assert len(SHORT) == 11
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", SHORT)

    with pytest.raises(CommandError, match="DJANGO_SUPERUSER_PASSWORD is refused"):
        call_command(
            "createsuperuser",
            interactive=False,
            username="ops",
            email="ops@example.org",
            stdout=io.StringIO(),
        )

    assert not User.objects.filter(username="ops").exists()


@pytest.mark.django_db
def test_createsuperuser_noinput_refuses_a_common_or_similar_password(monkeypatch):
    for password in ("password1234", "ops@example.org!"):
        monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", password)
        with pytest.raises(CommandError):
            call_command(
                "createsuperuser",
                interactive=False,
                username="ops",
                email="ops@example.org",
                stdout=io.StringIO(),
            )
    assert not User.objects.filter(username="ops").exists()


@pytest.mark.django_db
def test_createsuperuser_noinput_accepts_a_strong_password(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", STRONG)

    call_command(
        "createsuperuser",
        interactive=False,
        username="ops",
        email="ops@example.org",
        stdout=io.StringIO(),
    )

    user = User.objects.get(username="ops")
    assert user.is_superuser and user.check_password(STRONG)


@pytest.mark.django_db
def test_createsuperuser_interactive_cannot_bypass_the_validators():
    passwords = iter([SHORT, SHORT, STRONG, STRONG])
    answers = []

    def answer(prompt=""):
        answers.append(prompt)
        return "y"  # an operator who would bypass validation if offered

    stderr = io.StringIO()
    with (
        mock.patch("getpass.getpass", lambda prompt="Password: ": next(passwords)),
        mock.patch.object(builtins, "input", answer),
    ):
        call_command(
            "createsuperuser",
            interactive=True,
            username="ops",
            email="ops@example.org",
            stdin=_TTY(),
            stdout=io.StringIO(),
            stderr=stderr,
        )

    user = User.objects.get(username="ops")
    assert user.check_password(STRONG)
    assert not user.check_password(SHORT)
    assert answers == [], "the bypass question reached the operator"
    assert "cannot be bypassed" in stderr.getvalue()


@pytest.mark.django_db
def test_changepassword_refuses_a_short_password(world):
    with (
        mock.patch("getpass.getpass", lambda prompt="": SHORT),
        pytest.raises(CommandError, match="Aborting"),
    ):
        call_command("changepassword", "clerk_a", stdout=io.StringIO())

    world.user_a.refresh_from_db()
    assert world.user_a.check_password(PASSWORD)


@pytest.mark.django_db
def test_the_password_change_page_refuses_a_short_password(client, world):
    client.force_login(world.user_a)

    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": SHORT, "new_password2": SHORT},
    )

    assert response.status_code == 200
    assert "new_password2" in response.context["form"].errors
    world.user_a.refresh_from_db()
    assert world.user_a.check_password(PASSWORD)


@pytest.mark.django_db
def test_the_admins_set_password_form_refuses_a_short_password(client, world):
    client.force_login(world.admin)

    response = client.post(
        f"/admin/auth/user/{world.user_a.pk}/password/",
        {"password1": SHORT, "password2": SHORT, "usable_password": "true"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors
    world.user_a.refresh_from_db()
    assert world.user_a.check_password(PASSWORD)
    accepted = client.post(
        f"/admin/auth/user/{world.user_a.pk}/password/",
        {"password1": STRONG, "password2": STRONG, "usable_password": "true"},
    )
    assert accepted.status_code == 302


@pytest.mark.django_db
def test_the_admins_add_user_form_refuses_a_short_password(client, world):
    client.force_login(world.admin)

    form = {
        "username": "newclerk",
        "usable_password": "true",
        "password1": SHORT,
        "password2": SHORT,
        "profile-TOTAL_FORMS": "0",
        "profile-INITIAL_FORMS": "0",
        "profile-MIN_NUM_FORMS": "0",
        "profile-MAX_NUM_FORMS": "1",
    }
    response = client.post("/admin/auth/user/add/", form)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert not User.objects.filter(username="newclerk").exists()
    # The same form with a strong password goes through: the refusal was the password's.
    accepted = client.post(
        "/admin/auth/user/add/",
        {**form, "password1": STRONG, "password2": STRONG},
    )
    assert accepted.status_code == 302
    assert User.objects.get(username="newclerk").check_password(STRONG)
