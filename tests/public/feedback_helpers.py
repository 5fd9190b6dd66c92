"""Shared steps for the feedback tests: a phone (its own cookie jar) at an address."""

from __future__ import annotations

from django.test import Client


def phone(address: str = "10.1.1.1") -> Client:
    """A new device: a client with no cookies, whose requests come from ``address``."""
    return Client(REMOTE_ADDR=address)


def rate(client: Client, station, rating: int = 4, **fields):
    data = {"rating": rating, **fields}
    return client.post(f"/stations/{station.plaque_number}/feedback/", data)


def behind_proxy(address: str, proxy: str = "10.0.0.1") -> Client:
    """A new device whose requests reach the portal through our one trusted proxy (nginx),
    which names the client in X-Forwarded-For; needs ``TRUSTED_PROXY_COUNT = 1``."""
    return Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=f"203.0.113.250, {address}")
