"""Score deltas and rank moves against the previous quarter."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


def _known(*values) -> bool:
    # A row without a previous quarter has no annotation: the template hands over "".
    return all(isinstance(v, int | float | Decimal) for v in values)


@register.simple_tag
def score_delta(value, previous):
    if not _known(value, previous):
        return format_html('<span class="text-muted">{}</span>', "—")
    delta = value - previous
    css = "text-success" if delta > 0 else "text-danger" if delta < 0 else "text-muted"
    return format_html('<span class="{}">{}{}</span>', css, "+" if delta > 0 else "", delta)


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
