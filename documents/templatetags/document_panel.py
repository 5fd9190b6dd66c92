"""``{% document_panel record %}``: a record's documents with their states and buttons.

Pages include it through documents/_panel.html, e.g.
``{% include "documents/_panel.html" with record=station %}``.
"""

from __future__ import annotations

from django import template
from django.urls import reverse

from ..kinds import record_type_of
from ..panel import panel_rows

register = template.Library()


@register.inclusion_tag("documents/_panel_body.html", takes_context=True)
def document_panel(context, record):
    request = context["request"]
    record_type = record_type_of(record).name
    return {
        "rows": panel_rows(record, request.user),
        "status_url": reverse("documents:status", kwargs={"record": record_type, "pk": record.pk}),
        "panel_id": f"documents-{record_type}-{record.pk}",
        "request": request,
        "next_url": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
