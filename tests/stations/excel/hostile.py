"""Hand-made .xlsx packages for hostile uploads: any sheet XML, any declared dimension.

openpyxl always writes an honest file; these write exactly the XML a test asks for, row by
row into the zip member, so that a large sheet never sits in memory whole.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

from openpyxl.utils import get_column_letter

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}">'
    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}">'
    '<sheets><sheet name="备案表" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}">'
    f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)


def cell(row: int, col: int, value) -> str:
    ref = f"{get_column_letter(col)}{row}"
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'


def row_xml(number: int, values: Iterable) -> str:
    cells = "".join(cell(number, col, v) for col, v in enumerate(values, start=1) if v is not None)
    return f'<row r="{number}">{cells}</row>'


def write_xlsx(
    target,
    rows: Iterable[str],
    *,
    dimension: str | None = None,
    merged: Iterable[str] = (),
    prolog: str = "",
) -> None:
    """Write a one-sheet package to ``target`` (path or file) with these ``<row>`` strings."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            head = f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet xmlns="{MAIN}">'
            if dimension:
                head += f'<dimension ref="{dimension}"/>'
            sheet.write((head + "<sheetData>").encode())
            buffer: list[str] = []
            for row in rows:
                buffer.append(row)
                if len(buffer) >= 1000:
                    sheet.write("".join(buffer).encode())
                    buffer.clear()
            sheet.write("".join(buffer).encode())
            tail = "</sheetData>"
            merged = list(merged)
            if merged:
                refs = "".join(f'<mergeCell ref="{ref}"/>' for ref in merged)
                tail += f'<mergeCells count="{len(merged)}">{refs}</mergeCells>'
            sheet.write((tail + "</worksheet>").encode())


def xlsx_bytes(rows: Iterable[str], **options) -> io.BytesIO:
    buffer = io.BytesIO()
    write_xlsx(buffer, rows, **options)
    buffer.seek(0)
    return buffer
