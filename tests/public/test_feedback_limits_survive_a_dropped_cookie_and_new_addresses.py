"""Feedback limits that a dropped cookie or a new address does not reset: one address gives
a station a few ratings a day however many cookies it drops, a network (an IPv4 /24, an
IPv6 /64) a few more however many of its addresses it uses, and every refusal says so in
Chinese and gives back the form with what the worker typed."""

from __future__ import annotations

from stations.models import Feedback

from .feedback_helpers import behind_proxy, phone, rate


def test_one_address_dropping_its_cookie_gives_a_station_three_ratings_a_day(
    public_station, settings
):
    settings.FEEDBACK_PER_ADDRESS_PER_STATION_PER_DAY = 3
    station, other = public_station(), public_station()

    answers = [rate(phone("10.9.9.9"), station, rating=1).status_code for _ in range(20)]

    assert answers == [200] * 3 + [429] * 17
    assert Feedback.objects.filter(station=station).count() == 3
    # The same address may still rate another station.
    assert rate(phone("10.9.9.9"), other).status_code == 200


def test_ten_addresses_of_one_slash_24_give_a_station_six_ratings_a_day(public_station, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    station = public_station()

    answers = [
        rate(behind_proxy(f"198.51.100.{host}"), station, rating=1).status_code
        for host in range(1, 11)
        for _ in range(20)
    ]

    assert answers.count(200) == settings.FEEDBACK_PER_NETWORK_PER_STATION_PER_DAY == 6
    assert answers.count(429) == 194
    assert Feedback.objects.filter(station=station).count() == 6
    # The network next door is another network.
    assert rate(behind_proxy("198.51.101.1"), station).status_code == 200


def test_an_ipv6_client_rotating_through_its_slash_64_gets_six(public_station, settings):
    station = public_station()

    answers = [
        rate(phone(f"2001:db8:aa:bb:{n:x}:{n * 7:x}::1"), station, rating=1).status_code
        for n in range(1, 61)
    ]

    assert answers.count(200) == 6 and answers.count(429) == 54
    assert Feedback.objects.filter(station=station).count() == 6
    assert rate(phone("2001:db8:aa:bc::1"), station).status_code == 200  # another /64


def test_the_network_limit_over_all_stations_holds_by_the_hour(public_station, settings):
    settings.FEEDBACK_PER_NETWORK_PER_HOUR = 4
    stations = [public_station() for _ in range(6)]

    answers = [rate(phone(f"10.44.0.{n}"), s).status_code for n, s in enumerate(stations)]

    assert answers == [200] * 4 + [429] * 2


def test_a_refusal_says_so_in_chinese_and_gives_back_what_was_typed(public_station, settings):
    settings.FEEDBACK_PER_ADDRESS_PER_STATION_PER_DAY = 1
    station = public_station()
    rate(phone("10.9.9.9"), station)

    response = rate(
        phone("10.9.9.9"), station, rating=2, problems=["refused"], comment="保安不让进门"
    )

    assert response.status_code == 429
    body = response.content.decode()
    assert 'data-limit="address"' in body
    assert "您所在的网络短时间内提交的评价太多" in body
    assert "您填写的内容仍在下面" in body
    assert "保安不让进门</textarea>" in body
    assert 'value="refused" id="id_problems_1" checked' in body
    assert 'id="rating-2" value="2" autocomplete="off" checked' in body
    # A refused complaint still gives the worker the hotline.
    assert 'href="tel:12351"' in body
    assert Feedback.objects.count() == 1
