"""Inspections: checklists, checks, rectification orders, plans, peer reviews, appeals and
the quarterly assessment. One idea per module; this package only re-exports them."""

from __future__ import annotations

from .appeal import Appeal, AppealEvidence, AppealStatus
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
    OWN_EVALUATION_KINDS,
    Finding,
    Inspection,
    InspectionKind,
    InspectionPhoto,
    InspectionStatus,
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
    "ASSESSMENT_ACTIONS",
    "INDEPENDENT_KINDS",
    "OPEN_RECTIFICATION_STATUSES",
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
    "QuarterlyAssessment",
    "Rectification",
    "RectificationItem",
    "RectificationPhoto",
    "RectificationStatus",
    "StationQuarterScore",
    "UnionQuarterScore",
]
