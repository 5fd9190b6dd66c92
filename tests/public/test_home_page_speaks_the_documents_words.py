"""The home page names the workers as the source document does (一、) and explains 六有 and
6+X in its words (三、, 三、(五)), with the hotline."""

from __future__ import annotations

import pytest


@pytest.fixture
def page(client, db):
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_it_names_the_workers_as_the_document_does(page):
    assert (
        "以环卫工、快递员、协管员、送餐员、出租车司机、物流驾驶员、交警辅警等户外职工为主要服务对象"
        in page
    )


def test_it_explains_the_six_standards(page):
    assert "“六有”标准" in page
    assert "有场所、有标识、有人员、有服务、有设施、有保障" in page


def test_it_explains_six_plus_x(page):
    assert "6+X" in page
    assert "空调、冰箱、微波炉、饮水机（或茶桶等）、充电排插和桌椅" in page
    assert "免费 wifi、外伤急救药箱、书报架" in page


def test_it_gives_the_hotline_in_the_documents_words(page, settings):
    assert "服务咨询、监督电话" in page
    assert f'href="tel:{settings.HOTLINE}"' in page
