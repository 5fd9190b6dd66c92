"""The data migration loads Shanghai's 16 district unions and the industry unions."""

from __future__ import annotations

import pytest
from django.conf import settings

from unions.models import Union


def _district_union_name(district: str) -> str:
    return f"{district}总工会"


@pytest.mark.django_db
def test_exactly_the_sixteen_district_unions_are_loaded():
    districts = Union.objects.filter(kind=Union.Kind.DISTRICT)

    assert len(settings.DISTRICTS) == 16
    assert districts.count() == 16
    assert {u.name for u in districts} == {_district_union_name(d) for d in settings.DISTRICTS}
    assert {u.district for u in districts} == set(settings.DISTRICTS)
    for union in districts:
        assert union.name == _district_union_name(union.district)
    assert Union.objects.get(district="浦东新区").name == "浦东新区总工会"


@pytest.mark.django_db
def test_industry_unions_include_the_greening_and_city_appearance_union():
    industry = Union.objects.filter(kind=Union.Kind.INDUSTRY)

    assert industry.filter(name="上海市绿化市容行业工会").exists()
    assert industry.count() >= 1
    assert not industry.exclude(district="").exists()
    assert Union.objects.count() == 16 + industry.count()


@pytest.mark.django_db
def test_district_unions_come_first_in_the_order_of_the_district_list():
    names = list(Union.objects.values_list("name", flat=True))

    assert names[:16] == [_district_union_name(d) for d in settings.DISTRICTS]
