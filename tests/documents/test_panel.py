"""The documents panel the station, filing and agreement pages include."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from documents.models import GeneratedDocument
from stations.documents.codes import Kind


def _render(user, record) -> str:
    request = RequestFactory().get("/staff/stations/1/")
    request.user = user
    template = Template('{% include "documents/_panel.html" with record=record %}')
    return template.render(Context({"record": record, "request": request, "csrf_token": "t"}))


def test_union_staff_see_a_make_button_for_each_document(world, station):
    html = _render(world.user_a, station)
    assert 'data-testid="make-pledge"' in html
    assert 'data-testid="make-plaque"' in html
    assert "js/documents.js" in html
    assert 'data-status-url="/staff/documents/station/' in html


def test_a_made_document_shows_its_download_link(make, world, station):
    document = make(Kind.PLEDGE, station)
    html = _render(world.user_a, station)
    assert f"/staff/documents/{document.pk}/download/" in html
    assert 'data-testid="make-pledge"' not in html


def test_a_failed_document_shows_its_error_and_a_retry_button(world, station):
    GeneratedDocument.objects.create(
        kind=Kind.PLEDGE,
        record_key=f"station:{station.pk}",
        union=world.union_a,
        district=station.district,
        version=_current_version(station),
        state=GeneratedDocument.State.FAILED,
        error="RuntimeError: out of paper",
    )
    html = _render(world.aid, station)
    assert 'data-testid="retry-pledge"' in html
    assert "out of paper" in html


def test_inspectors_get_no_buttons(world, station):
    html = _render(world.inspector, station)
    assert "<form" not in html


@pytest.mark.parametrize(
    ("record", "kinds"), [("filing", ["filing_form", "batch_zip"]), ("agreement", ["agreement"])]
)
def test_filing_and_agreement_pages_get_their_own_documents(world, agreement, record, kinds):
    records = {"filing": world.filing_a, "agreement": agreement}
    html = _render(world.aid, records[record])
    for kind in kinds:
        assert f'data-document-kind="{kind}"' in html
    assert 'data-document-kind="pledge"' not in html


def _current_version(station) -> str:
    from stations.documents.snapshots import pledge_snapshot

    return pledge_snapshot(station).version
