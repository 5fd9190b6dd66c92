from django.urls import reverse

from inspections.models import AssessmentStatus

from .helpers import computed_quarter

QUARTER = {"year": 2025, "quarter": 1}


def test_a_draft_is_not_on_the_public_pages(world, client):
    assessment, stations = computed_quarter(world)
    assert assessment.status == AssessmentStatus.DRAFT
    latest = client.get(reverse("rankings:latest"))
    assert latest.status_code == 200
    assert stations[0].name not in latest.content.decode()
    assert client.get(reverse("rankings:quarter", kwargs=QUARTER)).status_code == 404
    assert client.get(reverse("rankings:api", kwargs=QUARTER)).status_code == 404


def test_a_published_quarter_is_on_the_public_pages(world, client):
    from inspections.assessment.services.publication import assessment_publish

    assessment, stations = computed_quarter(world)
    assessment_publish(assessment=assessment, by=world.aid, reports=False)
    page = client.get(reverse("rankings:quarter", kwargs=QUARTER)).content.decode()
    assert stations[0].name in page
    assert f"/stations/{stations[0].plaque_number}/" in page
    assert stations[0].name in client.get(reverse("rankings:latest")).content.decode()
    data = client.get(reverse("rankings:api", kwargs=QUARTER)).json()
    assert [s["plaque_number"] for s in data["stations"]] == [s.plaque_number for s in stations]
    assert data["stations"][0]["score"] == 91.25
