"""Template tags that read a record's action table, so templates spell no status, colour or
role of their own: ``{% badge order %}`` and ``{{ action|button_class }}``.

A model whose status is drawn as a badge names its colours beside its statuses
(``status_badges``, e.g. inspections' ORDER_BADGES); the label is the status's own.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html

register = template.Library()

# Solid buttons for the moves a page leads to; the others outlined in their colour.
SOLID = frozenset({"success", "warning", "relay"})


@register.simple_tag
def badge(record, testid: str = ""):
    """The record's status as a badge in the colour its table gives it."""
    status = record.status
    colour = type(record).status_badges.get(status, "secondary")
    label = record.get_status_display()
    if testid:
        return format_html(
            '<span class="badge text-bg-{}" data-testid="{}" data-status="{}">{}</span>',
            colour,
            testid,
            status,
            label,
        )
    return format_html('<span class="badge text-bg-{}">{}</span>', colour, label)


@register.filter
def button_class(action) -> str:
    """The Bootstrap class of an action's button, from its row's ``style``."""
    style = action.style
    return f"btn-{style}" if style in SOLID else f"btn-outline-{style}"
