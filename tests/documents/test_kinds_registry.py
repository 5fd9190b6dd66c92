"""The registry the apps above documents fill: kinds, and the records that offer them."""

from __future__ import annotations

import pytest

from documents import kinds
from documents.models import GeneratedDocument
from documents.snapshots import DocumentUnavailable, snapshot_for
from stations.documents.codes import Kind


def test_the_stations_app_registers_its_kinds_and_documents_its_report():
    codes = {kind.code for kind in kinds.all_kinds()}
    assert {*Kind.values, "report"} <= codes


def test_the_kind_field_offers_the_registered_kinds():
    choices = dict(GeneratedDocument._meta.get_field("kind").choices)
    assert choices[Kind.PLEDGE] == Kind.PLEDGE.label


def test_a_second_kind_under_a_taken_code_is_refused():
    with pytest.raises(ValueError, match="registered already"):
        kinds.register(kinds.DocumentKind(code=Kind.PLEDGE, label="another pledge"))


def test_registering_the_same_kind_again_is_harmless():
    pledge = kinds.get(Kind.PLEDGE)
    assert kinds.register(pledge) is pledge


def test_a_code_too_long_for_the_column_is_refused():
    with pytest.raises(ValueError, match="up to 16"):
        kinds.register(kinds.DocumentKind(code="a_very_long_kind_code", label="x"))


def test_a_record_names_its_documents_by_its_registered_type(world):
    assert kinds.record_key(world.station_a) == f"station:{world.station_a.pk}"
    assert kinds.kinds_for(world.filing_a) == (Kind.FILING_FORM, Kind.BATCH_ZIP)
    assert kinds.kinds_for(world.union_a) == ()


def test_a_kind_asked_of_the_wrong_record_is_unavailable(world):
    with pytest.raises(DocumentUnavailable):
        snapshot_for(Kind.PLEDGE, world.filing_a)
    with pytest.raises(DocumentUnavailable):
        snapshot_for("no_such_kind", world.station_a)
