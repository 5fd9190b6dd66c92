"""Reads of the inspections app: checks and the check form's chooser (checks.py), orders
(orders.py), rankings (rankings.py), appeals (reviews.py)."""

from __future__ import annotations

from .reviews import open_appeal_of, under_appeal_ids

__all__ = ["open_appeal_of", "under_appeal_ids"]
