"""Every metric the README's operations section names, and every metric its alert rules
read, is one /metrics serves (an alert on a name that does not exist never fires)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.ops.metrics_text import samples

pytestmark = pytest.mark.django_db

README = (Path(settings.BASE_DIR) / "README.md").read_text()
SECTION = README.split("### Operations: metrics and alerts", 1)[1].split("\n### ", 1)[0]


def _served(client) -> set[str]:
    """Every metric /metrics declares (its HELP line), with a series yet or not (a labelled
    counter has none before its first event), and every series name."""
    client.get("/stations/")  # a request, so the request series exist
    text = client.get("/metrics").content.decode()
    declared = set(re.findall(r"^# HELP (\S+)", text, re.M))
    return declared | {name for name, _labels in samples(text)}


def test_every_metric_the_table_names_is_served(client):
    named = set(re.findall(r"`(relay_[a-z_]+)", SECTION))
    served = _served(client)

    assert len(named) >= 10
    # A histogram is served as its _bucket, _count and _sum series.
    assert sorted(n for n in named if n not in served and f"{n}_count" not in served) == []


def test_the_alert_rules_read_served_metrics(client):
    rules = SECTION.split("```yaml", 1)[1].split("```", 1)[0]
    expressions = re.findall(r"expr: (.+)", rules)
    read = set(re.findall(r"\b(relay_[a-z_]+)", " ".join(expressions)))

    assert len(expressions) == 2
    assert read and read <= _served(client)
