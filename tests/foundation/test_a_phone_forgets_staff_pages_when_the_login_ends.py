"""Logging out answers Clear-Site-Data "cache", "storage"; a login that ended otherwise is
seen at the next visit (a marker cookie, no session) and answered with "cache" alone, so the
outbox's unsent checks survive a timeout; both tell the page's script to forget."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from unions.staff_traces import FORGET, MARKER

pytestmark = pytest.mark.django_db


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    response = client.get("/staff/")
    assert response.cookies[MARKER].value == "1"
    assert response.cookies[MARKER]["httponly"]
    return client


def test_logout_clears_the_sites_cache_and_storage(world):
    client = _signed_in(world.inspector)

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    assert response.cookies[FORGET].value == "1"
    assert not response.cookies[FORGET]["httponly"]  # the page's script reads it
    assert response.cookies[MARKER]["max-age"] == 0


def test_the_next_visit_after_a_session_ended_clears_the_cache_only(world):
    client = _signed_in(world.inspector)
    Session.objects.all().delete()  # the idle timeout, as the server sees it

    response = client.get("/")

    assert response.status_code == 200
    assert response["Clear-Site-Data"] == '"cache"'
    assert response.cookies[FORGET].value == "1"
    assert response.cookies[MARKER]["max-age"] == 0
    again = client.get("/")
    assert "Clear-Site-Data" not in again  # said once


def test_a_staff_page_reached_after_the_session_ended_says_so_on_its_redirect(world):
    client = _signed_in(world.inspector)
    Session.objects.all().delete()

    response = client.get("/staff/inspections/today/")

    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache"'


def test_a_visitor_who_never_signed_in_is_told_nothing():
    response = Client().get("/")

    assert "Clear-Site-Data" not in response
    assert MARKER not in response.cookies and FORGET not in response.cookies


def test_the_logout_form_warns_before_deleting_unsent_checks(world):
    client = _signed_in(world.inspector)

    page = client.get("/staff/").content.decode()

    assert "data-logout" in page
    assert "条检查没有发送" in page
