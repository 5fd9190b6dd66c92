"""经费支持 (issue 23, item 6): a title's support amount and the year's awards budget are
recorded with their history; each union's yearly ledger is its campaign goods at their
prices and its titles' amounts, on a page and as a workbook; a union reads only its own,
inspectors nothing."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from awards.models import Award, AwardKind, AwardYear, AwardYearStatus
from awards.services import award_support_set, award_year_budget_set
from history.models import RecordChange
from stations.services.campaigns import campaign_allocate, delivery_record
from tests.campaigns import running_campaign
from tests.factories import OperatingStationFactory

from .conftest import YEAR, title

MONEY = "#,##0.00"


def _deliver(campaign, station, by, amounts):
    goods = list(campaign.goods.all())
    return delivery_record(
        campaign=campaign,
        station=station,
        by=by,
        delivered_on=timezone.localdate(),
        received_by="李站长",
        quantities={g.pk: q for g, q in zip(goods, amounts, strict=False)},
    )


@pytest.fixture
def year_of_support(world):
    """A running campaign (绿豆汤 40 yuan a box, 藿香正气水 12.50 a box) with deliveries to
    both unions' stations, and the same year's published titles of both unions with support
    amounts: union A's 7 × 40 + 4 × 12.50 + 3 × 40 = 450 of goods and 8,000 of awards."""
    campaign = running_campaign(world)
    goods = list(campaign.goods.all())
    campaign_allocate(
        campaign=campaign,
        by=world.aid,
        quantities={(world.union_b.pk, g.pk): 50 for g in goods},
    )
    station_a = OperatingStationFactory(union=world.union_a, district=world.union_a.district)
    station_b = OperatingStationFactory(union=world.union_b, district=world.union_b.district)
    _deliver(campaign, station_a, world.user_a, [7, 4])
    _deliver(campaign, station_a, world.user_a, [3])
    _deliver(campaign, station_b, world.user_b, [10, 10])
    year = campaign.starts_on.year
    award_year = AwardYear.objects.create(
        year=year, status=AwardYearStatus.PUBLISHED, published_at=timezone.now(), budget=20000
    )
    excellent = title(award_year, AwardKind.EXCELLENT_STATION, confirmed=True)
    head = title(award_year, AwardKind.STAR_HEAD, confirmed=True)
    Award.objects.filter(pk=excellent.pk).update(support_amount=Decimal("5000"))
    Award.objects.filter(pk=head.pk).update(support_amount=Decimal("3000"))
    # Union B's title, and a withdrawn one of union A's: neither is union A's support.
    other = title(award_year, AwardKind.EXCELLENT_STATION, confirmed=True)
    Award.objects.filter(pk=other.pk).update(union=world.union_b, support_amount=Decimal("1000"))
    gone = title(award_year, AwardKind.PARTNER, confirmed=True, withdrawn_at=timezone.now())
    Award.objects.filter(pk=gone.pk).update(support_amount=Decimal("9999"))
    return year, campaign


def _client(client, user):
    client.force_login(user)
    return client


def test_a_titles_support_amount_is_recorded_with_its_history(world):
    award_year = AwardYear.objects.create(year=YEAR)
    head = title(award_year, AwardKind.STAR_HEAD, name="刘芳")

    award_support_set(award=head, amount=Decimal("2500.5"), by=world.aid)

    head.refresh_from_db()
    assert head.support_amount == Decimal("2500.50")
    change = RecordChange.objects.get(record=RecordChange.Record.AWARD, record_id=award_year.pk)
    assert change.action == RecordChange.Action.EDITED
    assert change.by == world.aid
    assert change.changes["support_amount"] == ["0.00", "2500.50"]
    assert change.award_name.endswith("刘芳")
    assert change.reason == "经费支持金额：0.00 → 2,500.50 元"


