"""Inspections: checklists, checks, rectification orders, plans, peer reviews, appeals and
the quarterly assessment. One idea per module; this package only re-exports them."""

from __future__ import annotations

from .appeal import Appeal, AppealEvidence, AppealStatus
from .assessment import (
    AssessmentStatus,
    QuarterlyAssessment,
    StationQuarterScore,
    UnionQuarterScore,
)
from .checklist import Checklist, ChecklistItem, ItemGroup
from .inspection import (
    INDEPENDENT_KINDS,
    Finding,
    Inspection,
    InspectionKind,
    InspectionPhoto,
    InspectionStatus,
    PositionReview,
)
from .plan import InspectionPlan, PeerReviewPairing, PlanVisit
from .rectification import (
    OPEN_RECTIFICATION_STATUSES,
    Rectification,
    RectificationItem,
    RectificationPhoto,
    RectificationStatus,
)

__all__ = [
    "INDEPENDENT_KINDS",
    "OPEN_RECTIFICATION_STATUSES",
    "Appeal",
    "AppealEvidence",
    "AppealStatus",
    "AssessmentStatus",
    "Checklist",
    "ChecklistItem",
    "Finding",
    "Inspection",
    "InspectionKind",
    "InspectionPhoto",
    "InspectionPlan",
    "InspectionStatus",
    "ItemGroup",
    "PeerReviewPairing",
    "PlanVisit",
    "PositionReview",
    "QuarterlyAssessment",
    "Rectification",
    "RectificationItem",
    "RectificationPhoto",
    "RectificationStatus",
    "StationQuarterScore",
    "UnionQuarterScore",
]
