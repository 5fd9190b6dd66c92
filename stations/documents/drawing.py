"""What the stations' PDF templates need beyond their snapshot, derived when they are drawn."""

from __future__ import annotations

from typing import Any

from .qr import station_qr_svg
from .wording import SERVICE_WORDS


def plaque_context(payload: dict[str, Any]) -> dict[str, Any]:
    return {"qr_svg": station_qr_svg(payload["url"])}


def filing_form_context(payload: dict[str, Any]) -> dict[str, Any]:
    rows = []
    for row in payload["stations"]:
        words = [SERVICE_WORDS[c] for c in row["services"] if c in SERVICE_WORDS]
        rows.append({**row, "service_words": words})
    return {"stations": rows}
