"""A filing's 附件1 workbook is drawn once and kept under the digest of its cells (issue 26):
a second download is the kept file, and any change to what the sheet shows draws it anew."""

from __future__ import annotations

import pytest
from django.urls import reverse

from stations.excel import writer
from tests.factories import FilingFormFactory, StationFactory

from .helpers import workbook_of


@pytest.fixture
def drawings(monkeypatch):
    drawn = []
    draw = writer.filing_workbook

    def counted(*args, **kwargs):
        drawn.append(args)
        return draw(*args, **kwargs)

    monkeypatch.setattr(writer, "filing_workbook", counted)
    return drawn


def _names(response) -> list:
    return [row[1].value for row in workbook_of(response).active.iter_rows(min_row=7)]


def test_a_second_download_is_the_kept_file(client, world, drawings):
    client.force_login(world.user_a)
    url = reverse("stations:filing_export", args=[world.filing_a.pk])

    first = client.get(url)
    second = client.get(url)

    assert len(drawings) == 1
    assert second.content == first.content
    assert second["Cache-Control"] == "private, no-store"


def test_a_station_added_to_the_filing_draws_it_anew(client, world, drawings):
    client.force_login(world.user_a)
    url = reverse("stations:filing_export", args=[world.filing_a.pk])
    client.get(url)

    StationFactory(filing=world.filing_a, row_number=2, name="第二站")
    response = client.get(url)

    assert len(drawings) == 2
    assert "第二站" in _names(response)


def test_another_filing_is_never_served_the_kept_file(client, world, drawings):
    other = FilingFormFactory(union=world.filing_a.union)
    StationFactory(filing=other, name="另一份备案的站")
    client.force_login(world.aid)
    client.get(reverse("stations:filing_export", args=[world.filing_a.pk]))

    response = client.get(reverse("stations:filing_export", args=[other.pk]))

    assert len(drawings) == 2
    assert _names(response)[0] == "另一份备案的站"


def test_the_blank_template_is_drawn_once_and_never_given_for_a_filing(client, world, drawings):
    client.force_login(world.user_a)
    template = reverse("stations:filing_template")

    first = client.get(template)
    second = client.get(template)
    filing = client.get(reverse("stations:filing_export", args=[world.filing_a.pk]))

    assert [len(args) for args in drawings] == [0, 2]  # the template once, then the filing
    assert second.content == first.content != filing.content
    assert _names(first) == [None] * len(_names(first))  # blank: no station's name
    assert world.station_a.name in _names(filing)


def test_a_new_layout_draws_the_template_anew(client, world, drawings, monkeypatch):
    client.force_login(world.user_a)
    client.get(reverse("stations:filing_template"))
    monkeypatch.setattr(writer, "DRAWING_REVISION", writer.DRAWING_REVISION + 1)

    client.get(reverse("stations:filing_template"))

    assert len(drawings) == 2
