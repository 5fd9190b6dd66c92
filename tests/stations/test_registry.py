"""The registry list: scoped by role, filtered, paginated."""

from __future__ import annotations

from django.urls import reverse

from stations.models import StationStatus
from tests.factories import FilingFormFactory, StationFactory


def test_union_staff_see_only_their_union(client, world):
    other = StationFactory(filing=FilingFormFactory(union=world.union_b), name="徐汇站")
    client.force_login(world.user_a)
    body = client.get(reverse("stations:registry")).content.decode()
    assert world.station_a.name in body
    assert other.name not in body


def test_union_staff_get_404_for_another_unions_station(client, world):
    client.force_login(world.user_b)
    response = client.get(reverse("stations:staff_detail", args=[world.station_a.pk]))
    assert response.status_code == 404


def test_the_aid_center_filters_by_status_district_and_search(client, world):
    StationFactory(filing=world.filing_a, name="甲站", status=StationStatus.ACTIVE)
    StationFactory(filing=FilingFormFactory(union=world.union_b), name="乙站", district="徐汇区")
    client.force_login(world.aid)
    url = reverse("stations:registry")
    assert client.get(url, {"status": "active"}).context["total"] == 1
    assert client.get(url, {"district": "徐汇区"}).context["total"] == 1
    assert client.get(url, {"q": "甲"}).context["total"] == 1
    assert client.get(url, {"union": "xuhui"}).context["total"] == 1
    assert client.get(url).context["total"] == 3


def test_a_district_inspector_sees_only_that_district(client, world):
    from tests.factories import make_user
    from unions.models import Role

    StationFactory(
        filing=world.filing_a, status=StationStatus.ACTIVE, district="黄浦区", name="黄浦甲"
    )
    StationFactory(
        filing=FilingFormFactory(union=world.union_b),
        status=StationStatus.ACTIVE,
        district="徐汇区",
        name="徐汇乙",
    )
    client.force_login(make_user("insp_xh", Role.INSPECTOR, district="徐汇区"))
    body = client.get(reverse("stations:registry")).content.decode()
    assert "徐汇乙" in body and "黄浦甲" not in body


def test_the_list_paginates(client, world):
    for _ in range(55):
        StationFactory(filing=world.filing_a)
    client.force_login(world.aid)
    response = client.get(reverse("stations:registry"))
    assert len(response.context["page"].object_list) == 50
    assert response.context["page"].paginator.num_pages == 2
