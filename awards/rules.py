"""The rules of the annual selection, each a name in one place (source document 四、(五)).

- ``award_bounds``: how many excellent stations a year may have.
The base and the eligibility rules that need the database are in selectors.py
(``award_base``, ``candidates``); what "operated the whole year" means is the stations app's
(``Station.objects.operated_all_year``).
"""

from __future__ import annotations

from dataclasses import dataclass

# 按 5%-8%的比例 (四、(五)), as whole percentages so the arithmetic stays in integers: no
# float rounding at 200,000 stations.
LOWER_PERCENT = 5
UPPER_PERCENT = 8


@dataclass(frozen=True)
class Bounds:
    lower: int
    upper: int
    # True when no whole number lies between 5% and 8% of the base and the fallback applies.
    fallback: bool = False

    def allows(self, count: int) -> bool:
        return self.lower <= count <= self.upper


def award_bounds(operating: int) -> Bounds:
    """How many stations may be named 年度优秀户外职工爱心接力站 out of ``operating``.

    The source document says 按 5%-8%的比例 (四、(五)): lower = ceil(5% × n), upper =
    floor(8% × n), so the count never goes outside the range (14 stations: ceil(0.7) = 1,
    floor(1.12) = 1, exactly one). Below 34 stations the range can hold no whole number
    (n = 10: ceil(0.5) = 1 > floor(0.8) = 0; n = 21: ceil(1.05) = 2 > floor(1.68) = 1). Then
    the 8% ceiling wins, because it is what keeps the title rare: the count is exactly
    floor(8% × n), yet at least one while any station operates, so that a small programme
    still honours its best station (n = 10: one; n = 21: one). No station, no award.
    """
    if operating <= 0:
        return Bounds(0, 0)
    lower = -(-LOWER_PERCENT * operating // 100)  # ceiling division
    upper = UPPER_PERCENT * operating // 100
    if lower <= upper:
        return Bounds(lower, upper)
    fallback = max(upper, 1)
    return Bounds(fallback, fallback, fallback=True)
