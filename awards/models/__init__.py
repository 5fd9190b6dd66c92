"""Annual honours (年度评优, source document 四、(五)): a year's selection and its awards."""

from __future__ import annotations

from .award import TITLE_ACTIONS, Award, AwardKind, AwardQuerySet, TitleStatus
from .shortlist import Shortlisted
from .year import YEAR_ACTIONS, AwardYear, AwardYearQuerySet, AwardYearStatus, ShortlistState

__all__ = [
    "TITLE_ACTIONS",
    "YEAR_ACTIONS",
    "TitleStatus",
    "Award",
    "AwardKind",
    "AwardQuerySet",
    "AwardYear",
    "AwardYearQuerySet",
    "AwardYearStatus",
    "Shortlisted",
    "ShortlistState",
]
