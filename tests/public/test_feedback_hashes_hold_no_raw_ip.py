"""Feedback keeps salted hashes of the device and the address, never the address itself
nor the device's id from its cookie."""

from __future__ import annotations

from django.conf import settings

from stations.devices import digest
from stations.models import Feedback

from .feedback_helpers import phone, rate


def test_the_stored_hashes_are_keyed_hmacs_not_the_address(public_station):
    station = public_station()
    worker = phone("203.0.113.77")

    rate(worker, station)

    feedback = Feedback.objects.get()
    row = " ".join(str(v) for v in Feedback.objects.values().get().values())
    assert "203.0.113.77" not in row
    assert feedback.address_hash == digest("address", "203.0.113.77")
    assert len(feedback.address_hash) == 64 and len(feedback.device_hash) == 64
    device_cookie = worker.cookies[settings.DEVICE_COOKIE_NAME].value
    assert device_cookie.split(":")[0] not in row


def test_the_hash_depends_on_the_secret_key(settings):
    before = digest("address", "203.0.113.77")
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789abcdef"

    assert digest("address", "203.0.113.77") != before
