from django.urls import reverse

from inspections.models import AssessmentStatus, QuarterlyAssessment

from .helpers import check, computed_quarter, operating_station


def test_the_aid_center_starts_a_run_from_the_list_page(world, client):
    check(operating_station(world.union_a), 80, by=world.inspector)
    client.force_login(world.aid)
    assert client.get(reverse("inspections:assessment_list")).status_code == 200
    response = client.post(reverse("inspections:assessment_start"), {"year": 2025, "quarter": 1})
    assert response.status_code == 302
    assessment = QuarterlyAssessment.objects.get()
    assert assessment.status == AssessmentStatus.DRAFT
    assert assessment.started_by == world.aid


def test_the_draft_page_compares_with_the_previous_published_quarter(world, client):
    from inspections.assessment.services.publication import assessment_publish

    previous, stations = computed_quarter(world, quarter=1, scores=(90, 70))
    assessment_publish(assessment=previous, by=world.aid, reports=False)
    # The same stations checked again in Q2, with the order of the two reversed.
    from inspections.assessment.services.assessment import assessment_run

    from .helpers import Q2_DAY

    check(stations[0], 60, by=world.inspector, when=Q2_DAY)
    check(stations[1], 80, by=world.inspector, when=Q2_DAY)
    draft = assessment_run(year=2025, quarter=2, by=world.aid)
    client.force_login(world.aid)
    page = client.get(reverse("inspections:assessment_detail", args=[draft.pk])).content.decode()
    # Q2: (70×60 + 10×100) / 80 = 65 after 91.25; (70×80 + 1000) / 80 = 82.5 after 73.75.
    assert "-26.25" in page and "+8.75" in page
    assert "↑1" in page and "↓1" in page


def test_publishing_is_post_only_and_a_correction_asks_for_its_note(world, client):
    from inspections.assessment.services.assessment import assessment_run

    first, _stations = computed_quarter(world)
    client.force_login(world.aid)
    url = reverse("inspections:assessment_publish", args=[first.pk])
    assert client.get(url).status_code == 405
    client.post(url)
    first.refresh_from_db()
    assert first.status == AssessmentStatus.PUBLISHED
    second = assessment_run(year=2025, quarter=1, by=world.aid)
    client.post(reverse("inspections:assessment_publish", args=[second.pk]))
    second.refresh_from_db()
    assert second.status == AssessmentStatus.DRAFT  # refused without a note
    client.post(reverse("inspections:assessment_publish", args=[second.pk]), {"note": "更正"})
    second.refresh_from_db()
    assert second.status == AssessmentStatus.PUBLISHED
