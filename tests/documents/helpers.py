"""Helpers for the documents tests: numbered stations, and reading PDFs with poppler."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import time
from collections.abc import Callable

import pytest
from django.utils import timezone

from documents.models import GeneratedDocument
from stations.models import StationStatus
from tests.factories import OperatingStationFactory


def numbered_station(filing, host_unit, n: int, **extra):
    """An approved station with plaque number SH0000n, as approval leaves it."""
    defaults = {
        "filing": filing,
        "host_unit": host_unit,
        "status": StationStatus.APPROVED,
        "plaque_seq": n,
        "plaque_issue_count": 1,
        "approved_at": timezone.make_aware(dt.datetime(2018, 6, 1, 10, 0)),
        "row_number": n,
    }
    return OperatingStationFactory(**{**defaults, **extra})


def pdf_text(data: bytes) -> str:
    """pdftotext's reading of a PDF in drawing order (``-raw``: each table cell stays whole),
    with all white space removed, since CJK lines wrap anywhere."""
    out = subprocess.run(
        ["pdftotext", "-raw", "-", "-"], input=data, capture_output=True, check=True
    )
    return re.sub(r"\s+", "", out.stdout.decode("utf-8"))


def pdf_page_size_mm(data: bytes) -> tuple[int, int]:
    out = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, check=True).stdout
    match = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", out.decode())
    width, height = (float(v) * 25.4 / 72 for v in match.groups())
    return round(width), round(height)


def pdf_pages(data: bytes) -> int:
    out = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", out.decode()).group(1))


def pdf_fonts(data: bytes) -> list[str]:
    """Names of the fonts embedded in a PDF, as pdffonts lists them."""
    out = subprocess.run(["pdffonts", "-"], input=data, capture_output=True, check=True)
    lines = out.stdout.decode().splitlines()[2:]
    return [line.split()[0] for line in lines if line.strip()]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def read_file(document: GeneratedDocument) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()


def wait_until(predicate: Callable[[], bool], timeout: float, what: str, worker=None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    detail = f"\n--- worker log ---\n{worker.tail()}" if worker else ""
    pytest.fail(f"timed out after {timeout}s waiting for {what}{detail}", pytrace=False)


def pdf_gray_pixels(data: bytes, dpi: int) -> tuple[int, int, bytes]:
    """The first page as 8-bit grey pixels (pdftoppm's binary PGM): width, height, bytes."""
    out = subprocess.run(
        ["pdftoppm", "-gray", "-r", str(dpi), "-f", "1", "-l", "1", "-"],
        input=data,
        capture_output=True,
        check=True,
    ).stdout
    match = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", out)
    width, height = int(match.group(1)), int(match.group(2))
    return width, height, out[match.end() :]
