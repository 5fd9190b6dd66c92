"""The plaque's printed QR code is the code of the station's public address."""

from __future__ import annotations

from django.conf import settings

from stations.documents.codes import Kind
from stations.documents.qr import station_qr

from .helpers import pdf_gray_pixels, read_file

DPI = 100


def _px(mm: float) -> int:
    return round(mm * DPI / 25.4)


def _printed_modules(data: bytes, size: int) -> list[list[bool]]:
    """Read the modules back from the rendered page: the code sits 30 mm from the right edge
    and 116 mm from the top of the 400 × 300 mm plaque, 104 mm wide with its quiet zone."""
    width, _height, pixels = pdf_gray_pixels(data, DPI)
    area_x, area_y = range(_px(400 - 30 - 104), _px(400 - 30)), range(_px(116), _px(116 + 104))
    dark = [(x, y) for y in area_y for x in area_x if pixels[y * width + x] < 128]
    # The black modules' extent is the symbol without its quiet zone: it fixes the grid.
    left, right = min(x for x, _ in dark), max(x for x, _ in dark)
    top = min(y for _, y in dark)
    module = (right - left + 1) / size
    return [
        [
            pixels[int(top + (row + 0.5) * module) * width + int(left + (col + 0.5) * module)] < 128
            for col in range(size)
        ]
        for row in range(size)
    ]


def test_the_printed_code_encodes_the_public_page_at_level_m_or_better(make, station):
    url = f"{settings.PUBLIC_BASE_URL}/stations/{station.plaque_number}/"
    expected = station_qr(url)
    assert expected.error in {"M", "Q", "H"}
    data = read_file(make(Kind.PLAQUE, station))
    matrix = [[bool(v) for v in row] for row in expected.matrix]
    assert _printed_modules(data, len(matrix)) == matrix
