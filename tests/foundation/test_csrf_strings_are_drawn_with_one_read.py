"""CSRF secrets and masks are drawn with one read of the OS's random source
(config/csrf_random.py, issue 26): of the right length, from the allowed characters, each
character as likely as another, never repeated; and a token made so still lets its own form
through and stops another's."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from django.middleware import csrf
from django.test import Client

from config.csrf_random import random_string
from tests.factories import StationFactory


def test_django_csrf_draws_with_it():
    assert csrf.get_random_string is random_string
    secret = csrf._get_new_csrf_string()
    assert len(secret) == csrf.CSRF_SECRET_LENGTH
    assert set(secret) <= set(csrf.CSRF_ALLOWED_CHARS)


def test_each_character_is_as_likely_as_another():
    drawn = "".join(random_string(32) for _ in range(4000))  # 128,000 characters
    counts = Counter(drawn)
    assert set(counts) == set(csrf.CSRF_ALLOWED_CHARS)
    expected = len(drawn) / len(counts)
    chi_square = sum((n - expected) ** 2 / expected for n in counts.values())
    # 61 degrees of freedom: above 110 has a chance under one in ten thousand.
    assert chi_square < 110, chi_square
    assert len({random_string(32) for _ in range(1000)}) == 1000


def test_an_alphabet_it_cannot_map_is_left_to_django():
    wide = "".join(chr(0x4E00 + n) for n in range(300))
    drawn = random_string(20, wide)
    assert len(drawn) == 20 and set(drawn) <= set(wide)


@pytest.mark.django_db
def test_a_token_lets_its_form_through_and_stops_another():
    station = StationFactory(status="active", plaque_number="SH09001")
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(f"/stations/{station.plaque_number}/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    form = re.search(r'<form method="post" action="([^"]+)"', page.content.decode())[1]
    assert browser.post(form, {"csrfmiddlewaretoken": token}).status_code != 403
    stranger = Client(enforce_csrf_checks=True)
    stranger.get(f"/stations/{station.plaque_number}/")
    assert stranger.post(form, {"csrfmiddlewaretoken": token}).status_code == 403
