import pytest
from django.urls import reverse

from inspections.models import Checklist

pytestmark = pytest.mark.django_db


def _post(client, weights, note="合并两项"):
    data = {
        "items-TOTAL_FORMS": str(len(weights)),
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
        "note": note,
    }
    for i, weight in enumerate(weights):
        data.update(
            {
                f"items-{i}-code": f"c{i}",
                f"items-{i}-group": "services",
                f"items-{i}-label": f"项目{i}",
                f"items-{i}-weight": str(weight),
            }
        )
    return client.post(reverse("inspections:checklist"), data)


def test_saving_the_editor_makes_a_new_version(client, world):
    client.force_login(world.aid)
    response = _post(client, [70, 30])
    assert response.status_code == 302
    assert Checklist.objects.current().version == 2
    page = client.get(reverse("inspections:checklist")).content.decode()
    assert "v1" in page and "v2" in page


def test_weights_that_miss_100_are_refused_in_chinese_and_nothing_is_saved(client, world):
    client.force_login(world.aid)
    response = _post(client, [70, 20])
    assert response.status_code == 400
    assert "必须正好等于100" in response.content.decode()
    assert Checklist.objects.count() == 1
