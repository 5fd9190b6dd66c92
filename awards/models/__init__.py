"""Annual honours (年度评优, source document 四、(五)): a year's selection and its awards."""

from __future__ import annotations

from .award import Award, AwardKind, AwardQuerySet
from .history import AwardChange
from .year import AwardYear, AwardYearQuerySet, AwardYearStatus

__all__ = [
    "Award",
    "AwardChange",
    "AwardKind",
    "AwardQuerySet",
    "AwardYear",
    "AwardYearQuerySet",
    "AwardYearStatus",
]
