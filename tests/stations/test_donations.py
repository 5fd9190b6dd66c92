"""爱心互献 (issue 23, items 4 and 7): donors offer goods, a union posts what its own stations
lack, the aid center matches one to the other (never beyond what is left on either side) and
records delivery; donors who agreed are thanked by name on the campaign page; the donor's
contact reaches the aid center alone; each union sees only its own needs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from history.models import RecordChange
from stations.models import DonationMatch, MatchStatus
from stations.services.donations import donation_match, match_cancel, match_deliver, need_post
from tests.campaigns import running_campaign
from tests.donations import need, offer, operating_station

PHONE = "13912345678"


def _match(world, offered, wanted, quantity, line=0):
    return donation_match(
        by=world.aid,
        offer_line=list(offered.lines.all())[line],
        need_line=list(wanted.lines.all())[line],
        quantity=quantity,
    )


def _refusal(call) -> str:
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        call()
    return " ".join(refused.value.messages)


def test_a_match_beyond_what_the_offer_has_left_is_refused_with_the_numbers(world):
    offered = offer(world, quantity=30)
    _match(world, offered, need(world, quantity=25), 25)
    message = _refusal(lambda: _match(world, offered, need(world, quantity=25), 6))
    # 30 offered, 25 matched, 5 left; 6 asked.
    assert "绿豆汤" in message and "箱" in message
    assert all(number in message for number in ("30", "25", "5", "6"))
    assert DonationMatch.objects.count() == 1


def test_a_match_beyond_what_the_need_asks_is_refused_with_the_numbers(world):
    wanted = need(world, quantity=8)
    _match(world, offer(world), wanted, 3)
    message = _refusal(lambda: _match(world, offer(world), wanted, 6))
    assert "绿豆汤" in message
    assert all(number in message for number in ("8", "3", "5", "6"))


def test_matched_quantities_count_on_both_sides_and_a_cancel_frees_them(world):
    offered, wanted = offer(world, quantity=10), need(world, quantity=10)
    match = _match(world, offered, wanted, 7)
    offered_line, wanted_line = offered.lines.first(), wanted.lines.first()
    assert (offered_line.matched, offered_line.left) == (7, 3)
    assert (wanted_line.matched, wanted_line.left) == (7, 3)
    match_cancel(match=match, by=world.aid, reason="捐赠方无法送达")
    offered_line.refresh_from_db()
    wanted_line.refresh_from_db()
    assert offered_line.matched == wanted_line.matched == 0
    _match(world, offered, wanted, 10)  # the whole quantity is free again


def test_a_match_in_another_unit_or_to_a_district_the_donor_does_not_reach_is_refused(world):
    wanted = need(world)
    elsewhere = offer(world, districts=["崇明区"])
    refused = _refusal(lambda: _match(world, elsewhere, wanted, 1))
    assert wanted.district in refused and "配送" in refused
    boxes_and_bottles = offer(world, lines=[("绿豆汤", "瓶", 100)])
    assert "瓶" in _refusal(lambda: _match(world, boxes_and_bottles, wanted, 1))


def test_a_citywide_offer_reaches_every_district(world):
    wanted = need(world)
    citywide = offer(world, districts=[], citywide=True)
    assert _match(world, citywide, wanted, 2).quantity == 2


def test_a_union_posts_needs_only_for_its_own_operating_stations(world):
    with pytest.raises(PermissionDenied):
        need(world, station=operating_station(world, union=world.union_b))
    closed = operating_station(world, status="revoked")
    assert "运行" in _refusal(
        lambda: need_post(by=world.user_a, station=closed, lines=[("毛巾", "条", 5)])
    )


def test_the_need_form_does_not_find_another_unions_plaque(client, world):
    theirs = operating_station(world, union=world.union_b)
    client.force_login(world.user_a)
    with translation.override("zh-hans"):
        response = client.post(
            reverse("stations:station_need_create"),
            {
                "plaque_number": theirs.plaque_number,
                "good_0_name": "毛巾",
                "good_0_unit": "条",
                "good_0_quantity": "5",
            },
            HTTP_ACCEPT_LANGUAGE="zh-hans",
        )
    assert response.status_code == 400
    assert "工会" in response.content.decode()
    assert not theirs.needs.exists()


def test_a_union_sees_only_its_own_needs(client, world):
    ours = need(world)
    theirs = need(world, station=operating_station(world, union=world.union_b), by=world.user_b)
    client.force_login(world.user_a)
    listing = client.get(reverse("stations:station_need_list")).content.decode()
    assert ours.station.name in listing and theirs.station.name not in listing
    assert client.get(reverse("stations:station_need_detail", args=[theirs.pk])).status_code == 404
    client.force_login(world.aid)
    listing = client.get(reverse("stations:station_need_list")).content.decode()
    assert ours.station.name in listing and theirs.station.name in listing
    by_union = client.get(reverse("stations:station_need_list"), {"union": world.union_b.pk})
    assert ours.station.name not in by_union.content.decode()


def test_the_aid_center_matches_and_records_delivery_through_the_pages(client, world):
    wanted, offered = need(world, quantity=12), offer(world)
    client.force_login(world.aid)
    page = client.get(reverse("stations:station_need_detail", args=[wanted.pk]))
    assert offered.donor_name in page.content.decode()  # on the shortlist
    response = client.post(
        reverse("stations:station_need_match", args=[wanted.pk]),
        {
            "offer_line": offered.lines.first().pk,
            "need_line": wanted.lines.first().pk,
            "quantity": "12",
        },
    )
    assert response.status_code == 302
    match = DonationMatch.objects.get()
    response = client.post(
        reverse("stations:donation_match_action", args=[match.pk]),
        {"action": "deliver", "delivered_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    match.refresh_from_db()
    assert match.status == MatchStatus.DELIVERED
    assert match.delivered_on == timezone.localdate()
    # The union follows it on its own need's page.
    client.force_login(world.user_a)
    shown = client.get(reverse("stations:station_need_detail", args=[wanted.pk])).content
    assert offered.donor_name in shown.decode()


def test_an_over_match_through_the_page_says_the_numbers_in_chinese(client, world):
    wanted, offered = need(world, quantity=4), offer(world)
    client.force_login(world.aid)
    response = client.post(
        reverse("stations:station_need_match", args=[wanted.pk]),
        {
            "offer_line": offered.lines.first().pk,
            "need_line": wanted.lines.first().pk,
            "quantity": "9",
        },
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 400
    refused = response.content.decode()
    assert "绿豆汤" in refused and "9" in refused and "4" in refused
    assert not DonationMatch.objects.exists()


def test_a_delivery_cannot_be_dated_in_the_future(world):
    match = _match(world, offer(world), need(world), 2)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError):
        match_deliver(match=match, by=world.aid, delivered_on=tomorrow)
    match_deliver(match=match, by=world.aid, delivered_on=timezone.localdate())
    with pytest.raises(ValidationError):  # delivered once: no second move
        match_deliver(match=match, by=world.aid, delivered_on=timezone.localdate())


def test_the_donors_contact_is_shown_to_the_aid_center_alone(client, world):
    recorded = offer(world, by=world.user_a)
    url = reverse("stations:donation_offer_detail", args=[recorded.pk])
    client.force_login(world.user_a)
    page = client.get(url).content.decode()
    assert recorded.donor_name in page and PHONE not in page and "周经理" not in page
    client.force_login(world.aid)
    assert PHONE in client.get(url).content.decode()
    # Nor is it in any history row, which the recording union reads.
    assert not any(
        PHONE in str(row.changes) for row in RecordChange.objects.filter(record="donation")
    )


def _delivered_for(world, campaign, **fields):
    offered = offer(world, campaign=campaign, **fields)
    match = _match(world, offered, need(world), 2)
    match_deliver(match=match, by=world.aid, delivered_on=timezone.localdate())
    return offered


def test_thanks_name_donors_who_agreed_and_whose_goods_were_delivered(client, world):
    campaign = running_campaign(world)
    _delivered_for(world, campaign, donor_name="光明乳业", thank_publicly=True)
    _delivered_for(world, campaign, donor_name="不愿具名的企业", thank_publicly=False)
    promised = offer(world, campaign=campaign, donor_name="尚未送达的公司", thank_publicly=True)
    _match(world, promised, need(world), 2)
    page = client.get(reverse("campaign", args=[campaign.pk])).content.decode()
    assert "光明乳业" in page
    assert "不愿具名的企业" not in page and "尚未送达的公司" not in page


def test_no_public_page_shows_a_donors_contact(client, world):
    campaign = running_campaign(world)
    offered = _delivered_for(world, campaign, donor_name="光明乳业", thank_publicly=True)
    station = offered.lines.first().matches.get().need_line.need.station
    for url in (
        reverse("campaign", args=[campaign.pk]),
        reverse("campaigns"),
        reverse("stations:public_detail", args=[station.plaque_number]),
        reverse("public_home"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert PHONE not in body and "周经理" not in body, url


def test_every_step_writes_its_history(world):
    offered, wanted = offer(world), need(world)
    match = _match(world, offered, wanted, 3)
    match_deliver(match=match, by=world.aid, delivered_on=timezone.localdate())
    rows = set(RecordChange.objects.values_list("record", "action"))
    Record, Action = RecordChange.Record, RecordChange.Action
    assert {
        (Record.DONATION, Action.RECORDED),
        (Record.NEED, Action.RECORDED),
        (Record.DONATION_MATCH, Action.MATCHED),
        (Record.DONATION_MATCH, Action.DELIVERED),
    } <= rows
    need_rows = RecordChange.objects.filter(record=Record.NEED, record_id=wanted.pk)
    assert need_rows.get().station == wanted.station


def test_the_offer_form_says_what_is_missing_in_chinese(client, world):
    client.force_login(world.aid)
    response = client.post(
        reverse("stations:donation_offer_create"),
        {"donor_name": "光明乳业", "contact_name": "周经理", "contact_phone": "abc"},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "请填写联系电话" in body  # the phone that is no phone
    assert "请选择捐赠方可送达的区" in body  # no district, nor the whole city
    assert "请至少填写一种物资" in body  # no goods


@pytest.mark.django_db
def test_seed_demo_holds_a_donation_matched_delivered_and_thanked(client):
    from stations.demo_donations import DONOR
    from stations.models import Campaign, DonationOffer
    from tests import demo_rows

    demo_rows.seeded()
    offer_ = DonationOffer.objects.get(donor_name=DONOR)
    assert offer_.campaign is not None and offer_.campaign.runs_on(timezone.localdate())
    delivered = DonationMatch.objects.filter(offer_line__offer=offer_, status="delivered")
    assert delivered.exists()
    page = client.get(reverse("campaign", args=[offer_.campaign.pk])).content.decode()
    assert DONOR in page and offer_.contact_phone not in page
    # The other offer's donor did not agree: named on no campaign page.
    for campaign in Campaign.objects.all():
        body = client.get(reverse("campaign", args=[campaign.pk])).content.decode()
        assert "工商银行徐家汇支行" not in body
