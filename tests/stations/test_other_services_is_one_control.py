"""其他服务项目 is one control: its description box sits under its own checkbox, labelled for
what it asks, and the rule of stations/validation.py holds (text if and only if ticked)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from stations.models import Station

from .test_filing_online import STATION_POST


@pytest.fixture
def url(client, world):
    client.force_login(world.user_a)
    return reverse("stations:filing_station_add", args=[world.filing_a.pk])


def test_the_description_box_belongs_to_the_other_services_checkbox(client, url):
    html = client.get(url).content.decode()
    services = re.search(r'<fieldset[^>]*data-testid="services".*?</fieldset>', html, re.S)
    assert services, "the service items are one fieldset"
    block = services.group(0)
    checkbox = re.search(r'<input[^>]*value="other"[^>]*>', block).group(0)
    assert "data-other-services-toggle" in checkbox
    assert 'aria-controls="id_services_other"' in checkbox
    # The box comes right after its checkbox, inside the same fieldset, under its own label.
    assert block.index('value="other"') < block.index('id="id_services_other"')
    assert (
        '<label class="form-label small mb-1" for="id_services_other">其他服务项目的内容' in block
    )
    # Only the checkbox is called 其他服务项目: no two controls share that label.
    labels = re.findall(r"<label[^>]*>\s*([^<]*?)\s*</label>", html)
    assert labels.count("其他服务项目") == 1


def test_a_ticked_other_service_is_stored_with_its_description(client, url):
    assert client.post(url, STATION_POST).status_code == 302
    station = Station.objects.get(name=STATION_POST["name"])
    assert "other" in station.services
    assert station.services_other == "免费雨具"


def test_other_services_ticked_without_a_description_are_refused(client, url):
    response = client.post(url, {**STATION_POST, "services_other": "  "})
    assert response.context["form"].errors["services_other"] == ["请说明其他服务项目。"]


def test_a_description_without_the_tick_is_refused_not_dropped(client, url):
    response = client.post(url, {**STATION_POST, "services": ["water"]})
    assert response.context["form"].errors["services_other"] == [
        "只有选择了“其他服务项目”时才需填写其他服务。"
    ]
