"""What makes two sends of one idempotency key the same check.

A phone that lost the reply sends the same check again with the same key: that is a repeat,
answered with the first check. The same key with another content (another station, other
answers, another note, other photos) is not a repeat: keeping the first and dropping the
second without a word lost an inspector's work (issue 27). The fingerprint is a SHA-256 of
the fields that define the check, in a canonical form; the visit time is left out, because
a form sent without one takes the server's time, which differs at each send.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _


class CheckConflict(Exception):
    """The key names a check recorded with another content."""

    def __init__(self, existing, sent: dict) -> None:
        self.existing = existing
        self.sent = sent
        super().__init__(conflict_message(existing, sent))


def _position(value) -> str:
    if value is None or value == "":
        return ""
    return str(Decimal(str(value)).quantize(Decimal("0.000001")))


def _photo_digest(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in iter(lambda: upload.read(1 << 16), b""):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def check_fingerprint(*, station, kind: str, answers: Mapping[str, tuple[bool, str]], note: str,
                      latitude, longitude, accuracy_m, photos: Iterable) -> str:  # fmt: skip
    canonical = {
        "station": station.pk,
        "kind": str(kind),
        "answers": {code: [bool(met), note_] for code, (met, note_) in sorted(answers.items())},
        "note": (note or "").strip(),
        "position": [_position(latitude), _position(longitude), accuracy_m or ""],
        "photos": sorted(_photo_digest(photo) for photo in photos),
    }
    text = json.dumps(canonical, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sent_summary(*, station, kind: str, visited_at, answers: Mapping, note: str) -> dict:
    met = sum(1 for met, _note in answers.values() if met)
    return {
        "station": station.name,
        "kind": str(kind),
        "visited_at": timezone.localtime(visited_at).strftime("%Y-%m-%d %H:%M"),
        "met": met,
        "not_met": len(answers) - met,
        "note": (note or "").strip()[:80],
    }


def stored_summary(existing) -> dict:
    return {
        "id": existing.pk,
        "station": existing.station.name,
        "visited_at": timezone.localtime(existing.visited_at).strftime("%Y-%m-%d %H:%M"),
        "score": str(existing.score),
    }


def conflict_message(existing, sent: dict) -> str:
    stored = stored_summary(existing)
    return _(
        "This check's key was already used for another check: the saved one is %(station)s, "
        "%(time)s, score %(score)s; this copy is %(sent_station)s, %(sent_time)s, "
        "%(met)s items met and %(not_met)s not met. The copy was not saved and stays on the "
        "phone: tell the aid center which one is right."
    ) % {
        "station": stored["station"],
        "time": stored["visited_at"],
        "score": stored["score"],
        "sent_station": sent["station"],
        "sent_time": sent["visited_at"],
        "met": sent["met"],
        "not_met": sent["not_met"],
    }
