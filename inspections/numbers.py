"""One rounding for every score the assessment shows (issue 21: one rounding).

The assessment computes its scores exactly — PostgreSQL ``numeric``, never ``float`` — and
holds them to ten places (``EXACT`` in assessment/models.py). They are rounded once, half up
to two places, where they are shown: the staff and public tables, the JSON, the PDFs and the
workbooks all call ``shown``, and the database ranks (and bins the histogram) by the same
rounded value (``Shown``), so a station's rank, its score and its district's and union's
means agree to the last digit in every output. Means are taken of the unrounded values.

SQLite (the embedded mode) has no exact numbers: there the same arithmetic runs in double
precision, which agrees with the exact value to the ten places held; ``Shown`` nudges the
value by half of the tenth place before rounding, so a value held as ``x.xx5`` (which a
double may store a hair below) rounds up there as it does in Python and in PostgreSQL.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import DecimalField, Func

PLACES = 10
HELD = Decimal(1).scaleb(-PLACES)
TWO = Decimal("0.01")


def shown(value) -> Decimal | None:
    """The score as shown: the value as held (ten places), rounded half up to two."""
    if value is None or value == "":
        return None
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    return number.quantize(HELD, rounding=ROUND_HALF_UP).quantize(TWO, rounding=ROUND_HALF_UP)


def shown_text(value, empty: str = "—") -> str:
    """ "82.50"; ``empty`` for no value."""
    number = shown(value)
    return empty if number is None else f"{number:.2f}"


def shown_float(value) -> float | None:
    """For JSON and workbook cells: the shown value as a number (82.5 is 82.50)."""
    number = shown(value)
    return None if number is None else float(number)


def delta(value, previous) -> Decimal | None:
    """The change between two shown scores (so that it is their visible difference)."""
    if value is None or previous is None or value == "" or previous == "":
        return None
    return shown(value) - shown(previous)


def delta_text(value, previous) -> str:
    """ "+8.75", "-26.25", "0.00"; "" when either is unknown."""
    change = delta(value, previous)
    if change is None:
        return ""
    return f"{change:+.2f}" if change else "0.00"


class Shown(Func):
    """The database's side of ``shown``: what ranks and histogram bins are taken on."""

    output_field = DecimalField(max_digits=5, decimal_places=2)
    template = "ROUND(%(expressions)s, 2)"

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="ROUND(ROUND(%(expressions)s, 10), 2)", **extra
        )

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="ROUND(ROUND(%(expressions)s, 10) + 0.00000000005, 2)",
            **extra,
        )


def shown_sql(column: str, vendor: str) -> str:
    """``Shown`` for hand-written SQL (the assessment's INSERT … SELECT)."""
    if vendor == "postgresql":
        return f"ROUND(ROUND({column}, 10), 2)"
    return f"ROUND(ROUND({column}, 10) + 0.00000000005, 2)"


class Exact(Func):
    """A number the arithmetic after it keeps exact: ``numeric`` in PostgreSQL (integer
    division would truncate, double would round), a double in SQLite (which has nothing
    better; see the module docstring)."""

    output_field = DecimalField(max_digits=30, decimal_places=PLACES)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="CAST(%(expressions)s AS NUMERIC)", **extra
        )

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="CAST(%(expressions)s AS REAL)", **extra)
