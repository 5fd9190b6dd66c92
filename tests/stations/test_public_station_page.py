"""/stations/<plaque_no>/: the page a plaque's QR code opens, truthful for every plaque issued.

A passer-by reads one verdict: valid, still valid while improving, not open yet, recalled
or closed, with the reason in plain words, and never a full mobile number or a reason a
staff member typed (it may name people).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from stations.models import StationStatus
from tests.factories import StationFactory

SH = ZoneInfo("Asia/Shanghai")
WEDNESDAY_10AM = datetime(2026, 11, 25, 10, 0, tzinfo=SH)
WEDNESDAY_8PM = datetime(2026, 11, 25, 20, 0, tzinfo=SH)
STAFF_REASON = "站长李红（13812345678）多次拒绝环卫工进站"


def _numbered(world, status, **kwargs):
    kwargs.setdefault("head_mobile", "13812345678")
    kwargs.setdefault("address", "南京东路100号")
    return StationFactory(
        filing=world.filing_a,
        status=status,
        plaque_number="SH00042",
        plaque_seq=42,
        district="黄浦区",
        **kwargs,
    )


def _page(client, when: datetime | None = None, monkeypatch=None) -> str:
    if when is not None:
        monkeypatch.setattr(timezone, "now", lambda: when)
    response = client.get("/stations/SH00042/")
    assert response.status_code == 200
    return response.content.decode()


def _stage(body: str) -> str:
    marker = 'data-stage="'
    start = body.index(marker) + len(marker)
    return body[start : body.index('"', start)]


def _no_operating_details(body: str) -> None:
    for private in ("13812345678", "138****5678", "站长", "李", "开放时间：", "9:00-17:00"):
        assert private not in body, private
    assert "南京东路100号" not in body
    assert 'data-testid="open-now"' not in body


# --- approved: a number, but no station yet -------------------------------------------


def test_an_approved_station_says_it_is_being_set_up_with_only_name_and_district(client, world):
    _numbered(world, StationStatus.APPROVED, name="外滩爱心接力站")

    body = _page(client)

    assert _stage(body) == "preparing"
    assert "筹建中·尚未开放" in body
    assert "外滩爱心接力站" in body
    assert "黄浦区" in body
    assert "本铭牌有效" not in body
    _no_operating_details(body)


# --- active: valid, and open or not now ----------------------------------------------


def test_an_active_station_says_its_plaque_is_valid_with_a_masked_mobile(client, world):
    _numbered(world, StationStatus.ACTIVE)

    body = _page(client)

    assert _stage(body) == "valid"
    assert "本铭牌有效" in body
    assert "138****5678" in body
    assert "13812345678" not in body
    assert "南京东路100号" in body


def test_an_active_station_within_its_hours_says_open_now(client, world, monkeypatch):
    _numbered(world, StationStatus.ACTIVE)  # every day 09:00–17:00

    body = _page(client, WEDNESDAY_10AM, monkeypatch)

    assert 'data-open="yes"' in body
    assert "现在开放" in body


def test_an_active_station_outside_its_hours_says_closed_now(client, world, monkeypatch):
    _numbered(world, StationStatus.ACTIVE)

    body = _page(client, WEDNESDAY_8PM, monkeypatch)

    assert 'data-open="no"' in body
    assert "现在休息" in body
    assert "本铭牌有效" in body  # closed for the night, still a valid station


def test_an_overnight_station_is_open_after_midnight(client, world, monkeypatch):
    _numbered(
        world,
        StationStatus.ACTIVE,
        opening_hours_text="周三 20:00-次日6:00",
        opening_hours=[{"days": [2], "start": "20:00", "end": "06:00"}],
    )

    thursday_3am = datetime(2026, 11, 26, 3, 0, tzinfo=SH)
    assert 'data-open="yes"' in _page(client, thursday_3am, monkeypatch)


def test_a_24_hour_station_is_always_open(client, world, monkeypatch):
    _numbered(world, StationStatus.ACTIVE, open_24h=True, opening_hours=[])

    assert 'data-open="yes"' in _page(client, WEDNESDAY_8PM, monkeypatch)


def test_a_station_without_structured_hours_does_not_guess(client, world):
    _numbered(world, StationStatus.ACTIVE, opening_hours=[])

    body = _page(client)

    assert 'data-testid="open-now"' not in body
    assert "本铭牌有效" in body


# --- rectifying: still valid ----------------------------------------------------------


def test_a_rectifying_station_says_so_and_that_its_plaque_is_still_valid(
    client, world, monkeypatch
):
    _numbered(world, StationStatus.RECTIFYING, status_reason=STAFF_REASON)

    body = _page(client, WEDNESDAY_10AM, monkeypatch)

    assert _stage(body) == "rectifying"
    assert "整改中" in body
    assert "本铭牌仍然有效" in body
    assert 'data-open="yes"' in body
    assert "138****5678" in body
    assert STAFF_REASON not in body
    assert "13812345678" not in body


# --- revoked and closed: say so, and why, in plain words ------------------------------


def test_a_revoked_station_says_its_plaque_was_recalled_and_why(client, world):
    _numbered(
        world,
        StationStatus.REVOKED,
        plaque_recalled=True,
        activated_at=timezone.now(),
        status_reason=STAFF_REASON,
    )

    body = _page(client)

    assert _stage(body) == "revoked"
    assert "铭牌已收回" in body
    assert "该站点已取消资格" in body
    assert "未按要求提供服务" in body
    assert "本铭牌有效" not in body
    assert STAFF_REASON not in body
    assert "12351" in body
    _no_operating_details(body)


def test_a_station_revoked_before_it_opened_does_not_blame_its_service(client, world):
    _numbered(world, StationStatus.REVOKED, plaque_recalled=True, activated_at=None)

    body = _page(client)

    assert "铭牌已收回" in body
    assert "未投入运营" in body
    assert "未按要求提供服务" not in body
    _no_operating_details(body)


def test_a_closed_station_says_so_and_why(client, world):
    _numbered(
        world,
        StationStatus.CLOSED,
        plaque_recalled=True,
        activated_at=timezone.now(),
        status_reason=STAFF_REASON,
    )

    body = _page(client)

    assert _stage(body) == "closed"
    assert "已关闭" in body
    assert "停止运营该站点" in body
    assert "铭牌已收回" in body
    assert "本铭牌有效" not in body
    assert STAFF_REASON not in body
    _no_operating_details(body)


# --- numbers that are not plaques ------------------------------------------------------


def test_an_unknown_number_is_not_found(client, db):
    assert client.get("/stations/SH99999/").status_code == 404


def test_a_draft_has_no_public_page(client, world):
    assert client.get(f"/stations/{world.station_a.pk}/").status_code == 404


def test_a_lower_case_number_finds_the_plaque(client, world):
    _numbered(world, StationStatus.ACTIVE)

    response = client.get("/stations/sh00042/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [("/stations/SH00042/", 301)]


@pytest.mark.parametrize(
    "status", [StationStatus.SUBMITTED, StationStatus.RETURNED, StationStatus.REJECTED]
)
def test_a_number_on_a_station_not_yet_approved_is_not_shown(client, world, status):
    # Numbers are issued at approval; a stray one on an earlier status reveals nothing.
    _numbered(world, status)

    assert client.get("/stations/SH00042/").status_code == 404


def test_markup_in_a_station_name_is_escaped_everywhere(client, world):
    station = _numbered(world, StationStatus.ACTIVE, name='<script>alert("x")</script>站')
    pages = [
        "/stations/SH00042/",
    ]
    client.force_login(world.aid)
    pages += [
        reverse("stations:registry"),
        reverse("stations:staff_detail", args=[station.pk]),
        reverse("stations:filing_detail", args=[world.filing_a.pk]),
        reverse("home"),
    ]
    for url in pages:
        body = client.get(url).content.decode()
        assert '<script>alert("x")</script>' not in body, url
    assert "&lt;script&gt;" in client.get("/stations/SH00042/").content.decode()
