"""A personal export's page and its poller, shared by every list that writes one by a
background job for its requester alone (the registry's Excel, the rectification orders'
CSV): the state the page shows, the context of the page, and the JSON the page polls."""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.template.loader import render_to_string

from .models import GeneratedDocument
from .worker import document_is_stuck


def export_state(document: GeneratedDocument) -> dict:
    stuck = document_is_stuck(document)
    return {
        "document": document,
        "stuck": stuck,
        # A failed job, or one whose worker vanished, is asked for again with its filters.
        "ask_again": document.state == GeneratedDocument.State.FAILED or stuck,
        "filters": document.payload.get("filters", {}),
    }


def export_page(document: GeneratedDocument, exports, status_url: str) -> dict:
    """What an export's page shows beside its list's own words: its state, where its poller
    asks, the requester's five other recent exports and how long files are kept."""
    return {
        **export_state(document),
        "status_url": status_url,
        "recent": exports.exclude(pk=document.pk).order_by("-created_at", "-id")[:5],
        "keep_days": settings.REGISTRY_EXPORT_KEEP_DAYS,
    }


def export_status(request, document: GeneratedDocument, template: str) -> JsonResponse:
    """The export's state for the page's poller (static/js/documents.js), with its HTML."""
    state = export_state(document)
    return JsonResponse(
        {
            "state": document.state,
            "pending": document.is_pending and not state["stuck"],
            "done": document.progress_done,
            "total": document.progress_total,
            "html": render_to_string(template, state, request=request),
        }
    )