def test_the_selection_page_sets_a_titles_amount(client, world):
    award_year = AwardYear.objects.create(year=YEAR)
    head = title(award_year, AwardKind.STAR_HEAD)
    url = reverse("awards:support", args=[head.pk])
    page = _client(client, world.aid).get(reverse("awards:staff_year", args=[YEAR]))
    assert f'action="{url}"' in page.content.decode()

    response = client.post(url, {"amount": "1200"})

    assert response.status_code == 302
    head.refresh_from_db()
    assert head.support_amount == Decimal("1200.00")


def test_a_withdrawn_title_and_a_negative_amount_are_refused(world):
    award_year = AwardYear.objects.create(
        year=YEAR, status=AwardYearStatus.PUBLISHED, published_at=timezone.now()
    )
    withdrawn = title(award_year, AwardKind.STAR_HEAD, confirmed=True, withdrawn_at=timezone.now())
    standing = title(award_year, AwardKind.EXCELLENT_STATION, confirmed=True)

    with pytest.raises(ValidationError):
        award_support_set(award=withdrawn, amount=Decimal("100"), by=world.aid)
    with pytest.raises(ValidationError, match="零或以上"):
        award_support_set(award=standing, amount=Decimal("-1"), by=world.aid)
    assert not RecordChange.objects.filter(record=RecordChange.Record.AWARD).exists()


def test_the_awards_budget_is_recorded_with_its_history(client, world):
    response = _client(client, world.aid).post(
        reverse("awards:funding_budget", args=[YEAR]), {"amount": "60000"}
    )

    assert response.status_code == 302
    award_year = AwardYear.objects.get(year=YEAR)
    assert award_year.budget == Decimal("60000.00")
    change = RecordChange.objects.get(record=RecordChange.Record.AWARD, record_id=award_year.pk)
    assert change.changes == {"budget": ["0.00", "60000.00"]}
    award_year_budget_set(year=YEAR, budget=Decimal("60000"), by=world.aid)
    assert RecordChange.objects.filter(record_id=award_year.pk).count() == 1


def test_the_ledger_is_deliveries_at_their_prices_and_the_titles_amounts(
    client, world, year_of_support
):
    year, campaign = year_of_support

    page = _client(client, world.aid).get(reverse("awards:funding_year", args=[year]))

    assert page.status_code == 200
    ledger = page.context["ledger"]
    rows = {row.union: row for row in ledger.unions}
    a, b = rows[world.union_a], rows[world.union_b]
    assert a.goods_total == Decimal("450.00")  # 10 × 40 + 4 × 12.50
    assert a.awards_total == Decimal("8000.00")
    assert [(line.good, line.quantity, line.amount) for line in a.goods] == [
        ("绿豆汤", 10, Decimal("400.00")),
        ("藿香正气水", 4, Decimal("50.00")),
    ]
    assert b.goods_total == Decimal("525.00") and b.awards_total == Decimal("1000.00")
    assert ledger.total == Decimal("9975.00")
    budgets = page.context["budgets"]
    assert [(row.campaign, row.used) for row in budgets.campaigns] == [
        (campaign, Decimal("975.00"))
    ]
    assert budgets.awards_granted == Decimal("9000.00")
    assert budgets.budget == Decimal("25000.00")  # the campaign's 5,000 and the awards' 20,000
    assert budgets.left == Decimal("15025.00")
    body = page.content.decode()
    assert "9975.00" in body and "15025.00" in body


def test_a_draft_years_amounts_are_planned_not_received(world, client):
    award_year = AwardYear.objects.create(year=YEAR, budget=10000)
    head = title(award_year, AwardKind.STAR_HEAD, confirmed=True)
    award_support_set(award=head, amount=Decimal("4000"), by=world.aid)

    page = _client(client, world.aid).get(reverse("awards:funding_year", args=[YEAR]))

    assert page.context["ledger"].total == 0
    budgets = page.context["budgets"]
    assert budgets.awards_planned == Decimal("4000.00")
    assert budgets.awards_left == Decimal("6000.00")


