"""Harness cases for the excel views (see cases.py)."""

from __future__ import annotations

from .case import Case

CASES: dict = {
    "stations:filing_template": Case(),
    "stations:filing_export": Case(kwargs=lambda w: {"pk": w.filing_a.pk}, owner="a"),
    # An empty POST re-renders the upload form with its error (200), never 403/404/500.
    "stations:filing_import": Case(post_ok=(200,)),
    "stations:registry_export": Case(),
}
