"""seed_demo can run again and again, and every demo login works."""

from __future__ import annotations

import io

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from tests import demo_rows
from unions.demo import DEMO_PASSWORD, DEMO_USERS
from unions.roles import role_of

# Every model of our own apps: a second run must not add or remove a single row.
OUR_APPS = ("unions", "stations", "inspections", "awards")


def _counts() -> dict[str, int]:
    counts = {"auth.User": apps.get_model("auth", "User").objects.count()}
    for label in OUR_APPS:
        for model in apps.get_app_config(label).get_models():
            counts[model._meta.label] = model._default_manager.count()
    return counts


@pytest.mark.django_db
def test_seeding_twice_gives_the_same_rows():
    demo_rows.seeded()  # the first run's rows, from this process's copy when it has one
    first = _counts()
    call_command("seed_demo", stdout=io.StringIO())
    second = _counts()

    assert first == second
    User = apps.get_model("auth", "User")
    usernames = [row[0] for row in DEMO_USERS]
    assert User.objects.filter(username__in=usernames).count() == len(DEMO_USERS)


@pytest.mark.django_db
def test_every_demo_login_authenticates_with_the_demo_password():
    demo_rows.seeded()  # the command's rows, from this process's copy when it has one
    request = RequestFactory().post("/accounts/login/")

    for username, _name, role, union_code, _district in DEMO_USERS:
        user = authenticate(request, username=username, password=DEMO_PASSWORD)
        assert user is not None, f"{username} cannot log in"
        assert role_of(user) == role
        if union_code:
            assert user.profile.union.code == union_code
