"""The rows of a station's card of checks and orders (templates/inspections/_station_panel.html).

Drawn here rather than by the template language: the busiest station's ten checks and ten
orders, each a link reversed, a date filtered and a label looked up through
get_FOO_display (a dict of every choice built and hashed per call), were a fifth of its staff
page at national size (issue 26). The same markup, byte for byte, one format_html a row; the
link is reversed once a list, the row's id set in its place.
"""

from __future__ import annotations

from django import template
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext

from unions.labels import Labels
from unions.links import path_for_id
from unions.templatetags.records import badge

from ..checks.models import InspectionKind
from ..orders.models import AppealStatus, RectificationStatus

register = template.Library()

# Translated once per language (unions/labels.py), not once a row.
KIND_LABELS = Labels(InspectionKind.choices)
ORDER_LABELS = Labels(RectificationStatus.choices)
APPEAL_LABELS = Labels(AppealStatus.choices)
CHECK_BADGES = Labels(
    {"finding": _lazy("red-line finding to follow up"), "failed": _lazy("red line failed")}
)
CHECK_ROW = '\n    <li><a href="{}">{} · {} · {}</a>{}{}</li>\n  '
ORDER_ROW = '\n    <li><a href="{}">{} · {} · {} {}</a></li>\n  '
APPEAL_ROW = '\n    <li><a href="{}">{} · {}{}</a></li>\n  '


def _day(moment, zone) -> str:
    return timezone.localtime(moment, zone).strftime("%Y-%m-%d")


@register.simple_tag
def station_check_rows(checks) -> str:
    link = path_for_id("inspections:check_detail")
    kinds, badges = KIND_LABELS.now(), CHECK_BADGES.now()
    zone = timezone.get_current_timezone()
    rows = []
    for check in checks:
        if check.is_finding:
            red = format_html(' <span class="badge text-bg-warning">{}</span>', badges["finding"])
        elif check.red_line:
            red = format_html(' <span class="badge text-bg-danger">{}</span>', badges["failed"])
        else:
            red = ""
        rows.append(
            format_html(
                CHECK_ROW,
                link(check.pk),
                _day(check.visited_at, zone),
                kinds.get(check.kind, check.kind),
                localize(check.score),
                red,
                format_html(" {}", badge(check)) if check.is_voided else "",
            )
        )
    return mark_safe("".join(rows))  # noqa: S308  (each row made by format_html)


@register.simple_tag
def station_order_rows(orders) -> str:
    link = path_for_id("inspections:order_detail")
    statuses, deadline = ORDER_LABELS.now(), _("deadline")
    zone = timezone.get_current_timezone()
    rows = []
    for order in orders:
        rows.append(
            format_html(
                ORDER_ROW,
                link(order.pk),
                _day(order.opened_at, zone),
                statuses.get(order.status, order.status),
                deadline,
                order.deadline.strftime("%Y-%m-%d"),
            )
        )
    return mark_safe("".join(rows))  # noqa: S308  (each row made by format_html)


@register.simple_tag
def station_appeal_rows(appeals) -> str:
    """Each appeal by its day and status, with its number of evidence files when it has any
    (``evidence_count``, counted by the card's query)."""
    link = path_for_id("inspections:appeal_detail")
    statuses, zone = APPEAL_LABELS.now(), timezone.get_current_timezone()
    rows = []
    for appeal in appeals:
        n = appeal.evidence_count
        files = " · " + ngettext("%(n)s file", "%(n)s files", n) % {"n": n} if n else ""
        rows.append(
            format_html(
                APPEAL_ROW,
                link(appeal.pk),
                _day(appeal.created_at, zone),
                statuses.get(appeal.status, appeal.status),
                files,
            )
        )
    return mark_safe("".join(rows))  # noqa: S308  (each row made by format_html)
