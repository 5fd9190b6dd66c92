"""Demo records for `seed_demo` (idempotent)."""

from __future__ import annotations


def seed_inspections() -> None:
    """Filled in by the work that builds these records."""
