from __future__ import annotations

import pytest

from stations.models import FilingForm, Station
from stations.services.filing_import import filing_import
from unions.models import Union


def _filed_by(file, union: Union):
    """The same workbook with 推荐单位名称 naming ``union``: a union files in its own name."""
    import io

    from openpyxl import load_workbook

    from .builders import UNIT

    if not hasattr(file, "read"):
        return file
    file.seek(0)
    workbook = load_workbook(file)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value == UNIT["unit_name"]:
                    cell.value = union.name
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)
    return out


@pytest.fixture
def run_import(world):
    """Import a file for union A as union A's clerk, or for another union as a clerk of that
    union (the service refuses a union's clerk another union's import)."""

    def run(file, *, union: Union | None = None, by=None):
        union = union or world.union_a
        if union != world.union_a:
            file = _filed_by(file, union)
            by = by or _clerk_of(union)
        return filing_import(file=file, union=union, by=by or world.user_a)

    return run


def _clerk_of(union: Union):
    from django.contrib.auth import get_user_model

    from tests.factories import make_user
    from unions.models import Role

    name = f"clerk_of_{union.code}"
    found = get_user_model().objects.filter(username=name).first()
    return found or make_user(name, Role.UNION_STAFF, union=union)


@pytest.fixture
def nothing_saved(world):
    """Asserts, after the test body ran, that no filing or station was added."""
    filings, stations = FilingForm.objects.count(), Station.objects.count()

    def check():
        assert FilingForm.objects.count() == filings
        assert Station.objects.count() == stations

    return check


@pytest.fixture
def industry_union(db) -> Union:
    return Union.objects.get(code="finance")


@pytest.fixture
def greening_union(db) -> Union:
    return Union.objects.get(code="greening")


@pytest.fixture
def exported(client, tasks_in_process, django_capture_on_commit_callbacks):
    """exported(user, filters) -> the registry export's sheet, asked for as the registry page
    asks (a POST with the list's filters), made by the job and downloaded from its page."""
    import io

    from django.urls import reverse
    from openpyxl import load_workbook

    from documents.models import GeneratedDocument

    def export(user, filters: dict | None = None):
        client.force_login(user)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("stations:registry_export_request"), filters or {})
        assert response.status_code == 302
        document = GeneratedDocument.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])
        assert document.state == GeneratedDocument.State.READY, document.error
        download = client.get(reverse("documents:download", kwargs={"pk": document.pk}))
        assert download.status_code == 200
        return load_workbook(io.BytesIO(b"".join(download.streaming_content))).active

    return export
