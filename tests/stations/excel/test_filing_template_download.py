from __future__ import annotations

import io

import pytest
from django.urls import reverse

from .helpers import download_name, texts, workbook_of

URL = reverse("stations:filing_template")

OFFICIAL_HEADERS = [
    "序号",
    "推荐站点名称",
    "地址",
    "站点负责人",
    "负责人手机",
    "开放时间",
    "站点区域面积（m²）",
    "服务项目（结合站点实际填写）",
    "计划完成时间",
]


@pytest.fixture
def template(client, world):
    client.force_login(world.user_a)
    response = client.get(URL)
    assert response.status_code == 200
    return response


def test_it_is_named_after_the_form_in_chinese(template):
    assert download_name(template) == "创设户外职工爱心接力站备案表.xlsx"


def test_it_reproduces_the_paper_forms_wording(template):
    ws = workbook_of(template).active
    words = texts(ws)
    assert ws["A1"].value == "创设“户外职工爱心接力站”备案表"
    for label in (
        "推荐单位名称（区、产业局工会）",
        "负责人姓名",
        "负责人邮箱",
        "负责人电话",
        "推荐站点主要信息（可分页）",
        "（饮水供给、避暑取暖、餐食加热、手机充电、休息如厕、其他服务项目）",
        "推荐单位负责人签名",
        "推荐单位盖章",
    ):
        assert label in words
    assert any(w.startswith("备注：1、《备案表》一式三份") for w in words)
    assert [c.value for c in ws[5]][:9] == OFFICIAL_HEADERS


def test_the_optional_registry_columns_are_marked_optional(template):
    headers = [c.value for c in workbook_of(template).active[5]][9:]
    assert headers == [
        f"{h}（选填）"
        for h in ("所在区", "创设载体", "创设单位", "服务对象", "经度", "纬度", "坐标系")
    ]


def test_it_prints_like_the_paper_form(template):
    ws = workbook_of(template).active
    assert ws.page_setup.orientation == "landscape"
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == "$5:$6"  # the headers repeat on every printed page
    assert "A1:P1" in {str(r) for r in ws.merged_cells.ranges}  # the title spans the table
    header = ws["B5"]
    assert header.font.b is True
    assert header.font.name == "宋体"
    assert header.alignment.wrap_text is True
    assert header.border.left.style == "thin"
    assert ws.column_dimensions["C"].width > ws.column_dimensions["A"].width


def test_the_blank_template_imports_as_a_form_without_stations(template, run_import):
    result = run_import(io.BytesIO(template.content))
    assert "备案表中没有填写任何站点。" in [p.message for p in result.problems]


def test_the_aid_center_may_download_it_too(client, world):
    client.force_login(world.aid)
    assert client.get(URL).status_code == 200
