"""The feedback form, its thank-you page, the home page and the service worker's pages hold
under a strict CSP like the other public pages: no inline script, no style attribute."""

from __future__ import annotations

import re

from .feedback_helpers import phone, rate

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S)


def _assert_strict(body: str, where: str) -> None:
    for attrs, content in SCRIPT.findall(body):
        assert not content.strip() and "src=" in attrs, (where, attrs)
    assert " style=" not in body, where
    assert "onclick=" not in body.lower(), where


def test_feedback_pages_have_no_inline_script_or_style(public_station):
    station = public_station()
    worker = phone()

    _assert_strict(worker.get("/").content.decode(), "home")
    _assert_strict(
        worker.get(f"/stations/{station.plaque_number}/feedback/").content.decode(), "form"
    )
    thanks = rate(worker, station, rating=1, problems=["refused"]).content.decode()
    _assert_strict(thanks, "thanks")
