"""Snapshot -> PDF bytes: a Django template drawn by WeasyPrint with the shared fonts."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

from . import fonts
from .qr import station_qr_svg
from .snapshots import TEMPLATES, Kind
from .wording import SERVICE_WORDS


def context_for(kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    """The template's context: the snapshot plus what is derived from it for drawing."""
    context: dict[str, Any] = dict(payload)
    context["aid_center_name"] = settings.AID_CENTER_NAME
    if kind == Kind.PLAQUE:
        context["qr_svg"] = station_qr_svg(payload["url"])
    elif kind == Kind.FILING_FORM:
        rows = []
        for row in payload["stations"]:
            words = [SERVICE_WORDS[c] for c in row["services"] if c in SERVICE_WORDS]
            rows.append({**row, "service_words": words})
        context["stations"] = rows
    elif kind == Kind.REPORT:
        context.update(payload.get("context", {}))
    return context


def template_for(kind: str, payload: dict[str, Any]) -> str:
    if kind == Kind.REPORT:
        return payload.get("template") or TEMPLATES[Kind.REPORT]
    return TEMPLATES[kind]


def html_for(kind: str, payload: dict[str, Any]) -> str:
    return render_to_string(template_for(kind, payload), context_for(kind, payload))


def render_pdf(kind: str, payload: dict[str, Any]) -> bytes:
    from weasyprint import HTML

    fonts.warn_if_slow()
    html = html_for(kind, payload)
    with fonts.lock:
        document = HTML(string=html, base_url=str(settings.BASE_DIR)).render(
            font_config=fonts.font_config(), stylesheets=[fonts.stylesheet()]
        )
        return document.write_pdf()
