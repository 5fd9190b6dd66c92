"""Harness cases for the stations views (see cases.py)."""

from __future__ import annotations

from .case import Case  # noqa: F401

CASES: dict = {}
