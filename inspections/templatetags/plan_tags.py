"""The visits of a quarter's plan (templates/inspections/orders/plan_detail.html), 100 a page.

Drawn here rather than by the template language, as the station panel's rows are: the
page's 100 visits were three quarters of its rendering at national size (issue 26). The
same markup, byte for byte.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

register = template.Library()

VISIT = (
    '<div class="list-group-item"><strong>{}</strong> <span class="small text-muted">{} · {} · {}'
    '</span><div class="small">{}: {}</div></div>\n  '
)


@register.simple_tag
def plan_visit_rows(visits) -> SafeString:
    inspector = _("Inspector")
    rows = [
        format_html(
            VISIT,
            v.station.name,
            v.station.plaque_number,
            v.district,
            v.union,
            inspector,
            v.inspector.username,
        )
        for v in visits
    ]
    if not rows:
        return format_html('<div class="list-group-item text-muted">{}</div>', _("No visit."))
    return mark_safe("".join(rows))  # noqa: S308 (each row is format_html's)
