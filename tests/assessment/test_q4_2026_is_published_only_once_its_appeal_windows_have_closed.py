"""Issue 21, item 4: a draft may be computed at any time, but a quarter is published only
once it has ended and each of its checks is settled (APPEAL_DAYS = 14: a check of 1 December
may be appealed until the 15th, and is settled from the 16th), from a draft computed after
that. On 4 December 2026, 2026 Q4 is refused, and the button says why and when."""

import datetime as dt
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.formats import date_format

from inspections.assessment.services.assessment import assessment_run
from inspections.assessment.services.publication import assessment_publish, publish_refusal
from inspections.models import AssessmentStatus, InspectionKind
from inspections.orders.services.appeals import appeal_decide

from .helpers import ZONE, appeal, check, operating_station

Q4 = {"year": 2026, "quarter": 4}


def at(*when):
    return mock.patch("django.utils.timezone.now", return_value=dt.datetime(*when, tzinfo=ZONE))


def day(*ymd) -> str:
    return date_format(dt.date(*ymd), "DATE_FORMAT")


def test_q4_is_refused_on_4_december_and_published_after_its_last_window(world, client):
    station = operating_station(world.union_a)
    with at(2026, 12, 1, 10):
        check(station, 90, by=world.inspector, when=dt.datetime(2026, 12, 1, 10, tzinfo=ZONE))

    with at(2026, 12, 4, 12):
        early = assessment_run(**Q4, by=world.aid)
        assert early.status == AssessmentStatus.DRAFT  # a draft any time
        refusal = publish_refusal(early)
        # Not ended: it ends on 31 December; the known check's window closes on the 16th,
        # so not before 1 January, and not before 15 January if a check is made on the 31st.
        assert day(2026, 12, 31) in refusal
        assert day(2027, 1, 1) in refusal and day(2027, 1, 15) in refusal
        with pytest.raises(ValidationError) as refused:
            assessment_publish(assessment=early, by=world.aid, reports=False)
        assert refused.value.messages == [refusal]
        # The button says it, and cannot be pressed.
        client.force_login(world.aid)
        page = client.get(reverse("inspections:assessment_detail", args=[early.pk]))
        html = page.content.decode()
        assert 'data-testid="publish-refusal"' in html and day(2026, 12, 31) in html
        assert "disabled" in html.split('data-testid="publish-form"')[1].split("</form>")[0]

    with at(2026, 12, 28, 15):
        check(station, 70, by=world.inspector, when=dt.datetime(2026, 12, 28, 15, tzinfo=ZONE))

    with at(2027, 1, 5, 12):
        # Ended, but the check of 28 December may be appealed until 11 January.
        refusal = publish_refusal(early)
        assert day(2027, 1, 12) in refusal
        with pytest.raises(ValidationError):
            assessment_publish(assessment=early, by=world.aid, reports=False)

    with at(2027, 1, 12, 9):
        # Final now, but the draft of 4 December was computed before: compute again.
        assert day(2026, 12, 4) in publish_refusal(early)
        with pytest.raises(ValidationError):
            assessment_publish(assessment=early, by=world.aid, reports=False)
        fresh = assessment_run(**Q4, by=world.aid)
        assert publish_refusal(fresh) == ""
        assessment_publish(assessment=fresh, by=world.aid, reports=False)
    fresh.refresh_from_db()
    assert fresh.status == AssessmentStatus.PUBLISHED
    # Both checks count: (90 + 70) / 2 = 80, (70×80 + 10×100) / 80 = 82.5.
    client.logout()
    data = client.get(reverse("rankings:api", kwargs=Q4)).json()
    assert data["stations"][0]["score"] == 82.5


def test_an_open_appeal_holds_the_quarter_until_it_is_decided(world):
    station = operating_station(world.union_a)
    contested = check(station, 40, by=world.inspector)  # 2025 Q1: its window long closed
    pending = appeal(contested, by=world.user_a)
    draft = assessment_run(year=2025, quarter=1, by=world.aid)
    assert "2025年第1季度的检查尚有1件申诉未作决定" in publish_refusal(draft)
    with pytest.raises(ValidationError):
        assessment_publish(assessment=draft, by=world.aid, reports=False)

    appeal_decide(appeal=pending, by=world.aid, upheld=False, decision="检查属实，驳回。")
    # The draft was computed before the decision: the decided quarter is computed again.
    with pytest.raises(ValidationError):
        assessment_publish(assessment=draft, by=world.aid, reports=False)
    decided = assessment_run(year=2025, quarter=1, by=world.aid)
    assessment_publish(assessment=decided, by=world.aid, reports=False)
    decided.refresh_from_db()
    assert decided.status == AssessmentStatus.PUBLISHED


def test_an_empty_quarter_is_refused(world):
    station = operating_station(world.union_a)
    # Only the union's own self-check: nothing the supervision team scored.
    check(station, 100, kind=InspectionKind.SELF_CHECK, by=world.user_a)
    draft = assessment_run(year=2025, quarter=1, by=world.aid)
    assert "没有站点得分" in publish_refusal(draft)
    with pytest.raises(ValidationError):
        assessment_publish(assessment=draft, by=world.aid, reports=False)
