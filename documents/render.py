"""Snapshot -> PDF bytes: the kind's Django template drawn by WeasyPrint with the shared fonts."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

from . import fonts, kinds


def context_for(code: str, payload: dict[str, Any]) -> dict[str, Any]:
    """The template's context: the snapshot plus what the kind derives from it for drawing."""
    kind = kinds.get(code)
    context: dict[str, Any] = dict(payload)
    context["aid_center_name"] = settings.AID_CENTER_NAME
    if kind.context is not None:
        context.update(kind.context(payload))
    return context


def html_for(code: str, payload: dict[str, Any]) -> str:
    return render_to_string(kinds.get(code).template_for(payload), context_for(code, payload))


def render_pdf(code: str, payload: dict[str, Any]) -> bytes:
    from weasyprint import HTML

    fonts.warn_if_slow()
    html = html_for(code, payload)
    with fonts.lock:
        document = HTML(string=html, base_url=str(settings.BASE_DIR)).render(
            font_config=fonts.font_config(), stylesheets=[fonts.stylesheet()]
        )
        return document.write_pdf()
