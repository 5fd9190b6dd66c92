from django.urls import reverse

from inspections.models import AssessmentStatus, QuarterlyAssessment


def test_the_list_refreshes_itself_and_shows_progress_while_a_run_is_going(world, client):
    QuarterlyAssessment.objects.create(
        year=2025, quarter=1, status=AssessmentStatus.RUNNING, progress_done=3, progress_total=9
    )
    client.force_login(world.aid)
    page = client.get(reverse("inspections:assessment_list")).content.decode()
    assert 'http-equiv="refresh"' in page
    assert "3 / 9" in page


def test_the_list_stops_refreshing_when_nothing_runs(world, client):
    QuarterlyAssessment.objects.create(year=2025, quarter=1, status=AssessmentStatus.DRAFT)
    client.force_login(world.aid)
    assert (
        'http-equiv="refresh"'
        not in client.get(reverse("inspections:assessment_list")).content.decode()
    )
