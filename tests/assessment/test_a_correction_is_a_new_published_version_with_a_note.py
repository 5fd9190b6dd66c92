import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from inspections.assessment.services.assessment import assessment_run
from inspections.assessment.services.publication import assessment_publish
from inspections.models import AssessmentStatus, StationQuarterScore

from .helpers import computed_quarter

QUARTER = {"year": 2025, "quarter": 1}


def test_a_correction_needs_a_note_and_supersedes_the_published_version(world, client):
    first, stations = computed_quarter(world)
    assessment_publish(assessment=first, by=world.aid, reports=False)
    second = assessment_run(year=2025, quarter=1, by=world.aid)
    with pytest.raises(ValidationError):
        assessment_publish(assessment=second, by=world.aid, reports=False)
    assessment_publish(
        assessment=second, by=world.aid, note="补录一次飞行检查后重新计算。", reports=False
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == AssessmentStatus.SUPERSEDED
    assert second.status == AssessmentStatus.PUBLISHED
    # The superseded version is kept whole, never edited.
    assert StationQuarterScore.objects.filter(assessment=first).count() == 2
    page = client.get(reverse("rankings:quarter", kwargs=QUARTER)).content.decode()
    assert "补录一次飞行检查后重新计算。" in page
    assert client.get(reverse("rankings:api", kwargs=QUARTER)).json()["version"] == 2


def test_a_published_or_superseded_version_cannot_be_published_again(world):
    first, _stations = computed_quarter(world)
    assessment_publish(assessment=first, by=world.aid, reports=False)
    with pytest.raises(ValidationError):
        assessment_publish(assessment=first, by=world.aid, note="再发一次", reports=False)


def test_an_older_draft_cannot_replace_a_later_published_version(world):
    first, _stations = computed_quarter(world)
    second = assessment_run(year=2025, quarter=1, by=world.aid)
    assessment_publish(assessment=second, by=world.aid, reports=False)
    with pytest.raises(ValidationError):
        assessment_publish(assessment=first, by=world.aid, note="旧版本", reports=False)
