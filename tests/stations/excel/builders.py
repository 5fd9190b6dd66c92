"""Workbooks built the way clerks fill in 附件1, independently of the portal's own writer.

``clerk_workbook`` lays out the paper form (title, unit rows, section line, headers, hint
row, stations, signature rows, 备注) with openpyxl, with switches for the variations seen in
real files: merged cells, missing title, blank rows, extra columns, numbers typed as numbers.
"""

from __future__ import annotations

import io

from openpyxl import Workbook

HEADERS = {
    "seq": "序号",
    "name": "推荐站点名称",
    "address": "地址",
    "head_name": "站点负责人",
    "head_mobile": "负责人手机",
    "hours": "开放时间",
    "area": "站点区域面积（m²）",
    "services": "服务项目（结合站点实际填写）",
    "planned": "计划完成时间",
}
EXTRA_HEADERS = {
    "district": "所在区",
    "carrier": "创设载体",
    "host_unit": "创设单位",
    "audience": "服务对象",
    "longitude": "经度",
    "latitude": "纬度",
    "datum": "坐标系",
}
UNIT = {
    "unit_name": "黄浦区总工会",
    "head_name": "王建国",
    "head_email": "wang@example.org",
    "head_phone": "021-63211939",
}


def station_row(n: int = 1, **overrides) -> dict:
    row = {
        "seq": n,
        "name": f"工商银行南京东路第{n}支行爱心接力站",
        "address": f"上海市黄浦区南京东路{100 + n}号",
        "head_name": "李红",
        "head_mobile": "13812345678",
        "hours": "9:00-17:00",
        "area": "3平方米",
        "services": "饮水供给、手机充电",
        "planned": "2018年10月",
    }
    row.update(overrides)
    return row


def clerk_workbook(
    rows: list[dict],
    *,
    unit: dict | None = None,
    title: bool = True,
    hint: bool = True,
    signature: bool = True,
    merge: bool = True,
    extras: tuple[str, ...] = (),
    headers: dict | None = None,
    blank_rows_before: dict[int, int] | None = None,
    sheet_title: str = "Sheet1",
    wb: Workbook | None = None,
    preamble: tuple[str, ...] = (),
) -> Workbook:
    """The form with ``rows`` (dicts keyed like HEADERS/EXTRA_HEADERS) on one sheet."""
    unit = UNIT if unit is None else unit
    headers = {**HEADERS, **(headers or {})}
    keys = list(HEADERS) + list(extras)
    if wb is None:
        wb = Workbook()
        ws = wb.active
        ws.title = sheet_title
    else:
        ws = wb.create_sheet(sheet_title)
    last = len(keys)
    r = 1
    for line in preamble:  # notes the clerk typed above the form
        ws.cell(r, 1, line)
        r += 1
    if title:
        ws.cell(r, 1, "创设“户外职工爱心接力站”备案表")
        if merge:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=last)
        r += 1
    for left, right in (("unit_name", "head_name"), ("head_email", "head_phone")):
        labels = {
            "unit_name": "推荐单位名称（区、产业局工会）",
            "head_name": "负责人姓名",
            "head_email": "负责人邮箱",
            "head_phone": "负责人电话",
        }
        ws.cell(r, 1, labels[left])
        ws.cell(r, 3, unit.get(left))
        ws.cell(r, 6, labels[right])
        ws.cell(r, 8, unit.get(right))
        if merge:
            for a, b in ((1, 2), (3, 5), (6, 7), (8, 9)):
                ws.merge_cells(start_row=r, start_column=a, end_row=r, end_column=b)
        r += 1
    ws.cell(r, 1, "推荐站点主要信息（可分页）")
    if merge:
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=last)
    r += 1
    for c, key in enumerate(keys, start=1):
        ws.cell(r, c, headers.get(key) or EXTRA_HEADERS[key])
    r += 1
    if hint:
        ws.cell(r, 8, "（饮水供给、避暑取暖、餐食加热、手机充电、休息如厕、其他服务项目）")
        r += 1
    for i, row in enumerate(rows):
        r += (blank_rows_before or {}).get(i, 0)
        for c, key in enumerate(keys, start=1):
            if row.get(key) is not None:
                ws.cell(r, c, row[key])
        r += 1
    if signature:
        ws.cell(r, 1, "推荐单位 负责人签名")
        ws.cell(r, 6, "推荐单位盖章")
        if merge:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
            ws.merge_cells(start_row=r, start_column=6, end_row=r, end_column=7)
        r += 2
        ws.cell(
            r,
            1,
            "备注：1、《备案表》一式三份，其中一份推荐单位自行存档，二份上报市总工会职工援助服务中心；",
        )
        ws.cell(r + 1, 1, "2、《备案表》电子版通过网上工作平台发至市总工会职工援助服务中心")
    return wb


def first_station_row(*, title: bool = True, hint: bool = True) -> int:
    """The Excel row of the first station in a clerk_workbook with these switches."""
    return 1 + int(title) + 2 + 1 + 1 + int(hint)


def as_file(wb: Workbook) -> io.BytesIO:
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "备案表.xlsx"
    return buffer


def xlsx(rows: list[dict], **options) -> io.BytesIO:
    return as_file(clerk_workbook(rows, **options))
