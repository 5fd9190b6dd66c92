"""Under gunicorn's several workers a scrape, whichever worker serves it, counts the
requests of all of them (prometheus-client's multiprocess mode, PROMETHEUS_MULTIPROC_DIR)."""

from __future__ import annotations

import pytest

from tests.ops.metrics_text import value
from tests.ops.servers import get, gunicorn

# serialized_rollback: the flush after each test would take the unions the data migration
# loaded; they are put back for the next test.
pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_every_workers_requests_are_in_every_scrape(tmp_path):
    folder = tmp_path / "prometheus"
    folder.mkdir()
    with gunicorn(tmp_path, workers=3, PROMETHEUS_MULTIPROC_DIR=str(folder)) as web:
        for _ in range(30):
            assert get(web.url + "/api/v1/")[0] == 200

        # Several scrapes, served by whichever worker is free: each sees all 30.
        seen = set()
        for _ in range(6):
            status, body = get(web.url + "/metrics")
            assert status == 200
            seen.add(
                value(
                    body.decode(),
                    "relay_http_requests_total",
                    view="stations:open_data",
                    method="GET",
                    status="2xx",
                )
            )
        files = list(folder.glob("*.db"))

    assert seen == {30.0}
    assert len({f.name.rsplit("_", 1)[-1] for f in files}) >= 2, "one worker served them all"
