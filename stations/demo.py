"""Demo stations for `make run`, spread over the lifecycle. Idempotent."""

from __future__ import annotations


def seed_stations() -> int:
    from .models import Station

    return Station.objects.count()
