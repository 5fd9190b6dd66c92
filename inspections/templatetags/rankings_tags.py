"""Scores as shown (inspections/numbers.py: one rounding), score deltas and rank moves
against the previous quarter."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ..numbers import delta, delta_text, shown_text

register = template.Library()


def _known(*values) -> bool:
    # A row without a previous quarter has no annotation: the template hands over "".
    return all(isinstance(v, int | float | Decimal) for v in values)


@register.filter
def score(value) -> str:
    """{{ row.score|score }}: two decimals, rounded once; "—" for none."""
    return shown_text(value)


@register.filter
def signed(value) -> str:
    """{{ row.self_gap|signed }}: "+28.00", "-3.50", "0.00"; "—" for none."""
    return "—" if value is None or value == "" else delta_text(value, 0)


@register.simple_tag
def score_delta(value, previous):
    if not _known(value, previous):
        return format_html('<span class="text-muted">{}</span>', "—")
    change = delta(value, previous)
    css = "text-success" if change > 0 else "text-danger" if change < 0 else "text-muted"
    return format_html('<span class="{}">{}</span>', css, delta_text(value, previous))


@register.simple_tag
def rank_move(rank, previous):
    """↑3 when the rank improved by three places (a smaller number is better)."""
    if not _known(rank, previous) or rank == previous:
        return ""
    up = previous > rank
    return format_html(
        ' <small class="{}" title="{}">{}{}</small>',
        "text-success" if up else "text-danger",
        _("rank last quarter: %(rank)s") % {"rank": previous},
        "↑" if up else "↓",
        abs(previous - rank),
    )
