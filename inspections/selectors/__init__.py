"""Reads of the inspections app: rankings (rankings.py), peer reviews and appeals
(reviews.py)."""

from __future__ import annotations

from .reviews import open_appeal_of, peer_pairing_for, peer_review_stations, under_appeal_ids

__all__ = ["open_appeal_of", "peer_pairing_for", "peer_review_stations", "under_appeal_ids"]
