"""factory-boy factories shared by every test module."""

from __future__ import annotations

import datetime as dt

import factory
from django.conf import settings
from django.contrib.auth import get_user_model

from history.changes import announce
from stations.models import Audience, FilingForm, Service, Station, StationStatus
from unions.models import CarrierType, HostUnit, Profile, Role, Union

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or PASSWORD)
        if create:
            obj.save(update_fields=["password"])


def make_user(username: str, role: str, *, union: Union | None = None, district: str = ""):
    user = UserFactory(username=username)
    if role == Role.ADMIN:
        user.is_superuser = True
        user.is_staff = True
        user.save(update_fields=["is_superuser", "is_staff"])
    Profile.objects.update_or_create(
        user=user, defaults={"role": role, "union": union, "district": district}
    )
    return user


class HostUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HostUnit

    union = factory.LazyFunction(lambda: Union.objects.get(code="huangpu"))
    name = factory.Sequence(lambda n: f"工商银行第{n}支行")
    carrier_type = CarrierType.BANK
    parent_unit = "中国工商银行上海市分行"


class FilingFormFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FilingForm

    union = factory.LazyFunction(lambda: Union.objects.get(code="huangpu"))
    unit_name = factory.LazyAttribute(lambda o: o.union.name)
    head_name = "王建国"
    head_email = "wang@example.org"
    head_phone = "021-63211939"


class StationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Station

    filing = factory.SubFactory(FilingFormFactory)
    union = factory.LazyAttribute(lambda o: o.filing.union)
    name = factory.Sequence(lambda n: f"爱心接力站{n}号")
    address = factory.Sequence(lambda n: f"南京东路{n}号")
    head_name = "李红"
    head_mobile = "13812345678"
    opening_hours_text = "9:00-17:00"
    opening_hours = factory.LazyFunction(
        lambda: [{"days": [0, 1, 2, 3, 4, 5, 6], "start": "09:00", "end": "17:00"}]
    )
    area_m2 = 3
    services = factory.LazyFunction(lambda: [Service.WATER, Service.CHARGING])
    planned_completion = dt.date(2018, 10, 31)
    district = factory.LazyAttribute(lambda o: o.union.district or "黄浦区")
    carrier_type = CarrierType.BANK
    audience = Audience.ALL
    status = StationStatus.DRAFT

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        super()._after_postgeneration(instance, create, results)
        if create:
            # A station made for a test is announced as a service's would be (history.changes):
            # the copies kept before it was made give way, as they would in production.
            announce(
                "station", ids=(instance.pk,), stations=(instance.pk,), unions=(instance.union_id,)
            )


class OperatingStationFactory(StationFactory):
    """The tests' one "operating station" (issue 22): active, with a plaque number from the
    plaque sequence, as the lifecycle leaves a station. tests/public's ``public_station``,
    tests/assessment's ``operating_station`` and tests/documents' ``numbered_station`` are
    this factory with their own defaults (a position, activation dates, an approved status);
    pass any field to override it."""

    status = StationStatus.ACTIVE
    plaque_seq = factory.Sequence(lambda n: 90000 + n)
    plaque_number = factory.LazyAttribute(lambda o: f"{settings.PLAQUE_PREFIX}{o.plaque_seq:05d}")


def station_changed(station: Station, **fields) -> Station:
    """Change a station's fields as a service would: saved, then announced (history.changes),
    for tests of what a change shows rather than of the service that makes it."""
    for name, value in fields.items():
        setattr(station, name, value)
    station.save()
    announce("station", ids=(station.pk,), stations=(station.pk,), unions=(station.union_id,))
    return station
