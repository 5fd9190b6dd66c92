"""Inspections: checklists, checks, rectification orders, plans, peer reviews, appeals and
the quarterly assessment. Each area keeps its models (checks/models/, orders/models/,
assessment/models.py); this module imports them all, so that Django finds them under the
app label "inspections", and re-exports them for the apps above. The areas themselves import
from each other's models, never from here."""

from __future__ import annotations

from .assessment.models import (
    ASSESSMENT_ACTIONS,
    AssessmentStatus,
    QuarterlyAssessment,
    StationQuarterScore,
    UnionQuarterScore,
)
from .checks.models import (
    INDEPENDENT_KINDS,
    INSPECTION_ACTIONS,
    OWN_EVALUATION_KINDS,
    Checklist,
    ChecklistItem,
    Finding,
    Inspection,
    InspectionKind,
    InspectionPhoto,
    InspectionStatus,
    ItemGroup,
    PositionReview,
)
from .orders.models import (
    APPEAL_ACTIONS,
    APPEAL_DECISIONS,
    AWAITING_RECTIFICATION,
    OPEN_RECTIFICATION_STATUSES,
    ORDER_ACTIONS,
    Appeal,
    AppealEvidence,
    AppealStatus,
    InspectionPlan,
    PeerReviewPairing,
    PlanVisit,
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
