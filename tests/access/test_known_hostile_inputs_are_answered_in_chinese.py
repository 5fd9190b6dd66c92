"""The crashes the hostile walk of issue 27 found, each answered now with a page in Chinese:
a NUL byte in a search or a filter (PostgreSQL: "A string literal cannot contain NUL
characters", a 500 for anyone), a station id that is not a number in the awards selection
(Python's "invalid literal for int()" shown to the aid center), and the ones the
property-based walk (test_hostile_input_to_every_url_never_answers_500.py) found."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from awards.models import AwardYear

BAD_REQUEST = "无法处理这个请求"


def _as(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _refused(response) -> None:
    assert response.status_code == 400
    assert BAD_REQUEST in response.content.decode()


@pytest.mark.django_db
def test_a_nul_byte_in_the_directory_search_is_a_chinese_400():
    _refused(_as().get("/stations/?q=%00"))
    _refused(_as().get("/stations/", {"q": "接力\x00站", "district": "黄浦区"}))


def test_a_nul_byte_in_the_registry_search_and_the_check_filter_is_a_chinese_400(world):
    _refused(_as(world.aid).get("/staff/stations/?q=%00"))
    _refused(_as(world.inspector).get("/staff/inspections/checks/?district=%00"))


def test_a_nul_byte_in_a_path_a_field_name_or_a_posted_form_is_a_chinese_400(world):
    _refused(_as().get("/stations/SH%0000001/"))
    _refused(_as().get("/stations/", {"q\x00": "x"}))
    _refused(_as().post("/stations/SH00001/feedback/", {"rating": "5", "comment": "好\x00"}))


def test_a_station_that_is_not_a_number_in_the_awards_selection_is_said_in_chinese(world):
    AwardYear.objects.update_or_create(year=2025, defaults={"status": "draft"})

    response = _as(world.aid).post("/staff/awards/2025/selection/", {"station": "abc"})

    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["只能选择符合条件的候选站点。"]


@pytest.mark.django_db
def test_a_login_redirect_too_long_to_follow_is_a_chinese_400_not_djangos_english():
    _refused(_as().get("/staff/", {"q": "x" * 20_000}))


@pytest.mark.django_db
def test_ordinary_text_passes(client):
    assert client.get("/stations/", {"q": "南京东路 \t(1)"}).status_code == 200
