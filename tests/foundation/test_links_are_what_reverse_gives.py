"""unions.links builds a row's link without walking the resolver for each row; every link it
builds is the one reverse() gives, for every URL of the map whose one argument is an id or a
plaque, under the site's root and under a script prefix (a portal served below a path)."""

from __future__ import annotations

import pytest
from django.urls import get_resolver, reverse, set_script_prefix
from django.urls.resolvers import URLPattern, URLResolver

from unions.links import path_for_id, path_for_text, path_of


def _names(resolver=None, namespace="") -> list[tuple[str, str]]:
    """(name, converter) of every named URL with exactly one argument."""
    found = []
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found += _names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            converters = getattr(entry.pattern, "converters", {})
            if len(converters) == 1:
                kind = type(next(iter(converters.values()))).__name__
                found.append((f"{namespace}{entry.name}", kind))
    return found


ID_NAMES = sorted({name for name, kind in _names() if kind == "IntConverter"})
TEXT_NAMES = sorted({name for name, kind in _names() if kind == "StringConverter"})


def test_the_map_has_links_of_both_kinds():
    assert "stations:staff_detail" in ID_NAMES
    assert "stations:public_detail" in TEXT_NAMES


@pytest.mark.parametrize("prefix", ["/", "/relay/"])
def test_every_id_link_is_reverses(prefix):
    set_script_prefix(prefix)
    try:
        for name in ID_NAMES:
            for pk in (1, 42, 987654, 2147483647):
                expected = reverse(name, args=[pk])
                assert path_of(name, pk) == expected, name
                assert path_for_id(name)(pk) == expected, name
    finally:
        set_script_prefix("/")


def test_every_text_link_is_reverses_with_its_quoting():
    for name in TEXT_NAMES:
        for text in ("SH00001", "sh 01<b>&?#", "汇丰银行", "a%20b"):
            assert path_for_text(name)(text) == reverse(name, args=[text]), (name, text)


def test_a_records_staff_link_is_reverses(world):
    station = world.station_a
    assert station.get_staff_url() == reverse("stations:staff_detail", args=[station.pk])
    assert world.filing_a.get_staff_url() == reverse(
        "stations:filing_detail", args=[world.filing_a.pk]
    )
