"""The checks' models: the checklist (checklist.py) and the check with its findings, photos
and position review (inspection.py)."""

from __future__ import annotations

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

__all__ = [
    "INDEPENDENT_KINDS",
    "INSPECTION_ACTIONS",
    "OWN_EVALUATION_KINDS",
    "Checklist",
    "ChecklistItem",
    "Finding",
    "Inspection",
    "InspectionKind",
    "InspectionPhoto",
    "InspectionStatus",
    "ItemGroup",
    "PositionReview",
]
