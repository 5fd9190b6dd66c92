"""An id parameter that ``str.isdigit()`` admits but ``int()`` refuses ("²", "①"), or a number
past a bigint, is no id at all (unions/params.py): the page answers, never a 500. The
hostile-input walk sends these to every URL on PostgreSQL; these are the pages where a
reader found them, on the embedded database too."""

from __future__ import annotations

import pytest

from unions.params import id_param, id_params

pytestmark = pytest.mark.django_db

ODD = ("²", "①", "99999999999999999999999", "-1", " 7 ")


def test_the_parser_takes_ascii_digits_that_fit_a_bigint():
    assert [id_param(v) for v in ODD] == [None, None, None, None, 7]
    assert id_params(["3", "²", "x", "999999999999999999"]) == [3, 999999999999999999]


@pytest.mark.parametrize("value", ODD)
@pytest.mark.parametrize(
    ("who", "path"),
    [
        ("", "/stations/?campaign={v}"),
        ("aid", "/staff/training/untrained/?union={v}"),
        ("aid", "/staff/donations/needs/?union={v}"),
        ("aid", "/staff/inspections/orders/new/?station={v}"),
        ("inspector", "/staff/inspections/checks/new/?station={v}"),
    ],
)
def test_odd_ids_answer_a_page(world, client, who, path, value):
    if who:
        client.force_login(getattr(world, who))
    response = client.get(path.format(v=value))
    assert response.status_code == 200, response.status_code


def test_odd_ids_posted_to_a_list_are_ignored(world, client):
    client.force_login(world.aid)
    response = client.post("/staff/review/approve/", {"station": ["²", "99999999999999999999999"]})
    assert response.status_code in (302, 400)
