"""提交援助中心 on the filing page asks before it sends (the question of the ACTIONS table)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from stations.models import ACTIONS


def test_the_submit_button_asks_for_confirmation(client, world):
    client.force_login(world.user_a)
    page = client.get(reverse("stations:filing_detail", args=[world.filing_a.pk])).content.decode()
    with translation.override("zh-hans"):
        question = str(ACTIONS["submit"].confirm)
    assert f'data-confirm="{question}"' in page
