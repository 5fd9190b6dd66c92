"""Asking for, watching and downloading documents: scoped to who may see the record."""

from __future__ import annotations

import pytest
from django.urls import reverse

from documents.models import GeneratedDocument
from stations.documents.codes import Kind
from stations.models import StationStatus
from tests.factories import make_user
from unions.models import Role

from .helpers import numbered_station

State = GeneratedDocument.State


def _request_url(station, kind="pledge"):
    return reverse(
        "documents:request", kwargs={"record": "station", "pk": station.pk, "kind": kind}
    )


@pytest.fixture
def signed_in(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


def test_union_staff_ask_for_a_pledge_and_it_is_made(
    signed_in, world, station, django_capture_on_commit_callbacks
):
    client = signed_in(world.user_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_request_url(station), HTTP_ACCEPT="application/json")
    assert response.status_code == 202
    document = GeneratedDocument.objects.get(pk=response.json()["id"])
    assert document.state == State.READY
    assert document.requested_by == world.user_a
    assert document.union_id == world.union_a.pk


def test_a_form_post_goes_back_to_the_page_it_came_from(signed_in, world, station):
    client = signed_in(world.aid)
    response = client.post(_request_url(station), {"next": "/staff/stations/"})
    assert response.status_code == 302
    assert response["Location"] == "/staff/stations/"


def test_a_form_post_never_redirects_off_site(signed_in, world, station):
    client = signed_in(world.aid)
    response = client.post(_request_url(station), {"next": "https://evil.example/"})
    assert response.status_code == 302
    assert "evil" not in response["Location"]


def test_asking_is_post_only(signed_in, world, station):
    assert signed_in(world.user_a).get(_request_url(station)).status_code == 405


def test_inspectors_may_not_ask_for_documents(signed_in, world, station):
    assert signed_in(world.inspector).post(_request_url(station)).status_code == 403


def test_another_unions_staff_get_404_for_the_station(signed_in, world, station):
    assert signed_in(world.user_b).post(_request_url(station)).status_code == 404


def test_a_station_without_a_number_has_no_pledge_yet(signed_in, world):
    client = signed_in(world.user_a)
    response = client.post(_request_url(world.station_a), HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json()["error"]
    assert not GeneratedDocument.objects.exists()


def test_an_unknown_kind_for_the_record_is_404(signed_in, world, station):
    client = signed_in(world.user_a)
    assert client.post(_request_url(station, "agreement")).status_code == 404
    assert client.post(_request_url(station, "nonsense")).status_code == 404


def test_the_download_is_the_pdf_as_an_attachment(make, signed_in, world, station):
    document = make(Kind.PLEDGE, station)
    response = signed_in(world.user_a).get(reverse("documents:download", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="pledge-SH00001.pdf"' in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize(("who", "status"), [("aid", 200), ("inspector", 200), ("user_b", 404)])
def test_downloads_follow_the_records_scope(make, signed_in, world, station, who, status):
    document = make(Kind.PLAQUE, station)
    client = signed_in(getattr(world, who))
    url = reverse("documents:download", args=[document.pk])
    assert client.get(url).status_code == status


def test_a_district_inspector_cannot_download_another_districts_documents(
    make, signed_in, world, station
):
    inspector = make_user("xuhui_inspector", Role.INSPECTOR, district="徐汇区")
    document = make(Kind.PLAQUE, station)
    url = reverse("documents:download", args=[document.pk])
    assert signed_in(inspector).get(url).status_code == 404


def test_a_station_document_carries_the_stations_district_for_district_inspectors(
    make, signed_in, world, station
):
    inspector = make_user("own_district_inspector", Role.INSPECTOR, district=station.district)
    document = make(Kind.PLAQUE, station)
    assert document.district == station.district
    url = reverse("documents:download", args=[document.pk])
    assert signed_in(inspector).get(url).status_code == 200


def test_an_inspector_cannot_download_a_filing_form_with_its_mobile_numbers(
    make, signed_in, world, station
):
    document = make(Kind.FILING_FORM, world.filing_a)
    url = reverse("documents:download", args=[document.pk])
    assert signed_in(world.user_a).get(url).status_code == 200
    assert signed_in(world.inspector).get(url).status_code == 404


def test_a_document_that_is_not_ready_cannot_be_downloaded(signed_in, world, station):
    from documents.services import document_request

    document = document_request(kind=Kind.PLEDGE, record=station, by=world.aid)
    url = reverse("documents:download", args=[document.pk])
    assert signed_in(world.aid).get(url).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(make, client, station):
    document = make(Kind.PLEDGE, station)
    response = client.get(reverse("documents:download", args=[document.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_status_lists_each_document_of_the_record_with_its_state(
    make, signed_in, world, station
):
    make(Kind.PLEDGE, station)
    url = reverse("documents:status", kwargs={"record": "station", "pk": station.pk})
    data = signed_in(world.user_a).get(url).json()
    rows = {row["kind"]: row for row in data["documents"]}
    assert set(rows) == {"pledge", "plaque"}
    assert rows["pledge"]["state"] == "ready"
    assert rows["pledge"]["download_url"].endswith("/download/")
    assert rows["plaque"]["state"] == "none"
    assert rows["plaque"]["request_url"]
    assert data["pending"] is False
    assert 'data-document-kind="pledge"' in data["html"]


def test_the_status_of_a_queued_document_is_pending(signed_in, world, station):
    from documents.services import document_request

    document_request(kind=Kind.PLEDGE, record=station, by=world.aid)
    url = reverse("documents:status", kwargs={"record": "station", "pk": station.pk})
    data = signed_in(world.aid).get(url).json()
    assert data["pending"] is True
    assert {r["kind"]: r["state"] for r in data["documents"]}["pledge"] == "queued"


def test_inspectors_see_states_but_no_buttons(make, signed_in, world, station):
    make(Kind.PLEDGE, station)
    url = reverse("documents:status", kwargs={"record": "station", "pk": station.pk})
    data = signed_in(world.inspector).get(url).json()
    assert all(row["request_url"] == "" for row in data["documents"])
    assert "<form" not in data["html"]
    assert "download" in data["html"]


def test_the_status_of_another_unions_record_is_404(signed_in, world, station):
    url = reverse("documents:status", kwargs={"record": "station", "pk": station.pk})
    assert signed_in(world.user_b).get(url).status_code == 404


def test_a_revoked_station_offers_no_plaque(signed_in, world):
    revoked = numbered_station(
        world.filing_a, world.host_a, 9, status=StationStatus.REVOKED, plaque_recalled=True
    )
    url = reverse("documents:status", kwargs={"record": "station", "pk": revoked.pk})
    rows = {r["kind"]: r for r in signed_in(world.aid).get(url).json()["documents"]}
    assert rows["plaque"]["unavailable"]
    assert rows["plaque"]["request_url"] == ""
    response = signed_in(world.aid).post(
        _request_url(revoked, "plaque"), HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 400


def test_an_edited_record_still_offers_the_previous_file(make, signed_in, world, station):
    old = make(Kind.PLEDGE, station)
    station.name = "改名后的站点"
    station.save(update_fields=["name"])
    url = reverse("documents:status", kwargs={"record": "station", "pk": station.pk})
    html = signed_in(world.aid).get(url).json()["html"]
    assert reverse("documents:download", args=[old.pk]) in html


def test_agreement_documents_are_scoped_like_the_agreement(make, signed_in, world, agreement):
    document = make(Kind.AGREEMENT, agreement)
    url = reverse("documents:download", args=[document.pk])
    assert signed_in(world.user_a).get(url).status_code == 200
    assert signed_in(world.user_b).get(url).status_code == 404
