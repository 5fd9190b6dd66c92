"""The status badge: the status's label in the page's language, in its colour."""

from __future__ import annotations

from django.template import Context, Template
from django.utils import translation

from stations.models import Station, StationStatus


def _badge(status: str) -> str:
    return Template("{% load stations_tags %}{% status_badge s %}").render(
        Context({"s": Station(status=status)})
    )


def test_the_badge_says_the_status_in_its_colour():
    with translation.override("en"):
        assert _badge(StationStatus.ACTIVE) == (
            '<span class="badge text-bg-success status-badge">Active</span>\n'
        )
        assert "text-bg-warning" in _badge(StationStatus.RETURNED)


def test_the_badge_speaks_the_page_language():
    with translation.override("zh-hans"):
        assert _badge(StationStatus.ACTIVE) == (
            '<span class="badge text-bg-success status-badge">运行中</span>\n'
        )
