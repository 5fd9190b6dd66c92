"""Inspections: checklists, checks, rectification orders, plans, peer reviews, appeals and
the quarterly assessment. One idea per module; this package only re-exports them."""

from __future__ import annotations

from .appeal import APPEAL_ACTIONS, APPEAL_DECISIONS, Appeal, AppealEvidence, AppealStatus
from .assessment import (
    ASSESSMENT_ACTIONS,
    AssessmentStatus,
    QuarterlyAssessment,
    StationQuarterScore,
    UnionQuarterScore,
)
from .checklist import Checklist, ChecklistItem, ItemGroup
from .inspection import (
    INDEPENDENT_KINDS,
    INSPECTION_ACTIONS,
    OWN_EVALUATION_KINDS,
    Finding,
    Inspection,
    InspectionKind,
    InspectionPhoto,
    InspectionStatus,
    PositionReview,
)
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
    "ASSESSMENT_ACTIONS",
    "AWAITING_RECTIFICATION",
    "INDEPENDENT_KINDS",
    "INSPECTION_ACTIONS",
    "OPEN_RECTIFICATION_STATUSES",
    "ORDER_ACTIONS",
    "OWN_EVALUATION_KINDS",
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
