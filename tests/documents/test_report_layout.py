"""The shared report layout: a title, sections and tables, running heads, page numbers."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from documents.models import GeneratedDocument
from documents.reports import ReportSpec, report_request

from .helpers import pdf_text, read_file

SPEC = ReportSpec(
    key="quarterly-2018-q3-huangpu",
    title="2018年第三季度考核情况",
    context={
        "subtitle": "黄浦区总工会",
        "generated_on": "2018-10-08",
        "sections": [
            {
                "heading": "一、总体情况",
                "paragraphs": ["本季度共检查站点25家。"],
                "table": {
                    "columns": ["站点编号", "得分"],
                    "rows": [["SH00001", 95], ["SH00002", 88.5]],
                },
            }
        ],
    },
)


def _report(world, django_capture_on_commit_callbacks, spec=SPEC):
    spec = ReportSpec(**{**spec.__dict__, "union_id": world.union_a.pk})
    with django_capture_on_commit_callbacks(execute=True):
        document = report_request(spec=spec, by=world.aid)
    document.refresh_from_db()
    return document


def test_a_report_renders_its_sections_in_the_shared_layout(
    world, django_capture_on_commit_callbacks
):
    document = _report(world, django_capture_on_commit_callbacks)
    assert document.state == GeneratedDocument.State.READY
    text = pdf_text(read_file(document))
    assert settings.AID_CENTER_NAME in text  # running head
    for expected in (
        "2018年第三季度考核情况",
        "一、总体情况",
        "本季度共检查站点25家。",
        "SH00002",
        "88.5",
        "1/1",
    ):
        assert expected in text


def test_a_unions_report_is_hidden_from_other_unions(
    world, client, django_capture_on_commit_callbacks
):
    document = _report(world, django_capture_on_commit_callbacks)
    url = reverse("documents:download", args=[document.pk])
    client.force_login(world.user_b)
    assert client.get(url).status_code == 404
    client.force_login(world.user_a)
    assert client.get(url).status_code == 200


def test_a_failed_report_is_retried_from_its_id(world, client, django_capture_on_commit_callbacks):
    document = _report(world, django_capture_on_commit_callbacks)
    GeneratedDocument.objects.filter(pk=document.pk).update(state=GeneratedDocument.State.FAILED)
    client.force_login(world.aid)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("documents:retry", args=[document.pk]))
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.state == GeneratedDocument.State.READY
