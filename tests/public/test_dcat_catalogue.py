"""/api/v1/catalog.json (issue 24): the open datasets described in W3C DCAT, as JSON-LD that
rdflib reads as RDF with its context inline; every DCAT and Dublin Core term is one the W3C
vocabularies define, and each dataset has what DCAT asks of it."""

from __future__ import annotations

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF

pytestmark = pytest.mark.django_db


@pytest.fixture
def graph(client) -> Graph:
    response = client.get("/api/v1/catalog.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    assert response["Access-Control-Allow-Origin"] == "*"
    return Graph().parse(data=response.content, format="json-ld")


def _defined(namespace, term: URIRef) -> bool:
    name = str(term)[len(str(namespace._NS)) :]
    return name in namespace.__annotations__ or name in getattr(namespace, "_extras", [])


def test_every_term_is_in_the_w3c_vocabularies(graph):
    used = {p for _s, p, _o in graph} | {o for _s, _p, o in graph.triples((None, RDF.type, None))}
    checked = 0
    for term in used:
        for namespace in (DCAT, DCTERMS, FOAF):
            if str(term).startswith(str(namespace._NS)):
                assert _defined(namespace, term), term
                checked += 1
    assert checked >= 15


def test_each_dataset_has_what_dcat_asks(graph, settings):
    [catalog] = graph.subjects(RDF.type, DCAT.Catalog)
    datasets = set(graph.objects(catalog, DCAT.dataset))
    assert datasets == set(graph.subjects(RDF.type, DCAT.Dataset)) and len(datasets) == 3
    for dataset in datasets:
        for needed in (
            DCTERMS.title,
            DCTERMS.description,
            DCTERMS.publisher,
            DCTERMS.license,
            DCTERMS.accrualPeriodicity,
            DCAT.contactPoint,
            DCAT.distribution,
        ):
            assert graph.value(dataset, needed) is not None, (dataset, needed)
        for distribution in graph.objects(dataset, DCAT.distribution):
            assert (distribution, RDF.type, DCAT.Distribution) in graph
            assert graph.value(distribution, DCAT.accessURL) is not None
            assert str(graph.value(distribution, DCAT.mediaType)).startswith(
                "https://www.iana.org/assignments/media-types/"
            )
    assert (None, DCTERMS.license, URIRef(settings.OPEN_DATA_LICENCE_URL)) in graph
    assert (None, FOAF.name, Literal(settings.AID_CENTER_NAME, lang="zh-Hans")) in graph


def test_the_files_are_listed_where_they_are_served(graph, client):
    urls = {str(u) for u in graph.objects(None, DCAT.downloadURL)}
    paths = sorted(u.split("://", 1)[1].split("/", 1)[1] for u in urls)
    assert paths == [
        "api/v1/alerts.json",
        "api/v1/stations.csv",
        "api/v1/stations.geojson",
        "api/v1/stations.json",
    ]
    for path in paths:
        assert client.get("/" + path).status_code == 200


def test_the_check_can_fail():
    wrong = URIRef("http://www.w3.org/ns/dcat#downloadUrl")
    assert not _defined(DCAT, wrong)
