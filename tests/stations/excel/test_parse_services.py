from __future__ import annotations

import pytest

from stations.models import Service
from stations.parsing import parse_services

FIVE = [
    Service.WATER,
    Service.COOL_WARM,
    Service.MEAL_HEATING,
    Service.CHARGING,
    Service.REST_TOILET,
]


@pytest.mark.parametrize("sep", ["、", "，", ",", ";", "；", "/", " ", "\n"])
def test_it_splits_on_every_separator_clerks_use(sep):
    typed = sep.join(["饮水供给", "避暑取暖", "餐食加热", "手机充电", "休息如厕"])
    assert parse_services(typed) == (FIVE, "")


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("饮水", Service.WATER),
        ("喝水", Service.WATER),
        ("充电", Service.CHARGING),
        ("热饭", Service.MEAL_HEATING),
        ("微波炉加热", Service.MEAL_HEATING),
        ("如厕", Service.REST_TOILET),
        ("厕所", Service.REST_TOILET),
        ("休息", Service.REST_TOILET),
        ("避暑", Service.COOL_WARM),
        ("取暖", Service.COOL_WARM),
    ],
)
def test_it_understands_the_usual_synonyms(word, code):
    assert parse_services(word) == ([code], "")


def test_unknown_items_become_other_services_joined_by_the_chinese_comma():
    assert parse_services("饮水、雨伞借用，急救药箱") == (
        [Service.WATER, Service.OTHER],
        "雨伞借用、急救药箱",
    )


def test_the_forms_hint_text_itself_is_not_a_service():
    hint = "（饮水供给、避暑取暖、餐食加热、手机充电、休息如厕、其他服务项目）"
    assert parse_services(hint) == (FIVE, "")


def test_an_other_prefix_is_dropped_from_the_other_text():
    assert parse_services("充电、其他：雨伞借用") == ([Service.CHARGING, Service.OTHER], "雨伞借用")


def test_codes_come_in_the_forms_order_without_repeats():
    assert parse_services("充电、饮水、手机充电、喝水") == ([Service.WATER, Service.CHARGING], "")


def test_an_empty_cell_gives_nothing():
    assert parse_services("") == ([], "")
