from django.core import mail
from django.urls import reverse

from documents.models import GeneratedDocument
from inspections.assessment.services.publication import assessment_publish
from inspections.reports.workbook import WORKBOOK
from unions.models import Notice

from .helpers import computed_quarter


def test_publishing_sends_each_union_its_own_report(
    world, client, django_capture_on_commit_callbacks, tasks_in_process
):
    world.user_a.email = "a@example.org"
    world.user_a.save(update_fields=["email"])
    assessment, _stations = computed_quarter(world)
    with django_capture_on_commit_callbacks(execute=True):
        assessment_publish(assessment=assessment, by=world.aid)
    reports = GeneratedDocument.objects.filter(kind="report", union__isnull=False)
    assert {d.union_id for d in reports} == {world.union_a.pk, world.union_b.pk}
    assert all(d.state == GeneratedDocument.State.READY for d in reports)
    own = reports.get(union=world.union_a)
    other = reports.get(union=world.union_b)

    notice = Notice.objects.get(union=world.union_a, topic="quarterly_report")
    assert notice.link == reverse("documents:download", args=[own.pk])
    assert Notice.objects.filter(union=world.union_b, topic="quarterly_report").count() == 1
    assert any("a@example.org" in m.to for m in mail.outbox)

    client.force_login(world.user_a)
    assert client.get(reverse("documents:download", args=[own.pk])).status_code == 200
    assert client.get(reverse("documents:download", args=[other.pk])).status_code == 404
    # City-wide documents (the workbook, the media summary) are the aid center's.
    for document in GeneratedDocument.objects.filter(union__isnull=True):
        assert client.get(reverse("documents:download", args=[document.pk])).status_code == 404
    workbooks = GeneratedDocument.objects.filter(kind=WORKBOOK, state="ready")
    assert workbooks.filter(union__isnull=True).count() == 1
    # Each union's own workbook beside its PDF (issue 21), named in its notice, its own only.
    own_book = workbooks.get(union=world.union_a)
    other_book = workbooks.get(union=world.union_b)
    assert reverse("documents:download", args=[own_book.pk]) in notice.body
    assert client.get(reverse("documents:download", args=[own_book.pk])).status_code == 200
    assert client.get(reverse("documents:download", args=[other_book.pk])).status_code == 404


def test_making_the_reports_twice_tells_each_union_once(world, django_capture_on_commit_callbacks):
    from inspections.reports.delivery import assessment_reports_make

    assessment, _stations = computed_quarter(world)
    with django_capture_on_commit_callbacks(execute=True):
        assessment_publish(assessment=assessment, by=world.aid)
    with django_capture_on_commit_callbacks(execute=True):
        assessment_reports_make(assessment_id=assessment.pk)
    assert Notice.objects.filter(union=world.union_a, topic="quarterly_report").count() == 1
