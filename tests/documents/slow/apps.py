from __future__ import annotations

import time
from typing import Any

from django.apps import AppConfig

# Test-only kinds start with "test_" (the access tests walk every other kind).
SLOW_PLEDGE = "test_slow_pledge"
RENDER_SECONDS = 3


def _sleep_then_draw(payload: dict[str, Any]) -> dict[str, Any]:
    time.sleep(payload["render_seconds"])
    return {}


def slow_pledge_snapshot(station):
    from documents.snapshots import snapshot
    from stations.documents.snapshots import pledge_snapshot

    pledge = pledge_snapshot(station)
    return snapshot(
        SLOW_PLEDGE,
        record_key=pledge.record_key,
        title=pledge.title,
        union_id=pledge.union_id,
        district=pledge.district,
        payload={**pledge.payload, "render_seconds": RENDER_SECONDS},
    )


class SlowDocumentsConfig(AppConfig):
    name = "tests.documents.slow"
    label = "slow_documents"

    def ready(self) -> None:
        from documents.kinds import DocumentKind, register
        from stations.models import Station

        register(
            DocumentKind(
                code=SLOW_PLEDGE,
                label="Service pledge, drawn slowly (tests)",
                template="documents/pledge.html",
                context=_sleep_then_draw,
                snapshot=slow_pledge_snapshot,
                record=Station,
                title_names_file=True,
            )
        )
