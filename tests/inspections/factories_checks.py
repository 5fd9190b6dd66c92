"""Rows and files the checks tests need."""

from __future__ import annotations

import io
import itertools
import uuid
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from inspections.models import Checklist
from stations.models import StationStatus
from tests.factories import FilingFormFactory, StationFactory

_plaques = itertools.count(700)


def station(union, *, status=StationStatus.ACTIVE, lat="31.230400", lng="121.473700"):
    seq = next(_plaques)
    made = StationFactory(filing=FilingFormFactory(union=union), status=status)
    made.plaque_seq = seq
    made.plaque_number = f"SH{seq:05d}"
    made.latitude = Decimal(lat)
    made.longitude = Decimal(lng)
    made.save()
    return made


def all_met(checklist: Checklist | None = None, *, failing: tuple[str, ...] = ()) -> dict:
    checklist = checklist or Checklist.objects.current()
    return {item.code: item.code not in failing for item in checklist.items.all()}


def image_bytes(fmt: str = "JPEG", size=(40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(out, format=fmt)
    return out.getvalue()


def photo(name="p.jpg", fmt="JPEG", content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes(fmt), content_type=content_type)


def record_kwargs(station, by, **extra) -> dict:
    kwargs = {
        "station": station,
        "by": by,
        "kind": "flying",
        "visited_at": timezone.now(),
        "findings": all_met(),
        "idempotency_key": uuid.uuid4(),
    }
    kwargs.update(extra)
    return kwargs
