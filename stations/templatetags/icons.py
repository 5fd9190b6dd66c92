"""Inline SVG icons from the vendored Bootstrap Icons (static/vendor/bootstrap-icons/).

Inline, so that an icon costs no request and takes the text colour; always beside words,
never instead of them: the SVG is hidden from screen readers.
"""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.contrib.staticfiles import finders
from django.utils.safestring import mark_safe

from ..models import Audience, Facility, Service

register = template.Library()

SERVICE_ICONS = {
    Service.WATER: "droplet",
    Service.COOL_WARM: "thermometer-half",
    Service.MEAL_HEATING: "cup-hot",
    Service.CHARGING: "battery-charging",
    Service.REST_TOILET: "house-door",
    Service.OTHER: "three-dots",
}
FACILITY_ICONS = {
    Facility.AIR_CON: "snow",
    Facility.FRIDGE: "box-seam",
    Facility.MICROWAVE: "fire",
    Facility.WATER_DISPENSER: "cup-straw",
    Facility.POWER_STRIP: "plug",
    Facility.TABLES_CHAIRS: "table",
    Facility.WIFI: "wifi",
    Facility.FIRST_AID: "bandaid",
    Facility.NEWSPAPER_RACK: "newspaper",
    Facility.OPEN_TOILET: "badge-wc",
}
AUDIENCE_ICONS = {Audience.ALL: "people", Audience.SANITATION: "cone-striped"}


@lru_cache(maxsize=64)
def _file(name: str) -> str:
    found = finders.find(f"vendor/bootstrap-icons/{name}.svg")
    if not found:
        raise ValueError(f"no icon {name!r} in static/vendor/bootstrap-icons/")
    with open(found, encoding="utf-8") as fh:
        return fh.read().strip()


@lru_cache(maxsize=64)
def _svg(name: str) -> str:
    return (
        _file(name)
        .replace(
            "<svg ", '<svg aria-hidden="true" focusable="false" width="1.25em" height="1.25em" ', 1
        )
        .replace(' width="16" height="16"', "", 1)
    )


@register.simple_tag
def icon(name: str) -> str:
    return mark_safe(_svg(name))  # noqa: S308 - our own vendored files, read from disk


@register.simple_tag
def icon_sprite() -> str:
    """The service icons once per page, as symbols that ``icon_ref`` points to: a list of
    twenty stations then repeats a short reference, not the whole drawing."""
    symbols = []
    for name in sorted(set(SERVICE_ICONS.values())):
        svg = _file(name)
        inner = svg[svg.index(">") + 1 : svg.rindex("</svg>")].strip()
        symbols.append(f'<symbol id="bi-{name}" viewBox="0 0 16 16">{inner}</symbol>')
    return mark_safe(  # noqa: S308 - our own vendored files, read from disk
        '<svg xmlns="http://www.w3.org/2000/svg" hidden>' + "".join(symbols) + "</svg>"
    )


@register.simple_tag
def icon_ref(name: str) -> str:
    return mark_safe(  # noqa: S308 - a fixed name from SERVICE_ICONS
        '<svg aria-hidden="true" focusable="false" width="1.25em" height="1.25em" '
        f'fill="currentColor" class="bi"><use href="#bi-{name}"></use></svg>'
    )


@register.filter
def service_items(station) -> list[tuple[str, str]]:
    """(icon, words) for each service the station offers; its own words for 其他."""
    items = []
    for code in station.services or []:
        # The icon table, not Service.values: that builds a list on every call, twenty
        # stations a page.
        if code not in SERVICE_ICONS:
            continue
        label = str(Service(code).label)
        if code == Service.OTHER and station.services_other:
            label = station.services_other
        items.append((SERVICE_ICONS[code], label))
    return items


@register.filter
def facility_items(station) -> list[tuple[str, str]]:
    return [
        (FACILITY_ICONS[code], str(Facility(code).label))
        for code in station.facilities or []
        if code in FACILITY_ICONS
    ]


@register.filter
def audience_icon(station) -> str:
    return AUDIENCE_ICONS.get(station.audience, "people")
