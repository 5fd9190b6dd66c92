"""The station form names its columns as 附件1 does: 站点负责人, not 站长. (The training of
station heads keeps the source's own word, 站长培训, 五、(二): the rule is the field's label.)"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from stations.excel.layout import layout
from tests.factories import StationFactory


@pytest.fixture
def clerk(client, world):
    client.force_login(world.user_a)
    return client


def _labels(page: str) -> str:
    """The text of the page's field labels: its <label>, <th> and <dt> elements."""
    return " ".join(re.findall(r"<(?:label|th|dt)\b[^>]*>(.*?)</(?:label|th|dt)>", page, re.S))


def test_the_form_asks_for_the_station_head_as_attachment1_names_it(clerk, world):
    response = clerk.get(reverse("stations:filing_station_add", args=[world.filing_a.pk]))
    form = response.context["form"]
    assert str(form["head_name"].label) == layout().column("head_name").header == "站点负责人"
    assert str(form["head_mobile"].label) == layout().column("head_mobile").header
    assert "站长" not in _labels(response.content.decode())


def test_the_staff_page_and_the_filing_say_the_same(clerk, world):
    station = StationFactory(filing=world.filing_a, union=world.union_a)
    detail = clerk.get(reverse("stations:staff_detail", args=[station.pk])).content.decode()
    filing = clerk.get(reverse("stations:filing_detail", args=[world.filing_a.pk])).content.decode()
    for page in (detail, filing):
        assert "站点负责人" in _labels(page)
        assert "站长" not in _labels(page)
