"""The score of a check: computed from its findings, never typed (DESIGN: Scoring)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ..models import Checklist

TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Score:
    score: Decimal
    red_line: bool
    # Codes of the red-line items found not met, in checklist order.
    red_line_failed: tuple[str, ...]


def inspection_score(checklist: Checklist, findings: Mapping[str, bool] | Iterable) -> Score:
    """Sum of the weights of the items met; red_line when any red-line item is not met.

    ``findings`` maps item code to met, or is an iterable of objects with ``item`` and
    ``met`` (Finding rows). An item with no finding counts as not met: an inspector who did
    not look at something has not seen it met.
    """
    if isinstance(findings, Mapping):
        met = {code: bool(value) for code, value in findings.items()}
    else:
        met = {finding.item.code: bool(finding.met) for finding in findings}
    total = Decimal(0)
    failed: list[str] = []
    for item in checklist.items.all():
        if met.get(item.code, False):
            total += item.weight
        elif item.red_line:
            failed.append(item.code)
    return Score(
        score=total.quantize(TWO_PLACES, rounding=ROUND_HALF_UP),
        red_line=bool(failed),
        red_line_failed=tuple(failed),
    )
