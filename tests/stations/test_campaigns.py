"""送清凉 / 送温暖 campaigns (issue 23, items 1, 2 and 7): the aid center opens one and
allocates its goods; a union records deliveries to its own operating stations, refused with
the numbers beyond its allocation; corrections are new records; progress adds up; the
public pages show the campaign and the stations taking part, and nothing personal."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from history.models import RecordChange
from stations.campaign_progress import campaign_progress
from stations.models import CampaignDelivery, StationStatus
from stations.services.campaigns import campaign_allocate, delivery_record
from tests.campaigns import running_campaign
from tests.factories import OperatingStationFactory


def _station(world, union=None, **fields):
    union = union or world.union_a
    return OperatingStationFactory(union=union, district=union.district or "黄浦区", **fields)


def _deliver(world, campaign, station, amounts, **fields):
    goods = list(campaign.goods.all())
    return delivery_record(
        campaign=campaign,
        station=station,
        by=fields.pop("by", world.user_a),
        delivered_on=fields.pop("day", timezone.localdate()),
        received_by="李站长",
        quantities={g.pk: q for g, q in zip(goods, amounts, strict=False)},
        **fields,
    )


def test_a_delivery_counts_against_the_unions_allocation(world):
    campaign = running_campaign(world, allocated=10)
    one, two = _station(world), _station(world)
    _deliver(world, campaign, one, [6, 1])
    _deliver(world, campaign, two, [4, 0])
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        _deliver(world, campaign, two, [1, 0])
    message = " ".join(refused.value.messages)
    assert "绿豆汤" in message and "10" in message and "箱" in message
    progress = campaign_progress(campaign, world.aid)
    [row] = progress.unions
    assert row.cell_list == [(10, 10), (1, 10)]
    assert row.stations == 2
    assert progress.spent == 10 * 40 + 1 * 12.5


def test_a_station_not_operating_is_refused_in_chinese(world):
    campaign = running_campaign(world)
    closed = _station(world, status=StationStatus.REVOKED)
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        _deliver(world, campaign, closed, [1])
    assert "运行" in " ".join(refused.value.messages)


def test_a_day_outside_the_campaign_is_refused(world):
    campaign = running_campaign(world)
    with pytest.raises(ValidationError):
        _deliver(world, campaign, _station(world), [1], day=campaign.ends_on + dt.timedelta(days=1))


def test_another_unions_station_is_refused_by_the_service(world):
    campaign = running_campaign(world)
    with pytest.raises(PermissionDenied):
        _deliver(world, campaign, _station(world, union=world.union_b), [1])


def test_a_correction_is_a_new_record_that_may_take_back_but_not_below_zero(world):
    campaign = running_campaign(world, allocated=10)
    station = _station(world)
    first = _deliver(world, campaign, station, [5])
    with pytest.raises(ValidationError):
        _deliver(world, campaign, station, [-6], corrects=first, reason="多记了")
    with pytest.raises(ValidationError):
        _deliver(world, campaign, station, [-2], corrects=first)  # no reason
    _deliver(world, campaign, station, [-2], corrects=first, reason="多记了两箱")
    [row] = campaign_progress(campaign, world.aid).unions
    assert row.cell_list[0] == (3, 10)
    assert CampaignDelivery.objects.filter(corrects=first).count() == 1
    actions = set(RecordChange.objects.filter(record="delivery").values_list("action", flat=True))
    assert actions == {RecordChange.Action.RECORDED, RecordChange.Action.CORRECTED}


def test_an_allocation_cannot_go_below_what_was_delivered(world):
    campaign = running_campaign(world, allocated=10)
    _deliver(world, campaign, _station(world), [8])
    good = campaign.goods.first()
    with pytest.raises(ValidationError):
        campaign_allocate(
            campaign=campaign, by=world.aid, quantities={(world.union_a.pk, good.pk): 7}
        )


def test_a_union_sees_only_its_own_progress(world):
    campaign = running_campaign(world)
    good = campaign.goods.first()
    campaign_allocate(campaign=campaign, by=world.aid, quantities={(world.union_b.pk, good.pk): 3})
    assert [r.union for r in campaign_progress(campaign, world.user_b).unions] == [world.union_b]
    assert len(campaign_progress(campaign, world.aid).unions) == 2


def test_the_clerk_records_a_delivery_by_plaque_number(client, world):
    campaign = running_campaign(world)
    station = _station(world)
    goods = list(campaign.goods.all())
    client.force_login(world.user_a)
    url = reverse("stations:delivery_create", args=[campaign.pk])
    response = client.post(
        url,
        {
            "plaque_number": station.plaque_number.lower(),
            "delivered_on": timezone.localdate().isoformat(),
            "received_by": "李站长",
            f"qty_{goods[0].pk}": "3",
        },
    )
    assert response.status_code == 302
    assert CampaignDelivery.objects.get().station == station


def test_over_allocation_comes_back_with_the_numbers_and_nothing_lost(client, world):
    campaign = running_campaign(world, allocated=2)
    station = _station(world)
    good = campaign.goods.first()
    client.force_login(world.user_a)
    response = client.post(
        reverse("stations:delivery_create", args=[campaign.pk]),
        {
            "plaque_number": station.plaque_number,
            "delivered_on": timezone.localdate().isoformat(),
            "received_by": "李站长",
            f"qty_{good.pk}": "5",
        },  # fmt: skip
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "超出" in body and 'value="5"' in body and station.plaque_number in body
    assert not CampaignDelivery.objects.exists()


def test_another_unions_plaque_is_not_found(client, world):
    campaign = running_campaign(world)
    theirs = _station(world, union=world.union_b)
    client.force_login(world.user_a)
    response = client.post(
        reverse("stations:delivery_create", args=[campaign.pk]),
        {
            "plaque_number": theirs.plaque_number,
            "delivered_on": timezone.localdate().isoformat(),
            "received_by": "李站长",
        },  # fmt: skip
    )
    assert response.status_code == 400
    assert not CampaignDelivery.objects.exists()


def test_a_photo_that_is_not_an_image_is_refused(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    campaign = running_campaign(world)
    station = _station(world)
    good = campaign.goods.first()
    client.force_login(world.user_a)
    fake = SimpleUploadedFile("photo.jpg", b"<html>not an image</html>", content_type="image/jpeg")
    response = client.post(
        reverse("stations:delivery_create", args=[campaign.pk]),
        {
            "plaque_number": station.plaque_number,
            "delivered_on": timezone.localdate().isoformat(),
            "received_by": "李站长",
            f"qty_{good.pk}": "1",
            "photo": fake,
        },  # fmt: skip
    )
    assert response.status_code == 400
    assert not CampaignDelivery.objects.exists()


def test_the_public_sees_the_campaign_its_stations_and_no_names(client, world):
    campaign = running_campaign(world)
    station = _station(world)
    _deliver(world, campaign, station, [1])
    listing = client.get("/campaigns/").content.decode()
    assert campaign.title in listing
    page = client.get(f"/campaigns/{campaign.pk}/").content.decode()
    assert station.name in page and campaign.offer in page
    assert "李站长" not in page
    station_page = client.get(f"/stations/{station.plaque_number}/").content.decode()
    assert f"本站参与{campaign.title}" in station_page


def test_a_delivery_taken_back_in_full_no_longer_counts_as_reached(client, world):
    campaign = running_campaign(world)
    station = _station(world)
    first = _deliver(world, campaign, station, [3])
    _deliver(world, campaign, station, [-3], corrects=first, reason="送错站点")
    [row] = campaign_progress(campaign, world.aid).unions
    assert row.stations == 0 and row.cell_list[0] == (0, 100)
    page = client.get(f"/campaigns/{campaign.pk}/").content.decode()
    assert station.name not in page
    assert "本站参与" not in client.get(f"/stations/{station.plaque_number}/").content.decode()


@pytest.mark.parametrize("quantity", [-1, 10**12])
def test_an_allocation_out_of_range_or_to_no_union_is_refused(world, quantity):
    campaign = running_campaign(world)
    good = campaign.goods.first()
    with pytest.raises(ValidationError):
        campaign_allocate(
            campaign=campaign, by=world.aid, quantities={(world.union_a.pk, good.pk): quantity}
        )
    with pytest.raises(ValidationError):
        campaign_allocate(campaign=campaign, by=world.aid, quantities={(999999, good.pk): 1})


def test_a_kept_station_page_shows_a_new_delivery_at_once(client, world):
    campaign = running_campaign(world)
    station = _station(world)
    url = f"/stations/{station.plaque_number}/"
    assert "本站参与" not in client.get(url).content.decode()  # now kept for anonymous visitors
    _deliver(world, campaign, station, [1])
    assert f"本站参与{campaign.title}" in client.get(url).content.decode()
