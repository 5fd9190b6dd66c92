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
    page = response.context["page"]
    assert len(page.object_list) == 50
    assert page.has_next and not page.has_previous
    after = client.get(reverse("stations:registry"), {"after": page.next_key}).context["page"]
    # 55 made here and the world's own station.
    assert len(after.object_list) == 6 and not after.has_next and after.has_previous


def test_rows_and_cards_escape_every_text_and_link_each_station(client, world):
    """The rows are drawn by one tag (stations_tags.registry_lists), not the template
    language: whatever a filing typed is still shown as text in the table and on the
    phone's cards, and each row links to its own station."""
    from tests.factories import HostUnitFactory

    unit = HostUnitFactory(union=world.union_a, name="<i>单位</i>")
    marked = StationFactory(
        filing=world.filing_a,
        name='<script>alert("名")</script>',
        address="<b>地址</b>",
        plaque_number="<u>SH1</u>",
        host_unit=unit,
        audience="sanitation",
    )
    client.force_login(world.aid)

    body = client.get(reverse("stations:registry")).content.decode()

    for raw in ('<script>alert("名")</script>', "<b>地址</b>", "<u>SH1</u>", "<i>单位</i>"):
        assert raw not in body
    assert body.count("&lt;script&gt;alert(&quot;名&quot;)&lt;/script&gt;") == 2  # row, card
    assert body.count("&lt;u&gt;SH1&lt;/u&gt;") == 2
    assert "&lt;b&gt;地址&lt;/b&gt;" in body  # the card's address line
    assert "&lt;i&gt;单位&lt;/i&gt;" in body  # the row's host unit
    for station in (marked, world.station_a):
        link = f'href="{reverse("stations:staff_detail", args=[station.pk])}"'
        assert body.count(link) == 2
    assert body.count('<span class="badge text-bg-light">') == 1  # the sanitation mark


def test_an_empty_list_says_so_in_the_table_and_on_the_cards(client, world):
    client.force_login(world.aid)

    body = client.get(reverse("stations:registry"), {"q": "没有这个站"}).content.decode()

    assert body.count("没有符合条件的站点。") == 2
