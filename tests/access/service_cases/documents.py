"""Asking for a document and retrying it: the kind's requesters, and only a document the
caller could read once made (documents.services)."""

from __future__ import annotations

from django.utils import timezone

from documents.models import GeneratedDocument
from documents.services import document_request, document_retry
from stations.documents.codes import Kind
from stations.documents.registry_export import RegistryExport
from stations.models import StationStatus

from ..service_cases import ROLES, ServiceCase
from ._build import UNION_A_OR_AID, station

# Everyone who reads the registry exports their own view of it (no administrator's page).
REGISTRY_READERS = frozenset(ROLES) - {"anonymous", "admin"}


def _failed_filing_form(world):
    made = document_request(kind=Kind.FILING_FORM, record=world.filing_a, by=world.aid)
    GeneratedDocument.objects.filter(pk=made.pk).update(state=GeneratedDocument.State.FAILED)
    made.refresh_from_db()
    return made


def _export(user):
    return RegistryExport(user=user, filters={}, at=timezone.now(), language="zh-hans")


def _order_export(user):
    from inspections.orders.export import OrderExport

    return OrderExport(user=user, filters={}, at=timezone.now(), language="zh-hans")


CASES = [
    ServiceCase(
        document_request,
        UNION_A_OR_AID,
        lambda w, u: document_request(kind=Kind.FILING_FORM, record=w.filing_a, by=u),
        label="union A's filing form",
    ),
    ServiceCase(
        document_request,
        UNION_A_OR_AID,
        lambda w, u: document_request(
            kind=Kind.PLEDGE, record=station(w, StationStatus.ACTIVE), by=u
        ),
        label="the pledge of union A's station",
    ),
    ServiceCase(
        document_request,
        REGISTRY_READERS,
        lambda w, u: document_request(kind=Kind.REGISTRY_EXPORT, record=_export(u), by=u),
        label="the caller's own registry export",
    ),
    ServiceCase(
        document_request,
        REGISTRY_READERS,
        lambda w, u: document_request(kind="orders_csv", record=_order_export(u), by=u),
        label="the caller's own order list CSV",
    ),
    ServiceCase(
        document_retry,
        UNION_A_OR_AID,
        lambda w, u: document_retry(document=_failed_filing_form(w), by=u),
    ),
]
