"""The rows of a campaign's staff page (templates/stations/campaign_detail.html).

Drawn here rather than by the template language, as the station panel's rows are: every
union's progress and allocation cells and a page of 50 deliveries were two thirds of the
page at national size (issue 26). The same markup, byte for byte, one format_html a row.
"""

from __future__ import annotations

from django import template
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()

PROGRESS_ROW = "\n  <tr><td>{}</td>{}\n    <td>{}</td><td>{}</td></tr>\n  "
PROGRESS_CELL = "<td{}>{} / {}</td>"
DONE = mark_safe(' class="text-success"')  # a cell whose allocation is delivered
ALLOCATION_ROW = "\n  <tr><td>{}</td>{}</tr>\n  "
ALLOCATION_CELL = (
    '<td><input class="form-control form-control-sm" type="number" min="0"'
    ' inputmode="numeric" name="alloc_{}_{}" value="{}" aria-label="{} {}"></td>'
)
DELIVERY_ROW = (
    '\n  <li class="border-bottom py-1"><span class="fw-semibold">{}</span>'
    ' <span class="text-muted small">{} · {} · {} {}{}{}</span></li>\n  '
)


def _joined(parts) -> str:
    return mark_safe("".join(parts))  # noqa: S308 (each part is format_html's)


@register.simple_tag
def campaign_progress_rows(unions) -> str:
    rows = [
        format_html(
            PROGRESS_ROW,
            row.union.name,
            _joined(
                format_html(
                    PROGRESS_CELL,
                    DONE if done >= allocated and allocated else "",
                    localize(done),
                    localize(allocated),
                )
                for done, allocated in row.cell_list
            ),
            localize(row.stations),
            localize(row.spent),
        )
        for row in unions
    ]
    if not rows:
        return format_html(
            '\n  <tr><td colspan="99" class="text-muted">{}</td></tr>\n  ',
            _("Nothing allocated yet."),
        )
    return _joined(rows)


@register.simple_tag
def campaign_allocation_rows(allocation_rows) -> str:
    return _joined(
        format_html(
            ALLOCATION_ROW,
            union.name,
            _joined(
                format_html(
                    ALLOCATION_CELL,
                    localize(union.pk),
                    localize(good.pk),
                    localize(quantity),
                    union.name,
                    good.name,
                )
                for good, quantity in cells
            ),
        )
        for union, cells in allocation_rows
    )


@register.simple_tag
def campaign_delivery_rows(deliveries) -> str:
    received_by, photo, correction = _("received by"), _("photo on file"), _("correction")
    rows = [
        format_html(
            DELIVERY_ROW,
            d.station.name,
            d.station.plaque_number,
            d.delivered_on.strftime("%Y-%m-%d") if d.delivered_on else "",
            received_by,
            d.received_by,
            format_html(" · {}", photo) if d.photo else "",
            format_html(" · {}：{}", correction, d.reason) if d.corrects_id else "",
        )
        for d in deliveries
    ]
    if not rows:
        return format_html('\n  <li class="text-muted">{}</li>\n  ', _("No delivery recorded yet."))
    return _joined(rows)