def test_a_union_reads_only_its_own_ledger(client, world, year_of_support):
    year, _campaign = year_of_support
    _client(client, world.user_a)

    own = client.get(reverse("awards:funding_year", args=[year]))
    other = client.get(reverse("awards:funding_union", args=[year, world.union_b.pk]))
    other_file = client.get(reverse("awards:funding_union_export", args=[year, world.union_b.pk]))

    assert own.status_code == 200
    assert [row.union for row in own.context["ledger"].unions] == [world.union_a]
    assert own.context["row"].total == Decimal("8450.00")
    assert world.union_b.name not in own.content.decode()
    assert other.status_code == 404 and other_file.status_code == 404


def _sheet_rows(response):
    book = load_workbook(io.BytesIO(response.content))
    return book, list(book.worksheets[0].iter_rows(values_only=True))


def test_the_unions_workbook_opens_with_its_totals(client, world, year_of_support):
    year, _campaign = year_of_support

    response = _client(client, world.user_a).get(reverse("awards:funding_export", args=[year]))

    assert response.status_code == 200
    book, rows = _sheet_rows(response)
    assert len(book.worksheets) == 1  # the budgets are the aid center's
    assert rows[0][0] == "推荐单位" and rows[0][-1] == "金额（元）"
    items = rows[1:-2]
    assert {row[0] for row in items} == {world.union_a.name}
    assert [row[1] for row in items] == ["集中行动物资"] * 2 + ["评优经费"] * 2
    assert rows[-2][1] == "小计" and rows[-2][-1] == 8450
    assert rows[-1][0] == "合计" and rows[-1][-1] == 8450
    sheet = book.worksheets[0]
    assert sheet.cell(row=2, column=9).number_format == MONEY
    assert sheet.cell(row=sheet.max_row, column=9).number_format == MONEY


def test_the_city_workbook_has_every_union_and_the_budgets(client, world, year_of_support):
    year, _campaign = year_of_support

    response = _client(client, world.aid).get(reverse("awards:funding_export", args=[year]))

    book, rows = _sheet_rows(response)
    assert {row[0] for row in rows[1:-1]} == {world.union_a.name, world.union_b.name}
    assert rows[-1][-1] == 9975
    budgets = list(book.worksheets[1].iter_rows(values_only=True))
    assert budgets[-1][0] == "合计" and budgets[-1][1:] == (25000, 9975, 15025)


@pytest.mark.parametrize("name", ["awards:funding_year", "awards:funding_export"])
def test_an_inspector_is_refused(client, world, name):
    response = _client(client, world.inspector).get(reverse(name, args=[YEAR]))

    assert response.status_code == 403


def test_the_workbook_is_kept_until_a_value_it_shows_changes(
    client, world, year_of_support, monkeypatch
):
    """Drawn once and kept under the digest of its values (awards/caches.py): a second
    download is the kept file, a new support amount draws it anew, and a union's ledger is
    never the city's."""
    from awards import funding_workbook

    drawn = []
    draw = funding_workbook._draw
    monkeypatch.setattr(funding_workbook, "_draw", lambda sheets: drawn.append(1) or draw(sheets))
    year, _campaign = year_of_support
    url = reverse("awards:funding_export", args=[year])
    aid = _client(client, world.aid)

    first, second = aid.get(url), aid.get(url)
    assert second.content == first.content and len(drawn) == 1

    award = Award.objects.filter(union=world.union_a, support_amount=Decimal("5000")).get()
    award_support_set(award=award, amount=Decimal("6000"), by=world.aid)
    third = aid.get(url)
    assert len(drawn) == 2 and _sheet_rows(third)[1][-1][-1] == 10975

    client.logout()
    union = _client(client, world.user_a).get(url)
    assert len(drawn) == 3 and len(_sheet_rows(union)[0].worksheets) == 1
