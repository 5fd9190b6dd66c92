"""Read-only questions other pages ask of appeals. Which stations a union may peer-review
is a rule of who may act: inspections/permissions.py."""

from __future__ import annotations

from ..models import Appeal, AppealStatus


def open_appeal_of(inspection) -> Appeal | None:
    """The open appeal against a check, if any: its pages flag it as under appeal."""
    return Appeal.objects.filter(inspection=inspection, status=AppealStatus.OPEN).first()


def under_appeal_ids(inspection_ids) -> set[int]:
    """Which of these checks are under an open appeal (one query for a list page)."""
    return set(
        Appeal.objects.filter(
            inspection_id__in=list(inspection_ids), status=AppealStatus.OPEN
        ).values_list("inspection_id", flat=True)
    )
