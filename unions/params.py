"""Ids read from a request: ASCII digits that fit the database's bigint, or nothing.

``str.isdigit()`` admits "²" and "①", which ``int()`` refuses, and a 30-digit number that a
lookup on a key cannot hold (OverflowError on SQLite, a DataError on PostgreSQL): either was
a 500 wherever a view filtered by a posted id. Every view and form that reads an id from
GET or POST reads it here; anything else is treated as no id at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# At most 18 digits: below 2**63, the largest value of a bigint (BigAutoField).
_ID = re.compile(r"[0-9]{1,18}")


def id_param(value) -> int | None:
    text = str(value if value is not None else "").strip()
    return int(text) if _ID.fullmatch(text) else None


def id_params(values: Iterable) -> list[int]:
    """The ids among ``values``, in order, the others dropped."""
    return [i for i in (id_param(v) for v in values) if i is not None]
