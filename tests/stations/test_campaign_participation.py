"""Where a campaign's stations are seen (issue 23, items 2 and 7): the directory's map lists
the stations its goods reached (linked from the campaign's public page), and a station's
staff page shows the goods it received to its union, the aid center and the inspectors in
scope — an inspector of another district sees none of it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from stations.directory import DirectoryQuery, directory_page
from stations.services.campaigns import delivery_record
from tests.campaigns import running_campaign
from tests.factories import OperatingStationFactory

pytestmark = pytest.mark.django_db


def _reached(world):
    campaign = running_campaign(world)
    reached = OperatingStationFactory(union=world.union_a, district="黄浦区", name="外滩站")
    OperatingStationFactory(union=world.union_a, district="黄浦区", name="豫园站")
    delivery_record(
        campaign=campaign, station=reached, by=world.user_a, delivered_on=timezone.localdate(),
        received_by="李站长", quantities={campaign.goods.first().pk: 3},
    )  # fmt: skip
    return campaign, reached


def test_the_directory_lists_only_the_stations_a_campaign_reached(world):
    campaign, reached = _reached(world)

    page = directory_page(DirectoryQuery(campaign=campaign.pk))
    assert [e.station.pk for e in page.entries] == [reached.pk]
    assert directory_page(DirectoryQuery(campaign=campaign.pk + 1000)).entries == []


def test_the_campaign_page_links_its_stations_on_the_map(world, client):
    campaign, reached = _reached(world)

    page = client.get(reverse("campaign", args=[campaign.pk])).content.decode()
    assert f"/stations/?campaign={campaign.pk}" in page
    directory = client.get(f"/stations/?campaign={campaign.pk}").content.decode()
    assert 'data-testid="directory-campaign"' in directory
    assert reached.plaque_number in directory and "豫园站" not in directory
    # Nonsense in the parameter is ignored, as every unknown filter value is; a NUL byte is
    # refused as it is everywhere.
    assert client.get("/stations/?campaign=abc").status_code == 200
    assert client.get("/stations/?campaign=x%00y").status_code == 400


@pytest.mark.parametrize(
    ("who", "sees"),
    [("user_a", True), ("aid", True), ("inspector", True), ("inspector_own", True),
     ("inspector_other", None), ("user_b", None)],
)  # fmt: skip
def test_the_staff_page_shows_the_goods_received_to_those_in_scope(world, client, who, sees):
    campaign, reached = _reached(world)
    client.force_login(getattr(world, who))

    response = client.get(reverse("stations:staff_detail", args=[reached.pk]))
    if sees is None:  # another union's station, or another district's, is not found
        assert response.status_code == 404
        return
    page = response.content.decode()
    assert response.status_code == 200
    assert (campaign.title in page) is sees


def test_a_campaign_that_reached_few_stations_is_read_from_its_deliveries(world):
    """A sparse campaign (fewer stations than SPARSE_REACH) is found by its ids, a dense one by
    each station in the list's order; both give the same stations."""
    from stations.models import Station
    from stations.services.campaigns import reached_filter, reached_stations

    campaign, reached = _reached(world)
    sparse = reached_filter(campaign)
    assert "pk__in" in str(sparse)
    assert list(Station.objects.filter(sparse)) == list(
        Station.objects.filter(reached_stations(campaign))
    )
    assert not Station.objects.filter(reached_filter(campaign.pk + 1000)).exists()


def test_the_kept_campaign_page_shows_a_new_delivery_at_once(world, client):
    campaign, reached = _reached(world)
    url = reverse("campaign", args=[campaign.pk])
    assert "豫园站" not in client.get(url).content.decode()  # drawn and kept

    other = OperatingStationFactory(union=world.union_a, district="黄浦区", name="新天地站")
    delivery_record(
        campaign=campaign, station=other, by=world.user_a, delivered_on=timezone.localdate(),
        received_by="王站长", quantities={campaign.goods.first().pk: 1},
    )  # fmt: skip
    assert "新天地站" in client.get(url).content.decode()
