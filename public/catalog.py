"""The DCAT catalogue of the open datasets (/api/v1/catalog.json, issue 24 item 3): what a
data portal or aggregator reads to find the datasets, their formats, licence, update
frequency and contact, in W3C DCAT as JSON-LD with its context inline (no fetch needed).

Built from settings and the URL map only: no query, so it costs what a trivial view costs.
tests/public/test_dcat_catalogue.py parses it as RDF (rdflib) and holds every DCAT and
Dublin Core term to the W3C vocabularies.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dct:license": {"@type": "@id"},
    "dct:accrualPeriodicity": {"@type": "@id"},
    "dct:conformsTo": {"@type": "@id"},
    "dcat:accessURL": {"@type": "@id"},
    "dcat:downloadURL": {"@type": "@id"},
    "dcat:landingPage": {"@type": "@id"},
    "dcat:mediaType": {"@type": "@id"},
    "dct:format": {"@type": "@id"},
    "foaf:homepage": {"@type": "@id"},
    "vcard:hasTelephone": {"@type": "@id"},
    "vcard:hasURL": {"@type": "@id"},
}
IANA = "https://www.iana.org/assignments/media-types/"
# The Dublin Core Collection Description frequencies, which DCAT's examples use.
CONTINUOUS = "http://purl.org/cld/freq/continuous"
QUARTERLY = "http://purl.org/cld/freq/quarterly"
RFC_7946 = "https://www.rfc-editor.org/rfc/rfc7946"
RFC_4180 = "https://www.rfc-editor.org/rfc/rfc4180"


def _text(value: str) -> dict:
    return {"@value": str(value), "@language": "zh-Hans"}


def _distribution(url: str, media_type: str, title: str, conforms_to: str = "") -> dict:
    found = {
        "@id": url + "#distribution",
        "@type": "dcat:Distribution",
        "dct:title": _text(title),
        "dcat:accessURL": url,
        "dcat:downloadURL": url,
        "dcat:mediaType": IANA + media_type,
        "dct:license": settings.OPEN_DATA_LICENCE_URL,
    }
    if conforms_to:
        found["dct:conformsTo"] = conforms_to
    return found


def catalogue() -> dict:
    base = settings.PUBLIC_BASE_URL
    publisher = {
        "@id": base + "/#publisher",
        "@type": "foaf:Agent",
        "foaf:name": _text(settings.AID_CENTER_NAME),
        "foaf:homepage": base + "/",
    }
    contact = {
        "@type": "vcard:Organization",
        "vcard:fn": _text(f"{settings.HOTLINE_NAME} {settings.HOTLINE}"),
        "vcard:hasTelephone": f"tel:{settings.HOTLINE}",
        "vcard:hasURL": base + reverse("stations:open_data"),
    }
    shared = {
        "dct:publisher": {"@id": publisher["@id"]},
        "dcat:contactPoint": contact,
        "dct:license": settings.OPEN_DATA_LICENCE_URL,
        "dct:spatial": _text(settings.CITY_NAME),
        "dct:language": {"@id": "http://id.loc.gov/vocabulary/iso639-1/zh"},
    }
    stations = base + reverse("stations:open_data")
    return {
        "@context": CONTEXT,
        "@id": base + reverse("stations:open_data_catalog"),
        "@type": "dcat:Catalog",
        "dct:title": _text(_("Outdoor workers' relay stations: open data")),
        "dct:description": _text(
            _(
                "The programme's open datasets: its operating stations, its published "
                "rankings and the heat and cold alerts."
            )
        ),
        "foaf:homepage": stations,
        "dct:publisher": publisher,
        "dct:license": settings.OPEN_DATA_LICENCE_URL,
        "dcat:dataset": [
            {
                **shared,
                "@id": stations + "#stations",
                "@type": "dcat:Dataset",
                "dct:identifier": "stations",
                "dct:title": _text(_("Operating relay stations")),
                "dct:description": _text(
                    _(
                        "Every station open to outdoor workers: address, WGS-84 position, hours "
                        "(also in OpenStreetMap's syntax), services and facilities. No personal data."
                    )
                ),
                "dcat:keyword": [_text(word) for word in ("户外职工", "爱心接力站", "休息点")],
                "dct:accrualPeriodicity": CONTINUOUS,
                "dcat:landingPage": stations,
                "dcat:distribution": [
                    _distribution(
                        base + reverse("stations:open_data_json"), "application/json", "JSON"
                    ),
                    _distribution(
                        base + reverse("stations:open_data_geojson"),
                        "application/geo+json",
                        "GeoJSON",
                        RFC_7946,
                    ),
                    _distribution(
                        base + reverse("stations:open_data_csv"), "text/csv", "CSV", RFC_4180
                    ),
                ],
            },
            {
                **shared,
                "@id": base + reverse("rankings:latest") + "#rankings",
                "@type": "dcat:Dataset",
                "dct:identifier": "rankings",
                "dct:title": _text(_("Quarterly rankings")),
                "dct:description": _text(
                    _(
                        "Each published quarter's scores of the stations and unions, as the "
                        "supervision team's checks gave them; one JSON file per quarter."
                    )
                ),
                "dct:accrualPeriodicity": QUARTERLY,
                "dcat:landingPage": base + reverse("rankings:latest"),
                "dcat:distribution": [
                    {
                        "@id": base + reverse("rankings:latest") + "#json",
                        "@type": "dcat:Distribution",
                        "dct:title": _text(_("JSON, one file per quarter")),
                        "dcat:accessURL": base + reverse("rankings:latest"),
                        "dcat:mediaType": IANA + "application/json",
                        "dct:license": settings.OPEN_DATA_LICENCE_URL,
                    }
                ],
            },
            {
                **shared,
                "@id": base + reverse("stations:open_data_alerts") + "#alerts",
                "@type": "dcat:Dataset",
                "dct:identifier": "alerts",
                "dct:title": _text(_("Heat and cold alerts")),
                "dct:description": _text(
                    _(
                        "The heat and cold alerts in force today or coming; while one runs, a "
                        "station's alert_hours of its kind add to its opening hours."
                    )
                ),
                "dct:accrualPeriodicity": CONTINUOUS,
                "dcat:landingPage": stations,
                "dcat:distribution": [
                    _distribution(
                        base + reverse("stations:open_data_alerts"), "application/json", "JSON"
                    ),
                ],
            },
        ],
    }
