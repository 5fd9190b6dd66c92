"""Labels kept translated per language (unions/labels.py) follow the active language: a
process that draws a page in one language and then in another shows each in its own words,
as translating each lazy label afresh did (issue 26: the busiest station's history asked for
260 translations of a dozen labels)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace as Row

from django.utils import timezone
from django.utils.translation import gettext_lazy, override

from stations.models import StationStatus
from stations.templatetags.stations_tags import station_history_items, status_badge
from unions.labels import Labels


def test_each_language_gets_its_own_texts():
    labels = Labels(StationStatus.choices)
    for language in ("zh-hans", "en", "zh-hans", "en"):
        with override(language):
            assert labels.now() == {code: str(label) for code, label in StationStatus.choices}
    with override("zh-hans"):
        chinese = labels.get(StationStatus.ACTIVE)
    with override("en"):
        english = labels.get(StationStatus.ACTIVE)
    assert chinese != english and english == "Active"
    assert labels.get("no such code", "—") == "—"


def test_texts_are_plain_strings_not_lazy_ones():
    labels = Labels({"a": gettext_lazy("yes")})
    with override("en"):
        assert type(labels.get("a")) is str


def _entries():
    at = timezone.make_aware(dt.datetime(2026, 3, 1, 9, 30))
    by = Row(first_name="芳", last_name="刘", get_full_name=lambda: "", get_username=lambda: "lf")
    change = Row(
        record="station",
        action="edited",
        # A field with choices, a boolean and a computed field: each drawn by its label.
        changes={
            "status": ["draft", "active"],
            "step_free": ["False", "True"],
            "goods": ["", "水"],
        },
        at=at,
        by=by,
        reason="<b>理由</b>",
    )
    move = Row(
        kind="status",
        is_status_change=True,
        from_status="submitted",
        to_status="approved",
        at=at,
        by=None,
        reason="",
    )
    return [change, move]


def test_a_history_drawn_in_two_languages_shows_each_ones_words():
    with override("zh-hans"):
        chinese = station_history_items(_entries())
    with override("en"):
        english = station_history_items(_entries())
    with override("zh-hans"):
        again = station_history_items(_entries())
    assert chinese == again and chinese != english
    for words in ("Station", "Edited", "Active", "yes", "no", "goods", "Approved", "system"):
        assert words in english, words
    for words in ("运行中", "是", "否", "系统"):
        assert words in chinese and words not in english, words
    assert "&lt;b&gt;理由&lt;/b&gt;" in english


def test_a_badge_follows_the_language():
    station = Row(status=StationStatus.ACTIVE)
    with override("en"):
        english = status_badge(station)
    with override("zh-hans"):
        chinese = status_badge(station)
    assert ">Active<" in english and ">Active<" not in chinese
