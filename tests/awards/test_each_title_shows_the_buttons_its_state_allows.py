"""The selection page's titles are drawn by one tag (awards_tags.title_items), not the
template language: each title shows the buttons TITLE_ACTIONS allow in its state, posts to
its own title, and whatever a citation or a name holds is shown as text."""

from __future__ import annotations

import os

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.models import Award, AwardKind, AwardYear, AwardYearStatus
from tests.factories import make_user
from unions.models import Role

from .conftest import YEAR, title


@pytest.fixture
def aid(db):
    return make_user("aid", Role.AID_CENTER)


def _page(client, aid) -> str:
    client.force_login(aid)
    body = client.get(reverse("awards:staff_year", args=[YEAR])).content.decode()
    if os.environ.get("TITLES_DUMP"):  # to compare the markup before and after a change
        with open(os.environ["TITLES_DUMP"], "a", encoding="utf-8") as dump:
            dump.write(body)
    return body


def _forms(body: str, award: Award) -> dict[str, bool]:
    return {
        name: f'action="{reverse(f"awards:{name}", args=[award.pk])}"' in body
        for name in ("confirm", "citation", "withdraw")
    }


def test_a_draft_year_offers_to_confirm_and_to_edit_the_citation(client, aid):
    award_year = AwardYear.objects.create(year=YEAR)
    proposed = title(award_year, AwardKind.STAR_HEAD, name="<i>刘芳</i>")
    confirmed = title(award_year, AwardKind.PARTNER, confirmed=True)
    excellent = title(
        award_year, AwardKind.EXCELLENT_STATION, confirmed=True, citation="<b>评语</b>"
    )

    body = _page(client, aid)

    assert _forms(body, proposed) == {"confirm": True, "citation": True, "withdraw": False}
    assert _forms(body, confirmed) == {"confirm": True, "citation": True, "withdraw": False}
    # An excellent station is confirmed by the selection, not by a button.
    assert _forms(body, excellent) == {"confirm": False, "citation": True, "withdraw": False}
    assert 'name="confirmed" value="1">' in body and 'name="confirmed" value="0">' in body
    assert 'data-testid="confirm">确认</button>' in body
    assert "<i>刘芳</i>" not in body and "&lt;i&gt;刘芳&lt;/i&gt;" in body
    assert "<b>评语</b>" not in body
    # Shown in the title and in the textarea that edits it.
    assert body.count("&lt;b&gt;评语&lt;/b&gt;") == 2
    assert f'id="reason-{excellent.pk}"' not in body  # no reason asked before publication


def test_a_published_year_offers_a_correction_and_a_withdrawal_of_published_titles(client, aid):
    award_year = AwardYear.objects.create(
        year=YEAR, status=AwardYearStatus.PUBLISHED, published_at=timezone.now()
    )
    published = title(award_year, AwardKind.EXCELLENT_STATION, confirmed=True)
    lapsed = title(award_year, AwardKind.STAR_HEAD)
    withdrawn = title(award_year, AwardKind.PARTNER, confirmed=True, withdrawn_at=timezone.now())

    body = _page(client, aid)

    assert _forms(body, published) == {"confirm": False, "citation": True, "withdraw": True}
    assert f'id="reason-{published.pk}" required>' in body
    assert f'id="withdraw-{published.pk}" required>' in body
    assert 'class="mt-1" data-confirm="确定撤销该称号？' in body
    for shown in (lapsed, withdrawn):
        assert _forms(body, shown) == {"confirm": False, "citation": False, "withdraw": False}
    for status in ("published", "lapsed", "withdrawn"):
        assert f'data-status="{status}"' in body
