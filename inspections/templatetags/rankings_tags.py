"""Scores as shown (inspections/numbers.py: one rounding), score deltas and rank moves
against the previous quarter."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

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


# The assessment's tables (templates/inspections/assessment/detail.html), one format_html a
# row rather than the template language's dozen lookups, filters and tags a row: the 50
# stations of a page and the unions' 24 rows were half the page at national size (issue 26).
# The same markup, byte for byte. Without a published quarter before it the rows carry no
# previous_* annotations, which the template read as "".
UNION_ROW = (
    '\n    <tr data-testid="union-row" data-union="{}"><td>{}{}</td><td>{}</td><td>{} / {}</td>'
    '<td>{}%</td><td data-testid="union-mean">{}</td><td>{}</td>\n'
    "      <td>{}</td><td>{} · {}</td><td>{} · {}</td>"
    '<td data-testid="union-gap">{}</td></tr>\n  '
)
STATION_ROW = (
    '\n    <tr data-testid="station-row" data-plaque="{}"><td>{}{}</td>\n'
    '      <td>{} {}<br><small class="text-muted">{} · {}</small>{}{}</td>\n'
    "      <td>{}</td><td>{}</td>\n"
    '      <td>{} <small class="text-muted">({})</small></td>\n'
    "      <td>{}</td><td>{}</td><td>{}</td>\n"
    "      <td>{} · {}</td><td>{} · {}</td><td>{}</td></tr>\n  "
)


def _or_dash(value):
    """``{{ value|default:"—" }}``."""
    return localize(value) if value else "—"


@register.simple_tag
def assessment_union_rows(unions) -> str:
    rows = [
        format_html(
            UNION_ROW,
            u.union.code,
            _or_dash(u.rank),
            rank_move(u.rank, getattr(u, "previous_rank", "")),
            u.union.name,
            localize(u.stations_checked),
            localize(u.stations),
            score(u.checked_share),
            score(u.mean_score),
            score_delta(u.mean_score, getattr(u, "previous_score", "")),
            localize(u.red_line_stations),
            localize(u.self_checks),
            score(u.self_mean),
            localize(u.peer_reviews),
            score(u.peer_mean),
            signed(u.self_gap),
        )
        for u in unions
    ]
    return mark_safe("".join(rows))  # noqa: S308  (each row made by format_html)


@register.simple_tag
def assessment_station_rows(scores) -> str:
    under_appeal = format_html(
        ' <span class="badge bg-warning text-dark">{}</span>', _("under appeal")
    )
    rows = []
    for s in scores:
        red = (
            format_html(
                '<br><span class="badge bg-danger">{}</span> <small class="text-danger">{}</small>',
                pgettext("quarter result", "Failed"),
                s.red_lines or _("red line"),
            )
            if s.red_line
            else ""
        )
        if s.score is None:
            shown = format_html('<span class="text-muted">{}</span>', _("not checked this quarter"))
        else:
            shown = format_html("<strong>{}</strong>", score(s.score))
        rows.append(
            format_html(
                STATION_ROW,
                s.station.plaque_number,
                _or_dash(s.rank),
                rank_move(s.rank, getattr(s, "previous_rank", "")),
                s.station.plaque_number,
                s.station.name,
                s.union.name,
                s.district,
                under_appeal if s.under_appeal else "",
                red,
                localize(s.independent_checks),
                score(s.inspection_score),
                score(s.satisfaction),
                localize(s.feedback_count),
                score(s.timeliness),
                shown,
                score_delta(s.score, getattr(s, "previous_score", "")),
                localize(s.self_checks),
                score(s.self_mean),
                localize(s.peer_reviews),
                score(s.peer_mean),
                signed(s.self_gap),
            )
        )
    return mark_safe("".join(rows))  # noqa: S308  (each row made by format_html)
