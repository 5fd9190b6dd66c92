"""Harness cases for the excel views (see cases.py)."""

from __future__ import annotations

from .case import Case
from .cases_documents import NOT_THE_REQUESTER, ready_export

CASES: dict = {
    "stations:filing_template": Case(),
    "stations:filing_export": Case(kwargs=lambda w: {"pk": w.filing_a.pk}, owner="a"),
    # An empty POST re-renders the upload form with its error (200), never 403/404/500.
    "stations:filing_import": Case(post_ok=(200,)),
    # The old GET address of the export goes back to the registry with its filters.
    "stations:registry_export": Case(ok=302),
    # Asking for an export (POST) sends the user to its page.
    "stations:registry_export_request": Case(post_ok=(302,)),
    # An export's page and status: its requester's alone (union A's clerk here).
    "stations:registry_export_detail": Case(
        kwargs=lambda w: {"pk": ready_export(w).pk}, owner="a", hidden_from=NOT_THE_REQUESTER
    ),
    "stations:registry_export_status": Case(
        kwargs=lambda w: {"pk": ready_export(w).pk}, owner="a", hidden_from=NOT_THE_REQUESTER
    ),
}

# An inspector's own export: they read its page; nobody else does, the aid center included.
VARIANTS: list[tuple[str, Case]] = [
    (
        name,
        Case(
            kwargs=lambda w: {"pk": ready_export(w, "inspector_own").pk},
            hidden_from=("union_a", "union_b", "inspector", "inspector_other", "aid_center"),
            label="a district inspector's own export",
        ),
    )
    for name in ("stations:registry_export_detail", "stations:registry_export_status")
]
