"""The orders' models: appeals (appeal.py), plans, their visits and peer-review pairings
(plan.py), rectification orders (rectification.py)."""

from __future__ import annotations

from .appeal import APPEAL_ACTIONS, APPEAL_DECISIONS, Appeal, AppealEvidence, AppealStatus
from .plan import InspectionPlan, PeerReviewPairing, PlanVisit
from .rectification import (
    AWAITING_RECTIFICATION,
    OPEN_RECTIFICATION_STATUSES,
    ORDER_ACTIONS,
    Rectification,
    RectificationItem,
    RectificationPhoto,
    RectificationStatus,
)

__all__ = [
    "APPEAL_ACTIONS",
    "APPEAL_DECISIONS",
    "AWAITING_RECTIFICATION",
    "OPEN_RECTIFICATION_STATUSES",
    "ORDER_ACTIONS",
    "Appeal",
    "AppealEvidence",
    "AppealStatus",
    "InspectionPlan",
    "PeerReviewPairing",
    "PlanVisit",
    "Rectification",
    "RectificationItem",
    "RectificationPhoto",
    "RectificationStatus",
]
